//! The meetings read model: newest first, filtered by body and date, paged by keyset cursors;
//! the public reads every meeting without the minutes withheld from it.

use civic_domain::Command;
use civic_domain::council::{BodyKind, CouncilCommand};
use civic_domain::meeting::example as meeting_example;
use civic_domain::meeting::{MeetingBody, MeetingCommand, MeetingDetails, MeetingStatus};
use civic_domain::values::{BodyId, LongText, MeetingId, Name, Reason};
use civic_eventstore::TenantId;
use civic_projections::{MeetingFilter, PageRequest, ProjectionError, Viewer};

use crate::support::{Fixture, all_meetings, assert_matches_fresh_fold, d};

/// A scheduled meeting of `body` on `day` of July 2010 with nothing else stated.
async fn schedule(f: &Fixture, tenant: TenantId, body: BodyId, day: u32) -> MeetingId {
    let id = MeetingId::new();
    let details: MeetingDetails = MeetingDetails {
        body: MeetingBody {
            body_id: body,
            name_as_shown: Name::parse("A body").unwrap(),
        },
        date: d(2010, 7, day),
        start_time: None,
        end_time: None,
        location: None,
        status: Some(MeetingStatus::Scheduled),
        items: Vec::new(),
        exclusions: Vec::new(),
        minutes: None,
        source: Default::default(),
    };
    f.execute(
        tenant,
        &Command::Meeting {
            meeting: id,
            command: MeetingCommand::Record {
                details: details.into(),
            },
        },
    )
    .await;
    id
}

pub async fn meetings_list_newest_first_filtered_and_paged_as_a_fresh_fold_shows_them(f: Fixture) {
    let tenant = TenantId::new();
    let example = f.record_example(tenant).await;
    let committee = BodyId::new();
    f.execute(
        tenant,
        &Command::Council(CouncilCommand::AddBody {
            body: committee,
            name: Name::parse("Planning Committee").unwrap(),
            kind: BodyKind::Committee,
        }),
    )
    .await;
    let cabinet_meeting = f.record_example_meeting(tenant, example.cabinet).await;
    let mut ids = vec![cabinet_meeting.meeting];
    for day in [1, 8, 8, 15, 22] {
        ids.push(schedule(&f, tenant, example.cabinet, day).await);
    }
    let planning = schedule(&f, tenant, committee, 15).await;
    // One corrected, one cancelled: both projected as folded.
    let cancelled = ids[1];
    f.execute(
        tenant,
        &Command::Meeting {
            meeting: cancelled,
            command: MeetingCommand::Cancel {
                reason: Some(Reason::parse("No business").unwrap()),
            },
        },
    )
    .await;
    let mut corrected = meeting_example::details(example.cabinet, &cabinet_meeting).unwrap();
    corrected.minutes = Some(LongText::parse("Present: Councillor Garland.").unwrap());
    f.execute(
        tenant,
        &Command::Meeting {
            meeting: cabinet_meeting.meeting,
            command: MeetingCommand::Correct {
                details: corrected.into(),
                reason: Reason::parse("Attendance was missing.").unwrap(),
            },
        },
    )
    .await;
    f.projector().catch_up_all().await.unwrap();
    assert_matches_fresh_fold(&f, tenant).await;

    // Newest first, then by id descending; pages of two walk it without gaps or repeats.
    let all = all_meetings(&f.models, tenant, Viewer::Public, &MeetingFilter::default()).await;
    assert_eq!(all.len(), 7);
    let keys: Vec<_> = all.iter().map(|m| (m.record.date, m.id)).collect();
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(keys, sorted);
    let mut walked = Vec::new();
    let mut after = None;
    loop {
        let page = f
            .models
            .meetings(
                tenant,
                Viewer::Public,
                &MeetingFilter::default(),
                &PageRequest { first: 2, after },
            )
            .await
            .unwrap();
        assert_eq!(page.total_count, 7);
        after = page.items.last().map(|(cursor, _)| cursor.clone());
        walked.extend(page.items.into_iter().map(|(_, m)| m.id));
        if !page.has_next_page {
            break;
        }
    }
    assert_eq!(walked, keys.iter().map(|(_, id)| *id).collect::<Vec<_>>());

    // Filters by body and by date.
    let of_committee = all_meetings(
        &f.models,
        tenant,
        Viewer::Clerk,
        &MeetingFilter {
            body: Some(committee),
            ..MeetingFilter::default()
        },
    )
    .await;
    assert_eq!(
        of_committee.iter().map(|m| m.id).collect::<Vec<_>>(),
        [planning]
    );
    let mid_july = all_meetings(
        &f.models,
        tenant,
        Viewer::Clerk,
        &MeetingFilter {
            body: None,
            from: Some(d(2010, 7, 8)),
            to: Some(d(2010, 7, 15)),
        },
    )
    .await;
    assert_eq!(mid_july.len(), 4);
    assert!(
        mid_july
            .iter()
            .all(|m| (d(2010, 7, 8)..=d(2010, 7, 15)).contains(&m.record.date))
    );

    // The public sees the item taken in private, but not its minutes; clerks see both.
    let public = f
        .models
        .meeting(tenant, Viewer::Public, cabinet_meeting.meeting)
        .await
        .unwrap()
        .unwrap();
    let full = f
        .models
        .meeting(tenant, Viewer::Clerk, cabinet_meeting.meeting)
        .await
        .unwrap()
        .unwrap();
    let private = |view: &civic_projections::MeetingView| view.record.items[1].clone();
    assert!(private(&public).in_private && private(&public).withheld.is_some());
    assert_eq!(private(&public).minutes, None);
    assert_eq!(
        private(&full).minutes.unwrap().as_str(),
        meeting_example::PRIVATE_MINUTES
    );
    assert_eq!(public.corrections.len(), 1);
    assert_eq!(public.corrections[0].previous, None);
    assert!(full.corrections[0].previous.is_some());
    let cancelled = f
        .models
        .meeting(tenant, Viewer::Public, cancelled)
        .await
        .unwrap()
        .unwrap();
    assert!(cancelled.cancellation.is_some());

    // Lookups by id, whatever their number, are one read.
    let before = f.models.reads_begun();
    let found = f
        .models
        .meetings_by_ids(
            tenant,
            Viewer::Public,
            &[ids[0], ids[2], planning, MeetingId::new()],
        )
        .await
        .unwrap();
    assert_eq!(f.models.reads_begun() - before, 1);
    assert_eq!(found.len(), 3);
    assert_eq!(found[&ids[0]], public);

    // A cursor of another list is refused; so is another tenant's meeting.
    let decisions_cursor = f
        .models
        .decisions(
            tenant,
            Viewer::Public,
            &Default::default(),
            &PageRequest {
                first: 1,
                after: None,
            },
            Default::default(),
        )
        .await
        .unwrap()
        .items[0]
        .0
        .clone();
    assert!(matches!(
        f.models
            .meetings(
                tenant,
                Viewer::Public,
                &MeetingFilter::default(),
                &PageRequest {
                    first: 2,
                    after: Some(decisions_cursor)
                },
            )
            .await,
        Err(ProjectionError::InvalidCursor)
    ));
    assert_eq!(
        f.models
            .meeting(TenantId::new(), Viewer::Clerk, cabinet_meeting.meeting)
            .await
            .unwrap(),
        None
    );
}
