//! Validated value types shared by every aggregate.
//!
//! Each type has a private field and a `parse` returning `Result`: that is the
//! only way to build one, so a command or an event that holds these types has
//! already been checked. Deserialising goes through the same `parse`, so a
//! tampered or corrupted log is refused at decode time rather than trusted.

mod digest;
mod email;
mod error;
mod ids;
mod money;
mod phone;
mod slug;
mod source;
mod text;
mod url;

pub use digest::Sha256Digest;
pub use email::EmailAddress;
pub use error::ValueError;
pub use ids::{
    AgendaItemId, BodyId, DecisionId, ForwardPlanEntryId, ForwardPlanId, MeetingId, MemberId,
    StrategyDocumentId, WardId,
};
pub use money::Pence;
pub use phone::PhoneNumber;
pub use slug::Slug;
pub use source::Source;
pub use text::{
    ItemNumber, Location, LongText, Name, Reason, Reference, ResolutionLabel, SourceLocation,
    StatusLabel, Title, VersionLabel,
};
pub use url::HttpUrl;
