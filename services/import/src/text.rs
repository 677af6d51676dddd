//! Values as councils write them in published pages: dates (`2010-06-09`, `09/06/2010`,
//! `21st May 2010`) and contact lines (`Email: … Tel: …`).

use chrono::NaiveDate;
use thiserror::Error;

/// Text that is not a date in any form the register reads.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{0:?} is not a date (use 2010-06-09, 09/06/2010 or 9 June 2010)")]
pub struct NotADate(pub String);

/// Reads a UK civil date in the forms councils publish: ISO `2010-06-09`, `09/06/2010` (day
/// first), or `21st May 2010` / `21 May 2010` / `3 Sep 2010`, with or without a weekday
/// ("Wednesday, 9th June, 2010"), in English or Welsh ("Dydd Mercher, 9 Mehefin 2010"), and
/// with the full stop or semicolon pages leave after a value.
pub fn parse_uk_date(raw: &str) -> Result<NaiveDate, NotADate> {
    let s = raw.trim();
    let bad = || NotADate(s.to_owned());
    let bare = s.trim_end_matches(['.', ';', ',']).trim_end();
    if let Ok(d) = NaiveDate::parse_from_str(bare, "%Y-%m-%d") {
        return Ok(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(bare, "%d/%m/%Y") {
        return Ok(d);
    }
    let mut words: Vec<&str> = bare
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words
        .first()
        .is_some_and(|w| w.eq_ignore_ascii_case("dydd"))
    {
        words.drain(..words.len().min(2));
    } else if words.first().is_some_and(|w| is_weekday(w)) {
        words.remove(0);
    }
    let [day, month, year] = words[..] else {
        return Err(bad());
    };
    let day = day.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let month = welsh_month(month).unwrap_or(month);
    let cleaned = format!("{day} {month} {year}");
    NaiveDate::parse_from_str(&cleaned, "%d %B %Y")
        .or_else(|_| NaiveDate::parse_from_str(&cleaned, "%d %b %Y"))
        .map_err(|_| bad())
}

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let word = word.to_lowercase();
    DAYS.iter()
        .any(|d| *d == word || (word.len() == 3 && d.starts_with(&word)))
}

/// The English name of a Welsh month, for bilingual councils' pages.
fn welsh_month(word: &str) -> Option<&'static str> {
    const MONTHS: [(&str, &str); 12] = [
        ("ionawr", "January"),
        ("chwefror", "February"),
        ("mawrth", "March"),
        ("ebrill", "April"),
        ("mai", "May"),
        ("mehefin", "June"),
        ("gorffennaf", "July"),
        ("awst", "August"),
        ("medi", "September"),
        ("hydref", "October"),
        ("tachwedd", "November"),
        ("rhagfyr", "December"),
    ];
    let word = word.to_lowercase();
    MONTHS
        .iter()
        .find(|(welsh, _)| *welsh == word)
        .map(|(_, english)| *english)
}

/// A published contact line, with the email and phone picked out of it. What cannot be
/// recognised is left absent; the line itself is always kept as given.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PublishedContact {
    /// The email address, if the line has one.
    pub email: Option<String>,
    /// The telephone number, if the line has one.
    pub phone: Option<String>,
    /// The line as published, trimmed.
    pub as_given: String,
}

impl PublishedContact {
    /// Reads a contact line such as "Email: Paultaylor@maidstone.gov.uk Tel: 01622 602068.".
    pub fn from_text(text: &str) -> PublishedContact {
        let email = text
            .split_whitespace()
            .find(|w| w.contains('@'))
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned());
        let phone = text
            .find("Tel:")
            .or_else(|| text.find("Tel"))
            .or_else(|| text.find("Phone:"))
            .map(|i| &text[i..])
            .map(|rest| {
                rest.trim_start_matches(|c: char| c.is_alphabetic() || c == ':' || c == '.')
                    .trim_start()
            })
            .map(|rest| {
                rest.chars()
                    .take_while(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '(' | ')' | '-'))
                    .collect::<String>()
                    .trim()
                    .to_owned()
            })
            .filter(|p| !p.is_empty());
        PublishedContact {
            email,
            phone,
            as_given: text.trim().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn uk_dates_are_read_in_the_forms_councils_publish() {
        assert_eq!(parse_uk_date("2010-06-09"), Ok(d(2010, 6, 9)));
        assert_eq!(parse_uk_date("09/06/2010"), Ok(d(2010, 6, 9)));
        assert_eq!(parse_uk_date("21st May 2010"), Ok(d(2010, 5, 21)));
        assert!(parse_uk_date("2 Sept 2010").is_err());
        assert_eq!(parse_uk_date("3 Sep 2010"), Ok(d(2010, 9, 3)));
        assert!(parse_uk_date("31/02/2010").is_err());
        assert!(parse_uk_date("06/09").is_err());
    }

    #[test]
    fn dates_with_weekdays_punctuation_and_welsh_months_are_read() {
        assert_eq!(
            parse_uk_date("Wednesday, 9th June, 2010"),
            Ok(d(2010, 6, 9))
        );
        assert_eq!(parse_uk_date("Wed 9 June 2010"), Ok(d(2010, 6, 9)));
        assert_eq!(parse_uk_date("21st May 2010."), Ok(d(2010, 5, 21)));
        assert_eq!(parse_uk_date("11/06/2010;"), Ok(d(2010, 6, 11)));
        assert_eq!(
            parse_uk_date("Dydd Mercher, 9 Mehefin 2010"),
            Ok(d(2010, 6, 9))
        );
        assert_eq!(parse_uk_date("1af Mawrth 2011"), Ok(d(2011, 3, 1)));
        assert!(parse_uk_date("Wednesday").is_err());
    }

    #[test]
    fn a_published_contact_line_yields_its_email_and_phone() {
        let c =
            PublishedContact::from_text("Email: Paultaylor@maidstone.gov.uk Tel: 01622 602068.");
        assert_eq!(c.email.as_deref(), Some("Paultaylor@maidstone.gov.uk"));
        assert_eq!(c.phone.as_deref(), Some("01622 602068"));
        assert_eq!(
            c.as_given,
            "Email: Paultaylor@maidstone.gov.uk Tel: 01622 602068."
        );
    }
}
