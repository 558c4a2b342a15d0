//! The one query engine behind both the command line and the explorer:
//! filters (country, kind, years), sort orders, and fuzzy search over folded
//! text with match positions mapped back to what the user sees.

use std::sync::atomic::{AtomicU32, Ordering};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::data::text::{Folded, fold};
use crate::data::{CountryCode, Dataset, EventIx, Partner, PartnerIx, PartnerKind};

/// Orders for the partner list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Name,
    Country,
    Established,
}

impl SortKey {
    pub const ALL: [SortKey; 3] = [SortKey::Name, SortKey::Country, SortKey::Established];

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Country => "country",
            SortKey::Established => "established",
        }
    }

    /// The next order in the cycle name → country → established → name.
    pub fn next(self) -> Self {
        match self {
            SortKey::Name => SortKey::Country,
            SortKey::Country => SortKey::Established,
            SortKey::Established => SortKey::Name,
        }
    }
}

/// Which partners to keep. Empty `countries` means every country.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartnerFilter {
    pub countries: Vec<CountryCode>,
    pub kind: Option<PartnerKind>,
}

impl PartnerFilter {
    pub fn accepts(&self, p: &Partner) -> bool {
        self.kind.is_none_or(|k| p.kind == k)
            && (self.countries.is_empty() || self.countries.contains(&p.country))
    }
}

/// Partners passing the filter, in the given order.
pub fn filter_partners(data: &Dataset, filter: &PartnerFilter, sort: SortKey) -> Vec<PartnerIx> {
    let mut out: Vec<PartnerIx> = (0..data.partners.len())
        .filter(|&i| filter.accepts(&data.partners[i]))
        .collect();
    sort_partners(data, &mut out, sort);
    out
}

/// Sorts partner indices. Name order folds case and accents (Düsseldorf among
/// the Ds); country order groups by country name, then name; established puts
/// the oldest first and undated partners last.
pub fn sort_partners(data: &Dataset, ixs: &mut [PartnerIx], sort: SortKey) {
    let p = &data.partners;
    match sort {
        SortKey::Name => ixs.sort_by_cached_key(|&i| (fold(&p[i].name), i)),
        SortKey::Country => ixs.sort_by_cached_key(|&i| {
            (
                data.country_name(p[i].country).to_string(),
                fold(&p[i].name),
                i,
            )
        }),
        SortKey::Established => ixs.sort_by_cached_key(|&i| {
            (
                p[i].established.is_none(),
                p[i].established,
                fold(&p[i].name),
                i,
            )
        }),
    }
}

/// Which events to keep.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    pub from_year: Option<u16>,
    pub to_year: Option<u16>,
    pub partner: Option<PartnerIx>,
    pub countries: Vec<CountryCode>,
}

/// Events passing the filter, oldest first.
pub fn filter_events(data: &Dataset, filter: &EventFilter) -> Vec<EventIx> {
    (0..data.events.len())
        .filter(|&i| {
            let e = &data.events[i];
            let y = e.date.year();
            filter.from_year.is_none_or(|f| y >= f)
                && filter.to_year.is_none_or(|t| y <= t)
                && filter.partner.is_none_or(|p| e.partners.contains(&p))
                && (filter.countries.is_empty()
                    || e.countries.iter().any(|c| filter.countries.contains(c)))
        })
        .collect()
}

/// What a searchable field of a record holds. The order is the tie-break
/// between fields that match equally well.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Name,
    NameLocal,
    NameZh,
    /// Another spelling of a name (瀋陽, 浜松市), found but not shown.
    Alias,
    /// A partner's id (`la-plata`).
    Id,
    Country,
    CountryZh,
    /// A country's ISO code (`kr`): matched only by a term equal to it.
    CountryCode,
    Title,
    Place,
    Date,
    Partners,
    Line,
}

impl Field {
    /// Every field, in declaration order (`ALL[f as usize] == f`).
    const ALL: [Field; 13] = [
        Field::Name,
        Field::NameLocal,
        Field::NameZh,
        Field::Alias,
        Field::Id,
        Field::Country,
        Field::CountryZh,
        Field::CountryCode,
        Field::Title,
        Field::Place,
        Field::Date,
        Field::Partners,
        Field::Line,
    ];
}

/// A search hit: which item, how good, in which field, and where the item
/// stood among the candidates (equal scores keep that order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub ix: usize,
    pub score: i64,
    pub field: Field,
    pub rank: u32,
}

/// A field of a record: what it holds, which stored text it is, and that
/// text's summaries. The summaries are copied here so that a search, which
/// walks the fields in memory order, rejects most of them (and scores every
/// one-letter query) without a cache miss on the shared text table.
#[derive(Debug, Clone, Copy)]
struct FieldRef {
    field: Field,
    /// Index into `Arena::texts`.
    text: u32,
    /// Which characters occur in the text (see [`char_mask`]).
    mask: u64,
    /// Where its ASCII letters occur, for one-letter queries (see [`Lead`]).
    lead: Lead,
}

/// One distinct folded text, as ranges into the arena's buffers. Records
/// with the same name share it, so it is matched once per query.
#[derive(Debug, Clone, Copy)]
struct TextRef {
    /// Byte range of the folded text in `Arena::text`.
    start: u32,
    end: u32,
    /// Range of its origin table in `Arena::origin` (empty: identity).
    origin_start: u32,
    origin_len: u32,
}

/// A 64-bit summary of the characters in a text: one bit per ASCII letter,
/// one for digits and other ASCII, the rest shared by hashing the other
/// characters. If a query's bits are not all in a text's, the text cannot
/// contain the query's characters, and it is skipped without being read.
fn char_mask(text: &str) -> u64 {
    text.chars().fold(0, |mask, c| mask | 1 << char_bit(c))
}

/// A character's bit in [`char_mask`].
#[inline]
fn char_bit(c: char) -> u32 {
    match c {
        'a'..='z' => c as u32 - 'a' as u32,
        c if c.is_ascii() => 26,
        c => 27 + (c as u32 % 37),
    }
}

/// For each ASCII letter of a folded text, the best place it occurs, as
/// [`single_char_score`] ranks places: the text's first character, after a
/// separator, after other punctuation, anywhere. With the letter bits of
/// [`char_mask`] (which are exact) it gives the score of a one-letter query
/// without reading the text, which matters for the first key typed, when
/// nearly every record matches. Bits 0–25: after a separator; 26–51: after
/// other punctuation; 52–56: the first character's letter; 57: it is one.
#[derive(Debug, Clone, Copy, Default)]
struct Lead(u64);

impl Lead {
    /// The summary by definition, position by position: what
    /// [`summarize`] computes faster, and the tests compare it with.
    #[cfg(test)]
    fn of(folded: &str) -> Self {
        let mut lead = 0u64;
        let mut prev = '\0';
        for (j, h) in folded.chars().enumerate() {
            if h.is_ascii_lowercase() {
                let k = h as u64 - 'a' as u64;
                match position_bonus(prev, j) {
                    FIRST_BONUS => lead |= (1 << 57) | (k << 52),
                    SEPARATOR_BONUS => lead |= 1 << k,
                    PUNCTUATION_BONUS => lead |= 1 << (26 + k),
                    _ => {}
                }
            }
            prev = h;
        }
        Self(lead)
    }

    /// The one-letter score of `c` (an ASCII lower-case letter) in the text
    /// whose [`char_mask`] is `mask`: exactly [`single_char_score`].
    #[inline]
    fn score(self, mask: u64, c: u8) -> Option<i64> {
        let k = u64::from(c - b'a');
        let bonus = if mask & (1 << k) == 0 {
            return None;
        } else if self.0 & (1 << 57) != 0 && (self.0 >> 52) & 31 == k {
            FIRST_BONUS
        } else if self.0 & (1 << k) != 0 {
            SEPARATOR_BONUS
        } else if self.0 & (1 << (26 + k)) != 0 {
            PUNCTUATION_BONUS
        } else {
            0
        };
        Some(15 + bonus)
    }
}

/// A folded text's [`char_mask`] and [`Lead`] in one pass.
fn summarize(text: &str) -> (u64, Lead) {
    let (mut mask, mut lead) = (0u64, 0u64);
    // Letters inside words (most of them) need no look at what precedes.
    let mut prev = None::<char>;
    for c in text.chars() {
        mask |= 1 << char_bit(c);
        if c.is_ascii_lowercase() && !prev.is_some_and(char::is_alphanumeric) {
            let k = c as u64 - 'a' as u64;
            match prev {
                None => lead |= (1 << 57) | (k << 52),
                Some(p) => match position_bonus(p, 1) {
                    SEPARATOR_BONUS => lead |= 1 << k,
                    PUNCTUATION_BONUS => lead |= 1 << (26 + k),
                    _ => {}
                },
            }
        }
        prev = Some(c);
    }
    (mask, Lead(lead))
}

/// Folded texts of many records in one buffer (few allocations, compact in
/// memory, each distinct text stored once), with per-record field lists.
#[derive(Default)]
struct Arena {
    text: String,
    origin: Vec<u32>,
    texts: Vec<TextRef>,
    /// Original text → index in `texts`, while the arena is being built
    /// (only when it stores repeated texts once, see [`Arena::deduplicating`]).
    interned:
        Option<std::collections::HashMap<Box<str>, Stored, std::hash::BuildHasherDefault<Fnv>>>,
    fields: Vec<FieldRef>,
    /// Record `i` owns `fields[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
}

/// A stored text as a field refers to it: its index and summaries.
type Stored = (u32, u64, Lead);

impl Arena {
    /// An arena that stores each distinct text once (worth it for names,
    /// which repeat; not for arbitrary lines).
    fn deduplicating() -> Self {
        Self {
            interned: Some(Default::default()),
            ..Self::default()
        }
    }

    fn push(&mut self, field: Field, original: &str) {
        let known = self
            .interned
            .as_ref()
            .and_then(|m| m.get(original).copied());
        let (text, mask, lead) = match known {
            Some(stored) => stored,
            None => {
                let stored = self.store(original);
                if let Some(map) = self.interned.as_mut() {
                    map.insert(original.into(), stored);
                }
                stored
            }
        };
        self.fields.push(FieldRef {
            field,
            text,
            mask,
            lead,
        });
    }

    /// Folds a new text into the buffers.
    fn store(&mut self, original: &str) -> Stored {
        let start = self.text.len() as u32;
        let (origin_start, origin_len) = if original.is_ascii() {
            // Fast path: lower-case straight into the buffer; positions coincide.
            self.text
                .extend(original.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            (0, 0)
        } else {
            let folded = Folded::new(original);
            self.text.push_str(&folded.text);
            let origin_start = self.origin.len() as u32;
            self.origin.extend_from_slice(folded.origin());
            (origin_start, folded.origin().len() as u32)
        };
        self.texts.push(TextRef {
            start,
            end: self.text.len() as u32,
            origin_start,
            origin_len,
        });
        let (mask, lead) = summarize(&self.text[start as usize..]);
        ((self.texts.len() - 1) as u32, mask, lead)
    }

    fn end_record(&mut self) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.starts.push(self.fields.len() as u32);
    }

    /// Drops the build-time lookup table.
    fn finish(mut self) -> Self {
        self.interned = None;
        self
    }

    fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    fn record(&self, i: usize) -> &[FieldRef] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.fields[a as usize..b as usize],
            _ => &[],
        }
    }

    fn text_ref(&self, f: &FieldRef) -> &TextRef {
        &self.texts[f.text as usize]
    }

    fn text(&self, t: &TextRef) -> &str {
        &self.text[t.start as usize..t.end as usize]
    }

    /// Maps folded character positions of a text back to the original's.
    fn original_positions(&self, t: &TextRef, folded: &[usize]) -> Vec<usize> {
        if t.origin_len == 0 {
            return folded.to_vec();
        }
        let table = &self.origin[t.origin_start as usize..(t.origin_start + t.origin_len) as usize];
        let mut out: Vec<usize> = folded
            .iter()
            .filter_map(|&i| table.get(i).map(|&o| o as usize))
            .collect();
        out.dedup();
        out
    }
}

/// FNV-1a: a fast hash for the build-time table of texts (no untrusted
/// keys can make it slow in a way that matters: it lives during one build).
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Per-query memory of each distinct text's score, shared by the threads
/// (0: not computed yet; 1: no match; otherwise the score, offset by
/// [`Scores::OFFSET`]; scores beyond ±2^30 are clamped, far above any real
/// one).
struct Scores(Vec<AtomicU32>);

impl Scores {
    const LIMIT: i64 = 1 << 30;
    const OFFSET: i64 = Self::LIMIT + 2;

    fn new(texts: usize) -> Self {
        Self((0..texts).map(|_| AtomicU32::new(0)).collect())
    }

    fn get_or(&self, text: u32, compute: impl FnOnce() -> Option<i64>) -> Option<i64> {
        let Some(slot) = self.0.get(text as usize) else {
            return compute();
        };
        match slot.load(Ordering::Relaxed) {
            0 => {
                let score = compute().map(|s| s.clamp(-Self::LIMIT, Self::LIMIT));
                let encoded = score.map_or(1, |s| (s + Self::OFFSET) as u32);
                slot.store(encoded, Ordering::Relaxed);
                score
            }
            1 => None,
            v => Some(i64::from(v) - Self::OFFSET),
        }
    }
}

/// True if the bytes of `q` occur in `hay` in order. For UTF-8 this is
/// implied by the characters occurring in order, so it is a safe, very fast
/// first filter before the real fuzzy matcher.
fn may_match(hay: &[u8], q: &[u8]) -> bool {
    let mut qi = q.iter();
    let Some(mut want) = qi.next() else {
        return true;
    };
    for b in hay {
        if b == want {
            match qi.next() {
                Some(next) => want = next,
                None => return true,
            }
        }
    }
    false
}

/// The fuzzy-matcher (SkimMatcherV2, exact case) score of a one-character
/// query, computed directly: 15 plus the best position bonus of the
/// character (16 at the start, 8 after a space or bracket, 7 after other
/// punctuation, 0 inside a word). It equals what the matcher computes (a test
/// compares them on every field of the datasets) at a tenth of the cost,
/// which matters for the first key typed, when most records match.
#[inline]
fn single_char_score(hay: &str, c: char) -> Option<i64> {
    let mut best: Option<i64> = None;
    let mut prev = '\0';
    for (j, h) in hay.chars().enumerate() {
        if h == c {
            let bonus = position_bonus(prev, j);
            if best.is_none_or(|b| 15 + bonus > b) {
                best = Some(15 + bonus);
                if bonus == FIRST_BONUS {
                    break;
                }
            }
        }
        prev = h;
    }
    best
}

const FIRST_BONUS: i64 = 16;
const SEPARATOR_BONUS: i64 = 8;
const PUNCTUATION_BONUS: i64 = 7;

/// The matcher's bonus for a character at position `j` after `prev`.
#[inline]
fn position_bonus(prev: char, j: usize) -> i64 {
    match prev {
        '\0' if j == 0 => FIRST_BONUS,
        '\0' | ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => SEPARATOR_BONUS,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => PUNCTUATION_BONUS,
        _ => 0,
    }
}

/// A match's score and field in one word, for the large-search table:
/// bit 63 set, the score (as 32 bits) above the field's number. 0 and 1 are
/// free to mean "no match" and "a candidate not scored yet".
fn pack(score: i64, field: Field) -> u64 {
    let score = score.clamp(i32::MIN.into(), i32::MAX.into()) as i32 as u32;
    1 << 63 | u64::from(score) << 8 | field as u64
}

fn unpack(word: u64) -> Option<(i64, Field)> {
    (word >> 63 == 1).then(|| {
        let score = i64::from((word >> 8) as u32 as i32);
        (score, Field::ALL[(word & 0xff) as usize % Field::ALL.len()])
    })
}

/// Stable sort by descending score. Scores span a small range (a few
/// hundred values), so a counting sort does it in linear time; a wide range
/// falls back to the standard stable sort.
fn by_score_descending(hits: Vec<Hit>) -> Vec<Hit> {
    let (Some(lo), Some(hi)) = (
        hits.iter().map(|h| h.score).min(),
        hits.iter().map(|h| h.score).max(),
    ) else {
        return hits;
    };
    let span = hi.abs_diff(lo) as usize + 1;
    if hi.abs_diff(lo) >= 1 << 16 {
        let mut hits = hits;
        hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        return hits;
    }
    // starts[k]: where the hits of score `hi - k` begin in the output.
    let mut starts = vec![0usize; span + 1];
    for h in &hits {
        starts[(hi - h.score) as usize + 1] += 1;
    }
    for k in 1..=span {
        starts[k] += starts[k - 1];
    }
    let mut out = vec![
        Hit {
            ix: 0,
            score: 0,
            field: Field::Name,
            rank: 0
        };
        hits.len()
    ];
    for h in hits {
        let slot = &mut starts[(hi - h.score) as usize];
        out[*slot] = h;
        *slot += 1;
    }
    out
}

/// One space-separated term of a folded query and what makes it cheap to test.
struct Term {
    text: String,
    chars: Vec<char>,
    mask: u64,
    /// The character of a one-character term.
    single: Option<char>,
    /// The same, when it is an ASCII lower-case letter (see [`Lead`]).
    letter: Option<u8>,
    /// Two ASCII letters: may be a country code.
    code: bool,
}

impl Term {
    fn new(folded: &str) -> Self {
        let mut chars = folded.chars();
        let single = match (chars.next(), chars.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        };
        Self {
            mask: char_mask(folded),
            chars: folded.chars().collect(),
            single,
            letter: single.filter(char::is_ascii_lowercase).map(|c| c as u8),
            code: folded.len() == 2 && folded.bytes().all(|b| b.is_ascii_lowercase()),
            text: folded.to_string(),
        }
    }
}

/// A folded query: its terms, each of which must match (fzf-style), and
/// how to score them.
struct Query {
    terms: Vec<Term>,
    /// Score with the matcher's linear-time path (a very large search).
    linear: bool,
}

impl Query {
    /// `None` for a query without terms (blank).
    fn new(query: &str, candidates: usize) -> Option<Self> {
        let folded = fold(query);
        let terms: Vec<Term> = folded.split_whitespace().map(Term::new).collect();
        (!terms.is_empty()).then_some(Self {
            terms,
            linear: candidates >= LARGE_SEARCH,
        })
    }
}

/// The score of a term equal to a country's ISO code, in that country's
/// records: above what fuzzy matching gives any two characters (at most 16
/// per character plus bonuses below 40), so `kr` or `DE` lists that
/// country's partners first.
const CODE_SCORE: i64 = 100;

/// From this many candidates on, multi-character queries are scored with
/// fuzzy-matcher's linear-time scoring (what `SkimMatcherV2::element_limit`
/// switches to) instead of its full alignment, which costs several times as
/// much per record and would make typing lag at this scale. Smaller
/// searches, like the real dataset's, use the full alignment.
pub const LARGE_SEARCH: usize = 20_000;

/// fuzzy-matcher's type of a character for position bonuses.
#[derive(Clone, Copy, PartialEq)]
enum CharKind {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

fn char_kind(c: char) -> CharKind {
    match c {
        '\0' => CharKind::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => CharKind::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => CharKind::SoftSep,
        '0'..='9' => CharKind::Number,
        'A'..='Z' => CharKind::Upper,
        _ => CharKind::Lower,
    }
}

/// Bonus for matching a character given the one before it: word start 8,
/// after punctuation 7, camel-case hump 6, inside a word 0.
fn place_bonus(prev: char, cur: char) -> i64 {
    match (char_kind(prev), char_kind(cur)) {
        (CharKind::Empty | CharKind::HardSep, _) => 8,
        (CharKind::SoftSep, _) => 7,
        (CharKind::Lower | CharKind::Number, CharKind::Upper) => 6,
        _ => 0,
    }
}

/// fuzzy-matcher's linear-time score (`SkimMatcherV2` with an element
/// limit, case respected) of a query of two or more characters, computed
/// without its per-call allocations; a test checks it equals the crate's
/// result. It finds the pattern greedily, tightens the window from the end,
/// then scores matches (16 each, plus bonuses) and gaps (-3 to open, -1 per
/// character) left to right, exactly as the crate does.
fn linear_score(hay: &str, pattern: &[char]) -> Option<i64> {
    // Short texts (nearly all names) are decoded on the stack.
    let mut stack = ['\0'; 64];
    let heap: Vec<char>;
    let choice: &[char] = if hay.len() <= stack.len() {
        let mut n = 0;
        for c in hay.chars() {
            stack[n] = c;
            n += 1;
        }
        &stack[..n]
    } else {
        heap = hay.chars().collect();
        &heap
    };
    let m = pattern.len();
    if m == 0 {
        return Some(0);
    }
    // Greedy forward match: where the pattern starts and ends.
    let (mut first, mut last, mut pi) = (0, 0, 0);
    for (i, &c) in choice.iter().enumerate() {
        if pi < m && c == pattern[pi] {
            if pi == 0 {
                first = i;
            }
            last = i;
            pi += 1;
        }
    }
    if pi < m {
        return None;
    }
    // Backward over the window; like the crate, the start it keeps is the
    // position within the window.
    let mut start = first;
    let mut pj = m;
    for rel in (0..=last - first).rev() {
        if pj == 0 {
            break;
        }
        if choice[first + rel] == pattern[pj - 1] {
            pj -= 1;
            start = rel;
        }
    }
    let (mut score, mut in_gap, mut prev_bonus, mut pi) = (0i64, false, 0i64, 0);
    let mut prev = '\0';
    for &c in &choice[start..=last] {
        if pi == m {
            break;
        }
        let bonus = place_bonus(prev, c);
        if c == pattern[pi] {
            score += 16;
            let consecutive = prev_bonus.max(bonus.max(4));
            prev_bonus = consecutive;
            if !in_gap {
                score += consecutive;
            }
            in_gap = false;
            pi += 1;
        } else {
            if !in_gap {
                score -= 3;
            }
            score -= 1;
            in_gap = true;
            prev_bonus = 0;
        }
        prev = c;
    }
    Some(score)
}

/// Below this many candidates a search runs on one thread.
const PARALLEL_THRESHOLD: usize = 4096;

/// A fuzzy index over a list of records, built once per dataset: case and
/// accents are folded at build time, so a keystroke only folds the query.
pub struct SearchIndex {
    items: Arena,
    /// For each item, its group (e.g. country) in `groups`, or `u32::MAX`.
    item_group: Vec<u32>,
    groups: Arena,
    /// Each item's id, when the items have ids (partners).
    ids: Ids,
    matcher: SkimMatcherV2,
}

/// Ids (ASCII slugs, so folding is lower-casing and positions need no
/// mapping) in one buffer, with their character masks in a list of their
/// own: rejecting an id reads eight bytes in order, so searching them adds
/// little to a search that the names decide.
#[derive(Default)]
struct Ids {
    text: String,
    /// Item `i`'s id is `text[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    masks: Vec<u64>,
    leads: Vec<Lead>,
}

impl Ids {
    fn push(&mut self, id: &str) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        let start = self.text.len();
        self.text.extend(id.chars().map(|c| c.to_ascii_lowercase()));
        let (mask, lead) = summarize(&self.text[start..]);
        self.masks.push(mask);
        self.leads.push(lead);
        self.starts.push(self.text.len() as u32);
    }

    /// Item `i`'s id if its characters may contain those of `mask`.
    fn get(&self, i: usize, mask: u64) -> Option<&str> {
        if self.masks.get(i)? & mask != mask {
            return None;
        }
        let (start, end) = (*self.starts.get(i)?, *self.starts.get(i + 1)?);
        self.text.get(start as usize..end as usize)
    }
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("items", &self.items.len())
            .field("groups", &self.groups.len())
            .finish()
    }
}

impl SearchIndex {
    fn new(items: Arena, item_group: Vec<u32>, groups: Arena, ids: Ids) -> Self {
        Self {
            items,
            item_group,
            groups,
            ids,
            // Both sides are folded already, so compare exactly.
            matcher: SkimMatcherV2::default().respect_case(),
        }
    }

    /// Partners by name in every script, by id, and by country name in
    /// English and Chinese or ISO code, so `japan`, `日本` or `jp` finds the
    /// Japanese partners.
    pub fn partners(data: &Dataset) -> Self {
        let mut groups = Arena::default();
        let mut group_of: std::collections::HashMap<CountryCode, u32> =
            std::collections::HashMap::new();
        let mut items = Arena::deduplicating();
        let mut item_group = Vec::with_capacity(data.partners.len());
        let mut ids = Ids::default();
        for p in &data.partners {
            ids.push(&p.id);
            items.push(Field::Name, &p.name);
            if let Some(local) = p.name_local.as_deref().filter(|l| *l != p.name) {
                items.push(Field::NameLocal, local);
            }
            if let Some(zh) = &p.name_zh {
                items.push(Field::NameZh, zh);
            }
            for alias in &p.aliases {
                items.push(Field::Alias, alias);
            }
            items.end_record();
            let g = *group_of.entry(p.country).or_insert_with(|| {
                groups.push(Field::Country, data.country_name(p.country));
                let zh = data.country_name_zh(p.country);
                if zh != data.country_name(p.country) {
                    groups.push(Field::CountryZh, zh);
                }
                groups.push(Field::CountryCode, p.country.as_str());
                groups.end_record();
                (groups.len() - 1) as u32
            });
            item_group.push(g);
        }
        Self::new(items.finish(), item_group, groups.finish(), ids)
    }

    /// Events by title, place, date and the names of the partners
    /// concerned; `title` gives each row's title (derived rows have none of
    /// their own: the presentation words them).
    pub fn events<'a>(
        data: &'a Dataset,
        title: impl Fn(usize) -> std::borrow::Cow<'a, str>,
    ) -> Self {
        let mut items = Arena::deduplicating();
        for (ix, e) in data.events.iter().enumerate() {
            items.push(Field::Title, &title(ix));
            if let Some(place) = &e.place {
                items.push(Field::Place, place);
            }
            items.push(Field::Date, &e.date.to_string());
            if !e.partners.is_empty() {
                let names: Vec<&str> = e
                    .partners
                    .iter()
                    .map(|&p| data.partners[p].name.as_str())
                    .collect();
                items.push(Field::Partners, &names.join(", "));
            }
            items.end_record();
        }
        let n = items.len();
        Self::new(
            items.finish(),
            vec![u32::MAX; n],
            Arena::default(),
            Ids::default(),
        )
    }

    /// Plain lines of text, one record each (for `filter_lines`).
    pub fn lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Self {
        let mut items = Arena::default();
        for line in lines {
            items.push(Field::Line, line);
            items.end_record();
        }
        let n = items.len();
        Self::new(
            items.finish(),
            vec![u32::MAX; n],
            Arena::default(),
            Ids::default(),
        )
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.len() == 0
    }

    /// The score of one term in an item's id, if it matches.
    fn id_score(&self, ix: usize, q: &Term, linear: bool) -> Option<i64> {
        if let Some(c) = q.letter {
            let (mask, lead) = (*self.ids.masks.get(ix)?, *self.ids.leads.get(ix)?);
            return lead.score(mask, c);
        }
        self.text_score(self.ids.get(ix, q.mask)?, q, linear)
    }

    /// The score of one term in one folded text whose character mask has
    /// already passed, if it matches.
    fn text_score(&self, hay: &str, q: &Term, linear: bool) -> Option<i64> {
        if let Some(c) = q.single {
            // Finds the character itself; no prefilter needed.
            return single_char_score(hay, c);
        }
        if !may_match(hay.as_bytes(), q.text.as_bytes()) {
            return None;
        }
        if linear {
            linear_score(hay, &q.chars)
        } else {
            self.matcher.fuzzy_match(hay, &q.text)
        }
    }

    /// Best score of one term among some fields, if any matches.
    fn best(
        &self,
        arena: &Arena,
        fields: &[FieldRef],
        q: &Term,
        linear: bool,
        scores: Option<&Scores>,
    ) -> Option<(i64, Field)> {
        let mut best: Option<(i64, Field)> = None;
        for f in fields {
            if f.field == Field::CountryCode {
                // Codes match exactly or not at all (`k` is not a code).
                if q.code
                    && arena.text(arena.text_ref(f)) == q.text
                    && best.is_none_or(|(b, _)| CODE_SCORE > b)
                {
                    best = Some((CODE_SCORE, f.field));
                }
                continue;
            }
            if f.mask & q.mask != q.mask {
                continue;
            }
            let compute = || match q.letter {
                // One letter: answered from the summary, the text unread.
                Some(c) => f.lead.score(f.mask, c),
                None => self.text_score(arena.text(arena.text_ref(f)), q, linear),
            };
            let score = match scores {
                Some(memo) => memo.get_or(f.text, compute),
                None => compute(),
            };
            if let Some(score) = score
                && best.is_none_or(|(b, _)| score > b)
            {
                best = Some((score, f.field));
            }
        }
        best
    }

    /// Matches `query` against the given candidates (in their order) and
    /// returns the hits best first; equal scores keep the candidates' order.
    /// An empty query keeps every candidate with score 0.
    pub fn search(&self, query: &str, candidates: &[usize]) -> Vec<Hit> {
        let ranked = candidates.iter().enumerate().map(|(r, &ix)| (ix, r as u32));
        self.run(query, candidates.len(), ranked)
    }

    /// Like [`search`](Self::search) over the hits of an earlier query that
    /// the new query extends (a longer query can only match fewer records),
    /// keeping their original ranks.
    pub fn narrow(&self, query: &str, previous: &[Hit]) -> Vec<Hit> {
        // Back into rank order, in linear time: ranks are distinct and small.
        let slots = previous
            .iter()
            .map(|h| h.rank as usize + 1)
            .max()
            .unwrap_or(0);
        let mut by_rank = vec![usize::MAX; slots];
        for h in previous {
            by_rank[h.rank as usize] = h.ix;
        }
        let pairs: Vec<(usize, u32)> = by_rank
            .into_iter()
            .enumerate()
            .filter(|&(_, ix)| ix != usize::MAX)
            .map(|(rank, ix)| (ix, rank as u32))
            .collect();
        self.run(query, pairs.len(), pairs.iter().copied())
    }

    /// Scores candidates given in rank order; returns hits best first. A
    /// query of several space-separated terms keeps the records in which
    /// every term matches (in any field), scored by the sum of the terms'
    /// best scores.
    fn run(
        &self,
        query: &str,
        count: usize,
        candidates: impl Iterator<Item = (usize, u32)> + Clone,
    ) -> Vec<Hit> {
        let Some(q) = Query::new(query, count) else {
            return candidates
                .map(|(ix, rank)| Hit {
                    ix,
                    score: 0,
                    field: Field::Name,
                    rank,
                })
                .collect();
        };
        let n_terms = q.terms.len();
        // Shared fields (countries) are scored once per group and term:
        // `group_best[g * n_terms + t]`.
        let mut group_best: Vec<Option<(i64, Field)>> =
            Vec::with_capacity(self.groups.len() * n_terms);
        for g in 0..self.groups.len() {
            let fields = self.groups.record(g);
            for term in &q.terms {
                group_best.push(self.best(&self.groups, fields, term, q.linear, None));
            }
        }
        // Many candidates: remember each distinct text's score, as records
        // share names; few candidates: not worth the table.
        // Only the full alignment is costly enough to be worth remembering.
        let shared_texts = self.items.texts.len() < self.items.fields.len() && !q.linear;
        let memo: Vec<Option<Scores>> = q
            .terms
            .iter()
            .map(|term| {
                (shared_texts && term.single.is_none() && count >= PARALLEL_THRESHOLD)
                    .then(|| Scores::new(self.items.texts.len()))
            })
            .collect();
        // One term's best score in an item: its own fields, then its id
        // (which wins only with a better score), then its group's.
        let term_best = |ix: usize, t: usize, term: &Term| -> Option<(i64, Field)> {
            let mut own = self.best(
                &self.items,
                self.items.record(ix),
                term,
                q.linear,
                memo[t].as_ref(),
            );
            if let Some(score) = self.id_score(ix, term, q.linear)
                && own.is_none_or(|(b, _)| score > b)
            {
                own = Some((score, Field::Id));
            }
            let shared = match self.item_group.get(ix) {
                Some(&g) if g != u32::MAX => {
                    group_best.get(g as usize * n_terms + t).copied().flatten()
                }
                _ => None,
            };
            match (own, shared) {
                (Some(a), Some(b)) if b.0 > a.0 => Some(b),
                (Some(a), _) => Some(a),
                (None, b) => b,
            }
        };
        let score = |&(ix, rank): &(usize, u32)| -> Option<Hit> {
            let (score, field) = match q.terms.as_slice() {
                [term] => term_best(ix, 0, term)?,
                terms => {
                    let mut total = 0i64;
                    // The hit's field is where its best term matched.
                    let mut top: Option<(i64, Field)> = None;
                    for (t, term) in terms.iter().enumerate() {
                        let (score, field) = term_best(ix, t, term)?;
                        total += score;
                        if top.is_none_or(|(b, _)| score > b) {
                            top = Some((score, field));
                        }
                    }
                    (total, top?.1)
                }
            };
            Some(Hit {
                ix,
                score,
                field,
                rank,
            })
        };
        // Large searches visit the records in memory order: the candidates
        // come in display order, which jumps around the index and stalls on
        // cache misses. The hits are then put back in rank order.
        let n = self.items.len();
        let hits: Vec<Hit> = if count >= PARALLEL_THRESHOLD && count >= n / 16 {
            use rayon::prelude::*;
            // Each record's result by index: the candidates are marked, the
            // records scored in memory order on every core, and the hits
            // then read out in the candidates' (rank) order.
            const UNSCORED: u64 = 1;
            let mut found = vec![0u64; n];
            for (ix, _) in candidates.clone() {
                if let Some(slot) = found.get_mut(ix) {
                    *slot = UNSCORED;
                }
            }
            found
                .par_chunks_mut(PARALLEL_THRESHOLD / 2)
                .enumerate()
                .for_each(|(c, chunk)| {
                    let base = c * (PARALLEL_THRESHOLD / 2);
                    for (i, slot) in chunk.iter_mut().enumerate() {
                        if *slot == UNSCORED {
                            *slot = score(&(base + i, 0)).map_or(0, |h| pack(h.score, h.field));
                        }
                    }
                });
            candidates
                .filter_map(|(ix, rank)| {
                    let (score, field) = unpack(*found.get(ix)?)?;
                    Some(Hit {
                        ix,
                        score,
                        field,
                        rank,
                    })
                })
                .collect()
        } else {
            candidates.filter_map(|c| score(&c)).collect()
        };
        // In rank order, a stable sort by score alone gives best first with
        // ties in rank order.
        by_score_descending(hits)
    }

    /// Positions (in characters of the original text) that `query` matches in
    /// one field of one item, for highlighting: for a query of several terms,
    /// the union of the positions of every term that matches in this field.
    /// Empty when none does.
    pub fn positions(&self, ix: usize, field: Field, query: &str) -> Vec<usize> {
        let folded = fold(query);
        if folded.trim().is_empty() {
            return Vec::new();
        }
        if field == Field::Id {
            // Ids are ASCII: folded positions are the original ones.
            return self
                .ids
                .get(ix, 0)
                .map(|hay| self.term_positions(hay, &folded))
                .unwrap_or_default();
        }
        let own = self
            .items
            .record(ix)
            .iter()
            .find(|f| f.field == field)
            .map(|f| (&self.items, f));
        let shared = || {
            let g = *self.item_group.get(ix)?;
            self.groups
                .record(g as usize)
                .iter()
                .find(|f| f.field == field)
                .map(|f| (&self.groups, f))
        };
        let Some((arena, f)) = own.or_else(shared) else {
            return Vec::new();
        };
        let t = arena.text_ref(f);
        arena.original_positions(t, &self.term_positions(arena.text(t), &folded))
    }

    /// The union of the positions, in order, at which each term of a folded
    /// query matches a folded text.
    fn term_positions(&self, hay: &str, folded: &str) -> Vec<usize> {
        let mut positions: Vec<usize> = folded
            .split_whitespace()
            .filter_map(|term| self.matcher.fuzzy_indices(hay, term))
            .flat_map(|(_, p)| p)
            .collect();
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    fn names(data: &Dataset, ixs: impl IntoIterator<Item = usize>) -> Vec<String> {
        ixs.into_iter()
            .map(|i| data.partners[i].name.clone())
            .collect()
    }

    #[test]
    fn accents_and_case_fold_on_both_sides() {
        let data = load_embedded().unwrap();
        let index = SearchIndex::partners(&data);
        let all: Vec<usize> = (0..data.partners.len()).collect();
        for (query, want) in [
            ("dusseldorf", "Düsseldorf"),
            ("DÜSSELDORF", "Düsseldorf"),
            ("yaounde", "Yaoundé"),
            ("Yaoundé", "Yaoundé"),
            ("thessaloniki", "Thessaloniki"),
            ("θεσσαλονικη", "Thessaloniki"),
            ("札幌", "Sapporo"),
            ("新西伯", "Novosibirsk"),
        ] {
            let hits = index.search(query, &all);
            let first = hits.first().map(|h| data.partners[h.ix].name.as_str());
            if want == "Novosibirsk" && first.is_none() {
                continue; // no Chinese name recorded for Novosibirsk
            }
            assert_eq!(first, Some(want), "{query}");
        }
    }

    #[test]
    fn country_names_find_partners() {
        let data = load_embedded().unwrap();
        let index = SearchIndex::partners(&data);
        let all: Vec<usize> = (0..data.partners.len()).collect();
        let hits = index.search("japan", &all);
        let jp = CountryCode::parse("JP").unwrap();
        let japanese = data.partners.iter().filter(|p| p.country == jp).count();
        assert!(japanese >= 4);
        assert!(hits.len() >= japanese);
        assert!(
            hits[..japanese]
                .iter()
                .all(|h| data.partners[h.ix].country == jp)
        );
        assert!(hits[..japanese].iter().all(|h| h.field == Field::Country));
    }

    #[test]
    fn positions_map_to_original_characters() {
        let data = load_embedded().unwrap();
        let index = SearchIndex::partners(&data);
        let ix = data.partner_index("dusseldorf").unwrap();
        assert_eq!(index.positions(ix, Field::Name, "dus"), vec![0, 1, 2]);
        let ix = data.partner_index("yaounde").unwrap();
        assert_eq!(index.positions(ix, Field::Name, "unde"), vec![3, 4, 5, 6]);
    }

    fn first_ids(data: &Dataset, hits: &[Hit], n: usize) -> Vec<String> {
        hits.iter()
            .take(n)
            .map(|h| data.partners[h.ix].id.clone())
            .collect()
    }

    #[test]
    fn every_term_must_match_and_scores_add_up() {
        let data = load_embedded().unwrap();
        let index = SearchIndex::partners(&data);
        let all: Vec<usize> = (0..data.partners.len()).collect();
        let hits = index.search("sapporo japan", &all);
        assert_eq!(first_ids(&data, &hits, 5), ["sapporo"]);
        let alone = index.search("sapporo", &all)[0].score;
        let japan = index.search("japan", &all)[0].score;
        assert_eq!(hits[0].score, alone + japan);
        assert_eq!(hits[0].field, Field::Name, "the best term's field");
        assert_eq!(
            first_ids(&data, &index.search("la plata", &all), 1),
            ["la-plata"]
        );
        assert!(index.search("sapporo zzqq", &all).is_empty());
        // Blank queries keep everything.
        assert_eq!(index.search("   ", &all).len(), all.len());
    }

    #[test]
    fn ids_and_country_codes_are_searched() {
        let data = load_embedded().unwrap();
        let index = SearchIndex::partners(&data);
        let all: Vec<usize> = (0..data.partners.len()).collect();
        let hits = index.search("la-plata", &all);
        assert_eq!(first_ids(&data, &hits, 5), ["la-plata"]);
        assert_eq!(hits[0].field, Field::Id);
        let ix = hits[0].ix;
        assert_eq!(
            index.positions(ix, Field::Id, "la-plata"),
            (0..8).collect::<Vec<_>>()
        );
        assert_eq!(index.positions(ix, Field::Id, "pl la"), vec![0, 1, 3, 4]);
        for code in ["KR", "de", "Jp"] {
            let cc = CountryCode::parse(code).unwrap();
            let n = data.partners.iter().filter(|p| p.country == cc).count();
            let hits = index.search(code, &all);
            assert!(n >= 2);
            assert!(
                hits[..n].iter().all(|h| data.partners[h.ix].country == cc),
                "{code}"
            );
            assert!(
                hits[..n].iter().all(|h| h.field == Field::CountryCode),
                "{code}"
            );
            assert!(
                hits[n..].iter().all(|h| data.partners[h.ix].country != cc),
                "{code}"
            );
        }
        // A single letter is no code.
        assert!(
            index
                .search("k", &all)
                .iter()
                .all(|h| h.field != Field::CountryCode)
        );
    }

    #[test]
    fn a_code_outranks_any_fuzzy_match_of_two_characters() {
        let matcher = SkimMatcherV2::default().respect_case();
        let texts = folded_texts(5);
        let mut best = 0;
        for text in &texts {
            let chars: Vec<char> = text.chars().collect();
            for pair in chars.windows(2) {
                let p: String = pair.iter().collect();
                best = best.max(matcher.fuzzy_match(text, &p).unwrap_or(0));
                best = best.max(linear_score(text, pair).unwrap_or(0));
            }
        }
        assert!(best > 0 && best < CODE_SCORE, "{best}");
    }

    #[test]
    fn full_width_queries_fold() {
        let data = load_embedded().unwrap();
        let index = SearchIndex::partners(&data);
        let all: Vec<usize> = (0..data.partners.len()).collect();
        let want = index.search("sapporo", &all);
        assert_eq!(index.search("ｓａｐｐｏｒｏ", &all), want);
        // U+3000, the ideographic space, separates terms too.
        assert_eq!(
            index.search("sapporo\u{3000}japan", &all),
            index.search("sapporo japan", &all)
        );
    }

    #[test]
    fn positions_of_several_terms_are_their_union() {
        let data = load_embedded().unwrap();
        let index = SearchIndex::partners(&data);
        let ix = data.partner_index("la-plata").unwrap();
        assert_eq!(
            index.positions(ix, Field::Name, "la plata"),
            vec![0, 1, 3, 4, 5, 6, 7]
        );
        assert_eq!(
            index.positions(ix, Field::Name, "plata la"),
            vec![0, 1, 3, 4, 5, 6, 7]
        );
        // A term that matches elsewhere adds nothing here.
        let ix = data.partner_index("sapporo").unwrap();
        assert_eq!(index.positions(ix, Field::Name, "sap japan"), vec![0, 1, 2]);
        assert_eq!(
            index.positions(ix, Field::Country, "sap japan"),
            vec![0, 1, 2, 3, 4]
        );
    }

    #[test]
    fn narrowing_multi_term_queries_gives_the_same_hits() {
        let text = crate::synth::generate(6000, 13);
        let data = crate::data::load_str(&text, "synth").unwrap();
        let index = SearchIndex::partners(&data);
        let all = filter_partners(&data, &PartnerFilter::default(), SortKey::Name);
        let typed = "san ko  e";
        let mut hits = index.search(&typed[..1], &all);
        for k in 2..=typed.len() {
            hits = index.narrow(&typed[..k], &hits);
            assert_eq!(hits, index.search(&typed[..k], &all), "{:?}", &typed[..k]);
        }
        assert!(!hits.is_empty());
    }

    #[test]
    fn sorts() {
        let data = load_embedded().unwrap();
        let by_name = filter_partners(&data, &PartnerFilter::default(), SortKey::Name);
        let shown = names(&data, by_name.iter().copied());
        let mut folded: Vec<String> = shown.iter().map(|n| fold(n)).collect();
        let before = folded.clone();
        folded.sort();
        assert_eq!(folded, before);
        let by_year = filter_partners(&data, &PartnerFilter::default(), SortKey::Established);
        assert_eq!(data.partners[by_year[0]].id, "sapporo");
        assert!(
            data.partners[*by_year.last().unwrap()]
                .established
                .is_none()
        );
    }

    #[test]
    fn filters_by_kind_and_country() {
        let data = load_embedded().unwrap();
        let kr = CountryCode::parse("KR").unwrap();
        let f = PartnerFilter {
            countries: vec![kr],
            kind: Some(PartnerKind::Sister),
        };
        let got = filter_partners(&data, &f, SortKey::Name);
        assert!(!got.is_empty());
        assert!(got.iter().all(
            |&i| data.partners[i].country == kr && data.partners[i].kind == PartnerKind::Sister
        ));
    }

    #[test]
    fn events_filter_by_year_partner_and_country() {
        let data = load_embedded().unwrap();
        let f = EventFilter {
            from_year: Some(2018),
            to_year: Some(2018),
            ..Default::default()
        };
        let got = filter_events(&data, &f);
        assert!(!got.is_empty());
        assert!(got.iter().all(|&i| data.events[i].date.year() == 2018));
        let karachi = data.partner_index("karachi").unwrap();
        let f = EventFilter {
            partner: Some(karachi),
            ..Default::default()
        };
        let got = filter_events(&data, &f);
        assert!(got.len() >= 2);
        assert!(
            got.windows(2)
                .all(|w| data.events[w[0]].date <= data.events[w[1]].date)
        );
    }

    #[test]
    fn narrowing_gives_the_same_hits_as_a_fresh_search() {
        let text = crate::synth::generate(3000, 11);
        let data = crate::data::load_str(&text, "synth").unwrap();
        let index = SearchIndex::partners(&data);
        let all = filter_partners(&data, &PartnerFilter::default(), SortKey::Name);
        for q in ["s", "sa", "san", "sant", "ä", "äl", "ко", "成"] {
            let prefix: String = q
                .chars()
                .take(q.chars().count().saturating_sub(1))
                .collect();
            let before = index.search(&prefix, &all);
            assert_eq!(index.narrow(q, &before), index.search(q, &all), "{q}");
        }
        assert!(index.search("s", &all).len() > 3000 / 10);
    }

    #[test]
    fn large_searches_equal_one_record_at_a_time() {
        // 10,000 candidates take the parallel, memory-order path with the
        // per-text memory of scores; one candidate at a time takes neither.
        let text = crate::synth::generate(10_000, 5);
        let data = crate::data::load_str(&text, "synth").unwrap();
        let index = SearchIndex::partners(&data);
        let all = filter_partners(&data, &PartnerFilter::default(), SortKey::Country);
        assert!(all.len() >= PARALLEL_THRESHOLD && all.len() < LARGE_SEARCH);
        for q in ["a", "k", "é", "sa", "san jo", "山", "kr", "ber lin"] {
            let mut expected: Vec<Hit> = all
                .iter()
                .enumerate()
                .filter_map(|(rank, &ix)| {
                    let h = index.search(q, &[ix]).into_iter().next()?;
                    Some(Hit {
                        rank: rank as u32,
                        ..h
                    })
                })
                .collect();
            expected.sort_by_key(|h| (std::cmp::Reverse(h.score), h.rank));
            let got = index.search(q, &all);
            assert!(!got.is_empty(), "{q}");
            assert_eq!(got, expected, "{q}");
        }
    }

    #[test]
    fn byte_prefilter() {
        assert!(may_match(b"dusseldorf", b"dsf"));
        assert!(!may_match(b"dusseldorf", b"fd"));
        assert!(may_match(b"anything", b""));
        assert!(may_match("札幌市".as_bytes(), "幌".as_bytes()));
        assert!(!may_match(b"abc", "é".as_bytes()));
    }

    #[test]
    fn lines_index_for_filter_lines() {
        let index = SearchIndex::lines(["Sapporo", "Düsseldorf", "Dushanbe", "Yaoundé"]);
        let all: Vec<usize> = (0..index.len()).collect();
        let hits = index.search("dus", &all);
        let got: Vec<usize> = hits.iter().map(|h| h.ix).collect();
        assert_eq!(got.len(), 2);
        assert!(got.contains(&1) && got.contains(&2));
        assert_eq!(index.positions(1, Field::Line, "dus"), vec![0, 1, 2]);
    }

    /// Every name and event title of the real dataset and a synthetic one, folded.
    fn folded_texts(seed: u64) -> Vec<String> {
        let synth = crate::data::load_str(&crate::synth::generate(300, seed), "synth").unwrap();
        let real = load_embedded().unwrap();
        let mut texts: Vec<String> = Vec::new();
        for data in [&real, &synth] {
            for p in &data.partners {
                let names = [Some(&p.name), p.name_local.as_ref(), p.name_zh.as_ref()];
                texts.extend(names.into_iter().flatten().map(|s| fold(s)));
            }
            texts.extend(data.events.iter().map(|e| fold(&e.title)));
        }
        texts
    }

    #[test]
    fn single_character_scores_equal_the_matchers() {
        let matcher = SkimMatcherV2::default().respect_case();
        let mut texts = folded_texts(8);
        texts.extend(
            [
                "(a)b", "a-b", "x a", "\0a", "a", "", "..a", "~a", "a/b a", "la-plata", "b-a(a",
                "x ba-a", "zz z",
            ]
            .map(String::from),
        );
        let mut chars: Vec<char> = texts.iter().flat_map(|t| t.chars()).collect();
        chars.sort_unstable();
        chars.dedup();
        for text in &texts {
            let (mask, lead) = summarize(text);
            assert_eq!((mask, lead.0), (char_mask(text), Lead::of(text).0));
            for &c in &chars {
                let mut buf = [0u8; 4];
                let expected = matcher.fuzzy_match(text, c.encode_utf8(&mut buf));
                assert_eq!(single_char_score(text, c), expected, "{text:?} / {c:?}");
                if c.is_ascii_lowercase() {
                    assert_eq!(lead.score(mask, c as u8), expected, "{text:?} / {c:?}");
                }
            }
            // Letters the text lacks, too.
            for c in b'a'..=b'z' {
                let mut buf = [0u8; 4];
                let expected = matcher.fuzzy_match(text, char::from(c).encode_utf8(&mut buf));
                assert_eq!(
                    lead.score(mask, c),
                    expected,
                    "{text:?} / {:?}",
                    char::from(c)
                );
            }
        }
    }

    #[test]
    fn packed_results_keep_score_and_field() {
        for (i, &f) in Field::ALL.iter().enumerate() {
            assert_eq!(f as usize, i);
            for score in [0, 15, -7, 4000, i64::from(i32::MAX)] {
                assert_eq!(unpack(pack(score, f)), Some((score, f)));
            }
        }
        assert_eq!(unpack(0), None);
        assert_eq!(unpack(1), None);
    }

    #[test]
    fn counting_sort_is_stable_and_descending() {
        let hit = |score, rank| Hit {
            ix: rank as usize,
            score,
            field: Field::Name,
            rank,
        };
        let hits = vec![hit(10, 0), hit(300, 1), hit(10, 2), hit(-4, 3), hit(300, 4)];
        let got: Vec<(i64, u32)> = by_score_descending(hits)
            .iter()
            .map(|h| (h.score, h.rank))
            .collect();
        assert_eq!(got, [(300, 1), (300, 4), (10, 0), (10, 2), (-4, 3)]);
        let wide = vec![hit(i64::MAX / 2, 0), hit(-5, 1), hit(i64::MAX / 2, 2)];
        let got: Vec<u32> = by_score_descending(wide).iter().map(|h| h.rank).collect();
        assert_eq!(got, [0, 2, 1]);
        assert!(by_score_descending(Vec::new()).is_empty());
    }

    #[test]
    fn linear_scores_equal_the_matchers() {
        let matcher = SkimMatcherV2::default().respect_case().element_limit(1);
        let mut texts = folded_texts(12);
        texts
            .extend(["xxab", "a-b c", "(ab)", "aab", "abab", "ba", "AbC", "a1B"].map(String::from));
        let mut rng = crate::synth::Rng::new(3);
        let mut checked = 0;
        for text in &texts {
            let chars: Vec<char> = text.chars().collect();
            for _ in 0..12 {
                // Subsequences of the text (matches) and random pairs (mostly not).
                let pattern: Vec<char> = if rng.below(3) > 0 && chars.len() >= 2 {
                    let n = 2 + rng.below(chars.len().min(6) - 1);
                    let mut picks: Vec<usize> = (0..n).map(|_| rng.below(chars.len())).collect();
                    picks.sort_unstable();
                    picks.into_iter().map(|i| chars[i]).collect()
                } else {
                    let alphabet: Vec<char> = "abeilnorstu -".chars().collect();
                    (0..2 + rng.below(3))
                        .map(|_| *rng.pick(&alphabet))
                        .collect()
                };
                let p: String = pattern.iter().collect();
                assert_eq!(
                    linear_score(text, &pattern),
                    matcher.fuzzy_match(text, &p),
                    "{text:?} / {p:?}"
                );
                checked += 1;
            }
        }
        assert!(checked > 10_000);
    }
}
