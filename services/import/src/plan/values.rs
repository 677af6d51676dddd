//! Field text as pages write it, typed: yes/no answers, dates, "date - body" lines, lists,
//! resolutions and contact lines. Each returns `None` (or an empty list) for what it cannot read;
//! the caller keeps the raw text in the record's provenance and notes it.

use chrono::NaiveDate;
use civic_domain::decision::{Contact, Resolution, Resolutions};
use civic_domain::values::{EmailAddress, LongText, Name, PhoneNumber, ResolutionLabel};

use crate::text::{PublishedContact, parse_uk_date};

/// "Yes"/"No", in English or Welsh, with the punctuation pages add.
pub fn yes_no(text: &str) -> Option<bool> {
    let word = text
        .trim()
        .trim_end_matches(['.', ';', ','])
        .trim()
        .to_lowercase();
    match word.as_str() {
        "yes" | "y" | "ie" | "oes" | "ydy" | "ydi" => Some(true),
        "no" | "n" | "na" | "nac oes" | "nage" | "nac ydy" | "nac ydi" => Some(false),
        _ => None,
    }
}

/// A date as councils write it.
pub fn date(text: &str) -> Option<NaiveDate> {
    parse_uk_date(text).ok()
}

/// "09/06/2010 - Cabinet." (ModernGov's "Decided:" and "Decided at meeting:"): the date and the
/// body's name as shown, either of which may be missing.
pub fn date_and_body(text: &str) -> (Option<NaiveDate>, Option<String>) {
    match text.split_once(" - ") {
        Some((when, body)) => {
            let body = crate::plan::council::shown(body);
            (date(when), (!body.is_empty()).then(|| body.to_owned()))
        }
        None => match date(text) {
            Some(day) => (Some(day), None),
            None => (None, Some(crate::plan::council::shown(text).to_owned())),
        },
    }
}

/// A name as shown, without trailing punctuation; `None` if blank or too long for a name.
pub fn name(text: &str) -> Option<Name> {
    Name::parse(crate::plan::council::shown(text)).ok()
}

/// Prose as given; `None` if blank or beyond the register's longest text.
pub fn long_text(text: &str) -> Option<LongText> {
    LongText::parse(text).ok()
}

/// A list separated by semicolons (ModernGov ends "Reason Key" and "Wards Affected" values with
/// one): "Policies, Plans, Strategies;" is one item, commas and all.
pub fn semicolon_list(text: &str) -> Vec<Name> {
    text.split(';').filter_map(name).collect()
}

/// Whether a "Wards Affected" value means every ward: "(All Wards)", "All Wards", "All".
pub fn is_all_wards(text: &str) -> bool {
    let folded = crate::plan::council::fold(text);
    let bare = folded.trim_matches(['(', ')']).trim();
    matches!(
        bare,
        "all wards" | "all" | "pob ward" | "all wards;" | "borough-wide"
    )
}

/// Whether a value says "none" ("None", "N/A", "Dim"), which some fields mean as a value.
pub fn is_none_word(text: &str) -> bool {
    let folded = crate::plan::council::fold(text);
    matches!(
        folded.as_str(),
        "none" | "n/a" | "nil" | "dim" | "none declared"
    )
}

/// The resolutions of a "Decision:" section: each paragraph that starts with a label ("1.",
/// "(a)", "ii)") starts a resolution; an unlabelled paragraph continues the one before, or stands
/// alone when it comes first.
pub fn resolutions(text: &str) -> Resolutions {
    let mut out: Vec<(Option<String>, String)> = Vec::new();
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        match split_label(paragraph) {
            Some((label, body)) => out.push((Some(label.to_owned()), body.to_owned())),
            None => match out.last_mut() {
                Some((_, body)) => {
                    body.push_str("\n\n");
                    body.push_str(paragraph);
                }
                None => out.push((None, paragraph.to_owned())),
            },
        }
    }
    Resolutions::new(
        out.into_iter()
            .filter_map(|(label, body)| {
                Some(Resolution {
                    label: label.and_then(|l| ResolutionLabel::parse(&l).ok()),
                    text: LongText::parse(&body).ok()?,
                })
            })
            .collect(),
    )
}

/// A leading resolution label and the text after it: "1.", "1)", "(a)", "a)", "(iv)", "1.1".
fn split_label(paragraph: &str) -> Option<(&str, &str)> {
    let (first, rest) = paragraph.split_once(char::is_whitespace)?;
    let rest = rest.trim_start();
    if rest.is_empty() || first.chars().count() > 8 {
        return None;
    }
    let inner = first
        .trim_start_matches('(')
        .trim_end_matches(['.', ')', ':']);
    let closed = first.ends_with(['.', ')', ':']) || first.starts_with('(');
    let numeric = !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit() || c == '.');
    let lettered = inner.len() == 1 && inner.chars().all(|c| c.is_ascii_lowercase());
    let roman = !inner.is_empty() && inner.len() <= 5 && inner.chars().all(|c| "ivx".contains(c));
    (closed && (numeric || lettered || roman)).then(|| {
        let label = first.trim_end_matches(['.', ':']);
        let label = if label.starts_with('(') || !label.ends_with(')') {
            label.trim_start_matches('(').trim_end_matches(')')
        } else {
            label.trim_end_matches(')')
        };
        (label, rest)
    })
}

/// A contact line: the email and phone picked out, and the line as given.
pub fn contact(text: &str) -> Option<Contact> {
    let published = PublishedContact::from_text(text);
    let (email, phone) = email_and_phone(&published);
    Some(Contact {
        name: None,
        email,
        phone,
        as_given: Some(LongText::parse(&published.as_given).ok()?),
    })
}

/// The email and phone picked out of a contact line, each if it is a valid one.
pub fn email_and_phone(
    published: &PublishedContact,
) -> (Option<EmailAddress>, Option<PhoneNumber>) {
    (
        published
            .email
            .as_deref()
            .and_then(|e| EmailAddress::parse(e).ok()),
        published
            .phone
            .as_deref()
            .and_then(|p| PhoneNumber::parse(p).ok()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_and_no_are_read_in_english_and_welsh() {
        assert_eq!(yes_no("Yes"), Some(true));
        assert_eq!(yes_no(" no. "), Some(false));
        assert_eq!(yes_no("Ie"), Some(true));
        assert_eq!(yes_no("Nac oes"), Some(false));
        assert_eq!(yes_no("Perhaps"), None);
    }

    #[test]
    fn a_decided_line_gives_its_date_and_body() {
        assert_eq!(
            date_and_body("09/06/2010 - Cabinet."),
            (
                NaiveDate::from_ymd_opt(2010, 6, 9),
                Some("Cabinet".to_owned())
            )
        );
        assert_eq!(
            date_and_body("19/10/2015 - Policy Committee"),
            (
                NaiveDate::from_ymd_opt(2015, 10, 19),
                Some("Policy Committee".to_owned())
            )
        );
        assert_eq!(date_and_body("Cabinet").1, Some("Cabinet".to_owned()));
    }

    #[test]
    fn resolutions_keep_their_labels_and_continuations() {
        let r = resolutions("1.  That A be approved.\n\n2. That B be noted.\n\nWith C.\n\n(a) D");
        let got: Vec<(Option<&str>, &str)> = r
            .as_slice()
            .iter()
            .map(|r| (r.label.as_ref().map(|l| l.as_str()), r.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("1"), "That A be approved."),
                (Some("2"), "That B be noted.\n\nWith C."),
                (Some("a"), "D"),
            ]
        );
        let prose = resolutions("The Cabinet agreed the plan.");
        assert_eq!(prose.as_slice().len(), 1);
        assert!(prose.as_slice()[0].label.is_none());
    }

    #[test]
    fn lists_and_special_words() {
        let keys = semicolon_list("Policies, Plans, Strategies;");
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0].as_str(), "Policies, Plans, Strategies");
        assert!(is_all_wards("(All Wards);"));
        assert!(!is_all_wards("Bridge; Park Wood"));
        assert!(is_none_word("None"));
    }
}
