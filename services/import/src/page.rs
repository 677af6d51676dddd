//! What a council's page holds, as read and before any of it is judged: the records on it, each
//! a list of labelled fields with the text exactly as the page gave it. Turning this into
//! commands (typing dates, finding bodies and wards) is [`crate::plan`]'s work; reading markup
//! into it is [`crate::read`]'s.

use serde::Serialize;

/// The kinds of page the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum PageKind {
    /// ModernGov `ieDecisionDetails.aspx`, or its text rendering: one decision.
    DecisionDetails,
    /// ModernGov `mgDelegatedDecisions.aspx` / `mgListOfficerDecisions.aspx`: several decisions,
    /// a row each.
    DecisionList,
    /// CMIS meeting summary (`ViewMeetingPublic`): one meeting.
    CmisMeeting,
    /// CMIS meeting list view (`MeetingCalendarListView`): several meetings, a row each.
    CmisMeetingList,
    /// A ModernGov forward-plan item or issue (`mgIssueHistoryHome.aspx`, "Issue details"), or
    /// its text rendering: one forward-plan entry.
    ForwardPlanItem,
    /// A ModernGov forward plan (`mgListPlanItems.aspx`): several entries.
    ForwardPlanList,
}

impl PageKind {
    /// The kind in plain words, for reports.
    pub fn words(self) -> &'static str {
        match self {
            PageKind::DecisionDetails => "decision details",
            PageKind::DecisionList => "decision list",
            PageKind::CmisMeeting => "CMIS meeting",
            PageKind::CmisMeetingList => "CMIS meeting list",
            PageKind::ForwardPlanItem => "forward-plan item",
            PageKind::ForwardPlanList => "forward plan",
        }
    }
}

/// One page, read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Page {
    /// What kind of page it is.
    pub kind: PageKind,
    /// The page's own address, when the saved page says it (a canonical link, a browser's
    /// "saved from url" comment, a form action).
    pub url: Option<String>,
    /// The records on the page, in page order. Never empty: a page with none is a [`ReadError`].
    pub records: Vec<RawRecord>,
}

/// What kind of record a [`RawRecord`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum RecordKind {
    /// A decision.
    Decision,
    /// A meeting.
    Meeting,
    /// A forward-plan entry (an issue of the forward plan).
    ForwardPlanEntry,
}

/// One record on a page: its fields as labelled there, its links and its documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RawRecord {
    /// What it is.
    pub kind: RecordKind,
    /// The record's id in the publishing system (a ModernGov decision `ID=`, a CMIS meeting id),
    /// when the page shows it.
    pub system_id: Option<String>,
    /// The record's own page, when the page links to it (a list row's link) or is it.
    pub url: Option<String>,
    /// The fields, in page order. A field the page does not show is absent, never empty.
    pub fields: Vec<RawField>,
    /// Accompanying documents, in page order.
    pub documents: Vec<RawDocument>,
    /// Links to other records of the same system.
    pub links: Vec<RawLink>,
}

impl RawRecord {
    /// The text of `field`, if the record has it (the first, if the page repeats it).
    pub fn get(&self, field: Field) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.text.as_str())
    }
}

/// A field as the page gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RawField {
    /// Which field it is.
    pub field: Field,
    /// The label exactly as shown, e.g. "Is Key decision?:" or a Welsh "Dyddiad y penderfyniad:".
    pub label: String,
    /// The value as text: whitespace runs (non-breaking spaces included) folded to one space
    /// within a line, paragraphs separated by one blank line, trimmed. Never empty.
    pub text: String,
}

/// The fields the importer knows, whatever language or wording the page labels them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Field {
    /// The record's title (a page heading or a list row's link text).
    Title,
    /// "Decision Maker:".
    DecisionMaker,
    /// "Decision status:".
    DecisionStatus,
    /// "Is Key decision?:".
    KeyDecision,
    /// "Is subject to call in?:".
    SubjectToCallIn,
    /// "Purpose:".
    Purpose,
    /// "Decision:" (the resolutions).
    Decision,
    /// "Reasons for the decision:".
    Reasons,
    /// "Alternative options considered:".
    AlternativeOptions,
    /// "Interests and Nature of Interests Declared:" and the like.
    Interests,
    /// "Reason Key:".
    ReasonKey,
    /// "Wards Affected:".
    WardsAffected,
    /// "Details of the Committee:".
    CommitteeDetails,
    /// "Representations should be made by:".
    RepresentationsBy,
    /// "Other reasons / organisations consulted".
    OtherConsulted,
    /// "Consultees".
    Consultees,
    /// "Contact:".
    Contact,
    /// "Report author:".
    ReportAuthor,
    /// "Publication date:".
    PublicationDate,
    /// "Date of decision:" (a list's "Date" column).
    DateOfDecision,
    /// "Decided:" / "Decided at meeting:": "dd/mm/yyyy - Body".
    DecidedAt,
    /// "Effective from:".
    EffectiveFrom,
    /// "Call-in deadline:" / "Call-in expiry date:".
    CallInDeadline,
    /// A list's "Call-ins" column ("Not for call-in", "0", "Called in").
    CallIns,
    /// "Lead member:" / "Portfolio holder:".
    LeadMember,
    /// "Lead officer:" / "Lead director:".
    LeadOfficer,
    /// "Department:" / "Directorate:".
    Department,
    /// A meeting's "Committee:".
    Committee,
    /// A meeting's "Date/Time:" ("3 Aug 2026 - 10:00").
    MeetingDateTime,
    /// A meeting's "Status:".
    MeetingStatus,
    /// A meeting's "Venue:".
    Venue,
    /// A forward-plan entry's "Decision due:" ("30 Jun 2026", "July 2026", "Not before 1 Sep
    /// 2026", "Not known").
    DateDue,
    /// "Notice of proposed decision first published:" / "First published:".
    NoticePublished,
    /// "Exempt information:" / "Restriction:": whether and why the decision will be taken in
    /// private.
    ExemptInformation,
    /// The matter's description: "Issue description:", "Decision to be taken:", "Summary:".
    Description,
    /// A forward-plan entry's "Status:" / "Decision status:" ("For determination", "Deferred").
    EntryStatus,
    /// The council's reference for the entry: "Reference:", "Forward plan reference:".
    Reference,
}

impl Field {
    /// The field in plain words, for reports and correction reasons.
    pub fn words(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::DecisionMaker => "decision maker",
            Field::DecisionStatus => "decision status",
            Field::KeyDecision => "key decision",
            Field::SubjectToCallIn => "subject to call-in",
            Field::Purpose => "purpose",
            Field::Decision => "decision",
            Field::Reasons => "reasons",
            Field::AlternativeOptions => "alternative options",
            Field::Interests => "interests",
            Field::ReasonKey => "reason key",
            Field::WardsAffected => "wards affected",
            Field::CommitteeDetails => "details of the committee",
            Field::RepresentationsBy => "representations by",
            Field::OtherConsulted => "other consulted",
            Field::Consultees => "consultees",
            Field::Contact => "contact",
            Field::ReportAuthor => "report author",
            Field::PublicationDate => "publication date",
            Field::DateOfDecision => "date of decision",
            Field::DecidedAt => "decided at",
            Field::EffectiveFrom => "effective from",
            Field::CallInDeadline => "call-in deadline",
            Field::CallIns => "call-ins",
            Field::LeadMember => "lead member",
            Field::LeadOfficer => "lead officer",
            Field::Department => "department",
            Field::Committee => "committee",
            Field::MeetingDateTime => "date and time",
            Field::MeetingStatus => "meeting status",
            Field::Venue => "venue",
            Field::DateDue => "date due",
            Field::NoticePublished => "notice first published",
            Field::ExemptInformation => "exempt information",
            Field::Description => "description",
            Field::EntryStatus => "entry status",
            Field::Reference => "reference",
        }
    }
}

/// An accompanying document as linked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RawDocument {
    /// The link text without its file-size note ("PDF 119 KB", "(156Kb)").
    pub title: String,
    /// The link's target as written (may be relative).
    pub href: Option<String>,
}

/// A link from a record to another record of the same system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RawLink {
    /// What the link leads to.
    pub kind: LinkKind,
    /// The other record's id in the system (`IId=`, `MId=`/`MID=`).
    pub system_id: String,
    /// The link's target as written.
    pub href: String,
}

/// What a [`RawLink`] leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum LinkKind {
    /// The issue the decision belongs to (`mgIssueHistoryHome.aspx?IId=`).
    Issue,
    /// The meeting where it was decided (`ieListDocuments.aspx?MId=`).
    Meeting,
}

/// Why a page could not be read. Nothing from it is imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// The bytes are not UTF-8 or Windows-1252 text.
    #[error("not a text or HTML page")]
    NotText,
    /// Neither a kind of page the importer reads nor one it recognises.
    #[error(
        "not a page the importer reads (decision details, decision lists, forward-plan items and \
         lists, CMIS meetings)"
    )]
    UnknownKind,
    /// A kind it recognises but cannot import from, and why (a month calendar with no year, a
    /// documents tab with no meeting).
    #[error("{kind} page cannot be imported: {why}")]
    Unsupported {
        /// The kind in words.
        kind: &'static str,
        /// Why.
        why: &'static str,
    },
    /// A page of a known kind that holds no record.
    #[error("a {} page with no record on it", .0.words())]
    NoRecords(PageKind),
}
