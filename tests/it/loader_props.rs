//! Property tests of the dataset loader, called as a library: whatever bytes
//! it is given, it returns a dataset or an error report that names the file
//! (and, for syntax errors, a line and column inside it); it never panics and
//! never lets a control character from the input into the report.

use proptest::prelude::*;
use proptest::sample::Index;

use shenyang_partners::data::load::EMBEDDED;
use shenyang_partners::data::{LoadError, load_bytes, load_str};

const ORIGIN: &str = "fuzz.ron";

/// Characters that must never reach a terminal from a report: controls other
/// than the line break, and the bidirectional embeddings, overrides and isolates.
fn unsafe_for_terminal(c: char) -> bool {
    (c.is_control() && c != '\n')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || c == '\u{2028}'
        || c == '\u{2029}'
}

/// Lines as the loader counts them: a line feed ends a line, and so does a
/// carriage return that no line feed follows (old Mac files).
fn line_count(input: &[u8]) -> usize {
    let lone_cr = input
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' && input.get(i + 1) != Some(&b'\n'))
        .count();
    input.iter().filter(|&&b| b == b'\n').count() + lone_cr + 1
}

/// Checks an error report against the input it was produced from.
fn check_report(err: &LoadError, input: &[u8]) -> Result<(), TestCaseError> {
    let text = err.to_string();
    prop_assert!(
        text.starts_with(ORIGIN),
        "report does not start with the file name: {text:?}"
    );
    if let Some(c) = text.chars().find(|&c| unsafe_for_terminal(c)) {
        return Err(TestCaseError::fail(format!(
            "report contains U+{:04X}: {text:?}",
            c as u32
        )));
    }
    match err {
        LoadError::Syntax {
            line,
            column,
            excerpt,
            ..
        } => {
            let head = format!("{ORIGIN}:{line}:{column}: ");
            prop_assert!(text.starts_with(&head), "{text:?} lacks {head:?}");
            prop_assert!(*line >= 1 && *column >= 1, "{text:?}");
            prop_assert!(
                *line <= line_count(input),
                "line {line} is past the end of a {}-line input",
                line_count(input)
            );
            let lines: Vec<&str> = text.lines().collect();
            if excerpt.is_some() {
                prop_assert_eq!(lines.len(), 4, "{:?}", text);
                prop_assert!(lines[2].starts_with(&format!("{line} | ")), "{:?}", text);
                prop_assert!(lines[3].ends_with('^'), "{:?}", text);
            } else {
                prop_assert_eq!(lines.len(), 1, "{:?}", text);
            }
        }
        LoadError::Invalid { problems, .. } => {
            let n = problems.len();
            prop_assert!(n > 0);
            let lines: Vec<&str> = text.lines().collect();
            let count = format!(
                "{ORIGIN}: {n} problem{} found",
                if n == 1 { "" } else { "s" }
            );
            prop_assert_eq!(lines[0], count.as_str());
            prop_assert_eq!(lines.len(), 1 + n, "every problem is listed");
            for l in &lines[1..] {
                prop_assert!(l.starts_with(&format!("{ORIGIN}:")), "{:?}", l);
            }
            for p in problems {
                if let Some(line) = p.line {
                    prop_assert!(line <= line_count(input));
                }
            }
        }
        LoadError::Io { .. } | LoadError::TooLarge { .. } => {
            return Err(TestCaseError::fail(format!(
                "bytes in memory cannot fail to be read: {text}"
            )));
        }
    }
    Ok(())
}

/// Loads bytes; an error must be a well-formed report.
fn load_and_check(input: &[u8]) -> Result<bool, TestCaseError> {
    match load_bytes(input, ORIGIN) {
        Ok(_) => Ok(true),
        Err(e) => check_report(&e, input).map(|()| false),
    }
}

/// RON punctuation and fragments that make a parser take unusual paths.
const PUNCTUATION: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "'",
    "r#\"",
    "\"#",
    "//",
    "/*",
    "*/",
    "\\",
    "\\u{",
    "Some(",
    "None",
    "#![enable(implicit_some)]",
    "-",
    ".",
    "e",
    "inf",
    "NaN",
    "0x",
    "\n",
    "\r\n",
    " ",
    "\u{feff}",
    "\u{1b}[31m",
    "\u{202e}",
];

/// Characters worth trying in place of another: controls, quotes, escapes,
/// wide and combining characters.
const NASTY: &[char] = &[
    '\0', '\u{7}', '\t', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}', '\u{202e}', '\u{2066}',
    '\u{2028}', '\u{feff}', '"', '\\', '(', ')', '[', ']', ',', ':', 'é', '\u{301}', '札', '😀',
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete(Index, usize),
    Duplicate(Index, usize),
    InsertBytes(Index, Vec<u8>),
    InsertPunctuation(Index, &'static str),
    ReplaceChar(Index, char),
    Truncate(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let any_char = prop_oneof![any::<char>(), proptest::sample::select(NASTY)];
    prop_oneof![
        (any::<Index>(), 1usize..200).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<Index>(), 1usize..200).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        (
            any::<Index>(),
            proptest::collection::vec(any::<u8>(), 1..16)
        )
            .prop_map(|(i, b)| Mutation::InsertBytes(i, b)),
        (any::<Index>(), proptest::sample::select(PUNCTUATION))
            .prop_map(|(i, p)| Mutation::InsertPunctuation(i, p)),
        (any::<Index>(), any_char).prop_map(|(i, c)| Mutation::ReplaceChar(i, c)),
        any::<Index>().prop_map(Mutation::Truncate),
    ]
}

/// Applies a mutation to text held as bytes (the result may not be UTF-8).
fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len();
    match m {
        Mutation::Delete(at, n) => {
            let start = at.index(len);
            let end = (start + n).min(len);
            bytes.drain(start..end);
        }
        Mutation::Duplicate(at, n) => {
            let start = at.index(len);
            let end = (start + n).min(len);
            let copy = bytes[start..end].to_vec();
            bytes.splice(end..end, copy);
        }
        Mutation::InsertBytes(at, new) => {
            let pos = at.index(len + 1);
            bytes.splice(pos..pos, new.iter().copied());
        }
        Mutation::InsertPunctuation(at, p) => {
            let pos = at.index(len + 1);
            bytes.splice(pos..pos, p.bytes());
        }
        Mutation::ReplaceChar(at, c) => {
            // Replace a whole character when the bytes are still UTF-8.
            match String::from_utf8(std::mem::take(bytes)) {
                Ok(mut text) => {
                    let n = text.chars().count();
                    if n > 0 {
                        let (pos, old) = text.char_indices().nth(at.index(n)).unwrap();
                        text.replace_range(pos..pos + old.len_utf8(), c.encode_utf8(&mut [0; 4]));
                    }
                    *bytes = text.into_bytes();
                }
                Err(e) => *bytes = e.into_bytes(),
            }
        }
        Mutation::Truncate(at) => {
            let pos = at.index(len + 1);
            bytes.truncate(pos);
        }
    }
}

/// A few tokens of RON-like text, to reach deeper into the parser than
/// uniformly random bytes do.
fn token_soup() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        proptest::sample::select(PUNCTUATION).prop_map(str::to_string),
        proptest::sample::select(
            &[
                "Dataset",
                "home",
                "Home",
                "partners",
                "Partner",
                "events",
                "Event",
                "institutions",
                "official_totals",
                "OfficialTotal",
                "id",
                "name",
                "country",
                "kind",
                "Sister",
                "sources",
                "summary",
                "confidence",
                "Official",
                "Location",
                "lat",
                "lon",
                "true",
            ][..]
        )
        .prop_map(str::to_string),
        "\"[a-zA-Z0-9 :/.-]{0,12}\"",
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| f.to_string()),
    ];
    proptest::collection::vec(token, 0..120).prop_map(|t| t.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Random bytes are never a dataset, and the error says where.
    #[test]
    fn arbitrary_bytes_are_refused_with_a_report(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let loaded = load_and_check(&bytes)?;
        prop_assert!(!loaded, "random bytes were accepted as a dataset");
    }

    /// Random RON-like token sequences are refused cleanly too.
    #[test]
    fn token_soup_is_refused_with_a_report(text in token_soup()) {
        let loaded = load_and_check(text.as_bytes())?;
        prop_assert!(!loaded, "token soup was accepted: {text:?}");
        // The same text through the `&str` entry point gives the same report.
        let via_str = load_str(&text, ORIGIN).err().map(|e| e.to_string());
        let via_bytes = load_bytes(text.as_bytes(), ORIGIN).err().map(|e| e.to_string());
        prop_assert_eq!(via_str, via_bytes);
    }

    /// Damaging the real dataset never panics; an error is a proper report.
    #[test]
    fn mutated_dataset_never_panics(mutations in proptest::collection::vec(mutation(), 1..4)) {
        let mut bytes = EMBEDDED.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        load_and_check(&bytes)?;
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let via_str = load_str(text, ORIGIN).err().map(|e| e.to_string());
            let via_bytes = load_bytes(&bytes, ORIGIN).err().map(|e| e.to_string());
            prop_assert_eq!(via_str, via_bytes);
        }
    }

    /// Cutting the dataset anywhere before its final `)` always leaves an
    /// incomplete file, which must be refused.
    #[test]
    fn truncated_dataset_is_always_refused(at in any::<Index>()) {
        let end = EMBEDDED.rfind(')').unwrap();
        let cut = at.index(end + 1);
        let bytes = &EMBEDDED.as_bytes()[..cut];
        let loaded = load_and_check(bytes)?;
        prop_assert!(!loaded, "a dataset cut at byte {cut} was accepted");
    }
}

#[test]
fn the_unmutated_dataset_loads() {
    // Guards the properties above: they start from a valid file.
    let data = load_str(EMBEDDED, ORIGIN).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(data.partners.len(), 40);
    // 120 recorded events and 17 rows derived from the partner records
    // (14 foundings) and the unidentified sister cities (3 placeholders).
    assert_eq!(data.events.len(), 137);
    assert_eq!(data.events.iter().filter(|e| e.is_derived()).count(), 17);
    assert_eq!(data.institutions.len(), 20);
    let data = load_bytes(EMBEDDED.as_bytes(), ORIGIN).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(data.partners.len(), 40);
    assert_eq!(data.events.len(), 137);
}
