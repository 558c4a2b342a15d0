//! Fuzzy search over folded text, with match positions mapped back to what
//! the user sees. Case, accents and width are folded on both sides once, at
//! build time for the records, so a keystroke folds only the query.
//!
//! The matcher is fuzzy-matcher's `SkimMatcherV2`; `score.rs` says why two of
//! its cases are computed here and how they are kept equal to the crate's.
//! `arena.rs` holds the folded texts, compactly and linearly in the input.

mod arena;
mod events;
mod score;

pub use events::{EventIndex, best_first, best_hit, search_events, search_events_in};

use std::sync::atomic::{AtomicU64, Ordering};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::data::text::fold;
use crate::data::{CountryCode, Dataset};
use arena::{Arena, FieldRef, Ids, Links};
use score::{Scores, char_mask, linear_score, may_match, single_char_score};

/// What a searchable field of a record holds. The order is the tie-break
/// between fields that match equally well.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, strum::FromRepr, strum::VariantArray,
)]
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
    /// The name of one of an event's partners.
    Partners,
    Line,
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

/// A match's score and field in one word: bit 63 set, the score (as 32
/// bits) above the field's number. 0 and 1 are free to mean "no match" and
/// "not scored yet" (or the other way round, see [`GroupScores`]).
fn pack(score: i64, field: Field) -> u64 {
    let score = score.clamp(i32::MIN.into(), i32::MAX.into()) as i32 as u32;
    1 << 63 | u64::from(score) << 8 | field as u64
}

fn unpack(word: u64) -> Option<(i64, Field)> {
    if word >> 63 != 1 {
        return None;
    }
    let score = i64::from((word >> 8) as u32 as i32);
    Some((score, Field::from_repr((word & 0xff) as usize)?))
}

/// Per-query memory of each shared record's best score per term, filled on
/// first use by whichever thread needs it (0: not computed yet; 1: no
/// match; otherwise [`pack`]ed). A query touches only the shared records its
/// candidates link to.
struct GroupScores(Vec<AtomicU64>);

impl GroupScores {
    fn new(slots: usize) -> Self {
        Self((0..slots).map(|_| AtomicU64::new(0)).collect())
    }

    fn get_or(
        &self,
        slot: usize,
        compute: impl FnOnce() -> Option<(i64, Field)>,
    ) -> Option<(i64, Field)> {
        let Some(cell) = self.0.get(slot) else {
            return compute();
        };
        match cell.load(Ordering::Relaxed) {
            0 => {
                let best = compute();
                cell.store(best.map_or(1, |(s, f)| pack(s, f)), Ordering::Relaxed);
                best
            }
            word => unpack(word),
        }
    }
}

/// The best score of each shared record per term, for one query.
enum GroupBest {
    /// Computed before the candidates are scored.
    Eager(Vec<Option<(i64, Field)>>),
    /// Computed when a candidate first needs one.
    Lazy(GroupScores),
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
    /// The same, when it is an ASCII lower-case letter (see `score::Lead`).
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

/// Below this many candidates a search runs on one thread.
const PARALLEL_THRESHOLD: usize = 4096;

/// A fuzzy index over a list of records, built once per dataset: case and
/// accents are folded at build time, so a keystroke only folds the query.
pub struct SearchIndex {
    items: Arena,
    /// The shared records each item links to, in `groups`.
    links: Links,
    groups: Arena,
    /// Each item's id, when the items have ids (partners).
    ids: Ids,
    matcher: SkimMatcherV2,
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
    fn new(items: Arena, links: Links, groups: Arena, ids: Ids) -> Self {
        Self {
            items,
            links,
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
        Self::new(items.finish(), Links::One(item_group), groups.finish(), ids)
    }

    /// Events by title, place, date and the names of the partners
    /// concerned; `title` gives each row's title (derived rows have none of
    /// their own: the presentation words them). Each partner's name is
    /// stored once and events refer to it by index, so an event listing
    /// hundreds of partners costs four bytes per partner, not a copy of
    /// their names.
    pub fn events<'a>(
        data: &'a Dataset,
        title: impl Fn(usize) -> std::borrow::Cow<'a, str>,
    ) -> Self {
        let mut items = Arena::deduplicating();
        let mut starts = Vec::with_capacity(data.events.len() + 1);
        let mut list = Vec::new();
        starts.push(0);
        for (ix, e) in data.events.iter().enumerate() {
            items.push(Field::Title, &title(ix));
            if let Some(place) = &e.place {
                items.push(Field::Place, place);
            }
            items.push(Field::Date, &e.date.to_string());
            items.end_record();
            list.extend(e.partners.iter().map(|&p| p as u32));
            starts.push(list.len() as u32);
        }
        let mut groups = Arena::deduplicating();
        for p in &data.partners {
            groups.push(Field::Partners, &p.name);
            groups.end_record();
        }
        Self::new(
            items.finish(),
            Links::Many { starts, list },
            groups.finish(),
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
        Self::new(
            items.finish(),
            Links::None,
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

    /// Bytes the index holds on the heap (what the tests of its linear
    /// size measure).
    pub fn heap_bytes(&self) -> usize {
        self.items.heap_bytes()
            + self.groups.heap_bytes()
            + self.links.heap_bytes()
            + self.ids.heap_bytes()
    }

    /// The score of one term in an item's id, if it matches.
    fn id_score(&self, ix: usize, q: &Term, linear: bool) -> Option<i64> {
        if let Some(c) = q.letter {
            let (mask, lead) = self.ids.summary(ix)?;
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
                    && arena.field_text(f) == q.text
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
                None => self.text_score(arena.field_text(f), q, linear),
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
        // Shared records (countries, an event's partners) are scored once
        // per term, `[g * n_terms + t]`: all at once when that costs no more
        // than the candidates do (a partner's country: a few hundred), else
        // when a candidate first needs one (an event's partners, most of
        // which a narrowed query never touches).
        let group_term = |g: usize, term: &Term| {
            self.best(&self.groups, self.groups.record(g), term, q.linear, None)
        };
        let slots = self.groups.len() * n_terms;
        let group_best = if slots <= count {
            GroupBest::Eager(
                (0..self.groups.len())
                    .flat_map(|g| q.terms.iter().map(move |term| group_term(g, term)))
                    .collect(),
            )
        } else {
            GroupBest::Lazy(GroupScores::new(slots))
        };
        let group_score = |g: u32, t: usize, term: &Term| -> Option<(i64, Field)> {
            let g = g as usize;
            match &group_best {
                GroupBest::Eager(best) => best.get(g * n_terms + t).copied().flatten(),
                GroupBest::Lazy(memo) => memo.get_or(g * n_terms + t, || group_term(g, term)),
            }
        };
        // Many candidates: remember each distinct text's score, as records
        // share names; few candidates: not worth the table.
        // Only the full alignment is costly enough to be worth remembering.
        let shared_texts = self.items.shares_texts() && !q.linear;
        let memo: Vec<Option<Scores>> = q
            .terms
            .iter()
            .map(|term| {
                (shared_texts && term.single.is_none() && count >= PARALLEL_THRESHOLD)
                    .then(|| Scores::new(self.items.distinct_texts()))
            })
            .collect();
        // One term's best score in an item: its own fields, then its id
        // (which wins only with a better score), then its shared records'
        // (the first of the best, in link order).
        let term_best = |ix: usize, t: usize, term: &Term| -> Option<(i64, Field)> {
            let mut own = self.best(
                &self.items,
                self.items.record(ix),
                term,
                q.linear,
                memo.get(t).and_then(Option::as_ref),
            );
            if let Some(score) = self.id_score(ix, term, q.linear)
                && own.is_none_or(|(b, _)| score > b)
            {
                own = Some((score, Field::Id));
            }
            let shared = match (&self.links, &group_best) {
                // One shared record scored in advance (a partner's
                // country): the hot case, read straight from the table.
                (Links::One(one), GroupBest::Eager(best)) => one
                    .get(ix)
                    .and_then(|&g| best.get(g as usize * n_terms + t))
                    .copied()
                    .flatten(),
                (links, _) => {
                    let mut shared: Option<(i64, Field)> = None;
                    for &g in links.of(ix) {
                        if let Some(s) = group_score(g, t, term)
                            && shared.is_none_or(|b| s.0 > b.0)
                        {
                            shared = Some(s);
                        }
                    }
                    shared
                }
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
    /// Empty when none does. A field of several shared records (an event's
    /// partners) gives the positions in the first of them that matches.
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
        let in_field = |arena: &Arena, fields: &[FieldRef]| {
            let f = fields.iter().find(|f| f.field == field)?;
            let t = arena.text_ref(f)?;
            Some(arena.original_positions(t, &self.term_positions(arena.text(t), &folded)))
        };
        if let Some(own) = in_field(&self.items, self.items.record(ix)) {
            return own;
        }
        self.links
            .of(ix)
            .iter()
            .filter_map(|&g| in_field(&self.groups, self.groups.record(g as usize)))
            .find(|p| !p.is_empty())
            .unwrap_or_default()
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
mod tests;
