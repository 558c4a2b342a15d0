//! Reading a dataset file: bytes → UTF-8 → RON → validated [`Dataset`], with
//! errors that name the file, line and column (or the record and field).
//!
//! This is the sequential path. Large files are first tried on every core
//! by [`super::split`], which shares only the RON options
//! ([`super::dialect`]) with it; every error message comes from here.

use std::fmt;
use std::path::Path;

use super::diagnostic::{Diagnostic, Excerpt, render};
use super::dialect::{normalize, ron_options};
use super::lexer::{LineCursor, skip_ascii_whitespace};
use super::locate::locate;
use super::model::Dataset;
use super::raw;
use super::read::{NotText, ReadError, read_text, utf8};
use super::split::{MIN_SPLIT_BYTES, Outcome, parse_parallel};
use super::syntax::{offset_of, syntax_error, syntax_error_at};
use super::text::printable;
use super::validate::{Parts, Problem, finish, validate};

#[cfg(test)]
use super::{
    diagnostic::excerpt_line,
    dialect::line_breaks,
    read::first_binary_byte,
    syntax::{enclosing_struct, quoted_variant_hint, unclosed_string_before},
};

/// The dataset compiled into the binary.
pub const EMBEDDED: &str = include_str!("../../data/shenyang.ron");
/// Name under which errors in the embedded dataset are reported.
pub const EMBEDDED_NAME: &str = "data/shenyang.ron (embedded)";

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

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
        excerpt: Option<Excerpt>,
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

impl From<Diagnostic> for LoadError {
    fn from(d: Diagnostic) -> Self {
        let (line, column) = d.position.unwrap_or((1, 1));
        LoadError::Syntax {
            origin: d.origin,
            line,
            column,
            message: d.message,
            excerpt: d.excerpt,
        }
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
            } => render(f, origin, Some((*line, *column)), message, excerpt.as_ref()),
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
    let text = read_text(path, MAX_FILE_BYTES).map_err(|e| read_error(e, &origin))?;
    let normal = normalize(&text);
    let parsed = parse(&normal, &origin)?;
    // The parsed records own their strings: free the file's text before the
    // checks across records, so a large dataset is not held twice. Only a
    // semantic error needs the text again (for line numbers): re-read then.
    drop(normal);
    drop(text);
    parsed.validate().map_err(|problems| {
        let text = read_text(path, MAX_FILE_BYTES).unwrap_or_default();
        locate_problems(&normalize(&text), &origin, problems)
    })
}

/// A failed read as the loader reports it.
fn read_error(e: ReadError, origin: &str) -> LoadError {
    match e {
        ReadError::Io(message) => LoadError::Io {
            origin: origin.to_string(),
            message,
        },
        ReadError::TooLarge { bytes, .. } => LoadError::TooLarge {
            origin: origin.to_string(),
            bytes,
        },
        ReadError::NotText(e) => binary_error(&e, origin),
    }
}

/// The error for bytes that are not text: a NUL byte or invalid UTF-8.
fn binary_error(e: &NotText, origin: &str) -> LoadError {
    e.diagnostic(origin, "a dataset").into()
}

/// Loads a dataset from raw bytes; `origin` names it in errors.
pub fn load_bytes(bytes: &[u8], origin: &str) -> Result<Dataset, LoadError> {
    load_str(utf8(bytes).map_err(|e| binary_error(&e, origin))?, origin)
}

/// Loads a dataset from text; `origin` names it in errors.
pub fn load_str(text: &str, origin: &str) -> Result<Dataset, LoadError> {
    if let Some(nul) = memchr::memchr(0, text.as_bytes()) {
        return Err(binary_error(
            &super::read::not_text(text.as_bytes(), nul),
            origin,
        ));
    }
    let text = normalize(text);
    parse(&text, origin)?
        .validate()
        .map_err(|problems| locate_problems(&text, origin, problems))
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

/// Gives each semantic problem the line and column of its value, placing
/// only their paths, in one pass over the text.
fn locate_problems(text: &str, origin: &str, problems: Vec<Problem>) -> LoadError {
    let places = locate(
        text,
        &problems.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(),
    );
    let mut order: Vec<usize> = (0..problems.len()).collect();
    order.sort_by_key(|&i| places[i].map_or(usize::MAX, |p| p.place.start()));
    let mut positions = vec![None; problems.len()];
    let mut cursor = LineCursor::new(text);
    for i in order {
        if let Some(found) = places[i] {
            positions[i] = Some(cursor.line_col(found.place.start()));
        }
    }
    let mut problems: Vec<LocatedProblem> = problems
        .into_iter()
        .zip(positions)
        .map(|(problem, pos)| LocatedProblem {
            problem,
            line: pos.map(|p| p.0),
            column: pos.map(|p| p.1),
        })
        .collect();
    // Report in the order of the file, as a reader goes through it.
    problems.sort_by_key(|p| (p.line.unwrap_or(usize::MAX), p.column.unwrap_or(0)));
    LoadError::Invalid {
        origin: origin.to_string(),
        problems,
    }
}

/// Parses normalized text ([`normalize`]).
fn parse(text: &str, origin: &str) -> Result<Parsed, LoadError> {
    // ASCII whitespace is skipped byte by byte (fast); the rest by `trim`.
    // Only ASCII precedes the first other byte, so it is a character boundary.
    let first = skip_ascii_whitespace(text.as_bytes(), 0);
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
    if text.len() >= MIN_SPLIT_BYTES {
        match parse_parallel(text) {
            Outcome::Parsed(parts) => return Ok(Parsed::Checked(*parts)),
            // The sequential parser finds the error faster without what is
            // known to be fine (whitespace, records that parse).
            Outcome::Failed(skip) => {
                if let Some(e) = error_skipping(text, origin, &skip) {
                    return Err(e);
                }
            }
        }
    }
    ron_options()
        .from_str::<raw::Dataset>(text)
        .map(Parsed::Raw)
        .map_err(|e| syntax_error(text, origin, &e).into())
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
    Some(syntax_error_at(text, origin, &e.code, old + (at - new)).into())
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

    #[test]
    fn one_semantic_problem_in_a_big_file_costs_about_as_much_as_none() {
        // Placing one problem used to map every value path of the file
        // (3.8 s and 370 MB for 100,000 partners, against 0.97 s valid;
        // here 2.3 times the valid cost). Now it is one lexer pass.
        let valid = crate::synth::generate(20_000, 8);
        let last = valid.rfind("country: \"").unwrap();
        let broken = format!("{}country: \"XX{}", &valid[..last], &valid[last + 10..]);
        let time = |text: &str| {
            let start = std::time::Instant::now();
            let outcome = load_str(text, "big.ron").map(|_| ());
            (start.elapsed(), outcome)
        };
        let (valid_time, ok) = time(&valid);
        assert!(ok.is_ok());
        let (broken_time, err) = time(&broken);
        let err = err.unwrap_err().to_string();
        assert!(
            err.starts_with("big.ron: 1 problem found\nbig.ron:"),
            "{err}"
        );
        assert!(err.contains(": country: "), "{err}");
        let ratio = broken_time.as_secs_f64() / valid_time.as_secs_f64();
        assert!(ratio < 1.8, "{broken_time:?} against {valid_time:?}");
    }
}
