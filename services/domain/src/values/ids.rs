use super::ValueError;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh, time-ordered (v7) id, so ids sort roughly by creation.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            /// Wraps an existing UUID, e.g. one read back from the store.
            pub fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            /// Parses the hyphenated UUID text form.
            pub fn parse(raw: &str) -> Result<Self, ValueError> {
                Uuid::try_parse(raw.trim()).map(Self).map_err(|_| ValueError::Malformed {
                    what: stringify!($name),
                    detail: "must be a UUID",
                })
            }

            /// The underlying UUID.
            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }
    };
}

uuid_id!(
    /// Identifies one decision; names its stream `decision/{uuid}`.
    DecisionId
);
uuid_id!(
    /// Identifies one forward-plan entry ("issue"); names its stream
    /// `forward-plan/{uuid}`.
    ForwardPlanEntryId
);
uuid_id!(
    /// Identifies one published forward plan (the monthly "Notice of Key Decisions" document)
    /// within its council's stream. Entries point at the plans they appear on.
    ForwardPlanId
);
uuid_id!(
    /// Identifies one strategy document; names its stream `strategy/{uuid}`.
    StrategyDocumentId
);
uuid_id!(
    /// Identifies one meeting of a council body; names its stream
    /// `meeting/{uuid}`.
    MeetingId
);
uuid_id!(
    /// Identifies one item on a meeting's agenda. Stable across corrections
    /// of the meeting, so a decision can point at the item it was taken under.
    AgendaItemId
);
uuid_id!(
    /// Identifies a ward of a council. Stable across renames, so decisions
    /// keep pointing at the right ward.
    WardId
);
uuid_id!(
    /// Identifies a decision-making body (cabinet, committee, officer...).
    /// Stable across renames.
    BodyId
);

uuid_id!(
    /// Identifies a member (councillor) in the council's list. Stable across renames, so votes
    /// and interests keep pointing at the right person.
    MemberId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_their_text_form() {
        let id = DecisionId::new();
        assert_eq!(DecisionId::parse(&id.to_string()).unwrap(), id);
        assert!(DecisionId::parse("not-a-uuid").is_err());
    }

    #[test]
    fn ids_serialise_as_bare_uuid_strings() {
        let id = WardId::parse("0190a1b2-0000-7000-8000-000000000001").unwrap();
        assert_eq!(
            serde_json::to_string(&id).unwrap(),
            "\"0190a1b2-0000-7000-8000-000000000001\""
        );
    }
}
