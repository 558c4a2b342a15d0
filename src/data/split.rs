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
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use super::load::ron_options;
use super::raw;
use super::validate::{Checked, Hosts, Parts, check_event, check_institution, check_partner};

/// Below this size the sequential parser is as fast; don't bother splitting.
pub const MIN_SPLIT_BYTES: usize = 1 << 20;

/// A list of records: where it opens and closes and where each record is.
#[derive(Debug, Default)]
struct List {
    /// Offset of the `[`.
    open: usize,
    records: Vec<Record>,
    /// Offset of the closing bracket, if the scan got that far.
    close: Option<usize>,
}

#[derive(Debug)]
struct Record {
    range: Range<usize>,
    /// Just past the comma that follows the record, if one does.
    after_comma: Option<usize>,
}

/// What one scan found: where the values of the top-level fields are, the
/// records of the lists, long runs of whitespace outside values, and where
/// the scan gave up (anything it does not expect).
#[derive(Debug, Default)]
struct Scan {
    home: Option<Range<usize>>,
    source_hosts: Option<Range<usize>>,
    official_totals: Option<Range<usize>>,
    official_institutions: Option<Range<usize>>,
    unidentified: Option<Range<usize>>,
    pending: Option<Range<usize>>,
    conflicts: Option<Range<usize>>,
    partners: Option<List>,
    events: Option<List>,
    institutions: Option<List>,
    /// Whitespace that can be left out but for its first byte (see [`RUN`]).
    blank: Vec<Range<usize>>,
    /// Where the scan stopped understanding the file.
    failed_at: Option<usize>,
}

/// Runs of whitespace at least this long are noted, so the search for an
/// error can skip them (the sequential parser reads whitespace slowly).
const RUN: usize = 4096;

/// The result of the fast path.
pub(crate) enum Outcome {
    /// The whole file, parsed and each record checked.
    Parsed(Box<Parts>),
    /// The file does not parse, or not in this layout. These ranges hold
    /// nothing the sequential parser could object to (long whitespace, and
    /// whole records that parsed on their own), ordered and disjoint: it
    /// finds the same first error faster without them.
    Failed(Vec<Range<usize>>),
}

/// Parses `text` in parallel pieces, checking each record as soon as it is
/// parsed (so the unchecked records never all exist at once). When that
/// fails, says what the sequential parser may skip.
pub(crate) fn parse_parallel(text: &str) -> Outcome {
    let scan = scan(text.as_bytes());
    // Per list, how many leading records are known to parse; and the
    // earliest place known to be wrong.
    let mut good = [0usize; 3];
    let mut first_bad = scan.failed_at.unwrap_or(usize::MAX);
    if scan.failed_at.is_none() {
        match parse_pieces(text, &scan) {
            Ok(parts) => return Outcome::Parsed(Box::new(parts)),
            Err((bad, parsed)) => {
                first_bad = first_bad.min(bad);
                good = parsed;
            }
        }
    } else {
        // The scan stopped: the records it found before that point still
        // have to parse for the parser to skip them.
        for (slot, list) in good.iter_mut().zip(scan.lists()) {
            if let Some(list) = list {
                let before: Vec<&Record> = list
                    .records
                    .iter()
                    .take_while(|r| r.range.end <= first_bad)
                    .collect();
                *slot = leading_parsable(text, &before, list_parser(list, &scan));
                if *slot < before.len() {
                    first_bad = first_bad.min(before[*slot].range.start);
                }
            }
        }
    }
    Outcome::Failed(skippable(&scan, good, first_bad))
}

/// Which parser a list's records take.
fn list_parser(list: &List, scan: &Scan) -> fn(&str) -> bool {
    let is = |l: &Option<List>| l.as_ref().is_some_and(|l| std::ptr::eq(l, list));
    if is(&scan.partners) {
        parses::<raw::Partner>
    } else if is(&scan.events) {
        parses::<raw::Event>
    } else {
        parses::<raw::Institution>
    }
}

fn parses<T: DeserializeOwned>(s: &str) -> bool {
    ron_options().from_str::<T>(s).is_ok()
}

/// How many of the records, from the first, parse (on all cores).
fn leading_parsable(text: &str, records: &[&Record], parses: fn(&str) -> bool) -> usize {
    let ok: Vec<bool> = records
        .par_iter()
        .with_min_len(256)
        .map(|r| text.get(r.range.clone()).is_some_and(parses))
        .collect();
    ok.iter().position(|&b| !b).unwrap_or(ok.len())
}

/// The ranges the sequential parser may skip when looking for the first
/// error, which lies at or after `first_bad`.
fn skippable(scan: &Scan, good: [usize; 3], first_bad: usize) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = scan
        .blank
        .iter()
        .filter(|r| r.end <= first_bad)
        .cloned()
        .collect();
    for (list, good) in scan.lists().into_iter().zip(good) {
        let Some(list) = list else { continue };
        let good = list.records[..good.min(list.records.len())]
            .iter()
            .take_while(|r| r.range.end <= first_bad)
            .count();
        let whole = good == list.records.len() && list.close.is_some_and(|c| c < first_bad);
        if whole {
            // `[ … ]` becomes `[]`.
            out.push(list.open + 1..list.close.unwrap_or(list.open + 1));
        } else if let Some(after) = list.records
            // A file that ends inside the list is reported at its last
            // token: keep the last good record, so that token is still there.
            [..if list.close.is_none() { good.saturating_sub(1) } else { good }]
            .iter()
            .rev()
            .find_map(|r| r.after_comma)
        {
            // The good records and their commas go; what follows stays
            // exactly where the parser would meet it.
            out.push(list.open + 1..after);
        }
    }
    out.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged.retain(|r| !r.is_empty());
    merged
}

impl Scan {
    fn lists(&self) -> [Option<&List>; 3] {
        [
            self.partners.as_ref(),
            self.events.as_ref(),
            self.institutions.as_ref(),
        ]
    }
}

/// Parses every piece of a complete scan, or returns the earliest offset
/// known to be wrong (`usize::MAX` when a required piece is missing) and how
/// many leading records of each list parsed.
fn parse_pieces(text: &str, scan: &Scan) -> Result<Parts, (usize, [usize; 3])> {
    let mut bad = usize::MAX;
    let mut one = |r: &Option<Range<usize>>| -> Option<Option<&str>> {
        let Some(r) = r else { return Some(None) };
        match text.get(r.clone()) {
            Some(s) => Some(Some(s)),
            None => {
                bad = bad.min(r.start);
                None
            }
        }
    };
    let pieces = (
        one(&scan.home),
        one(&scan.official_totals),
        one(&scan.official_institutions),
        one(&scan.source_hosts),
        one(&scan.unidentified),
        one(&scan.pending),
        one(&scan.conflicts),
    );
    fn parsed<T: DeserializeOwned>(
        r: &Option<Range<usize>>,
        s: Option<Option<&str>>,
        bad: &mut usize,
    ) -> Option<T> {
        let value = parse_one(s??);
        if value.is_none()
            && let Some(r) = r
        {
            *bad = (*bad).min(r.start);
        }
        value
    }
    let home: Option<raw::Home> = parsed(&scan.home, pieces.0, &mut bad);
    let official_totals: Option<Vec<raw::OfficialTotal>> =
        parsed(&scan.official_totals, pieces.1, &mut bad);
    /// An optional field: absent is its default.
    fn optional<T: DeserializeOwned + Default>(
        r: &Option<Range<usize>>,
        s: Option<Option<&str>>,
        bad: &mut usize,
    ) -> Option<T> {
        match s {
            Some(None) => Some(T::default()),
            other => parsed(r, other, bad),
        }
    }
    let official_institutions: Option<Vec<raw::OfficialFigure>> =
        optional(&scan.official_institutions, pieces.2, &mut bad);
    let source_hosts: Option<raw::SourceHosts> = optional(&scan.source_hosts, pieces.3, &mut bad);
    let unidentified: Option<Vec<raw::Unidentified>> =
        optional(&scan.unidentified, pieces.4, &mut bad);
    let pending: Option<Vec<raw::Pending>> = optional(&scan.pending, pieces.5, &mut bad);
    let conflicts: Option<Vec<raw::Conflict>> = optional(&scan.conflicts, pieces.6, &mut bad);
    fn records(l: &Option<List>) -> &[Record] {
        l.as_ref().map_or(&[], |l| l.records.as_slice())
    }
    let (graded, host_problems) = Hosts::check(source_hosts.clone().unwrap_or_default());
    let hosts = &graded;
    let (partners, (events, institutions)) = rayon::join(
        || {
            parse_many(text, records(&scan.partners), |i, r| {
                check_partner(i, r, hosts)
            })
        },
        || {
            rayon::join(
                || parse_many(text, records(&scan.events), |i, r| check_event(i, r, hosts)),
                || {
                    parse_many(text, records(&scan.institutions), |i, r| {
                        check_institution(i, r, hosts)
                    })
                },
            )
        },
    );
    let mut good = [0usize; 3];
    let outcomes = [
        (records(&scan.partners), partners.as_ref().map(Vec::len)),
        (records(&scan.events), events.as_ref().map(Vec::len)),
        (
            records(&scan.institutions),
            institutions.as_ref().map(Vec::len),
        ),
    ];
    for (slot, (recs, outcome)) in good.iter_mut().zip(outcomes) {
        match outcome {
            Ok(n) => *slot = n,
            Err(&i) => {
                *slot = i;
                if let Some(r) = recs.get(i) {
                    bad = bad.min(r.range.start);
                }
            }
        }
    }
    match (
        home,
        official_totals,
        official_institutions,
        (source_hosts, unidentified, pending, conflicts),
    ) {
        (
            Some(home),
            Some(official_totals),
            Some(official_institutions),
            (Some(_), Some(unidentified), Some(pending), Some(conflicts)),
        ) if bad == usize::MAX && scan.partners.is_some() => match (partners, events, institutions)
        {
            (Ok(partners), Ok(events), Ok(institutions)) => Ok(Parts {
                home,
                official_totals,
                official_institutions,
                partners,
                events,
                institutions,
                unidentified,
                pending,
                conflicts,
                hosts: graded,
                host_problems,
            }),
            _ => Err((bad, good)),
        },
        _ => Err((bad, good)),
    }
}

fn parse_one<T: DeserializeOwned>(s: &str) -> Option<T> {
    ron_options().from_str(s).ok()
}

/// Parses and checks each record on all cores, in order; the index of the
/// first record that does not parse, if any.
fn parse_many<R, T>(
    text: &str,
    records: &[Record],
    check: impl Fn(usize, R) -> Checked<T> + Sync,
) -> Result<Vec<Checked<T>>, usize>
where
    R: DeserializeOwned,
    T: Send,
{
    let options = ron_options();
    let first_failed = AtomicUsize::new(usize::MAX);
    // Collected straight into one exactly sized vector; a record that does
    // not parse only lowers the mark (the caller then looks for the error).
    let checked: Vec<Checked<T>> = records
        .par_iter()
        .enumerate()
        .with_min_len(256)
        .map(|(i, r)| {
            match text
                .get(r.range.clone())
                .and_then(|s| options.from_str::<R>(s).ok())
            {
                Some(record) => check(i, record),
                None => {
                    first_failed.fetch_min(i, Ordering::Relaxed);
                    Checked::unparsed()
                }
            }
        })
        .collect();
    match first_failed.load(Ordering::Relaxed) {
        usize::MAX => Ok(checked),
        i => Err(i),
    }
}

/// One pass over the bytes: strings, characters and comments are skipped;
/// brackets are counted. Stops (noting where) at anything unexpected.
fn scan(b: &[u8]) -> Scan {
    let mut scan = Scan::default();
    let failed = |mut scan: Scan, at: usize| {
        scan.failed_at = Some(at);
        scan
    };
    let Some(mut i) = skip_blank(b, 0, &mut scan.blank) else {
        return failed(scan, 0);
    };
    // `Dataset` (optional) then `(`.
    if b.get(i..i + 7) == Some(b"Dataset") {
        match skip_blank(b, i + 7, &mut scan.blank) {
            Some(j) => i = j,
            None => return failed(scan, i + 7),
        }
    }
    if b.get(i) != Some(&b'(') {
        return failed(scan, i);
    }
    i += 1;
    loop {
        let Some(j) = skip_blank(b, i, &mut scan.blank) else {
            return failed(scan, i);
        };
        i = j;
        match b.get(i) {
            Some(b')') => {
                // Only trivia may follow the dataset.
                return match skip_blank(b, i + 1, &mut scan.blank) {
                    Some(end) if end == b.len() => scan,
                    Some(end) => failed(scan, end),
                    None => failed(scan, i + 1),
                };
            }
            Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {}
            _ => return failed(scan, i),
        }
        let key_start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
            i += 1;
        }
        let key = &b[key_start..i];
        let colon = skip_trivia(b, i).filter(|&j| b.get(j) == Some(&b':'));
        let Some(value_start) = colon.and_then(|j| skip_blank(b, j + 1, &mut scan.blank)) else {
            return failed(scan, key_start);
        };
        i = value_start;
        let end = match key {
            b"partners" | b"events" | b"institutions" => {
                if b.get(i) != Some(&b'[') {
                    return failed(scan, i);
                }
                let (list, end) = scan_list(b, i, &mut scan.blank);
                let slot = match key {
                    b"partners" => &mut scan.partners,
                    b"events" => &mut scan.events,
                    _ => &mut scan.institutions,
                };
                if slot.is_some() {
                    return failed(scan, key_start);
                }
                *slot = Some(list);
                match end {
                    Ok(end) => end,
                    Err(at) => return failed(scan, at),
                }
            }
            b"home"
            | b"source_hosts"
            | b"official_totals"
            | b"official_institutions"
            | b"unidentified"
            | b"pending"
            | b"conflicts" => {
                let Some(end) = value(b, i) else {
                    return failed(scan, i);
                };
                let slot = match key {
                    b"home" => &mut scan.home,
                    b"source_hosts" => &mut scan.source_hosts,
                    b"official_totals" => &mut scan.official_totals,
                    b"unidentified" => &mut scan.unidentified,
                    b"pending" => &mut scan.pending,
                    b"conflicts" => &mut scan.conflicts,
                    _ => &mut scan.official_institutions,
                };
                if slot.replace(i..end).is_some() {
                    return failed(scan, key_start);
                }
                end
            }
            _ => return failed(scan, key_start),
        };
        let Some(j) = skip_blank(b, end, &mut scan.blank) else {
            return failed(scan, end);
        };
        i = j;
        match b.get(i) {
            Some(b',') => i += 1,
            Some(b')') => {}
            _ => return failed(scan, i),
        }
    }
}

/// Skips one value starting at `start`; returns where it ends.
fn value(b: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = start;
    loop {
        let c = *b.get(i)?;
        match c {
            b'"' => i = skip_string(b, i)?,
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#'))
                && !ident_char(b, i.wrapping_sub(1)) =>
            {
                i = skip_raw_string(b, i + 1)?;
            }
            b'\'' => i = skip_char(b, i)?,
            b'/' if matches!(b.get(i + 1), Some(b'/' | b'*')) => i = skip_trivia(b, i)?,
            b'(' | b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
                i += 1;
            }
            b',' if depth == 0 => return Some(i),
            _ if depth == 0 && c.is_ascii_whitespace() => return Some(i),
            _ => i += 1,
        }
    }
}

/// Scans a list starting at its `[`: each record's range. Returns the list
/// and where it ends, or where the scan stopped understanding it (the start
/// of the record in progress, if any).
fn scan_list(
    b: &[u8],
    start: usize,
    blank: &mut Vec<Range<usize>>,
) -> (List, Result<usize, usize>) {
    let mut list = List {
        open: start,
        ..List::default()
    };
    let mut record_start: Option<usize> = None;
    let mut depth = 0usize;
    let mut i = start;
    loop {
        let stop = |i: usize, record_start: Option<usize>| Err(record_start.unwrap_or(i));
        let Some(&c) = b.get(i) else {
            return (list, stop(i, record_start));
        };
        let comment = c == b'/' && matches!(b.get(i + 1), Some(b'/' | b'*'));
        // Inside the list, a record starts at its first significant byte.
        if depth == 1
            && record_start.is_none()
            && !(c.is_ascii_whitespace() || c == b',' || c == b']' || comment)
        {
            record_start = Some(i);
        }
        let next = match c {
            b'"' => skip_string(b, i),
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#'))
                && !ident_char(b, i.wrapping_sub(1)) =>
            {
                skip_raw_string(b, i + 1)
            }
            b'\'' => skip_char(b, i),
            b'/' if comment => skip_trivia(b, i),
            b'(' | b'[' | b'{' => {
                depth += 1;
                Some(i + 1)
            }
            b')' | b']' | b'}' => {
                if depth == 0 {
                    return (list, stop(i, record_start));
                }
                depth -= 1;
                if depth == 0 {
                    if let Some(s) = record_start.take() {
                        list.records.push(Record {
                            range: s..trim_end(b, s, i),
                            after_comma: None,
                        });
                    }
                    list.close = Some(i);
                    return (list, Ok(i + 1));
                }
                Some(i + 1)
            }
            b',' if depth == 1 => {
                // `[,` and `,,` are not RON: an empty record is an error.
                let Some(s) = record_start.take() else {
                    return (list, Err(i));
                };
                list.records.push(Record {
                    range: s..trim_end(b, s, i),
                    after_comma: Some(i + 1),
                });
                Some(i + 1)
            }
            _ if depth == 1 && record_start.is_none() && c.is_ascii_whitespace() => {
                let end = skip_whitespace(b, i);
                if end - i >= RUN {
                    blank.push(i + 1..end);
                }
                Some(end)
            }
            _ => Some(i + 1),
        };
        match next {
            Some(n) => i = n,
            None => return (list, stop(i, record_start)),
        }
    }
}

/// The first index from `i` on that is not ASCII whitespace (or the end),
/// 64 bytes at a time through long runs.
pub(crate) fn skip_whitespace(b: &[u8], mut i: usize) -> usize {
    let blank = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    while i < b.len() && blank(b[i]) {
        i += 1;
        if i.is_multiple_of(64) {
            // Whole blocks, without a branch per byte.
            while let Some(block) = b.get(i..i + 64) {
                if !block.iter().fold(true, |all, &c| all & blank(c)) {
                    break;
                }
                i += 64;
            }
        }
    }
    i
}

/// Like [`skip_trivia`], noting long runs of whitespace.
fn skip_blank(b: &[u8], mut i: usize, blank: &mut Vec<Range<usize>>) -> Option<usize> {
    loop {
        let start = i;
        i = skip_whitespace(b, i);
        if i - start >= RUN {
            blank.push(start + 1..i);
        }
        if b.get(i..i + 2) == Some(b"//") {
            i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |p| i + p + 1);
        } else if b.get(i..i + 2) == Some(b"/*") {
            i = skip_block_comment(b, i)?;
        } else {
            return Some(i);
        }
    }
}

/// After the `/*` at `i`: the index past its (nested) `*/`; `None` if unclosed.
fn skip_block_comment(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        if b.get(i..i + 2) == Some(b"/*") {
            depth += 1;
            i += 2;
        } else if b.get(i..i + 2) == Some(b"*/") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return Some(i);
            }
        } else if i < b.len() {
            i += 1;
        } else {
            return None;
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
            i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |p| i + p + 1);
        } else if b.get(i..i + 2) == Some(b"/*") {
            i = skip_block_comment(b, i)?;
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
        match parse_parallel(text) {
            Outcome::Parsed(parts) => Some(finish(*parts).map(shown).map_err(|p| format!("{p:?}"))),
            Outcome::Failed(_) => None,
        }
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
        assert!(parallel(&good).is_some());
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
            assert!(parallel(&bad).is_none(), "{bad:.80}");
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
