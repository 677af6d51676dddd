//! A page's reading laid over a record the register already holds from other pages: the fields
//! this page states replace the record's, the rest stay. A delegated-decisions list row (title,
//! dates) never blanks the purpose and resolutions its decision-details page gave.

use std::collections::BTreeSet;

use civic_domain::decision::{DecisionDetails, DecisionField, References};
use civic_domain::forward_plan::{EntryContact, ForwardPlanDetails};

use super::forward_plan::{LEAD_MEMBER, LEAD_OFFICER};
use civic_domain::meeting::MeetingDetails;
use civic_domain::restriction::RestrictionDraft;

use crate::page::{Field, RawRecord};

/// The record fields a page states, by the page fields it shows.
pub fn stated_decision_fields(record: &RawRecord) -> BTreeSet<DecisionField> {
    use DecisionField as D;
    let mut stated = BTreeSet::new();
    for field in &record.fields {
        let fields: &[DecisionField] = match field.field {
            Field::Title => &[D::Title],
            Field::DecisionMaker => &[D::DecisionMaker],
            Field::DecisionStatus => &[D::StatusLabel, D::Outcome],
            Field::KeyDecision => &[D::KeyDecision],
            Field::SubjectToCallIn | Field::CallIns => &[D::SubjectToCallIn],
            Field::Purpose => &[D::Purpose],
            Field::Decision => &[D::Resolutions],
            Field::Reasons => &[D::Reasons],
            Field::AlternativeOptions => &[D::AlternativeOptions],
            Field::Interests => &[D::Interests],
            Field::ReasonKey => &[D::ReasonKey],
            Field::WardsAffected => &[D::WardsAffected],
            Field::CommitteeDetails => &[D::CommitteeDetails],
            Field::RepresentationsBy => &[D::RepresentationsBy],
            Field::OtherConsulted => &[D::OtherConsulted],
            Field::Consultees => &[D::Consultees],
            Field::Contact => &[D::Contact],
            Field::ReportAuthor => &[D::ReportAuthor],
            Field::DateOfDecision => &[D::DateOfDecision],
            Field::DecidedAt => &[D::DecidedBy],
            Field::LeadMember => &[D::LeadMember],
            Field::LeadOfficer => &[D::LeadOfficer],
            Field::Department => &[D::Department],
            Field::PublicationDate
            | Field::EffectiveFrom
            | Field::CallInDeadline
            | Field::Committee
            | Field::MeetingDateTime
            | Field::MeetingStatus
            | Field::Venue
            | Field::DateDue
            | Field::NoticePublished
            | Field::ExemptInformation
            | Field::Description
            | Field::EntryStatus
            | Field::Reference => &[],
        };
        stated.extend(fields.iter().copied());
    }
    if !record.documents.is_empty() {
        stated.insert(D::Documents);
    }
    stated
}

/// `page`'s stated fields over `held`. References merge part by part: the page's source
/// address and id where it has them, the council's own numbers kept.
pub fn overlay_decision(
    held: DecisionDetails<RestrictionDraft>,
    page: DecisionDetails<RestrictionDraft>,
    stated: &BTreeSet<DecisionField>,
) -> DecisionDetails<RestrictionDraft> {
    use DecisionField as D;
    let has = |field: D| stated.contains(&field);
    // Destructured without `..`: a new field of the record must be placed here.
    let DecisionDetails {
        title,
        decision_maker,
        status_label,
        outcome,
        key_decision,
        subject_to_call_in,
        purpose,
        resolutions,
        reasons,
        alternative_options,
        reason_key,
        wards_affected,
        committee_details,
        representations_by,
        other_consulted,
        consultees,
        contact,
        report_author,
        date_of_decision,
        decided_by,
        interests,
        documents,
        field_restrictions: _,
        forward_plan_entry: _,
        references,
        links: _,
        meeting,
        lead_member,
        lead_officer,
        department,
        vote: _,
    } = page;
    let References {
        reference: _,
        minute_number: _,
        source_url,
        source_id,
    } = references;
    let mut out = held;
    macro_rules! take {
        ($($field:ident => $value:ident),* $(,)?) => {
            $( if has(D::$field) { out.$value = $value; } )*
        };
    }
    take!(
        Title => title,
        DecisionMaker => decision_maker,
        StatusLabel => status_label,
        Outcome => outcome,
        KeyDecision => key_decision,
        SubjectToCallIn => subject_to_call_in,
        Purpose => purpose,
        Resolutions => resolutions,
        Reasons => reasons,
        AlternativeOptions => alternative_options,
        ReasonKey => reason_key,
        WardsAffected => wards_affected,
        CommitteeDetails => committee_details,
        RepresentationsBy => representations_by,
        OtherConsulted => other_consulted,
        Consultees => consultees,
        Contact => contact,
        ReportAuthor => report_author,
        DateOfDecision => date_of_decision,
        DecidedBy => decided_by,
        Interests => interests,
        Documents => documents,
        LeadMember => lead_member,
        LeadOfficer => lead_officer,
        Department => department,
    );
    if meeting.is_some() {
        out.meeting = meeting;
    }
    if source_url.is_some() {
        out.references.source_url = source_url;
    }
    if source_id.is_some() {
        out.references.source_id = source_id;
    }
    out
}

/// A meeting page's reading over the meeting held: when, where and its status as the page says
/// them; the agenda, minutes and exclusions the register holds stay.
pub fn overlay_meeting(
    held: MeetingDetails<RestrictionDraft>,
    page: MeetingDetails<RestrictionDraft>,
) -> MeetingDetails<RestrictionDraft> {
    MeetingDetails {
        body: page.body,
        date: page.date,
        start_time: page.start_time.or(held.start_time),
        location: page.location.or(held.location),
        status: page.status.or(held.status),
        source: civic_domain::values::Source {
            url: page.source.url.or(held.source.url),
            system_id: page.source.system_id.or(held.source.system_id),
        },
        ..held
    }
}

/// A forward-plan page's reading over the entry held: each part of the matter the page states
/// replaces the entry's; the rest stay.
pub fn overlay_entry(
    held: ForwardPlanDetails<RestrictionDraft>,
    page: ForwardPlanDetails<RestrictionDraft>,
    stated: &BTreeSet<Field>,
) -> ForwardPlanDetails<RestrictionDraft> {
    let has = |field: Field| stated.contains(&field);
    // Destructured without `..`: a new part of the details must be placed here.
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
    } = page;
    let mut out = held;
    macro_rules! take {
        ($($field:ident => $value:ident),* $(,)?) => {
            $( if has(Field::$field) { out.$value = $value; } )*
        };
    }
    take!(
        Title => title,
        Description => description,
        DecisionMaker => decision_maker,
        KeyDecision => key_decision,
        ReasonKey => reason_key,
        WardsAffected => wards,
        Consultees => consultees,
        RepresentationsBy => representations,
        ExemptInformation => anticipated_restriction,
        Reference => reference,
    );
    // Contacts by the line they come from: a plan listing only the lead officer keeps the lead
    // member and contact its item page gave.
    let from_field = |contact: &EntryContact| match contact.role.as_ref().map(|r| r.as_str()) {
        Some(LEAD_MEMBER) => Field::LeadMember,
        Some(LEAD_OFFICER) => Field::LeadOfficer,
        _ => Field::Contact,
    };
    let kept: Vec<EntryContact> = std::mem::take(&mut out.contacts)
        .into_iter()
        .filter(|c| !has(from_field(c)))
        .collect();
    out.contacts = contacts;
    out.contacts.extend(kept);
    if source.url.is_some() {
        out.source.url = source.url;
    }
    if source.system_id.is_some() {
        out.source.system_id = source.system_id;
    }
    out
}
