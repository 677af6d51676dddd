//! The search language's meaning, the same on both backends: phrases, OR, prefixes, exclusions,
//! the public fields searched, and withheld values that never match for the public.

use civic_domain::decision::{DecisionDetails, DecisionField, FieldRestriction, References};
use civic_domain::example::ExampleIds;
use civic_domain::values::{DecisionId, LongText, Name, Reference, Title};
use civic_eventstore::TenantId;
use civic_projections::{
    DecisionFilter, DecisionOrder, Detail, PageRequest, ProjectionError, SearchQuery, Viewer,
};

use crate::lists::{Spec, exempt, ids, record_details};
use crate::support::{Fixture, assert_matches_fresh_fold, d};

/// Three published decisions besides the example, with words no other record of the suite has.
struct Searchable {
    tenant: TenantId,
    /// "Highway maintenance contract", reference HWY/2010/045, by Jane Marsh, consultees
    /// "Tonbridge Highways Services", reason key "Traffic Regulation Orders".
    highway: DecisionId,
    /// "Road safety near schools".
    road: DecisionId,
    /// "Maintenance of parks", whose report author (Zebedee Quill), consultees (Quixotic
    /// Consultancy) and reference (SECRET/99) are withheld from the public.
    parks: DecisionId,
}

fn details(ids: &ExampleIds, title: &'static str, day: u32) -> DecisionDetails {
    let mut details = Spec::new(title, d(2010, 7, day), ids.cabinet).details();
    details.reason_key = vec![];
    details.report_author = None;
    details.consultees = None;
    details
}

async fn searchable(f: &Fixture) -> Searchable {
    let tenant = TenantId::new();
    let ids_ = f.record_example(tenant).await;

    let mut highway = details(&ids_, "Highway maintenance contract", 21);
    highway.reason_key = vec![Name::parse("Traffic Regulation Orders").unwrap()];
    highway.report_author = Some(Name::parse("Jane Marsh").unwrap());
    highway.consultees = Some(LongText::parse("Tonbridge Highways Services").unwrap());
    highway.references = References {
        reference: Some(Reference::parse("HWY/2010/045").unwrap()),
        ..References::default()
    };
    let highway = record_details(f, tenant, highway, Some(d(2010, 7, 27))).await;

    let road = details(&ids_, "Road safety near schools", 22);
    let road = record_details(f, tenant, road, Some(d(2010, 7, 28))).await;

    let mut parks = details(&ids_, "Maintenance of parks", 20);
    parks.report_author = Some(Name::parse("Zebedee Quill").unwrap());
    parks.consultees = Some(LongText::parse("Quixotic Consultancy").unwrap());
    parks.references = References {
        reference: Some(Reference::parse("SECRET/99").unwrap()),
        ..References::default()
    };
    parks.field_restrictions = [
        DecisionField::ReportAuthor,
        DecisionField::Consultees,
        DecisionField::References,
    ]
    .into_iter()
    .map(|field| FieldRestriction {
        field,
        restriction: exempt("Identifies an individual"),
    })
    .collect();
    let parks = record_details(f, tenant, parks, Some(d(2010, 7, 26))).await;

    f.projector().catch_up(tenant).await.unwrap();
    Searchable {
        tenant,
        highway,
        road,
        parks,
    }
}

fn search(text: &str) -> DecisionFilter {
    DecisionFilter {
        text: SearchQuery::parse(text).unwrap(),
        ..DecisionFilter::default()
    }
}

pub async fn phrases_or_prefixes_and_exclusions_mean_the_same_on_both_backends(f: Fixture) {
    let s = searchable(&f).await;
    let found = async |viewer, text: &str| ids(&f, s.tenant, viewer, search(text)).await;
    for viewer in [Viewer::Public, Viewer::Clerk] {
        // Every word must match; English words are stemmed on both backends.
        assert_eq!(found(viewer, "maintenance").await, vec![s.highway, s.parks]);
        assert_eq!(found(viewer, "Highways contracts").await, vec![s.highway]);
        // A phrase's words are adjacent and in order.
        assert_eq!(found(viewer, "\"road safety\"").await, vec![s.road]);
        assert!(found(viewer, "\"safety road\"").await.is_empty());
        assert!(found(viewer, "\"road schools\"").await.is_empty());
        // OR finds either term, and binds tighter than the words around it.
        assert_eq!(
            found(viewer, "highway OR schools").await,
            vec![s.road, s.highway]
        );
        assert_eq!(
            found(viewer, "maintenance highway OR parks").await,
            vec![s.highway, s.parks]
        );
        // A trailing star finds words beginning so.
        assert_eq!(found(viewer, "highw*").await, vec![s.highway]);
        assert_eq!(found(viewer, "maint* contr*").await, vec![s.highway]);
        assert_eq!(found(viewer, "\"road saf\"*").await, vec![s.road]);
        assert!(found(viewer, "highwayx*").await.is_empty());
        // A minus excludes.
        assert_eq!(found(viewer, "maintenance -highway").await, vec![s.parks]);
        assert_eq!(
            found(viewer, "maintenance -\"highway maintenance\"").await,
            vec![s.parks]
        );
    }
    assert_matches_fresh_fold(&f, s.tenant).await;
}

pub async fn reason_key_report_author_consultees_and_reference_are_searched(f: Fixture) {
    let s = searchable(&f).await;
    for viewer in [Viewer::Public, Viewer::Clerk] {
        for text in [
            "\"traffic regulation\"",
            "\"Jane Marsh\"",
            "Tonbridge",
            "HWY/2010/045",
            "hwy 2010 045",
        ] {
            assert_eq!(
                ids(&f, s.tenant, viewer, search(text)).await,
                vec![s.highway],
                "{viewer:?} {text:?}"
            );
        }
    }
}

pub async fn a_withheld_value_never_matches_a_public_search(f: Fixture) {
    let s = searchable(&f).await;
    let public = f
        .models
        .decision(s.tenant, Viewer::Public, s.parks)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(public.record.report_author, None);
    assert_eq!(public.record.consultees, None);
    assert_eq!(public.record.references, None);
    assert_eq!(
        public.record.title,
        Title::parse("Maintenance of parks").unwrap().as_str()
    );
    for text in [
        "Zebedee",
        "\"Zebedee Quill\"",
        "quix*",
        "Quixotic OR zzzz",
        "SECRET/99",
        "parks Zebedee",
    ] {
        assert!(
            ids(&f, s.tenant, Viewer::Public, search(text))
                .await
                .is_empty(),
            "{text:?} found a withheld value"
        );
        assert_eq!(
            ids(&f, s.tenant, Viewer::Clerk, search(text)).await,
            vec![s.parks],
            "{text:?}"
        );
    }
    // Excluding a withheld word cannot reveal it either: the public's decision has no such word.
    assert_eq!(
        ids(&f, s.tenant, Viewer::Public, search("parks -Zebedee")).await,
        vec![s.parks]
    );
    assert!(
        ids(&f, s.tenant, Viewer::Clerk, search("parks -Zebedee"))
            .await
            .is_empty()
    );
}

pub async fn relevance_puts_the_best_match_first_and_pages_in_its_order(f: Fixture) {
    let s = searchable(&f).await;
    let text = "highway OR maintenance OR contract OR near";
    let newest = ids(&f, s.tenant, Viewer::Public, search(text)).await;
    assert_eq!(newest, vec![s.road, s.highway, s.parks]);
    let ranked = DecisionFilter {
        order: DecisionOrder::Relevance,
        ..search(text)
    };
    let relevant = ids(&f, s.tenant, Viewer::Public, ranked.clone()).await;
    // The highway decision has three of the words, several times each; the others one word.
    assert_eq!(relevant[0], s.highway);
    let mut sorted = relevant.clone();
    sorted.sort();
    let mut expected = newest.clone();
    expected.sort();
    assert_eq!(sorted, expected);

    let first = f
        .models
        .decisions(
            s.tenant,
            Viewer::Public,
            &ranked,
            &PageRequest {
                first: 1,
                after: None,
            },
            Detail::Summary,
        )
        .await
        .unwrap();
    assert!(first.has_next_page);
    assert_eq!(first.total_count, 3);
    // The pages by relevance, one decision each, continue the order to its end.
    let mut paged = vec![first.items[0].1.id];
    let mut after = first.items[0].0.clone();
    loop {
        let page = f
            .models
            .decisions(
                s.tenant,
                Viewer::Public,
                &ranked,
                &PageRequest {
                    first: 1,
                    after: Some(after.clone()),
                },
                Detail::Summary,
            )
            .await
            .unwrap();
        assert_eq!(page.total_count, 3);
        let Some((cursor, decision)) = page.items.first() else {
            break;
        };
        paged.push(decision.id);
        after = cursor.clone();
        if !page.has_next_page {
            break;
        }
    }
    assert_eq!(paged, relevant);
    // A cursor of the newest-first list is not one of this order.
    let newest_first = f
        .models
        .decisions(
            s.tenant,
            Viewer::Public,
            &search(text),
            &PageRequest {
                first: 1,
                after: None,
            },
            Detail::Summary,
        )
        .await
        .unwrap();
    let refused = f
        .models
        .decisions(
            s.tenant,
            Viewer::Public,
            &ranked,
            &PageRequest {
                first: 1,
                after: Some(newest_first.items[0].0.clone()),
            },
            Detail::Summary,
        )
        .await;
    assert!(matches!(refused, Err(ProjectionError::InvalidCursor)));
    // Without a text search, relevance is the newest-first list.
    let all = DecisionFilter {
        order: DecisionOrder::Relevance,
        ..DecisionFilter::default()
    };
    assert_eq!(
        ids(&f, s.tenant, Viewer::Public, all).await,
        ids(&f, s.tenant, Viewer::Public, DecisionFilter::default()).await
    );
}
