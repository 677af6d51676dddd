//! What an import did, for the person who ran it: counts, every problem with its file and
//! record, and warnings counted by kind.

use std::collections::BTreeMap;
use std::fmt;

/// The outcome of one import run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Pages read (whatever became of their records).
    pub pages_read: usize,
    /// Records new to the register, recorded.
    pub imported: usize,
    /// Records the register already held as the page has them.
    pub unchanged: usize,
    /// Records whose page changed since they were imported (or that another page shows with
    /// more or other fields), corrected.
    pub corrected: usize,
    /// Records held already that this page shows too, saying nothing new of the record itself:
    /// the page is noted as one of its sources.
    pub noted: usize,
    /// Records refused (each in `problems`).
    pub refused: usize,
    /// Pages that could not be read at all (each in `problems`).
    pub unreadable: usize,
    /// Bodies and wards added to the council because records named them.
    pub council_additions: usize,
    /// Warnings, by kind (the domain's warnings and values the importer could not type).
    pub warnings: BTreeMap<String, usize>,
    /// Every page or record that did not come in, and why.
    pub problems: Vec<Problem>,
}

/// A page or record that did not come in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file.
    pub file: String,
    /// The record on it (its title, or its place on the page), when the page was read.
    pub record: Option<String>,
    /// Why.
    pub reason: String,
}

impl Report {
    /// Whether everything read came in: no unreadable page, no refused record.
    pub fn complete(&self) -> bool {
        self.problems.is_empty()
    }

    /// Counts one warning of `kind`.
    pub fn warn(&mut self, kind: &str) {
        *self.warnings.entry(kind.to_owned()).or_default() += 1;
    }

    /// Adds another run's counts to this one.
    pub fn absorb(&mut self, other: Report) {
        self.pages_read += other.pages_read;
        self.imported += other.imported;
        self.unchanged += other.unchanged;
        self.corrected += other.corrected;
        self.noted += other.noted;
        self.refused += other.refused;
        self.unreadable += other.unreadable;
        self.council_additions += other.council_additions;
        for (kind, n) in other.warnings {
            *self.warnings.entry(kind).or_default() += n;
        }
        self.problems.extend(other.problems);
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.problems {
            match &problem.record {
                Some(record) => writeln!(f, "{}: {record}: {}", problem.file, problem.reason)?,
                None => writeln!(f, "{}: {}", problem.file, problem.reason)?,
            }
        }
        writeln!(
            f,
            "pages read: {}, unreadable: {}; records imported: {}, unchanged: {}, corrected: {}, also on another page: {}, refused: {}; bodies and wards added: {}",
            self.pages_read,
            self.unreadable,
            self.imported,
            self.unchanged,
            self.corrected,
            self.noted,
            self.refused,
            self.council_additions,
        )?;
        if self.warnings.is_empty() {
            write!(f, "warnings: none")
        } else {
            let kinds: Vec<String> = self
                .warnings
                .iter()
                .map(|(kind, n)| format!("{kind} {n}"))
                .collect();
            write!(f, "warnings: {}", kinds.join(", "))
        }
    }
}
