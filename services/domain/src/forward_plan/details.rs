//! What a forward-plan entry says about the matter to be decided.

use crate::decision::WardList;
use crate::restriction::{ExemptionScheme, Restriction, RestrictionAt, RestrictionDraft};
use crate::values::{BodyId, EmailAddress, LongText, Name, PhoneNumber, Source, Title};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The wards a planned decision concerns.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Wards {
    /// All wards.
    #[serde(rename = "all")]
    All,
    /// Particular wards.
    #[serde(rename = "listed")]
    Listed {
        /// The wards.
        #[serde(rename = "ward_ids")]
        ward_ids: WardList,
    },
}

/// Someone a plan names for the matter ("Lead officer", "Cabinet member", "Contact"), with what
/// could be picked out of the text and the text exactly as given.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EntryContact {
    /// The role the plan gives, e.g. "Lead officer" or "Portfolio holder", if any.
    #[serde(rename = "role")]
    pub role: Option<Name>,
    /// The person's name, if given.
    #[serde(rename = "name")]
    pub name: Option<Name>,
    /// Email, if given.
    #[serde(rename = "email")]
    pub email: Option<EmailAddress>,
    /// Telephone, if given.
    #[serde(rename = "phone")]
    pub phone: Option<PhoneNumber>,
    /// The contact text as published.
    #[serde(rename = "as_given")]
    pub as_given: Option<LongText>,
}

/// How and by when the public can make representations.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Representations {
    /// How, e.g. "in writing to the contact officer".
    #[serde(rename = "how")]
    pub how: LongText,
    /// By when, if a date is given.
    #[serde(rename = "by")]
    pub by: Option<NaiveDate>,
}

/// Whether the decision is expected to be taken in private, and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum AnticipatedRestriction<R = Restriction> {
    /// Expected to be open to the public.
    #[serde(rename = "open")]
    Open,
    /// Part of the matter expected to be exempt.
    #[serde(rename = "part_exempt")]
    PartExempt {
        /// The basis, if stated yet.
        #[serde(rename = "restriction")]
        restriction: Option<R>,
    },
    /// The whole matter expected to be exempt.
    #[serde(rename = "fully_exempt")]
    FullyExempt {
        /// The basis, if stated yet.
        #[serde(rename = "restriction")]
        restriction: Option<R>,
    },
}

impl AnticipatedRestriction {
    /// The basis given, if any.
    pub fn restriction(&self) -> Option<&Restriction> {
        match self {
            AnticipatedRestriction::Open => None,
            AnticipatedRestriction::PartExempt { restriction }
            | AnticipatedRestriction::FullyExempt { restriction } => restriction.as_ref(),
        }
    }
}

/// The matter an entry gives notice of.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ForwardPlanDetails<R = Restriction> {
    /// The matter's title.
    #[serde(rename = "title")]
    pub title: Title,
    /// What is to be decided.
    #[serde(rename = "description")]
    pub description: Option<LongText>,
    /// The body that will decide.
    #[serde(rename = "decision_maker")]
    pub decision_maker: BodyId,
    /// Whether it is a key decision (which needs 28 clear days' notice).
    #[serde(rename = "key_decision")]
    pub key_decision: bool,
    /// "Reason Key" categories.
    #[serde(rename = "reason_key")]
    pub reason_key: Vec<Name>,
    /// The wards concerned; `None` when the plan does not say.
    #[serde(rename = "wards")]
    pub wards: Option<Wards>,
    /// Who will be consulted.
    #[serde(rename = "consultees")]
    pub consultees: Option<LongText>,
    /// How to make representations, and by when.
    #[serde(rename = "representations")]
    pub representations: Option<Representations>,
    /// Whether it is expected to be taken in private.
    #[serde(rename = "anticipated_restriction")]
    pub anticipated_restriction: AnticipatedRestriction<R>,
    /// The council's own reference for the entry (e.g. "FP/2026/014"), if shown.
    #[serde(rename = "reference")]
    pub reference: Option<Name>,
    /// The people named for the matter, in the plan's order.
    #[serde(rename = "contacts")]
    pub contacts: Vec<EntryContact>,
    /// The page and publishing system the entry was taken from.
    #[serde(rename = "source")]
    pub source: Source,
}

impl<R> ForwardPlanDetails<R> {
    /// The same details with the anticipated restriction, if any, converted by `convert`.
    /// Destructured without `..`: a new field must be carried over here.
    pub fn map_restriction<S, E>(
        self,
        convert: impl FnOnce(R) -> Result<S, E>,
    ) -> Result<ForwardPlanDetails<S>, E> {
        let ForwardPlanDetails {
            title,
            description,
            decision_maker,
            key_decision,
            reason_key,
            wards,
            consultees,
            representations,
            anticipated_restriction,
            reference,
            contacts,
            source,
        } = self;
        let anticipated_restriction = match anticipated_restriction {
            AnticipatedRestriction::Open => AnticipatedRestriction::Open,
            AnticipatedRestriction::PartExempt { restriction } => {
                AnticipatedRestriction::PartExempt {
                    restriction: restriction.map(convert).transpose()?,
                }
            }
            AnticipatedRestriction::FullyExempt { restriction } => {
                AnticipatedRestriction::FullyExempt {
                    restriction: restriction.map(convert).transpose()?,
                }
            }
        };
        Ok(ForwardPlanDetails {
            title,
            description,
            decision_maker,
            key_decision,
            reason_key,
            wards,
            consultees,
            representations,
            anticipated_restriction,
            reference,
            contacts,
            source,
        })
    }
}

impl ForwardPlanDetails<RestrictionDraft> {
    /// The details with the anticipated restriction resolved: naming no scheme, it cites
    /// `nation_default`, the current scheme of the council's nation.
    pub fn resolve(
        self,
        nation_default: ExemptionScheme,
    ) -> Result<ForwardPlanDetails, RestrictionAt> {
        self.map_restriction(|draft| {
            draft
                .resolve(nation_default)
                .map_err(|error| RestrictionAt {
                    field: "restriction".to_owned(),
                    error,
                })
        })
    }
}

/// Resolved details stated again as a draft (the scheme named).
impl From<ForwardPlanDetails> for ForwardPlanDetails<RestrictionDraft> {
    fn from(details: ForwardPlanDetails) -> Self {
        match details.map_restriction(|r| Ok::<_, std::convert::Infallible>(r.into())) {
            Ok(draft) => draft,
            Err(never) => match never {},
        }
    }
}
