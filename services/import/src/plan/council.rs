//! The council's bodies and wards as a page names them: found by name (current or former,
//! ignoring case, spacing and a trailing full stop), or added with an id derived from the name
//! so every import adds the same one.

use civic_domain::council::BodyKind;
use civic_domain::values::{BodyId, Name, WardId};
use civic_domain::{Council, CouncilCommand};

use crate::ids::Ids;

/// A name folded for matching: "Cabinet." and "cabinet" are the same body.
pub fn fold(name: &str) -> String {
    name.trim()
        .trim_end_matches(['.', ';', ','])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A name as shown, without the trailing punctuation pages add ("Cabinet." is "Cabinet").
pub fn shown(name: &str) -> &str {
    name.trim().trim_end_matches(['.', ';', ',']).trim_end()
}

/// The council as the importer sees it: what it holds, plus what this record needs added.
#[derive(Debug)]
pub struct CouncilNames<'a> {
    council: &'a Council,
    ids: Ids,
    /// Council commands to run before the record's own: bodies and wards it names that the
    /// council does not list yet.
    pub additions: Vec<Addition>,
}

/// A body or ward to add, with the command id that makes adding it idempotent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addition {
    /// The command.
    pub command: CouncilCommand,
    /// Its id.
    pub command_id: uuid::Uuid,
}

impl<'a> CouncilNames<'a> {
    /// Names within `council`, deriving new ids with `ids`.
    pub fn new(council: &'a Council, ids: Ids) -> Self {
        Self {
            council,
            ids,
            additions: Vec::new(),
        }
    }

    /// The body called `name`, added (as the kind its name suggests) if the council has none.
    pub fn body(&mut self, name: &Name) -> BodyId {
        let key = fold(name.as_str());
        let listed = self.council.bodies().iter().find(|b| {
            fold(b.name.as_str()) == key || b.former_names.iter().any(|n| fold(n.as_str()) == key)
        });
        if let Some(body) = listed {
            return body.id;
        }
        let body = self.ids.body(&key);
        if !self.adds(|c| matches!(c, CouncilCommand::AddBody { body: b, .. } if *b == body)) {
            self.additions.push(Addition {
                command: CouncilCommand::AddBody {
                    body,
                    name: name.clone(),
                    kind: kind_from_name(&key),
                },
                command_id: self.ids.council_command("body", &key),
            });
        }
        body
    }

    /// The ward called `name`, added if the council has none.
    pub fn ward(&mut self, name: &Name) -> WardId {
        let key = fold(name.as_str());
        let listed = self.council.wards().iter().find(|w| {
            fold(w.name.as_str()) == key || w.former_names.iter().any(|n| fold(n.as_str()) == key)
        });
        if let Some(ward) = listed {
            return ward.id;
        }
        let ward = self.ids.ward(&key);
        if !self.adds(|c| matches!(c, CouncilCommand::AddWard { ward: w, .. } if *w == ward)) {
            self.additions.push(Addition {
                command: CouncilCommand::AddWard {
                    ward,
                    name: name.clone(),
                },
                command_id: self.ids.council_command("ward", &key),
            });
        }
        ward
    }

    /// The council's own name, to tell "Council" meaning full council.
    pub fn council(&self) -> &Council {
        self.council
    }

    fn adds(&self, is: impl Fn(&CouncilCommand) -> bool) -> bool {
        self.additions.iter().any(|a| is(&a.command))
    }
}

/// The kind of body a name suggests. Councils name bodies freely, so this only guesses what the
/// words say; a clerk can correct the body's kind later without touching its decisions.
pub fn kind_from_name(folded: &str) -> BodyKind {
    let has = |word: &str| folded.contains(word);
    if has("joint") {
        BodyKind::JointCommittee
    } else if has("mayor") && !has("committee") {
        BodyKind::ElectedMayor
    } else if has("portfolio")
        || has("cabinet member")
        || has("executive member")
        || has("lead member")
    {
        BodyKind::CabinetMember
    } else if has("cabinet") || folded == "executive" || has("executive board") {
        BodyKind::Cabinet
    } else if folded == "council"
        || has("full council")
        || has("county council") && !has("committee")
    {
        BodyKind::FullCouncil
    } else if has("committee") || has("panel") || has("board") || has("forum") || has("group") {
        BodyKind::Committee
    } else if has("director") || has("officer") || has("head of") || has("manager") || has("chief")
    {
        BodyKind::Officer
    } else {
        BodyKind::Committee
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_away_case_spacing_and_a_trailing_full_stop() {
        assert_eq!(fold(" Cabinet. "), "cabinet");
        assert_eq!(fold("Policy  Committee"), "policy committee");
        assert_eq!(shown("Cabinet."), "Cabinet");
    }

    #[test]
    fn a_body_kind_is_guessed_from_its_name() {
        assert_eq!(kind_from_name("cabinet"), BodyKind::Cabinet);
        assert_eq!(kind_from_name("policy committee"), BodyKind::Committee);
        assert_eq!(
            kind_from_name("cabinet member for finance"),
            BodyKind::CabinetMember
        );
        assert_eq!(
            kind_from_name("strategic director - children and families"),
            BodyKind::Officer
        );
        assert_eq!(kind_from_name("council"), BodyKind::FullCouncil);
        assert_eq!(
            kind_from_name("joint waste committee"),
            BodyKind::JointCommittee
        );
    }
}
