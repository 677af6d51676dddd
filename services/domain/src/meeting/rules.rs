//! Checks on a meeting's record: errors for what cannot be, warnings for what is unusual but
//! found on real pages.

use super::{MeetingDetails, MeetingError, MeetingStatus};
use crate::council::Council;
use crate::restriction::RestrictionCategory;
use crate::warning::Warning;
use chrono::NaiveDate;

/// Checks `details` against the council and today, and returns the warnings it deserves.
pub(super) fn check_details(
    details: &MeetingDetails,
    council: &Council,
    today: NaiveDate,
) -> Result<Vec<Warning>, MeetingError> {
    let mut warnings = Vec::new();
    let body = council
        .body(details.body.body_id)
        .ok_or(MeetingError::UnknownBody(details.body.body_id))?;
    if let Some(retired_on) = body.retired_on.filter(|r| *r <= details.date) {
        warnings.push(Warning::BodyRetired {
            body: body.id,
            retired_on,
        });
    }
    if details.status == Some(MeetingStatus::Held) && details.date > today {
        return Err(MeetingError::HeldInFuture {
            date: details.date,
            today,
        });
    }
    if let (Some(start), Some(end)) = (details.start_time, details.end_time)
        && end < start
    {
        // A meeting that ran past midnight, or a typing slip: keep it, and say so.
        warnings.push(Warning::MeetingEndsBeforeItStarts { start, end });
    }
    check_items(details, &mut warnings)?;
    check_exclusions(details, &mut warnings)?;
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

/// Item ids are unique; an item taken in private gives its basis.
fn check_items(details: &MeetingDetails, warnings: &mut Vec<Warning>) -> Result<(), MeetingError> {
    for (n, item) in details.items.iter().enumerate() {
        if details.items[..n]
            .iter()
            .any(|earlier| earlier.id == item.id)
        {
            return Err(MeetingError::DuplicateAgendaItem(item.id));
        }
        if let Some(number) = &item.number
            && details.items[..n]
                .iter()
                .any(|earlier| earlier.number.as_ref() == Some(number))
        {
            warnings.push(Warning::DuplicateItemNumber {
                number: number.clone(),
            });
        }
        match (&item.restriction, item.in_private) {
            (None, true) => return Err(MeetingError::PrivateItemWithoutBasis(item.id)),
            (Some(restriction), true) => {
                if restriction.category() == RestrictionCategory::Exempt
                    && restriction.paragraphs().is_empty()
                {
                    warnings.push(Warning::PrivateItemWithoutParagraph { item: item.id });
                }
                if !details.excluded_by_resolution(item.id) {
                    warnings.push(Warning::PrivateItemNotExcluded { item: item.id });
                }
            }
            (Some(_), false) => warnings.push(Warning::RestrictedItemInPublic { item: item.id }),
            (None, false) => {}
        }
    }
    Ok(())
}

/// Every item a resolution names is on the agenda; naming a public one is unusual.
fn check_exclusions(
    details: &MeetingDetails,
    warnings: &mut Vec<Warning>,
) -> Result<(), MeetingError> {
    for id in details.exclusions.iter().flat_map(|e| e.items.iter()) {
        let item = details
            .item(*id)
            .ok_or(MeetingError::UnknownExcludedItem(*id))?;
        if !item.in_private {
            warnings.push(Warning::ExclusionCoversPublicItem { item: *id });
        }
    }
    Ok(())
}
