//! The label table: the words pages put before a value ("Decision status:", a Welsh
//! "Statws y penderfyniad:", a bilingual "Decision status / Statws y penderfyniad:") and the
//! [`Field`] each names. One table for every reader, so a wording learnt once is read
//! everywhere; a reader may re-map what a label names on its kind of page (a forward plan's
//! "Status:" is the entry's, not a meeting's; a decision's page reads the forward-plan labels
//! as plain text).

use crate::page::Field;

/// What a label on a page names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    /// A field of the record.
    Field(Field),
    /// The "Decision details" page heading (the title follows it).
    DecisionHeading,
    /// A forward-plan item's page heading ("Issue details", "Forward plan item"; the title
    /// follows it).
    ForwardPlanHeading,
    /// "Accompanying Documents:" (document links follow it).
    Documents,
    /// A label whose value is read past, not kept: "Originally due:" (a date the entry has
    /// moved from), "Issue - items at meetings" (a list of meetings, not a field). Known, so
    /// its value does not run on as the text of the label before it.
    Ignored,
}

/// Every known label, normalised as [`normalise`] leaves it (lower case, single spaces, no
/// trailing ':' or '?', hyphens as spaces, straight apostrophes).
const TABLE: &[(&str, Label)] = &[
    ("decision details", Label::DecisionHeading),
    ("manylion y penderfyniad", Label::DecisionHeading),
    ("issue details", Label::ForwardPlanHeading),
    ("issue history", Label::ForwardPlanHeading),
    ("forward plan item", Label::ForwardPlanHeading),
    ("key decision details", Label::ForwardPlanHeading),
    ("manylion y mater", Label::ForwardPlanHeading),
    ("originally due", Label::Ignored),
    ("issue items at meetings", Label::Ignored),
    ("items at meetings", Label::Ignored),
    ("accompanying documents", Label::Documents),
    ("supporting documents", Label::Documents),
    ("dogfennau ategol", Label::Documents),
    ("decision maker", Label::Field(Field::DecisionMaker)),
    ("decision makers", Label::Field(Field::DecisionMaker)),
    ("decision maker(s)", Label::Field(Field::DecisionMaker)),
    (
        "gwneuthurwr y penderfyniad",
        Label::Field(Field::DecisionMaker),
    ),
    ("penderfynwr", Label::Field(Field::DecisionMaker)),
    ("decision status", Label::Field(Field::DecisionStatus)),
    ("statws y penderfyniad", Label::Field(Field::DecisionStatus)),
    ("is key decision", Label::Field(Field::KeyDecision)),
    ("key decision", Label::Field(Field::KeyDecision)),
    (
        "a yw'n benderfyniad allweddol",
        Label::Field(Field::KeyDecision),
    ),
    ("penderfyniad allweddol", Label::Field(Field::KeyDecision)),
    (
        "is subject to call in",
        Label::Field(Field::SubjectToCallIn),
    ),
    ("subject to call in", Label::Field(Field::SubjectToCallIn)),
    (
        "a yw'n destun galw i mewn",
        Label::Field(Field::SubjectToCallIn),
    ),
    (
        "yn destun galw i mewn",
        Label::Field(Field::SubjectToCallIn),
    ),
    ("purpose", Label::Field(Field::Purpose)),
    ("diben", Label::Field(Field::Purpose)),
    ("pwrpas", Label::Field(Field::Purpose)),
    ("decision", Label::Field(Field::Decision)),
    ("decisions", Label::Field(Field::Decision)),
    ("penderfyniad", Label::Field(Field::Decision)),
    ("penderfyniadau", Label::Field(Field::Decision)),
    ("reasons for the decision", Label::Field(Field::Reasons)),
    ("reasons for decision", Label::Field(Field::Reasons)),
    ("reason for the decision", Label::Field(Field::Reasons)),
    ("reason for decision", Label::Field(Field::Reasons)),
    ("rhesymau dros y penderfyniad", Label::Field(Field::Reasons)),
    (
        "alternative options considered",
        Label::Field(Field::AlternativeOptions),
    ),
    (
        "alternative options rejected",
        Label::Field(Field::AlternativeOptions),
    ),
    (
        "alternative options",
        Label::Field(Field::AlternativeOptions),
    ),
    (
        "dewisiadau eraill a ystyriwyd",
        Label::Field(Field::AlternativeOptions),
    ),
    (
        "interests and nature of interests declared",
        Label::Field(Field::Interests),
    ),
    ("declarations of interest", Label::Field(Field::Interests)),
    ("declarations of interests", Label::Field(Field::Interests)),
    ("reason key", Label::Field(Field::ReasonKey)),
    ("wards affected", Label::Field(Field::WardsAffected)),
    ("ward affected", Label::Field(Field::WardsAffected)),
    (
        "wardiau yr effeithir arnynt",
        Label::Field(Field::WardsAffected),
    ),
    (
        "details of the committee",
        Label::Field(Field::CommitteeDetails),
    ),
    (
        "representations should be made by",
        Label::Field(Field::RepresentationsBy),
    ),
    (
        "other reasons / organisations consulted",
        Label::Field(Field::OtherConsulted),
    ),
    ("consultees", Label::Field(Field::Consultees)),
    ("contact", Label::Field(Field::Contact)),
    ("cyswllt", Label::Field(Field::Contact)),
    ("report author", Label::Field(Field::ReportAuthor)),
    ("publication date", Label::Field(Field::PublicationDate)),
    ("date published", Label::Field(Field::PublicationDate)),
    ("dyddiad cyhoeddi", Label::Field(Field::PublicationDate)),
    ("date of decision", Label::Field(Field::DateOfDecision)),
    ("decision date", Label::Field(Field::DateOfDecision)),
    ("date made", Label::Field(Field::DateOfDecision)),
    (
        "dyddiad y penderfyniad",
        Label::Field(Field::DateOfDecision),
    ),
    ("decided", Label::Field(Field::DecidedAt)),
    ("decided at meeting", Label::Field(Field::DecidedAt)),
    ("penderfynwyd", Label::Field(Field::DecidedAt)),
    ("effective from", Label::Field(Field::EffectiveFrom)),
    (
        "date decision effective",
        Label::Field(Field::EffectiveFrom),
    ),
    ("yn effeithiol o", Label::Field(Field::EffectiveFrom)),
    ("call in deadline", Label::Field(Field::CallInDeadline)),
    ("call in expiry date", Label::Field(Field::CallInDeadline)),
    ("call ins", Label::Field(Field::CallIns)),
    ("lead member", Label::Field(Field::LeadMember)),
    ("portfolio holder", Label::Field(Field::LeadMember)),
    ("lead officer", Label::Field(Field::LeadOfficer)),
    ("lead director", Label::Field(Field::LeadOfficer)),
    ("department", Label::Field(Field::Department)),
    ("directorate", Label::Field(Field::Department)),
    ("committee", Label::Field(Field::Committee)),
    ("date/time", Label::Field(Field::MeetingDateTime)),
    ("date and time", Label::Field(Field::MeetingDateTime)),
    ("status", Label::Field(Field::MeetingStatus)),
    ("meeting status", Label::Field(Field::MeetingStatus)),
    ("venue", Label::Field(Field::Venue)),
    // Forward-plan items ("Issue details"). Their "Status:" / "Decision status:" are the
    // entry's: the forward-plan reader re-maps them (see `read::forward_plan`).
    ("decision due", Label::Field(Field::DateDue)),
    ("decision due date", Label::Field(Field::DateDue)),
    ("date of decision due", Label::Field(Field::DateDue)),
    ("expected date of decision", Label::Field(Field::DateDue)),
    ("date due", Label::Field(Field::DateDue)),
    (
        "dyddiad disgwyliedig y penderfyniad",
        Label::Field(Field::DateDue),
    ),
    (
        "notice of proposed decision first published",
        Label::Field(Field::NoticePublished),
    ),
    ("first published", Label::Field(Field::NoticePublished)),
    ("date first published", Label::Field(Field::NoticePublished)),
    (
        "date added to forward plan",
        Label::Field(Field::NoticePublished),
    ),
    ("cyhoeddwyd gyntaf", Label::Field(Field::NoticePublished)),
    ("exempt information", Label::Field(Field::ExemptInformation)),
    ("restriction", Label::Field(Field::ExemptInformation)),
    (
        "anticipated restriction",
        Label::Field(Field::ExemptInformation),
    ),
    (
        "is the decision likely to be taken in private",
        Label::Field(Field::ExemptInformation),
    ),
    (
        "gwybodaeth eithriedig",
        Label::Field(Field::ExemptInformation),
    ),
    ("issue description", Label::Field(Field::Description)),
    ("decision to be taken", Label::Field(Field::Description)),
    ("description", Label::Field(Field::Description)),
    ("summary", Label::Field(Field::Description)),
    ("proposed decision", Label::Field(Field::Description)),
    ("disgrifiad", Label::Field(Field::Description)),
    ("reference", Label::Field(Field::Reference)),
    ("forward plan reference", Label::Field(Field::Reference)),
    ("ref", Label::Field(Field::Reference)),
    ("reference number", Label::Field(Field::Reference)),
    ("cyfeirnod", Label::Field(Field::Reference)),
    ("aelod arweiniol", Label::Field(Field::LeadMember)),
    ("swyddog arweiniol", Label::Field(Field::LeadOfficer)),
    ("statws", Label::Field(Field::MeetingStatus)),
];

/// The label `text` is, if it is one. Case, surrounding whitespace (non-breaking spaces
/// included) and trailing ':' / '?' do not matter; a bilingual "English / Welsh" label
/// matches on either half.
pub(crate) fn lookup(text: &str) -> Option<Label> {
    let key = normalise(text);
    if key.is_empty() {
        return None;
    }
    if let Some(label) = find(&key) {
        return Some(label);
    }
    // A bilingual label: "Decision status / Statws y penderfyniad". Each half may keep its own
    // question mark ("Is Key decision? / A yw'n benderfyniad allweddol?").
    key.split('/').map(normalise).find_map(|half| find(&half))
}

fn find(key: &str) -> Option<Label> {
    TABLE
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, label)| *label)
}

/// Lower case, whitespace runs to one space, hyphens to spaces (so "call-in" is "call in"),
/// curly apostrophes straight, and trailing ':' '?' and whitespace trimmed.
pub(crate) fn normalise(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '-' | '\u{2010}' | '\u{2011}' => ' ',
            '\u{2019}' | '\u{2018}' => '\'',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    let folded = mapped.split_whitespace().collect::<Vec<_>>().join(" ");
    folded
        .trim_end_matches(|c: char| c == ':' || c == '?' || c.is_whitespace())
        .to_owned()
}

/// Splits a "Label: value" line at its first colon when what comes before is a known label
/// (or, for a question label shown without its colon, "Is Key decision? Yes", at its first
/// question mark). Returns the label, the label as shown (with its colon or question mark) and
/// the value (trimmed, maybe empty). A line that is a label alone, with or without a colon
/// ("Consultees"), gives an empty value.
pub(crate) fn split_labelled(line: &str) -> Option<(Label, &str, &str)> {
    let line = line.trim();
    // The colon first: a whole-line look-up of "Decision status / Statws y penderfyniad: Yes"
    // would match on its first half and lose the value.
    let split = |sep: char| {
        let at = line.find(sep)?;
        let label = lookup(line.get(..at)?)?;
        let end = at + sep.len_utf8();
        Some((label, line.get(..end)?, line.get(end..)?.trim()))
    };
    split(':')
        .or_else(|| lookup(line).map(|label| (label, line, "")))
        .or_else(|| split('?'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str) -> Option<Field> {
        match lookup(text) {
            Some(Label::Field(f)) => Some(f),
            _ => None,
        }
    }

    #[test]
    fn english_labels_match_whatever_their_case_and_punctuation() {
        assert_eq!(field("Is Key decision?:"), Some(Field::KeyDecision));
        assert_eq!(
            field("Is subject to call in?: "),
            Some(Field::SubjectToCallIn)
        );
        assert_eq!(field("Subject to call-in"), Some(Field::SubjectToCallIn));
        assert_eq!(field("DECISION MAKER(S):"), Some(Field::DecisionMaker));
        assert_eq!(field("Call-in deadline"), Some(Field::CallInDeadline));
        assert_eq!(field("Call in expiry date:"), Some(Field::CallInDeadline));
        assert_eq!(field("Call-ins"), Some(Field::CallIns));
        assert_eq!(field("Portfolio holder:"), Some(Field::LeadMember));
        assert_eq!(
            field("Alternative options rejected:"),
            Some(Field::AlternativeOptions)
        );
        assert_eq!(field("Date made"), Some(Field::DateOfDecision));
        assert_eq!(field("Decided at meeting:"), Some(Field::DecidedAt));
        assert_eq!(
            field("Other reasons / organisations consulted"),
            Some(Field::OtherConsulted)
        );
        assert_eq!(field("Date/Time:"), Some(Field::MeetingDateTime));
        assert_eq!(
            field("Decision\u{a0}status:\u{a0}"),
            Some(Field::DecisionStatus)
        );
    }

    #[test]
    fn welsh_and_bilingual_labels_match() {
        assert_eq!(field("Statws y penderfyniad:"), Some(Field::DecisionStatus));
        assert_eq!(
            field("A yw\u{2019}n benderfyniad allweddol?"),
            Some(Field::KeyDecision)
        );
        assert_eq!(field("Penderfyniad:"), Some(Field::Decision));
        assert_eq!(field("Penderfyniad allweddol?"), Some(Field::KeyDecision));
        assert_eq!(field("Yn effeithiol o:"), Some(Field::EffectiveFrom));
        assert_eq!(
            field("Decision status / Statws y penderfyniad:"),
            Some(Field::DecisionStatus)
        );
        assert_eq!(
            field("Is Key decision? / A yw'n benderfyniad allweddol?:"),
            Some(Field::KeyDecision)
        );
        assert_eq!(
            lookup("Manylion y penderfyniad"),
            Some(Label::DecisionHeading)
        );
        assert_eq!(lookup("Dogfennau ategol:"), Some(Label::Documents));
    }

    #[test]
    fn forward_plan_labels_match() {
        assert_eq!(field("Decision due:"), Some(Field::DateDue));
        assert_eq!(field("Expected date of decision:"), Some(Field::DateDue));
        assert_eq!(
            field("Notice of proposed decision first published:"),
            Some(Field::NoticePublished)
        );
        assert_eq!(
            field("Date added to forward plan:"),
            Some(Field::NoticePublished)
        );
        assert_eq!(
            field("Is the decision likely to be taken in private?"),
            Some(Field::ExemptInformation)
        );
        assert_eq!(
            field("Anticipated restriction:"),
            Some(Field::ExemptInformation)
        );
        assert_eq!(field("Decision to be taken:"), Some(Field::Description));
        assert_eq!(field("Forward plan reference:"), Some(Field::Reference));
        assert_eq!(field("Ref:"), Some(Field::Reference));
        assert_eq!(lookup("Issue details"), Some(Label::ForwardPlanHeading));
        assert_eq!(lookup("Manylion y mater"), Some(Label::ForwardPlanHeading));
        assert_eq!(lookup("Originally due:"), Some(Label::Ignored));
        assert_eq!(lookup("Issue - items at meetings"), Some(Label::Ignored));
        // The table keeps "Status" a meeting's: only the forward-plan reader re-maps it.
        assert_eq!(field("Status:"), Some(Field::MeetingStatus));
        assert_eq!(
            split_labelled("Is the decision likely to be taken in private? Open"),
            Some((
                Label::Field(Field::ExemptInformation),
                "Is the decision likely to be taken in private?",
                "Open"
            ))
        );
    }

    #[test]
    fn unknown_words_are_no_label() {
        assert_eq!(lookup("Contact your Parish Council"), None);
        assert_eq!(lookup(""), None);
        assert_eq!(lookup("::"), None);
        assert_eq!(lookup("/"), None);
    }

    #[test]
    fn a_labelled_line_splits_at_its_first_colon() {
        assert_eq!(
            split_labelled("Contact: Email: a@b.uk Tel: 1."),
            Some((
                Label::Field(Field::Contact),
                "Contact:",
                "Email: a@b.uk Tel: 1."
            ))
        );
        assert_eq!(
            split_labelled("Purpose:"),
            Some((Label::Field(Field::Purpose), "Purpose:", ""))
        );
        assert_eq!(
            split_labelled("Consultees"),
            Some((Label::Field(Field::Consultees), "Consultees", ""))
        );
        assert_eq!(
            split_labelled("Is Key decision? Yes"),
            Some((Label::Field(Field::KeyDecision), "Is Key decision?", "Yes"))
        );
        assert_eq!(split_labelled("Why? Because"), None);
        assert_eq!(
            split_labelled("Decision status / Statws y penderfyniad: Approved"),
            Some((
                Label::Field(Field::DecisionStatus),
                "Decision status / Statws y penderfyniad:",
                "Approved"
            ))
        );
        assert_eq!(split_labelled("Note: something"), None);
        assert_eq!(split_labelled("Email"), None);
    }
}
