//! A RON parser error as a [`Diagnostic`]: placed at the offending token
//! (the parser reports the place before the whitespace and comments that
//! precede it), put in words, and with a hint where a likely cause can be
//! seen in the tokens around it — a decimal where an integer belongs, a
//! quoted enum variant, a string that was never closed.
//!
//! The hints read the text through the [`Lexer`], so they agree with the
//! parser on what is a string or a comment.

use super::diagnostic::{Diagnostic, Excerpt};
use super::dialect::RECURSION_LIMIT;
use super::lexer::{Delim, Kind, Lexer, Token, Unclosed, line_col, skip_trivia};
use super::text::printable;

/// Renders a RON error at its position, with the offending line and a caret.
pub fn syntax_error(text: &str, origin: &str, e: &ron::error::SpannedError) -> Diagnostic {
    let reported = offset_of(text, e.span.start.line.max(1), e.span.start.col.max(1));
    syntax_error_at(text, origin, &e.code, reported)
}

/// Renders a RON error reported at byte offset `reported`.
pub fn syntax_error_at(text: &str, origin: &str, code: &ron::Error, reported: usize) -> Diagnostic {
    let mut message = describe(code);
    // A block comment that never closes is reported where it opens (the
    // parser gives up at the end of the file).
    if matches!(code, ron::Error::UnclosedBlockComment)
        && let Some(open) =
            Lexer::new(text).find(|t| t.kind == Kind::Unclosed(Unclosed::BlockComment))
    {
        message = format!("{message}: this `/*` has no matching `*/`");
        return Diagnostic::at(text, origin, open.start, message);
    }
    let reported = reported.min(text.len());
    // RON reports the position before the whitespace (and comments) that
    // precede the offending token, possibly lines earlier: point at the token.
    let mut token = skip_trivia(text, reported);
    let at_end = token >= text.len();
    if at_end && !matches!(code, ron::Error::Eof) {
        message = format!("the file ends too early ({message})");
    }
    let at = if at_end { reported } else { token };
    let line_start = memchr::memrchr(b'\n', &text.as_bytes()[..at]).map_or(0, |i| i + 1);
    let context = Context::new(text, at, line_start);
    if !at_end {
        if let Some((start, better)) = context.decimal_for_integer(token) {
            token = start;
            message = better;
        } else if matches!(code, ron::Error::ExpectedIdentifier)
            && let Some(hint) = context.quoted_variant_hint(token)
        {
            message = format!("{message}: {hint}");
        }
    }
    let at = if at_end { reported } else { token };
    if let Some(open) = context.unclosed_string_line() {
        message = format!("{message} (a string may be unclosed on line {open})");
    }
    let (line, column) = line_col(text, at);
    Diagnostic {
        origin: origin.to_string(),
        position: Some((line, column)),
        message,
        excerpt: Some(Excerpt::of(text, line_start, snap(text, at))),
    }
}

/// `offset` clamped to the text and moved back to a character boundary.
fn snap(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// What the tokens before an error say about it, gathered in one pass.
struct Context<'a> {
    text: &'a str,
    /// The token that contains the error's place (or starts there).
    here: Option<Token>,
    /// The two significant tokens before it.
    before: [Option<Token>; 2],
    /// The brackets open there, each with the identifier before it.
    open: Vec<(Delim, Option<Token>)>,
    /// The token that runs across the start of the error's line, if any.
    across: Option<Token>,
}

impl<'a> Context<'a> {
    /// Reads `text` up to the token at `at`, whose line starts at `line_start`.
    fn new(text: &'a str, at: usize, line_start: usize) -> Self {
        let mut c = Context {
            text,
            here: None,
            before: [None, None],
            open: Vec::new(),
            across: None,
        };
        for t in Lexer::new(text) {
            if t.start < line_start && t.end > line_start {
                c.across = Some(t);
            }
            if t.end > at {
                c.here = Some(t);
                break;
            }
            if t.is_trivia() {
                continue;
            }
            match t.kind {
                Kind::Open(d) => c
                    .open
                    .push((d, c.before[1].filter(|b| b.kind == Kind::Ident))),
                Kind::Close(_) => {
                    c.open.pop();
                }
                _ => {}
            }
            c.before = [c.before[1], Some(t)];
        }
        c
    }

    /// The field name of `name: value` when the value is the token here.
    fn field_before(&self) -> Option<&'a str> {
        match self.before {
            [Some(name), Some(colon)] if name.kind == Kind::Ident && colon.kind == Kind::Colon => {
                let name = name.text(self.text);
                (name.len() <= 64).then_some(name)
            }
            _ => None,
        }
    }

    /// The name of the struct whose `(` encloses the token here.
    fn enclosing_struct(&self) -> Option<&'a str> {
        match self.open.last() {
            Some((Delim::Paren, Some(name))) => Some(name.text(self.text)),
            _ => None,
        }
    }

    /// The line where a string that runs across the start of the error's
    /// line opened: most likely one that was never closed.
    fn unclosed_string_line(&self) -> Option<usize> {
        let t = self.across?;
        let string = matches!(
            t.kind,
            Kind::Str | Kind::RawStr | Kind::Unclosed(Unclosed::Str | Unclosed::RawStr)
        );
        string.then(|| line_col(self.text, t.start).0)
    }

    /// A decimal number where an integer belongs (`order: 1.5`): RON reads
    /// the `1` and then stumbles on `.5`. Returns where the number starts
    /// and the message to give instead.
    fn decimal_for_integer(&self, token: usize) -> Option<(usize, String)> {
        let b = self.text.as_bytes();
        let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
        if b.get(token) != Some(&b'.') || !digit(token + 1) || token == 0 || !digit(token - 1) {
            return None;
        }
        let number = self
            .here
            .filter(|t| t.kind == Kind::Number && t.start < token)?;
        let field = self
            .field_before()
            .map(|f| format!("`{f}` takes "))
            .unwrap_or_default();
        Some((
            number.start,
            format!(
                "Expected integer: {field}a whole number, not {}",
                printable(number.text(self.text))
            ),
        ))
    }

    /// For a string where an enum belongs (`kind: "Sister"`): the variants
    /// the field takes, to be written without quotes.
    fn quoted_variant_hint(&self, token: usize) -> Option<String> {
        if self.text.as_bytes().get(token) != Some(&b'"') {
            return None;
        }
        let field = self.field_before()?;
        // A variant is written in RON as its Rust name, which Debug prints.
        fn names<T: std::fmt::Debug>(all: &[T]) -> String {
            all.iter()
                .map(|v| format!("{v:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        }
        use super::model::{EventKind, InstitutionKind, NameFrom, PartnerKind, PendingStatus};
        let variants = match field {
            "status" => names(&PendingStatus::ALL),
            "name_zh_from" => names(&NameFrom::ALL),
            "intended_kind" => names(&PartnerKind::ALL),
            "kind" => match self.enclosing_struct()? {
                "Partner" | "KindChange" | "Unidentified" => names(&PartnerKind::ALL),
                "Event" => names(&EventKind::ALL),
                "Institution" | "OfficialFigure" => names(&InstitutionKind::ALL),
                _ => return None,
            },
            _ => return None,
        };
        Some(format!(
            "`{field}` is one of {variants}, written without quotes"
        ))
    }
}

/// The name of the struct whose `(` encloses byte `at` (where a token starts).
pub fn enclosing_struct(text: &str, at: usize) -> Option<&str> {
    Context::new(text, at, 0).enclosing_struct()
}

/// For a string at `token` where an enum belongs: the variants to write.
pub fn quoted_variant_hint(text: &str, token: usize) -> Option<String> {
    Context::new(text, token, 0).quoted_variant_hint(token)
}

/// The line where a string opened that runs across the start of `line`
/// (which starts at byte `line_start`): most likely one never closed.
pub fn unclosed_string_before(text: &str, line_start: usize, line: usize) -> Option<usize> {
    let _ = line;
    Context::new(text, line_start, line_start).unclosed_string_line()
}

/// Line feeds in `bytes`, counted a block at a time (fast even for a file
/// made of nothing but line breaks).
fn count_newlines(bytes: &[u8]) -> usize {
    bytes
        .chunks(4096)
        .map(|block| {
            block
                .iter()
                .map(|&b| usize::from(b == b'\n'))
                .sum::<usize>()
        })
        .sum()
}

/// Byte offset where 1-based `line` starts (the end of the text if it has
/// fewer lines). Lines as the parser counts them: after each line feed.
fn line_start(bytes: &[u8], line: usize) -> usize {
    let mut wanted = line.saturating_sub(1);
    if wanted == 0 {
        return 0;
    }
    let mut at = 0;
    for block in bytes.chunks(4096) {
        let here = count_newlines(block);
        if here < wanted {
            wanted -= here;
            at += block.len();
            continue;
        }
        for (i, _) in block.iter().enumerate().filter(|&(_, &b)| b == b'\n') {
            wanted -= 1;
            if wanted == 0 {
                return at + i + 1;
            }
        }
    }
    bytes.len()
}

/// Byte offset of a 1-based line and column (in characters), as the parser
/// reports them, clamped to the text.
pub fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let start = line_start(text.as_bytes(), line);
    if start >= text.len() {
        return text.len();
    }
    let rest = &text[start..];
    let line = &rest[..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())];
    // Columns count characters; in ASCII they are bytes (a fast check).
    if line.as_bytes().get(..col - 1).is_some_and(<[u8]>::is_ascii) {
        return start + col - 1;
    }
    start
        + line
            .char_indices()
            .nth(col - 1)
            .map_or(line.len(), |(i, _)| i)
}

/// Words for a RON error, without its position (which we print ourselves).
fn describe(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::ExceededRecursionLimit => {
            format!("nesting is deeper than {RECURSION_LIMIT} levels")
        }
        E::Eof => "the file ends too early (a bracket or string is not closed?)".into(),
        other => {
            let text = other.to_string();
            // Cap messages that quote huge input.
            if text.chars().count() > 300 {
                let cut: String = text.chars().take(300).collect();
                printable(&format!("{cut}…"))
            } else {
                printable(&text)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_block_comment_is_reported_where_it_opens() {
        let text = "Dataset(\n  /* a comment\n  home: x,\n  /* nested */\n)\n";
        let e = crate::data::dialect::ron_options()
            .from_str::<crate::data::raw::Dataset>(text)
            .unwrap_err();
        let d = syntax_error(text, "c.ron", &e).to_string();
        assert!(
            d.starts_with("c.ron:2:3: Unclosed block comment: this `/*` has no matching `*/`"),
            "{d}"
        );
        assert!(d.contains("2 |   /* a comment"), "{d}");
    }

    #[test]
    fn a_string_open_across_lines_is_named_with_its_line() {
        let text = "a: \"x\",\nb: \"y,\n\nc: \"z\",\n";
        let line4 = text.find("c:").unwrap();
        assert_eq!(unclosed_string_before(text, line4, 4), Some(2));
        // A comment with a quote in it is no string.
        let text = "a: 1, /* \" */\nb: 2\n";
        assert_eq!(
            unclosed_string_before(text, text.find("b:").unwrap(), 2),
            None
        );
    }
}
