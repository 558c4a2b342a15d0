//! The one RON tokenizer. Everything that reads RON source text itself,
//! rather than through the `ron` parser, goes through it: the parallel
//! splitter ([`super::split`]), the error locator ([`super::locate`]), the
//! hints of syntax errors ([`super::syntax`]) and the positions in theme and
//! configuration files.
//!
//! It follows RON's own rules (`ron::parse`): the same whitespace
//! characters, line comments up to a line feed, nested block comments,
//! strings with escapes, raw strings (`r#"…"#`), byte strings, character
//! literals and identifiers (including raw ones, `r#name`). A byte-order mark
//! at the very start is whitespace. Every token carries its byte span; the
//! tokens of a text cover it exactly, without gaps, so a reader can always
//! tell what a byte offset lies in.
//!
//! Line ends (LF, CR LF or a lone CR) are whitespace; a line comment stops
//! before any of them. Files are read with lone CRs turned into line feeds
//! first ([`super::dialect::normalize`]), because the `ron` parser itself
//! only knows the line feed; [`line_col`] counts all three either way.

use std::ops::Range;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Spaces, tabs, line ends and the other characters RON skips, and a
    /// byte-order mark at the start of the text.
    Whitespace,
    /// `// …` up to (not including) the line end.
    LineComment,
    /// `/* … */`, nested.
    BlockComment,
    /// `name`, `Partner`, `true`, `r#raw`.
    Ident,
    /// `"…"` or `b"…"`, escapes included.
    Str,
    /// `r"…"`, `r#"…"#`, `br"…"`.
    RawStr,
    /// `'x'`, `'\n'`, `b'x'`.
    Char,
    /// `12`, `-3.5e2`, `0x1F`, `1_000`.
    Number,
    /// `(`, `[` or `{`.
    Open(Delim),
    /// `)`, `]` or `}`.
    Close(Delim),
    Comma,
    Colon,
    /// Any other single character (`#`, `!`, `.`, a sign without digits, …).
    Other,
    /// A string, raw string, character or block comment that is never
    /// closed: its span runs from its opening to the end of the text.
    Unclosed(Unclosed),
}

/// The three kinds of brackets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delim {
    Paren,
    Bracket,
    Brace,
}

/// What an [`Kind::Unclosed`] token opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unclosed {
    Str,
    RawStr,
    Char,
    BlockComment,
}

/// One token: its kind and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
}

impl Token {
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Whitespace or a (closed) comment: what RON skips between tokens.
    pub fn is_trivia(&self) -> bool {
        matches!(
            self.kind,
            Kind::Whitespace | Kind::LineComment | Kind::BlockComment
        )
    }

    /// The token's source text.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.span()).unwrap_or("")
    }
}

/// The tokens of a text, from a byte offset on (trivia included).
#[derive(Debug, Clone)]
pub struct Lexer<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    /// Tokens from the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Self { text, pos: 0 }
    }

    /// Tokens from byte `pos` on, which must be where a token starts (the
    /// start of the text, or the end of an earlier token).
    pub fn at(text: &'a str, pos: usize) -> Self {
        Self {
            text,
            pos: pos.min(text.len()),
        }
    }

    /// Where the next token starts.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// The next token that is not trivia.
    pub fn next_significant(&mut self) -> Option<Token> {
        self.find(|t| !t.is_trivia())
    }
}

impl Lexer<'_> {
    /// The next token that gives a text its structure — a bracket, a comma —
    /// or an unclosed token, or a run of at least `long_blank` whitespace
    /// bytes; everything else (identifiers, numbers, colons, strings,
    /// characters, comments, shorter whitespace) is stepped over in bulk.
    ///
    /// The same tokens as [`Iterator::next`], fewer of them returned: the
    /// parallel splitter, which only needs to know where records begin and
    /// end, reads a large dataset this way at the speed of a byte scan. A
    /// blank run is noticed where it covers an aligned 64-byte block, so
    /// `long_blank` should be 128 or more; its ASCII part is returned.
    pub fn skim(&mut self, long_blank: usize) -> Option<Token> {
        let text = self.text;
        let b = text.as_bytes();
        let mut i = self.pos;
        loop {
            // Plain bytes; at each 64-byte boundary, a look for a long blank run.
            while let Some(&c) = b.get(i) {
                if !PLAIN[usize::from(c)] {
                    break;
                }
                i += 1;
                if i.is_multiple_of(64)
                    && b.get(i..i + 64)
                        .is_some_and(|block| block.iter().all(|&c| is_ascii_blank(c)))
                {
                    let mut start = i;
                    while start > self.pos && is_ascii_blank(b[start - 1]) {
                        start -= 1;
                    }
                    let end = skip_ascii_whitespace(b, i);
                    if end - start >= long_blank {
                        self.pos = end;
                        return Some(Token {
                            kind: Kind::Whitespace,
                            start,
                            end,
                        });
                    }
                    i = end;
                }
            }
            let Some(&c) = b.get(i) else {
                self.pos = b.len();
                return None;
            };
            let start = i;
            let (kind, end) = match c {
                b'(' => (Kind::Open(Delim::Paren), start + 1),
                b'[' => (Kind::Open(Delim::Bracket), start + 1),
                b'{' => (Kind::Open(Delim::Brace), start + 1),
                b')' => (Kind::Close(Delim::Paren), start + 1),
                b']' => (Kind::Close(Delim::Bracket), start + 1),
                b'}' => (Kind::Close(Delim::Brace), start + 1),
                b',' => (Kind::Comma, start + 1),
                b'"' => match raw_string_prefix(text, start) {
                    // `r"`, `r#"` or `br"`: what came before was its prefix.
                    Some((prefix, hashes)) => {
                        let (kind, end) = closed(
                            raw_string_end(b, start - hashes),
                            Kind::RawStr,
                            Unclosed::RawStr,
                            b.len(),
                        );
                        if kind != Kind::RawStr {
                            self.pos = end;
                            return Some(Token {
                                kind,
                                start: prefix,
                                end,
                            });
                        }
                        (kind, end)
                    }
                    None => closed(string_end(b, start + 1), Kind::Str, Unclosed::Str, b.len()),
                },
                b'\'' => closed(char_end(b, start), Kind::Char, Unclosed::Char, b.len()),
                b'/' if b.get(start + 1) == Some(&b'/') => (Kind::LineComment, line_end(b, start)),
                b'/' if b.get(start + 1) == Some(&b'*') => closed(
                    block_comment_end(b, start),
                    Kind::BlockComment,
                    Unclosed::BlockComment,
                    b.len(),
                ),
                // A slash alone.
                _ => (Kind::Other, start + 1),
            };
            match kind {
                Kind::Str
                | Kind::RawStr
                | Kind::Char
                | Kind::LineComment
                | Kind::BlockComment
                | Kind::Other => {
                    i = end;
                }
                _ => {
                    self.pos = end;
                    return Some(Token { kind, start, end });
                }
            }
        }
    }
}

/// The bytes [`Lexer::skim`] steps over without looking: all but brackets,
/// commas, quotes and slashes.
static PLAIN: [bool; 256] = {
    let mut plain = [true; 256];
    let stops = *b"()[]{},\"'/";
    let mut k = 0;
    while k < stops.len() {
        plain[stops[k] as usize] = false;
        k += 1;
    }
    plain
};

/// At the quote at `quote`: whether `r`, `br` (and `#`s) before it, not
/// part of an identifier, make it a raw string; then where the prefix
/// starts and the number of `#`s.
fn raw_string_prefix(text: &str, quote: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let hashes = b[..quote].iter().rev().take_while(|&&c| c == b'#').count();
    let r = quote.checked_sub(hashes + 1)?;
    if b[r] != b'r' {
        return None;
    }
    let mut first = r;
    if r > 0 && b[r - 1] == b'b' {
        first = r - 1;
    }
    // The forward lexer starts an identifier at the letter only when nothing
    // of an identifier or a number precedes it.
    let continues = text[..first].chars().next_back().is_some_and(|c| {
        c.is_ascii_alphanumeric()
            || c == '_'
            || (!c.is_ascii() && unicode_ident::is_xid_continue(c))
    });
    if continues {
        // `xbr"`: `b` is part of the identifier, but then so is `r`.
        return None;
    }
    Some((first, hashes))
}

impl Iterator for Lexer<'_> {
    type Item = Token;

    #[inline]
    fn next(&mut self) -> Option<Token> {
        let b = self.text.as_bytes();
        let start = self.pos;
        let c = *b.get(start)?;
        let (kind, end) = match c {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => {
                (Kind::Whitespace, whitespace_end(b, start))
            }
            b'(' => (Kind::Open(Delim::Paren), start + 1),
            b'[' => (Kind::Open(Delim::Bracket), start + 1),
            b'{' => (Kind::Open(Delim::Brace), start + 1),
            b')' => (Kind::Close(Delim::Paren), start + 1),
            b']' => (Kind::Close(Delim::Bracket), start + 1),
            b'}' => (Kind::Close(Delim::Brace), start + 1),
            b',' => (Kind::Comma, start + 1),
            b':' => (Kind::Colon, start + 1),
            b'"' => closed(string_end(b, start + 1), Kind::Str, Unclosed::Str, b.len()),
            b'\'' => closed(char_end(b, start), Kind::Char, Unclosed::Char, b.len()),
            b'/' if b.get(start + 1) == Some(&b'/') => (Kind::LineComment, line_end(b, start)),
            b'/' if b.get(start + 1) == Some(&b'*') => closed(
                block_comment_end(b, start),
                Kind::BlockComment,
                Unclosed::BlockComment,
                b.len(),
            ),
            b'0'..=b'9' => (Kind::Number, number_end(b, start)),
            b'+' | b'-' | b'.' if b.get(start + 1).is_some_and(u8::is_ascii_digit) => {
                (Kind::Number, number_end(b, start + 1))
            }
            b'r' | b'b' => literal_or_ident(self.text, start),
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => (Kind::Ident, ident_end(self.text, start + 1)),
            0x80.. => self.non_ascii(start),
            _ => (Kind::Other, start + 1),
        };
        self.pos = end;
        Some(Token { kind, start, end })
    }
}

impl Lexer<'_> {
    /// A token that starts with a non-ASCII character: a byte-order mark at
    /// the start, RON's Unicode whitespace, an identifier, or anything else.
    #[cold]
    fn non_ascii(&self, start: usize) -> (Kind, usize) {
        let Some(c) = self.text.get(start..).and_then(|s| s.chars().next()) else {
            return (Kind::Other, start + 1);
        };
        if (start == 0 && c == '\u{feff}') || is_unicode_whitespace(c) {
            (
                Kind::Whitespace,
                whitespace_end(self.text.as_bytes(), start + c.len_utf8()),
            )
        } else if unicode_ident::is_xid_start(c) {
            (Kind::Ident, ident_end(self.text, start + c.len_utf8()))
        } else {
            (Kind::Other, start + c.len_utf8())
        }
    }
}

/// A token that may be unclosed: `end` or, if `None`, the unclosed kind up
/// to the end of the text.
#[inline]
fn closed(end: Option<usize>, kind: Kind, unclosed: Unclosed, len: usize) -> (Kind, usize) {
    match end {
        Some(end) => (kind, end),
        None => (Kind::Unclosed(unclosed), len),
    }
}

/// Whitespace other than ASCII that RON skips (`ron::parse::is_whitespace_char`).
fn is_unicode_whitespace(c: char) -> bool {
    matches!(
        c,
        '\u{85}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}'
    )
}

fn is_ascii_blank(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// The end of a run of whitespace that starts at or before `i`.
fn whitespace_end(b: &[u8], i: usize) -> usize {
    let mut i = skip_ascii_whitespace(b, i);
    // RON's few non-ASCII whitespace characters continue the run.
    while let Some(&lead) = b.get(i)
        && lead >= 0x80
    {
        let width = match (lead, b.get(i + 1), b.get(i + 2)) {
            (0xc2, Some(0x85), _) => 2,
            (0xe2, Some(0x80), Some(0x8e | 0x8f | 0xa8 | 0xa9)) => 3,
            _ => break,
        };
        i = skip_ascii_whitespace(b, i + width);
    }
    i
}

/// The first index from `i` on that is not ASCII whitespace (or the end),
/// 64 bytes at a time through long runs (indented files are mostly blanks).
#[inline]
pub fn skip_ascii_whitespace(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_ascii_blank(b[i]) {
        i += 1;
        if i.is_multiple_of(64) {
            // Whole blocks, without a branch per byte.
            while let Some(block) = b.get(i..i + 64) {
                if !block.iter().fold(true, |all, &c| all & is_ascii_blank(c)) {
                    break;
                }
                i += 64;
            }
        }
    }
    i
}

/// After an opening quote (at `i - 1`): just past the closing quote.
#[inline]
fn string_end(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        // Jump to the next quote or backslash (most of a dataset is strings).
        i += memchr::memchr2(b'"', b'\\', b.get(i..)?)?;
        match b[i] {
            b'\\' => i += 2,
            _ => return Some(i + 1),
        }
    }
}

/// `#`s from `i`, a quote, and the matching closing quote and `#`s: just
/// past them. `None` if the raw string never closes.
fn raw_string_end(b: &[u8], mut i: usize) -> Option<usize> {
    let mut hashes = 0;
    while b.get(i) == Some(&b'#') {
        hashes += 1;
        i += 1;
    }
    i += 1; // the opening quote, checked by the caller
    loop {
        i += memchr::memchr(b'"', b.get(i..)?)?;
        if b.get(i + 1..i + 1 + hashes)?.iter().all(|&c| c == b'#') {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
}

/// A character literal opened at `i`: `'x'`, `'\n'`, `'\''` or `'\u{…}'`.
fn char_end(b: &[u8], i: usize) -> Option<usize> {
    // The closing quote comes after one character, or after an escape.
    let from = if *b.get(i + 1)? == b'\\' {
        i + 3
    } else {
        i + 2
    };
    let close = memchr::memchr(b'\'', b.get(from..)?)?;
    Some(from + close + 1)
}

/// A line comment from `i`: up to the line end (LF or CR), not including it.
fn line_end(b: &[u8], i: usize) -> usize {
    memchr::memchr2(b'\n', b'\r', &b[i..]).map_or(b.len(), |p| i + p)
}

/// A block comment opened at `i`: just past its `*/`, nested comments
/// included; `None` if it never closes.
fn block_comment_end(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        i += memchr::memchr2(b'/', b'*', b.get(i..)?)?;
        if b.get(i..i + 2) == Some(b"/*") {
            depth += 1;
            i += 2;
        } else if b.get(i..i + 2) == Some(b"*/") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return Some(i);
            }
        } else {
            i += 1;
        }
    }
}

/// A number whose first digit is at `i`: digits, letters (hex digits,
/// exponents, type suffixes), `_`, `.`, and a sign right after an exponent.
fn number_end(b: &[u8], mut i: usize) -> usize {
    let hex = b
        .get(i..i + 2)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"0x"));
    while let Some(&c) = b.get(i) {
        let sign = matches!(c, b'+' | b'-')
            && !hex
            && matches!(b.get(i.wrapping_sub(1)), Some(b'e' | b'E'));
        if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || sign {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// An identifier's end, its first character ending before `i`.
#[inline]
fn ident_end(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    loop {
        match b.get(i) {
            Some(c) if c.is_ascii_alphanumeric() || *c == b'_' => i += 1,
            Some(c) if *c >= 0x80 => match text.get(i..).and_then(|s| s.chars().next()) {
                Some(c) if unicode_ident::is_xid_continue(c) => i += c.len_utf8(),
                _ => return i,
            },
            _ => return i,
        }
    }
}

/// At an `r` or `b`: a raw string (`r"`, `r#"`), a byte string (`b"`,
/// `br"`), a byte character (`b'`), a raw identifier (`r#name`) or a plain
/// identifier.
fn literal_or_ident(text: &str, start: usize) -> (Kind, usize) {
    let b = text.as_bytes();
    let raw_from = match (b[start], b.get(start + 1)) {
        (b'r', _) => Some(start + 1),
        (b'b', Some(b'r')) => Some(start + 2),
        _ => None,
    };
    if let Some(i) = raw_from {
        let hashes = b
            .get(i..)
            .map_or(0, |s| s.iter().take_while(|&&c| c == b'#').count());
        if b.get(i + hashes) == Some(&b'"') {
            return closed(
                raw_string_end(b, i),
                Kind::RawStr,
                Unclosed::RawStr,
                b.len(),
            );
        }
        if b[start] == b'r' && hashes == 1 && b.get(i + 1).is_some_and(|&c| is_raw_ident_byte(c)) {
            // `r#name`: RON also allows `.`, `+` and `-` in raw identifiers.
            let mut end = i + 1;
            while b.get(end).is_some_and(|&c| is_raw_ident_byte(c)) {
                end += 1;
            }
            return (Kind::Ident, end);
        }
    }
    if b[start] == b'b' {
        match b.get(start + 1) {
            Some(b'"') => {
                return closed(string_end(b, start + 2), Kind::Str, Unclosed::Str, b.len());
            }
            Some(b'\'') => {
                return closed(char_end(b, start + 1), Kind::Char, Unclosed::Char, b.len());
            }
            _ => {}
        }
    }
    (Kind::Ident, ident_end(text, start + 1))
}

fn is_raw_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'+' | b'-')
}

/// The offset of the next token at or after `at` that is not trivia (the
/// end of the text if there is none). `at` must be where a token starts.
pub fn skip_trivia(text: &str, at: usize) -> usize {
    let mut lexer = Lexer::at(text, at);
    lexer.next_significant().map_or(text.len(), |t| t.start)
}

/// 1-based line and column (in characters) of byte `offset`, counting LF,
/// CR LF and a lone CR as one line end each.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut cursor = LineCursor::new(text);
    cursor.line_col(offset)
}

/// Line and column of increasing offsets in one pass over the text: each
/// call continues where the last one stopped, so placing any number of
/// positions costs one reading of the text (and of each line).
#[derive(Debug, Clone)]
pub struct LineCursor<'a> {
    text: &'a str,
    /// The offset reached, its line and the start of that line.
    at: usize,
    line: usize,
    line_start: usize,
    /// Characters from `line_start` to `at`.
    chars: usize,
}

impl<'a> LineCursor<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            at: 0,
            line: 1,
            line_start: 0,
            chars: 0,
        }
    }

    /// Line and column of `offset` (clamped to the text, and back to a
    /// character boundary). Offsets before the last one start over.
    pub fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let (line, column, _) = self.place(offset);
        (line, column)
    }

    /// Line, column and the byte where that line starts, of `offset`.
    pub fn place(&mut self, offset: usize) -> (usize, usize, usize) {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.at {
            *self = Self::new(text);
        }
        let b = text.as_bytes();
        let base = self.at;
        let mut from = base;
        // A CR whose LF follows is no line end of its own.
        for i in memchr::memchr2_iter(b'\n', b'\r', &b[base..offset]) {
            let i = base + i;
            if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                continue;
            }
            self.line += 1;
            self.line_start = i + 1;
            self.chars = 0;
            from = self.line_start;
        }
        self.chars += count_chars(&text[from..offset]);
        self.at = offset;
        (self.line, self.chars + 1, self.line_start)
    }
}

/// Characters in `s`; bytes when it is ASCII (a fast check).
fn count_chars(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        Lexer::new(text).map(|t| (t.kind, t.text(text))).collect()
    }

    fn significant(text: &str) -> Vec<(Kind, &str)> {
        Lexer::new(text)
            .filter(|t| !t.is_trivia())
            .map(|t| (t.kind, t.text(text)))
            .collect()
    }

    #[test]
    fn tokens_cover_the_text_without_gaps() {
        let text = "\u{feff}Dataset( // c\r\n a: r#\"x\"y\"#, b: 'c', /* /* n */ */ c: -1.5e-3,\rd: \"\\\"q\\\\\", e: {\"k\": [1]} )\u{2028}é";
        let mut at = 0;
        for t in Lexer::new(text) {
            assert_eq!(t.start, at);
            assert!(t.end > t.start);
            at = t.end;
        }
        assert_eq!(at, text.len());
    }

    #[test]
    fn every_kind_of_token() {
        use Delim::*;
        use Kind::*;
        assert_eq!(
            significant(
                "Foo(a: \"s\\\"t\", b: r##\"x\"#y\"##, c: 'x', d: '\\'', e: b\"y\", f: br\"z\", g: r#type, h: 0x1F, i: [-1], j: {1: 2.5e+3})"
            ),
            vec![
                (Ident, "Foo"),
                (Open(Paren), "("),
                (Ident, "a"),
                (Colon, ":"),
                (Str, "\"s\\\"t\""),
                (Comma, ","),
                (Ident, "b"),
                (Colon, ":"),
                (RawStr, "r##\"x\"#y\"##"),
                (Comma, ","),
                (Ident, "c"),
                (Colon, ":"),
                (Char, "'x'"),
                (Comma, ","),
                (Ident, "d"),
                (Colon, ":"),
                (Char, "'\\''"),
                (Comma, ","),
                (Ident, "e"),
                (Colon, ":"),
                (Str, "b\"y\""),
                (Comma, ","),
                (Ident, "f"),
                (Colon, ":"),
                (RawStr, "br\"z\""),
                (Comma, ","),
                (Ident, "g"),
                (Colon, ":"),
                (Ident, "r#type"),
                (Comma, ","),
                (Ident, "h"),
                (Colon, ":"),
                (Number, "0x1F"),
                (Comma, ","),
                (Ident, "i"),
                (Colon, ":"),
                (Open(Bracket), "["),
                (Number, "-1"),
                (Close(Bracket), "]"),
                (Comma, ","),
                (Ident, "j"),
                (Colon, ":"),
                (Open(Brace), "{"),
                (Number, "1"),
                (Colon, ":"),
                (Number, "2.5e+3"),
                (Close(Brace), "}"),
                (Close(Paren), ")"),
            ]
        );
    }

    #[test]
    fn comments_and_whitespace() {
        use Kind::*;
        assert_eq!(
            kinds("a // x ( \"\r\nb /* 1 /* 2 */ \" */c"),
            vec![
                (Ident, "a"),
                (Whitespace, " "),
                (LineComment, "// x ( \""),
                (Whitespace, "\r\n"),
                (Ident, "b"),
                (Whitespace, " "),
                (BlockComment, "/* 1 /* 2 */ \" */"),
                (Ident, "c"),
            ]
        );
        // A byte-order mark is whitespace at the start only.
        assert_eq!(kinds("\u{feff}x")[0], (Whitespace, "\u{feff}"));
        assert_eq!(kinds("x\u{feff}")[1], (Other, "\u{feff}"));
        // RON's Unicode whitespace.
        assert_eq!(kinds(" \u{85}\u{2029}\t")[0].0, Whitespace);
        assert_eq!(kinds(" \u{85}\u{2029}\t").len(), 1);
        // A lone CR ends a line comment.
        assert_eq!(kinds("// a\rb")[0], (LineComment, "// a"));
    }

    #[test]
    fn unclosed_tokens_run_to_the_end_from_their_opening() {
        for (text, what, at) in [
            ("a: \"x, b: 1", Unclosed::Str, 3),
            ("a: r#\"x\"", Unclosed::RawStr, 3),
            ("a: '", Unclosed::Char, 3),
            ("a /* /* */ b", Unclosed::BlockComment, 2),
        ] {
            let last = Lexer::new(text).last().unwrap();
            assert_eq!(
                (last.kind, last.start, last.end),
                (Kind::Unclosed(what), at, text.len()),
                "{text}"
            );
        }
    }

    #[test]
    fn non_ascii_identifiers_and_other_characters() {
        use Kind::*;
        assert_eq!(
            significant("Größe: 沈阳 ✓"),
            vec![
                (Ident, "Größe"),
                (Colon, ":"),
                (Ident, "沈阳"),
                (Other, "✓")
            ]
        );
    }

    #[test]
    fn lines_and_columns_count_every_line_end_once() {
        let text = "a\nb\r\nc\rdé\r\ne";
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, at("b")), (2, 1));
        assert_eq!(line_col(text, at("c")), (3, 1));
        assert_eq!(line_col(text, at("d")), (4, 1));
        assert_eq!(line_col(text, at("é") + 2), (4, 3));
        assert_eq!(line_col(text, at("e")), (5, 1));
        assert_eq!(line_col(text, text.len() + 5), (5, 2));
        // One cursor, increasing offsets; and going back starts over.
        let mut c = LineCursor::new(text);
        assert_eq!(c.line_col(at("b")), (2, 1));
        assert_eq!(c.line_col(at("b") + 1), (2, 2));
        assert_eq!(c.line_col(at("e")), (5, 1));
        assert_eq!(c.line_col(at("c")), (3, 1));
        // Between the CR and the LF of a CR LF: still the line before.
        assert_eq!(line_col(text, at("b") + 2), (2, 3));
    }

    /// What `skim` returns is what `next` returns, less what it steps over.
    fn skim_agrees(text: &str, long_blank: usize) {
        let expected: Vec<Token> = Lexer::new(text)
            .filter(|t| match t.kind {
                Kind::Open(_) | Kind::Close(_) | Kind::Comma | Kind::Unclosed(_) => true,
                Kind::Whitespace => {
                    t.end - t.start >= long_blank
                        && !text[t.span()].contains(|c: char| !c.is_ascii())
                }
                _ => false,
            })
            .collect();
        let mut lexer = Lexer::new(text);
        let skimmed: Vec<Token> = std::iter::from_fn(|| lexer.skim(long_blank)).collect();
        assert_eq!(skimmed, expected, "{text:?}");
    }

    #[test]
    fn skimming_returns_the_structure_the_tokens_have() {
        for text in [
            "Foo(a: \"s(\\\"t\", b: r##\"x\"#(y\"##, c: ')', d: '\\'', e: b\"]\", f: br\"[\", g: r#type, h: [-1.5e-3], i: {1: 2})",
            "a: xr\"(\", b: 1r\"[\", c: xbr\"{\" // ( \n /* [ /* ] */ { */ (/)",
            "x: r\"unclosed (",
            "x: br#\"unclosed (",
            "x: /* unclosed (",
            "x: \"unclosed (",
            "x: ')",
            "沈阳: r\"(\", é: \"[\", r: [b'(']",
        ] {
            skim_agrees(text, 4096);
        }
        // Long blank runs, wherever they fall against 64-byte blocks.
        for pad in [0, 1, 63, 64, 65, 127] {
            let text = format!(
                "{}[\n{}\n\"{}\", ( ){}]",
                "x".repeat(pad),
                " ".repeat(300),
                " ".repeat(300),
                "\t".repeat(200)
            );
            skim_agrees(&text, 100);
            skim_agrees(&text, 250);
        }
    }

    #[test]
    fn skip_trivia_stops_at_the_next_token() {
        let text = "a  // c\n /* d */ b";
        assert_eq!(skip_trivia(text, 1), text.find('b').unwrap());
        assert_eq!(skip_trivia(text, text.len()), text.len());
        assert_eq!(skip_trivia("x /* open", 1), 2);
    }
}
