//! A meeting as a CMIS page shows it (committee, date and time, status, venue), typed into the
//! record a clerk would have entered.

use chrono::{NaiveDate, NaiveTime};
use civic_domain::meeting::{MeetingBody, MeetingDetails, MeetingStatus};
use civic_domain::restriction::RestrictionDraft;
use civic_domain::values::{HttpUrl, Location, MeetingId, Reference, Source as RecordSource};

use super::council::CouncilNames;
use super::values;
use super::{Note, Refusal, Source};
use crate::ids::Ids;
use crate::page::{Field, RawRecord};

/// A meeting typed from a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedMeeting {
    /// The register's id for it, derived from what identifies it on the page.
    pub id: MeetingId,
    /// The record's fields.
    pub details: MeetingDetails<RestrictionDraft>,
}

/// Types a meeting record. Refused when the page does not say which body met or on what day.
pub fn type_meeting(
    record: &RawRecord,
    source: &Source<'_>,
    names: &mut CouncilNames<'_>,
    ids: &Ids,
    notes: &mut Vec<Note>,
) -> Result<TypedMeeting, Refusal> {
    let committee = record
        .get(Field::Committee)
        .ok_or(Refusal::Missing(Field::Committee))?;
    let committee = values::name(committee).ok_or(Refusal::Invalid(
        Field::Committee,
        format!("{committee:?} is not a body's name"),
    ))?;
    let when = record
        .get(Field::MeetingDateTime)
        .ok_or(Refusal::Missing(Field::MeetingDateTime))?;
    let (date, start_time) = date_time(when).ok_or(Refusal::Invalid(
        Field::MeetingDateTime,
        format!("{when:?} is not a date and time"),
    ))?;
    let status = record.get(Field::MeetingStatus).and_then(|text| {
        let status = meeting_status(text);
        if status.is_none() {
            notes.push(Note {
                field: Field::MeetingStatus,
                why: "not a meeting status the register knows",
            });
        }
        status
    });
    let page_url = record.url.as_deref().or(source.page_url);
    let details = MeetingDetails {
        body: MeetingBody {
            body_id: names.body(&committee),
            name_as_shown: committee,
        },
        date,
        start_time,
        end_time: None,
        location: record
            .get(Field::Venue)
            .and_then(|v| Location::parse(v).ok()),
        status,
        items: Vec::new(),
        exclusions: Vec::new(),
        minutes: None,
        source: RecordSource {
            url: page_url.and_then(|url| HttpUrl::parse(url).ok()),
            system_id: record
                .system_id
                .as_deref()
                .and_then(|id| Reference::parse(id).ok()),
        },
    };
    Ok(TypedMeeting {
        id: ids.meeting(&super::identity(record, source, date)),
        details,
    })
}

/// "3 Aug 2026 - 10:00", "9 Jul 2026 11:00", "Wednesday, 9th June, 2010 7.30 pm": the day, and
/// the time when one is given.
fn date_time(text: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let text = text.trim();
    if let Some(day) = values::date(text) {
        return Some((day, None));
    }
    let (day, time) = text
        .rsplit_once(" - ")
        .or_else(|| text.rsplit_once(char::is_whitespace))?;
    let day = values::date(day.trim())?;
    Some((day, clock_time(time.trim())))
}

/// "10:00", "7.30 pm", "2pm".
fn clock_time(text: &str) -> Option<NaiveTime> {
    let lower = text.to_lowercase().replace(' ', "");
    let (digits, pm) = match lower.strip_suffix("pm") {
        Some(rest) => (rest.to_owned(), Some(true)),
        None => match lower.strip_suffix("am") {
            Some(rest) => (rest.to_owned(), Some(false)),
            None => (lower, None),
        },
    };
    let (hour, minute) = match digits.split_once([':', '.']) {
        Some((h, m)) => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None => (digits.parse::<u32>().ok()?, 0),
    };
    let hour = match pm {
        Some(true) if hour < 12 => hour + 12,
        Some(false) if hour == 12 => 0,
        _ => hour,
    };
    NaiveTime::from_hms_opt(hour, minute, 0)
}

fn meeting_status(text: &str) -> Option<MeetingStatus> {
    let folded = super::council::fold(text);
    if folded.contains("cancel") {
        Some(MeetingStatus::Cancelled)
    } else if folded.contains("postpone") {
        Some(MeetingStatus::Postponed)
    } else if folded.contains("scheduled") || folded.contains("confirmed") || folded == "to be held"
    {
        Some(MeetingStatus::Scheduled)
    } else if folded.contains("held") || folded.contains("took place") {
        Some(MeetingStatus::Held)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmis_dates_and_times_are_read() {
        let day = NaiveDate::from_ymd_opt(2026, 8, 3);
        let ten = NaiveTime::from_hms_opt(10, 0, 0);
        assert_eq!(date_time("3 Aug 2026 - 10:00"), day.map(|d| (d, ten)));
        assert_eq!(
            date_time("9 Jul 2026 11:00"),
            NaiveDate::from_ymd_opt(2026, 7, 9).map(|d| (d, NaiveTime::from_hms_opt(11, 0, 0)))
        );
        assert_eq!(clock_time("7.30 pm"), NaiveTime::from_hms_opt(19, 30, 0));
        assert_eq!(date_time("soon"), None);
    }

    #[test]
    fn statuses_are_read_from_the_councils_words() {
        assert_eq!(meeting_status("Scheduled"), Some(MeetingStatus::Scheduled));
        assert_eq!(
            meeting_status("Meeting Cancelled"),
            Some(MeetingStatus::Cancelled)
        );
        assert_eq!(meeting_status("Unknown"), None);
    }
}
