//! Small objects shared by the council's types: references to wards and bodies, withheld-notices,
//! resolutions, periods and command warnings.

use async_graphql::{Object, SimpleObject};
use civic_domain::Warning as DomainWarning;
use civic_domain::decision::{BodyRef as DomainBodyRef, Resolution as DomainResolution};
use civic_domain::strategy::StrategySpan;
use civic_projections::views::{BodyNameRef, WardRef as ViewWardRef, WithheldNotice as ViewNotice};
use uuid::Uuid;

use crate::graphql::enums::{ExemptionScheme, RestrictionCategory, StrategySpanKind};

/// A body as a record names it: its id in the council's list and the name the record showed
/// (which may be an old name of the body).
pub struct BodyRef(pub DomainBodyRef);

#[Object]
impl BodyRef {
    /// The body in the council's list.
    async fn body_id(&self) -> Uuid {
        self.0.body_id.as_uuid()
    }

    /// The name as shown on the record, e.g. "Cabinet".
    async fn name(&self) -> &str {
        self.0.name_as_shown.as_str()
    }
}

/// A body named by id, with its current name from the council's list.
pub struct BodyName(pub BodyNameRef);

#[Object]
impl BodyName {
    /// The body.
    async fn body_id(&self) -> Uuid {
        self.0.id.as_uuid()
    }

    /// Its current name; null if the council does not list it.
    async fn name(&self) -> Option<&str> {
        self.0.name.as_ref().map(|n| n.as_str())
    }
}

/// A ward named by a record, with its current name.
pub struct WardRef(pub ViewWardRef);

#[Object]
impl WardRef {
    /// The ward.
    async fn ward_id(&self) -> Uuid {
        self.0.id.as_uuid()
    }

    /// Its current name; null if the council does not list it.
    async fn name(&self) -> Option<&str> {
        self.0.name.as_ref().map(|n| n.as_str())
    }
}

/// What the public is told about withheld information: the fact, the statute, the paragraphs and
/// the council's reason, never the content.
pub struct WithheldNotice(pub ViewNotice);

#[Object]
impl WithheldNotice {
    /// Exempt or confidential.
    async fn category(&self) -> RestrictionCategory {
        self.0.category.into()
    }

    /// The statute relied on.
    async fn scheme(&self) -> ExemptionScheme {
        self.0.scheme.into()
    }

    /// The statute as cited, e.g. "Local Government Act 1972, Schedule 12A, Part 1".
    async fn citation(&self) -> &str {
        &self.0.citation
    }

    /// The numbers of the paragraphs relied on, ascending (6 for "6a": see `paragraphCodes`).
    async fn paragraphs(&self) -> Vec<u8> {
        let mut numbers: Vec<u8> = self
            .0
            .paragraphs
            .iter()
            .map(|p| p.paragraph_number())
            .collect();
        numbers.dedup();
        numbers
    }

    /// The paragraphs relied on as cited, with sub-letters: "3", "6a".
    async fn paragraph_codes(&self) -> Vec<String> {
        self.0.paragraphs.iter().map(ToString::to_string).collect()
    }

    /// Whether the public-interest test was applied; null when the notice does not say, or the
    /// scheme has no such test (Scotland).
    async fn public_interest_test_applied(&self) -> Option<bool> {
        self.0.public_interest_test_applied
    }

    /// Reasons given paragraph by paragraph.
    async fn paragraph_reasons(&self) -> Vec<ParagraphReason> {
        self.0
            .paragraph_reasons
            .iter()
            .map(|r| ParagraphReason {
                paragraph: r.paragraph.to_string(),
                reason: r.reason.as_str().to_owned(),
            })
            .collect()
    }

    /// The basis in the council's own words, e.g. "Part 1 paragraph 18".
    async fn as_given(&self) -> Option<&str> {
        self.0.as_given.as_ref().map(|t| t.as_str())
    }

    /// The council's stated reason, if any.
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_ref().map(|r| r.as_str())
    }

    /// The whole notice as one sentence, to show in place of the withheld value.
    async fn text(&self) -> &str {
        &self.0.text
    }
}

/// The council's reason for citing one paragraph.
#[derive(SimpleObject)]
pub struct ParagraphReason {
    /// The paragraph, e.g. "6a".
    pub paragraph: String,
    /// Why it applies.
    pub reason: String,
}

/// One resolution of "The decision", in page order.
pub struct Resolution {
    /// Its place in the list, from 1.
    pub position: u32,
    /// The resolution.
    pub resolution: DomainResolution,
}

impl Resolution {
    /// The resolutions with their positions.
    pub fn list(resolutions: &[DomainResolution]) -> Vec<Resolution> {
        (1..)
            .zip(resolutions.iter().cloned())
            .map(|(position, resolution)| Resolution {
                position,
                resolution,
            })
            .collect()
    }
}

#[Object]
impl Resolution {
    /// Its place in the list as published, from 1 (the council's own label is `label`).
    async fn number(&self) -> u32 {
        self.position
    }

    /// Its label as the council wrote it: "1", "(i)", "a)", "1.1"; null for unnumbered prose.
    async fn label(&self) -> Option<&str> {
        self.resolution.label.as_ref().map(|l| l.as_str())
    }

    /// Its text.
    async fn text(&self) -> &str {
        self.resolution.text.as_str()
    }
}

/// The years a strategy or version covers.
#[derive(SimpleObject)]
pub struct Period {
    /// Calendar or financial years.
    pub kind: StrategySpanKind,
    /// First year covered (for financial years, the year the first one starts).
    pub start_year: i32,
    /// Last year covered (for financial years, the year the last one starts).
    pub end_year: i32,
    /// Whether it is a rolling programme, reviewed annually.
    pub rolling: bool,
    /// As written, e.g. "2010-2013" or "2024/25 to 2026/27".
    pub label: String,
}

impl From<StrategySpan> for Period {
    fn from(span: StrategySpan) -> Self {
        match span {
            StrategySpan::Years(period) => Self {
                kind: StrategySpanKind::Years,
                start_year: period.start_year(),
                end_year: period.end_year(),
                rolling: period.rolling(),
                label: period.to_string(),
            },
            StrategySpan::FinancialYears(years) => Self {
                kind: StrategySpanKind::FinancialYears,
                start_year: years.first_starts(),
                end_year: years.last_starts(),
                rolling: years.rolling(),
                label: years.to_string(),
            },
        }
    }
}

/// Something unusual the register noticed about an accepted command: it was recorded, but a
/// person should look again. Given once, when the command is first run.
#[derive(SimpleObject, Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// A stable name, e.g. `call_in_status_not_stated`.
    pub code: String,
    /// What was noticed, in words.
    pub message: String,
}

impl From<&DomainWarning> for Warning {
    fn from(warning: &DomainWarning) -> Self {
        let code = serde_json::to_value(warning)
            .ok()
            .and_then(|value| {
                value
                    .get("kind")
                    .and_then(|k| k.as_str())
                    .map(str::to_owned)
            })
            .unwrap_or_else(|| "warning".to_owned());
        Self {
            code,
            message: warning.to_string(),
        }
    }
}
