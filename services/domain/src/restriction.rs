//! Withholding information from the public: exempt and confidential
//! information, the statutory scheme and paragraphs relied on, and the public
//! notice that something was withheld.

use crate::values::Reason;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Whether the information is exempt (the council may withhold it under a
/// schedule paragraph) or confidential (it must withhold it: given by a
/// government department in confidence, or barred by law or court order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RestrictionCategory {
    /// Exempt information: needs at least one schedule paragraph.
    #[serde(rename = "exempt")]
    Exempt,
    /// Confidential information (LGA 1972 s100A(3)): no paragraph applies.
    #[serde(rename = "confidential")]
    Confidential,
}

/// The statute whose paragraphs describe the exempt information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ExemptionScheme {
    /// England: LGA 1972 Sch 12A Part 1 as amended in 2006, paragraphs 1-7.
    #[serde(rename = "schedule_12a_part_1")]
    Schedule12APart1,
    /// Wales: LGA 1972 Sch 12A Part 4, paragraphs 12-18.
    #[serde(rename = "schedule_12a_part_4")]
    Schedule12APart4,
    /// Scotland: LG (Scotland) Act 1973 Sch 7A, paragraphs 1-15.
    #[serde(rename = "schedule_7a")]
    Schedule7A,
    /// Northern Ireland: LG Act (NI) 2014 Sch 6, paragraphs 1-7.
    #[serde(rename = "northern_ireland_schedule_6")]
    NorthernIrelandSchedule6,
    /// Old English records: LGA 1972 Sch 12A before the 2006 amendment,
    /// paragraphs 1-15.
    #[serde(rename = "pre_2006_schedule_12a")]
    Pre2006Schedule12A,
}

impl ExemptionScheme {
    /// The lowest and highest paragraph numbers that describe exempt
    /// information under this scheme.
    pub fn paragraph_range(self) -> (u8, u8) {
        match self {
            ExemptionScheme::Schedule12APart1 => (1, 7),
            ExemptionScheme::Schedule12APart4 => (12, 18),
            ExemptionScheme::Schedule7A => (1, 15),
            ExemptionScheme::NorthernIrelandSchedule6 => (1, 7),
            ExemptionScheme::Pre2006Schedule12A => (1, 15),
        }
    }

    /// How the scheme is cited to the public.
    pub fn citation(self) -> &'static str {
        match self {
            ExemptionScheme::Schedule12APart1 => "Local Government Act 1972, Schedule 12A, Part 1",
            ExemptionScheme::Schedule12APart4 => "Local Government Act 1972, Schedule 12A, Part 4",
            ExemptionScheme::Schedule7A => "Local Government (Scotland) Act 1973, Schedule 7A",
            ExemptionScheme::NorthernIrelandSchedule6 => {
                "Local Government Act (Northern Ireland) 2014, Schedule 6"
            }
            ExemptionScheme::Pre2006Schedule12A => {
                "Local Government Act 1972, Schedule 12A (before 2006)"
            }
        }
    }
}

/// Why a restriction could not be built.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RestrictionError {
    /// Exempt information must cite at least one paragraph; the edge should
    /// ask for the paragraph(s) relied on.
    #[error("exempt information must cite at least one paragraph of {}", scheme.citation())]
    NoParagraphs {
        /// The scheme named.
        scheme: ExemptionScheme,
    },
    /// A paragraph number does not exist in the scheme (e.g. paragraph 8 of
    /// the 2006 English Part 1); invalid input.
    #[error("paragraph {paragraph} is not an exemption paragraph of {} ({min}-{max})", scheme.citation())]
    ParagraphOutOfRange {
        /// The scheme named.
        scheme: ExemptionScheme,
        /// The paragraph given.
        paragraph: u8,
        /// First valid paragraph.
        min: u8,
        /// Last valid paragraph.
        max: u8,
    },
    /// Confidential information is not withheld under a paragraph; citing
    /// one is a category mix-up. Invalid input.
    #[error("confidential information does not cite exemption paragraphs")]
    ParagraphsOnConfidential,
}

/// A statement that a field or document is withheld from the public, and on
/// what legal basis. Paragraphs are kept sorted and unique.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RestrictionRecord", into = "RestrictionRecord")]
pub struct Restriction {
    category: RestrictionCategory,
    scheme: ExemptionScheme,
    paragraphs: Vec<u8>,
    public_interest_test_applied: bool,
    reason: Option<Reason>,
}

/// A restriction as a clerk or a page states it, before the council is known: the scheme may be
/// left unnamed, meaning the current scheme of the council's nation. Commands carry drafts;
/// [`RestrictionDraft::resolve`] runs where the council is known (in `decide`) and checks the
/// paragraphs against the scheme. Events only ever hold resolved [`Restriction`]s.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct RestrictionDraft {
    /// Exempt or confidential.
    pub category: RestrictionCategory,
    /// The statute named, if any.
    pub scheme: Option<ExemptionScheme>,
    /// The paragraphs relied on.
    pub paragraphs: Vec<u8>,
    /// Whether the public-interest test was applied.
    pub public_interest_test_applied: bool,
    /// The council's reason, if given.
    pub reason: Option<Reason>,
}

impl RestrictionDraft {
    /// The restriction, with `nation_default` as its scheme when none was named (see
    /// [`crate::nation::Nation::default_scheme`]).
    pub fn resolve(self, nation_default: ExemptionScheme) -> Result<Restriction, RestrictionError> {
        let RestrictionDraft {
            category,
            scheme,
            paragraphs,
            public_interest_test_applied,
            reason,
        } = self;
        Restriction::parse(
            category,
            scheme.unwrap_or(nation_default),
            paragraphs,
            public_interest_test_applied,
            reason,
        )
    }
}

/// A restriction of a command that did not resolve, with the path of the field that holds it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field}: {error}")]
pub struct RestrictionAt {
    /// The path of the restriction in the command's input, e.g. `documents[0].restriction`.
    pub field: String,
    /// What is wrong with it.
    pub error: RestrictionError,
}

/// A resolved restriction stated again, its scheme named.
impl From<Restriction> for RestrictionDraft {
    fn from(r: Restriction) -> Self {
        RestrictionDraft {
            category: r.category,
            scheme: Some(r.scheme),
            paragraphs: r.paragraphs,
            public_interest_test_applied: r.public_interest_test_applied,
            reason: r.reason,
        }
    }
}

/// The stored shape of a [`Restriction`]; deserialising re-validates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct RestrictionRecord {
    #[serde(rename = "category")]
    category: RestrictionCategory,
    #[serde(rename = "scheme")]
    scheme: ExemptionScheme,
    #[serde(rename = "paragraphs")]
    paragraphs: Vec<u8>,
    #[serde(rename = "public_interest_test_applied")]
    public_interest_test_applied: bool,
    #[serde(rename = "reason")]
    reason: Option<Reason>,
}

impl TryFrom<RestrictionRecord> for Restriction {
    type Error = RestrictionError;
    fn try_from(r: RestrictionRecord) -> Result<Self, Self::Error> {
        Restriction::parse(
            r.category,
            r.scheme,
            r.paragraphs,
            r.public_interest_test_applied,
            r.reason,
        )
    }
}

impl From<Restriction> for RestrictionRecord {
    fn from(r: Restriction) -> Self {
        RestrictionRecord {
            category: r.category,
            scheme: r.scheme,
            paragraphs: r.paragraphs,
            public_interest_test_applied: r.public_interest_test_applied,
            reason: r.reason,
        }
    }
}

impl Restriction {
    /// Builds a restriction, checking the paragraphs against the scheme:
    /// exempt information cites one or more paragraphs in the scheme's range,
    /// confidential information cites none.
    pub fn parse(
        category: RestrictionCategory,
        scheme: ExemptionScheme,
        paragraphs: Vec<u8>,
        public_interest_test_applied: bool,
        reason: Option<Reason>,
    ) -> Result<Self, RestrictionError> {
        let mut paragraphs = paragraphs;
        paragraphs.sort_unstable();
        paragraphs.dedup();
        match category {
            RestrictionCategory::Confidential if !paragraphs.is_empty() => {
                return Err(RestrictionError::ParagraphsOnConfidential);
            }
            RestrictionCategory::Exempt if paragraphs.is_empty() => {
                return Err(RestrictionError::NoParagraphs { scheme });
            }
            _ => {}
        }
        let (min, max) = scheme.paragraph_range();
        if let Some(&paragraph) = paragraphs.iter().find(|p| !(min..=max).contains(*p)) {
            return Err(RestrictionError::ParagraphOutOfRange {
                scheme,
                paragraph,
                min,
                max,
            });
        }
        Ok(Self {
            category,
            scheme,
            paragraphs,
            public_interest_test_applied,
            reason,
        })
    }

    /// Exempt or confidential.
    pub fn category(&self) -> RestrictionCategory {
        self.category
    }

    /// The statute relied on.
    pub fn scheme(&self) -> ExemptionScheme {
        self.scheme
    }

    /// The paragraphs relied on, ascending.
    pub fn paragraphs(&self) -> &[u8] {
        &self.paragraphs
    }

    /// Whether the council weighed the public interest in disclosure (required
    /// for exempt information since 2006 in England).
    pub fn public_interest_test_applied(&self) -> bool {
        self.public_interest_test_applied
    }

    /// The council's own words on why, if given.
    pub fn reason(&self) -> Option<&Reason> {
        self.reason.as_ref()
    }

    /// What the public may be told: that something is withheld and on what
    /// basis, never what it is.
    pub fn public_view(&self) -> WithheldNotice {
        WithheldNotice {
            category: self.category,
            scheme: self.scheme,
            citation: self.scheme.citation(),
            paragraphs: self.paragraphs.clone(),
            public_interest_test_applied: self.public_interest_test_applied,
            reason: self.reason.clone(),
        }
    }
}

/// The public face of a [`Restriction`]: the fact of withholding and its
/// legal basis, safe to publish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WithheldNotice {
    /// Exempt or confidential.
    pub category: RestrictionCategory,
    /// The statute relied on.
    pub scheme: ExemptionScheme,
    /// The statute as cited to readers.
    pub citation: &'static str,
    /// The paragraphs relied on.
    pub paragraphs: Vec<u8>,
    /// Whether the public-interest test was applied.
    pub public_interest_test_applied: bool,
    /// The council's stated reason, if any.
    pub reason: Option<Reason>,
}

impl std::fmt::Display for WithheldNotice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.category {
            RestrictionCategory::Confidential => write!(f, "Withheld as confidential information")?,
            RestrictionCategory::Exempt => {
                let paras: Vec<String> = self.paragraphs.iter().map(u8::to_string).collect();
                let word = if paras.len() == 1 {
                    "paragraph"
                } else {
                    "paragraphs"
                };
                write!(
                    f,
                    "Withheld as exempt information under {} {word} {}",
                    self.citation,
                    paras.join(", ")
                )?;
            }
        }
        if let Some(reason) = &self.reason {
            write!(f, ": {reason}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exempt(
        scheme: ExemptionScheme,
        paragraphs: Vec<u8>,
    ) -> Result<Restriction, RestrictionError> {
        Restriction::parse(RestrictionCategory::Exempt, scheme, paragraphs, true, None)
    }

    #[test]
    fn english_paragraphs_one_to_seven_are_accepted_and_eight_is_not() {
        assert!(exempt(ExemptionScheme::Schedule12APart1, vec![1, 3, 7]).is_ok());
        assert_eq!(
            exempt(ExemptionScheme::Schedule12APart1, vec![8]),
            Err(RestrictionError::ParagraphOutOfRange {
                scheme: ExemptionScheme::Schedule12APart1,
                paragraph: 8,
                min: 1,
                max: 7
            })
        );
    }

    #[test]
    fn welsh_paragraphs_run_from_twelve_to_eighteen() {
        assert!(exempt(ExemptionScheme::Schedule12APart4, vec![12, 18]).is_ok());
        assert!(exempt(ExemptionScheme::Schedule12APart4, vec![3]).is_err());
        assert!(exempt(ExemptionScheme::Schedule12APart4, vec![19]).is_err());
    }

    #[test]
    fn scottish_and_pre_2006_schemes_run_to_fifteen_and_northern_irish_to_seven() {
        assert!(exempt(ExemptionScheme::Schedule7A, vec![15]).is_ok());
        assert!(exempt(ExemptionScheme::Schedule7A, vec![16]).is_err());
        assert!(exempt(ExemptionScheme::Pre2006Schedule12A, vec![1, 15]).is_ok());
        assert!(exempt(ExemptionScheme::NorthernIrelandSchedule6, vec![8]).is_err());
        assert!(exempt(ExemptionScheme::Schedule7A, vec![0]).is_err());
    }

    #[test]
    fn exempt_information_needs_a_paragraph_and_confidential_information_has_none() {
        assert_eq!(
            exempt(ExemptionScheme::Schedule12APart1, vec![]),
            Err(RestrictionError::NoParagraphs {
                scheme: ExemptionScheme::Schedule12APart1
            })
        );
        assert_eq!(
            Restriction::parse(
                RestrictionCategory::Confidential,
                ExemptionScheme::Schedule12APart1,
                vec![3],
                false,
                None
            ),
            Err(RestrictionError::ParagraphsOnConfidential)
        );
        assert!(
            Restriction::parse(
                RestrictionCategory::Confidential,
                ExemptionScheme::Schedule12APart1,
                vec![],
                false,
                None
            )
            .is_ok()
        );
    }

    #[test]
    fn paragraphs_are_kept_sorted_and_unique() {
        let r = exempt(ExemptionScheme::Schedule12APart1, vec![3, 1, 3]).unwrap();
        assert_eq!(r.paragraphs(), &[1, 3]);
    }

    #[test]
    fn the_public_view_says_why_but_not_what() {
        let r = Restriction::parse(
            RestrictionCategory::Exempt,
            ExemptionScheme::Schedule12APart1,
            vec![3],
            true,
            Some(Reason::parse("Commercially sensitive tender prices").unwrap()),
        )
        .unwrap();
        let notice = r.public_view();
        assert_eq!(notice.paragraphs, vec![3]);
        assert_eq!(
            notice.to_string(),
            "Withheld as exempt information under Local Government Act 1972, Schedule 12A, Part 1 paragraph 3: Commercially sensitive tender prices"
        );
    }

    #[test]
    fn a_stored_restriction_with_an_impossible_paragraph_does_not_deserialise() {
        let json = serde_json::json!({
            "category": "exempt", "scheme": "schedule_12a_part_1", "paragraphs": [9],
            "public_interest_test_applied": true, "reason": null
        });
        assert!(serde_json::from_value::<Restriction>(json).is_err());
    }
}
