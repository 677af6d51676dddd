//! Raw input: the unvalidated shapes the GraphQL edge and importers hold
//! (strings as typed or scraped), converted to validated domain types with
//! `TryFrom`. Blank optional strings count as absent, because scraped pages
//! and web forms give "" for "not stated".

use crate::decision::{
    BodyRef, Contact, DecisionDetails, DecisionField, DeclaredInterest, Document, FieldRestriction,
    Outcome, Resolution, Resolutions, ResolutionsError, WardList, WardsAffected,
};
use crate::error::ErrorKind;
use crate::restriction::{ExemptionScheme, Restriction, RestrictionCategory, RestrictionError};
use crate::values::*;
use chrono::NaiveDate;
use thiserror::Error;

/// What was wrong with one input field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InputProblem {
    /// A value rule (blank, too long, bad shape...).
    #[error(transparent)]
    Value(#[from] ValueError),
    /// The resolutions' numbering.
    #[error(transparent)]
    Resolutions(#[from] ResolutionsError),
    /// The restriction's scheme and paragraphs.
    #[error(transparent)]
    Restriction(#[from] RestrictionError),
    /// Not a date in a form the register reads (`2010-06-09`, `09/06/2010`,
    /// `9th June 2010`).
    #[error("{0:?} is not a date (use 2010-06-09, 09/06/2010 or 9 June 2010)")]
    Date(String),
}

/// A raw input field that could not be converted. Edge: invalid input,
/// pointing at `field`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field}: {problem}")]
pub struct InputError {
    /// Path of the field, e.g. `documents[0].url`.
    pub field: String,
    /// What is wrong with it.
    pub problem: InputProblem,
}

impl InputError {
    /// Always [`ErrorKind::InvalidInput`].
    pub fn kind(&self) -> ErrorKind {
        ErrorKind::InvalidInput
    }
}

fn at<T, E: Into<InputProblem>>(
    field: impl Into<String>,
    result: Result<T, E>,
) -> Result<T, InputError> {
    result.map_err(|e| InputError {
        field: field.into(),
        problem: e.into(),
    })
}

fn present(raw: &Option<String>) -> Option<&str> {
    raw.as_deref().filter(|s| !s.trim().is_empty())
}

fn optional<T>(
    field: &str,
    raw: &Option<String>,
    parse: impl Fn(&str) -> Result<T, ValueError>,
) -> Result<Option<T>, InputError> {
    present(raw).map(|s| at(field, parse(s))).transpose()
}

fn optional_date(field: &str, raw: &Option<String>) -> Result<Option<NaiveDate>, InputError> {
    present(raw)
        .map(|s| at(field, parse_uk_date(s)))
        .transpose()
}

/// Reads a UK civil date in the forms councils publish: ISO `2010-06-09`,
/// `09/06/2010` (day first), or `21st May 2010` / `21 May 2010`.
pub fn parse_uk_date(raw: &str) -> Result<NaiveDate, InputProblem> {
    let s = raw.trim();
    let bad = || InputProblem::Date(s.to_owned());
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%d/%m/%Y") {
        return Ok(d);
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let [day, month, year] = words[..] else {
        return Err(bad());
    };
    let day = day.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == ',');
    let cleaned = format!("{day} {} {year}", month.trim_end_matches(','));
    NaiveDate::parse_from_str(&cleaned, "%d %B %Y")
        .or_else(|_| NaiveDate::parse_from_str(&cleaned, "%d %b %Y"))
        .map_err(|_| bad())
}

/// A resolution as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResolutionInput {
    /// Its number.
    pub number: u32,
    /// Its text.
    pub text: String,
}

/// A contact as typed or scraped.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContactInput {
    /// Name, if given.
    pub name: Option<String>,
    /// Email, if given.
    pub email: Option<String>,
    /// Phone, if given.
    pub phone: Option<String>,
    /// The text as published.
    pub as_given: Option<String>,
}

impl ContactInput {
    /// Picks the email and phone out of a published contact line such as
    /// "Email: Paultaylor@maidstone.gov.uk Tel: 01622 602068.", keeping the
    /// line as given. Anything it cannot recognise is left absent.
    pub fn from_published_text(text: &str) -> ContactInput {
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
        ContactInput {
            name: None,
            email,
            phone,
            as_given: Some(text.trim().to_owned()),
        }
    }
}

impl TryFrom<&ContactInput> for Contact {
    type Error = InputError;
    fn try_from(c: &ContactInput) -> Result<Self, Self::Error> {
        Ok(Contact {
            name: optional("contact.name", &c.name, Name::parse)?,
            email: optional("contact.email", &c.email, EmailAddress::parse)?,
            phone: optional("contact.phone", &c.phone, PhoneNumber::parse)?,
            as_given: optional("contact.as_given", &c.as_given, LongText::parse)?,
        })
    }
}

/// A restriction as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestrictionInput {
    /// Exempt or confidential.
    pub category: RestrictionCategory,
    /// The scheme; `None` means the council nation's default.
    pub scheme: Option<ExemptionScheme>,
    /// The paragraphs relied on.
    pub paragraphs: Vec<u8>,
    /// Whether the public-interest test was applied.
    pub public_interest_test_applied: bool,
    /// The reason, if given.
    pub reason: Option<String>,
}

impl RestrictionInput {
    /// Converts, filling a missing scheme with `default_scheme` (the
    /// council's [`crate::nation::Nation::default_scheme`]).
    pub fn to_restriction(
        &self,
        field: &str,
        default_scheme: ExemptionScheme,
    ) -> Result<Restriction, InputError> {
        let reason = optional(&format!("{field}.reason"), &self.reason, Reason::parse)?;
        at(
            field,
            Restriction::parse(
                self.category,
                self.scheme.unwrap_or(default_scheme),
                self.paragraphs.clone(),
                self.public_interest_test_applied,
                reason,
            ),
        )
    }
}

/// A document as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentInput {
    /// Its title.
    pub title: String,
    /// Its URL, if published.
    pub url: Option<String>,
    /// Its SHA-256, if captured.
    pub sha256: Option<String>,
    /// Its restriction, if withheld.
    pub restriction: Option<RestrictionInput>,
}

/// A declared interest as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InterestInput {
    /// The member.
    pub member: String,
    /// The interest.
    pub interest: String,
    /// The dispensation, if any.
    pub dispensation: Option<String>,
}

/// "Wards Affected" as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum WardsAffectedInput {
    /// All wards.
    All,
    /// These ward ids.
    Listed(Vec<String>),
    /// Not stated.
    #[default]
    NotStated,
}

/// A decision record as typed or scraped: every field of
/// [`DecisionDetails`] in raw form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionDetailsInput {
    /// Title.
    pub title: String,
    /// Decision maker's body id.
    pub decision_maker_body_id: String,
    /// Decision maker's name as shown.
    pub decision_maker_name: String,
    /// Status in the council's words.
    pub status_label: String,
    /// Canonical outcome.
    pub outcome: Outcome,
    /// Key decision, if stated.
    pub key_decision: Option<bool>,
    /// Subject to call-in, if stated.
    pub subject_to_call_in: Option<bool>,
    /// Purpose.
    pub purpose: Option<String>,
    /// Resolutions.
    pub resolutions: Vec<ResolutionInput>,
    /// Reasons.
    pub reasons: Option<String>,
    /// Alternative options considered.
    pub alternative_options: Option<String>,
    /// Reason key categories.
    pub reason_key: Vec<String>,
    /// Wards affected.
    pub wards_affected: WardsAffectedInput,
    /// Details of the committee.
    pub committee_details: Option<String>,
    /// Representations deadline.
    pub representations_by: Option<String>,
    /// Other reasons / organisations consulted.
    pub other_consulted: Option<String>,
    /// Consultees.
    pub consultees: Option<String>,
    /// Contact.
    pub contact: Option<ContactInput>,
    /// Report author.
    pub report_author: Option<String>,
    /// Date of decision.
    pub date_of_decision: String,
    /// Deciding body's id.
    pub decided_by_body_id: String,
    /// Deciding body's name as shown.
    pub decided_by_name: String,
    /// Declared interests.
    pub interests: Vec<InterestInput>,
    /// Documents.
    pub documents: Vec<DocumentInput>,
    /// Withheld fields.
    pub field_restrictions: Vec<(DecisionField, RestrictionInput)>,
    /// Forward-plan entry id, if linked.
    pub forward_plan_entry: Option<String>,
    /// The scheme to assume when a restriction names none (the council
    /// nation's default).
    pub default_scheme: ExemptionScheme,
}

impl TryFrom<&DecisionDetailsInput> for DecisionDetails {
    type Error = InputError;

    fn try_from(i: &DecisionDetailsInput) -> Result<Self, Self::Error> {
        let resolutions = i
            .resolutions
            .iter()
            .enumerate()
            .map(|(n, r)| {
                Ok(Resolution {
                    number: r.number,
                    text: at(format!("resolutions[{n}].text"), LongText::parse(&r.text))?,
                })
            })
            .collect::<Result<Vec<_>, InputError>>()?;
        let wards_affected = match &i.wards_affected {
            WardsAffectedInput::All => WardsAffected::All,
            WardsAffectedInput::NotStated => WardsAffected::NotStated,
            WardsAffectedInput::Listed(ids) => {
                let ids = ids
                    .iter()
                    .enumerate()
                    .map(|(n, id)| at(format!("wards_affected[{n}]"), WardId::parse(id)))
                    .collect::<Result<Vec<_>, _>>()?;
                WardsAffected::Listed {
                    ward_ids: at("wards_affected", WardList::parse(ids))?,
                }
            }
        };
        let documents = i
            .documents
            .iter()
            .enumerate()
            .map(|(n, doc)| {
                let field = format!("documents[{n}]");
                Ok(Document {
                    title: at(format!("{field}.title"), Title::parse(&doc.title))?,
                    url: optional(&format!("{field}.url"), &doc.url, HttpUrl::parse)?,
                    sha256: optional(&format!("{field}.sha256"), &doc.sha256, Sha256Digest::parse)?,
                    restriction: doc
                        .restriction
                        .as_ref()
                        .map(|r| {
                            r.to_restriction(&format!("{field}.restriction"), i.default_scheme)
                        })
                        .transpose()?,
                })
            })
            .collect::<Result<Vec<_>, InputError>>()?;
        Ok(DecisionDetails {
            title: at("title", Title::parse(&i.title))?,
            decision_maker: BodyRef {
                body_id: at(
                    "decision_maker_body_id",
                    BodyId::parse(&i.decision_maker_body_id),
                )?,
                name_as_shown: at("decision_maker_name", Name::parse(&i.decision_maker_name))?,
            },
            status_label: at("status_label", StatusLabel::parse(&i.status_label))?,
            outcome: i.outcome,
            key_decision: i.key_decision,
            subject_to_call_in: i.subject_to_call_in,
            purpose: optional("purpose", &i.purpose, LongText::parse)?,
            resolutions: at("resolutions", Resolutions::parse(resolutions))?,
            reasons: optional("reasons", &i.reasons, LongText::parse)?,
            alternative_options: optional(
                "alternative_options",
                &i.alternative_options,
                LongText::parse,
            )?,
            reason_key: i
                .reason_key
                .iter()
                .filter(|k| !k.trim().is_empty())
                .enumerate()
                .map(|(n, k)| at(format!("reason_key[{n}]"), Name::parse(k)))
                .collect::<Result<_, _>>()?,
            wards_affected,
            committee_details: optional(
                "committee_details",
                &i.committee_details,
                LongText::parse,
            )?,
            representations_by: optional_date("representations_by", &i.representations_by)?,
            other_consulted: optional("other_consulted", &i.other_consulted, LongText::parse)?,
            consultees: optional("consultees", &i.consultees, LongText::parse)?,
            contact: i.contact.as_ref().map(Contact::try_from).transpose()?,
            report_author: optional("report_author", &i.report_author, Name::parse)?,
            date_of_decision: at("date_of_decision", parse_uk_date(&i.date_of_decision))?,
            decided_by: BodyRef {
                body_id: at("decided_by_body_id", BodyId::parse(&i.decided_by_body_id))?,
                name_as_shown: at("decided_by_name", Name::parse(&i.decided_by_name))?,
            },
            interests: i
                .interests
                .iter()
                .enumerate()
                .map(|(n, x)| {
                    Ok(DeclaredInterest {
                        member: at(format!("interests[{n}].member"), Name::parse(&x.member))?,
                        interest: at(
                            format!("interests[{n}].interest"),
                            LongText::parse(&x.interest),
                        )?,
                        dispensation: optional(
                            &format!("interests[{n}].dispensation"),
                            &x.dispensation,
                            LongText::parse,
                        )?,
                    })
                })
                .collect::<Result<_, InputError>>()?,
            documents,
            field_restrictions: i
                .field_restrictions
                .iter()
                .enumerate()
                .map(|(n, (field, r))| {
                    Ok(FieldRestriction {
                        field: *field,
                        restriction: r.to_restriction(
                            &format!("field_restrictions[{n}]"),
                            i.default_scheme,
                        )?,
                    })
                })
                .collect::<Result<_, InputError>>()?,
            forward_plan_entry: optional(
                "forward_plan_entry",
                &i.forward_plan_entry,
                ForwardPlanEntryId::parse,
            )?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::d;

    fn input() -> DecisionDetailsInput {
        let cabinet = BodyId::new().to_string();
        DecisionDetailsInput {
            title: "Information Strategy 2010 - 13".into(),
            decision_maker_body_id: cabinet.clone(),
            decision_maker_name: "Cabinet".into(),
            status_label: "Recommendations Approved".into(),
            outcome: Outcome::Approved,
            key_decision: Some(true),
            subject_to_call_in: Some(true),
            purpose: Some("Annual review.".into()),
            resolutions: vec![ResolutionInput {
                number: 1,
                text: "That it be approved.".into(),
            }],
            reasons: Some(String::new()),
            alternative_options: None,
            reason_key: vec!["Policies, Plans, Strategies".into()],
            wards_affected: WardsAffectedInput::All,
            committee_details: Some("None".into()),
            representations_by: Some("21st May 2010".into()),
            other_consulted: Some("Email".into()),
            consultees: Some("Finance, Assistant Directors.".into()),
            contact: Some(ContactInput::from_published_text(
                "Email: Paultaylor@maidstone.gov.uk Tel: 01622 602068.",
            )),
            report_author: Some("Paul Taylor".into()),
            date_of_decision: "09/06/2010".into(),
            decided_by_body_id: cabinet,
            decided_by_name: "Cabinet".into(),
            interests: vec![],
            documents: vec![],
            field_restrictions: vec![],
            forward_plan_entry: Some(" ".into()),
            default_scheme: ExemptionScheme::Schedule12APart1,
        }
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
    fn a_published_contact_line_yields_its_email_and_phone() {
        let c = ContactInput::from_published_text(
            "Email: Paultaylor@maidstone.gov.uk Tel: 01622 602068.",
        );
        assert_eq!(c.email.as_deref(), Some("Paultaylor@maidstone.gov.uk"));
        assert_eq!(c.phone.as_deref(), Some("01622 602068"));
        assert_eq!(
            c.as_given.as_deref(),
            Some("Email: Paultaylor@maidstone.gov.uk Tel: 01622 602068.")
        );
    }

    #[test]
    fn raw_input_converts_to_validated_details_with_blanks_as_absent() {
        let details = DecisionDetails::try_from(&input()).unwrap();
        assert_eq!(details.title.as_str(), "Information Strategy 2010 - 13");
        assert_eq!(details.date_of_decision, d(2010, 6, 9));
        assert_eq!(details.representations_by, Some(d(2010, 5, 21)));
        assert_eq!(details.reasons, None);
        assert_eq!(details.forward_plan_entry, None);
        assert_eq!(
            details.contact.unwrap().phone.unwrap().as_str(),
            "01622 602068"
        );
    }

    #[test]
    fn a_bad_field_is_reported_with_its_path() {
        let mut i = input();
        i.documents.push(DocumentInput {
            title: "Report".into(),
            url: Some("ftp://x".into()),
            ..Default::default()
        });
        let err = DecisionDetails::try_from(&i).unwrap_err();
        assert_eq!(err.field, "documents[0].url");
        assert_eq!(err.kind(), ErrorKind::InvalidInput);

        let mut i = input();
        i.title = "  ".into();
        assert_eq!(DecisionDetails::try_from(&i).unwrap_err().field, "title");

        let mut i = input();
        i.resolutions.push(ResolutionInput {
            number: 1,
            text: "Again".into(),
        });
        assert_eq!(
            DecisionDetails::try_from(&i).unwrap_err().problem,
            InputProblem::Resolutions(ResolutionsError::DuplicateNumber(1))
        );

        let mut i = input();
        i.date_of_decision = "yesterday".into();
        assert_eq!(
            DecisionDetails::try_from(&i).unwrap_err().field,
            "date_of_decision"
        );
    }

    #[test]
    fn a_restriction_without_a_scheme_takes_the_councils_default() {
        let mut i = input();
        i.default_scheme = ExemptionScheme::Schedule12APart4;
        i.field_restrictions.push((
            DecisionField::Reasons,
            RestrictionInput {
                category: RestrictionCategory::Exempt,
                scheme: None,
                paragraphs: vec![14],
                public_interest_test_applied: true,
                reason: None,
            },
        ));
        let details = DecisionDetails::try_from(&i).unwrap();
        assert_eq!(
            details.field_restrictions[0].restriction.scheme(),
            ExemptionScheme::Schedule12APart4
        );
        i.field_restrictions[0].1.paragraphs = vec![3];
        assert_eq!(
            DecisionDetails::try_from(&i).unwrap_err().field,
            "field_restrictions[0]"
        );
    }
}
