//! Given events, when a command, then events or an error.

use super::*;
use crate::error::{DomainError, ErrorKind};
use crate::restriction::{
    ExemptionScheme, Paragraph, Restriction, RestrictionCategory, RestrictionDraft,
    RestrictionError,
};
use crate::testing::*;
use crate::values::{AgendaItemId, ItemNumber, Location, Title};
use crate::warning::Warning;
use chrono::NaiveTime;

fn item(number: &str, title: &str) -> AgendaItem<RestrictionDraft> {
    AgendaItem {
        id: AgendaItemId::new(),
        number: Some(ItemNumber::parse(number).unwrap()),
        title: Title::parse(title).unwrap(),
        minutes: Some(text("RESOLVED: That the report be noted.")),
        in_private: false,
        restriction: None,
    }
}

/// Exempt information under paragraph 3 of the council nation's scheme (not named).
fn paragraph_3() -> RestrictionDraft {
    let mut draft: RestrictionDraft = Restriction::parse(RestrictionDraft {
        category: RestrictionCategory::Exempt,
        public_interest_test_applied: Some(true),
        reason: None,
        ..RestrictionDraft::exempt(Some(ExemptionScheme::Schedule12APart1), &[3])
    })
    .unwrap()
    .into();
    draft.scheme = None;
    draft
}

fn private(mut item: AgendaItem<RestrictionDraft>) -> AgendaItem<RestrictionDraft> {
    item.in_private = true;
    item.restriction = Some(paragraph_3());
    item
}

/// The Cabinet of 9 June 2010: one public item, one in private with the resolution excluding
/// the public from it. Raises no warnings.
fn cabinet_meeting(f: &Fixture) -> MeetingDetails<RestrictionDraft> {
    let public = item("12.", "Information Strategy 2010 - 13");
    let secret = private(item("14.", "Disposal of land at Mote Park"));
    MeetingDetails {
        body: MeetingBody {
            body_id: f.cabinet,
            name_as_shown: name("Cabinet"),
        },
        date: d(2010, 6, 9),
        start_time: NaiveTime::from_hms_opt(18, 30, 0),
        end_time: NaiveTime::from_hms_opt(19, 45, 0),
        location: Some(Location::parse("Town Hall, High Street, Maidstone").unwrap()),
        status: Some(MeetingStatus::Held),
        exclusions: vec![ExclusionResolution {
            text: Some(text(
                "That the public be excluded for the following item of business because of the \
                 likely disclosure of exempt information under paragraph 3.",
            )),
            items: vec![secret.id],
        }],
        items: vec![public, secret],
        minutes: Some(text("Present: Councillor Garland (Chairman).")),
        source: Default::default(),
    }
}

/// Only what a bare calendar entry shows: body and date.
fn bare(f: &Fixture) -> MeetingDetails<RestrictionDraft> {
    MeetingDetails {
        body: MeetingBody {
            body_id: f.committee,
            name_as_shown: name("Planning Committee"),
        },
        date: d(2010, 7, 1),
        start_time: None,
        end_time: None,
        location: None,
        status: None,
        items: Vec::new(),
        exclusions: Vec::new(),
        minutes: None,
        source: Default::default(),
    }
}

struct Given {
    f: Fixture,
    id: MeetingId,
    history: Vec<Event>,
    today: NaiveDate,
}

impl Given {
    fn nothing() -> Self {
        Given {
            f: fixture(),
            id: MeetingId::new(),
            history: Vec::new(),
            today: d(2010, 6, 30),
        }
    }

    fn recorded(details: impl FnOnce(&Fixture) -> MeetingDetails<RestrictionDraft>) -> Self {
        let mut g = Self::nothing();
        let details = details(&g.f);
        g.ok(MeetingCommand::Record { details });
        g
    }

    fn when(&self, command: MeetingCommand) -> Result<Decided, MeetingError> {
        Meeting::handle(
            Meeting::from_history(&self.history).as_ref(),
            self.id,
            &command,
            &self.f.council,
            self.today,
        )
    }

    fn ok(&mut self, command: MeetingCommand) -> Vec<Warning> {
        let decided = self.when(command).unwrap();
        self.history.extend(decided.events);
        decided.warnings
    }

    fn warnings(&self, details: MeetingDetails<RestrictionDraft>) -> Vec<Warning> {
        self.when(MeetingCommand::Record { details })
            .unwrap()
            .warnings
    }

    fn refused(&self, details: MeetingDetails<RestrictionDraft>) -> MeetingError {
        self.when(MeetingCommand::Record { details }).unwrap_err()
    }

    fn meeting(&self) -> Meeting {
        Meeting::from_history(&self.history).unwrap()
    }
}

#[test]
fn recording_a_meeting_resolves_restrictions_to_the_councils_scheme_without_warnings() {
    let g = Given::nothing();
    let details = cabinet_meeting(&g.f);
    let decided = g
        .when(MeetingCommand::Record {
            details: details.clone(),
        })
        .unwrap();
    assert_eq!(decided.warnings, Vec::new());
    let [Event::Meeting(MeetingEvent::Recorded(recorded))] = &decided.events[..] else {
        panic!("expected one MeetingRecorded, got {:?}", decided.events);
    };
    assert_eq!(recorded.meeting_id, g.id);
    let restriction = recorded.details.items[1].restriction.as_ref().unwrap();
    assert_eq!(restriction.scheme(), ExemptionScheme::Schedule12APart1);
    assert_eq!(restriction.paragraphs(), &[Paragraph::number(3)]);
    assert_eq!(
        recorded.details,
        details.resolve(ExemptionScheme::Schedule12APart1).unwrap()
    );
}

#[test]
fn a_meeting_needs_only_its_body_and_date() {
    let g = Given::recorded(bare);
    let meeting = g.meeting();
    assert_eq!(meeting.details().status, None);
    assert_eq!(meeting.details().start_time, None);
    assert!(meeting.details().items.is_empty());
    assert_eq!(meeting.version(), 1);
}

#[test]
fn a_meeting_is_recorded_once_and_changed_only_once_recorded() {
    let g = Given::recorded(cabinet_meeting);
    let again = g.when(MeetingCommand::Record {
        details: cabinet_meeting(&g.f),
    });
    assert_eq!(again.unwrap_err(), MeetingError::AlreadyRecorded);
    let nothing = Given::nothing();
    let err = nothing
        .when(MeetingCommand::Cancel { reason: None })
        .unwrap_err();
    assert_eq!(err, MeetingError::NotFound);
    assert_eq!(err.kind(), ErrorKind::NotFound);
}

#[test]
fn the_body_must_be_one_of_the_councils() {
    let g = Given::nothing();
    let mut details = cabinet_meeting(&g.f);
    let stranger = crate::values::BodyId::new();
    details.body.body_id = stranger;
    assert_eq!(g.refused(details), MeetingError::UnknownBody(stranger));
}

#[test]
fn a_retired_body_is_kept_with_a_warning() {
    let mut g = Given::nothing();
    run_council(
        &mut g.f.history,
        crate::council::CouncilCommand::RetireBody {
            body: g.f.cabinet,
            on: d(2010, 6, 1),
        },
    );
    g.f.council = crate::council::Council::from_history(&g.f.history).unwrap();
    let warnings = g.warnings(cabinet_meeting(&g.f));
    assert_eq!(
        warnings,
        vec![Warning::BodyRetired {
            body: g.f.cabinet,
            retired_on: d(2010, 6, 1)
        }]
    );
}

#[test]
fn agenda_item_ids_are_unique() {
    let g = Given::nothing();
    let mut details = cabinet_meeting(&g.f);
    let id = details.items[0].id;
    details.items[1].id = id;
    assert_eq!(g.refused(details), MeetingError::DuplicateAgendaItem(id));
}

#[test]
fn an_item_taken_in_private_must_give_its_basis() {
    let g = Given::nothing();
    let mut details = cabinet_meeting(&g.f);
    details.items[1].restriction = None;
    let id = details.items[1].id;
    let err = g.refused(details);
    assert_eq!(err, MeetingError::PrivateItemWithoutBasis(id));
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
}

#[test]
fn a_basis_that_does_not_hold_names_the_items_field() {
    let g = Given::nothing();
    let mut details = cabinet_meeting(&g.f);
    if let Some(r) = details.items[1].restriction.as_mut() {
        r.paragraphs = vec![Paragraph::number(9)];
    }
    let err = DomainError::from(g.refused(details));
    assert_eq!(err.field(), Some("items[1].restriction"));
    assert!(matches!(
        err,
        DomainError::Meeting(MeetingError::Restriction(ref at))
            if matches!(at.error, RestrictionError::ParagraphOutOfRange { paragraph, .. } if paragraph == Paragraph::number(9))
    ));
}

#[test]
fn a_private_item_no_resolution_excluded_the_public_from_is_kept_with_a_warning() {
    let g = Given::nothing();
    let mut details = cabinet_meeting(&g.f);
    details.exclusions.clear();
    let id = details.items[1].id;
    assert_eq!(
        g.warnings(details),
        vec![Warning::PrivateItemNotExcluded { item: id }]
    );
}

#[test]
fn a_resolution_excluding_the_public_names_items_on_the_agenda() {
    let g = Given::nothing();
    let mut details = cabinet_meeting(&g.f);
    let stranger = AgendaItemId::new();
    details.exclusions[0].items.push(stranger);
    assert_eq!(
        g.refused(details),
        MeetingError::UnknownExcludedItem(stranger)
    );
}

#[test]
fn the_unusual_is_kept_with_warnings() {
    let g = Given::nothing();
    let mut details = cabinet_meeting(&g.f);
    let public = details.items[0].id;
    details.exclusions[0].items.insert(0, public);
    details.items[0].restriction = Some(paragraph_3());
    details.items[1].number = details.items[0].number.clone();
    details.start_time = NaiveTime::from_hms_opt(18, 30, 0);
    details.end_time = NaiveTime::from_hms_opt(0, 15, 0);
    let mut welsh = paragraph_3();
    welsh.scheme = Some(ExemptionScheme::Schedule12APart4);
    welsh.paragraphs = vec![Paragraph::number(14)];
    details.items[1].restriction = Some(welsh);
    assert_eq!(
        g.warnings(details),
        vec![
            Warning::MeetingEndsBeforeItStarts {
                start: NaiveTime::from_hms_opt(18, 30, 0).unwrap(),
                end: NaiveTime::from_hms_opt(0, 15, 0).unwrap(),
            },
            Warning::RestrictedItemInPublic { item: public },
            Warning::DuplicateItemNumber {
                number: ItemNumber::parse("12.").unwrap()
            },
            Warning::ExclusionCoversPublicItem { item: public },
            Warning::RestrictionSchemeNotForNation {
                scheme: ExemptionScheme::Schedule12APart4,
                nation: crate::nation::Nation::England,
            },
        ]
    );
}

#[test]
fn a_meeting_to_come_may_be_scheduled_but_not_held() {
    let g = Given::nothing();
    let mut details = cabinet_meeting(&g.f);
    details.date = d(2010, 7, 14);
    details.status = Some(MeetingStatus::Scheduled);
    assert_eq!(g.warnings(details.clone()), Vec::new());
    details.status = Some(MeetingStatus::Held);
    assert_eq!(
        g.refused(details),
        MeetingError::HeldInFuture {
            date: d(2010, 7, 14),
            today: d(2010, 6, 30)
        }
    );
}

#[test]
fn a_correction_replaces_the_record_and_keeps_the_previous_one() {
    let mut g = Given::recorded(cabinet_meeting);
    let original = g.meeting().details().clone();
    let mut corrected = MeetingDetails::<RestrictionDraft>::from(original.clone());
    corrected.items[0].minutes = Some(text("RESOLVED: That the strategy be approved."));
    g.ok(MeetingCommand::Correct {
        details: corrected.clone(),
        reason: reason("Minute 12 was the draft."),
    });
    let meeting = g.meeting();
    assert_eq!(
        meeting.details(),
        &corrected
            .resolve(ExemptionScheme::Schedule12APart1)
            .unwrap()
    );
    assert_eq!(meeting.corrections().len(), 1);
    assert_eq!(meeting.corrections()[0].previous, original);
    assert_eq!(meeting.corrections()[0].corrected_on, d(2010, 6, 30));
    assert_eq!(meeting.version(), 2);
}

#[test]
fn a_correction_that_changes_nothing_is_refused() {
    let g = Given::recorded(cabinet_meeting);
    let same = MeetingDetails::<RestrictionDraft>::from(g.meeting().details().clone());
    assert_eq!(
        g.when(MeetingCommand::Correct {
            details: same,
            reason: reason("Checked again.")
        })
        .unwrap_err(),
        MeetingError::NothingToCorrect
    );
}

#[test]
fn a_correction_is_checked_like_a_record() {
    let g = Given::recorded(cabinet_meeting);
    let mut details = MeetingDetails::<RestrictionDraft>::from(g.meeting().details().clone());
    details.items[1].restriction = None;
    let id = details.items[1].id;
    assert_eq!(
        g.when(MeetingCommand::Correct {
            details,
            reason: reason("x")
        })
        .unwrap_err(),
        MeetingError::PrivateItemWithoutBasis(id)
    );
}

#[test]
fn a_meeting_not_yet_held_can_be_cancelled_once() {
    let mut g = Given::recorded(bare);
    g.ok(MeetingCommand::Cancel {
        reason: Some(reason("No business")),
    });
    let meeting = g.meeting();
    assert_eq!(meeting.details().status, Some(MeetingStatus::Cancelled));
    assert_eq!(
        meeting.cancellation(),
        Some(&MeetingCancelled {
            reason: Some(reason("No business")),
            cancelled_on: d(2010, 6, 30)
        })
    );
    let err = g.when(MeetingCommand::Cancel { reason: None }).unwrap_err();
    assert_eq!(err, MeetingError::CannotCancel(MeetingStatus::Cancelled));
    assert_eq!(err.kind(), ErrorKind::InvalidTransition);
}

#[test]
fn a_meeting_that_was_held_cannot_be_cancelled() {
    let g = Given::recorded(cabinet_meeting);
    assert_eq!(
        g.when(MeetingCommand::Cancel { reason: None }).unwrap_err(),
        MeetingError::CannotCancel(MeetingStatus::Held)
    );
}

#[test]
fn correcting_a_cancelled_meeting_to_another_status_drops_the_cancellation() {
    let mut g = Given::recorded(bare);
    g.ok(MeetingCommand::Cancel { reason: None });
    let mut details = MeetingDetails::<RestrictionDraft>::from(g.meeting().details().clone());
    details.status = Some(MeetingStatus::Postponed);
    g.ok(MeetingCommand::Correct {
        details,
        reason: reason("It was postponed, not cancelled."),
    });
    let meeting = g.meeting();
    assert_eq!(meeting.cancellation(), None);
    assert_eq!(meeting.details().status, Some(MeetingStatus::Postponed));
    assert_eq!(
        meeting.corrections()[0].previous.status,
        Some(MeetingStatus::Cancelled)
    );
}

#[test]
fn decide_routes_meeting_commands_and_needs_a_council() {
    let f = fixture();
    let meeting = MeetingId::new();
    let command = crate::Command::Meeting {
        meeting,
        command: MeetingCommand::Record {
            details: cabinet_meeting(&f),
        },
    };
    assert_eq!(command.stream_id().as_str(), format!("meeting/{meeting}"));
    assert_eq!(
        crate::decide(&command, None, &[], d(2010, 6, 30)),
        Err(DomainError::CouncilNotRegistered)
    );
    let decided = crate::decide(&command, Some(&f.council), &[], d(2010, 6, 30)).unwrap();
    let again = crate::decide(&command, Some(&f.council), &decided.events, d(2010, 6, 30));
    assert_eq!(
        again,
        Err(DomainError::Meeting(MeetingError::AlreadyRecorded))
    );
}
