//! Warnings: what is unusual but possible, recorded alongside accepted
//! commands so a person can look again. A warning never stops a command.

use crate::council::{BodyKind, CanonicalStatus};
use crate::decision::{DecisionField, Outcome, VoteCast};
use crate::nation::Nation;
use crate::restriction::{ExemptionScheme, UnusualRestriction};
use crate::values::{AgendaItemId, BodyId, ItemNumber, MemberId, StatusLabel, WardId};
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
    /// The record leaves out fields such records normally state; it is kept as the council
    /// showed it.
    NotStated {
        /// The fields not stated, in field order.
        fields: Vec<DecisionField>,
    },
    /// A vote's stated count differs from the named votes recorded.
    VoteCountDisagreesWithNames {
        /// Which count.
        cast: VoteCast,
        /// The count as stated.
        stated: u32,
        /// How many named votes of that kind were recorded.
        named: u32,
    },
    /// A member named on the record had left office by the date it refers to.
    MemberLeftOffice {
        /// The member.
        member: MemberId,
        /// When they left.
        left_on: NaiveDate,
    },
    /// A restriction does what real notices sometimes do but the statute does not expect.
    UnusualRestriction {
        /// What.
        what: UnusualRestriction,
    },
    /// A key forward-plan entry under an exception notice: the public had
    /// less than the usual 28 clear days.
    ShortNotice {
        /// Clear days given.
        clear_days: i64,
    },
    /// A meeting's end time is before its start time: it ran past midnight, or a slip.
    MeetingEndsBeforeItStarts {
        /// The start time.
        start: NaiveTime,
        /// The end time.
        end: NaiveTime,
    },
    /// Two agenda items of a meeting share a number.
    DuplicateItemNumber {
        /// The number.
        number: ItemNumber,
    },
    /// An item taken in private cites exempt information but no paragraph.
    PrivateItemWithoutParagraph {
        /// The item.
        item: AgendaItemId,
    },
    /// An item taken in private that no recorded resolution excluded the public from.
    PrivateItemNotExcluded {
        /// The item.
        item: AgendaItemId,
    },
    /// A resolution excluding the public names an item taken in public.
    ExclusionCoversPublicItem {
        /// The item.
        item: AgendaItemId,
    },
    /// An item taken in public whose minutes are withheld from the public.
    RestrictedItemInPublic {
        /// The item.
        item: AgendaItemId,
    },
    /// A key forward-plan entry under the general exception with fewer clear days than the
    /// exception allows (5): kept because the page says why, but unusual.
    NoticeShorterThanExceptionAllows {
        /// Clear days given (to the earliest day the decision may be taken).
        clear_days: i64,
        /// Clear days the exception needs.
        required: i64,
    },
    /// A key forward-plan entry due in a month or "not before" a day whose earliest possible
    /// day would give less than 28 clear days' notice.
    NoticeMayBeShort {
        /// Clear days to the earliest possible day.
        clear_days: i64,
    },
    /// A key forward-plan entry whose notice date or date due is not stated: the 28-day rule
    /// cannot be checked.
    NoticeNotCheckable,
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
            Warning::NotStated { fields } => {
                let words: Vec<&str> = fields.iter().map(|f| f.words()).collect();
                write!(f, "the record does not state: {}", words.join(", "))
            }
            Warning::VoteCountDisagreesWithNames {
                cast,
                stated,
                named,
            } => write!(
                f,
                "the record counts {stated} {} but names {named}",
                cast_words(*cast)
            ),
            Warning::MemberLeftOffice { member, left_on } => {
                write!(f, "member {member} left office on {left_on}")
            }
            Warning::UnusualRestriction { what } => f.write_str(match what {
                UnusualRestriction::ExemptWithoutParagraph => {
                    "information is withheld as exempt but no paragraph is stated"
                }
                UnusualRestriction::ConfidentialCitesParagraphs => {
                    "confidential information cites an exemption paragraph"
                }
            }),
            Warning::ShortNotice { clear_days } => {
                write!(
                    f,
                    "a key decision with {clear_days} clear days' notice instead of 28"
                )
            }
            Warning::MeetingEndsBeforeItStarts { start, end } => {
                write!(
                    f,
                    "the meeting ends at {} but starts at {}; kept as given (past midnight?)",
                    end.format("%H:%M"),
                    start.format("%H:%M")
                )
            }
            Warning::DuplicateItemNumber { number } => {
                write!(f, "more than one agenda item is numbered \"{number}\"")
            }
            Warning::PrivateItemWithoutParagraph { item } => {
                write!(
                    f,
                    "agenda item {item} was taken in private as exempt information with no paragraph given"
                )
            }
            Warning::PrivateItemNotExcluded { item } => {
                write!(
                    f,
                    "agenda item {item} was taken in private, but no recorded resolution excluded the public from it"
                )
            }
            Warning::ExclusionCoversPublicItem { item } => {
                write!(
                    f,
                    "a resolution excluding the public names agenda item {item}, which was taken in public"
                )
            }
            Warning::RestrictedItemInPublic { item } => {
                write!(
                    f,
                    "agenda item {item} was taken in public, but its minutes are withheld"
                )
            }
            Warning::NoticeShorterThanExceptionAllows {
                clear_days,
                required,
            } => write!(
                f,
                "a key decision under the general exception with {clear_days} clear days' notice; the exception needs {required}"
            ),
            Warning::NoticeMayBeShort { clear_days } => write!(
                f,
                "a key decision that may be taken with only {clear_days} clear days' notice instead of 28"
            ),
            Warning::NoticeNotCheckable => write!(
                f,
                "a key decision whose notice date or date due is not stated: the 28-day notice cannot be checked"
            ),
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

fn cast_words(cast: VoteCast) -> &'static str {
    match cast {
        VoteCast::For => "votes for",
        VoteCast::Against => "votes against",
        VoteCast::Abstained => "abstentions",
        VoteCast::DidNotVote => "members not voting",
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
            Warning::NotStated {
                fields: vec![DecisionField::DecisionMaker, DecisionField::StatusLabel],
            },
            Warning::VoteCountDisagreesWithNames {
                cast: VoteCast::DidNotVote,
                stated: 2,
                named: 1,
            },
            Warning::MemberLeftOffice {
                member: MemberId::new(),
                left_on: day,
            },
            Warning::UnusualRestriction {
                what: UnusualRestriction::ExemptWithoutParagraph,
            },
            Warning::ShortNotice { clear_days: 3 },
            Warning::MeetingEndsBeforeItStarts {
                start: NaiveTime::from_hms_opt(18, 30, 0).unwrap_or_default(),
                end: NaiveTime::from_hms_opt(0, 15, 0).unwrap_or_default(),
            },
            Warning::DuplicateItemNumber {
                number: ItemNumber::parse("45.").unwrap_or_else(|_| unreachable!()),
            },
            Warning::PrivateItemWithoutParagraph {
                item: AgendaItemId::new(),
            },
            Warning::PrivateItemNotExcluded {
                item: AgendaItemId::new(),
            },
            Warning::ExclusionCoversPublicItem {
                item: AgendaItemId::new(),
            },
            Warning::RestrictedItemInPublic {
                item: AgendaItemId::new(),
            },
            Warning::NoticeShorterThanExceptionAllows {
                clear_days: 2,
                required: 5,
            },
            Warning::NoticeMayBeShort { clear_days: 20 },
            Warning::NoticeNotCheckable,
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
                "DecisionMaker",
                "DidNotVote",
                "\\\"",
            ] {
                assert!(!text.contains(debug), "{warning:?} reads {text:?}");
            }
        }
    }
}
