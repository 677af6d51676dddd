//! A forward-plan entry as a ModernGov issue page or plan shows it, typed into what a clerk
//! would have entered: the matter, its decision maker, the date due, the notice and the status.

use chrono::NaiveDate;
use civic_domain::decision::WardList;
use civic_domain::forward_plan::{
    AnticipatedRestriction, DateDue, EntryContact, ForwardPlanDetails, ForwardPlanStatus,
    Representations, Wards, YearMonth,
};
use civic_domain::restriction::RestrictionDraft;
use civic_domain::values::{
    ForwardPlanEntryId, HttpUrl, LongText, Name, Reference, Source as RecordSource, Title,
};

use super::council::{CouncilNames, fold};
use super::values;
use super::{Note, Refusal, Source};
use crate::ids::Ids;
use crate::page::{Field, RawRecord};
use crate::text::PublishedContact;

/// The role given to the "Lead member" line's contact.
pub const LEAD_MEMBER: &str = "Lead member";
/// The role given to the "Lead officer" line's contact.
pub const LEAD_OFFICER: &str = "Lead officer";

/// A forward-plan entry typed from a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedEntry {
    /// The register's id for it, derived from what identifies it on the page.
    pub id: ForwardPlanEntryId,
    /// What it says of the matter.
    pub details: ForwardPlanDetails<RestrictionDraft>,
    /// "Decision due", as the page states it.
    pub date_due: Option<DateDue>,
    /// "Notice of proposed decision first published".
    pub notice_date: Option<NaiveDate>,
    /// The status, when the page shows one the register knows.
    pub status: Option<ForwardPlanStatus>,
    /// The status in the page's words.
    pub status_label: Option<Name>,
}

/// Types a forward-plan entry. Refused without a title or a decision maker: the notice of a
/// decision must name who will take it.
pub fn type_entry(
    record: &RawRecord,
    source: &Source<'_>,
    names: &mut CouncilNames<'_>,
    ids: &Ids,
    notes: &mut Vec<Note>,
) -> Result<TypedEntry, Refusal> {
    let get = |field: Field| record.get(field);
    let title_text = get(Field::Title).ok_or(Refusal::Missing(Field::Title))?;
    let title =
        Title::parse(title_text).map_err(|e| Refusal::Invalid(Field::Title, e.to_string()))?;
    let maker_text = get(Field::DecisionMaker).ok_or(Refusal::Missing(Field::DecisionMaker))?;
    let maker = values::name(maker_text).ok_or(Refusal::Invalid(
        Field::DecisionMaker,
        format!("{maker_text:?} is not a body's name"),
    ))?;
    let decision_maker = names.body(&maker);
    let mut note = |field: Field, why: &'static str| notes.push(Note { field, why });

    let key_decision = match get(Field::KeyDecision).map(values::yes_no) {
        Some(Some(answer)) => answer,
        Some(None) => {
            note(
                Field::KeyDecision,
                "not a yes or no: taken as a key decision",
            );
            true
        }
        // The forward plan is the notice of key decisions: an entry that does not say otherwise
        // is one.
        None => true,
    };
    let wards = match get(Field::WardsAffected) {
        None => None,
        Some(text) if values::is_all_wards(text) => Some(Wards::All),
        Some(text) => {
            let listed: Vec<_> = values::semicolon_list(text)
                .iter()
                .map(|ward| names.ward(ward))
                .collect();
            WardList::parse(listed)
                .ok()
                .map(|ward_ids| Wards::Listed { ward_ids })
        }
    };
    let date_due = get(Field::DateDue).and_then(|text| {
        let due = date_due(text);
        if due.is_none() {
            note(Field::DateDue, "not a date due");
        }
        due
    });
    let notice_date = get(Field::NoticePublished).and_then(|text| {
        let day = values::date(text);
        if day.is_none() {
            note(Field::NoticePublished, "not a date");
        }
        day
    });
    let anticipated_restriction = match get(Field::ExemptInformation) {
        Some(text) => restriction(text).unwrap_or_else(|| {
            note(Field::ExemptInformation, "not read: taken as open");
            AnticipatedRestriction::Open
        }),
        None => AnticipatedRestriction::Open,
    };
    let (status, status_label) = match get(Field::EntryStatus) {
        Some(text) => {
            let status = entry_status(text);
            if status.is_none() {
                note(Field::EntryStatus, "not a status the register knows");
            }
            (status, values::name(text))
        }
        None => (None, None),
    };
    let representations = get(Field::RepresentationsBy).and_then(|text| {
        Some(Representations {
            how: LongText::parse(text).ok()?,
            by: values::date(text),
        })
    });
    let mut contacts = Vec::new();
    for (field, role) in [
        (Field::LeadMember, LEAD_MEMBER),
        (Field::LeadOfficer, LEAD_OFFICER),
    ] {
        if let Some(name) = get(field).and_then(values::name) {
            contacts.push(EntryContact {
                role: Name::parse(role).ok(),
                name: Some(name),
                email: None,
                phone: None,
                as_given: None,
            });
        }
    }
    if let Some(text) = get(Field::Contact) {
        contacts.push(contact(text));
    }
    let page_url = record.url.as_deref().or(source.page_url);
    let details = ForwardPlanDetails {
        title,
        description: get(Field::Description).and_then(values::long_text),
        decision_maker,
        key_decision,
        reason_key: get(Field::ReasonKey)
            .map(values::semicolon_list)
            .unwrap_or_default(),
        wards,
        consultees: get(Field::Consultees).and_then(values::long_text),
        representations,
        anticipated_restriction,
        reference: get(Field::Reference).and_then(values::name),
        contacts,
        source: RecordSource {
            url: page_url.and_then(|url| HttpUrl::parse(url).ok()),
            system_id: record
                .system_id
                .as_deref()
                .and_then(|id| Reference::parse(id).ok()),
        },
    };
    let day = date_due.and_then(|d| d.earliest()).or(notice_date);
    Ok(TypedEntry {
        id: ids.forward_plan_entry(&super::identity(record, source, day.unwrap_or_default())),
        details,
        date_due,
        notice_date,
        status,
        status_label,
    })
}

/// "21 Jul 2026", "July 2026", "Not before 1st Sep 2026", "Not known" / "TBC".
fn date_due(text: &str) -> Option<DateDue> {
    let folded = fold(text);
    if matches!(
        folded.as_str(),
        "not known" | "tbc" | "to be confirmed" | "unknown" | "tba" | "to be agreed"
    ) {
        return Some(DateDue::NotKnown);
    }
    if let Some(rest) = folded.strip_prefix("not before") {
        return values::date(rest.trim()).map(|date| DateDue::NotBefore { date });
    }
    if let Some(date) = values::date(text) {
        return Some(DateDue::Day { date });
    }
    // "July 2026": the first of the month read as a day, then kept as the month.
    let first = values::date(&format!("1 {}", text.trim()))?;
    let month = YearMonth::parse(&first.format("%Y-%m").to_string()).ok()?;
    Some(DateDue::Month { month })
}

/// "Open", "Part exempt: paragraph 3", "Fully exempt - paragraphs 1 and 2".
fn restriction(text: &str) -> Option<AnticipatedRestriction<RestrictionDraft>> {
    let folded = fold(text);
    if folded.starts_with("open") || values::is_none_word(text) || folded == "no" {
        return Some(AnticipatedRestriction::Open);
    }
    if !(folded.contains("exempt") || folded.contains("confidential") || folded.contains("private"))
    {
        return None;
    }
    let paragraphs: Vec<u8> = folded
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse::<u8>().ok())
        .filter(|n| (1..=7).contains(n))
        .collect();
    let mut draft = RestrictionDraft::exempt(None, &paragraphs);
    draft.as_given = LongText::parse(text).ok();
    let restriction = Some(draft);
    Some(if folded.contains("part") {
        AnticipatedRestriction::PartExempt { restriction }
    } else {
        AnticipatedRestriction::FullyExempt { restriction }
    })
}

fn entry_status(text: &str) -> Option<ForwardPlanStatus> {
    let folded = fold(text);
    let has = |word: &str| folded.contains(word);
    let status = if has("withdrawn") {
        ForwardPlanStatus::Withdrawn
    } else if has("abandon") {
        ForwardPlanStatus::Abandoned
    } else if has("implemented") {
        ForwardPlanStatus::Implemented
    } else if has("defer") {
        ForwardPlanStatus::Deferred
    } else if has("on hold") {
        ForwardPlanStatus::OnHold
    } else if has("for determination") || has("planned") || has("proposed") || has("open") {
        ForwardPlanStatus::Planned
    } else if has("decided") || has("decision made") || has("approved") {
        ForwardPlanStatus::Decided
    } else {
        return None;
    };
    Some(status)
}

/// "Jane Smith, Transport Planning Manager Email: jane.smith@example.gov.uk Tel: 01234 567890.":
/// the name and role before the email or telephone, the email and phone, and the line as given.
fn contact(text: &str) -> EntryContact {
    let published = PublishedContact::from_text(text);
    let lead = ["Email", "E-mail", "Tel", "Phone"]
        .iter()
        .filter_map(|marker| text.find(marker))
        .min()
        .map_or(text, |end| &text[..end]);
    let mut parts = lead.split(',').map(str::trim).filter(|p| !p.is_empty());
    let (email, phone) = values::email_and_phone(&published);
    EntryContact {
        name: parts.next().and_then(values::name),
        role: parts.next().and_then(values::name),
        email,
        phone,
        as_given: LongText::parse(&published.as_given).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_due_are_read_as_plans_write_them() {
        let day = NaiveDate::from_ymd_opt(2026, 7, 21).unwrap();
        assert_eq!(date_due("21 Jul 2026"), Some(DateDue::Day { date: day }));
        assert_eq!(
            date_due("Not before 1st Sep 2026"),
            NaiveDate::from_ymd_opt(2026, 9, 1).map(|date| DateDue::NotBefore { date })
        );
        assert_eq!(
            date_due("July 2026"),
            Some(DateDue::Month {
                month: YearMonth::new(2026, 7).unwrap()
            })
        );
        assert_eq!(date_due("Not known"), Some(DateDue::NotKnown));
        assert_eq!(date_due("soon"), None);
    }

    #[test]
    fn exempt_information_is_read_with_its_paragraphs() {
        assert_eq!(restriction("Open"), Some(AnticipatedRestriction::Open));
        let Some(AnticipatedRestriction::PartExempt {
            restriction: Some(draft),
        }) = restriction("Part exempt: paragraph 3")
        else {
            panic!("part exempt");
        };
        assert_eq!(draft.paragraphs.len(), 1);
        assert!(matches!(
            restriction("Fully exempt - paragraphs 1 and 2"),
            Some(AnticipatedRestriction::FullyExempt { .. })
        ));
        assert_eq!(restriction("Maybe"), None);
    }

    #[test]
    fn a_contact_line_gives_name_role_email_and_phone() {
        let c = contact(
            "Jane Smith, Transport Planning Manager Email: jane.smith@example.gov.uk Tel: 01234 567890.",
        );
        assert_eq!(c.name.as_ref().map(Name::as_str), Some("Jane Smith"));
        assert_eq!(
            c.role.as_ref().map(Name::as_str),
            Some("Transport Planning Manager")
        );
        assert!(c.email.is_some() && c.phone.is_some());
    }

    #[test]
    fn statuses_are_read_from_the_plans_words() {
        assert_eq!(
            entry_status("For determination"),
            Some(ForwardPlanStatus::Planned)
        );
        assert_eq!(entry_status("Deferred"), Some(ForwardPlanStatus::Deferred));
        assert_eq!(entry_status("Mystery"), None);
    }
}
