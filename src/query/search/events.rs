//! Event search: what the timeline and `timeline --search` share.
//!
//! Unlike the partner search, which is fuzzy (a subsequence fits), an event
//! is found by what a reader would call evidence: a whole word, a word's
//! prefix or a run of characters (for scripts without spaces: `札幌` in
//! `札幌市`) in its title, place, date, its partners' names in every script
//! and their aliases, or its countries (English, Chinese, ISO code). A
//! subsequence counts only inside one word and ranks last; one scattered
//! over several words is no evidence at all, so `near` no longer fits
//! almost every title. A term of digits (`2016`, `2016-03`) matches only the
//! date, so `2016` finds 2016 and nothing else.
//!
//! Results stay in the candidates' (chronological) order; each carries its
//! score so a caller can select the best match ([`best_hit`]) or list them
//! best first ([`best_first`]).
//!
//! Memory is linear in the file: each partner's folded names are stored
//! once and events refer to partners by index.

use std::collections::HashMap;

use super::{Field, Hit};
use crate::data::text::fold;
use crate::data::{CountryCode, Dataset, EventIx};

/// A term equal to a whole field (`japan`, `2016`).
const WHOLE: i64 = 100;
/// A term equal to one word of a field.
const WORD: i64 = 90;
/// A term that begins a word.
const PREFIX: i64 = 70;
/// A run of characters inside a word (or inside text without spaces).
const INSIDE: i64 = 50;
/// The term's characters in order inside one word.
const SUBSEQUENCE: i64 = 20;
/// Shortest term that may match as a subsequence.
const MIN_SUBSEQUENCE: usize = 3;

/// The folded text event search looks at, built once per dataset.
#[derive(Debug, Default)]
pub struct EventIndex {
    /// Per event: folded title, place and date.
    events: Vec<[String; 3]>,
    /// Per partner: its folded names (name, local, Chinese, aliases).
    partners: Vec<Vec<String>>,
    /// Per country: folded English and Chinese names and the code.
    countries: HashMap<CountryCode, [String; 3]>,
}

impl EventIndex {
    /// Indexes `data`'s events; `title` words each row's title (derived
    /// rows have none of their own).
    pub fn new<'a>(data: &'a Dataset, title: impl Fn(usize) -> std::borrow::Cow<'a, str>) -> Self {
        let events = data
            .events
            .iter()
            .enumerate()
            .map(|(ix, e)| {
                [
                    fold(&title(ix)),
                    e.place.as_deref().map(fold).unwrap_or_default(),
                    e.date.to_string(),
                ]
            })
            .collect();
        let mut countries = HashMap::new();
        let partners = data
            .partners
            .iter()
            .map(|p| {
                countries.entry(p.country).or_insert_with(|| {
                    [
                        fold(data.country_name(p.country)),
                        fold(data.country_name_zh(p.country)),
                        p.country.as_str().to_ascii_lowercase(),
                    ]
                });
                let mut names = vec![fold(&p.name)];
                names.extend(p.name_local.as_deref().map(fold));
                names.extend(p.name_zh.as_deref().map(fold));
                names.extend(p.aliases.iter().map(|a| fold(a)));
                names
            })
            .collect();
        for e in &data.events {
            for &c in &e.countries {
                countries.entry(c).or_insert_with(|| {
                    [
                        fold(data.country_name(c)),
                        fold(data.country_name_zh(c)),
                        c.as_str().to_ascii_lowercase(),
                    ]
                });
            }
        }
        Self {
            events,
            partners,
            countries,
        }
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Character positions in `title` (the text shown, unfolded) that the
    /// query's terms match, for highlighting.
    pub fn title_positions(title: &str, query: &str) -> Vec<usize> {
        // Fold character by character, remembering where each folded
        // character came from.
        let mut folded = String::new();
        let mut origin = Vec::new();
        for (i, c) in title.chars().enumerate() {
            let f = fold(c.encode_utf8(&mut [0; 4]));
            for _ in f.chars() {
                origin.push(i);
            }
            folded.push_str(&f);
        }
        let chars: Vec<char> = folded.chars().collect();
        let mut out = Vec::new();
        for term in fold(query).split_whitespace() {
            if is_date_term(term) {
                continue;
            }
            let t: Vec<char> = term.chars().collect();
            if t.is_empty() || t.len() > chars.len() {
                continue;
            }
            // The first run at a word start, else the first run anywhere.
            let starts: Vec<usize> = (0..=chars.len() - t.len())
                .filter(|&s| chars[s..s + t.len()] == t[..])
                .collect();
            let at_word = starts
                .iter()
                .copied()
                .find(|&s| s == 0 || !chars[s - 1].is_alphanumeric());
            if let Some(s) = at_word.or(starts.first().copied()) {
                out.extend((s..s + t.len()).filter_map(|k| origin.get(k).copied()));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Whether a term can only mean a date (`2016`, `2016-03`).
fn is_date_term(term: &str) -> bool {
    term.starts_with(|c: char| c.is_ascii_digit())
        && term.chars().all(|c| c.is_ascii_digit() || c == '-')
}

/// How well one folded term matches one folded text, if at all.
fn text_score(hay: &str, term: &str) -> Option<i64> {
    if hay.is_empty() {
        return None;
    }
    if hay == term {
        return Some(WHOLE);
    }
    let mut best: Option<i64> = None;
    let raise = |best: &mut Option<i64>, s: i64| *best = Some(best.map_or(s, |b| b.max(s)));
    let mut subsequence = false;
    for word in hay.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if word == term {
            return Some(WORD);
        }
        if word.starts_with(term) {
            raise(&mut best, PREFIX);
        } else if word.contains(term) {
            raise(&mut best, INSIDE);
        } else if !subsequence && term.chars().count() >= MIN_SUBSEQUENCE {
            subsequence = is_subsequence(term, word);
        }
    }
    if best.is_none() && hay.contains(term) {
        // Across a word boundary (`new york` typed as one term is two).
        raise(&mut best, INSIDE);
    }
    if best.is_none() && subsequence {
        raise(&mut best, SUBSEQUENCE);
    }
    best
}

fn is_subsequence(term: &str, word: &str) -> bool {
    let mut hay = word.chars();
    term.chars().all(|t| hay.any(|c| c == t))
}

/// Searches events for `query`. Every space-separated term must match
/// somewhere in the event; the score is the sum of the terms' best scores.
/// The hits keep the order of `candidates` (`rank` is the position among
/// them); a blank query keeps every candidate with score 0.
pub fn search_events_in(
    data: &Dataset,
    index: &EventIndex,
    query: &str,
    candidates: &[EventIx],
) -> Vec<Hit> {
    let folded = fold(query);
    let terms: Vec<&str> = folded.split_whitespace().collect();
    let phrase = terms.join(" ");
    candidates
        .iter()
        .enumerate()
        .filter_map(|(rank, &ix)| {
            let rank = rank as u32;
            if terms.is_empty() {
                return Some(Hit {
                    ix,
                    score: 0,
                    field: Field::Title,
                    rank,
                });
            }
            let mut total = 0;
            let mut top: Option<(i64, Field)> = None;
            for term in &terms {
                let (score, field) = term_best(data, index, ix, term)?;
                total += score;
                if top.is_none_or(|(b, _)| score > b) {
                    top = Some((score, field));
                }
            }
            // A phrase found whole (`south korea`) beats its words found apart.
            if terms.len() > 1 && phrase_found(data, index, ix, &phrase) {
                total += WHOLE;
            }
            let (_, field) = top?;
            Some(Hit {
                ix,
                score: total,
                field,
                rank,
            })
        })
        .collect()
}

/// Searches every event, oldest first (see [`search_events_in`]).
pub fn search_events(data: &Dataset, index: &EventIndex, query: &str) -> Vec<Hit> {
    let all: Vec<EventIx> = (0..data.events.len().min(index.len())).collect();
    search_events_in(data, index, query, &all)
}

/// The position of the best hit (the earliest of the best), if any.
pub fn best_hit(hits: &[Hit]) -> Option<usize> {
    let mut best: Option<(usize, i64)> = None;
    for (i, h) in hits.iter().enumerate() {
        if best.is_none_or(|(_, s)| h.score > s) {
            best = Some((i, h.score));
        }
    }
    best.map(|(i, _)| i)
}

/// The hits best first; equal scores keep their order.
pub fn best_first(hits: &[Hit]) -> Vec<Hit> {
    let mut out = hits.to_vec();
    out.sort_by_key(|h| std::cmp::Reverse(h.score));
    out
}

/// The texts of an event's countries, its own and its partners'.
fn countries_of<'a>(
    data: &'a Dataset,
    index: &'a EventIndex,
    ix: EventIx,
) -> impl Iterator<Item = &'a [String; 3]> + 'a {
    let e = data.events.get(ix);
    let own = e.into_iter().flat_map(|e| e.countries.iter().copied());
    let theirs = e
        .into_iter()
        .flat_map(|e| e.partners.iter())
        .filter_map(|&p| data.partners.get(p).map(|p| p.country));
    own.chain(theirs)
        .filter_map(move |c| index.countries.get(&c))
}

fn term_best(data: &Dataset, index: &EventIndex, ix: EventIx, term: &str) -> Option<(i64, Field)> {
    let [title, place, date] = index.events.get(ix)?;
    if is_date_term(term) {
        // `2016` is 2016 or nothing; `2016-03` is March 2016.
        let matches =
            date.starts_with(term) && date[term.len()..].chars().next().is_none_or(|c| c == '-');
        return matches.then_some((if date == term { WHOLE } else { WORD }, Field::Date));
    }
    let mut best: Option<(i64, Field)> = None;
    let mut consider = |score: Option<i64>, field: Field| {
        if let Some(s) = score
            && best.is_none_or(|(b, _)| s > b)
        {
            best = Some((s, field));
        }
    };
    consider(text_score(title, term), Field::Title);
    consider(text_score(place, term), Field::Place);
    if let Some(e) = data.events.get(ix) {
        for &p in &e.partners {
            for name in index.partners.get(p).into_iter().flatten() {
                consider(text_score(name, term), Field::Partners);
            }
        }
    }
    for [en, zh, code] in countries_of(data, index, ix) {
        consider(text_score(en, term), Field::Country);
        consider(text_score(zh, term), Field::CountryZh);
        if code == term {
            consider(Some(WORD), Field::CountryCode);
        }
    }
    best
}

fn phrase_found(data: &Dataset, index: &EventIndex, ix: EventIx, phrase: &str) -> bool {
    let Some([title, place, _]) = index.events.get(ix) else {
        return false;
    };
    title.contains(phrase)
        || place.contains(phrase)
        || countries_of(data, index, ix).any(|[en, zh, _]| en == phrase || zh == phrase)
        || data.events.get(ix).is_some_and(|e| {
            e.partners.iter().any(|&p| {
                index
                    .partners
                    .get(p)
                    .is_some_and(|names| names.iter().any(|n| n.contains(phrase)))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    fn titles(data: &Dataset, hits: &[Hit]) -> Vec<String> {
        hits.iter()
            .map(|h| format!("{} {}", data.events[h.ix].date, data.events[h.ix].title))
            .collect()
    }

    fn index(data: &Dataset) -> EventIndex {
        EventIndex::new(data, |ix| data.events[ix].title.as_str().into())
    }

    #[test]
    fn a_year_finds_that_year_only() {
        let data = load_embedded().unwrap();
        let hits = search_events(&data, &index(&data), "2016");
        assert!(!hits.is_empty());
        for h in &hits {
            assert_eq!(
                data.events[h.ix].date.year(),
                2016,
                "{:?}",
                titles(&data, &hits)
            );
        }
    }

    #[test]
    fn results_stay_chronological() {
        let data = load_embedded().unwrap();
        let hits = search_events(&data, &index(&data), "korea");
        assert!(hits.len() > 1);
        assert!(hits.windows(2).all(|w| w[0].rank < w[1].rank));
        let dates: Vec<_> = hits.iter().map(|h| data.events[h.ix].date).collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    }

    #[test]
    fn countries_in_every_script_find_their_events() {
        let data = load_embedded().unwrap();
        let ix = index(&data);
        let kr = CountryCode::parse("KR").unwrap();
        for q in ["south korea", "韩国"] {
            let hits = search_events(&data, &ix, q);
            assert!(!hits.is_empty(), "{q}");
            for h in &hits {
                let e = &data.events[h.ix];
                let korean = e.countries.contains(&kr)
                    || e.partners.iter().any(|&p| data.partners[p].country == kr);
                assert!(korean, "{q}: {}", e.title);
            }
        }
    }

    #[test]
    fn a_chinese_name_finds_its_partner_events() {
        let data = load_embedded().unwrap();
        let sapporo = data
            .partners
            .iter()
            .position(|p| p.id == "sapporo")
            .unwrap();
        let hits = search_events(&data, &index(&data), "札幌");
        let expected = data.events_of(sapporo).len();
        assert!(expected >= 1);
        assert!(hits.len() >= expected, "{:?}", titles(&data, &hits));
    }

    #[test]
    fn scattered_subsequences_are_no_evidence() {
        let data = load_embedded().unwrap();
        let hits = search_events(&data, &index(&data), "near");
        // Before: 46 of 61 events fitted `near` as a scattered subsequence.
        assert!(
            hits.len() * 4 < data.events.len(),
            "{:?}",
            titles(&data, &hits)
        );
        assert!(text_score("new east area", "near").is_none());
        assert_eq!(text_score("nearby", "near"), Some(PREFIX));
        assert_eq!(text_score("a near b", "near"), Some(WORD));
    }

    #[test]
    fn the_best_hit_is_a_whole_word() {
        let data = load_embedded().unwrap();
        let hits = search_events(&data, &index(&data), "consulate");
        let best = best_hit(&hits).unwrap();
        assert!(hits[best].score >= WORD);
        let sorted = best_first(&hits);
        assert_eq!(sorted[0], hits[best]);
    }

    #[test]
    fn title_positions_mark_the_word() {
        assert_eq!(
            EventIndex::title_positions("Near Sapporo", "sap"),
            vec![5, 6, 7]
        );
        assert!(EventIndex::title_positions("Near Sapporo", "2016").is_empty());
    }
}
