//! Parsing a large dataset on every core.
//!
//! RON has one sequential parser, so a dataset of 100,000 partners would
//! spend most of its load time in one thread. This module finds, in one fast
//! byte scan, where each top-level field's value and each record of the big
//! lists begins and ends, and parses those pieces in parallel with the same
//! RON options. It is only a shortcut: when the layout is anything but a
//! plain `Dataset( key: value, … )` with known keys, or when any piece fails
//! to parse, the caller parses the whole file sequentially instead, which
//! gives the canonical error message with its line and column.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use super::load::ron_options;
use super::raw;
use super::validate::{Checked, Parts, check_event, check_institution, check_partner};

/// Below this size the sequential parser is as fast; don't bother splitting.
pub const MIN_SPLIT_BYTES: usize = 1 << 20;

/// Where the values of the top-level fields are, and the records of the lists.
#[derive(Debug, Default)]
struct Layout {
    home: Option<Range<usize>>,
    official_totals: Option<Range<usize>>,
    official_institutions: Option<Range<usize>>,
    partners: Option<Vec<Range<usize>>>,
    events: Option<Vec<Range<usize>>>,
    institutions: Option<Vec<Range<usize>>>,
}

/// Parses `text` in parallel pieces, checking each record as soon as it is
/// parsed (so the unchecked records never all exist at once), or returns
/// `None` to ask for the sequential parser (unusual layout, or an error).
pub(crate) fn parse_parallel(text: &str) -> Option<Parts> {
    let layout = scan(text.as_bytes())?;
    let piece = |r: &Range<usize>| text.get(r.clone());
    let home: raw::Home = parse_one(piece(layout.home.as_ref()?)?)?;
    let official_totals = parse_one(piece(layout.official_totals.as_ref()?)?)?;
    let official_institutions = match &layout.official_institutions {
        Some(r) => parse_one(piece(r)?)?,
        None => Vec::new(),
    };
    let none: &[Range<usize>] = &[];
    let (partners, (events, institutions)) = rayon::join(
        || parse_many(text, layout.partners.as_deref()?, check_partner),
        || {
            rayon::join(
                || parse_many(text, layout.events.as_deref().unwrap_or(none), check_event),
                || {
                    parse_many(
                        text,
                        layout.institutions.as_deref().unwrap_or(none),
                        check_institution,
                    )
                },
            )
        },
    );
    Some(Parts {
        home,
        official_totals,
        official_institutions,
        partners: partners?,
        events: events?,
        institutions: institutions?,
    })
}

fn parse_one<T: DeserializeOwned>(s: &str) -> Option<T> {
    ron_options().from_str(s).ok()
}

/// Parses and checks each record on all cores, in order; `None` if any
/// record does not parse.
fn parse_many<R, T>(
    text: &str,
    records: &[Range<usize>],
    check: fn(usize, R) -> Checked<T>,
) -> Option<Vec<Checked<T>>>
where
    R: DeserializeOwned,
    T: Send,
{
    let options = ron_options();
    let failed = AtomicBool::new(false);
    // Collected straight into one exactly sized vector; a record that does
    // not parse only raises the flag (the caller then parses sequentially).
    let checked: Vec<Checked<T>> = records
        .par_iter()
        .enumerate()
        .with_min_len(256)
        .map(|(i, r)| {
            match text
                .get(r.clone())
                .and_then(|s| options.from_str::<R>(s).ok())
            {
                Some(record) => check(i, record),
                None => {
                    failed.store(true, Ordering::Relaxed);
                    Checked::unparsed()
                }
            }
        })
        .collect();
    (!failed.load(Ordering::Relaxed)).then_some(checked)
}

/// One pass over the bytes: strings, characters and comments are skipped;
/// brackets are counted. Returns `None` for anything unexpected.
fn scan(b: &[u8]) -> Option<Layout> {
    let mut layout = Layout::default();
    let mut i = skip_trivia(b, 0)?;
    // `Dataset` (optional) then `(`.
    if b.get(i..i + 7) == Some(b"Dataset") {
        i = skip_trivia(b, i + 7)?;
    }
    if b.get(i) != Some(&b'(') {
        return None;
    }
    i += 1;
    loop {
        i = skip_trivia(b, i)?;
        match b.get(i)? {
            b')' => {
                // Only trivia may follow the dataset.
                let end = skip_trivia(b, i + 1)?;
                return (end == b.len()).then_some(layout);
            }
            c if c.is_ascii_alphabetic() || *c == b'_' => {}
            _ => return None,
        }
        let key_start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
            i += 1;
        }
        let key = &b[key_start..i];
        i = skip_trivia(b, i)?;
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = skip_trivia(b, i + 1)?;
        let list_field = matches!(key, b"partners" | b"events" | b"institutions");
        let (end, records) = value(b, i, list_field)?;
        let whole = i..end;
        let slot_taken = match key {
            b"home" => layout.home.replace(whole).is_some(),
            b"official_totals" => layout.official_totals.replace(whole).is_some(),
            b"official_institutions" => layout.official_institutions.replace(whole).is_some(),
            b"partners" => layout.partners.replace(records?).is_some(),
            b"events" => layout.events.replace(records?).is_some(),
            b"institutions" => layout.institutions.replace(records?).is_some(),
            _ => return None,
        };
        if slot_taken {
            return None;
        }
        i = skip_trivia(b, end)?;
        match b.get(i)? {
            b',' => i += 1,
            b')' => {}
            _ => return None,
        }
    }
}

/// Skips one value starting at `start`; returns where it ends and, for a
/// list whose records are wanted, each record's range.
fn value(b: &[u8], start: usize, want_records: bool) -> Option<(usize, Option<Vec<Range<usize>>>)> {
    let list = b.get(start) == Some(&b'[');
    if want_records && !list {
        return None;
    }
    let mut records = want_records.then(Vec::new);
    let mut record_start: Option<usize> = None;
    let mut depth = 0usize;
    let mut i = start;
    loop {
        let c = *b.get(i)?;
        let comment = c == b'/' && matches!(b.get(i + 1), Some(b'/' | b'*'));
        // Inside the list, a record starts at its first significant byte.
        if depth == 1
            && records.is_some()
            && record_start.is_none()
            && !(c.is_ascii_whitespace() || c == b',' || c == b']' || comment)
        {
            record_start = Some(i);
        }
        match c {
            b'"' => i = skip_string(b, i)?,
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#'))
                && !ident_char(b, i.wrapping_sub(1)) =>
            {
                i = skip_raw_string(b, i + 1)?;
            }
            b'\'' => i = skip_char(b, i)?,
            b'/' if comment => i = skip_trivia(b, i)?,
            b'(' | b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                if depth == 0 {
                    return Some((i, records));
                }
                depth -= 1;
                if depth == 0 {
                    if let (Some(list), Some(s)) = (records.as_mut(), record_start.take()) {
                        list.push(s..trim_end(b, s, i));
                    }
                    return Some((i + 1, records));
                }
                i += 1;
            }
            b',' if depth == 0 => return Some((i, records)),
            b',' if depth == 1 => {
                if let Some(list) = records.as_mut() {
                    // `[,` and `,,` are not RON: an empty record is an error.
                    let s = record_start.take()?;
                    list.push(s..trim_end(b, s, i));
                }
                i += 1;
            }
            _ if depth == 0 && c.is_ascii_whitespace() => return Some((i, records)),
            _ => i += 1,
        }
    }
}

fn ident_char(b: &[u8], i: usize) -> bool {
    b.get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

/// The end of a record: before the trailing trivia that precedes `end`.
fn trim_end(b: &[u8], start: usize, end: usize) -> usize {
    let mut e = end;
    while e > start && b[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    e
}

/// After the opening quote at `i`, the index just past the closing quote.
fn skip_string(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    loop {
        // Jump to the next quote or backslash (most of a dataset is strings).
        i += memchr::memchr2(b'"', b'\\', b.get(i..)?)?;
        match b[i] {
            b'\\' => i += 2,
            _ => return Some(i + 1),
        }
    }
}

/// After `r` at `i - 1`: `#`s, a quote, and the matching closing sequence.
fn skip_raw_string(b: &[u8], mut i: usize) -> Option<usize> {
    let mut hashes = 0;
    while b.get(i) == Some(&b'#') {
        hashes += 1;
        i += 1;
    }
    if b.get(i) != Some(&b'"') {
        return None;
    }
    i += 1;
    loop {
        if *b.get(i)? == b'"' && b.get(i + 1..i + 1 + hashes)?.iter().all(|&c| c == b'#') {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
}

/// A character literal: `'x'`, `'\n'` or `'\''`; the index past its end.
fn skip_char(b: &[u8], i: usize) -> Option<usize> {
    // The closing quote comes after one character, or after an escape.
    let from = if *b.get(i + 1)? == b'\\' {
        i + 3
    } else {
        i + 2
    };
    let close = b.get(from..)?.iter().position(|&c| c == b'\'')?;
    Some(from + close + 1)
}

/// Skips whitespace and comments; `None` inside an unterminated comment.
fn skip_trivia(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b.get(i..i + 2) == Some(b"//") {
            i = b[i..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(b.len(), |p| i + p + 1);
        } else if b.get(i..i + 2) == Some(b"/*") {
            let mut depth = 0usize;
            loop {
                if b.get(i..i + 2) == Some(b"/*") {
                    depth += 1;
                    i += 2;
                } else if b.get(i..i + 2) == Some(b"*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else if i < b.len() {
                    i += 1;
                } else {
                    return None;
                }
            }
        } else {
            return Some(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::EMBEDDED;
    use crate::data::validate::{finish, validate};

    /// The records of a dataset (not its hash-map indexes, whose debug
    /// order differs from one map to the next).
    fn shown(d: crate::data::Dataset) -> String {
        format!(
            "{:?}{:?}{:?}{:?}{:?}{:?}",
            d.home,
            d.official_totals,
            d.official_institutions,
            d.partners,
            d.events,
            d.institutions
        )
    }

    /// What the sequential parser and checker make of a text.
    fn sequential(text: &str) -> Result<String, String> {
        let raw: raw::Dataset = ron_options().from_str(text).map_err(|e| e.to_string())?;
        validate(raw).map(shown).map_err(|p| format!("{p:?}"))
    }

    fn parallel(text: &str) -> Option<Result<String, String>> {
        parse_parallel(text).map(|parts| finish(parts).map(shown).map_err(|p| format!("{p:?}")))
    }

    #[test]
    fn the_parallel_parse_equals_the_sequential_one() {
        for text in [EMBEDDED.to_string(), crate::synth::generate(500, 3)] {
            assert_eq!(parallel(&text).expect("plain layout"), sequential(&text));
        }
    }

    #[test]
    fn unusual_layouts_fall_back() {
        let good = crate::synth::generate(3, 1);
        assert!(parse_parallel(&good).is_some());
        // Unknown key, broken record, attribute header, trailing junk.
        for bad in [
            good.replacen("home:", "hom:", 1),
            good.replacen("Partner(id: \"p1\"", "Partner(id: 1", 1),
            format!("#![enable(implicit_some)]\n{good}"),
            format!("{good}\ngarbage"),
            good.replacen("events: [", "events: [Event(", 1),
            good.replacen("events: [", "events: [,", 1),
            String::new(),
            "Dataset(".to_string(),
            "Dataset(home: \"unterminated".to_string(),
        ] {
            assert!(parse_parallel(&bad).is_none(), "{bad:.80}");
        }
    }

    #[test]
    fn comments_between_records_are_fine() {
        let text = crate::synth::generate(3, 1).replacen(
            "partners: [",
            "partners: [ // a ], tricky ( comment\n /* nested /* ] */ ) */",
            1,
        );
        assert_eq!(
            parallel(&text).expect("comments are fine"),
            sequential(&text)
        );
    }

    #[test]
    fn semantic_problems_are_found_either_way() {
        let text = crate::synth::generate(20, 4).replacen("country: \"", "country: \"X", 1);
        let fast = parallel(&text).expect("parses");
        assert!(fast.is_err());
        assert_eq!(fast, sequential(&text));
    }

    #[test]
    fn whenever_the_fast_path_answers_it_agrees_with_the_sequential_parser() {
        let bases = [crate::synth::generate(40, 9), EMBEDDED.to_string()];
        let mut rng = crate::synth::Rng::new(5);
        let pieces = [
            "(", ")", "[", "]", ",", "\"", "'", "//", "/*", "*/", "r#\"", "#", ":", " ", "\n", "x",
        ];
        let mut answered = 0;
        for _ in 0..600 {
            let mut text = rng.pick(&bases).clone().into_bytes();
            for _ in 0..1 + rng.below(3) {
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
                    _ => text.truncate(at),
                }
            }
            let Ok(text) = String::from_utf8(text) else {
                continue;
            };
            if let Some(fast) = parallel(&text) {
                answered += 1;
                let slow = sequential(&text);
                assert!(
                    !slow.as_ref().is_err_and(|e| !e.starts_with('[')),
                    "fast path accepted what RON refuses ({slow:?}):\n{text}"
                );
                assert_eq!(fast, slow);
            }
        }
        assert!(
            answered > 0,
            "some harmless mutations should still take the fast path"
        );
    }
}
