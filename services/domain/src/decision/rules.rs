//! Checks on a decision's record against the council and today: errors for
//! the impossible, warnings for the merely unusual. Shared by Record and
//! Correct.

use super::{DecisionDetails, DecisionError, Interests, WardsAffected};
use crate::council::Council;
use crate::values::{BodyId, DecisionId};
use crate::warning::Warning;
use chrono::NaiveDate;

/// Checks `details`, the record of decision `id`, and returns the warnings it deserves.
pub(super) fn check_details(
    id: DecisionId,
    details: &DecisionDetails,
    council: &Council,
    today: NaiveDate,
) -> Result<Vec<Warning>, DecisionError> {
    let mut warnings = Vec::new();
    let date = details.date_of_decision;
    if date > today {
        return Err(DecisionError::DecisionDateInFuture {
            date_of_decision: date,
            today,
        });
    }
    let not_stated = details.not_stated();
    if !not_stated.is_empty() {
        warnings.push(Warning::NotStated { fields: not_stated });
    }
    check_bodies(details, council, &mut warnings)?;
    check_members(details, council, &mut warnings)?;
    if let WardsAffected::Listed { ward_ids } = &details.wards_affected {
        for &id in ward_ids.as_slice() {
            let ward = council.ward(id).ok_or(DecisionError::UnknownWard(id))?;
            if let Some(retired_on) = ward.retired_on.filter(|r| *r <= date) {
                warnings.push(Warning::WardRetired {
                    ward: id,
                    retired_on,
                });
            }
        }
    }
    if let Some(link) = details.links.iter().find(|l| l.decision_id == id) {
        return Err(DecisionError::LinksToItself(link.decision_id));
    }
    if let Some(representations_by) = details.representations_by
        && representations_by > date
    {
        warnings.push(Warning::RepresentationsDeadlineAfterDecision {
            representations_by,
            date_of_decision: date,
        });
    }
    if details.key_decision == Some(true) && details.forward_plan_entry.is_none() {
        warnings.push(Warning::KeyDecisionWithoutForwardPlanEntry);
    }
    if let Some(outcome) = details.outcome
        && outcome.expects_resolutions()
        && details.resolutions.is_empty()
    {
        warnings.push(Warning::NoResolutions { outcome });
    }
    if let Some((cast, stated, named)) = details
        .vote
        .as_ref()
        .and_then(|v| v.count_disagreeing_with_names())
    {
        warnings.push(Warning::VoteCountDisagreesWithNames {
            cast,
            stated,
            named,
        });
    }
    if let Some(label) = &details.status_label {
        match council.status_for_label(label) {
            None => warnings.push(Warning::StatusLabelNotMapped {
                label: label.clone(),
            }),
            Some(status) => {
                if let Some(outcome) = details.outcome
                    && status.outcome() != Some(outcome)
                {
                    warnings.push(Warning::StatusLabelDisagreesWithOutcome {
                        label: label.clone(),
                        mapped_to: status,
                        outcome,
                    });
                }
            }
        }
    }
    let nation = council.nation();
    let mut seen = Vec::new();
    let mut unusual = Vec::new();
    for restriction in details.restrictions() {
        let scheme = restriction.scheme();
        if !nation.accepts_scheme(scheme) && !seen.contains(&scheme) {
            seen.push(scheme);
            warnings.push(Warning::RestrictionSchemeNotForNation { scheme, nation });
        }
        if let Some(what) = restriction.unusual()
            && !unusual.contains(&what)
        {
            unusual.push(what);
            warnings.push(Warning::UnusualRestriction { what });
        }
    }
    Ok(warnings)
}

/// The decision maker and the body that decided, where stated, must be the council's bodies.
fn check_bodies(
    details: &DecisionDetails,
    council: &Council,
    warnings: &mut Vec<Warning>,
) -> Result<(), DecisionError> {
    let maker = details.decision_maker.as_ref().map(|b| b.body_id);
    let decided_by = details.decided_by.as_ref().map(|b| b.body_id);
    if let (Some(decision_maker), Some(decided_by)) = (maker, decided_by)
        && decision_maker != decided_by
    {
        warnings.push(Warning::DecidedByDiffersFromDecisionMaker {
            decision_maker,
            decided_by,
        });
    }
    let mut bodies: Vec<BodyId> = maker.into_iter().chain(decided_by).collect();
    bodies.dedup();
    for id in bodies {
        let body = council.body(id).ok_or(DecisionError::UnknownBody(id))?;
        if let Some(retired_on) = body.retired_on.filter(|r| *r <= details.date_of_decision) {
            warnings.push(Warning::BodyRetired {
                body: id,
                retired_on,
            });
        }
    }
    Ok(())
}

/// Members named by id must be in the council's list; one who had left office is a warning.
fn check_members(
    details: &DecisionDetails,
    council: &Council,
    warnings: &mut Vec<Warning>,
) -> Result<(), DecisionError> {
    if matches!(&details.interests, Interests::Declared { interests } if interests.is_empty()) {
        return Err(DecisionError::EmptyDeclaredInterests);
    }
    let mut seen = Vec::new();
    for id in details.members().filter_map(|m| m.member_id) {
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        let member = council.member(id).ok_or(DecisionError::UnknownMember(id))?;
        if let Some(left_on) = member.left_on.filter(|l| *l <= details.date_of_decision) {
            warnings.push(Warning::MemberLeftOffice {
                member: id,
                left_on,
            });
        }
    }
    Ok(())
}
