//! GraphQL enums mirroring the domain's, converted both ways by async-graphql's `remote`.

use async_graphql::Enum;

/// The order of the decisions list.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[graphql(remote = "civic_projections::DecisionOrder")]
pub enum DecisionOrder {
    /// Newest first (date descending); pages follow by cursor.
    #[default]
    Newest,
    /// Best match of `filter.text` first, then newest first among equals. One page only (up
    /// to 100 with `first`): `after` is refused. Without `filter.text`, newest first. Ranks differ
    /// by backend (PostgreSQL `ts_rank`, SQLite BM25); neither weights the title above other
    /// fields.
    Relevance,
}

/// The legal kind of council.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_domain::council::CouncilKind")]
pub enum CouncilKind {
    /// A shire district (second tier), e.g. Maidstone Borough Council.
    District,
    /// A shire county (first tier).
    County,
    /// A single-tier unitary authority.
    Unitary,
    /// A metropolitan borough.
    MetropolitanBorough,
    /// A London borough.
    LondonBorough,
    /// A parish or town council.
    ParishOrTown,
    /// A combined authority.
    CombinedAuthority,
}

/// The UK nation a council is in: picks its bank holidays and exemption scheme.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_domain::nation::Nation")]
pub enum Nation {
    /// England.
    England,
    /// Wales.
    Wales,
    /// Scotland.
    Scotland,
    /// Northern Ireland.
    NorthernIreland,
}

/// The kind of a decision-making body: whether its decisions are executive (and can be called in).
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_domain::council::BodyKind")]
pub enum BodyKind {
    /// The executive (Cabinet) acting collectively.
    Cabinet,
    /// A committee or sub-committee.
    Committee,
    /// An individual cabinet member (portfolio holder) acting alone.
    CabinetMember,
    /// An officer acting under delegated powers.
    Officer,
    /// The full council meeting.
    FullCouncil,
    /// A directly elected mayor acting alone.
    ElectedMayor,
    /// A joint committee of two or more councils.
    JointCommittee,
}

/// What the call-in period is counted from.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_domain::council::CountedFrom")]
pub enum CountedFrom {
    /// From publication of the decision notice.
    Publication,
    /// From the date of the decision.
    Decision,
}

/// When a decision not called in takes effect.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_domain::council::TakesEffect")]
pub enum TakesEffect {
    /// The calendar day after the last day for call-in.
    DayAfterLastDay,
    /// On the last day for call-in (once its stated time has passed).
    LastDay,
    /// The first working day after the last day for call-in.
    NextWorkingDayAfterLastDay,
}

/// A weekday a stated call-in deadline falls on.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_domain::council::DeadlineWeekday")]
pub enum DeadlineWeekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
}

/// How the last day for call-in is found from the day it is counted from.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallInDeadlineForm {
    /// The n-th working day after.
    WorkingDays,
    /// The n-th calendar day after (the next working day if the offices are shut).
    CalendarDays,
    /// A stated weekday of the following week (the next working day if the offices are shut).
    WeekdayOfFollowingWeek,
}

/// How a call-in request ended.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_projections::views::CallInEndKind")]
pub enum CallInEndKind {
    /// The members withdrew it.
    Withdrawn,
    /// It was ruled invalid.
    RuledInvalid,
    /// Scrutiny reached a result.
    Resolved,
}

/// The canonical meaning of a council's status words.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_domain::council::CanonicalStatus")]
pub enum CanonicalStatus {
    /// The recommendations were approved.
    Approved,
    /// Approved with amendments.
    ApprovedWithAmendments,
    /// Rejected or refused.
    Rejected,
    /// Noted, with nothing to approve.
    Noted,
    /// Awaiting determination.
    ForDetermination,
    /// Deferred.
    Deferred,
    /// Withdrawn.
    Withdrawn,
    /// Called in.
    CalledIn,
}

/// The canonical outcome of a decision.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_domain::decision::Outcome")]
pub enum Outcome {
    /// The recommendations were approved as put.
    Approved,
    /// Approved with amendments.
    ApprovedWithAmendments,
    /// Rejected or refused.
    Rejected,
    /// Noted: a report received with nothing decided.
    Noted,
    /// Awaiting determination.
    ForDetermination,
}

/// Where a decision is in its life.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_domain::decision::DecisionStatus")]
pub enum DecisionStatus {
    /// Taken and recorded, not yet published.
    Made,
    /// Put off before publication.
    Deferred,
    /// Published; in its call-in period or waiting to take effect.
    Published,
    /// Called in by members; suspended.
    CalledIn,
    /// Referred back to the decision maker or to full council.
    AwaitingReconsideration,
    /// In effect.
    Effective,
    /// Carried out.
    Implemented,
    /// Withdrawn before it took effect.
    Withdrawn,
    /// Abandoned: it will not go ahead.
    Abandoned,
    /// A recommendation to full council rather than a decision: it does not take effect on
    /// its own.
    RecommendedToFullCouncil,
}

/// The result of a call-in hearing.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_domain::decision::CallInOutcome")]
pub enum CallInOutcome {
    /// No further action: the decision takes effect.
    NoFurtherAction,
    /// Referred back to the decision maker.
    ReferredBackToDecisionMaker,
    /// Referred to full council.
    ReferredToFullCouncil,
}

/// Exempt or confidential information.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_domain::restriction::RestrictionCategory")]
pub enum RestrictionCategory {
    /// Exempt information: the council may withhold it under a schedule paragraph.
    Exempt,
    /// Confidential information: the council must withhold it.
    Confidential,
}

/// The statute whose paragraphs describe exempt information.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_domain::restriction::ExemptionScheme")]
pub enum ExemptionScheme {
    /// England: LGA 1972 Sch 12A Part 1, paragraphs 1-7.
    #[graphql(name = "SCHEDULE_12A_PART_1")]
    Schedule12APart1,
    /// Wales: LGA 1972 Sch 12A Part 4, paragraphs 12-18.
    #[graphql(name = "SCHEDULE_12A_PART_4")]
    Schedule12APart4,
    /// Scotland: LG (Scotland) Act 1973 Sch 7A, paragraphs 1-15.
    #[graphql(name = "SCHEDULE_7A")]
    Schedule7A,
    /// Northern Ireland: LG Act (NI) 2014 Sch 6, paragraphs 1-7.
    #[graphql(name = "NORTHERN_IRELAND_SCHEDULE_6")]
    NorthernIrelandSchedule6,
    /// Old English records: LGA 1972 Sch 12A before 2006, paragraphs 1-15.
    #[graphql(name = "PRE_2006_SCHEDULE_12A")]
    Pre2006Schedule12A,
}

/// A field of a decision record: what is withheld, or what a correction changed.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_domain::decision::DecisionField")]
pub enum DecisionField {
    /// The title.
    Title,
    /// The decision maker.
    DecisionMaker,
    /// The status in the council's words.
    StatusLabel,
    /// The canonical outcome.
    Outcome,
    /// "Is Key decision?".
    KeyDecision,
    /// "Is subject to call in?".
    SubjectToCallIn,
    /// "Purpose".
    Purpose,
    /// The resolutions.
    Resolutions,
    /// "Reasons for the decision".
    Reasons,
    /// "Alternative options considered".
    AlternativeOptions,
    /// "Reason Key".
    ReasonKey,
    /// "Wards Affected".
    WardsAffected,
    /// "Details of the Committee".
    CommitteeDetails,
    /// "Representations should be made by".
    RepresentationsBy,
    /// "Other reasons / organisations consulted".
    OtherConsulted,
    /// "Consultees".
    Consultees,
    /// "Contact".
    Contact,
    /// "Report author".
    ReportAuthor,
    /// "Date of decision".
    DateOfDecision,
    /// "Decided: date - body".
    DecidedBy,
    /// Declared interests.
    Interests,
    /// Accompanying documents.
    Documents,
    /// The withheld-field list itself.
    FieldRestrictions,
    /// The forward-plan entry.
    ForwardPlanEntry,
    /// The council's and the source's references.
    References,
    /// Related decisions.
    Links,
    /// The meeting where it was taken.
    Meeting,
    /// "Lead member".
    LeadMember,
    /// "Lead officer".
    LeadOfficer,
    /// "Department".
    Department,
    /// The vote.
    Vote,
}

/// Where a forward-plan entry is in its life.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_projections::views::ForwardPlanStatusView")]
pub enum ForwardPlanStatus {
    /// On the plan, awaiting decision ("for determination").
    Planned,
    /// On hold, still awaiting decision.
    OnHold,
    /// Deferred to a later date, still awaiting decision.
    Deferred,
    /// Decided (the decision linked once it is entered).
    Decided,
    /// Implemented.
    Implemented,
    /// Taken off the plan.
    Withdrawn,
    /// Will not be decided.
    Abandoned,
}

/// The standing of a strategy version.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_projections::views::VersionStatusView")]
pub enum VersionStatus {
    /// Drafted, not yet approved.
    Draft,
    /// The approved version in force.
    Approved,
    /// Replaced by a later approved version.
    Superseded,
}

/// How a decision relates to a strategy version.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_projections::views::VersionRoleView")]
pub enum VersionDecisionRole {
    /// The decision approved the version.
    Approved,
    /// The decision noted it.
    Noted,
}

/// How much of a planned matter is expected to be taken in private.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_projections::views::AnticipatedRestrictionKind")]
pub enum AnticipatedRestrictionKind {
    /// Open to the public.
    Open,
    /// Part of it exempt.
    PartExempt,
    /// All of it exempt.
    FullyExempt,
}

/// Which wards a decision affects.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum WardsAffectedKind {
    /// "(All Wards)".
    All,
    /// The wards listed in `wardIds`.
    Listed,
    /// The source left the field blank.
    NotStated,
}

/// Which wards a planned decision concerns.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlannedWardsKind {
    /// All wards.
    All,
    /// The wards listed in `wardIds`.
    Listed,
}

/// How notice of the decision was given.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "NoticeKind")]
pub enum NoticeKindName {
    /// Published on the forward plan with the usual notice.
    Standard,
    /// General exception: 28 days impracticable; at least 5 clear days, with a reason.
    GeneralException,
    /// Special urgency: agreed by the chair of scrutiny; no minimum notice.
    SpecialUrgency,
}

/// How a record relates to another decision of the council.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_domain::decision::DecisionRelation")]
pub enum DecisionRelation {
    /// This decision reconsiders the other (e.g. after a call-in referred it back).
    Reconsiders,
    /// This decision replaces (supersedes or rescinds) the other.
    Replaces,
    /// This decision amends the other.
    Amends,
    /// This record is the scrutiny hearing of the other's call-in.
    CallInHearingOf,
    /// This decision (of full council) decides on the other's recommendation.
    DecidesRecommendationOf,
}

/// How a member voted.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_domain::decision::VoteCast")]
pub enum VoteCast {
    /// For the motion.
    For,
    /// Against it.
    Against,
    /// Abstained.
    Abstained,
    /// Present but did not vote.
    DidNotVote,
}

/// What a record says about declarations of interest.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum InterestsStatement {
    /// The record says nothing about interests.
    NotStated,
    /// The record says none were declared ("None").
    NoneDeclared,
    /// Interests were declared (listed in `interests`).
    Declared,
}

/// Where a meeting stands, as its page says.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_domain::meeting::MeetingStatus")]
pub enum MeetingStatus {
    /// Arranged, not yet held.
    Scheduled,
    /// It took place.
    Held,
    /// It will not take place.
    Cancelled,
    /// Moved to a later date not given on this record.
    Postponed,
}

impl From<civic_projections::views::MeetingStatusView> for MeetingStatus {
    fn from(status: civic_projections::views::MeetingStatusView) -> Self {
        use civic_projections::views::MeetingStatusView as View;
        match status {
            View::Scheduled => MeetingStatus::Scheduled,
            View::Held => MeetingStatus::Held,
            View::Cancelled => MeetingStatus::Cancelled,
            View::Postponed => MeetingStatus::Postponed,
        }
    }
}

/// How a plan states when a decision is due.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateDueKind {
    /// A day, e.g. "30 June 2026".
    Day,
    /// Some time in a month, e.g. "July 2026".
    Month,
    /// Not before a day, e.g. "Not before 1 September 2026".
    NotBefore,
    /// The plan says the date is not yet known ("to be confirmed").
    NotKnown,
}

/// The standing of a strategy as registers word it.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "civic_domain::strategy::StrategyStatus")]
pub enum StrategyStatus {
    /// Being drafted.
    Draft,
    /// Out for public consultation.
    ForConsultation,
    /// Recommended for adoption (e.g. by cabinet to full council).
    RecommendedForAdoption,
    /// Adopted: in force.
    Adopted,
    /// Paused.
    Paused,
    /// Replaced by another strategy.
    Superseded,
    /// Withdrawn.
    Withdrawn,
}

/// How a strategy's span is counted.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrategySpanKind {
    /// Calendar years, e.g. 2010-2013.
    Years,
    /// Financial years (April to March), e.g. 2024/25 to 2026/27.
    FinancialYears,
}
