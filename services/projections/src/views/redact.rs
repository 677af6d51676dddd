//! The public view of a decision: what the full view becomes once every withheld field and
//! document is replaced by its notice. Pure, so the rule is tested without a database.

use civic_domain::decision::DecisionField;

use super::decision::{Audience, DecisionView, DocumentView};

impl DecisionView {
    /// The public view of this (full) view, or `None` if the public may not see the decision at
    /// all: it was never published (still made, deferred, or withdrawn or abandoned before
    /// publication).
    ///
    /// Each withheld field is removed (its notice stays in [`DecisionView::withheld`]); a
    /// withheld title is replaced by the notice's text; withheld documents keep only their
    /// notice; prior versions of corrected records are dropped because they may hold withheld
    /// values.
    pub fn public(&self) -> Option<DecisionView> {
        self.publication_date?;
        let mut view = self.clone();
        view.audience = Audience::Public;
        for withheld in &self.withheld {
            withhold(&mut view, withheld.field, &withheld.notice.text);
        }
        view.documents = view
            .documents
            .into_iter()
            .map(|document| match document.withheld {
                Some(notice) => DocumentView {
                    title: None,
                    url: None,
                    sha256: None,
                    withheld: Some(notice),
                },
                None => document,
            })
            .collect();
        for correction in &mut view.corrections {
            correction.previous = None;
        }
        Some(view)
    }
}

/// Removes one field's value from a public view.
fn withhold(view: &mut DecisionView, field: DecisionField, notice: &str) {
    use DecisionField as F;
    match field {
        F::Title => view.title = notice.to_owned(),
        F::DecisionMaker => view.decision_maker = None,
        F::StatusLabel => view.status_label = None,
        F::Outcome => view.outcome = None,
        F::KeyDecision => view.key_decision = None,
        F::SubjectToCallIn => {
            // The call-in window would reveal whether it is subject to call-in.
            view.subject_to_call_in = None;
            view.call_in_deadline = None;
            view.call_in = None;
        }
        F::Purpose => view.purpose = None,
        F::Resolutions => view.resolutions.clear(),
        F::Reasons => view.reasons = None,
        F::AlternativeOptions => view.alternative_options = None,
        F::ReasonKey => view.reason_key.clear(),
        F::WardsAffected => view.wards_affected = None,
        F::CommitteeDetails => view.committee_details = None,
        F::RepresentationsBy => view.representations_by = None,
        F::OtherConsulted => view.other_consulted = None,
        F::Consultees => view.consultees = None,
        F::Contact => view.contact = None,
        F::ReportAuthor => view.report_author = None,
        F::DateOfDecision => view.date_of_decision = None,
        F::DecidedBy => view.decided_by = None,
        F::Interests => view.interests.clear(),
        F::Documents => view.documents.clear(),
        F::ForwardPlanEntry => view.forward_plan_entry = None,
        // The list of restrictions says why, never what: its notices are always public.
        F::FieldRestrictions => {}
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::NaiveDate;
    use civic_domain::Decision;
    use civic_domain::decision::{
        CallInTerms, DateBasis, DecisionEvent, DecisionPublished, DecisionRecorded, Document,
        FieldRestriction,
    };
    use civic_domain::example;
    use civic_domain::restriction::{ExemptionScheme, Restriction, RestrictionCategory};
    use civic_domain::values::{BodyId, DecisionId, Reason, Title};
    use civic_eventstore::TenantId;

    use super::*;

    const SECRET: &str = "Tender prices from Acme Ltd";

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn exempt() -> Restriction {
        Restriction::parse(
            RestrictionCategory::Exempt,
            ExemptionScheme::Schedule12APart1,
            vec![3],
            true,
            Some(Reason::parse("Commercially sensitive").unwrap()),
        )
        .unwrap()
    }

    fn decision(published: bool, restricted: &[DecisionField]) -> Decision {
        let mut details = example::details(BodyId::new(), None).unwrap();
        details.documents.push(Document {
            title: Title::parse(SECRET).unwrap(),
            url: None,
            sha256: None,
            restriction: Some(exempt()),
        });
        details.field_restrictions = restricted
            .iter()
            .map(|field| FieldRestriction {
                field: *field,
                restriction: exempt(),
            })
            .collect();
        let mut events = vec![DecisionEvent::Recorded(DecisionRecorded {
            decision_id: DecisionId::new(),
            details,
        })];
        if published {
            events.push(DecisionEvent::Published(DecisionPublished {
                publication_date: d(2010, 6, 11),
                call_in: CallInTerms::NotSubjectToCallIn,
                computed_call_in_deadline: None,
                computed_effective_from: d(2010, 6, 9),
                call_in_deadline: None,
                effective_from: d(2010, 6, 9),
                basis: DateBasis::Computed,
            }));
        }
        events.iter().fold(None, Decision::evolve).unwrap()
    }

    fn full(published: bool, restricted: &[DecisionField]) -> DecisionView {
        DecisionView::from_decision(TenantId::new(), &decision(published, restricted), 2)
    }

    #[test]
    fn an_unpublished_decision_has_no_public_view() {
        assert!(full(false, &[]).public().is_none());
    }

    #[test]
    fn withheld_fields_are_removed_and_their_notice_says_why_but_not_what() {
        let view = full(true, &[DecisionField::Reasons, DecisionField::Title]);
        assert!(view.reasons.is_some());
        let public = view.public().unwrap();
        assert_eq!(public.audience, Audience::Public);
        assert_eq!(public.reasons, None);
        assert_eq!(
            public.title,
            "Withheld as exempt information under Local Government Act 1972, Schedule 12A, \
             Part 1 paragraph 3: Commercially sensitive"
        );
        assert_eq!(public.withheld.len(), 2);
        assert_eq!(public.withheld[0].notice.paragraphs, vec![3]);
        let json = serde_json::to_string(&public).unwrap();
        assert!(!json.contains("Information Strategy 2010 - 13"));
        assert!(!json.contains("Citizens want to see better value"));
        assert!(!public.search_text().contains("Citizens"));
    }

    #[test]
    fn a_withheld_document_keeps_only_its_notice() {
        let public = full(true, &[]).public().unwrap();
        let document = &public.documents[0];
        assert_eq!(document.title, None);
        assert!(document.withheld.is_some());
        assert!(!serde_json::to_string(&public).unwrap().contains(SECRET));
        assert!(public.restricted);
    }

    #[test]
    fn unrestricted_fields_are_public_as_recorded() {
        let view = full(true, &[]);
        let public = view.public().unwrap();
        assert_eq!(public.title, view.title);
        assert_eq!(public.resolutions.len(), 3);
        assert_eq!(public.report_author, view.report_author);
    }

    #[test]
    fn a_withheld_decision_date_orders_the_public_list_by_publication_date() {
        let public = full(true, &[DecisionField::DateOfDecision])
            .public()
            .unwrap();
        assert_eq!(public.date_of_decision, None);
        assert_eq!(public.sort_date(), d(2010, 6, 11));
    }
}
