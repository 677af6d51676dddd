//! Stream names: where each aggregate's events live in a tenant's log.

use crate::values::{DecisionId, ForwardPlanEntryId, MeetingId, StrategyDocumentId, ValueError};
use serde::{Deserialize, Serialize};

/// The kind of aggregate a stream holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StreamKind {
    /// `council`.
    Council,
    /// `forward-plan/{uuid}`.
    ForwardPlan(ForwardPlanEntryId),
    /// `decision/{uuid}`.
    Decision(DecisionId),
    /// `strategy/{uuid}`.
    Strategy(StrategyDocumentId),
    /// `meeting/{uuid}`.
    Meeting(MeetingId),
}

/// The name of a stream within a tenant's log: `council`,
/// `forward-plan/{uuid}`, `decision/{uuid}`, `strategy/{uuid}` or `meeting/{uuid}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct StreamId(String);

impl StreamId {
    /// The council stream.
    pub fn council() -> Self {
        Self("council".to_owned())
    }

    /// A forward-plan entry's stream.
    pub fn forward_plan(id: ForwardPlanEntryId) -> Self {
        Self(format!("forward-plan/{id}"))
    }

    /// A decision's stream.
    pub fn decision(id: DecisionId) -> Self {
        Self(format!("decision/{id}"))
    }

    /// A strategy document's stream.
    pub fn strategy(id: StrategyDocumentId) -> Self {
        Self(format!("strategy/{id}"))
    }

    /// A meeting's stream.
    pub fn meeting(id: MeetingId) -> Self {
        Self(format!("meeting/{id}"))
    }

    /// Accepts exactly the five stream name forms, with lower-case
    /// hyphenated UUIDs (the form this crate writes), so one aggregate never
    /// has two stream names.
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        Self::kind_of(raw)?;
        Ok(Self(raw.to_owned()))
    }

    fn kind_of(raw: &str) -> Result<StreamKind, ValueError> {
        let malformed = ValueError::Malformed {
            what: "stream id",
            detail: "must be council, forward-plan/{uuid}, decision/{uuid}, strategy/{uuid} or \
                     meeting/{uuid}",
        };
        if raw == "council" {
            return Ok(StreamKind::Council);
        }
        let (prefix, id) = raw.split_once('/').ok_or(malformed.clone())?;
        let canonical = uuid::Uuid::try_parse(id)
            .ok()
            .filter(|u| u.hyphenated().to_string() == id)
            .ok_or(malformed.clone())?;
        match prefix {
            "forward-plan" => Ok(StreamKind::ForwardPlan(ForwardPlanEntryId::from_uuid(
                canonical,
            ))),
            "decision" => Ok(StreamKind::Decision(DecisionId::from_uuid(canonical))),
            "strategy" => Ok(StreamKind::Strategy(StrategyDocumentId::from_uuid(
                canonical,
            ))),
            "meeting" => Ok(StreamKind::Meeting(MeetingId::from_uuid(canonical))),
            _ => Err(malformed),
        }
    }

    /// The stream name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Which aggregate the stream holds.
    pub fn kind(&self) -> StreamKind {
        // Every StreamId was built by a constructor or `parse`, so this
        // cannot fail; fall back to Council rather than panic.
        Self::kind_of(&self.0).unwrap_or(StreamKind::Council)
    }
}

impl TryFrom<String> for StreamId {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<StreamId> for String {
    fn from(value: StreamId) -> Self {
        value.0
    }
}

impl std::fmt::Display for StreamId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_ids_round_trip_through_parse() {
        let d = DecisionId::new();
        for s in [
            StreamId::council(),
            StreamId::decision(d),
            StreamId::forward_plan(ForwardPlanEntryId::new()),
            StreamId::strategy(StrategyDocumentId::new()),
            StreamId::meeting(MeetingId::new()),
        ] {
            assert_eq!(StreamId::parse(s.as_str()).unwrap(), s);
        }
        assert_eq!(StreamId::decision(d).kind(), StreamKind::Decision(d));
        assert!(StreamId::decision(d).as_str().starts_with("decision/"));
    }

    #[test]
    fn unknown_prefixes_and_non_canonical_uuids_are_refused() {
        let u = uuid::Uuid::now_v7();
        for bad in [
            String::new(),
            "councils".to_owned(),
            format!("meetings/{u}"),
            format!("meeting/{}", u.simple()),
            format!("decision/{}", u.simple()),
            format!("decision/{}", u.hyphenated().to_string().to_uppercase()),
            "decision/".to_owned(),
        ] {
            assert!(StreamId::parse(&bad).is_err(), "{bad:?} should be refused");
        }
    }
}
