//! Withholding information from the public: exempt and confidential
//! information, the statutory scheme and paragraphs relied on, and the public
//! notice that something was withheld.

mod paragraph;

pub use paragraph::{Paragraph, ParagraphError};

use crate::values::{LongText, Reason};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Whether the information is exempt (the council may withhold it under a
/// schedule paragraph) or confidential (it must withhold it: given by a
/// government department in confidence, or barred by law or court order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RestrictionCategory {
    /// Exempt information: normally cites one or more schedule paragraphs.
    #[serde(rename = "exempt")]
    Exempt,
    /// Confidential information (LGA 1972 s100A(3)): no paragraph applies, though some notices
    /// cite one anyway.
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

    /// Whether the scheme has a public-interest test: every current scheme except Scotland's
    /// Schedule 7A and the English schedule before the 2006 amendment.
    pub fn has_public_interest_test(self) -> bool {
        !matches!(
            self,
            ExemptionScheme::Schedule7A | ExemptionScheme::Pre2006Schedule12A
        )
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
    /// A paragraph number does not exist in the scheme (e.g. paragraph 8 of
    /// the 2006 English Part 1); invalid input.
    #[error("paragraph {paragraph} is not an exemption paragraph of {} ({min}-{max})", scheme.citation())]
    ParagraphOutOfRange {
        /// The scheme named.
        scheme: ExemptionScheme,
        /// The paragraph given.
        paragraph: Paragraph,
        /// First valid paragraph.
        min: u8,
        /// Last valid paragraph.
        max: u8,
    },
    /// A reason given for a paragraph the restriction does not cite. Invalid input.
    #[error("a reason is given for paragraph {0}, which is not cited")]
    ReasonForUncitedParagraph(Paragraph),
    /// The public-interest test was said to be applied under a scheme that has none
    /// (Scotland's Schedule 7A, England before 2006). Invalid input.
    #[error("{} has no public-interest test", .0.citation())]
    NoPublicInterestTestInScheme(ExemptionScheme),
}

/// The council's own reason for citing one paragraph, where a notice gives one per paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ParagraphReason {
    /// The paragraph.
    #[serde(rename = "paragraph")]
    pub paragraph: Paragraph,
    /// Why it applies.
    #[serde(rename = "reason")]
    pub reason: Reason,
}

/// A statement that a field or document is withheld from the public, and on
/// what legal basis, as the notice gave it. Paragraphs are kept sorted and unique.
///
/// What real notices do is kept, not refused: exempt information with no paragraph stated, and
/// confidential information citing a paragraph, are recorded with a warning (see
/// [`Restriction::unusual`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RestrictionRecord", into = "RestrictionRecord")]
pub struct Restriction {
    category: RestrictionCategory,
    scheme: ExemptionScheme,
    paragraphs: Vec<Paragraph>,
    public_interest_test_applied: Option<bool>,
    reason: Option<Reason>,
    paragraph_reasons: Vec<ParagraphReason>,
    as_given: Option<LongText>,
}

/// What is unusual about a restriction, though real notices do it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum UnusualRestriction {
    /// Exempt information with no paragraph stated.
    ExemptWithoutParagraph,
    /// Confidential information citing exemption paragraphs.
    ConfidentialCitesParagraphs,
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
    /// The paragraphs relied on (none when the notice states none).
    pub paragraphs: Vec<Paragraph>,
    /// Whether the public-interest test was applied; `None` when the notice does not say.
    pub public_interest_test_applied: Option<bool>,
    /// The council's reason, if given.
    pub reason: Option<Reason>,
    /// Reasons given paragraph by paragraph, if the notice gives them so.
    pub paragraph_reasons: Vec<ParagraphReason>,
    /// The basis in the council's own words, e.g. "Part 1 paragraph 18", kept beside the scheme
    /// it maps to.
    pub as_given: Option<LongText>,
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
            paragraph_reasons,
            as_given,
        } = self;
        Restriction::parse(RestrictionDraft {
            category,
            scheme: Some(scheme.unwrap_or(nation_default)),
            paragraphs,
            public_interest_test_applied,
            reason,
            paragraph_reasons,
            as_given,
        })
    }

    /// A draft citing `paragraphs` (numbers) of `scheme`, nothing else stated: for tests and
    /// examples.
    pub fn exempt(scheme: Option<ExemptionScheme>, paragraphs: &[u8]) -> Self {
        RestrictionDraft {
            category: RestrictionCategory::Exempt,
            scheme,
            paragraphs: paragraphs.iter().copied().map(Paragraph::number).collect(),
            public_interest_test_applied: None,
            reason: None,
            paragraph_reasons: Vec::new(),
            as_given: None,
        }
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
            paragraph_reasons: r.paragraph_reasons,
            as_given: r.as_given,
        }
    }
}

/// The stored shape of a [`Restriction`]; deserialising re-validates it. The fields added after
/// the first format (`paragraph_reasons`, `as_given`) are left out when empty, so a restriction
/// using none of them is stored exactly as before; `public_interest_test_applied` is `null` when
/// not stated or not applicable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct RestrictionRecord {
    #[serde(rename = "category")]
    category: RestrictionCategory,
    #[serde(rename = "scheme")]
    scheme: ExemptionScheme,
    #[serde(rename = "paragraphs")]
    paragraphs: Vec<Paragraph>,
    #[serde(rename = "public_interest_test_applied")]
    public_interest_test_applied: Option<bool>,
    #[serde(rename = "reason")]
    reason: Option<Reason>,
    #[serde(
        rename = "paragraph_reasons",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    paragraph_reasons: Vec<ParagraphReason>,
    #[serde(rename = "as_given", default, skip_serializing_if = "Option::is_none")]
    as_given: Option<LongText>,
}

impl TryFrom<RestrictionRecord> for Restriction {
    type Error = RestrictionError;
    fn try_from(r: RestrictionRecord) -> Result<Self, Self::Error> {
        Restriction::parse(RestrictionDraft {
            category: r.category,
            scheme: Some(r.scheme),
            paragraphs: r.paragraphs,
            public_interest_test_applied: r.public_interest_test_applied,
            reason: r.reason,
            paragraph_reasons: r.paragraph_reasons,
            as_given: r.as_given,
        })
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
            paragraph_reasons: r.paragraph_reasons,
            as_given: r.as_given,
        }
    }
}

impl Restriction {
    /// Builds a restriction from a draft naming its scheme (`None` is read as the current
    /// English scheme; callers resolve the nation's default first), checking the paragraphs
    /// against the scheme's range, that per-paragraph reasons name cited paragraphs, and that a
    /// public-interest test is only claimed under a scheme that has one.
    pub fn parse(draft: RestrictionDraft) -> Result<Self, RestrictionError> {
        let RestrictionDraft {
            category,
            scheme,
            mut paragraphs,
            public_interest_test_applied,
            reason,
            paragraph_reasons,
            as_given,
        } = draft;
        let scheme = scheme.unwrap_or(ExemptionScheme::Schedule12APart1);
        paragraphs.sort_unstable();
        paragraphs.dedup();
        let (min, max) = scheme.paragraph_range();
        if let Some(&paragraph) = paragraphs
            .iter()
            .find(|p| !(min..=max).contains(&p.paragraph_number()))
        {
            return Err(RestrictionError::ParagraphOutOfRange {
                scheme,
                paragraph,
                min,
                max,
            });
        }
        if let Some(uncited) = paragraph_reasons
            .iter()
            .find(|r| !paragraphs.contains(&r.paragraph))
        {
            return Err(RestrictionError::ReasonForUncitedParagraph(
                uncited.paragraph,
            ));
        }
        let public_interest_test_applied = match public_interest_test_applied {
            Some(true) if !scheme.has_public_interest_test() => {
                return Err(RestrictionError::NoPublicInterestTestInScheme(scheme));
            }
            // "Not applied" under a scheme without the test says nothing: it is not applicable.
            Some(false) if !scheme.has_public_interest_test() => None,
            stated => stated,
        };
        Ok(Self {
            category,
            scheme,
            paragraphs,
            public_interest_test_applied,
            reason,
            paragraph_reasons,
            as_given,
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
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    /// Whether the council weighed the public interest in disclosure; `None` when the notice
    /// does not say, or the scheme has no such test.
    pub fn public_interest_test_applied(&self) -> Option<bool> {
        self.public_interest_test_applied
    }

    /// The council's own words on why, if given.
    pub fn reason(&self) -> Option<&Reason> {
        self.reason.as_ref()
    }

    /// Reasons given paragraph by paragraph.
    pub fn paragraph_reasons(&self) -> &[ParagraphReason] {
        &self.paragraph_reasons
    }

    /// The basis in the council's own words, if kept.
    pub fn as_given(&self) -> Option<&LongText> {
        self.as_given.as_ref()
    }

    /// What is unusual about this restriction, if anything.
    pub fn unusual(&self) -> Option<UnusualRestriction> {
        match self.category {
            RestrictionCategory::Exempt if self.paragraphs.is_empty() => {
                Some(UnusualRestriction::ExemptWithoutParagraph)
            }
            RestrictionCategory::Confidential if !self.paragraphs.is_empty() => {
                Some(UnusualRestriction::ConfidentialCitesParagraphs)
            }
            _ => None,
        }
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
            paragraph_reasons: self.paragraph_reasons.clone(),
            as_given: self.as_given.clone(),
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
    pub paragraphs: Vec<Paragraph>,
    /// Whether the public-interest test was applied (`None`: not stated or not applicable).
    pub public_interest_test_applied: Option<bool>,
    /// The council's stated reason, if any.
    pub reason: Option<Reason>,
    /// Reasons given paragraph by paragraph.
    pub paragraph_reasons: Vec<ParagraphReason>,
    /// The basis in the council's own words.
    pub as_given: Option<LongText>,
}

impl std::fmt::Display for WithheldNotice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let paras: Vec<String> = self.paragraphs.iter().map(ToString::to_string).collect();
        let word = if paras.len() == 1 {
            "paragraph"
        } else {
            "paragraphs"
        };
        match self.category {
            RestrictionCategory::Confidential => write!(f, "Withheld as confidential information")?,
            RestrictionCategory::Exempt if paras.is_empty() => {
                write!(f, "Withheld as exempt information under {}", self.citation)?;
            }
            RestrictionCategory::Exempt => {
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
        Restriction::parse(RestrictionDraft::exempt(Some(scheme), &paragraphs))
    }

    fn p(raw: &str) -> Paragraph {
        Paragraph::parse(raw).unwrap()
    }

    #[test]
    fn english_paragraphs_one_to_seven_are_accepted_and_eight_is_not() {
        assert!(exempt(ExemptionScheme::Schedule12APart1, vec![1, 3, 7]).is_ok());
        assert_eq!(
            exempt(ExemptionScheme::Schedule12APart1, vec![8]),
            Err(RestrictionError::ParagraphOutOfRange {
                scheme: ExemptionScheme::Schedule12APart1,
                paragraph: Paragraph::number(8),
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
    }

    #[test]
    fn a_paragraph_with_a_sub_letter_is_checked_by_its_number() {
        let mut draft = RestrictionDraft::exempt(Some(ExemptionScheme::Schedule12APart1), &[]);
        draft.paragraphs = vec![p("6a"), p("3")];
        let r = Restriction::parse(draft.clone()).unwrap();
        assert_eq!(r.paragraphs(), &[p("3"), p("6a")]);
        assert_eq!(
            r.public_view().to_string(),
            "Withheld as exempt information under Local Government Act 1972, Schedule 12A, Part 1 paragraphs 3, 6a"
        );
        draft.paragraphs = vec![p("8a")];
        assert!(Restriction::parse(draft).is_err());
    }

    #[test]
    fn exempt_with_no_paragraph_and_confidential_citing_one_are_kept_as_unusual() {
        let none_stated = exempt(ExemptionScheme::Schedule12APart1, vec![]).unwrap();
        assert_eq!(
            none_stated.unusual(),
            Some(UnusualRestriction::ExemptWithoutParagraph)
        );
        assert_eq!(
            none_stated.public_view().to_string(),
            "Withheld as exempt information under Local Government Act 1972, Schedule 12A, Part 1"
        );
        let mut draft = RestrictionDraft::exempt(Some(ExemptionScheme::Schedule12APart1), &[3]);
        draft.category = RestrictionCategory::Confidential;
        let confidential = Restriction::parse(draft.clone()).unwrap();
        assert_eq!(
            confidential.unusual(),
            Some(UnusualRestriction::ConfidentialCitesParagraphs)
        );
        draft.paragraphs.clear();
        assert_eq!(Restriction::parse(draft).unwrap().unusual(), None);
        assert_eq!(
            exempt(ExemptionScheme::Schedule12APart1, vec![3])
                .unwrap()
                .unusual(),
            None
        );
    }

    #[test]
    fn each_paragraph_may_carry_its_own_reason_but_only_a_cited_one() {
        let reason = |text| Reason::parse(text).unwrap();
        let mut draft = RestrictionDraft::exempt(Some(ExemptionScheme::Schedule12APart1), &[1, 3]);
        draft.paragraph_reasons = vec![
            ParagraphReason {
                paragraph: Paragraph::number(1),
                reason: reason("Names a member of staff"),
            },
            ParagraphReason {
                paragraph: Paragraph::number(3),
                reason: reason("Tender prices"),
            },
        ];
        let r = Restriction::parse(draft.clone()).unwrap();
        assert_eq!(r.paragraph_reasons().len(), 2);
        draft.paragraph_reasons.push(ParagraphReason {
            paragraph: Paragraph::number(5),
            reason: reason("Legal advice"),
        });
        assert_eq!(
            Restriction::parse(draft),
            Err(RestrictionError::ReasonForUncitedParagraph(
                Paragraph::number(5)
            ))
        );
    }

    #[test]
    fn scotland_has_no_public_interest_test() {
        let mut draft = RestrictionDraft::exempt(Some(ExemptionScheme::Schedule7A), &[6]);
        draft.public_interest_test_applied = Some(true);
        assert_eq!(
            Restriction::parse(draft.clone()),
            Err(RestrictionError::NoPublicInterestTestInScheme(
                ExemptionScheme::Schedule7A
            ))
        );
        draft.public_interest_test_applied = Some(false);
        assert_eq!(
            Restriction::parse(draft)
                .unwrap()
                .public_interest_test_applied(),
            None
        );
        let mut english = RestrictionDraft::exempt(Some(ExemptionScheme::Schedule12APart1), &[3]);
        english.public_interest_test_applied = Some(false);
        assert_eq!(
            Restriction::parse(english)
                .unwrap()
                .public_interest_test_applied(),
            Some(false)
        );
    }

    #[test]
    fn the_councils_own_wording_is_kept_beside_the_scheme() {
        let mut draft = RestrictionDraft::exempt(None, &[18]);
        draft.as_given = Some(LongText::parse("Part 1 paragraph 18").unwrap());
        let r = draft.resolve(ExemptionScheme::Schedule12APart4).unwrap();
        assert_eq!(r.scheme(), ExemptionScheme::Schedule12APart4);
        assert_eq!(
            r.as_given().map(LongText::as_str),
            Some("Part 1 paragraph 18")
        );
    }

    #[test]
    fn paragraphs_are_kept_sorted_and_unique() {
        let r = exempt(ExemptionScheme::Schedule12APart1, vec![3, 1, 3]).unwrap();
        assert_eq!(
            r.paragraphs(),
            &[Paragraph::number(1), Paragraph::number(3)]
        );
    }

    #[test]
    fn the_public_view_says_why_but_not_what() {
        let mut draft = RestrictionDraft::exempt(Some(ExemptionScheme::Schedule12APart1), &[3]);
        draft.public_interest_test_applied = Some(true);
        draft.reason = Some(Reason::parse("Commercially sensitive tender prices").unwrap());
        let notice = Restriction::parse(draft).unwrap().public_view();
        assert_eq!(notice.paragraphs, vec![Paragraph::number(3)]);
        assert_eq!(
            notice.to_string(),
            "Withheld as exempt information under Local Government Act 1972, Schedule 12A, Part 1 paragraph 3: Commercially sensitive tender prices"
        );
    }

    #[test]
    fn a_restriction_in_the_first_format_reads_the_same_and_is_written_the_same() {
        let stored = serde_json::json!({
            "category": "exempt", "scheme": "schedule_12a_part_1", "paragraphs": [3],
            "public_interest_test_applied": true, "reason": null
        });
        let r: Restriction = serde_json::from_value(stored.clone()).unwrap();
        assert_eq!(r.public_interest_test_applied(), Some(true));
        assert_eq!(serde_json::to_value(&r).unwrap(), stored);
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
