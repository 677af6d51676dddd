//! Checks on a decision's record against the council and today: errors for
//! the impossible, warnings for the merely unusual. Shared by Record and
//! Correct.

use super::{DecisionDetails, DecisionError, WardsAffected};
use crate::council::Council;
use crate::values::BodyId;
use crate::warning::Warning;
use chrono::NaiveDate;

/// Checks `details` and returns the warnings it deserves.
pub(super) fn check_details(
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
    let mut bodies: Vec<BodyId> = vec![details.decision_maker.body_id];
    if details.decided_by.body_id != details.decision_maker.body_id {
        bodies.push(details.decided_by.body_id);
        warnings.push(Warning::DecidedByDiffersFromDecisionMaker {
            decision_maker: details.decision_maker.body_id,
            decided_by: details.decided_by.body_id,
        });
    }
    for id in bodies {
        let body = council.body(id).ok_or(DecisionError::UnknownBody(id))?;
        if let Some(retired_on) = body.retired_on.filter(|r| *r <= date) {
            warnings.push(Warning::BodyRetired {
                body: id,
                retired_on,
            });
        }
    }
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
    if details.outcome.expects_resolutions() && details.resolutions.is_empty() {
        warnings.push(Warning::NoResolutions {
            outcome: details.outcome,
        });
    }
    match council.status_for_label(&details.status_label) {
        None => warnings.push(Warning::StatusLabelNotMapped {
            label: details.status_label.clone(),
        }),
        Some(status) if status.outcome() != Some(details.outcome) => {
            warnings.push(Warning::StatusLabelDisagreesWithOutcome {
                label: details.status_label.clone(),
                mapped_to: status,
                outcome: details.outcome,
            });
        }
        Some(_) => {}
    }
    let nation = council.nation();
    let mut seen = Vec::new();
    for scheme in details.restrictions().map(|r| r.scheme()) {
        if !nation.accepts_scheme(scheme) && !seen.contains(&scheme) {
            seen.push(scheme);
            warnings.push(Warning::RestrictionSchemeNotForNation { scheme, nation });
        }
    }
    Ok(warnings)
}
