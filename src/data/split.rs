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

use super::dialect::ron_options;
use super::lexer::{Delim, Kind, Lexer, Token, skip_trivia};
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
    let scan = scan(text);
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

/// One pass over the tokens ([`Lexer`]): strings, characters and comments
/// are whole tokens; brackets are counted (and must match). Stops (noting
/// where) at anything unexpected.
fn scan(text: &str) -> Scan {
    let mut scan = Scan::default();
    let failed = |mut scan: Scan, at: usize| {
        scan.failed_at = Some(at);
        scan
    };
    let mut lexer = Lexer::new(text);
    // `Dataset` (optional) then `(`.
    let mut token = match significant(&mut lexer, &mut scan.blank) {
        Ok(t) => t,
        Err(at) => return failed(scan, at),
    };
    if token.kind == Kind::Ident && token.text(text) == "Dataset" {
        token = match significant(&mut lexer, &mut scan.blank) {
            Ok(t) => t,
            Err(at) => return failed(scan, at),
        };
    }
    if token.kind != Kind::Open(Delim::Paren) {
        return failed(scan, token.start);
    }
    let mut token = match significant(&mut lexer, &mut scan.blank) {
        Ok(t) => t,
        Err(at) => return failed(scan, at),
    };
    loop {
        match token.kind {
            Kind::Close(Delim::Paren) => {
                // Only trivia may follow the dataset.
                return match significant(&mut lexer, &mut scan.blank) {
                    Err(at) if at == text.len() => scan,
                    Err(at) => failed(scan, at),
                    Ok(t) => failed(scan, t.start),
                };
            }
            Kind::Ident => {}
            _ => return failed(scan, token.start),
        }
        let key_start = token.start;
        let key = token.text(text);
        let colon = lexer.next_significant();
        if colon.is_none_or(|c| c.kind != Kind::Colon) {
            return failed(scan, key_start);
        }
        let value_start = match significant(&mut lexer, &mut scan.blank) {
            Ok(t) => t,
            Err(_) => return failed(scan, key_start),
        };
        let i = value_start.start;
        let end = match key {
            "partners" | "events" | "institutions" => {
                if value_start.kind != Kind::Open(Delim::Bracket) {
                    return failed(scan, i);
                }
                let (list, end) = scan_list(text, value_start, &mut scan.blank);
                let slot = match key {
                    "partners" => &mut scan.partners,
                    "events" => &mut scan.events,
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
            "home"
            | "source_hosts"
            | "official_totals"
            | "official_institutions"
            | "unidentified"
            | "pending"
            | "conflicts" => {
                let Some(end) = value(text, value_start) else {
                    return failed(scan, i);
                };
                let slot = match key {
                    "home" => &mut scan.home,
                    "source_hosts" => &mut scan.source_hosts,
                    "official_totals" => &mut scan.official_totals,
                    "unidentified" => &mut scan.unidentified,
                    "pending" => &mut scan.pending,
                    "conflicts" => &mut scan.conflicts,
                    _ => &mut scan.official_institutions,
                };
                if slot.replace(i..end).is_some() {
                    return failed(scan, key_start);
                }
                end
            }
            _ => return failed(scan, key_start),
        };
        lexer = Lexer::at(text, end);
        let after = match significant(&mut lexer, &mut scan.blank) {
            Ok(t) => t,
            Err(_) => return failed(scan, end),
        };
        token = match after.kind {
            Kind::Comma => match significant(&mut lexer, &mut scan.blank) {
                Ok(t) => t,
                Err(at) => return failed(scan, at),
            },
            Kind::Close(Delim::Paren) => after,
            _ => return failed(scan, after.start),
        };
    }
}

/// The next token that is not trivia, noting long runs of whitespace; or
/// where the trivia started when there is none (the end of the text) or an
/// unclosed comment or string comes instead.
fn significant(lexer: &mut Lexer, blank: &mut Vec<Range<usize>>) -> Result<Token, usize> {
    let from = lexer.pos();
    for t in lexer.by_ref() {
        match t.kind {
            Kind::Whitespace => {
                if t.end - t.start >= RUN {
                    blank.push(t.start + 1..t.end);
                }
            }
            Kind::LineComment | Kind::BlockComment => {}
            Kind::Unclosed(_) => return Err(from),
            _ => return Ok(t),
        }
    }
    Err(lexer.pos().max(from))
}

/// Skips one value that starts with `first`; returns where it ends: at
/// whitespace, a comma or a closing bracket outside any bracket of its own,
/// or just past the bracket that closes its first one.
fn value(text: &str, first: Token) -> Option<usize> {
    let mut open: Vec<Delim> = Vec::new();
    for t in std::iter::once(first).chain(Lexer::at(text, first.end)) {
        match t.kind {
            Kind::Whitespace | Kind::Comma if open.is_empty() => return Some(t.start),
            Kind::Open(d) => open.push(d),
            Kind::Close(d) => match open.pop() {
                None => return Some(t.start),
                Some(o) if o != d => return None,
                Some(_) if open.is_empty() => return Some(t.end),
                Some(_) => {}
            },
            Kind::Unclosed(_) => return None,
            _ => {}
        }
    }
    None
}

/// Scans a list starting at its `[`: each record's range. Returns the list
/// and where it ends, or where the scan stopped understanding it (the start
/// of the record in progress, if any).
///
/// The lexer skims ([`Lexer::skim`]): only brackets, commas, unclosed
/// tokens and long blank runs come back, which is all it takes to find the
/// records; where one begins is looked up after each comma.
fn scan_list(
    text: &str,
    open_bracket: Token,
    blank: &mut Vec<Range<usize>>,
) -> (List, Result<usize, usize>) {
    let mut list = List {
        open: open_bracket.start,
        ..List::default()
    };
    // Brackets open inside the list (its own `[` is not counted).
    let mut open: Vec<Delim> = Vec::new();
    // Just past the `[` or the last comma: where the next record may start.
    let mut after = open_bracket.end;
    // The start of the record since `after`, if any, before byte `before`.
    let record =
        |after: usize, before: usize| Some(skip_trivia(text, after)).filter(|&s| s < before);
    let stop = |at: usize, after: usize| Err(record(after, at).unwrap_or(at));
    let mut lexer = Lexer::at(text, open_bracket.end);
    while let Some(t) = lexer.skim(RUN) {
        match t.kind {
            // Blank between records only.
            Kind::Whitespace if open.is_empty() && record(after, t.start).is_none() => {
                blank.push(t.start + 1..t.end);
            }
            Kind::Unclosed(_) => return (list, stop(t.start, after)),
            Kind::Close(Delim::Bracket) if open.is_empty() => {
                if let Some(s) = record(after, t.start) {
                    list.records.push(Record {
                        range: s..trim_end(text.as_bytes(), s, t.start),
                        after_comma: None,
                    });
                }
                list.close = Some(t.start);
                return (list, Ok(t.end));
            }
            Kind::Comma if open.is_empty() => {
                // `[,` and `,,` are not RON: an empty record is an error.
                let Some(s) = record(after, t.start) else {
                    return (list, Err(t.start));
                };
                list.records.push(Record {
                    range: s..trim_end(text.as_bytes(), s, t.start),
                    after_comma: Some(t.end),
                });
                after = t.end;
            }
            Kind::Open(d) => open.push(d),
            // The guard pops the bracket this one closes.
            Kind::Close(d) if open.pop() != Some(d) => return (list, stop(t.start, after)),
            _ => {}
        }
    }
    (list, stop(text.len(), after))
}

/// The end of a record: before the whitespace that precedes `end`.
fn trim_end(b: &[u8], start: usize, end: usize) -> usize {
    let mut e = end;
    while e > start && b[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    e
}

/// For the fuzzer (`fuzz/fuzz_targets/split.rs`): when the parallel path
/// takes `text`, whether it comes to what the sequential parser and checker
/// come to; `Err` shows both when they differ.
/// The records of a dataset as debug text, to compare two parses (not its
/// hash-map indexes, whose debug order differs from one map to the next).
fn records_debug(d: &super::Dataset) -> String {
    format!(
        "{:?}{:?}{:?}{:?}{:?}{:?}",
        d.home, d.official_totals, d.official_institutions, d.partners, d.events, d.institutions
    )
}

#[doc(hidden)]
pub fn agrees_with_sequential(text: &str) -> Result<(), String> {
    use super::validate::{finish, validate};
    let Outcome::Parsed(parts) = parse_parallel(text) else {
        return Ok(());
    };
    let shown = |d: Result<super::Dataset, Vec<super::validate::Problem>>| match d {
        Ok(d) => records_debug(&d),
        Err(problems) => format!("{problems:?}"),
    };
    let fast = shown(finish(*parts));
    let slow = match ron_options().from_str::<raw::Dataset>(text) {
        Ok(raw) => shown(validate(raw)),
        Err(e) => format!("the sequential parser refuses it: {e}"),
    };
    if fast == slow {
        Ok(())
    } else {
        Err(format!("parallel: {fast}\nsequential: {slow}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::EMBEDDED;
    use crate::data::validate::{finish, validate};

    fn shown(d: crate::data::Dataset) -> String {
        records_debug(&d)
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
