//! What can be asked of a decision. Each variant holds validated values only.

use super::{CallInMembers, CallInOutcome, DecisionDetails, Reconsideration};
use crate::provenance::Provenance;
use crate::restriction::RestrictionDraft;
use crate::values::{DecisionId, LongText, Name, Reason};
use chrono::{NaiveDate, NaiveTime};

/// A command for one decision stream.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[allow(
    clippy::large_enum_variant,
    reason = "short-lived values matched by shape; boxing would only obscure the public API"
)]
pub enum DecisionCommand {
    /// Record a decision that has been made.
    Record {
        /// The record's fields.
        details: DecisionDetails<RestrictionDraft>,
    },
    /// Publish the decision notice; computes the call-in window.
    Publish {
        /// The day the notice was published.
        publication_date: NaiveDate,
        /// The last day for call-in as published elsewhere (e.g. an imported
        /// register), if it should be recorded rather than computed.
        call_in_deadline: Option<NaiveDate>,
        /// The time on the last day as published ("5pm"), if it should be recorded rather
        /// than taken from the rule.
        call_in_deadline_time: Option<NaiveTime>,
        /// The effective date as published elsewhere, if it should be
        /// recorded rather than computed.
        effective_from: Option<NaiveDate>,
        /// Why explicit dates differ from the rule; turns a difference into a
        /// deliberate override instead of a warning.
        override_reason: Option<Reason>,
    },
    /// Members call the decision in for scrutiny.
    CallIn {
        /// Who called it in.
        members: CallInMembers,
        /// Why.
        reason: Reason,
        /// When.
        date: NaiveDate,
        /// Whether the call-in suspends the decision (usually true).
        suspends: bool,
    },
    /// The members withdraw their call-in request.
    WithdrawCallIn {
        /// When.
        date: NaiveDate,
        /// Why, if said.
        reason: Option<Reason>,
    },
    /// The call-in request is ruled invalid.
    RuleCallInInvalid {
        /// When.
        date: NaiveDate,
        /// Who ruled, if said.
        ruled_by: Option<Name>,
        /// Why, if said.
        reason: Option<Reason>,
    },
    /// Mark the record as a recommendation to full council rather than a decision.
    RecommendToFullCouncil {
        /// The day of the full council meeting, if said.
        full_council_meeting_on: Option<NaiveDate>,
    },
    /// Link a recommendation to full council's decision on it.
    LinkFullCouncilDecision {
        /// Full council's decision.
        decision: DecisionId,
    },
    /// The scrutiny committee's result on a call-in.
    ResolveCallIn {
        /// The result.
        outcome: CallInOutcome,
        /// The day of the result.
        date: NaiveDate,
    },
    /// The decision maker (or full council) reconsiders a referred decision.
    Reconsider {
        /// What it decided.
        result: Reconsideration,
        /// When.
        date: NaiveDate,
    },
    /// Exempt the decision from call-in as urgent (agreed by the chair of
    /// scrutiny); only before publication.
    ExemptFromCallIn {
        /// Who agreed, e.g. "Chair of Overview and Scrutiny".
        agreed_by: Name,
        /// Why it is urgent.
        reason: Reason,
    },
    /// Record that a decision took effect: normally once published; a record with no
    /// publication stated may take effect too (with warnings saying what was not stated).
    TakeEffect {
        /// The day.
        on: NaiveDate,
    },
    /// Record that a decision was implemented: normally once effective; a record with no
    /// publication stated may be implemented too (with warnings).
    Implement {
        /// The day.
        on: NaiveDate,
        /// What was done, if worth saying.
        note: Option<LongText>,
    },
    /// Defer a decision before publication.
    Defer {
        /// Why.
        reason: Reason,
        /// Until when, if said.
        until: Option<NaiveDate>,
    },
    /// Resume a deferred decision.
    Resume,
    /// Withdraw the decision before it takes effect.
    Withdraw {
        /// Why.
        reason: Reason,
    },
    /// Abandon the decision: it will not go ahead.
    Abandon {
        /// Why.
        reason: Reason,
    },
    /// Correct the record: a full replacement of its fields. The previous
    /// version stays in the history.
    Correct {
        /// The corrected fields (all of them).
        details: DecisionDetails<RestrictionDraft>,
        /// Why the record was wrong.
        reason: Reason,
    },
    /// Note the page the record was read from (an import), in any state.
    NoteSource {
        /// The page and what it said.
        provenance: Provenance,
    },
}

/// The kind of a [`DecisionCommand`], without its data: names the command in
/// invalid-transition errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecisionCommandKind {
    /// [`DecisionCommand::Record`].
    Record,
    /// [`DecisionCommand::Publish`].
    Publish,
    /// [`DecisionCommand::CallIn`].
    CallIn,
    /// [`DecisionCommand::ResolveCallIn`].
    ResolveCallIn,
    /// [`DecisionCommand::WithdrawCallIn`].
    WithdrawCallIn,
    /// [`DecisionCommand::RuleCallInInvalid`].
    RuleCallInInvalid,
    /// [`DecisionCommand::RecommendToFullCouncil`].
    RecommendToFullCouncil,
    /// [`DecisionCommand::LinkFullCouncilDecision`].
    LinkFullCouncilDecision,
    /// [`DecisionCommand::Reconsider`].
    Reconsider,
    /// [`DecisionCommand::ExemptFromCallIn`].
    ExemptFromCallIn,
    /// [`DecisionCommand::TakeEffect`].
    TakeEffect,
    /// [`DecisionCommand::Implement`].
    Implement,
    /// [`DecisionCommand::Defer`].
    Defer,
    /// [`DecisionCommand::Resume`].
    Resume,
    /// [`DecisionCommand::Withdraw`].
    Withdraw,
    /// [`DecisionCommand::Abandon`].
    Abandon,
    /// [`DecisionCommand::Correct`].
    Correct,
    /// [`DecisionCommand::NoteSource`].
    NoteSource,
}

impl DecisionCommand {
    /// The command's kind.
    pub fn kind(&self) -> DecisionCommandKind {
        use DecisionCommandKind as K;
        match self {
            DecisionCommand::Record { .. } => K::Record,
            DecisionCommand::Publish { .. } => K::Publish,
            DecisionCommand::CallIn { .. } => K::CallIn,
            DecisionCommand::ResolveCallIn { .. } => K::ResolveCallIn,
            DecisionCommand::WithdrawCallIn { .. } => K::WithdrawCallIn,
            DecisionCommand::RuleCallInInvalid { .. } => K::RuleCallInInvalid,
            DecisionCommand::RecommendToFullCouncil { .. } => K::RecommendToFullCouncil,
            DecisionCommand::LinkFullCouncilDecision { .. } => K::LinkFullCouncilDecision,
            DecisionCommand::Reconsider { .. } => K::Reconsider,
            DecisionCommand::ExemptFromCallIn { .. } => K::ExemptFromCallIn,
            DecisionCommand::TakeEffect { .. } => K::TakeEffect,
            DecisionCommand::Implement { .. } => K::Implement,
            DecisionCommand::Defer { .. } => K::Defer,
            DecisionCommand::Resume => K::Resume,
            DecisionCommand::Withdraw { .. } => K::Withdraw,
            DecisionCommand::Abandon { .. } => K::Abandon,
            DecisionCommand::Correct { .. } => K::Correct,
            DecisionCommand::NoteSource { .. } => K::NoteSource,
        }
    }
}

impl std::fmt::Display for DecisionCommandKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}
