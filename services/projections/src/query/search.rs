//! The register's search language, parsed once at the edge into a [`SearchQuery`] and written
//! out for each backend's full-text index.
//!
//! - `planning highways`: every term must match.
//! - `"call in"`: a phrase, its words adjacent and in order.
//! - `parking OR highways`: either term; `OR` (capitals) binds tighter than the implicit AND, so
//!   `school parking OR highways` is school AND (parking OR highways).
//! - `highw*`: a word beginning so (on the last word of a phrase, `"road safe"*`, too).
//! - `-parking`: no decision that has the term.
//!
//! Words are runs of letters and digits; other characters separate them, and a bare term with
//! punctuation inside (`e-mail`, `2010/11`) is the phrase of its words. Both backends stem English
//! words (PostgreSQL's `english` configuration, SQLite's `porter` tokenizer), so `decisions`
//! finds `decision`. PostgreSQL also ignores English stop words (`the`, `of`, `or`...), which
//! SQLite indexes and matches like any other word. A prefix meets the stemmed words, on both:
//! `equip*` finds "equipment" (indexed as `equip`), `equipm*` does not.
//!
//! The query text for the database is written from the parsed words only, which hold nothing but
//! letters and digits: user text never reaches either query syntax as it was typed.

use thiserror::Error;

/// Why search text was refused. Each is the searcher's to fix: the edge shows the message as a
/// bad-input error (GraphQL `BAD_USER_INPUT`, a 400 page).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SearchSyntaxError {
    /// A `"` opens a phrase that no `"` closes.
    #[error("a quoted phrase is not closed: add the closing \" or remove the opening one")]
    UnclosedQuote,
    /// `""`, or a phrase of punctuation only.
    #[error("a quoted phrase has no words in it")]
    EmptyPhrase,
    /// `OR` at the start or end, or twice in a row, so one side has no term.
    #[error("OR needs a term on each side, as in: parking OR highways")]
    LoneOr,
    /// `-word OR other`: an excluded term cannot be an alternative.
    #[error("an excluded term (-word) cannot be joined with OR")]
    ExcludedInOr,
    /// Only excluded terms: there is nothing to find.
    #[error("a search needs at least one word to find, not only excluded ones (-word)")]
    NothingToFind,
}

/// A term: one word, or a phrase of adjacent words; the last word may be a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    words: Vec<String>,
    prefix: bool,
}

/// One condition of a query: every clause must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// At least one of these terms (one term, or several joined by OR).
    AnyOf(Vec<Term>),
    /// Not this term.
    Not(Term),
}

/// A parsed search: at least one clause that finds something, then any exclusions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    clauses: Vec<Clause>,
}

/// What the lexer reads: a term (perhaps excluded) or the OR operator.
#[derive(Debug)]
enum Token {
    Term { term: Term, excluded: bool },
    Or,
}

impl SearchQuery {
    /// Parses search text; `Ok(None)` when it has no words (blank, punctuation only), which is no
    /// condition at all.
    pub fn parse(text: &str) -> Result<Option<Self>, SearchSyntaxError> {
        let tokens = lex(text)?;
        let mut clauses = Vec::new();
        let mut alternatives: Vec<Term> = Vec::new();
        let mut after_or = false;
        for token in tokens {
            match token {
                Token::Or => {
                    if alternatives.is_empty() || after_or {
                        return Err(if after_or || clauses.is_empty() {
                            SearchSyntaxError::LoneOr
                        } else {
                            SearchSyntaxError::ExcludedInOr
                        });
                    }
                    after_or = true;
                }
                Token::Term { term, excluded } => {
                    if excluded {
                        if after_or {
                            return Err(SearchSyntaxError::ExcludedInOr);
                        }
                        flush(&mut clauses, &mut alternatives);
                        clauses.push(Clause::Not(term));
                    } else {
                        if !after_or {
                            flush(&mut clauses, &mut alternatives);
                        }
                        alternatives.push(term);
                        after_or = false;
                    }
                }
            }
        }
        if after_or {
            return Err(SearchSyntaxError::LoneOr);
        }
        flush(&mut clauses, &mut alternatives);
        if clauses.is_empty() {
            return Ok(None);
        }
        if !clauses.iter().any(|c| matches!(c, Clause::AnyOf(_))) {
            return Err(SearchSyntaxError::NothingToFind);
        }
        Ok(Some(Self { clauses }))
    }

    /// The clauses, each of which must hold.
    pub fn clauses(&self) -> &[Clause] {
        &self.clauses
    }

    /// The query as PostgreSQL `to_tsquery('english', …)` text: `&` between clauses, `|`
    /// between alternatives, `<->` within a phrase, `:*` on a prefix, `!` before an exclusion.
    pub(crate) fn to_tsquery(&self) -> String {
        let clause = |clause: &Clause| match clause {
            Clause::AnyOf(terms) => {
                let terms: Vec<String> = terms.iter().map(Term::to_tsquery).collect();
                format!("( {} )", terms.join(" | "))
            }
            Clause::Not(term) => format!("!( {} )", term.to_tsquery()),
        };
        let clauses: Vec<String> = self.clauses.iter().map(clause).collect();
        clauses.join(" & ")
    }

    /// The query as an SQLite FTS5 `MATCH` expression: the terms to find joined by `AND` (and
    /// `OR`), then `NOT` the exclusions (FTS5's `NOT` is binary, so they follow what is found).
    pub(crate) fn to_fts5(&self) -> String {
        let mut found = Vec::new();
        let mut excluded = Vec::new();
        for clause in &self.clauses {
            match clause {
                Clause::AnyOf(terms) => {
                    let terms: Vec<String> = terms.iter().map(Term::to_fts5).collect();
                    found.push(format!("({})", terms.join(" OR ")));
                }
                Clause::Not(term) => excluded.push(term.to_fts5()),
            }
        }
        let found = format!("({})", found.join(" AND "));
        if excluded.is_empty() {
            found
        } else {
            format!("{found} NOT ({})", excluded.join(" OR "))
        }
    }
}

impl Term {
    /// A term of `words`, none empty, each of letters and digits only.
    fn new(words: Vec<String>, prefix: bool) -> Option<Self> {
        (!words.is_empty()).then_some(Self { words, prefix })
    }

    /// The words in order.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Whether the last word is a prefix.
    pub fn is_prefix(&self) -> bool {
        self.prefix
    }

    fn to_tsquery(&self) -> String {
        let last = self.words.len() - 1;
        let words: Vec<String> = self
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let star = if self.prefix && i == last { ":*" } else { "" };
                format!("'{w}'{star}")
            })
            .collect();
        words.join(" <-> ")
    }

    fn to_fts5(&self) -> String {
        let star = if self.prefix { "*" } else { "" };
        format!("\"{}\"{star}", self.words.join(" "))
    }
}

/// Moves the alternatives gathered so far into one clause.
fn flush(clauses: &mut Vec<Clause>, alternatives: &mut Vec<Term>) {
    if !alternatives.is_empty() {
        clauses.push(Clause::AnyOf(std::mem::take(alternatives)));
    }
}

/// The text a full-text index is given: each part's letters-and-digits runs, separated by one
/// space, the parts by a line break. Both backends then see the words this language sees
/// (PostgreSQL's parser would otherwise read `CAB/2010/045` as one path token and `e-mail` as a
/// compound, which no query of words could match the same way as SQLite's tokenizer).
pub(crate) fn index_text(parts: &[&str]) -> String {
    let mut text = String::new();
    for part in parts {
        let mut words = part
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty());
        let Some(first) = words.next() else {
            continue;
        };
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(first);
        for word in words {
            text.push(' ');
            text.push_str(word);
        }
    }
    text
}

/// The letters-and-digits runs of `text`, lower-cased.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn lex(text: &str) -> Result<Vec<Token>, SearchSyntaxError> {
    let mut tokens = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        let Some(first) = rest.chars().next() else {
            return Ok(tokens);
        };
        let (excluded, body) = match rest.strip_prefix('-') {
            Some(body) if body.starts_with('"') => (true, body),
            _ => (false, rest),
        };
        if let Some(inside) = body.strip_prefix('"') {
            let close = inside.find('"').ok_or(SearchSyntaxError::UnclosedQuote)?;
            let after = &inside[close + 1..];
            let prefix = after.starts_with('*');
            rest = after.trim_start_matches('*');
            let term = Term::new(words_of(&inside[..close]), prefix)
                .ok_or(SearchSyntaxError::EmptyPhrase)?;
            tokens.push(Token::Term { term, excluded });
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '"')
            .unwrap_or(rest.len());
        let (bare, after) = rest.split_at(end);
        rest = after;
        if bare == "OR" {
            tokens.push(Token::Or);
            continue;
        }
        let excluded = first == '-';
        let bare = bare.trim_start_matches('-');
        let prefix = bare.ends_with('*');
        // A bare term of punctuation only is not a term: it separates, like a space.
        if let Some(term) = Term::new(words_of(bare.trim_end_matches('*')), prefix) {
            tokens.push(Token::Term { term, excluded });
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn parse(text: &str) -> SearchQuery {
        SearchQuery::parse(text).unwrap().unwrap()
    }

    fn term(words: &[&str], prefix: bool) -> Term {
        Term::new(words.iter().map(|w| (*w).to_owned()).collect(), prefix).unwrap()
    }

    #[test]
    fn words_must_all_match_and_are_lower_cased() {
        let query = parse("  Information   STRATEGY ");
        assert_eq!(
            query.clauses(),
            [
                Clause::AnyOf(vec![term(&["information"], false)]),
                Clause::AnyOf(vec![term(&["strategy"], false)]),
            ]
        );
        assert_eq!(query.to_tsquery(), "( 'information' ) & ( 'strategy' )");
        assert_eq!(query.to_fts5(), "((\"information\") AND (\"strategy\"))");
    }

    #[test]
    fn a_quoted_phrase_is_one_term_of_adjacent_words() {
        let query = parse("\"call in\" deadline");
        assert_eq!(
            query.clauses()[0],
            Clause::AnyOf(vec![term(&["call", "in"], false)])
        );
        assert_eq!(query.to_tsquery(), "( 'call' <-> 'in' ) & ( 'deadline' )");
        assert_eq!(query.to_fts5(), "((\"call in\") AND (\"deadline\"))");
    }

    #[test]
    fn or_joins_the_terms_on_either_side_and_binds_tighter_than_and() {
        let query = parse("school parking OR \"road safety\" OR highw*");
        assert_eq!(
            query.clauses(),
            [
                Clause::AnyOf(vec![term(&["school"], false)]),
                Clause::AnyOf(vec![
                    term(&["parking"], false),
                    term(&["road", "safety"], false),
                    term(&["highw"], true),
                ]),
            ]
        );
        assert_eq!(
            query.to_tsquery(),
            "( 'school' ) & ( 'parking' | 'road' <-> 'safety' | 'highw':* )"
        );
        assert_eq!(
            query.to_fts5(),
            "((\"school\") AND (\"parking\" OR \"road safety\" OR \"highw\"*))"
        );
    }

    #[test]
    fn a_trailing_star_makes_the_last_word_a_prefix() {
        assert_eq!(
            parse("highw*").clauses(),
            [Clause::AnyOf(vec![term(&["highw"], true)])]
        );
        let phrase = parse("\"road saf\"*");
        assert_eq!(phrase.to_tsquery(), "( 'road' <-> 'saf':* )");
        assert_eq!(phrase.to_fts5(), "((\"road saf\"*))");
    }

    #[test]
    fn a_minus_excludes_a_word_or_phrase() {
        let query = parse("parking -\"car park\" -charges");
        assert_eq!(
            query.clauses(),
            [
                Clause::AnyOf(vec![term(&["parking"], false)]),
                Clause::Not(term(&["car", "park"], false)),
                Clause::Not(term(&["charges"], false)),
            ]
        );
        assert_eq!(
            query.to_tsquery(),
            "( 'parking' ) & !( 'car' <-> 'park' ) & !( 'charges' )"
        );
        assert_eq!(
            query.to_fts5(),
            "((\"parking\")) NOT (\"car park\" OR \"charges\")"
        );
    }

    #[test]
    fn punctuation_inside_a_bare_term_makes_a_phrase_of_its_words() {
        assert_eq!(
            parse("e-mail 2010/11").clauses(),
            [
                Clause::AnyOf(vec![term(&["e", "mail"], false)]),
                Clause::AnyOf(vec![term(&["2010", "11"], false)]),
            ]
        );
    }

    #[test]
    fn lower_case_or_is_an_ordinary_word() {
        assert_eq!(
            parse("park or ride").clauses(),
            [
                Clause::AnyOf(vec![term(&["park"], false)]),
                Clause::AnyOf(vec![term(&["or"], false)]),
                Clause::AnyOf(vec![term(&["ride"], false)]),
            ]
        );
    }

    #[test]
    fn text_without_words_is_no_query() {
        for blank in ["", "   ", " -*- ", "&& || ::", "*", "-"] {
            assert_eq!(SearchQuery::parse(blank), Ok(None), "{blank:?}");
        }
    }

    #[test]
    fn bad_syntax_is_refused_with_its_reason() {
        let cases = [
            ("\"call in", SearchSyntaxError::UnclosedQuote),
            ("parking \"", SearchSyntaxError::UnclosedQuote),
            ("\"\" parking", SearchSyntaxError::EmptyPhrase),
            ("\" .. \"", SearchSyntaxError::EmptyPhrase),
            ("OR parking", SearchSyntaxError::LoneOr),
            ("parking OR", SearchSyntaxError::LoneOr),
            ("parking OR OR highways", SearchSyntaxError::LoneOr),
            ("OR", SearchSyntaxError::LoneOr),
            ("parking OR -highways", SearchSyntaxError::ExcludedInOr),
            ("-parking OR highways", SearchSyntaxError::ExcludedInOr),
            ("-parking", SearchSyntaxError::NothingToFind),
            ("-parking -\"car park\"", SearchSyntaxError::NothingToFind),
        ];
        for (text, error) in cases {
            assert_eq!(SearchQuery::parse(text), Err(error), "{text:?}");
        }
    }

    #[test]
    fn database_syntax_in_the_text_is_read_as_separators() {
        // Quotes, colons, ampersands and FTS5 operators never reach either query language.
        let query = parse("a'b:* & c|d NEAR(e) ^f");
        let tsquery = query.to_tsquery();
        let fts5 = query.to_fts5();
        for word in query.clauses().iter().flat_map(|c| match c {
            Clause::AnyOf(terms) => terms.iter().flat_map(Term::words).collect::<Vec<_>>(),
            Clause::Not(term) => term.words().iter().collect(),
        }) {
            assert!(word.chars().all(char::is_alphanumeric), "{word:?}");
        }
        assert_eq!(
            tsquery,
            "( 'a' <-> 'b':* ) & ( 'c' <-> 'd' ) & ( 'near' <-> 'e' ) & ( 'f' )"
        );
        assert_eq!(
            fts5,
            "((\"a b\"*) AND (\"c d\") AND (\"near e\") AND (\"f\"))"
        );
    }

    #[test]
    fn indexed_text_keeps_the_words_of_each_part_and_drops_the_punctuation() {
        assert_eq!(
            index_text(&[
                "Information Strategy 2010 - 13",
                "",
                "CAB/2010/045",
                "e-mail, please."
            ]),
            "Information Strategy 2010 13\nCAB 2010 045\ne mail please"
        );
    }

    #[test]
    fn any_text_parses_or_is_refused_without_panicking() {
        let alphabet = ['a', ' ', '"', '-', '*', 'O', 'R', '\'', ':', 'é', '|'];
        let mut state = 7u64;
        for _ in 0..5_000 {
            let length = (state % 12) as usize;
            let text: String = (0..length)
                .map(|_| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                    alphabet[(state >> 33) as usize % alphabet.len()]
                })
                .collect();
            if let Ok(Some(query)) = SearchQuery::parse(&text) {
                assert!(!query.to_tsquery().is_empty());
                assert!(!query.to_fts5().is_empty());
            }
        }
    }
}
