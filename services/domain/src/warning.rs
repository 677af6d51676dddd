//! Warnings: what is unusual but possible, recorded alongside accepted
//! commands so a person can look again. A warning never stops a command.

use crate::council::{BodyKind, CanonicalStatus};
use crate::decision::Outcome;
use crate::nation::Nation;
use crate::restriction::ExemptionScheme;
use crate::values::{BodyId, StatusLabel, WardId};
use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

/// Something odd about an accepted command. The edge shows these to the
/// person who issued the command; they are not stored as events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Warning {
    /// The notice was published before the date of decision.
    PublishedBeforeDecision {
        /// Publication date.
        publication_date: NaiveDate,
        /// Date of decision.
        date_of_decision: NaiveDate,
    },
    /// The effective date given differs from the one the call-in rule gives,
    /// and no override reason was given.
    EffectiveDateDiffersFromRule {
        /// By the rule.
        computed: NaiveDate,
        /// As given.
        recorded: NaiveDate,
    },
    /// The call-in deadline given differs from the rule, with no reason.
    CallInDeadlineDiffersFromRule {
        /// By the rule.
        computed: Option<NaiveDate>,
        /// As given.
        recorded: Option<NaiveDate>,
    },
    /// The record does not say whether the decision is subject to call-in;
    /// it was treated as subject to call-in.
    CallInStatusNotStated,
    /// The record does not say whether the decision is subject to call-in; the council's
    /// policy makes this kind of decision maker's decisions not subject, so it was treated as
    /// not subject.
    CallInStatusTakenFromPolicy {
        /// The kind of decision maker.
        decision_maker_kind: BodyKind,
    },
    /// The time of the call-in deadline given differs from the rule's, with no reason.
    CallInDeadlineTimeDiffersFromRule {
        /// By the rule.
        computed: Option<NaiveTime>,
        /// As given.
        recorded: Option<NaiveTime>,
    },
    /// The decision took effect or was implemented with no publication date stated.
    PublicationDateNotStated,
    /// With no publication date stated, whether the call-in period had ended could not be
    /// checked: the record says the decision is subject to call-in, or does not say.
    CallInPeriodNotChecked {
        /// Whether the record says it is subject to call-in (rather than saying nothing).
        call_in_status_stated: bool,
    },
    /// The decision was implemented with no date stated for when it took effect.
    EffectiveDateNotStated,
    /// Representations were invited until after the decision was made.
    RepresentationsDeadlineAfterDecision {
        /// The deadline for representations.
        representations_by: NaiveDate,
        /// Date of decision.
        date_of_decision: NaiveDate,
    },
    /// A key decision with no forward-plan entry linked: the 28-day notice
    /// cannot be checked.
    KeyDecisionWithoutForwardPlanEntry,
    /// The body that took the decision is not the named decision maker.
    DecidedByDiffersFromDecisionMaker {
        /// The decision maker.
        decision_maker: BodyId,
        /// The body that decided.
        decided_by: BodyId,
    },
    /// An outcome that decides something, with no resolutions recorded.
    NoResolutions {
        /// The outcome.
        outcome: Outcome,
    },
    /// The council maps the status label to something other than the
    /// outcome given.
    StatusLabelDisagreesWithOutcome {
        /// The label.
        label: StatusLabel,
        /// What the council maps it to.
        mapped_to: CanonicalStatus,
        /// The outcome given.
        outcome: Outcome,
    },
    /// The council has no mapping for the status label.
    StatusLabelNotMapped {
        /// The label.
        label: StatusLabel,
    },
    /// A body named on the record had been retired by the date it refers to.
    BodyRetired {
        /// The body.
        body: BodyId,
        /// When it was retired.
        retired_on: NaiveDate,
    },
    /// A ward named on the record had been retired by the date it refers to.
    WardRetired {
        /// The ward.
        ward: WardId,
        /// When it was retired.
        retired_on: NaiveDate,
    },
    /// A restriction cites a scheme that is not the council nation's.
    RestrictionSchemeNotForNation {
        /// The scheme cited.
        scheme: ExemptionScheme,
        /// The council's nation.
        nation: Nation,
    },
    /// A key forward-plan entry under an exception notice: the public had
    /// less than the usual 28 clear days.
    ShortNotice {
        /// Clear days given.
        clear_days: i64,
    },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::PublishedBeforeDecision {
                publication_date,
                date_of_decision,
            } => {
                write!(
                    f,
                    "published on {publication_date}, before the date of decision {date_of_decision}"
                )
            }
            Warning::EffectiveDateDiffersFromRule { computed, recorded } => {
                write!(
                    f,
                    "effective from {recorded}, but the call-in rule gives {computed}"
                )
            }
            Warning::CallInDeadlineDiffersFromRule { computed, recorded } => {
                write!(
                    f,
                    "call-in deadline {} differs from the rule's {}",
                    date_or_none(*recorded),
                    date_or_none(*computed)
                )
            }
            Warning::CallInStatusNotStated => {
                write!(
                    f,
                    "the record does not say whether the decision is subject to call-in; treated as subject"
                )
            }
            Warning::CallInStatusTakenFromPolicy {
                decision_maker_kind,
            } => {
                write!(
                    f,
                    "the record does not say whether the decision is subject to call-in; the council's policy makes decisions of a {} not subject, so it was treated as not subject",
                    body_kind_words(*decision_maker_kind)
                )
            }
            Warning::CallInDeadlineTimeDiffersFromRule { computed, recorded } => {
                let time = |t: &Option<NaiveTime>| {
                    t.map_or_else(|| "no time".to_owned(), |t| t.format("%H:%M").to_string())
                };
                write!(
                    f,
                    "the call-in deadline time {} differs from the rule's ({}), and no reason was given",
                    time(recorded),
                    time(computed)
                )
            }
            Warning::PublicationDateNotStated => {
                write!(f, "no publication date was stated for the decision")
            }
            Warning::CallInPeriodNotChecked {
                call_in_status_stated,
            } => {
                let status = if *call_in_status_stated {
                    "the record says the decision is subject to call-in"
                } else {
                    "the record does not say whether the decision is subject to call-in"
                };
                write!(
                    f,
                    "{status} and no publication date was stated, so whether the call-in period had ended could not be checked"
                )
            }
            Warning::EffectiveDateNotStated => {
                write!(
                    f,
                    "no date was stated for when the decision took effect before it was implemented"
                )
            }
            Warning::RepresentationsDeadlineAfterDecision {
                representations_by,
                date_of_decision,
            } => write!(
                f,
                "representations were invited until {representations_by}, after the decision on {date_of_decision}"
            ),
            Warning::KeyDecisionWithoutForwardPlanEntry => {
                write!(f, "a key decision with no forward-plan entry linked")
            }
            Warning::DecidedByDiffersFromDecisionMaker {
                decision_maker,
                decided_by,
            } => {
                write!(
                    f,
                    "decided by body {decided_by}, not the decision maker {decision_maker}"
                )
            }
            Warning::NoResolutions { outcome } => {
                write!(
                    f,
                    "the outcome is \"{}\" but no resolutions are recorded",
                    outcome_words(*outcome)
                )
            }
            Warning::StatusLabelDisagreesWithOutcome {
                label,
                mapped_to,
                outcome,
            } => {
                write!(
                    f,
                    "the council maps \"{label}\" to \"{}\", but the outcome given is \"{}\"",
                    status_words(*mapped_to),
                    outcome_words(*outcome)
                )
            }
            Warning::StatusLabelNotMapped { label } => {
                write!(
                    f,
                    "the council has no meaning mapped for the status \"{label}\""
                )
            }
            Warning::BodyRetired { body, retired_on } => {
                write!(f, "body {body} was retired on {retired_on}")
            }
            Warning::WardRetired { ward, retired_on } => {
                write!(f, "ward {ward} was retired on {retired_on}")
            }
            Warning::RestrictionSchemeNotForNation { scheme, nation } => {
                write!(
                    f,
                    "{} is not the scheme used in {}",
                    scheme.citation(),
                    nation_words(*nation)
                )
            }
            Warning::ShortNotice { clear_days } => {
                write!(
                    f,
                    "a key decision with {clear_days} clear days' notice instead of 28"
                )
            }
        }
    }
}

/// A date, or "none" when the record has none.
fn date_or_none(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| "none".to_owned(), |date| date.to_string())
}

fn body_kind_words(kind: BodyKind) -> &'static str {
    match kind {
        BodyKind::Cabinet => "cabinet",
        BodyKind::Committee => "committee",
        BodyKind::CabinetMember => "cabinet member",
        BodyKind::Officer => "officer",
        BodyKind::FullCouncil => "full council",
        BodyKind::ElectedMayor => "elected mayor",
        BodyKind::JointCommittee => "joint committee",
    }
}

fn outcome_words(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Approved => "approved",
        Outcome::ApprovedWithAmendments => "approved with amendments",
        Outcome::Rejected => "rejected",
        Outcome::Noted => "noted",
        Outcome::ForDetermination => "for determination",
    }
}

fn status_words(status: CanonicalStatus) -> &'static str {
    match status {
        CanonicalStatus::Approved => "approved",
        CanonicalStatus::ApprovedWithAmendments => "approved with amendments",
        CanonicalStatus::Rejected => "rejected",
        CanonicalStatus::Noted => "noted",
        CanonicalStatus::ForDetermination => "for determination",
        CanonicalStatus::Deferred => "deferred",
        CanonicalStatus::Withdrawn => "withdrawn",
        CanonicalStatus::CalledIn => "called in",
    }
}

fn nation_words(nation: Nation) -> &'static str {
    match nation {
        Nation::England => "England",
        Nation::Wales => "Wales",
        Nation::Scotland => "Scotland",
        Nation::NorthernIreland => "Northern Ireland",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::StatusLabel;

    fn every_warning() -> Vec<Warning> {
        let day = NaiveDate::from_ymd_opt(2010, 6, 11).unwrap_or_default();
        let label =
            StatusLabel::parse("Recommendations Approved").unwrap_or_else(|_| unreachable!());
        vec![
            Warning::PublishedBeforeDecision {
                publication_date: day,
                date_of_decision: day,
            },
            Warning::EffectiveDateDiffersFromRule {
                computed: day,
                recorded: day,
            },
            Warning::CallInDeadlineDiffersFromRule {
                computed: Some(day),
                recorded: None,
            },
            Warning::CallInStatusNotStated,
            Warning::CallInStatusTakenFromPolicy {
                decision_maker_kind: BodyKind::Officer,
            },
            Warning::CallInDeadlineTimeDiffersFromRule {
                computed: NaiveTime::from_hms_opt(17, 0, 0),
                recorded: None,
            },
            Warning::PublicationDateNotStated,
            Warning::CallInPeriodNotChecked {
                call_in_status_stated: false,
            },
            Warning::EffectiveDateNotStated,
            Warning::RepresentationsDeadlineAfterDecision {
                representations_by: day,
                date_of_decision: day,
            },
            Warning::KeyDecisionWithoutForwardPlanEntry,
            Warning::DecidedByDiffersFromDecisionMaker {
                decision_maker: BodyId::new(),
                decided_by: BodyId::new(),
            },
            Warning::NoResolutions {
                outcome: Outcome::ApprovedWithAmendments,
            },
            Warning::StatusLabelDisagreesWithOutcome {
                label: label.clone(),
                mapped_to: CanonicalStatus::CalledIn,
                outcome: Outcome::Rejected,
            },
            Warning::StatusLabelNotMapped { label },
            Warning::BodyRetired {
                body: BodyId::new(),
                retired_on: day,
            },
            Warning::WardRetired {
                ward: WardId::new(),
                retired_on: day,
            },
            Warning::RestrictionSchemeNotForNation {
                scheme: ExemptionScheme::Schedule7A,
                nation: Nation::NorthernIreland,
            },
            Warning::ShortNotice { clear_days: 3 },
        ]
    }

    #[test]
    fn warnings_speak_plain_words_never_rust_debug_text() {
        for warning in every_warning() {
            let text = warning.to_string();
            for debug in [
                "Some(",
                "None",
                "StatusLabel(",
                "ApprovedWith",
                "CalledIn",
                "NorthernIreland",
                "\\\"",
            ] {
                assert!(!text.contains(debug), "{warning:?} reads {text:?}");
            }
        }
    }
}
