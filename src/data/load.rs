//! Reading a dataset file: bytes → UTF-8 → RON → validated [`Dataset`], with
//! errors that name the file, line and column (or the record and field).

use std::fmt;
use std::io::Read;
use std::path::Path;

use unicode_width::UnicodeWidthStr;

use super::locate::SourceMap;
use super::model::Dataset;
use super::raw;
use super::text::printable;
use super::validate::{Parts, Problem, finish, validate};

/// The dataset compiled into the binary.
pub const EMBEDDED: &str = include_str!("../../data/shenyang.ron");
/// Name under which errors in the embedded dataset are reported.
pub const EMBEDDED_NAME: &str = "data/shenyang.ron (embedded)";

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// Deepest nesting the parser follows; the format itself needs about six levels.
const RECURSION_LIMIT: usize = 64;
/// Bytes read at a time; each piece is checked for binary content at once,
/// so `/dev/zero` or a binary file is refused after the first piece.
const READ_CHUNK: u64 = 1 << 20;

/// Why a dataset could not be loaded. `Display` renders the whole report.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read.
    Io { origin: String, message: String },
    /// The file is larger than [`MAX_FILE_BYTES`].
    TooLarge { origin: String, bytes: u64 },
    /// Syntax, type or encoding error at a position in the file.
    Syntax {
        origin: String,
        line: usize,
        column: usize,
        message: String,
        /// The offending line, made printable, and the caret's display column.
        excerpt: Option<(String, usize)>,
    },
    /// The file parsed but its content is wrong; every problem found.
    Invalid {
        origin: String,
        problems: Vec<LocatedProblem>,
    },
}

/// A semantic problem with the line and column of the value it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedProblem {
    pub problem: Problem,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl LoadError {
    /// Exit code for this error: 1, invalid data (2 is for usage errors).
    pub fn exit_code(&self) -> u8 {
        1
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { origin, message } => write!(f, "{origin}: cannot read: {message}"),
            LoadError::TooLarge { origin, bytes } => write!(
                f,
                "{origin}: file is too large ({bytes} bytes; at most {MAX_FILE_BYTES})"
            ),
            LoadError::Syntax {
                origin,
                line,
                column,
                message,
                excerpt,
            } => {
                write!(f, "{origin}:{line}:{column}: {message}")?;
                if let Some((text, caret)) = excerpt {
                    let gutter = line.to_string().len();
                    write!(
                        f,
                        "\n{:gutter$} |\n{line} | {text}\n{:gutter$} | {:caret$}^",
                        "", "", ""
                    )?;
                }
                Ok(())
            }
            LoadError::Invalid { origin, problems } => {
                let n = problems.len();
                write!(
                    f,
                    "{origin}: {n} problem{} found",
                    if n == 1 { "" } else { "s" }
                )?;
                for p in problems {
                    write!(f, "\n{origin}")?;
                    if let Some(line) = p.line {
                        write!(f, ":{line}")?;
                        if let Some(col) = p.column {
                            write!(f, ":{col}")?;
                        }
                    }
                    let pr = &p.problem;
                    if pr.field.is_empty() {
                        write!(f, ": {}: {}", pr.record, pr.message)?;
                    } else {
                        write!(f, ": {}: {}: {}", pr.record, pr.field, pr.message)?;
                    }
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// Loads the dataset compiled into the binary.
pub fn load_embedded() -> Result<Dataset, LoadError> {
    load_str(EMBEDDED, EMBEDDED_NAME)
}

/// Loads and validates a dataset file.
pub fn load_path(path: &Path) -> Result<Dataset, LoadError> {
    let origin = printable(&path.display().to_string());
    let io = |e: std::io::Error| LoadError::Io {
        origin: origin.clone(),
        message: e.to_string(),
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(LoadError::Io {
            origin,
            message: "is a directory".into(),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            origin,
            bytes: meta.len(),
        });
    }
    let bytes = read_checked(file, meta.len(), &origin)?;
    // `read_checked` has checked the encoding; this never fails.
    let text =
        std::str::from_utf8(&bytes).map_err(|e| binary_error(&bytes, e.valid_up_to(), &origin))?;
    let text = line_breaks(text);
    let parsed = parse(&text, &origin)?;
    // The parsed records own their strings: free the file's text before the
    // checks across records, so a large dataset is not held twice. Only a
    // semantic error needs the text again (for line numbers): re-read then.
    drop(text);
    drop(bytes);
    parsed.validate().map_err(|problems| {
        let bytes = std::fs::read(path).unwrap_or_default();
        let text = std::str::from_utf8(&bytes).unwrap_or_default();
        locate(&line_breaks(text), &origin, problems)
    })
}

/// Reads a file of at most [`MAX_FILE_BYTES`] in pieces, refusing it as soon
/// as a piece shows it is not text (a NUL byte or invalid UTF-8).
fn read_checked(file: std::fs::File, size: u64, origin: &str) -> Result<Vec<u8>, LoadError> {
    let io = |e: std::io::Error| LoadError::Io {
        origin: origin.to_string(),
        message: e.to_string(),
    };
    // Read at most one byte past the limit, in case the file grows or lies about its size.
    let mut reader = file.take(MAX_FILE_BYTES + 1);
    let mut bytes = Vec::with_capacity(size.min(MAX_FILE_BYTES) as usize);
    // Everything before `checked` is UTF-8 without NUL bytes.
    let mut checked = 0;
    loop {
        let n = (&mut reader)
            .take(READ_CHUNK)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(LoadError::TooLarge {
                origin: origin.to_string(),
                bytes: bytes.len() as u64,
            });
        }
        let complete = n == 0;
        match first_binary_byte(&bytes[checked..], complete) {
            Ok(good) => checked += good,
            Err(bad) => return Err(binary_error(&bytes, checked + bad, origin)),
        }
        if complete {
            return Ok(bytes);
        }
    }
}

/// How many leading bytes are UTF-8 text without NUL bytes (stopping before
/// a character cut off at the end, unless the input is `complete`), or the
/// offset of the first byte that is not.
fn first_binary_byte(bytes: &[u8], complete: bool) -> Result<usize, usize> {
    let (valid, broken) = match std::str::from_utf8(bytes) {
        Ok(_) => (bytes.len(), false),
        // `error_len` is `None` for a sequence cut off by the end.
        Err(e) => (e.valid_up_to(), complete || e.error_len().is_some()),
    };
    match memchr::memchr(0, &bytes[..valid]) {
        Some(nul) => Err(nul),
        None if broken => Err(valid),
        None => Ok(valid),
    }
}

/// The error for the byte at `at`: a NUL byte or the start of invalid UTF-8.
fn binary_error(bytes: &[u8], at: usize, origin: &str) -> LoadError {
    // Everything before `at` is valid UTF-8.
    let prefix = std::str::from_utf8(&bytes[..at]).unwrap_or("");
    let message = match bytes.get(at) {
        Some(0) => format!(
            "the file contains a NUL byte (offset {at}); a dataset is text, not binary data"
        ),
        Some(bad) => format!("the file is not valid UTF-8 (byte 0x{bad:02X} at offset {at})"),
        None => format!("the file is not valid UTF-8 (it ends inside a character, at offset {at})"),
    };
    let prefix = line_breaks(prefix);
    let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
    let column = prefix[line_start..].chars().count() + 1;
    LoadError::Syntax {
        origin: origin.to_string(),
        line: count_newlines(prefix.as_bytes()) + 1,
        column,
        message,
        excerpt: Some(excerpt_line(
            &prefix[line_start..],
            prefix.len() - line_start,
        )),
    }
}

/// Loads a dataset from raw bytes; `origin` names it in errors.
pub fn load_bytes(bytes: &[u8], origin: &str) -> Result<Dataset, LoadError> {
    load_str(utf8(bytes, origin)?, origin)
}

/// The bytes as text, or an error at the first NUL byte or invalid UTF-8.
fn utf8<'a>(bytes: &'a [u8], origin: &str) -> Result<&'a str, LoadError> {
    match first_binary_byte(bytes, true) {
        Err(at) => Err(binary_error(bytes, at, origin)),
        // Checked just above; never fails.
        Ok(_) => {
            std::str::from_utf8(bytes).map_err(|e| binary_error(bytes, e.valid_up_to(), origin))
        }
    }
}

/// Loads a dataset from text; `origin` names it in errors.
pub fn load_str(text: &str, origin: &str) -> Result<Dataset, LoadError> {
    if let Some(nul) = memchr::memchr(0, text.as_bytes()) {
        return Err(binary_error(text.as_bytes(), nul, origin));
    }
    let text = line_breaks(text);
    parse(&text, origin)?
        .validate()
        .map_err(|problems| locate(&text, origin, problems))
}

/// The text with every lone carriage return (old Mac line ends) made a line
/// feed, so lines and comments end where the author sees them end. Windows
/// line ends (CR LF) are left alone; text without lone CRs is not copied.
fn line_breaks(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes.get(i + 1) != Some(&b'\n');
    if !memchr::memchr_iter(b'\r', bytes).any(lone) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for i in memchr::memchr_iter(b'\r', bytes).filter(|&i| lone(i)) {
        out.push_str(&text[last..i]);
        out.push('\n');
        last = i + 1;
    }
    out.push_str(&text[last..]);
    std::borrow::Cow::Owned(out)
}

/// A parsed file: raw records, or records already checked one by one
/// (large files, parsed in parallel).
enum Parsed {
    Raw(raw::Dataset),
    Checked(Parts),
}

impl Parsed {
    fn validate(self) -> Result<Dataset, Vec<Problem>> {
        match self {
            Parsed::Raw(raw) => validate(raw),
            Parsed::Checked(parts) => finish(parts),
        }
    }
}

/// Gives each semantic problem the line and column of its value.
fn locate(text: &str, origin: &str, problems: Vec<Problem>) -> LoadError {
    let map = SourceMap::build(text);
    let mut problems: Vec<LocatedProblem> = problems
        .into_iter()
        .map(|problem| {
            let pos = map.locate(&problem.path);
            LocatedProblem {
                problem,
                line: pos.map(|p| p.0),
                column: pos.map(|p| p.1),
            }
        })
        .collect();
    // Report in the order of the file, as a reader goes through it.
    problems.sort_by_key(|p| (p.line.unwrap_or(usize::MAX), p.column.unwrap_or(0)));
    LoadError::Invalid {
        origin: origin.to_string(),
        problems,
    }
}

/// The RON reader every dataset goes through: `Some(..)` may be omitted and
/// nesting is bounded.
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT)
}

fn parse(text: &str, origin: &str) -> Result<Parsed, LoadError> {
    // Some editors start UTF-8 files with a byte-order mark; it is not content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // ASCII whitespace is skipped byte by byte (fast); the rest by `trim`.
    // Only ASCII precedes the first other byte, so it is a character boundary.
    let first = super::split::skip_whitespace(text.as_bytes(), 0);
    let blank = text.get(first..).is_none_or(|rest| rest.trim().is_empty());
    if blank {
        return Err(LoadError::Syntax {
            origin: origin.to_string(),
            line: 1,
            column: 1,
            message: "the file is empty; a dataset starts with `Dataset(`".into(),
            excerpt: None,
        });
    }
    // Large files are parsed on every core when their layout allows it;
    // otherwise (and for every error) by the one sequential parser.
    if text.len() >= super::split::MIN_SPLIT_BYTES {
        match super::split::parse_parallel(text) {
            super::split::Outcome::Parsed(parts) => return Ok(Parsed::Checked(*parts)),
            // The sequential parser finds the error faster without what is
            // known to be fine (whitespace, records that parse).
            super::split::Outcome::Failed(skip) => {
                if let Some(e) = error_skipping(text, origin, &skip) {
                    return Err(e);
                }
            }
        }
    }
    ron_options()
        .from_str::<raw::Dataset>(text)
        .map(Parsed::Raw)
        .map_err(|e| syntax_error(text, origin, &e))
}

/// The sequential parser's error for `text`, found by parsing the text
/// without the `skip` ranges (ordered, disjoint, holding nothing it could
/// object to) and mapped back to `text`. `None` if that text parses (then
/// only the whole text can say what is wrong).
fn error_skipping(text: &str, origin: &str, skip: &[std::ops::Range<usize>]) -> Option<LoadError> {
    if skip.is_empty() {
        return None;
    }
    // Where each kept piece starts, in the short text and in `text`.
    let mut pieces: Vec<(usize, usize)> = Vec::with_capacity(skip.len() + 1);
    let mut short = String::new();
    let mut last = 0;
    for r in skip {
        pieces.push((short.len(), last));
        short.push_str(text.get(last..r.start)?);
        last = r.end;
    }
    pieces.push((short.len(), last));
    short.push_str(text.get(last..)?);
    let e = ron_options().from_str::<raw::Dataset>(&short).err()?;
    let at = offset_of(&short, e.span.start.line.max(1), e.span.start.col.max(1));
    // A position where a skipped range was is reported after it: the parser
    // reports the place before the whitespace that precedes a token.
    let piece = pieces
        .partition_point(|&(new, _)| new <= at)
        .checked_sub(1)?;
    let (new, old) = pieces[piece];
    Some(syntax_error_at(text, origin, &e.code, old + (at - new)))
}

/// Renders a RON error at its position, with the offending line and a caret.
pub fn syntax_error(text: &str, origin: &str, e: &ron::error::SpannedError) -> LoadError {
    let reported = offset_of(text, e.span.start.line.max(1), e.span.start.col.max(1));
    syntax_error_at(text, origin, &e.code, reported)
}

/// Renders a RON error reported at byte offset `reported`.
fn syntax_error_at(text: &str, origin: &str, code: &ron::Error, reported: usize) -> LoadError {
    // RON reports the position before the whitespace (and comments) that
    // precede the offending token, possibly lines earlier: point at the token.
    let mut token = skip_trivia(text, reported);
    let at_end = token >= text.len();
    let mut message = describe(code);
    if at_end && !matches!(code, ron::Error::Eof) {
        message = format!("the file ends too early ({message})");
    }
    if !at_end {
        if let Some((start, better)) = decimal_for_integer(text, token) {
            token = start;
            message = better;
        } else if matches!(code, ron::Error::ExpectedIdentifier)
            && let Some(hint) = quoted_variant_hint(text, token)
        {
            message = format!("{message}: {hint}");
        }
    }
    let at = if at_end { reported } else { token };
    let (line, column) = line_col(text, at);
    let start = memchr::memrchr(b'\n', &text.as_bytes()[..at.min(text.len())]).map_or(0, |i| i + 1);
    if let Some(open) = unclosed_string_before(text, start, line) {
        message = format!("{message} (a string may be unclosed on line {open})");
    }
    let rest = &text[start..];
    let source_line = &rest[..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())];
    let source_line = source_line.strip_suffix('\r').unwrap_or(source_line);
    LoadError::Syntax {
        origin: origin.to_string(),
        line,
        column,
        message,
        excerpt: Some(excerpt_line(source_line, at - start)),
    }
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
/// fewer lines).
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

/// Byte offset of a 1-based line and column (in characters), clamped to the text.
fn offset_of(text: &str, line: usize, col: usize) -> usize {
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

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = count_newlines(before.as_bytes()) + 1;
    let line_start = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The offset of the next character that is not whitespace or a comment.
fn skip_trivia(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        at = super::split::skip_whitespace(bytes, at);
        if bytes[at.min(bytes.len())..].starts_with(b"//") {
            at = memchr::memchr(b'\n', &bytes[at..]).map_or(text.len(), |i| at + i + 1);
        } else if bytes[at.min(bytes.len())..].starts_with(b"/*") {
            let mut depth = 0usize;
            while at < bytes.len() {
                if bytes[at..].starts_with(b"/*") {
                    depth += 1;
                    at += 2;
                } else if bytes[at..].starts_with(b"*/") {
                    depth -= 1;
                    at += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    at += 1;
                }
            }
        } else {
            return at.min(text.len());
        }
    }
}

/// A decimal number where an integer belongs (`order: 1.5`): RON reads the
/// `1` and then stumbles on `.5`. Returns where the number starts and the
/// message to give instead.
fn decimal_for_integer(text: &str, token: usize) -> Option<(usize, String)> {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    if b.get(token) != Some(&b'.') || !digit(token + 1) || token == 0 || !digit(token - 1) {
        return None;
    }
    let mut start = token;
    while start > 0 && (digit(start - 1) || b[start - 1] == b'-' || b[start - 1] == b'+') {
        start -= 1;
    }
    let mut end = token + 1;
    while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'.' || b[end] == b'_') {
        end += 1;
    }
    let number = text.get(start..end)?;
    let field = field_before(text, start)
        .map(|f| format!("`{f}` takes "))
        .unwrap_or_default();
    Some((
        start,
        format!(
            "Expected integer: {field}a whole number, not {}",
            super::text::printable(number)
        ),
    ))
}

/// The field name of `name: value` when `value` starts at `at`.
fn field_before(text: &str, at: usize) -> Option<&str> {
    let before = text.get(..at)?.trim_end_matches([' ', '\t']);
    let before = before.strip_suffix(':')?.trim_end_matches([' ', '\t']);
    let start = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    let name = &before[start..];
    (!name.is_empty() && name.len() <= 64).then_some(name)
}

/// For a string where an enum belongs (`kind: "Sister"`): the variants the
/// field takes, to be written without quotes.
fn quoted_variant_hint(text: &str, token: usize) -> Option<String> {
    if text.as_bytes().get(token) != Some(&b'"') {
        return None;
    }
    let field = field_before(text, token)?;
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
        "kind" => match enclosing_struct(text, token)? {
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

/// The name of the struct whose `(` encloses `at`, found by walking back
/// through the lines before it (dataset strings never span lines).
fn enclosing_struct(text: &str, at: usize) -> Option<&str> {
    const MAX_LINES: usize = 2_000;
    let mut end = at;
    let mut depth = 0usize;
    for _ in 0..MAX_LINES {
        let start = memchr::memrchr(b'\n', &text.as_bytes()[..end]).map_or(0, |i| i + 1);
        let line = &text[start..end];
        // Brackets and the identifier before each `(`, outside strings and comments.
        let mut marks: Vec<(u8, usize)> = Vec::new();
        let b = line.as_bytes();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'"' => {
                    i += 1;
                    while i < b.len() && b[i] != b'"' {
                        i += if b[i] == b'\\' { 2 } else { 1 };
                    }
                }
                b'/' if b.get(i + 1) == Some(&b'/') => break,
                c @ (b'(' | b')' | b'[' | b']' | b'{' | b'}') => marks.push((c, i)),
                _ => {}
            }
            i += 1;
        }
        for &(c, i) in marks.iter().rev() {
            match c {
                b')' | b']' | b'}' => depth += 1,
                _ if depth > 0 => depth -= 1,
                b'(' => {
                    let name = line[..i].trim_end();
                    let from = name
                        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .map_or(0, |k| k + 1);
                    return Some(&name[from..]).filter(|n| !n.is_empty());
                }
                _ => return None,
            }
        }
        if start == 0 {
            return None;
        }
        end = start - 1;
    }
    None
}

/// The line before `line` (which starts at byte `line_start`) that most
/// likely opened a string that never closed: the nearest earlier line with
/// a double quote, if it has an odd number of them (dataset strings never
/// span lines).
fn unclosed_string_before(text: &str, line_start: usize, line: usize) -> Option<usize> {
    const MAX_LINES: usize = 20;
    let bytes = text.as_bytes();
    let mut end = line_start.checked_sub(1)?;
    for k in 1..=MAX_LINES {
        let n = line.checked_sub(k).filter(|&n| n >= 1)?;
        let start = memchr::memrchr(b'\n', &bytes[..end]).map_or(0, |i| i + 1);
        let l = &bytes[start..end];
        // Count quotes up to a comment; a raw string or a quote character
        // literal makes the count meaningless.
        if l.windows(2).any(|w| w == b"r#" || w == b"r\"") || l.windows(3).any(|w| w == b"'\"'") {
            return None;
        }
        let mut quotes = 0;
        let mut in_string = false;
        let mut i = 0;
        while i < l.len() {
            match l[i] {
                b'\\' if in_string => i += 1,
                b'"' => {
                    quotes += 1;
                    in_string = !in_string;
                }
                b'/' if !in_string && l.get(i + 1) == Some(&b'/') => break,
                _ => {}
            }
            i += 1;
        }
        if quotes > 0 {
            return (quotes % 2 == 1).then_some(n);
        }
        if start == 0 {
            return None;
        }
        end = start - 1;
    }
    None
}

/// Width a tab takes in an excerpt.
const TAB: &str = "    ";

/// The source line cut to a readable window around byte `at` (a character
/// boundary), made printable (tabs as spaces), and the display column of the
/// caret within it. Only the window is read and copied, however long the line.
fn excerpt_line(line: &str, at: usize) -> (String, usize) {
    const BEFORE: usize = 60;
    const AFTER: usize = 40;
    let at = at.min(line.len());
    let start = line[..at]
        .char_indices()
        .rev()
        .nth(BEFORE - 1)
        .map_or(0, |(i, _)| i);
    let end = line[at..]
        .char_indices()
        .nth(AFTER)
        .map_or(line.len(), |(i, _)| at + i);
    let show = |s: &str| printable(&s.replace('\t', TAB));
    let mut shown = show(&line[start..end]);
    let mut prefix = show(&line[start..at]);
    if start > 0 {
        shown.insert(0, '…');
        prefix.insert(0, '…');
    }
    if end < line.len() {
        shown.push('…');
    }
    (shown, prefix.width())
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
    fn embedded_dataset_loads() {
        let d = load_embedded().unwrap_or_else(|e| panic!("{e}"));
        assert!(!d.partners.is_empty());
    }

    #[test]
    fn syntax_error_names_line_and_column_with_a_caret() {
        let text = "Dataset(\n    home: Home(name: \"x\",,\n";
        let err = load_str(text, "t.ron").unwrap_err().to_string();
        let first = err.lines().next().unwrap();
        assert!(first.starts_with("t.ron:2:"), "{err}");
        assert!(err.contains("2 |     home: Home(name: \"x\",,"), "{err}");
        assert!(
            err.lines().last().unwrap().trim_end().ends_with('^'),
            "{err}"
        );
    }

    #[test]
    fn caret_accounts_for_wide_characters() {
        // The 11th character, the space, is at byte 14.
        let (shown, caret) = excerpt_line("name: \"札幌\" x", 14);
        assert_eq!(shown, "name: \"札幌\" x");
        // 7 narrow + 2 wide (4 columns) + 1 narrow before the 11th char.
        assert_eq!(caret, 12);
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = load_bytes(b"Dataset(\n  home: \xff", "b.ron")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("b.ron:2:9: the file is not valid UTF-8"),
            "{err}"
        );
    }

    #[test]
    fn empty_file() {
        let err = load_str("  \n", "e.ron").unwrap_err().to_string();
        assert!(err.starts_with("e.ron:1:1: the file is empty"), "{err}");
    }

    #[test]
    fn skipping_what_is_known_good_finds_the_sequential_error() {
        use super::super::split::{Outcome, parse_parallel};
        let base = crate::synth::generate(200, 7);
        let mut rng = crate::synth::Rng::new(21);
        let pieces = [
            "(", ")", "[", "]", ",", "\"", "'", "//", "/*", "*/", "r#\"", ":", "x", "1.5", "\"s\"",
        ];
        let (mut compared, mut skipped) = (0, 0);
        for round in 0..400 {
            let mut text = base.clone().into_bytes();
            // Long blank runs, for the parser to skip.
            for _ in 0..rng.below(3) {
                let at = rng.below(text.len());
                let blank = if rng.below(2) == 0 { b'\n' } else { b' ' };
                text.splice(at..at, std::iter::repeat_n(blank, 5000));
            }
            for _ in 0..1 + rng.below(2) {
                let at = rng.below(text.len());
                match rng.below(3) {
                    0 => {
                        let p = rng.pick(&pieces).as_bytes();
                        text.splice(at..at, p.iter().copied());
                    }
                    1 => {
                        let end = (at + 1 + rng.below(20)).min(text.len());
                        text.drain(at..end);
                    }
                    _ if round % 4 == 0 => text.truncate(at),
                    _ => {}
                }
            }
            let Ok(text) = String::from_utf8(text) else {
                continue;
            };
            let Err(e) = ron_options().from_str::<raw::Dataset>(&text) else {
                continue;
            };
            let want = syntax_error(&text, "t.ron", &e).to_string();
            if let Outcome::Failed(skip) = parse_parallel(&text)
                && let Some(got) = error_skipping(&text, "t.ron", &skip)
            {
                assert_eq!(got.to_string(), want, "skipping {skip:?}");
                compared += 1;
                skipped += usize::from(skip.iter().map(|r| r.len()).sum::<usize>() > 4000);
            }
        }
        assert!(compared > 100, "{compared}");
        assert!(skipped > 50, "{skipped}");
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        assert_eq!(line_breaks("a\rb\r\nc\r"), "a\nb\r\nc\n");
        assert!(matches!(
            line_breaks("a\r\nb"),
            std::borrow::Cow::Borrowed(_)
        ));
        let err = load_str("// x\rDataset(\r  home: 1,\r", "m.ron").unwrap_err();
        assert!(err.to_string().starts_with("m.ron:3:9: "), "{err}");
    }

    #[test]
    fn tabs_in_an_excerpt_are_spaces_and_the_caret_follows() {
        let (shown, caret) = excerpt_line("\ta\tb", 3);
        assert_eq!(shown, "    a    b");
        assert_eq!(caret, 9);
    }

    #[test]
    fn nul_bytes_are_refused_with_their_place() {
        let err = load_bytes(b"Dataset(\n  x\0", "z.ron")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("z.ron:2:4: the file contains a NUL byte (offset 12)"),
            "{err}"
        );
        // The same through the text entry point.
        let err2 = load_str("Dataset(\n  x\0", "z.ron")
            .unwrap_err()
            .to_string();
        assert_eq!(err, err2);
        // Whichever comes first: invalid UTF-8 before a NUL.
        let err = load_bytes(b"\xff\0", "z.ron").unwrap_err().to_string();
        assert!(
            err.contains("not valid UTF-8 (byte 0xFF at offset 0)"),
            "{err}"
        );
    }

    #[test]
    fn a_character_cut_off_at_the_end_of_a_piece_is_no_error() {
        // "札" is three bytes; split after the first, then complete.
        let bytes = "札".as_bytes();
        assert_eq!(first_binary_byte(&bytes[..1], false), Ok(0));
        assert_eq!(first_binary_byte(&bytes[..1], true), Err(0));
        assert_eq!(first_binary_byte(bytes, true), Ok(3));
        assert_eq!(first_binary_byte(b"ab\0", false), Err(2));
    }

    #[test]
    fn enum_hints_name_the_right_enum() {
        let text = "Dataset(events: [Event(id: \"e\", place: \"Bonn (DE)\", kind: \"Visit\")])";
        let at = text.find("\"Visit").unwrap();
        assert_eq!(enclosing_struct(text, at), Some("Event"));
        assert!(
            quoted_variant_hint(text, at)
                .unwrap()
                .contains("Agreement, Conference, Visit")
        );
        let text = "Pending(\n  location: Location(lat: 1.0, lon: 2.0, geonames: 1),\n  status: \"Intent\",";
        let at = text.find("\"Intent").unwrap();
        assert_eq!(enclosing_struct(text, at), Some("Pending"));
        assert_eq!(
            quoted_variant_hint(text, at).as_deref(),
            Some("`status` is one of Intent, Lead, written without quotes")
        );
        // Not a field that takes an enum.
        let text = "Partner(name: \"x\"";
        assert_eq!(quoted_variant_hint(text, text.find('"').unwrap()), None);
    }

    #[test]
    fn unclosed_string_hint_needs_an_odd_line_before() {
        let text = "a: \"x\",\nb: \"y,\n\nc: \"z\",\n";
        let line4 = text.find("c:").unwrap();
        assert_eq!(unclosed_string_before(text, line4, 4), Some(2));
        let text = "a: \"x\",\nb: \"y\",\nc: 1,\n";
        let line3 = text.find("c:").unwrap();
        assert_eq!(unclosed_string_before(text, line3, 3), None);
        // An escaped quote does not count.
        let text = "b: \"say \\\"hi\\\"\",\nc\n";
        assert_eq!(
            unclosed_string_before(text, text.find("\nc").unwrap() + 1, 2),
            None
        );
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let text = format!("{}{}", "(".repeat(20_000), ")".repeat(20_000));
        let err = load_str(&text, "n.ron").unwrap_err().to_string();
        assert!(err.starts_with("n.ron:1:"), "{err}");
    }
}
