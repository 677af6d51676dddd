//! The decisions list (filters, keyset pages, search, what the public sees) and the forward plan.

use chrono::NaiveDate;
use civic_domain::Command;
use civic_domain::council::{BodyKind, CouncilCommand};
use civic_domain::decision::BodyRef;
use civic_domain::decision::{
    CallInMembers, DecisionCommand, DecisionDetails, DecisionField, DecisionStatus, Document,
    FieldRestriction, Resolution, Resolutions, WardList, WardsAffected,
};
use civic_domain::example::{self, ExampleIds};
use civic_domain::forward_plan::{
    AnticipatedRestriction, DateDue, ForwardPlanCommand, ForwardPlanDetails, NoticeKind, Wards,
};
use civic_domain::restriction::{
    ExemptionScheme, Paragraph, Restriction, RestrictionCategory, RestrictionDraft,
};
use civic_domain::values::{
    BodyId, DecisionId, ForwardPlanEntryId, LongText, Name, Reason, ResolutionLabel, Title, WardId,
};
use civic_eventstore::TenantId;
use civic_projections::views::WardsAffectedView;
use civic_projections::{
    DecisionFilter, Detail, PageRequest, ProjectionError, SearchQuery, Viewer,
};

use crate::support::{Fixture, all_decisions, assert_matches_fresh_fold, d, fresh_fold};

/// A decision to record in a test: the example's record with a few fields changed.
pub(crate) struct Spec {
    title: &'static str,
    decided: NaiveDate,
    maker: BodyId,
    key: Option<bool>,
    call_in: Option<bool>,
    wards: WardsAffected,
    published: Option<NaiveDate>,
}

impl Spec {
    pub(crate) fn new(title: &'static str, decided: NaiveDate, maker: BodyId) -> Self {
        Self {
            title,
            decided,
            maker,
            key: Some(true),
            call_in: Some(true),
            wards: WardsAffected::All,
            published: None,
        }
    }

    pub(crate) fn details(&self) -> DecisionDetails {
        let mut details = example::details(self.maker, None).unwrap();
        let body = BodyRef {
            body_id: self.maker,
            name_as_shown: Name::parse("As shown").unwrap(),
        };
        details.title = Title::parse(self.title).unwrap();
        // Only the example's own text mentions what the search tests look for.
        details.purpose = None;
        details.reasons = Some(LongText::parse(&format!("Reasons for {}.", self.title)).unwrap());
        details.resolutions = Resolutions::new(vec![Resolution {
            label: Some(ResolutionLabel::parse("1").unwrap()),
            text: LongText::parse(&format!("That {} be approved.", self.title)).unwrap(),
        }]);
        details.date_of_decision = self.decided;
        details.representations_by = None;
        details.decision_maker = Some(body.clone());
        details.decided_by = Some(body);
        details.key_decision = self.key;
        details.subject_to_call_in = self.call_in;
        details.wards_affected = self.wards.clone();
        details
    }
}

fn decision(id: DecisionId, command: DecisionCommand) -> Command {
    Command::Decision {
        decision: id,
        command,
    }
}

fn publish(on: NaiveDate) -> DecisionCommand {
    DecisionCommand::Publish {
        publication_date: on,
        call_in_deadline: None,
        call_in_deadline_time: None,
        effective_from: None,
        override_reason: None,
    }
}

async fn record(f: &Fixture, tenant: TenantId, spec: &Spec) -> DecisionId {
    record_details(f, tenant, spec.details(), spec.published).await
}

pub(crate) async fn record_details(
    f: &Fixture,
    tenant: TenantId,
    details: DecisionDetails,
    published: Option<NaiveDate>,
) -> DecisionId {
    let id = DecisionId::new();
    f.execute(
        tenant,
        &decision(
            id,
            DecisionCommand::Record {
                details: details.into(),
            },
        ),
    )
    .await;
    if let Some(on) = published {
        f.execute(tenant, &decision(id, publish(on))).await;
    }
    id
}

/// The example council with two wards and a committee, and four decisions:
/// - `example`: decided 9/6, published 11/6, effective; key; all wards; Cabinet.
/// - `parking`: decided 20/7, published Mon 26/7 (call-in until Mon 2/8); not key; Bearsted.
/// - `planning`: decided 1/7 by the committee, not subject to call-in; Boxley; unpublished.
/// - `leisure`: decided 5/7, published 6/7, called in on 8/7; key; wards not stated.
struct Scenario {
    tenant: TenantId,
    ids: ExampleIds,
    committee: BodyId,
    bearsted: WardId,
    boxley: WardId,
    example: DecisionId,
    parking: DecisionId,
    planning: DecisionId,
    leisure: DecisionId,
}

async fn scenario(f: &Fixture) -> Scenario {
    let tenant = TenantId::new();
    let ids = f.record_example(tenant).await;
    let committee = BodyId::new();
    let (bearsted, boxley) = (WardId::new(), WardId::new());
    for command in [
        CouncilCommand::AddBody {
            body: committee,
            name: Name::parse("Planning Committee").unwrap(),
            kind: BodyKind::Committee,
        },
        CouncilCommand::AddWard {
            ward: bearsted,
            name: Name::parse("Bearsted").unwrap(),
        },
        CouncilCommand::AddWard {
            ward: boxley,
            name: Name::parse("Boxley").unwrap(),
        },
    ] {
        f.execute(tenant, &Command::Council(command)).await;
    }
    let listed = |ward| WardsAffected::Listed {
        ward_ids: WardList::parse(vec![ward]).unwrap(),
    };
    let parking = record(
        f,
        tenant,
        &Spec {
            key: Some(false),
            wards: listed(bearsted),
            published: Some(d(2010, 7, 26)),
            ..Spec::new("Car parking charges", d(2010, 7, 20), ids.cabinet)
        },
    )
    .await;
    let planning = record(
        f,
        tenant,
        &Spec {
            call_in: Some(false),
            key: Some(false),
            wards: listed(boxley),
            ..Spec::new("Planning enforcement", d(2010, 7, 1), committee)
        },
    )
    .await;
    let leisure = record(
        f,
        tenant,
        &Spec {
            wards: WardsAffected::NotStated,
            published: Some(d(2010, 7, 6)),
            ..Spec::new("Leisure centre", d(2010, 7, 5), ids.cabinet)
        },
    )
    .await;
    f.execute(
        tenant,
        &decision(
            leisure,
            DecisionCommand::CallIn {
                members: CallInMembers::parse(vec![Name::parse("Cllr Smith").unwrap()]).unwrap(),
                reason: Reason::parse("Costs not explained").unwrap(),
                date: d(2010, 7, 8),
                suspends: true,
            },
        ),
    )
    .await;
    f.projector().catch_up(tenant).await.unwrap();
    Scenario {
        tenant,
        example: ids.decision,
        ids,
        committee,
        bearsted,
        boxley,
        parking,
        planning,
        leisure,
    }
}

pub(crate) async fn ids(
    f: &Fixture,
    tenant: TenantId,
    viewer: Viewer,
    filter: DecisionFilter,
) -> Vec<DecisionId> {
    let page = f
        .models
        .decisions(
            tenant,
            viewer,
            &filter,
            &PageRequest {
                first: 100,
                after: None,
            },
            Detail::Full,
        )
        .await
        .unwrap();
    assert_eq!(page.total_count, page.items.len() as u64);
    page.items.iter().map(|(_, view)| view.id).collect()
}

pub async fn keyset_pages_walk_the_decisions_newest_first_without_gaps_or_repeats(f: Fixture) {
    let tenant = TenantId::new();
    let ids = f.record_example(tenant).await;
    // Several decisions share a date, so the order within a date rests on the id.
    for (i, day) in [3, 3, 3, 10, 10, 1, 20].into_iter().enumerate() {
        let title = ["A", "B", "C", "D", "E", "F", "G"][i];
        record(
            &f,
            tenant,
            &Spec {
                published: (i % 2 == 0).then(|| d(2010, 7, 28)),
                ..Spec::new(title, d(2010, 7, day), ids.cabinet)
            },
        )
        .await;
    }
    f.projector().catch_up(tenant).await.unwrap();
    let expected = fresh_fold(&f, tenant).await.full;
    assert_eq!(expected.len(), 8);

    let mut seen = Vec::new();
    let mut after = None;
    let mut pages = 0;
    loop {
        let page = f
            .models
            .decisions(
                tenant,
                Viewer::Clerk,
                &DecisionFilter::default(),
                &PageRequest { first: 3, after },
                Detail::Full,
            )
            .await
            .unwrap();
        pages += 1;
        assert_eq!(page.total_count, if pages == 1 { 8 } else { 9 });
        assert!(page.items.len() <= 3);
        if pages == 1 {
            // A decision recorded between pages lands before the cursor: the walk neither
            // repeats nor skips what was listed when it started.
            record(
                &f,
                tenant,
                &Spec::new("Late arrival", d(2010, 7, 30), ids.cabinet),
            )
            .await;
            f.projector().catch_up(tenant).await.unwrap();
        }
        after = page.items.last().map(|(cursor, _)| cursor.clone());
        seen.extend(page.items.into_iter().map(|(_, view)| view));
        if !page.has_next_page {
            break;
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, expected);
    let dates: Vec<_> = seen.iter().map(|v| v.record.date_of_decision).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));

    // The public list holds the published decisions only, in the same order.
    let public = all_decisions(
        &f.models,
        tenant,
        Viewer::Public,
        &DecisionFilter::default(),
    )
    .await;
    assert_eq!(public, fresh_fold(&f, tenant).await.public);
    assert_eq!(public.len(), 5);
    assert_matches_fresh_fold(&f, tenant).await;
}

pub async fn each_filter_selects_the_decisions_it_names(f: Fixture) {
    let s = scenario(&f).await;
    let (tenant, clerk, public) = (s.tenant, Viewer::Clerk, Viewer::Public);
    let all = ids(&f, tenant, clerk, DecisionFilter::default()).await;
    assert_eq!(all, vec![s.parking, s.leisure, s.planning, s.example]);
    assert_eq!(
        ids(&f, tenant, public, DecisionFilter::default()).await,
        vec![s.parking, s.leisure, s.example]
    );

    let statuses = |statuses| DecisionFilter {
        statuses,
        ..DecisionFilter::default()
    };
    assert_eq!(
        ids(&f, tenant, clerk, statuses(vec![DecisionStatus::Published])).await,
        vec![s.parking]
    );
    assert_eq!(
        ids(
            &f,
            tenant,
            clerk,
            statuses(vec![DecisionStatus::Effective, DecisionStatus::CalledIn])
        )
        .await,
        vec![s.leisure, s.example]
    );
    assert_eq!(
        ids(&f, tenant, clerk, statuses(vec![DecisionStatus::Made])).await,
        vec![s.planning]
    );
    assert_eq!(
        ids(&f, tenant, public, statuses(vec![DecisionStatus::Made])).await,
        Vec::<DecisionId>::new()
    );

    let maker = |body| DecisionFilter {
        decision_maker: Some(body),
        ..DecisionFilter::default()
    };
    assert_eq!(
        ids(&f, tenant, clerk, maker(s.committee)).await,
        vec![s.planning]
    );
    assert_eq!(
        ids(&f, tenant, clerk, maker(s.ids.cabinet)).await,
        vec![s.parking, s.leisure, s.example]
    );

    // A ward matches the decisions listing it and those affecting all wards.
    let ward = |ward| DecisionFilter {
        ward: Some(ward),
        ..DecisionFilter::default()
    };
    assert_eq!(
        ids(&f, tenant, clerk, ward(s.bearsted)).await,
        vec![s.parking, s.example]
    );
    assert_eq!(
        ids(&f, tenant, clerk, ward(s.boxley)).await,
        vec![s.planning, s.example]
    );
    assert_eq!(
        ids(&f, tenant, public, ward(s.boxley)).await,
        vec![s.example]
    );

    let key = |key| DecisionFilter {
        key_decision: Some(key),
        ..DecisionFilter::default()
    };
    assert_eq!(
        ids(&f, tenant, clerk, key(true)).await,
        vec![s.leisure, s.example]
    );
    assert_eq!(
        ids(&f, tenant, clerk, key(false)).await,
        vec![s.parking, s.planning]
    );
    let call_in = |subject| DecisionFilter {
        subject_to_call_in: Some(subject),
        ..DecisionFilter::default()
    };
    assert_eq!(
        ids(&f, tenant, clerk, call_in(false)).await,
        vec![s.planning]
    );
    assert_eq!(
        ids(&f, tenant, clerk, call_in(true)).await,
        vec![s.parking, s.leisure, s.example]
    );

    // Parking was published on Monday 26 July: it can be called in until Monday 2 August.
    let open_on = |day| DecisionFilter {
        call_in_open_on: Some(day),
        ..DecisionFilter::default()
    };
    assert_eq!(
        ids(&f, tenant, public, open_on(d(2010, 7, 30))).await,
        vec![s.parking]
    );
    assert_eq!(
        ids(&f, tenant, public, open_on(d(2010, 8, 2))).await,
        vec![s.parking]
    );
    assert!(
        ids(&f, tenant, public, open_on(d(2010, 8, 3)))
            .await
            .is_empty()
    );
    // Leisure's window was still open on 9 July, but it had been called in.
    assert!(
        ids(&f, tenant, clerk, open_on(d(2010, 7, 9)))
            .await
            .is_empty()
    );
    let parking = f
        .models
        .decision(tenant, public, s.parking)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(parking.call_in_deadline, Some(d(2010, 8, 2)));
    assert_eq!(parking.effective_from, Some(d(2010, 8, 3)));

    let decided = |from, to| DecisionFilter {
        decided_from: from,
        decided_to: to,
        ..DecisionFilter::default()
    };
    assert_eq!(
        ids(
            &f,
            tenant,
            clerk,
            decided(Some(d(2010, 7, 1)), Some(d(2010, 7, 10)))
        )
        .await,
        vec![s.leisure, s.planning]
    );
    assert_eq!(
        ids(&f, tenant, clerk, decided(None, Some(d(2010, 6, 30)))).await,
        vec![s.example]
    );
    let published = |from, to| DecisionFilter {
        published_from: from,
        published_to: to,
        ..DecisionFilter::default()
    };
    assert_eq!(
        ids(&f, tenant, clerk, published(Some(d(2010, 7, 1)), None)).await,
        vec![s.parking, s.leisure]
    );
    assert_eq!(
        ids(&f, tenant, clerk, published(None, Some(d(2010, 6, 30)))).await,
        vec![s.example]
    );

    // Conditions combine.
    let combined = DecisionFilter {
        ward: Some(s.bearsted),
        key_decision: Some(true),
        ..DecisionFilter::default()
    };
    assert_eq!(ids(&f, tenant, clerk, combined).await, vec![s.example]);

    // Listed wards are named from the council's reference data.
    let planning = f
        .models
        .decision(tenant, clerk, s.planning)
        .await
        .unwrap()
        .unwrap();
    let Some(WardsAffectedView::Listed { wards }) = planning.record.wards_affected else {
        panic!("planning lists its wards");
    };
    assert_eq!(wards[0].id, s.boxley);
    assert_eq!(wards[0].name.as_ref().unwrap().as_str(), "Boxley");
    assert_matches_fresh_fold(&f, tenant).await;
}

pub async fn bad_pages_and_cursors_are_refused(f: Fixture) {
    let tenant = TenantId::new();
    f.record_example(tenant).await;
    f.projector().catch_up(tenant).await.unwrap();
    let filter = DecisionFilter::default();
    for first in [0, 101] {
        let result = f
            .models
            .decisions(
                tenant,
                Viewer::Public,
                &filter,
                &PageRequest { first, after: None },
                Detail::Full,
            )
            .await;
        assert!(matches!(result, Err(ProjectionError::InvalidPage(_))));
    }
    let bad = PageRequest {
        first: 10,
        after: Some("not a cursor".to_owned()),
    };
    assert!(matches!(
        f.models
            .decisions(tenant, Viewer::Public, &filter, &bad, Detail::Full)
            .await,
        Err(ProjectionError::InvalidCursor)
    ));
    assert!(matches!(
        f.models
            .forward_plan(tenant, Viewer::Public, d(2010, 1, 1), &bad)
            .await,
        Err(ProjectionError::InvalidCursor)
    ));
    // A cursor of the decisions list is not one of the forward plan.
    let page = f
        .models
        .decisions(
            tenant,
            Viewer::Public,
            &filter,
            &PageRequest {
                first: 1,
                after: None,
            },
            Detail::Full,
        )
        .await
        .unwrap();
    let cursor = page.items[0].0.clone();
    assert!(matches!(
        f.models
            .forward_plan(
                tenant,
                Viewer::Public,
                d(2010, 1, 1),
                &PageRequest {
                    first: 1,
                    after: Some(cursor),
                },
            )
            .await,
        Err(ProjectionError::InvalidCursor)
    ));
}

pub async fn full_text_search_finds_the_example_by_a_word_of_its_reasons(f: Fixture) {
    let s = scenario(&f).await;
    let search = |text: &str| DecisionFilter {
        text: SearchQuery::parse(text).unwrap(),
        ..DecisionFilter::default()
    };
    for viewer in [Viewer::Public, Viewer::Clerk] {
        // "partnership working" and "transformation agenda" are in the reasons only.
        assert_eq!(
            ids(&f, s.tenant, viewer, search("partnership")).await,
            vec![s.example]
        );
        assert_eq!(
            ids(&f, s.tenant, viewer, search("transformation")).await,
            vec![s.example]
        );
        let found = f
            .models
            .decisions(
                s.tenant,
                viewer,
                &search("partnership"),
                &PageRequest {
                    first: 10,
                    after: None,
                },
                Detail::Full,
            )
            .await
            .unwrap();
        assert_eq!(
            found.items[0].1.record.title,
            "Information Strategy 2010 - 13"
        );
        assert!(
            ids(&f, s.tenant, viewer, search("hovercraft"))
                .await
                .is_empty()
        );
    }
    // Titles are searched too, and search combines with filters.
    assert_eq!(
        ids(&f, s.tenant, Viewer::Clerk, search("parking")).await,
        vec![s.parking]
    );
    let combined = DecisionFilter {
        key_decision: Some(false),
        ..search("partnership")
    };
    assert!(ids(&f, s.tenant, Viewer::Clerk, combined).await.is_empty());
}

pub(crate) fn exempt(reason: &str) -> Restriction {
    Restriction::parse(RestrictionDraft {
        category: RestrictionCategory::Exempt,
        public_interest_test_applied: Some(true),
        reason: Some(Reason::parse(reason).unwrap()),
        ..RestrictionDraft::exempt(Some(ExemptionScheme::Schedule12APart1), &[3])
    })
    .unwrap()
}

pub async fn restricted_information_is_withheld_from_the_public_and_its_search(f: Fixture) {
    let tenant = TenantId::new();
    let ids_ = f.record_example(tenant).await;
    let mut details =
        Spec::new("Waste collection contract", d(2010, 7, 14), ids_.cabinet).details();
    details.reasons =
        Some(LongText::parse("The Blackthorn tender was cheapest by a wide margin.").unwrap());
    details.documents.push(Document {
        title: Title::parse("Appendix B: Blackthorn tender prices").unwrap(),
        url: None,
        sha256: None,
        restriction: Some(exempt("Commercially sensitive")),
    });
    details.field_restrictions = vec![
        FieldRestriction {
            field: DecisionField::Reasons,
            restriction: exempt("Commercially sensitive"),
        },
        FieldRestriction {
            field: DecisionField::KeyDecision,
            restriction: exempt("Reveals the contract value"),
        },
    ];
    let waste = record_details(&f, tenant, details, Some(d(2010, 7, 16))).await;
    let unpublished = record(
        &f,
        tenant,
        &Spec::new("Staff restructure", d(2010, 7, 15), ids_.cabinet),
    )
    .await;
    f.projector().catch_up(tenant).await.unwrap();

    let public = f
        .models
        .decision(tenant, Viewer::Public, waste)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(public.record.reasons, None);
    assert_eq!(public.record.key_decision, None);
    assert!(public.record.restricted);
    let fields: Vec<DecisionField> = public.record.withheld.iter().map(|w| w.field).collect();
    assert_eq!(
        fields,
        vec![DecisionField::Reasons, DecisionField::KeyDecision]
    );
    let notice = &public.record.withheld[0].notice;
    assert_eq!(notice.scheme, ExemptionScheme::Schedule12APart1);
    assert_eq!(notice.paragraphs, vec![Paragraph::number(3)]);
    assert_eq!(
        notice.reason.as_ref().unwrap().as_str(),
        "Commercially sensitive"
    );
    assert!(notice.text.contains("paragraph 3"));
    assert_eq!(public.record.documents.len(), 1);
    assert_eq!(public.record.documents[0].title, None);
    assert!(public.record.documents[0].withheld.is_some());
    let json = serde_json::to_string(&public).unwrap();
    assert!(!json.contains("Blackthorn"), "{json}");

    let full = f
        .models
        .decision(tenant, Viewer::Clerk, waste)
        .await
        .unwrap()
        .unwrap();
    assert!(full.record.reasons.unwrap().as_str().contains("Blackthorn"));
    assert_eq!(full.record.key_decision, Some(true));
    assert!(full.record.documents[0].title.is_some());

    // Withheld text is not findable by the public; clerks find it.
    let search = DecisionFilter {
        text: SearchQuery::parse("Blackthorn").unwrap(),
        ..DecisionFilter::default()
    };
    assert!(
        ids(&f, tenant, Viewer::Public, search.clone())
            .await
            .is_empty()
    );
    assert_eq!(ids(&f, tenant, Viewer::Clerk, search).await, vec![waste]);
    // Nor can a public filter reveal a withheld value.
    let key = DecisionFilter {
        key_decision: Some(true),
        ..DecisionFilter::default()
    };
    assert_eq!(
        ids(&f, tenant, Viewer::Public, key.clone()).await,
        vec![ids_.decision]
    );
    assert_eq!(
        ids(&f, tenant, Viewer::Clerk, key).await,
        vec![unpublished, waste, ids_.decision]
    );

    // An unpublished decision does not exist for the public.
    assert_eq!(
        f.models
            .decision(tenant, Viewer::Public, unpublished)
            .await
            .unwrap(),
        None
    );
    assert!(
        f.models
            .decision(tenant, Viewer::Clerk, unpublished)
            .await
            .unwrap()
            .is_some()
    );
    assert_matches_fresh_fold(&f, tenant).await;
}

pub fn entry_details(title: &str, maker: BodyId, key: bool, wards: Wards) -> ForwardPlanDetails {
    ForwardPlanDetails {
        title: Title::parse(title).unwrap(),
        description: None,
        decision_maker: maker,
        key_decision: key,
        reason_key: vec![],
        wards: Some(wards),
        consultees: None,
        representations: None,
        anticipated_restriction: AnticipatedRestriction::PartExempt {
            restriction: Some(exempt("Tender prices")),
        },
        reference: None,
        contacts: vec![],
        source: Default::default(),
    }
}

pub async fn enter(
    f: &Fixture,
    tenant: TenantId,
    details: ForwardPlanDetails,
    due: NaiveDate,
) -> ForwardPlanEntryId {
    let entry = ForwardPlanEntryId::new();
    f.execute(
        tenant,
        &Command::ForwardPlan {
            entry,
            command: ForwardPlanCommand::Enter {
                details: details.into(),
                date_due: Some(DateDue::Day { date: due }),
                notice_date: Some(d(2010, 7, 1)),
                notice: NoticeKind::Standard,
                status: None,
                status_label: None,
                plans: vec![],
            },
        },
    )
    .await;
    entry
}

pub async fn the_forward_plan_lists_planned_entries_by_date_due(f: Fixture) {
    let tenant = TenantId::new();
    let ids_ = f.record_example(tenant).await;
    let bearsted = WardId::new();
    f.execute(
        tenant,
        &Command::Council(CouncilCommand::AddWard {
            ward: bearsted,
            name: Name::parse("Bearsted").unwrap(),
        }),
    )
    .await;
    let cabinet = ids_.cabinet;
    let listed = Wards::Listed {
        ward_ids: WardList::parse(vec![bearsted]).unwrap(),
    };
    let budget = enter(
        &f,
        tenant,
        entry_details("Budget", cabinet, true, Wards::All),
        d(2010, 9, 1),
    )
    .await;
    let parks = enter(
        &f,
        tenant,
        entry_details("Parks", cabinet, false, listed.clone()),
        d(2010, 8, 20),
    )
    .await;
    let pools = enter(
        &f,
        tenant,
        entry_details("Pools", cabinet, false, listed),
        d(2010, 8, 20),
    )
    .await;
    let past = enter(
        &f,
        tenant,
        entry_details("Past", cabinet, false, Wards::All),
        d(2010, 7, 20),
    )
    .await;
    let dropped = enter(
        &f,
        tenant,
        entry_details("Dropped", cabinet, false, Wards::All),
        d(2010, 8, 25),
    )
    .await;
    f.execute(
        tenant,
        &Command::ForwardPlan {
            entry: dropped,
            command: ForwardPlanCommand::Withdraw {
                reason: Reason::parse("No longer needed").unwrap(),
            },
        },
    )
    .await;
    // A decided entry leaves the plan; its link to an unpublished decision is not public.
    let decided = enter(
        &f,
        tenant,
        entry_details("Decided", cabinet, false, Wards::All),
        d(2010, 8, 30),
    )
    .await;
    let unpublished = record(
        &f,
        tenant,
        &Spec::new("Staff restructure", d(2010, 7, 15), cabinet),
    )
    .await;
    f.execute(
        tenant,
        &Command::ForwardPlan {
            entry: decided,
            command: ForwardPlanCommand::LinkDecision {
                decision: unpublished,
            },
        },
    )
    .await;
    f.projector().catch_up(tenant).await.unwrap();

    let mut same_day = [parks, pools];
    same_day.sort();
    let expected = vec![same_day[0], same_day[1], budget];
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = f
            .models
            .forward_plan(
                tenant,
                Viewer::Public,
                d(2010, 8, 1),
                &PageRequest { first: 2, after },
            )
            .await
            .unwrap();
        assert_eq!(page.total_count, 3);
        after = page.items.last().map(|(cursor, _)| cursor.clone());
        seen.extend(page.items.into_iter().map(|(_, entry)| entry));
        if !page.has_next_page {
            break;
        }
    }
    assert_eq!(seen.iter().map(|e| e.id).collect::<Vec<_>>(), expected);
    let parks_view = seen.iter().find(|e| e.id == parks).unwrap();
    assert_eq!(
        parks_view.decision_maker.name.as_ref().unwrap().as_str(),
        "Cabinet"
    );
    let Some(civic_projections::views::WardsView::Listed { wards }) = &parks_view.wards else {
        panic!("parks lists its wards");
    };
    assert_eq!(wards[0].name.as_ref().unwrap().as_str(), "Bearsted");
    assert_eq!(parks_view.clear_days_notice, Some(49));
    assert!(parks_view.anticipated_restriction.notice.is_some());
    assert!(
        !seen
            .iter()
            .any(|e| e.id == past || e.id == dropped || e.id == decided)
    );

    let public = f
        .models
        .forward_plan_entry(tenant, Viewer::Public, decided)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(public.decision, None);
    let clerk = f
        .models
        .forward_plan_entry(tenant, Viewer::Clerk, decided)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(clerk.decision, Some(unpublished));
    assert_matches_fresh_fold(&f, tenant).await;
}
