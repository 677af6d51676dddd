//! The demo council's forward plan and a second strategy, showing what real registers hold
//! beyond the example decision: a plan document with its period, publisher, dates and stated
//! key-decision criteria; entries due on a day, in a month, "not before" a day and on a date not
//! yet known; one on hold; one taken under special urgency with who agreed and why; and a
//! strategy by financial years out for consultation.
//!
//! The wording follows the forward plans councils publish; the matters are illustrative, not
//! Maidstone's own.

use chrono::NaiveDate;

use crate::command::Command;
use crate::council::CouncilCommand;
use crate::example::ExampleError;
use crate::forward_plan::{
    AnticipatedRestriction, DateDue, EntryContact, ForwardPlanCommand, ForwardPlanDetails,
    ForwardPlanStatus, NoticeKind, PlanCommand, PlanDetails, Representations, Wards, YearMonth,
};
use crate::strategy::{FinancialYears, StrategyCommand, StrategySpan, StrategyStatus};
use crate::values::{
    BodyId, EmailAddress, ForwardPlanEntryId, ForwardPlanId, LongText, Name, PhoneNumber, Reason,
    StrategyDocumentId, Title, ValueError,
};

/// The plan's heading.
pub const PLAN_TITLE: &str = "Forward Plan: 1 July 2010 to 31 October 2010";
/// The entry due in a month.
pub const MONTH_ENTRY: &str = "Customer Access Strategy";
/// The entry due "not before" a day.
pub const NOT_BEFORE_ENTRY: &str = "Disposal of land at Springfield";
/// The entry whose date is not yet known.
pub const NOT_KNOWN_ENTRY: &str = "Waste and Recycling Collection Contract";
/// The entry on hold.
pub const ON_HOLD_ENTRY: &str = "Town Centre Public Realm Improvements";
/// The entry taken under special urgency.
pub const URGENT_ENTRY: &str = "Emergency Repairs to the River Len Flood Defences";
/// The strategy by financial years.
pub const STRATEGY_TITLE: &str = "Medium Term Financial Strategy";

/// The ids of the demo's plan aggregates, derived from a seed (the demo tenant's id) so a
/// reload names the same ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanIds {
    /// The plan document.
    pub plan: ForwardPlanId,
    /// The five entries, in the order above.
    pub entries: [ForwardPlanEntryId; 5],
    /// The strategy.
    pub strategy: StrategyDocumentId,
}

impl PlanIds {
    /// Ids derived from `seed`, clear of those [`crate::example::ExampleIds`] derives.
    pub fn derived_from(seed: uuid::Uuid) -> Self {
        let derive = |k: u128| uuid::Uuid::from_u128(seed.as_u128() ^ (0x00f0_0000 + k));
        Self {
            plan: ForwardPlanId::from_uuid(derive(1)),
            entries: [2, 3, 4, 5, 6].map(|k| ForwardPlanEntryId::from_uuid(derive(k))),
            strategy: StrategyDocumentId::from_uuid(derive(7)),
        }
    }
}

fn d(year: i32, month: u32, day: u32) -> Result<NaiveDate, ValueError> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or(ValueError::Malformed {
        what: "date",
        detail: "not a calendar date",
    })
}

fn details(
    title: &str,
    cabinet: BodyId,
    key: bool,
    description: &str,
) -> Result<ForwardPlanDetails, ValueError> {
    Ok(ForwardPlanDetails {
        title: Title::parse(title)?,
        description: Some(LongText::parse(description)?),
        decision_maker: cabinet,
        key_decision: key,
        reason_key: Vec::new(),
        wards: Some(Wards::All),
        consultees: None,
        representations: None,
        anticipated_restriction: AnticipatedRestriction::Open,
        reference: None,
        contacts: Vec::new(),
        source: Default::default(),
    })
}

/// The commands that enter the demo's forward plan and strategy, after the example's own
/// (which register the council and its Cabinet, `cabinet`).
pub fn commands(ids: &PlanIds, cabinet: BodyId) -> Result<Vec<Command>, ExampleError> {
    let entry = |n: usize, command| Command::ForwardPlan {
        entry: ids.entries[n],
        command,
    };
    let enter = |details: ForwardPlanDetails,
                 date_due,
                 notice_date,
                 notice,
                 status: Option<(ForwardPlanStatus, &str)>|
     -> Result<ForwardPlanCommand, ValueError> {
        Ok(ForwardPlanCommand::Enter {
            details: details.into(),
            date_due,
            notice_date,
            notice,
            status: status.map(|(s, _)| s),
            status_label: status.map(|(_, words)| Name::parse(words)).transpose()?,
            plans: vec![ids.plan],
        })
    };
    let published = d(2010, 6, 1)?;

    let mut month = details(
        MONTH_ENTRY,
        cabinet,
        true,
        "To adopt a strategy for how residents contact the Council: online, by telephone and in person.",
    )?;
    month.reference = Some(Name::parse("FP/2010/031")?);
    month.contacts = vec![
        EntryContact {
            role: Some(Name::parse("Lead officer")?),
            name: Some(Name::parse("Head of Customer Services")?),
            email: Some(EmailAddress::parse("customerservices@maidstone.gov.uk")?),
            phone: Some(PhoneNumber::parse("01622 602000")?),
            as_given: None,
        },
        EntryContact {
            role: Some(Name::parse("Portfolio holder")?),
            name: Some(Name::parse("Cabinet Member for Corporate Services")?),
            email: None,
            phone: None,
            as_given: None,
        },
    ];
    month.consultees = Some(LongText::parse(
        "Residents' panel; Overview and Scrutiny Committee.",
    )?);
    month.representations = Some(Representations {
        how: LongText::parse(
            "In writing to the lead officer at least 7 days before the decision, or by email.",
        )?,
        by: None,
    });

    let mut not_before = details(
        NOT_BEFORE_ENTRY,
        cabinet,
        true,
        "To agree the sale of surplus land following marketing.",
    )?;
    // The plan names no wards for this matter.
    not_before.wards = None;
    not_before.anticipated_restriction = AnticipatedRestriction::PartExempt { restriction: None };

    Ok(vec![
        Command::Council(CouncilCommand::ForwardPlan(PlanCommand::Publish {
            plan: ids.plan,
            details: PlanDetails {
                title: Title::parse(PLAN_TITLE)?,
                period_from: Some(d(2010, 7, 1)?),
                period_to: Some(d(2010, 10, 31)?),
                published_by: Some(cabinet),
                published_on: Some(published),
                next_update_due: Some(d(2010, 7, 1)?),
                key_decision_criteria: Some(LongText::parse(
                    "A key decision is one likely to result in the Council incurring expenditure or making savings of £250,000 or more, or to be significant in its effects on communities living or working in two or more wards.",
                )?),
            },
        })),
        entry(
            0,
            enter(
                month,
                Some(DateDue::Month {
                    month: YearMonth::new(2010, 8)?,
                }),
                Some(published),
                NoticeKind::Standard,
                Some((ForwardPlanStatus::Planned, "For Determination")),
            )?,
        ),
        entry(
            1,
            enter(
                not_before,
                Some(DateDue::NotBefore {
                    date: d(2010, 9, 1)?,
                }),
                Some(published),
                NoticeKind::Standard,
                None,
            )?,
        ),
        entry(
            2,
            enter(
                details(
                    NOT_KNOWN_ENTRY,
                    cabinet,
                    true,
                    "To award the contract for waste and recycling collection from 2011.",
                )?,
                Some(DateDue::NotKnown),
                Some(published),
                NoticeKind::Standard,
                None,
            )?,
        ),
        entry(
            3,
            enter(
                details(
                    ON_HOLD_ENTRY,
                    cabinet,
                    false,
                    "To approve the design of paving and lighting in the High Street.",
                )?,
                Some(DateDue::Day {
                    date: d(2010, 7, 14)?,
                }),
                Some(published),
                NoticeKind::Standard,
                Some((ForwardPlanStatus::OnHold, "On Hold")),
            )?,
        ),
        entry(
            4,
            enter(
                details(
                    URGENT_ENTRY,
                    cabinet,
                    true,
                    "To approve spending on emergency repairs after the flood defences were breached.",
                )?,
                Some(DateDue::Day {
                    date: d(2010, 6, 16)?,
                }),
                Some(d(2010, 6, 14)?),
                NoticeKind::SpecialUrgency {
                    agreed_by: Name::parse("Chair of the Overview and Scrutiny Committee")?,
                    reason: Reason::parse(
                        "The defences must be repaired before the autumn rains; the decision could not reasonably be deferred to the next meeting.",
                    )?,
                },
                None,
            )?,
        ),
        Command::Strategy {
            document: ids.strategy,
            command: StrategyCommand::Create {
                title: Title::parse(STRATEGY_TITLE)?,
                period: Some(StrategySpan::FinancialYears(FinancialYears::parse(
                    2010, 2012, true,
                )?)),
                status: Some(StrategyStatus::ForConsultation),
                status_label: Some(Name::parse("Out to consultation")?),
            },
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::{self, ExampleIds};
    use crate::testing::d as day;
    use crate::{StreamId, Warning, decide};

    #[test]
    fn the_demo_plan_runs_after_the_example_and_warns_only_where_the_page_is_unusual() {
        let seed = uuid::Uuid::now_v7();
        let example_ids = ExampleIds::derived_from(seed);
        let ids = PlanIds::derived_from(seed);
        let mut all = example::commands(&example_ids).unwrap();
        let first_of_ours = all.len();
        all.extend(commands(&ids, example_ids.cabinet).unwrap());
        let mut log: Vec<(StreamId, crate::Event)> = Vec::new();
        let mut warnings = Vec::new();
        for (n, command) in all.iter().enumerate() {
            let stream = command.stream_id();
            let council: Vec<_> = log
                .iter()
                .filter(|(s, _)| *s == StreamId::council())
                .map(|(_, e)| e.clone())
                .collect();
            let council = crate::council_from_history(&council);
            let history: Vec<_> = log
                .iter()
                .filter(|(s, _)| *s == stream)
                .map(|(_, e)| e.clone())
                .collect();
            let decided = decide(command, council.as_ref(), &history, day(2026, 1, 1)).unwrap();
            if n >= first_of_ours {
                warnings.extend(decided.warnings);
            }
            log.extend(decided.events.into_iter().map(|e| (stream.clone(), e)));
        }
        assert_eq!(
            warnings,
            vec![
                Warning::NoticeNotCheckable,
                Warning::ShortNotice { clear_days: 1 }
            ]
        );
        assert_eq!(
            ids.entries
                .iter()
                .collect::<std::collections::HashSet<_>>()
                .len(),
            5
        );
    }
}
