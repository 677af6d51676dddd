//! Shared setup for the integration tests: an English district council run
//! through the public `decide` entry point.

#![allow(dead_code, reason = "each test file uses a different part")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly on a broken fixture"
)]

use civic_domain::council::{BodyKind, CouncilCommand, CouncilKind};
use civic_domain::values::{Name, Reason, Slug};
use civic_domain::*;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn name(s: &str) -> Name {
    Name::parse(s).unwrap()
}

pub fn reason(s: &str) -> Reason {
    Reason::parse(s).unwrap()
}

/// A tenant's log, kept per stream, driven only through `decide`.
pub struct Tenant {
    pub streams: std::collections::BTreeMap<StreamId, Vec<Event>>,
    pub today: NaiveDate,
}

impl Tenant {
    pub fn new(today: NaiveDate) -> Self {
        Self {
            streams: Default::default(),
            today,
        }
    }

    pub fn council(&self) -> Option<Council> {
        council_from_history(self.history(&StreamId::council()))
    }

    pub fn history(&self, stream: &StreamId) -> &[Event] {
        self.streams.get(stream).map_or(&[], Vec::as_slice)
    }

    /// Decides and, if accepted, appends the events after a round trip
    /// through the codec (as the store would).
    pub fn run(&mut self, command: Command) -> Result<Vec<Warning>, DomainError> {
        let stream = command.stream_id();
        let council = self.council();
        let decided = decide(
            &command,
            council.as_ref(),
            self.history(&stream),
            self.today,
        )?;
        let stored = self.streams.entry(stream).or_default();
        for event in decided.events {
            let decoded = Event::decode(&event.encode()).expect("every event decodes");
            assert_eq!(decoded, event);
            stored.push(decoded);
        }
        Ok(decided.warnings)
    }

    pub fn ok(&mut self, command: Command) -> Vec<Warning> {
        self.run(command).unwrap()
    }
}

/// Registers a Maidstone-like district council in England with a Cabinet;
/// returns the Cabinet's id.
pub fn register_maidstone(tenant: &mut Tenant) -> BodyId {
    tenant.ok(Command::Council(CouncilCommand::Register {
        slug: Slug::parse("maidstone").unwrap(),
        name: name("Maidstone Borough Council"),
        kind: CouncilKind::District,
        nation: Nation::England,
    }));
    let cabinet = BodyId::new();
    tenant.ok(Command::Council(CouncilCommand::AddBody {
        body: cabinet,
        name: name("Cabinet"),
        kind: BodyKind::Cabinet,
    }));
    cabinet
}
