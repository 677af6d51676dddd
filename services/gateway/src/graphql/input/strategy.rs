//! Inputs of the strategy-document commands: names over time, versions and the decisions that
//! approved or noted them.

use super::{InputError, InputErrors};
use async_graphql::InputObject;
use civic_domain::strategy::{FinancialYears, StrategyCommand, StrategyPeriod, StrategySpan};
use civic_domain::values::{DecisionId, Name, Title, VersionLabel};
use uuid::Uuid;

use super::{at, optional};
use crate::graphql::enums::{StrategySpanKind, StrategyStatus};
use crate::graphql::scalars::Date;

/// The years a strategy or version covers: calendar years (2010-2013), or financial years
/// given by the years they start in (2024/25 to 2026/27 is 2024 to 2026).
#[derive(InputObject, Debug, Clone, Copy)]
pub struct StrategyPeriodInput {
    /// Calendar or financial years; calendar years when omitted.
    pub kind: Option<StrategySpanKind>,
    /// First year covered (for financial years, the year the first one starts).
    pub start_year: i32,
    /// Last year covered (for financial years, the year the last one starts).
    pub end_year: i32,
    /// Whether it is a rolling programme, reviewed annually.
    pub rolling: bool,
}

fn period(
    field: &str,
    input: Option<StrategyPeriodInput>,
) -> Result<Option<StrategySpan>, InputError> {
    let Some(input) = input else {
        return Ok(None);
    };
    Ok(Some(match input.kind {
        None | Some(StrategySpanKind::Years) => StrategySpan::Years(at(
            field,
            StrategyPeriod::parse(input.start_year, input.end_year, input.rolling),
        )?),
        Some(StrategySpanKind::FinancialYears) => StrategySpan::FinancialYears(at(
            field,
            FinancialYears::parse(input.start_year, input.end_year, input.rolling),
        )?),
    }))
}

/// A strategy document to track.
#[derive(InputObject, Debug, Clone)]
pub struct CreateStrategyDocumentInput {
    /// Its title at the time, e.g. "ICT Strategy".
    pub title: String,
    /// The period it covers; null when it states none.
    pub period: Option<StrategyPeriodInput>,
    /// Its status, if the register gives one.
    pub status: Option<StrategyStatus>,
    /// The status in the council's own words.
    pub status_label: Option<String>,
}

impl TryFrom<&CreateStrategyDocumentInput> for StrategyCommand {
    type Error = InputErrors;
    fn try_from(input: &CreateStrategyDocumentInput) -> Result<Self, Self::Error> {
        Ok(StrategyCommand::Create {
            title: at("title", Title::parse(&input.title))?,
            period: period("period", input.period)?,
            status: input.status.map(Into::into),
            status_label: optional("statusLabel", input.status_label.as_deref(), Name::parse)?,
        })
    }
}

/// A strategy's new standing.
#[derive(InputObject, Debug, Clone)]
pub struct ChangeStrategyStatusInput {
    /// The status.
    pub status: StrategyStatus,
    /// In the council's own words.
    pub label: Option<String>,
    /// From when, if stated.
    pub on: Option<Date>,
    /// The decision that made the change, if any.
    pub decision_id: Option<Uuid>,
}

impl TryFrom<&ChangeStrategyStatusInput> for StrategyCommand {
    type Error = InputErrors;
    fn try_from(input: &ChangeStrategyStatusInput) -> Result<Self, Self::Error> {
        Ok(StrategyCommand::ChangeStatus {
            status: input.status.into(),
            label: optional("label", input.label.as_deref(), Name::parse)?,
            on: input.on.map(Into::into),
            decision: input.decision_id.map(DecisionId::from_uuid),
        })
    }
}

/// A strategy's new title.
#[derive(InputObject, Debug, Clone)]
pub struct RenameStrategyDocumentInput {
    /// The new title, e.g. "Information Strategy".
    pub title: String,
    /// When the new title took over.
    pub on: Date,
    /// The decision that noted the rename, if any.
    pub noted_by: Option<Uuid>,
}

impl TryFrom<&RenameStrategyDocumentInput> for StrategyCommand {
    type Error = InputErrors;
    fn try_from(input: &RenameStrategyDocumentInput) -> Result<Self, Self::Error> {
        Ok(StrategyCommand::Rename {
            title: at("title", Title::parse(&input.title))?,
            on: input.on.into(),
            noted_by: input.noted_by.map(DecisionId::from_uuid),
        })
    }
}

/// A new draft version (an annual review).
#[derive(InputObject, Debug, Clone)]
pub struct DraftStrategyVersionInput {
    /// Its label, e.g. "2010-2013".
    pub label: String,
    /// The period it covers; null when it states none.
    pub period: Option<StrategyPeriodInput>,
    /// The date of the review that produced it, if known.
    pub review_date: Option<Date>,
}

impl TryFrom<&DraftStrategyVersionInput> for StrategyCommand {
    type Error = InputErrors;
    fn try_from(input: &DraftStrategyVersionInput) -> Result<Self, Self::Error> {
        Ok(StrategyCommand::DraftVersion {
            label: at("label", VersionLabel::parse(&input.label))?,
            period: period("period", input.period)?,
            review_date: input.review_date.map(Into::into),
        })
    }
}

/// A decision approving a draft version.
#[derive(InputObject, Debug, Clone)]
pub struct ApproveStrategyVersionInput {
    /// The version's label.
    pub label: String,
    /// The approving decision.
    pub decision_id: Uuid,
    /// When.
    pub on: Date,
}

impl TryFrom<&ApproveStrategyVersionInput> for StrategyCommand {
    type Error = InputErrors;
    fn try_from(input: &ApproveStrategyVersionInput) -> Result<Self, Self::Error> {
        Ok(StrategyCommand::ApproveVersion {
            label: at("label", VersionLabel::parse(&input.label))?,
            decision: DecisionId::from_uuid(input.decision_id),
            on: input.on.into(),
        })
    }
}

/// A decision noting a version without approving it.
#[derive(InputObject, Debug, Clone)]
pub struct NoteStrategyVersionInput {
    /// The version's label.
    pub label: String,
    /// The noting decision.
    pub decision_id: Uuid,
}

impl TryFrom<&NoteStrategyVersionInput> for StrategyCommand {
    type Error = InputErrors;
    fn try_from(input: &NoteStrategyVersionInput) -> Result<Self, Self::Error> {
        Ok(StrategyCommand::NoteVersion {
            label: at("label", VersionLabel::parse(&input.label))?,
            decision: DecisionId::from_uuid(input.decision_id),
        })
    }
}
