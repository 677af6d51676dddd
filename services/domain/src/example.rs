//! The example decision of a real council register ("Information Strategy 2010 - 13", Maidstone
//! Borough Council's Cabinet, 9 June 2010), with the strategy document it approved.
//!
//! One source for the tests, the demo council that `civic serve` loads and the documentation:
//! every value is exactly as on the council's "Decision details" page
//! (`shared/fixtures/decision-information-strategy.txt`).

use chrono::NaiveDate;

use crate::command::Command;
use crate::council::{
    BodyKind, CallInArrangement, CallInPolicy, CallInRule, CouncilCommand, CouncilKind,
    DecisionMakerCallIn,
};
use crate::decision::{
    BodyRef, Contact, DecisionCommand, DecisionDetails, Interests, Outcome, References, Resolution,
    Resolutions, WardsAffected,
};
use crate::nation::Nation;
use crate::strategy::{StrategyCommand, StrategyPeriod};
use crate::values::{
    BodyId, DecisionId, EmailAddress, ForwardPlanEntryId, LongText, Name, PhoneNumber,
    ResolutionLabel, Slug, StatusLabel, StrategyDocumentId, Title, ValueError, VersionLabel,
};

/// The council's slug in the demo.
pub const SLUG: &str = "maidstone";
/// The council's name.
pub const COUNCIL_NAME: &str = "Maidstone Borough Council";
/// The decision's title, as on the page.
pub const TITLE: &str = "Information Strategy 2010 - 13";

/// Resolution 1, as on the page.
pub const RESOLUTION_1: &str = "That the Information Strategy 2010-2013 be approved.";
/// Resolution 2.
pub const RESOLUTION_2: &str = "That it be noted that the Information Strategy 2010-2013 will be updated on an on-going basis as the strategy is more firmly embedded within the service planning process and the Council’s information management needs become more apparent.";
/// Resolution 3.
pub const RESOLUTION_3: &str = "That the change in title of this annual review from the ‘ICT Strategy’ to the ‘Information Strategy’, which reflects the shift in focus for the strategy from hardware and infrastructure to that of information management and business improvement, be noted.";

/// "Purpose".
pub const PURPOSE: &str = "The review of the Council's Information Strategy (formally the ICT Strategy), an annual review of the rolling 3 year program.";

/// "Reasons for the decision".
pub const REASONS: &str = "Citizens want to see better value, more choice and improved response from the Council. The Government wants to see efficient, streamlined services which are designed around the Customer. The Council wants all of this at a lower cost. Technology has a major contribution to make in enabling us to meet these increasing expectations and rise to the challenges, now and in the future. The Information Strategy is therefore a key document that ensures that technology underpins the Council’s priorities and core themes, supports and enables the Council’s efficiency and transformation agenda, and provides a framework for the corporate control and management of its resources.

The Council’s Information Strategy is a rolling three year document, reviewed annually to ensure it remains relevant. In presenting the Strategy for 2010 – 2013 it is important to recognise that the Council’s investment in technology has continued to transform the way in which the Council provides services to citizens, partners, businesses and communities.

This year’s review of the Strategy is set against the national context of a continued drive for greater efficiency and more customer focused services. Using technology to deliver better public services is therefore the key focus of this strategy term, and to achieve this we will:

·  continue to promote and encourage the take-up of our e-services by customers;
·  encourage customers to use communications channels which have a lower transaction cost;
·  engage with managers and service providers to exploit the efficiencies available from existing and new systems;
·  improve business processes through the introduction of technology, and encourage  staff to make modern and efficient ways of working part of “the day job”;
·  enable Members and partners to access the Council’s information and services electronically and encourage their constituents to do the same;
·  exploit the full potential of partnership working and pursue opportunities for ICT to support shared services in Mid Kent, and across Kent.

This will provide real benefits in terms of efficiency and effectiveness. Over the next 12 months the Council will further exploit the opportunities provided by modern technology to improve services through business improvement initiatives.

This Information Strategy represents a major departure from the ‘traditional’ ICT Strategy as it attempts to describe the Council’s use of Information as a strategic tool, rather than just describe how we use technology. As such, the strategy will be further informed and amended as the Council’s understanding of its own information needs mature.";

/// "Alternative options considered".
pub const ALTERNATIVES: &str = "It is inconceivable that the Council should not use technology as a strategic tool with which to develop its role within the community, and meet the aspirations of its stakeholders.";

/// A value of the example that failed validation: only possible if a rule changed under it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExampleError {
    /// A field value.
    #[error(transparent)]
    Value(#[from] ValueError),
}

fn d(year: i32, month: u32, day: u32) -> Result<NaiveDate, ValueError> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or(ValueError::Malformed {
        what: "date",
        detail: "not a calendar date",
    })
}

/// The decision's record, every field as on the page.
pub fn details(
    cabinet: BodyId,
    forward_plan_entry: Option<ForwardPlanEntryId>,
) -> Result<DecisionDetails, ExampleError> {
    let text = LongText::parse;
    let cabinet = BodyRef {
        body_id: cabinet,
        name_as_shown: Name::parse("Cabinet")?,
    };
    let resolution = |label, body| -> Result<Resolution, ValueError> {
        Ok(Resolution {
            label: Some(ResolutionLabel::parse(label)?),
            text: text(body)?,
        })
    };
    Ok(DecisionDetails {
        title: Title::parse(TITLE)?,
        decision_maker: Some(cabinet.clone()),
        status_label: Some(StatusLabel::parse("Recommendations Approved")?),
        outcome: Some(Outcome::Approved),
        key_decision: Some(true),
        subject_to_call_in: Some(true),
        purpose: Some(text(PURPOSE)?),
        resolutions: Resolutions::new(vec![
            resolution("1", RESOLUTION_1)?,
            resolution("2", RESOLUTION_2)?,
            resolution("3", RESOLUTION_3)?,
        ]),
        reasons: Some(text(REASONS)?),
        alternative_options: Some(text(ALTERNATIVES)?),
        reason_key: vec![Name::parse("Policies, Plans, Strategies")?],
        wards_affected: WardsAffected::All,
        committee_details: Some(text("None")?),
        representations_by: Some(d(2010, 5, 21)?),
        other_consulted: Some(text("Email")?),
        consultees: Some(text("Finance, Assistant Directors.")?),
        contact: Some(Contact {
            name: None,
            email: Some(EmailAddress::parse("Paultaylor@maidstone.gov.uk")?),
            phone: Some(PhoneNumber::parse("01622 602068")?),
            as_given: Some(text(
                "Email: Paultaylor@maidstone.gov.uk Tel: 01622 602068.",
            )?),
        }),
        report_author: Some(Name::parse("Paul Taylor")?),
        date_of_decision: d(2010, 6, 9)?,
        decided_by: Some(cabinet),
        interests: Interests::NotStated,
        documents: vec![],
        field_restrictions: vec![],
        forward_plan_entry,
        references: References::default(),
        links: vec![],
        meeting: None,
        lead_member: None,
        lead_officer: None,
        department: None,
        vote: None,
    })
}

/// The ids the example's aggregates get; fresh ones for each demo load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExampleIds {
    /// The Cabinet.
    pub cabinet: BodyId,
    /// The decision.
    pub decision: DecisionId,
    /// The strategy document.
    pub strategy: StrategyDocumentId,
}

impl ExampleIds {
    /// Fresh UUIDv7 ids.
    pub fn new() -> Self {
        Self {
            cabinet: BodyId::new(),
            decision: DecisionId::new(),
            strategy: StrategyDocumentId::new(),
        }
    }
}

impl ExampleIds {
    /// Ids derived from `seed` (the demo council's tenant id): loading the example again into
    /// the same tenant names the same aggregates, so an interrupted load can be resumed.
    pub fn derived_from(seed: uuid::Uuid) -> Self {
        let derive = |k: u128| uuid::Uuid::from_u128(seed.as_u128() ^ k);
        Self {
            cabinet: BodyId::from_uuid(derive(1)),
            decision: DecisionId::from_uuid(derive(2)),
            strategy: StrategyDocumentId::from_uuid(derive(3)),
        }
    }
}

impl Default for ExampleIds {
    fn default() -> Self {
        Self::new()
    }
}

/// Every command of the example's history, in order: the council registered with its Cabinet;
/// the decision recorded, published on Fri 11/06/2010 (call-in until 18/06) and taking effect on
/// Sat 19/06/2010; the "ICT Strategy" renamed "Information Strategy" and its 2010-2013 version
/// approved by the decision; then the council's call-in policy by kind of decision maker
/// (officers' decisions not subject to call-in). Decided "today" = any date from 19/06/2010 on.
pub fn commands(ids: &ExampleIds) -> Result<Vec<Command>, ExampleError> {
    let decision = |command| Command::Decision {
        decision: ids.decision,
        command,
    };
    let strategy = |command| Command::Strategy {
        document: ids.strategy,
        command,
    };
    Ok(vec![
        Command::Council(CouncilCommand::Register {
            slug: Slug::parse(SLUG)?,
            name: Name::parse(COUNCIL_NAME)?,
            kind: CouncilKind::District,
            nation: Nation::England,
        }),
        Command::Council(CouncilCommand::AddBody {
            body: ids.cabinet,
            name: Name::parse("Cabinet")?,
            kind: BodyKind::Cabinet,
        }),
        decision(DecisionCommand::Record {
            details: details(ids.cabinet, None)?.into(),
        }),
        decision(DecisionCommand::Publish {
            publication_date: d(2010, 6, 11)?,
            call_in_deadline: None,
            call_in_deadline_time: None,
            effective_from: None,
            override_reason: None,
        }),
        decision(DecisionCommand::TakeEffect {
            on: d(2010, 6, 19)?,
        }),
        strategy(StrategyCommand::Create {
            title: Title::parse("ICT Strategy")?,
            period: Some(StrategyPeriod::parse(2009, 2012, true)?.into()),
            status: None,
            status_label: None,
        }),
        strategy(StrategyCommand::Rename {
            title: Title::parse("Information Strategy")?,
            on: d(2010, 6, 9)?,
            noted_by: Some(ids.decision),
        }),
        strategy(StrategyCommand::DraftVersion {
            label: VersionLabel::parse("2010-2013")?,
            period: Some(StrategyPeriod::parse(2010, 2013, true)?.into()),
            review_date: Some(d(2010, 6, 9)?),
        }),
        strategy(StrategyCommand::ApproveVersion {
            label: VersionLabel::parse("2010-2013")?,
            decision: ids.decision,
            on: d(2010, 6, 9)?,
        }),
        // Set after the example decision, whose dates stay as published: the same council-wide
        // rule, with officers' delegated decisions not subject to call-in, as many constitutions
        // say.
        Command::Council(CouncilCommand::SetCallInPolicy {
            policy: CallInPolicy::new(
                CallInRule::default(),
                vec![DecisionMakerCallIn {
                    decision_maker: BodyKind::Officer,
                    arrangement: CallInArrangement::NotSubjectToCallIn,
                }],
            )?,
        }),
    ])
}
