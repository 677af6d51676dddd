//! A decision as a page shows it, typed into the record a clerk would have entered and the
//! publication they would have recorded.

use chrono::NaiveDate;
use civic_domain::decision::{
    BodyRef, DecisionDetails, Document, Interests, MeetingItemRef, References, WardList,
    WardsAffected,
};
use civic_domain::restriction::RestrictionDraft;
use civic_domain::values::{DecisionId, HttpUrl, Reference, StatusLabel, Title};

use super::council::CouncilNames;
use super::values::{self, date};
use super::{Note, Refusal, Source};
use crate::ids::Ids;
use crate::page::{Field, LinkKind, RawRecord};

/// The publication a page states: the day, and the dates it gives for call-in and effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Publication {
    /// "Publication date".
    pub date: NaiveDate,
    /// "Call-in deadline", if stated.
    pub call_in_deadline: Option<NaiveDate>,
    /// "Effective from", if stated.
    pub effective_from: Option<NaiveDate>,
}

/// A decision typed from a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedDecision {
    /// The register's id for it, derived from what identifies it on the page.
    pub id: DecisionId,
    /// The record's fields.
    pub details: DecisionDetails<RestrictionDraft>,
    /// The publication, if the page states one.
    pub publication: Option<Publication>,
    /// The day it took effect, when the page states it and no publication.
    pub took_effect: Option<NaiveDate>,
}

/// Types a decision record. Refused only when the law's minimum is missing: a title and the
/// date of decision.
pub fn type_decision(
    record: &RawRecord,
    source: &Source<'_>,
    names: &mut CouncilNames<'_>,
    ids: &Ids,
    notes: &mut Vec<Note>,
) -> Result<TypedDecision, Refusal> {
    let get = |field: Field| record.get(field);
    let title_text = get(Field::Title).ok_or(Refusal::Missing(Field::Title))?;
    let title =
        Title::parse(title_text).map_err(|e| Refusal::Invalid(Field::Title, e.to_string()))?;
    let mut note = |field: Field, why: &'static str| notes.push(Note { field, why });

    let decided_at = get(Field::DecidedAt).map(values::date_and_body);
    let date_of_decision = match get(Field::DateOfDecision) {
        Some(text) => date(text).ok_or(Refusal::Invalid(
            Field::DateOfDecision,
            format!("{text:?} is not a date"),
        ))?,
        None => decided_at
            .as_ref()
            .and_then(|(day, _)| *day)
            .ok_or(Refusal::Missing(Field::DateOfDecision))?,
    };

    let decision_maker = get(Field::DecisionMaker).and_then(|text| {
        let name = values::name(text);
        if name.is_none() {
            note(Field::DecisionMaker, "not a name");
        }
        name.map(|name| BodyRef {
            body_id: names.body(&name),
            name_as_shown: name,
        })
    });
    let decided_by = decided_at
        .as_ref()
        .and_then(|(_, body)| body.as_deref())
        .and_then(values::name)
        .map(|name| BodyRef {
            body_id: names.body(&name),
            name_as_shown: name,
        });

    let status_label = get(Field::DecisionStatus).and_then(|text| StatusLabel::parse(text).ok());
    let outcome = status_label
        .as_ref()
        .and_then(|label| names.council().status_for_label(label))
        .and_then(|status| status.outcome());

    let mut yes_no = |field: Field| {
        get(field).and_then(|text| {
            let answer = values::yes_no(text);
            if answer.is_none() {
                note(field, "not a yes or no");
            }
            answer
        })
    };
    let key_decision = yes_no(Field::KeyDecision);
    let mut subject_to_call_in = yes_no(Field::SubjectToCallIn);
    if subject_to_call_in.is_none()
        && get(Field::CallIns).is_some_and(|t| t.to_lowercase().contains("not for call"))
    {
        subject_to_call_in = Some(false);
    }

    let wards_affected = match get(Field::WardsAffected) {
        None => WardsAffected::NotStated,
        Some(text) if values::is_all_wards(text) => WardsAffected::All,
        Some(text) => {
            let wards: Vec<_> = values::semicolon_list(text)
                .iter()
                .map(|ward| names.ward(ward))
                .collect();
            match WardList::parse(wards) {
                Ok(ward_ids) => WardsAffected::Listed { ward_ids },
                Err(_) => WardsAffected::NotStated,
            }
        }
    };

    let mut dated = |field: Field| {
        get(field).and_then(|text| {
            let day = date(text);
            if day.is_none() {
                note(field, "not a date");
            }
            day
        })
    };
    let representations_by = dated(Field::RepresentationsBy);
    let publication_date = dated(Field::PublicationDate);
    let effective_from = dated(Field::EffectiveFrom);
    let call_in_deadline = dated(Field::CallInDeadline);

    let interests = match get(Field::Interests) {
        Some(text) if values::is_none_word(text) => Interests::NoneDeclared,
        Some(_) => {
            note(
                Field::Interests,
                "declarations kept as given in the source only",
            );
            Interests::NotStated
        }
        None => Interests::NotStated,
    };

    let page_url = record.url.as_deref().or(source.page_url);
    let documents = record
        .documents
        .iter()
        .filter_map(|doc| {
            Some(Document {
                title: Title::parse(&doc.title).ok()?,
                url: doc
                    .href
                    .as_deref()
                    .and_then(|href| absolute(href, source.page_url)),
                sha256: None,
                restriction: None::<RestrictionDraft>,
            })
        })
        .collect();
    let meeting = record
        .links
        .iter()
        .find(|link| link.kind == LinkKind::Meeting)
        .map(|link| MeetingItemRef {
            meeting_id: ids.meeting(&format!("system/{}", link.system_id)),
            agenda_item_id: None,
        });

    let text = |field: Field| get(field).and_then(values::long_text);
    let name = |field: Field| get(field).and_then(values::name);
    let details = DecisionDetails {
        title,
        decision_maker,
        status_label,
        outcome,
        key_decision,
        subject_to_call_in,
        purpose: text(Field::Purpose),
        resolutions: get(Field::Decision)
            .map(values::resolutions)
            .unwrap_or_default(),
        reasons: text(Field::Reasons),
        alternative_options: text(Field::AlternativeOptions),
        reason_key: get(Field::ReasonKey)
            .map(values::semicolon_list)
            .unwrap_or_default(),
        wards_affected,
        committee_details: text(Field::CommitteeDetails),
        representations_by,
        other_consulted: text(Field::OtherConsulted),
        consultees: text(Field::Consultees),
        contact: get(Field::Contact).and_then(values::contact),
        report_author: name(Field::ReportAuthor),
        date_of_decision,
        decided_by,
        interests,
        documents,
        field_restrictions: Vec::new(),
        forward_plan_entry: None,
        references: References {
            reference: None,
            minute_number: None,
            source_url: page_url.and_then(|url| HttpUrl::parse(url).ok()),
            source_id: record
                .system_id
                .as_deref()
                .and_then(|id| Reference::parse(id).ok()),
        },
        links: Vec::new(),
        meeting,
        lead_member: None,
        lead_officer: name(Field::LeadOfficer),
        department: name(Field::Department),
        vote: None,
    };
    let details = DecisionDetails {
        lead_member: name(Field::LeadMember).map(|name| civic_domain::decision::MemberRef {
            member_id: None,
            name_as_shown: name,
        }),
        ..details
    };
    let publication = publication_date.map(|date| Publication {
        date,
        call_in_deadline,
        effective_from,
    });
    Ok(TypedDecision {
        id: ids.decision(&super::identity(record, source, date_of_decision)),
        details,
        publication,
        took_effect: effective_from.filter(|_| publication_date.is_none()),
    })
}

/// A link's target as an absolute `http(s)` URL: as written if absolute, else against the page's
/// own address when known.
fn absolute(href: &str, page_url: Option<&str>) -> Option<HttpUrl> {
    if let Ok(url) = HttpUrl::parse(href) {
        return Some(url);
    }
    let base = page_url?;
    let joined = if let Some(path) = href.strip_prefix('/') {
        let scheme_end = base.find("://")? + 3;
        let host_end = base[scheme_end..]
            .find('/')
            .map_or(base.len(), |i| scheme_end + i);
        format!("{}/{path}", &base[..host_end])
    } else {
        let dir_end = base.rfind('/')?;
        format!("{}/{href}", &base[..dir_end])
    };
    HttpUrl::parse(&joined).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_are_resolved_against_the_page() {
        let page = Some("https://democracy.kirklees.gov.uk/ieDecisionDetails.aspx?ID=1");
        assert_eq!(
            absolute("documents/s1/report.pdf", page).map(|u| u.as_str().to_owned()),
            Some("https://democracy.kirklees.gov.uk/documents/s1/report.pdf".to_owned())
        );
        assert_eq!(
            absolute("/mgIssueHistoryHome.aspx?IId=6535", page).map(|u| u.as_str().to_owned()),
            Some("https://democracy.kirklees.gov.uk/mgIssueHistoryHome.aspx?IId=6535".to_owned())
        );
        assert_eq!(absolute("report.pdf", None), None);
    }
}
