//! What a council is made of: its kind, wards and decision-making bodies.

use crate::values::{BodyId, Name, WardId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The legal kind of council; affects which functions it has, and is shown to
/// readers comparing councils.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CouncilKind {
    /// A shire district (second tier), e.g. Maidstone Borough Council.
    #[serde(rename = "district")]
    District,
    /// A shire county (first tier), e.g. Kent County Council.
    #[serde(rename = "county")]
    County,
    /// A single-tier unitary authority.
    #[serde(rename = "unitary")]
    Unitary,
    /// A metropolitan borough.
    #[serde(rename = "metropolitan_borough")]
    MetropolitanBorough,
    /// A London borough.
    #[serde(rename = "london_borough")]
    LondonBorough,
    /// A parish or town council.
    #[serde(rename = "parish_or_town")]
    ParishOrTown,
    /// A combined authority.
    #[serde(rename = "combined_authority")]
    CombinedAuthority,
}

/// The kind of a decision-making body, which determines whether its decisions
/// are executive (and so may be called in) or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BodyKind {
    /// The executive (Cabinet) acting collectively.
    #[serde(rename = "cabinet")]
    Cabinet,
    /// A committee or sub-committee.
    #[serde(rename = "committee")]
    Committee,
    /// An individual cabinet member (portfolio holder) acting alone.
    #[serde(rename = "cabinet_member")]
    CabinetMember,
    /// An officer acting under delegated powers.
    #[serde(rename = "officer")]
    Officer,
    /// The full council meeting.
    #[serde(rename = "full_council")]
    FullCouncil,
    /// A directly elected mayor acting alone (executive).
    #[serde(rename = "elected_mayor")]
    ElectedMayor,
    /// A joint committee of two or more councils.
    #[serde(rename = "joint_committee")]
    JointCommittee,
}

/// An electoral ward. Wards are renamed and retired at boundary reviews but
/// keep their id, so old decisions still point at the ward as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ward {
    /// Stable id.
    pub id: WardId,
    /// Current name.
    pub name: Name,
    /// Earlier names, oldest first, so old records can be matched.
    pub former_names: Vec<Name>,
    /// When the ward ceased to exist, if it has.
    pub retired_on: Option<NaiveDate>,
}

/// A body that makes decisions (cabinet, committee, portfolio holder,
/// officer, full council). Renamed and retired like wards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Body {
    /// Stable id.
    pub id: BodyId,
    /// Current name, e.g. "Cabinet".
    pub name: Name,
    /// What kind of body it is.
    pub kind: BodyKind,
    /// Earlier names, oldest first.
    pub former_names: Vec<Name>,
    /// When the body was dissolved, if it was.
    pub retired_on: Option<NaiveDate>,
}

impl Ward {
    /// Whether the ward existed on `date` (it is active until retired).
    pub fn is_active_on(&self, date: NaiveDate) -> bool {
        self.retired_on.is_none_or(|retired| date < retired)
    }
}

impl Body {
    /// Whether the body existed on `date` (it is active until retired).
    pub fn is_active_on(&self, date: NaiveDate) -> bool {
        self.retired_on.is_none_or(|retired| date < retired)
    }
}
