//! Global object ids for `node(id:)`: base64url of `Type:tenant:uuid`. The tenant is part of the
//! id so that a council's endpoint can tell, without a lookup, that an id belongs to another
//! council, and refuse to resolve it.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use civic_eventstore::TenantId;
use uuid::Uuid;

/// The kinds of object `node` resolves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// A council.
    Council,
    /// A decision.
    Decision,
    /// A forward-plan entry.
    ForwardPlanEntry,
    /// A strategy document.
    StrategyDocument,
    /// A meeting.
    Meeting,
}

impl NodeKind {
    fn name(self) -> &'static str {
        match self {
            NodeKind::Council => "Council",
            NodeKind::Decision => "Decision",
            NodeKind::ForwardPlanEntry => "ForwardPlanEntry",
            NodeKind::StrategyDocument => "StrategyDocument",
            NodeKind::Meeting => "Meeting",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        [
            NodeKind::Council,
            NodeKind::Decision,
            NodeKind::ForwardPlanEntry,
            NodeKind::StrategyDocument,
            NodeKind::Meeting,
        ]
        .into_iter()
        .find(|kind| kind.name() == name)
    }
}

/// A decoded global id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GlobalId {
    /// What it names.
    pub kind: NodeKind,
    /// The council it belongs to.
    pub tenant: TenantId,
    /// The object's own id.
    pub id: Uuid,
}

impl GlobalId {
    /// The id of `kind` object `id` of `tenant`.
    pub fn new(kind: NodeKind, tenant: TenantId, id: Uuid) -> Self {
        Self { kind, tenant, id }
    }

    /// The opaque text clients see.
    pub fn encode(&self) -> String {
        // Built without `format!`: every object of every answer has an id, and the formatting
        // machinery cost more than the base64.
        let mut uuid = Uuid::encode_buffer();
        let mut plain = String::with_capacity(90);
        plain.push_str(self.kind.name());
        plain.push(':');
        plain.push_str(self.tenant.as_uuid().hyphenated().encode_lower(&mut uuid));
        plain.push(':');
        plain.push_str(self.id.hyphenated().encode_lower(&mut uuid));
        URL_SAFE_NO_PAD.encode(plain)
    }

    /// Reads an id made by [`GlobalId::encode`]; `None` for anything else.
    pub fn decode(text: &str) -> Option<Self> {
        if text.len() > 200 {
            return None;
        }
        let bytes = URL_SAFE_NO_PAD.decode(text).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let mut parts = text.splitn(3, ':');
        let kind = NodeKind::from_name(parts.next()?)?;
        let tenant = TenantId::from_uuid(Uuid::try_parse(parts.next()?).ok()?);
        let id = Uuid::try_parse(parts.next()?).ok()?;
        Some(Self { kind, tenant, id })
    }
}

/// The `ID` of an object, as async-graphql's scalar.
pub fn id(kind: NodeKind, tenant: TenantId, id: Uuid) -> async_graphql::ID {
    async_graphql::ID(GlobalId::new(kind, tenant, id).encode())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_ids_round_trip_and_carry_their_council() {
        let tenant = TenantId::new();
        let global = GlobalId::new(NodeKind::Decision, tenant, Uuid::now_v7());
        assert_eq!(GlobalId::decode(&global.encode()), Some(global));
    }

    #[test]
    fn anything_else_is_not_a_global_id() {
        for bad in ["", "!!!", &URL_SAFE_NO_PAD.encode("Decision:x:y"), &URL_SAFE_NO_PAD.encode("Elephant:0190a1b2-0000-7000-8000-000000000001:0190a1b2-0000-7000-8000-000000000001")] {
            assert_eq!(GlobalId::decode(bad), None, "{bad}");
        }
    }
}
