//! One kind of error report for every file the program reads — dataset,
//! theme and configuration: the file, the line and column, the message, and
//! the offending line with a caret under the place:
//!
//! ```text
//! t.ron:6:9: unknown style "titel"; did you mean "title"? …
//!   |
//! 6 |         "titel": (bold: true),
//!   |         ^
//! ```
//!
//! Columns count characters; the caret is placed by display width (wide
//! characters take two cells, a tab four). Nothing from the file reaches the
//! terminal unfiltered: control and bidirectional characters in the name,
//! the message and the excerpt are replaced ([`printable`]).

use std::borrow::Cow;
use std::fmt;

use unicode_width::UnicodeWidthStr;

use super::lexer::LineCursor;
use super::text::printable;

/// A problem in a file, with its place when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How the file is named in messages.
    pub origin: String,
    /// 1-based line and column (in characters).
    pub position: Option<(usize, usize)>,
    pub message: String,
    /// The offending line, shown under the message.
    pub excerpt: Option<Excerpt>,
}

/// The line of a problem as shown: cut to a window around the place, made
/// printable, and the display column of the caret within it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub text: String,
    pub caret: usize,
}

impl Diagnostic {
    /// A problem with the whole file ("cannot read", "too large").
    pub fn whole_file(origin: &str, message: impl Into<String>) -> Self {
        Self {
            origin: origin.to_string(),
            position: None,
            message: message.into(),
            excerpt: None,
        }
    }

    /// A problem at byte `offset` of `text`, with its line as an excerpt.
    pub fn at(text: &str, origin: &str, offset: usize, message: impl Into<String>) -> Self {
        Self::place(
            &mut LineCursor::new(text),
            text,
            origin,
            offset,
            message.into(),
        )
    }

    /// Problems at byte offsets of one text (or at none), placed in one pass
    /// over it however many there are, and listed in the order of the file
    /// (those without a place last, in the order given).
    pub fn at_each(text: &str, origin: &str, problems: Vec<(Option<usize>, String)>) -> Vec<Self> {
        let mut problems = problems;
        problems.sort_by_key(|(at, _)| at.unwrap_or(usize::MAX));
        let mut cursor = LineCursor::new(text);
        problems
            .into_iter()
            .map(|(at, message)| match at {
                Some(at) => Self::place(&mut cursor, text, origin, at, message),
                None => Self::whole_file(origin, message),
            })
            .collect()
    }

    fn place(
        cursor: &mut LineCursor,
        text: &str,
        origin: &str,
        offset: usize,
        message: String,
    ) -> Self {
        let offset = snap(text, offset);
        let (line, column, line_start) = cursor.place(offset);
        Self {
            origin: origin.to_string(),
            position: Some((line, column)),
            message,
            excerpt: Some(Excerpt::of(text, line_start, offset)),
        }
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

/// Characters shown before and after the caret.
const BEFORE: usize = 60;
const AFTER: usize = 40;
/// Width a tab takes in an excerpt.
const TAB: &str = "    ";

impl Excerpt {
    /// The line that starts at byte `line_start` of `text`, around byte `at`
    /// (a character boundary on that line). Only the window is read, however
    /// long the line.
    pub fn of(text: &str, line_start: usize, at: usize) -> Self {
        let before = &text[line_start..at];
        let start = before
            .char_indices()
            .rev()
            .nth(BEFORE - 1)
            .map_or(line_start, |(i, _)| line_start + i);
        // Up to AFTER characters, not past the line end.
        let mut after = text[at..].char_indices();
        let mut end = text.len();
        let mut more = false;
        for (n, (i, c)) in after.by_ref().enumerate() {
            if c == '\n' || c == '\r' {
                end = at + i;
                break;
            }
            if n == AFTER {
                end = at + i;
                more = true;
                break;
            }
        }
        let show = |s: &str| printable(&s.replace('\t', TAB));
        let mut shown = show(&text[start..end]);
        let mut prefix = show(&text[start..at]);
        if start > line_start {
            shown.insert(0, '…');
            prefix.insert(0, '…');
        }
        if more {
            shown.push('…');
        }
        Excerpt {
            text: shown,
            caret: prefix.width(),
        }
    }
}

/// The source line cut to a readable window around byte `at`, made
/// printable, and the display column of the caret within it.
pub fn excerpt_line(line: &str, at: usize) -> (String, usize) {
    let e = Excerpt::of(line, 0, snap(line, at));
    (e.text, e.caret)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        render(
            f,
            &self.origin,
            self.position,
            &self.message,
            self.excerpt.as_ref(),
        )
    }
}

impl std::error::Error for Diagnostic {}

/// Writes a report: `origin:line:column: message` (or `origin: message`
/// without a place) and, under it, the excerpt with a caret.
pub fn render(
    f: &mut fmt::Formatter<'_>,
    origin: &str,
    position: Option<(usize, usize)>,
    message: &str,
    excerpt: Option<&Excerpt>,
) -> fmt::Result {
    let (origin, message) = (shown(origin), shown(message));
    let Some((line, column)) = position else {
        return write!(f, "{origin}: {message}");
    };
    write!(f, "{origin}:{line}:{column}: {message}")?;
    if let Some(Excerpt { text, caret }) = excerpt {
        let gutter = line.to_string().len();
        write!(
            f,
            "\n{:gutter$} |\n{line} | {}\n{:gutter$} | {:caret$}^",
            "",
            shown(text),
            "",
            ""
        )?;
    }
    Ok(())
}

/// `text` made printable; printable ASCII (most reports) as it is.
fn shown(text: &str) -> Cow<'_, str> {
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(printable(text))
    }
}

/// Several reports about one file, one after the other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            d.fmt(f)?;
        }
        Ok(())
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_names_file_line_and_column_with_the_line_and_a_caret() {
        let text = "a\n\tb: \"札幌\", c\n";
        let at = text.find(" c").unwrap() + 1;
        let d = Diagnostic::at(text, "t.ron", at, "bad");
        assert_eq!(
            d.to_string(),
            "t.ron:2:11: bad\n  |\n2 |     b: \"札幌\", c\n  |                ^"
        );
        assert_eq!(
            Diagnostic::whole_file("t.ron", "cannot read").to_string(),
            "t.ron: cannot read"
        );
    }

    #[test]
    fn nothing_unprintable_reaches_the_terminal() {
        let d = Diagnostic::at("x\u{1b}]0;t\u{7}", "a\u{202e}.ron", 1, "m\u{1b}");
        let shown = d.to_string();
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
            "{shown:?}"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_caret_and_read_only_there() {
        let line = "x".repeat(1000) + "^" + &"y".repeat(1000);
        let e = Excerpt::of(&line, 0, 1000);
        assert_eq!(e.text.chars().count(), 1 + 60 + 40 + 1);
        assert!(e.text.starts_with('…') && e.text.ends_with('…'));
        assert_eq!(e.caret, 61);
        // A line end stops the window.
        let e = Excerpt::of("ab\r\ncd", 0, 1);
        assert_eq!((e.text.as_str(), e.caret), ("ab", 1));
    }

    #[test]
    fn many_problems_are_placed_in_file_order_in_one_pass() {
        let text = "a\nb\nc\n";
        let ds = Diagnostic::at_each(
            text,
            "t",
            vec![
                (Some(4), "c".into()),
                (None, "none".into()),
                (Some(0), "a".into()),
            ],
        );
        let heads: Vec<String> = ds
            .iter()
            .map(|d| d.to_string().lines().next().unwrap().to_string())
            .collect();
        assert_eq!(heads, ["t:1:1: a", "t:3:1: c", "t: none"]);
    }
}
