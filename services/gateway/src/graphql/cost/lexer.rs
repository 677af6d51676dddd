//! A lexical pass over a document before it is parsed: how many tokens it has and how deep its
//! brackets nest, and its tokens alone (the document normalized, for the response cache).
//!
//! Hand-written because async-graphql's parser has neither limit: its work grows with the tokens
//! of whatever it is given, and it recurses once per nested bracket of a value, so a few thousand
//! `[` in one argument overflow a worker thread's 2 MiB stack and abort the whole process
//! (measured: 2,400 nested lists, a 4.8 kB document). This pass is one loop over the bytes, with
//! no recursion and no allocation.
//!
//! It follows GraphQL's lexical grammar closely enough to bound work, not to validate: strings,
//! block strings and comments are skipped (brackets inside them do not nest), and anything the
//! parser would refuse counts as a token and is left to the parser to refuse.

/// The deepest nesting of brackets (`{`, `[`, `(` together) a document may have, whatever the
/// configuration: it guards the parser's stack, so it is not a setting. Selections are at most
/// 16 deep by default and values a few levels more; the parser overflows near 1,600.
pub const MAX_NESTING: usize = 64;

/// The lexical shape of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Names, numbers, strings and punctuators, each counted once.
    pub tokens: usize,
    /// The deepest nesting of `{`, `[` and `(` outside strings and comments.
    pub nesting: usize,
}

/// Counts the tokens of `document` and measures how deep its brackets nest.
pub fn shape(document: &str) -> Shape {
    let mut shape = Shape {
        tokens: 0,
        nesting: 0,
    };
    let mut depth = 0usize;
    for token in tokens(document) {
        shape.tokens += 1;
        match token {
            b"{" | b"[" | b"(" => {
                depth += 1;
                shape.nesting = shape.nesting.max(depth);
            }
            b"}" | b"]" | b")" => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    shape
}

/// The document reduced to its tokens, so that two documents that differ only in whitespace,
/// commas and comments (which GraphQL ignores) read the same: a cache key. Each token is
/// written with its length, so two different token sequences never read the same, whatever
/// their strings hold.
/// Bytes, not text: a token may be a lone byte of a character.
pub fn normalized(document: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(document.len() * 2);
    for token in tokens(document) {
        out.extend_from_slice(token.len().to_string().as_bytes());
        out.push(b' ');
        out.extend_from_slice(token);
    }
    out
}

/// The tokens of `document`, in order: names, numbers, strings and punctuators; whitespace,
/// commas and comments skipped.
fn tokens(document: &str) -> impl Iterator<Item = &[u8]> {
    let bytes = document.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let &byte = bytes.get(at)?;
            let start = at;
            at = match byte {
                b' ' | b'\t' | b'\n' | b'\r' | b',' => {
                    at += 1;
                    continue;
                }
                b'#' => {
                    at = end_of_line(bytes, at);
                    continue;
                }
                b'"' => end_of_string(bytes, at),
                b'.' if bytes[at..].starts_with(b"...") => at + 3,
                b'_' | b'a'..=b'z' | b'A'..=b'Z' => {
                    run(bytes, at, |b| b == b'_' || b.is_ascii_alphanumeric())
                }
                b'-' | b'0'..=b'9' => run(bytes, at, |b| {
                    matches!(b, b'_' | b'.' | b'+' | b'-') || b.is_ascii_alphanumeric()
                }),
                _ => at + 1,
            };
            return Some(&bytes[start..at]);
        }
    })
}

/// Where a run of bytes that `belongs` ends, from its first byte at `start`.
fn run(bytes: &[u8], start: usize, belongs: impl Fn(u8) -> bool) -> usize {
    let mut at = start + 1;
    while bytes.get(at).is_some_and(|&b| belongs(b)) {
        at += 1;
    }
    at
}

/// Where the comment starting at `start` ends: at the end of its line.
fn end_of_line(bytes: &[u8], start: usize) -> usize {
    run(bytes, start, |b| b != b'\n' && b != b'\r')
}

/// Where the string starting at `start` ends: after its closing quote(s), or at the end of the
/// line (a plain string) or of the document (a block string) if it is not closed.
fn end_of_string(bytes: &[u8], start: usize) -> usize {
    if bytes[start..].starts_with(br#"""""#) {
        let mut at = start + 3;
        while at < bytes.len() {
            if bytes[at..].starts_with(br#"\""""#) {
                at += 4;
            } else if bytes[at..].starts_with(br#"""""#) {
                return at + 3;
            } else {
                at += 1;
            }
        }
        return bytes.len();
    }
    let mut at = start + 1;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'\\' => at += 2,
            b'"' => return at + 1,
            b'\n' | b'\r' => return at,
            _ => at += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(document: &str) -> usize {
        shape(document).tokens
    }

    #[test]
    fn names_numbers_strings_and_punctuators_count_one_token_each() {
        assert_eq!(tokens("{ a }"), 3);
        assert_eq!(tokens("query($n: Int = -1.5e+3) { a(n: $n) }"), 18);
        assert_eq!(tokens(r#"{ a(s: "x \" { [ y") }"#), 8);
        assert_eq!(tokens("{ ...F } fragment F on Q { a }"), 11);
        assert_eq!(tokens(" , \t\r\n# a comment { [ (\n"), 0);
    }

    #[test]
    fn brackets_in_strings_block_strings_and_comments_do_not_nest() {
        let document = "{ a(s: \"[[[[\", b: \"\"\"{{{ \\\"\"\" ((( \"\"\") # [[[[\n }";
        assert_eq!(shape(document).nesting, 2);
    }

    #[test]
    fn nesting_counts_every_kind_of_bracket_together() {
        let document = format!("{{ a(b: {}1{}) }}", "[".repeat(100), "]".repeat(100));
        assert_eq!(shape(&document).nesting, 102);
        assert_eq!(shape("{ a { b { c } } }").nesting, 3);
    }

    #[test]
    fn unclosed_strings_and_stray_bytes_end_the_scan_without_a_panic() {
        for document in [
            "\"",
            "\"\"\"",
            "\"abc\\",
            "{ a(s: \"x",
            "}}}]])",
            "é ü \u{feff}",
            "-",
        ] {
            let _ = shape(document);
        }
        assert_eq!(shape("}}} {").nesting, 1);
    }

    #[test]
    fn documents_that_differ_only_in_ignored_characters_normalize_alike() {
        let spaced = "query Q($n: Int) {\n  a(n: $n, s: \"x  y\") # why\n  { b, c }\n}";
        assert_eq!(
            normalized(spaced),
            normalized("query Q($n:Int){a(n:$n s:\"x  y\"){b c}}")
        );
        assert_ne!(
            normalized(spaced),
            normalized("query Q($n:Int){a(n:$n s:\"x y\"){b c}}")
        );
        assert_ne!(normalized("{ ab }"), normalized("{ a b }"));
        // A string holding what would be two tokens is not those tokens.
        assert_ne!(
            normalized("{ a(s: \"1 b\") }"),
            normalized("{ a(s: \"1\" b) }")
        );
        assert_ne!(normalized("{ a é }"), normalized("{ a è }"));
    }
}
