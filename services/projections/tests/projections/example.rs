//! The example decision ("Information Strategy 2010 - 13") as the read models show it.

use civic_domain::StreamId;
use civic_domain::decision::{Contact, DecisionStatus, Interests, Outcome};
use civic_domain::example::{
    ALTERNATIVES, COUNCIL_NAME, PURPOSE, REASONS, RESOLUTION_1, RESOLUTION_2, RESOLUTION_3, SLUG,
    TITLE,
};
use civic_eventstore::{EventStore, StreamName, TenantId};
use civic_projections::views::{
    ImplementationView, RecordView, VersionRoleView, VersionStatusView, WardsAffectedView,
};
use civic_projections::{Audience, DecisionFilter, DecisionView, Detail, PageRequest, Viewer};

use crate::support::{Fixture, assert_matches_fresh_fold, d};

pub async fn the_example_decision_reads_back_with_every_value_of_its_page(f: Fixture) {
    let tenant = TenantId::new();
    let ids = f.record_example(tenant).await;
    let head = f.head(tenant).await;
    assert_eq!(f.projector().catch_up(tenant).await.unwrap(), head);

    let view = f
        .models
        .decision(tenant, Viewer::Public, ids.decision)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(view.audience, Audience::Public);
    assert_eq!(view.tenant, tenant);
    assert_eq!(view.id, ids.decision);
    assert_eq!(view.record.title, TITLE);
    let maker = view.record.decision_maker.as_ref().unwrap();
    assert_eq!(maker.name_as_shown.as_str(), "Cabinet");
    assert_eq!(maker.body_id, ids.cabinet);
    assert_eq!(
        view.record.status_label.as_ref().unwrap().as_str(),
        "Recommendations Approved"
    );
    assert_eq!(view.status, DecisionStatus::Effective);
    assert_eq!(view.record.outcome, Some(Outcome::Approved));
    assert_eq!(view.record.key_decision, Some(true));
    assert_eq!(view.record.subject_to_call_in, Some(true));
    assert_eq!(view.record.purpose.as_ref().unwrap().as_str(), PURPOSE);
    let resolutions: Vec<(&str, &str)> = view
        .record
        .resolutions
        .iter()
        .map(|r| (r.label.as_ref().unwrap().as_str(), r.text.as_str()))
        .collect();
    assert_eq!(
        resolutions,
        vec![
            ("1", RESOLUTION_1),
            ("2", RESOLUTION_2),
            ("3", RESOLUTION_3)
        ]
    );
    assert_eq!(view.record.reasons.as_ref().unwrap().as_str(), REASONS);
    assert_eq!(
        view.record.alternative_options.as_ref().unwrap().as_str(),
        ALTERNATIVES
    );
    let reason_key: Vec<&str> = view.record.reason_key.iter().map(|n| n.as_str()).collect();
    assert_eq!(reason_key, vec!["Policies, Plans, Strategies"]);
    assert_eq!(view.record.wards_affected, Some(WardsAffectedView::All));
    assert_eq!(
        view.record.committee_details.as_ref().unwrap().as_str(),
        "None"
    );
    assert_eq!(view.record.representations_by, Some(d(2010, 5, 21)));
    assert_eq!(
        view.record.other_consulted.as_ref().unwrap().as_str(),
        "Email"
    );
    assert_eq!(
        view.record.consultees.as_ref().unwrap().as_str(),
        "Finance, Assistant Directors."
    );
    let contact = view.record.contact.as_ref().unwrap();
    assert_eq!(
        contact.email.as_ref().unwrap().as_str(),
        "Paultaylor@maidstone.gov.uk"
    );
    assert_eq!(contact.phone.as_ref().unwrap().as_str(), "01622 602068");
    assert_eq!(
        contact.as_given.as_ref().unwrap().as_str(),
        "Email: Paultaylor@maidstone.gov.uk Tel: 01622 602068."
    );
    assert_eq!(
        view.record.report_author.as_ref().unwrap().as_str(),
        "Paul Taylor"
    );
    assert_eq!(view.publication_date, Some(d(2010, 6, 11)));
    assert_eq!(view.record.date_of_decision, Some(d(2010, 6, 9)));
    assert_eq!(
        view.record
            .decided_by
            .as_ref()
            .unwrap()
            .name_as_shown
            .as_str(),
        "Cabinet"
    );
    assert_eq!(view.effective_from, Some(d(2010, 6, 19)));
    assert_eq!(view.took_effect_on, Some(d(2010, 6, 19)));
    assert_eq!(view.call_in_deadline, Some(d(2010, 6, 18)));
    let call_in = view.call_in.as_ref().unwrap();
    assert_eq!(call_in.computed_deadline, Some(d(2010, 6, 18)));
    assert_eq!(call_in.called_in, None);
    assert!(view.record.documents.is_empty());
    assert_eq!(view.record.interests, Some(Interests::NotStated));
    assert!(view.corrections.is_empty());
    assert!(view.record.withheld.is_empty());
    assert!(!view.record.restricted);

    // Version and position say how fresh the view is and what to expect on the next command.
    let stream = StreamName::parse(StreamId::decision(ids.decision).as_str()).unwrap();
    let recorded = f
        .register
        .store()
        .read_stream(tenant, &stream, 0)
        .await
        .unwrap();
    assert_eq!(view.version, 3);
    assert_eq!(view.last_position, recorded.last().unwrap().position);

    // Nothing is withheld, so the clerk sees the same page.
    let full = f
        .models
        .decision(tenant, Viewer::Clerk, ids.decision)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(full.audience, Audience::Full);
    assert_eq!(
        civic_projections::DecisionView {
            audience: Audience::Public,
            ..full.clone()
        },
        view
    );
    assert_eq!(
        f.models
            .decision(tenant, Viewer::Auditor, ids.decision)
            .await
            .unwrap(),
        Some(full)
    );
    assert_matches_fresh_fold(&f, tenant).await;
}

pub async fn the_example_council_and_strategy_are_projected(f: Fixture) {
    let tenant = TenantId::new();
    let ids = f.record_example(tenant).await;
    f.projector().catch_up_all().await.unwrap();

    let council = f.models.council(tenant).await.unwrap().unwrap();
    assert_eq!(council.name.as_str(), COUNCIL_NAME);
    assert_eq!(council.slug.as_str(), SLUG);
    assert_eq!(council.bodies.len(), 1);
    assert_eq!(council.bodies[0].id, ids.cabinet);
    assert_eq!(council.bodies[0].name.as_str(), "Cabinet");
    assert_eq!(
        council.call_in_policy.default_rule().deadline,
        civic_domain::council::CallInDeadline::WorkingDays {
            period: civic_domain::council::CallInPeriod::USUAL
        }
    );
    // Registered, the Cabinet added, the call-in policy by kind of decision maker set.
    assert_eq!(
        council.call_in_policy.by_decision_maker()[0].decision_maker,
        civic_domain::council::BodyKind::Officer
    );
    assert_eq!(council.version, 3);
    let councils = f.models.councils().await.unwrap();
    assert_eq!(councils, vec![council]);

    let documents = f
        .models
        .strategy_documents(tenant, Viewer::Public)
        .await
        .unwrap();
    assert_eq!(documents.len(), 1);
    let strategy = &documents[0];
    assert_eq!(strategy.id, ids.strategy);
    assert_eq!(strategy.title.as_str(), "Information Strategy");
    let titles: Vec<(&str, Option<_>)> = strategy
        .titles
        .iter()
        .map(|t| (t.title.as_str(), t.from))
        .collect();
    assert_eq!(
        titles,
        vec![
            ("ICT Strategy", None),
            ("Information Strategy", Some(d(2010, 6, 9)))
        ]
    );
    assert_eq!(strategy.titles[1].noted_by, Some(ids.decision));
    assert_eq!(strategy.period.unwrap().to_string(), "2010-2013");
    let version = &strategy.versions[0];
    assert_eq!(version.label.as_str(), "2010-2013");
    assert_eq!(version.status, VersionStatusView::Approved);
    assert_eq!(version.approved_on, Some(d(2010, 6, 9)));
    assert_eq!(version.decisions[0].decision, ids.decision);
    assert_eq!(version.decisions[0].role, VersionRoleView::Approved);
    assert_eq!(
        f.models
            .strategy_document(tenant, Viewer::Clerk, ids.strategy)
            .await
            .unwrap()
            .as_ref(),
        Some(strategy)
    );
    assert_eq!(
        f.models.checkpoint(tenant).await.unwrap(),
        f.head(tenant).await
    );
    // Another tenant sees none of it.
    let other = TenantId::new();
    assert_eq!(f.models.council(other).await.unwrap(), None);
    assert!(
        f.models
            .strategy_documents(other, Viewer::Clerk)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(f.models.checkpoint(other).await.unwrap(), 0);
}

/// A list page read as summaries keeps every short field of the example decision and empties the
/// long ones, for the public (from the public view) and for clerks (from the full view).
pub async fn the_example_decisions_summary_keeps_its_short_fields_and_empties_the_long_ones(
    f: Fixture,
) {
    let tenant = TenantId::new();
    let ids = f.record_example(tenant).await;
    f.projector().catch_up(tenant).await.unwrap();

    for (viewer, audience) in [
        (Viewer::Public, Audience::Public),
        (Viewer::Clerk, Audience::Full),
    ] {
        let filter = DecisionFilter::default();
        let request = PageRequest {
            first: 10,
            after: None,
        };
        let page = |detail| {
            f.models
                .decisions(tenant, viewer, &filter, &request, detail)
        };
        let full_page = page(Detail::Full).await.unwrap();
        let summary_page = page(Detail::Summary).await.unwrap();
        assert_eq!(full_page.total_count, 1);
        assert_eq!(summary_page.total_count, 1);
        assert_eq!(summary_page.has_next_page, full_page.has_next_page);
        let (full_cursor, full) = &full_page.items[0];
        let (summary_cursor, summary) = &summary_page.items[0];
        assert_eq!(summary_cursor, full_cursor);

        // The full page is the decision's page.
        let one = f
            .models
            .decision(tenant, viewer, ids.decision)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(full, &one);
        assert_eq!(full.audience, audience);
        assert_eq!(full.detail, Detail::Full);
        // The example has every long text the summary empties.
        assert!(full.record.purpose.is_some() && full.record.reasons.is_some());
        assert_eq!(full.record.resolutions.len(), 3);
        assert!(
            full.record.alternative_options.is_some() && full.record.committee_details.is_some()
        );
        assert!(full.record.other_consulted.is_some() && full.record.consultees.is_some());
        assert!(full.record.contact.as_ref().unwrap().as_given.is_some());
        assert!(full.call_in.is_some());

        // The summary: exactly the long fields emptied, every other field as on the full page.
        let expected = DecisionView {
            detail: Detail::Summary,
            record: RecordView {
                purpose: None,
                resolutions: Vec::new(),
                reasons: None,
                alternative_options: None,
                committee_details: None,
                other_consulted: None,
                consultees: None,
                contact: full.record.contact.clone().map(|c| Contact {
                    as_given: None,
                    ..c
                }),
                interests: None,
                documents: Vec::new(),
                ..full.record.clone()
            },
            corrections: Vec::new(),
            call_in: None,
            implementation: full
                .implementation
                .clone()
                .map(|i| ImplementationView { note: None, ..i }),
            ..full.clone()
        };
        assert_eq!(summary, &expected);
        assert_eq!(summary, &full.summary());
        // A few short fields spelled out.
        assert_eq!(summary.audience, audience);
        assert_eq!(summary.record.title, TITLE);
        assert_eq!(summary.record.date_of_decision, Some(d(2010, 6, 9)));
        assert_eq!(summary.publication_date, Some(d(2010, 6, 11)));
        assert_eq!(summary.call_in_deadline, Some(d(2010, 6, 18)));
        assert_eq!(summary.record.key_decision, Some(true));
        assert_eq!(
            summary.record.status_label.as_ref().unwrap().as_str(),
            "Recommendations Approved"
        );
        assert_eq!(
            summary
                .record
                .decision_maker
                .as_ref()
                .unwrap()
                .name_as_shown
                .as_str(),
            "Cabinet"
        );
        assert_eq!(summary.record.wards_affected, Some(WardsAffectedView::All));
        assert_eq!(
            summary
                .record
                .contact
                .as_ref()
                .unwrap()
                .phone
                .as_ref()
                .unwrap()
                .as_str(),
            "01622 602068"
        );
        assert_eq!(
            summary.record.report_author.as_ref().unwrap().as_str(),
            "Paul Taylor"
        );
    }
}
