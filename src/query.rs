//! The one query engine behind both the command line and the explorer:
//! filters (country, kind, years), sort orders, and fuzzy search over folded
//! text with match positions mapped back to what the user sees.

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
    Country,
    CountryZh,
    Title,
    Place,
    Date,
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

/// One folded field, stored as ranges into the index's shared buffers.
#[derive(Debug, Clone, Copy)]
struct FieldRef {
    field: Field,
    /// Byte range of the folded text in `SearchIndex::text`.
    start: u32,
    end: u32,
    /// Range of its origin table in `SearchIndex::origin` (empty: identity).
    origin_start: u32,
    origin_len: u32,
}

/// Folded texts of many records in one buffer (few allocations, compact in
/// memory), with per-record field lists and optional shared groups (all
/// partners of a country share its folded names, scored once per query).
#[derive(Default)]
struct Arena {
    text: String,
    origin: Vec<u32>,
    fields: Vec<FieldRef>,
    /// Record `i` owns `fields[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
}

impl Arena {
    fn push(&mut self, field: Field, original: &str) {
        if original.is_ascii() {
            // Fast path: lower-case straight into the buffer; positions coincide.
            let start = self.text.len() as u32;
            self.text
                .extend(original.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            self.fields.push(FieldRef {
                field,
                start,
                end: self.text.len() as u32,
                origin_start: 0,
                origin_len: 0,
            });
            return;
        }
        let folded = Folded::new(original);
        let start = self.text.len() as u32;
        self.text.push_str(&folded.text);
        let origin = folded.origin();
        let origin_start = self.origin.len() as u32;
        self.origin.extend_from_slice(origin);
        self.fields.push(FieldRef {
            field,
            start,
            end: self.text.len() as u32,
            origin_start,
            origin_len: origin.len() as u32,
        });
    }

    fn end_record(&mut self) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.starts.push(self.fields.len() as u32);
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

    fn text(&self, f: &FieldRef) -> &str {
        &self.text[f.start as usize..f.end as usize]
    }

    /// Maps folded character positions of a field back to the original's.
    fn original_positions(&self, f: &FieldRef, folded: &[usize]) -> Vec<usize> {
        if f.origin_len == 0 {
            return folded.to_vec();
        }
        let table = &self.origin[f.origin_start as usize..(f.origin_start + f.origin_len) as usize];
        let mut out: Vec<usize> = folded
            .iter()
            .filter_map(|&i| table.get(i).map(|&o| o as usize))
            .collect();
        out.dedup();
        out
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

/// Below this many candidates a search runs on one thread.
const PARALLEL_THRESHOLD: usize = 4096;

/// A fuzzy index over a list of records, built once per dataset: case and
/// accents are folded at build time, so a keystroke only folds the query.
pub struct SearchIndex {
    items: Arena,
    /// For each item, its group (e.g. country) in `groups`, or `u32::MAX`.
    item_group: Vec<u32>,
    groups: Arena,
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
    fn new(items: Arena, item_group: Vec<u32>, groups: Arena) -> Self {
        Self {
            items,
            item_group,
            groups,
            // Both sides are folded already, so compare exactly.
            matcher: SkimMatcherV2::default().respect_case(),
        }
    }

    /// Partners by name in every script and by country name in English and
    /// Chinese, so `japan` or `日本` finds the Japanese partners.
    pub fn partners(data: &Dataset) -> Self {
        let mut groups = Arena::default();
        let mut group_of: std::collections::HashMap<CountryCode, u32> =
            std::collections::HashMap::new();
        let mut items = Arena::default();
        let mut item_group = Vec::with_capacity(data.partners.len());
        for p in &data.partners {
            items.push(Field::Name, &p.name);
            if let Some(local) = p.name_local.as_deref().filter(|l| *l != p.name) {
                items.push(Field::NameLocal, local);
            }
            if let Some(zh) = &p.name_zh {
                items.push(Field::NameZh, zh);
            }
            items.end_record();
            let g = *group_of.entry(p.country).or_insert_with(|| {
                groups.push(Field::Country, data.country_name(p.country));
                let zh = data.country_name_zh(p.country);
                if zh != data.country_name(p.country) {
                    groups.push(Field::CountryZh, zh);
                }
                groups.end_record();
                (groups.len() - 1) as u32
            });
            item_group.push(g);
        }
        Self::new(items, item_group, groups)
    }

    /// Events by title, place, date and the names of the partners concerned.
    pub fn events(data: &Dataset) -> Self {
        let mut items = Arena::default();
        for e in &data.events {
            items.push(Field::Title, &e.title);
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
        Self::new(items, vec![u32::MAX; n], Arena::default())
    }

    /// Plain lines of text, one record each (for `filter_lines`).
    pub fn lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Self {
        let mut items = Arena::default();
        for line in lines {
            items.push(Field::Line, line);
            items.end_record();
        }
        let n = items.len();
        Self::new(items, vec![u32::MAX; n], Arena::default())
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.len() == 0
    }

    /// Best score among some fields, if any matches.
    fn best(&self, arena: &Arena, fields: &[FieldRef], q: &str) -> Option<(i64, Field)> {
        let mut best: Option<(i64, Field)> = None;
        for f in fields {
            let hay = arena.text(f);
            if !may_match(hay.as_bytes(), q.as_bytes()) {
                continue;
            }
            if let Some(score) = self.matcher.fuzzy_match(hay, q)
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
        let pairs: Vec<(usize, u32)> = candidates
            .iter()
            .enumerate()
            .map(|(r, &ix)| (ix, r as u32))
            .collect();
        self.run(query, &pairs)
    }

    /// Like [`search`](Self::search) over the hits of an earlier query that
    /// the new query extends (a longer query can only match fewer records),
    /// keeping their original ranks.
    pub fn narrow(&self, query: &str, previous: &[Hit]) -> Vec<Hit> {
        let mut pairs: Vec<(usize, u32)> = previous.iter().map(|h| (h.ix, h.rank)).collect();
        pairs.sort_unstable_by_key(|&(_, r)| r);
        self.run(query, &pairs)
    }

    fn run(&self, query: &str, candidates: &[(usize, u32)]) -> Vec<Hit> {
        let q = fold(query.trim());
        if q.is_empty() {
            return candidates
                .iter()
                .map(|&(ix, rank)| Hit {
                    ix,
                    score: 0,
                    field: Field::Name,
                    rank,
                })
                .collect();
        }
        // Shared fields (countries) are scored once per group.
        let group_best: Vec<Option<(i64, Field)>> = (0..self.groups.len())
            .map(|g| self.best(&self.groups, self.groups.record(g), &q))
            .collect();
        let score = |&(ix, rank): &(usize, u32)| -> Option<Hit> {
            let own = self.best(&self.items, self.items.record(ix), &q);
            let shared = self
                .item_group
                .get(ix)
                .and_then(|&g| group_best.get(g as usize).copied().flatten());
            let (score, field) = match (own, shared) {
                (Some(a), Some(b)) => {
                    if b.0 > a.0 {
                        b
                    } else {
                        a
                    }
                }
                (Some(a), None) => a,
                (None, Some(b)) => b,
                (None, None) => return None,
            };
            Some(Hit {
                ix,
                score,
                field,
                rank,
            })
        };
        let mut hits: Vec<Hit> = if candidates.len() >= PARALLEL_THRESHOLD {
            use rayon::prelude::*;
            candidates
                .par_chunks(PARALLEL_THRESHOLD / 2)
                .flat_map_iter(|chunk| chunk.iter().filter_map(score))
                .collect()
        } else {
            candidates.iter().filter_map(score).collect()
        };
        let order = |a: &Hit, b: &Hit| b.score.cmp(&a.score).then(a.rank.cmp(&b.rank));
        if hits.len() >= PARALLEL_THRESHOLD {
            use rayon::slice::ParallelSliceMut;
            hits.par_sort_unstable_by(order);
        } else {
            hits.sort_unstable_by(order);
        }
        hits
    }

    /// Positions (in characters of the original text) that `query` matches in
    /// one field of one item, for highlighting. Empty when it does not match.
    pub fn positions(&self, ix: usize, field: Field, query: &str) -> Vec<usize> {
        let q = fold(query.trim());
        if q.is_empty() {
            return Vec::new();
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
        match self.matcher.fuzzy_indices(arena.text(f), &q) {
            Some((_, folded)) => arena.original_positions(f, &folded),
            None => Vec::new(),
        }
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
}
