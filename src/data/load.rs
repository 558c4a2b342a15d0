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
    // Read at most one byte past the limit, in case the file grows or lies about its size.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            origin,
            bytes: bytes.len() as u64,
        });
    }
    let parsed = parse(utf8(&bytes, &origin)?, &origin)?;
    // The parsed records own their strings: free the file's text before the
    // checks across records, so a large dataset is not held twice. Only a
    // semantic error needs the text again (for line numbers): re-read then.
    drop(bytes);
    parsed.validate().map_err(|problems| {
        let text = std::fs::read(path)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default();
        locate(&text, &origin, problems)
    })
}

/// Loads a dataset from raw bytes; `origin` names it in errors.
pub fn load_bytes(bytes: &[u8], origin: &str) -> Result<Dataset, LoadError> {
    load_str(utf8(bytes, origin)?, origin)
}

/// The bytes as text, or an error at the first invalid byte.
fn utf8<'a>(bytes: &'a [u8], origin: &str) -> Result<&'a str, LoadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // The prefix is valid UTF-8 by construction.
            let prefix = std::str::from_utf8(good).unwrap_or("");
            let line = prefix.matches('\n').count() + 1;
            let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
            let column = prefix[line_start..].chars().count() + 1;
            let bad = bytes[e.valid_up_to()];
            Err(LoadError::Syntax {
                origin: origin.to_string(),
                line,
                column,
                message: format!(
                    "the file is not valid UTF-8 (byte 0x{bad:02X} at offset {})",
                    e.valid_up_to()
                ),
                excerpt: Some(excerpt_line(&prefix[line_start..], column)),
            })
        }
    }
}

/// Loads a dataset from text; `origin` names it in errors.
pub fn load_str(text: &str, origin: &str) -> Result<Dataset, LoadError> {
    parse(text, origin)?
        .validate()
        .map_err(|problems| locate(text, origin, problems))
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
    if text.trim().is_empty() {
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
    if text.len() >= super::split::MIN_SPLIT_BYTES
        && let Some(parts) = super::split::parse_parallel(text)
    {
        return Ok(Parsed::Checked(parts));
    }
    ron_options()
        .from_str::<raw::Dataset>(text)
        .map(Parsed::Raw)
        .map_err(|e| syntax_error(text, origin, &e))
}

/// Renders a RON error at its position, with the offending line and a caret.
pub fn syntax_error(text: &str, origin: &str, e: &ron::error::SpannedError) -> LoadError {
    // RON reports the position before the whitespace (and comments) that
    // precede the offending token, possibly lines earlier: point at the token.
    let reported = offset_of(text, e.span.start.line.max(1), e.span.start.col.max(1));
    let token = skip_trivia(text, reported);
    let at_end = token >= text.len();
    let (line, column) = line_col(text, if at_end { reported } else { token });
    let mut message = describe(&e.code);
    if at_end && !matches!(e.code, ron::Error::Eof) {
        message = format!("the file ends too early ({message})");
    }
    let source_line = text
        .split('\n')
        .nth(line - 1)
        .map(|l| l.strip_suffix('\r').unwrap_or(l));
    let excerpt = source_line.map(|l| excerpt_line(l, column));
    LoadError::Syntax {
        origin: origin.to_string(),
        line,
        column,
        message,
        excerpt,
    }
}

/// Byte offset of a 1-based line and column (in characters), clamped to the text.
fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let rest = &text[start..];
    let line_len = rest.find('\n').unwrap_or(rest.len());
    start
        + rest[..line_len]
            .char_indices()
            .nth(col - 1)
            .map_or(line_len, |(i, _)| i)
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The offset of the next character that is not whitespace or a comment.
fn skip_trivia(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        while at < bytes.len() && (bytes[at] as char).is_ascii_whitespace() {
            at += 1;
        }
        if bytes[at..].starts_with(b"//") {
            at = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        } else if bytes[at..].starts_with(b"/*") {
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

/// The source line cut to a readable window around the column, made
/// printable, and the display column of the caret within it.
fn excerpt_line(line: &str, column: usize) -> (String, usize) {
    const BEFORE: usize = 60;
    const AFTER: usize = 40;
    let chars: Vec<char> = line.chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    let start = at.saturating_sub(BEFORE);
    let end = (at + AFTER).min(chars.len());
    let mut shown: String = chars[start..end].iter().collect();
    shown = printable(&shown);
    let mut prefix: String = printable(&chars[start..at].iter().collect::<String>());
    if start > 0 {
        shown.insert(0, '…');
        prefix.insert(0, '…');
    }
    if end < chars.len() {
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
        let (shown, caret) = excerpt_line("name: \"札幌\" x", 11);
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
    fn deep_nesting_is_refused_quickly() {
        let text = format!("{}{}", "(".repeat(20_000), ")".repeat(20_000));
        let err = load_str(&text, "n.ron").unwrap_err().to_string();
        assert!(err.starts_with("n.ron:1:"), "{err}");
    }
}
