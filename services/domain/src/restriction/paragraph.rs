//! A paragraph of an exemption schedule as councils cite it: a number, sometimes with a
//! sub-letter ("6a", "6(b)").

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use thiserror::Error;

/// A cited paragraph: "3", or "6a" where the schedule's paragraph has lettered parts. Ordered
/// by number, then letter. Stored as a JSON number when it has no letter (so restrictions
/// written before letters were possible read the same) and as a string such as `"6a"` when it
/// has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Paragraph {
    number: u8,
    letter: Option<char>,
}

/// Why a paragraph could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "{0:?} is not a paragraph: expected a number, optionally with a letter, e.g. \"3\" or \"6a\""
)]
pub struct ParagraphError(pub String);

impl Paragraph {
    /// A paragraph with no letter.
    pub fn number(number: u8) -> Self {
        Self {
            number,
            letter: None,
        }
    }

    /// Reads "3", "6a", "6A", "6(a)", "para 6a", "paragraph 6 (b)": a number from 1 to 255 and
    /// at most one letter.
    pub fn parse(raw: &str) -> Result<Self, ParagraphError> {
        let fail = || ParagraphError(raw.to_owned());
        let lower = raw.trim().to_lowercase();
        let rest = ["paragraph", "para.", "para", "§"]
            .iter()
            .find_map(|prefix| lower.strip_prefix(prefix))
            .unwrap_or(&lower)
            .trim_start();
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let number: u8 = digits.parse().map_err(|_| fail())?;
        if number == 0 {
            return Err(fail());
        }
        let tail: String = rest[digits.len()..]
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')'))
            .collect();
        let letter = match tail.as_str() {
            "" => None,
            t if t.len() == 1 && t.chars().all(|c| c.is_ascii_lowercase()) => t.chars().next(),
            _ => return Err(fail()),
        };
        Ok(Self { number, letter })
    }

    /// The paragraph's number (6 for "6a").
    pub fn paragraph_number(self) -> u8 {
        self.number
    }

    /// Its letter, if any ('a' for "6a").
    pub fn letter(self) -> Option<char> {
        self.letter
    }
}

impl fmt::Display for Paragraph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.number)?;
        if let Some(letter) = self.letter {
            write!(f, "{letter}")?;
        }
        Ok(())
    }
}

impl Serialize for Paragraph {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.letter {
            None => serializer.serialize_u8(self.number),
            Some(_) => serializer.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for Paragraph {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Stored {
            Number(u8),
            Text(String),
        }
        match Stored::deserialize(deserializer)? {
            Stored::Number(0) => Err(serde::de::Error::custom("paragraph 0 does not exist")),
            Stored::Number(n) => Ok(Paragraph::number(n)),
            Stored::Text(text) => Paragraph::parse(&text).map_err(serde::de::Error::custom),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_read_as_councils_write_them() {
        for (raw, shown) in [
            ("3", "3"),
            ("6a", "6a"),
            ("6A", "6a"),
            ("6(b)", "6b"),
            ("Paragraph 6 (b)", "6b"),
            ("para 12", "12"),
        ] {
            assert_eq!(Paragraph::parse(raw).unwrap().to_string(), shown, "{raw}");
        }
        for bad in ["", "0", "a", "6ab", "6-", "256", "3 and 4"] {
            assert!(Paragraph::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_plain_paragraph_is_stored_as_a_number_and_a_lettered_one_as_text() {
        assert_eq!(
            serde_json::to_value(Paragraph::number(3)).unwrap(),
            serde_json::json!(3)
        );
        let lettered = Paragraph::parse("6a").unwrap();
        assert_eq!(
            serde_json::to_value(lettered).unwrap(),
            serde_json::json!("6a")
        );
        assert_eq!(
            serde_json::from_value::<Paragraph>(serde_json::json!("6a")).unwrap(),
            lettered
        );
        assert!(serde_json::from_value::<Paragraph>(serde_json::json!(0)).is_err());
    }

    #[test]
    fn lettered_paragraphs_sort_after_their_number() {
        let mut ps = [
            Paragraph::parse("6b").unwrap(),
            Paragraph::number(6),
            Paragraph::parse("6a").unwrap(),
            Paragraph::number(3),
        ];
        ps.sort();
        let shown: Vec<String> = ps.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["3", "6", "6a", "6b"]);
    }
}
