//! Ids the importer derives from what a page says (name-based UUIDs, RFC 9562 version 5, under
//! the council's tenant id). The same record gets the same id in every run, so importing again
//! finds it, and two imports running at once issue the same command ids, which the log records
//! once.

use civic_domain::values::{BodyId, DecisionId, ForwardPlanEntryId, MeetingId, WardId};
use uuid::Uuid;

/// Derives the importer's ids within one council.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ids {
    tenant: Uuid,
}

impl Ids {
    /// Ids for the council whose tenant id is `tenant`.
    pub fn for_tenant(tenant: Uuid) -> Self {
        Self { tenant }
    }

    fn derive(&self, what: &str, key: &str) -> Uuid {
        Uuid::new_v5(
            &self.tenant,
            format!("civic-import/{what}/{key}").as_bytes(),
        )
    }

    /// The decision a page's record is, by its identity key (see `plan::identity`).
    pub fn decision(&self, key: &str) -> DecisionId {
        DecisionId::from_uuid(self.derive("decision", key))
    }

    /// The forward-plan entry a page's record is, by its identity key.
    pub fn forward_plan_entry(&self, key: &str) -> ForwardPlanEntryId {
        ForwardPlanEntryId::from_uuid(self.derive("forward-plan-entry", key))
    }

    /// The meeting a page's record is, by its identity key.
    pub fn meeting(&self, key: &str) -> MeetingId {
        MeetingId::from_uuid(self.derive("meeting", key))
    }

    /// A body the importer adds, by its name as folded for matching.
    pub fn body(&self, folded_name: &str) -> BodyId {
        BodyId::from_uuid(self.derive("body", folded_name))
    }

    /// A ward the importer adds, by its name as folded for matching.
    pub fn ward(&self, folded_name: &str) -> WardId {
        WardId::from_uuid(self.derive("ward", folded_name))
    }

    /// The command id of a council command that adds what a record names (a body, a ward): the
    /// same for every run, so concurrent imports add it once.
    pub fn council_command(&self, what: &str, folded_name: &str) -> Uuid {
        self.derive(&format!("council/{what}"), folded_name)
    }

    /// The command id of the step that brings `record` from stream version `version` to the
    /// reading whose digest is `reading`: the same for two imports of the same page at once, and
    /// new for every later change (the version moves on).
    pub fn record_command(&self, record: Uuid, version: u64, reading: &str) -> Uuid {
        self.derive("record", &format!("{record}/{version}/{reading}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_per_council_and_differ_between_councils_and_kinds() {
        let a = Ids::for_tenant(Uuid::from_u128(1));
        let b = Ids::for_tenant(Uuid::from_u128(2));
        assert_eq!(a.decision("moderngov/13567"), a.decision("moderngov/13567"));
        assert_ne!(a.decision("moderngov/13567"), b.decision("moderngov/13567"));
        assert_ne!(
            a.decision("x").as_uuid(),
            a.meeting("x").as_uuid(),
            "a decision and a meeting with the same key are different records"
        );
        assert_ne!(
            a.record_command(Uuid::nil(), 0, "d"),
            a.record_command(Uuid::nil(), 1, "d")
        );
    }
}
