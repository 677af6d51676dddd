//! Lookups by id in batches: many records in one read, each exactly as the lists show it, and
//! nothing the viewer or the tenant may not see.

use std::collections::{BTreeSet, HashMap};

use civic_domain::Command;
use civic_domain::forward_plan::{ForwardPlanCommand, Wards};
use civic_domain::values::{DecisionId, ForwardPlanEntryId, StrategyDocumentId};
use civic_eventstore::TenantId;
use civic_projections::{DecisionFilter, PageRequest, Viewer};

use crate::lists::{enter, entry_details};
use crate::support::{Fixture, all_decisions, d};

fn keys<K: Ord + Copy, V>(map: &HashMap<K, V>) -> BTreeSet<K> {
    map.keys().copied().collect()
}

pub async fn decisions_by_ids_reads_every_visible_decision_in_one_read_as_the_list_shows_it(
    f: Fixture,
) {
    let (tenant, other) = (TenantId::new(), TenantId::new());
    let ids = f.record_example(tenant).await;
    let published = f
        .record_decision(tenant, ids.cabinet, "Parks", Some(d(2010, 7, 20)))
        .await;
    let unpublished = f
        .record_decision(tenant, ids.cabinet, "Staff restructure", None)
        .await;
    let elsewhere = f.record_example(other).await.decision;
    f.projector().catch_up_all().await.unwrap();

    let missing = DecisionId::new();
    let wanted = [ids.decision, published, unpublished, elsewhere, missing];
    for (viewer, visible) in [
        (Viewer::Public, vec![ids.decision, published]),
        (Viewer::Clerk, vec![ids.decision, published, unpublished]),
    ] {
        let before = f.models.reads_begun();
        let batch = f
            .models
            .decisions_by_ids(tenant, viewer, &wanted)
            .await
            .unwrap();
        assert_eq!(f.models.reads_begun() - before, 1, "{viewer:?}: one read");
        assert_eq!(keys(&batch), visible.into_iter().collect(), "{viewer:?}");
        for listed in all_decisions(&f.models, tenant, viewer, &DecisionFilter::default()).await {
            assert_eq!(batch.get(&listed.id), Some(&listed), "{viewer:?}");
        }
        assert_eq!(
            f.models.decision(tenant, viewer, published).await.unwrap(),
            batch.get(&published).cloned()
        );
    }

    let before = f.models.reads_begun();
    let none = f
        .models
        .decisions_by_ids(tenant, Viewer::Clerk, &[])
        .await
        .unwrap();
    assert!(none.is_empty());
    assert_eq!(f.models.reads_begun(), before, "no ids, no read");
}

pub async fn forward_plan_entries_and_strategy_documents_by_ids_read_in_one_read_each(f: Fixture) {
    let (tenant, other) = (TenantId::new(), TenantId::new());
    let ids = f.record_example(tenant).await;
    let elsewhere = f.record_example(other).await.strategy;
    let budget = enter(
        &f,
        tenant,
        entry_details("Budget", ids.cabinet, true, Wards::All),
        d(2010, 9, 1),
    )
    .await;
    let parks = enter(
        &f,
        tenant,
        entry_details("Parks", ids.cabinet, false, Wards::All),
        d(2010, 8, 20),
    )
    .await;
    // Parks links to a decision the public may not see yet.
    let unpublished = f
        .record_decision(tenant, ids.cabinet, "Parks decision", None)
        .await;
    f.execute(
        tenant,
        &Command::ForwardPlan {
            entry: parks,
            command: ForwardPlanCommand::LinkDecision {
                decision: unpublished,
            },
        },
    )
    .await;
    let planned = enter(
        &f,
        tenant,
        entry_details("Pools", ids.cabinet, false, Wards::All),
        d(2010, 8, 25),
    )
    .await;
    f.projector().catch_up_all().await.unwrap();

    let missing = ForwardPlanEntryId::new();
    for viewer in [Viewer::Public, Viewer::Clerk] {
        let before = f.models.reads_begun();
        let entries = f
            .models
            .forward_plan_entries_by_ids(tenant, viewer, &[budget, parks, planned, missing])
            .await
            .unwrap();
        assert_eq!(f.models.reads_begun() - before, 1, "{viewer:?}: one read");
        assert_eq!(keys(&entries), BTreeSet::from([budget, parks, planned]));
        let linked = entries[&parks].decision;
        match viewer {
            Viewer::Public => assert_eq!(linked, None, "the public cannot follow the link"),
            _ => assert_eq!(linked, Some(unpublished)),
        }
        let plan = f
            .models
            .forward_plan(
                tenant,
                viewer,
                d(2010, 8, 1),
                &PageRequest {
                    first: 10,
                    after: None,
                },
            )
            .await
            .unwrap();
        for (_, listed) in &plan.items {
            assert_eq!(entries.get(&listed.id), Some(listed), "{viewer:?}");
        }

        let before = f.models.reads_begun();
        let documents = f
            .models
            .strategy_documents_by_ids(
                tenant,
                viewer,
                &[ids.strategy, elsewhere, StrategyDocumentId::new()],
            )
            .await
            .unwrap();
        assert_eq!(f.models.reads_begun() - before, 1, "{viewer:?}: one read");
        let listed = f.models.strategy_documents(tenant, viewer).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(keys(&documents), BTreeSet::from([ids.strategy]));
        assert_eq!(documents.get(&ids.strategy), listed.first(), "{viewer:?}");
    }
}
