//! Turning what a user typed into a partner or a country: the exact forms
//! first, then, when nothing is exact, the close ones to suggest. The
//! faces word the outcome; nothing here is a sentence.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::search::SearchIndex;
use crate::data::text::fold;
use crate::data::{CountryCode, CountryNames, Dataset, PartnerIx};

/// Longest partner input looked at for names and suggestions, in
/// characters (fuzzy work grows with the input).
pub const MAX_PARTNER_INPUT: usize = 200;

/// Why an input named no single partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unresolved {
    /// Only spaces, or nothing.
    Empty,
    /// Several partners have this English name (case and accents ignored),
    /// in file order: the input must be one of their ids.
    Ambiguous(Vec<PartnerIx>),
    /// No partner has this id or name. Up to three partners the input may
    /// have meant, best first: ids a few edits away, then fuzzy matches of
    /// names (none for input longer than [`MAX_PARTNER_INPUT`]).
    Unknown { suggestions: Vec<PartnerIx> },
}

/// The partner an input names: its id in any case, or its English name
/// (case and accents ignored) if exactly one partner has it. Surrounding
/// spaces are ignored.
pub fn resolve_partner(data: &Dataset, input: &str) -> Result<PartnerIx, Unresolved> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(Unresolved::Empty);
    }
    if let Some(ix) = data
        .partner_index(trimmed)
        .or_else(|| data.partner_index(&trimmed.to_ascii_lowercase()))
    {
        return Ok(ix);
    }
    // Longer input names no partner, and gets no suggestions.
    if trimmed.chars().nth(MAX_PARTNER_INPUT).is_some() {
        return Err(Unresolved::Unknown {
            suggestions: Vec::new(),
        });
    }
    let wanted = fold(trimmed);
    let named: Vec<PartnerIx> = (0..data.partners.len())
        .filter(|&i| fold(&data.partners[i].name) == wanted)
        .collect();
    match named.as_slice() {
        [ix] => Ok(*ix),
        [] => Err(Unresolved::Unknown {
            suggestions: close_partners(data, trimmed),
        }),
        _ => Err(Unresolved::Ambiguous(named)),
    }
}

/// Up to three partners close to `input`: ids by spelling (karachy →
/// karachi), then fuzzy matches of names (saporo).
fn close_partners(data: &Dataset, input: &str) -> Vec<PartnerIx> {
    let wanted = fold(input);
    let limit = (wanted.chars().count() / 3).max(2);
    let mut by_distance: Vec<(usize, &str, PartnerIx)> = data
        .partners
        .iter()
        .enumerate()
        .map(|(ix, p)| (strsim::osa_distance(&wanted, &p.id), p.id.as_str(), ix))
        .filter(|&(d, _, _)| d <= limit)
        .collect();
    by_distance.sort();
    let mut close: Vec<PartnerIx> = by_distance.into_iter().map(|(_, _, ix)| ix).collect();
    let index = SearchIndex::partners(data);
    let all: Vec<usize> = (0..data.partners.len()).collect();
    for h in index.search(input, &all) {
        if close.len() >= 3 {
            break;
        }
        if !close.contains(&h.ix) {
            close.push(h.ix);
        }
    }
    close.truncate(3);
    close
}

/// A country the explorer's picker matched: its place among the candidates
/// given, and how well it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountryHit {
    pub ix: usize,
    pub score: i64,
}

/// The country picker's matching: which of `countries` the typed `query`
/// matches, fuzzily as the search does (case, accents and width folded), by
/// the dataset's English name, its Chinese name or the ISO code; best first,
/// equal scores in the order given. A blank query matches every country
/// with score 0.
pub fn match_countries(data: &Dataset, countries: &[CountryCode], query: &str) -> Vec<CountryHit> {
    let wanted = fold(query.trim());
    if wanted.is_empty() {
        return (0..countries.len())
            .map(|ix| CountryHit { ix, score: 0 })
            .collect();
    }
    // Both sides are folded, so compare exactly.
    let matcher = SkimMatcherV2::default().respect_case();
    let mut hits: Vec<CountryHit> = countries
        .iter()
        .enumerate()
        .filter_map(|(ix, &c)| {
            [data.country_name(c), data.country_name_zh(c), c.as_str()]
                .iter()
                .filter_map(|name| matcher.fuzzy_match(&fold(name), &wanted))
                .max()
                .map(|score| CountryHit { ix, score })
        })
        .collect();
    hits.sort_by_key(|h| (std::cmp::Reverse(h.score), h.ix));
    hits
}

/// Why an input named no country (the faces word it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCountry {
    /// The input, made printable (empty: nothing was given).
    pub input: String,
    /// Close matches, best first (English names).
    pub suggestions: Vec<String>,
}

/// Longest country input looked at, in characters (the longest ISO
/// name has 56); anything longer names no country and gets no suggestions.
pub const MAX_COUNTRY_INPUT: usize = 100;

/// The names a country is known by, normalized (see [`normalize_name`]).
struct Entry {
    code: CountryCode,
    /// Common English name, for suggestions.
    en: String,
    /// English, ISO short and long, ASCII unofficial names: compared with
    /// the input and used for suggestions.
    names: Vec<String>,
    /// Alpha-3 code, lower case.
    alpha3: String,
    /// Simplified Chinese name, compared exactly.
    zh: Option<String>,
}

/// Every country with its names, built once.
fn table() -> &'static [Entry] {
    static TABLE: std::sync::OnceLock<Vec<Entry>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        keshvar::CountryIterator::new()
            .filter_map(|country| {
                let code = CountryCode::parse(&country.alpha2().to_string()).ok()?;
                let names = CountryNames::of(&country);
                let mut all: Vec<String> = Vec::new();
                let official = [
                    names.en.as_str(),
                    country.iso_short_name(),
                    country.iso_long_name(),
                ];
                let unofficial = country.unofficial_name_list().iter().copied();
                for name in official.into_iter().chain(unofficial) {
                    let n = normalize_name(name);
                    if !n.is_empty() && n.is_ascii() && !all.contains(&n) {
                        all.push(n);
                    }
                }
                Some(Entry {
                    code,
                    alpha3: country.alpha3().to_string().to_ascii_lowercase(),
                    zh: names.zh.as_deref().map(fold),
                    en: names.en,
                    names: all,
                })
            })
            .collect()
    })
}

/// Resolves user input to a country: an alpha-2 code (`kr`), an alpha-3 code
/// (`kor`), an English name in any case and with or without accents, short
/// or official (`south korea`, `Korea (Republic of)`, `Republic of Korea`,
/// `cote d'ivoire`), or the Chinese name (`韩国`). Suggestions for anything
/// else are only offered when they are genuinely close.
pub fn resolve_country(input: &str) -> Result<CountryCode, UnknownCountry> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(unknown("", Vec::new()));
    }
    if trimmed.chars().nth(MAX_COUNTRY_INPUT).is_some() {
        return Err(unknown(input, Vec::new()));
    }
    if trimmed.len() == 2
        && let Ok(code) = CountryCode::parse(trimmed)
    {
        return Ok(code);
    }
    let wanted = normalize_name(trimmed);
    let folded = fold(trimmed);
    let entries = table();
    // Exact names first, in every country, before any unofficial name of
    // another (an alias must never shadow a country's own name).
    let exact = entries
        .iter()
        .find(|e| e.names.first() == Some(&wanted) || e.names.get(1) == Some(&wanted))
        .or_else(|| entries.iter().find(|e| e.alpha3 == wanted))
        .or_else(|| entries.iter().find(|e| e.names.contains(&wanted)))
        .or_else(|| {
            entries
                .iter()
                .find(|e| e.zh.as_deref() == Some(folded.as_str()))
        });
    if let Some(e) = exact {
        return Ok(e.code);
    }
    Err(unknown(input, suggest(entries, &wanted)))
}

/// Up to three countries the input may have meant, or none.
fn suggest(entries: &[Entry], wanted: &str) -> Vec<String> {
    let len = wanted.chars().count();
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    let add = |found: Vec<&Entry>, out: &mut Vec<String>| {
        for e in found {
            if out.len() < 3 && !out.contains(&e.en) {
                out.push(e.en.clone());
            }
        }
    };
    // Every word of the input is a word of a name ("korea", "britain"),
    // if that leaves only a few countries.
    let words: Vec<&str> = wanted.split(' ').collect();
    if words.iter().all(|w| w.chars().count() >= 3) {
        let mut by_words: Vec<&Entry> = entries
            .iter()
            .filter(|e| {
                e.names.iter().any(|n| {
                    let have: Vec<&str> = n.split(' ').collect();
                    words.iter().all(|w| have.contains(w))
                })
            })
            .collect();
        if by_words.len() <= 3 {
            by_words.sort_by(|a, b| a.en.cmp(&b.en));
            add(by_words, &mut out);
        }
    }
    // The start of a name ("ger", "united").
    if len >= 3 {
        let mut by_prefix: Vec<&Entry> = entries
            .iter()
            .filter(|e| e.names.iter().any(|n| n.starts_with(wanted)))
            .collect();
        by_prefix.sort_by(|a, b| (a.en.len(), &a.en).cmp(&(b.en.len(), &b.en)));
        add(by_prefix, &mut out);
    }
    // A typo: a few edits away, fewer for short input. Two or three
    // letters are a code, not a misspelt name.
    let limit = match len {
        0..=3 => 0,
        4..=5 => 1,
        6..=14 => 2,
        _ => 3,
    };
    if limit > 0 {
        let mut by_distance: Vec<(usize, &Entry)> = entries
            .iter()
            .filter_map(|e| {
                let d = e
                    .names
                    .iter()
                    .map(|n| strsim::osa_distance(n, wanted))
                    .min()?;
                (d <= limit).then_some((d, e))
            })
            .collect();
        by_distance.sort_by(|a, b| (a.0, &a.1.en).cmp(&(b.0, &b.1.en)));
        add(by_distance.into_iter().map(|(_, e)| e).collect(), &mut out);
    }
    out
}

fn unknown(input: &str, suggestions: Vec<String>) -> UnknownCountry {
    UnknownCountry {
        input: crate::data::text::printable(input.trim()),
        suggestions,
    }
}

/// Folds a country name for comparison: case, accents, punctuation and
/// repeated spaces are ignored, and a leading "the" is dropped.
fn normalize_name(name: &str) -> String {
    let folded = fold(name);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let words = match words.first() {
        Some(&"the") => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    #[test]
    fn resolves_codes_and_names_in_any_case() {
        let kr = CountryCode::parse("KR").unwrap();
        for input in [
            "KR",
            "kr",
            "South Korea",
            "south korea",
            "SOUTH  KOREA",
            "KOR",
            "Korea (Republic of)",
        ] {
            assert_eq!(resolve_country(input), Ok(kr), "{input}");
        }
        assert_eq!(resolve_country("United States").unwrap().as_str(), "US");
        assert_eq!(
            resolve_country("the united kingdom").unwrap().as_str(),
            "GB"
        );
        assert_eq!(resolve_country("Russia").unwrap().as_str(), "RU");
        assert_eq!(resolve_country("cameroon").unwrap().as_str(), "CM");
    }

    #[test]
    fn unknown_country_suggests_close_matches() {
        let err = resolve_country("japn").unwrap_err();
        assert!(err.suggestions.contains(&"Japan".to_string()), "{err:?}");
        let err = resolve_country("South Koera").unwrap_err();
        assert_eq!(
            err.suggestions.first().map(String::as_str),
            Some("South Korea"),
            "{err:?}"
        );
        let err = resolve_country("zzzzzzzzzz").unwrap_err();
        assert!(err.suggestions.is_empty(), "{err:?}");
        // Codes that are not assigned suggest nothing (not "UK" for "xx").
        for code in ["xx", "ZZ", "qq", "日x"] {
            assert_eq!(
                resolve_country(code).unwrap_err().suggestions,
                Vec::<String>::new(),
                "{code}"
            );
        }
        let err = resolve_country("Korea").unwrap_err();
        assert_eq!(err.suggestions, ["North Korea", "South Korea"]);
        let err = resolve_country("britain").unwrap_err();
        assert_eq!(err.suggestions, ["United Kingdom"]);
        let err = resolve_country("ger").unwrap_err();
        assert_eq!(err.suggestions, ["Germany"]);
    }

    #[test]
    fn official_long_and_chinese_names_resolve_country() {
        for (input, code) in [
            ("Republic of Korea", "KR"),
            ("Democratic People's Republic of Korea", "KP"),
            ("People's Republic of China", "CN"),
            ("Federal Republic of Germany", "DE"),
            ("United States of America", "US"),
            ("韩国", "KR"),
            ("日本", "JP"),
        ] {
            assert_eq!(
                resolve_country(input).map(|c| c.to_string()),
                Ok(code.to_string()),
                "{input}"
            );
        }
    }

    #[test]
    fn empty_and_huge_input() {
        let err = resolve_country("  ").unwrap_err();
        assert_eq!(err.input, "");
        assert!(err.suggestions.is_empty());
        let huge = "a".repeat(100_000);
        let err = resolve_country(&huge).unwrap_err();
        assert!(err.suggestions.is_empty());
        let quoted = crate::data::text::quote(&err.input);
        assert!(quoted.chars().count() < 300, "{quoted}");
    }

    #[test]
    fn partners_resolve_by_id_or_unique_name() {
        let data = load_embedded().unwrap();
        let sapporo = data.partner_index("sapporo").unwrap();
        for input in ["sapporo", "SAPPORO", "  Sapporo ", "sapporo\t"] {
            assert_eq!(resolve_partner(&data, input), Ok(sapporo), "{input:?}");
        }
        // The English name, accents and case ignored.
        let dus = data.partner_index("dusseldorf").unwrap();
        assert_eq!(resolve_partner(&data, "DÜSSELDORF"), Ok(dus));
        assert_eq!(resolve_partner(&data, "dusseldorf"), Ok(dus));
        assert_eq!(resolve_partner(&data, ""), Err(Unresolved::Empty));
        assert_eq!(resolve_partner(&data, " \t "), Err(Unresolved::Empty));
    }

    #[test]
    fn unknown_partners_get_close_suggestions() {
        let data = load_embedded().unwrap();
        let ids = |r: Result<PartnerIx, Unresolved>| match r {
            Err(Unresolved::Unknown { suggestions }) => suggestions
                .iter()
                .map(|&i| data.partners[i].id.clone())
                .collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        // A typo of an id comes first; fuzzy name matches fill up to three.
        let karachy = ids(resolve_partner(&data, "karachy"));
        assert_eq!(karachy.first().map(String::as_str), Some("karachi"));
        assert!(karachy.len() <= 3);
        let saporo = ids(resolve_partner(&data, "saporo"));
        assert!(saporo.iter().any(|id| id == "sapporo"), "{saporo:?}");
        assert!(ids(resolve_partner(&data, "zzzzzzzzzzqqq")).is_empty());
        // Input too long to look at: no suggestions, no fuzzy work.
        assert!(ids(resolve_partner(&data, &"sapporo".repeat(40))).is_empty());
    }

    #[test]
    fn a_name_two_partners_share_is_ambiguous() {
        let mut text = crate::synth::generate(4, 1);
        // Give partners p1 and p3 the same English name as p0.
        let name = |text: &str, id: &str| -> String {
            let at = text.find(&format!("id: \"{id}\", name: \"")).unwrap();
            let rest = &text[at + id.len() + 15..];
            rest[..rest.find('"').unwrap()].to_string()
        };
        let first = name(&text, "p0");
        for id in ["p1", "p3"] {
            let old = name(&text, id);
            text = text.replace(
                &format!("id: \"{id}\", name: \"{old}\""),
                &format!("id: \"{id}\", name: \"{first}\""),
            );
        }
        let data = crate::data::load_str(&text, "synth").unwrap();
        let got = resolve_partner(&data, &first.to_uppercase());
        let want: Vec<PartnerIx> = ["p0", "p1", "p3"]
            .iter()
            .map(|id| data.partner_index(id).unwrap())
            .collect();
        assert_eq!(got, Err(Unresolved::Ambiguous(want)));
        // Each id still resolves on its own.
        assert_eq!(
            resolve_partner(&data, "p1"),
            data.partner_index("p1").ok_or(Unresolved::Empty)
        );
    }

    /// The picker's matching as `tui::app` wrote it out, to compare with.
    fn picker_as_written(data: &Dataset, countries: &[CountryCode], q: &str) -> Vec<usize> {
        let matcher = SkimMatcherV2::default().respect_case();
        let fq = fold(q.trim());
        let mut scored: Vec<(i64, usize)> = countries
            .iter()
            .enumerate()
            .filter_map(|(i, &c)| {
                [data.country_name(c), data.country_name_zh(c), c.as_str()]
                    .iter()
                    .filter_map(|name| matcher.fuzzy_match(&fold(name), &fq))
                    .max()
                    .map(|s| (s, i))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, i)| i).collect()
    }

    #[test]
    fn the_picker_matches_names_in_both_languages_and_codes() {
        let data = load_embedded().unwrap();
        let countries: Vec<CountryCode> =
            data.partner_countries().iter().map(|&(c, _)| c).collect();
        let kr = CountryCode::parse("KR").unwrap();
        for q in ["korea", "KR", "韩国", "  South Korea "] {
            let hits = match_countries(&data, &countries, q);
            assert_eq!(hits.first().map(|h| countries[h.ix]), Some(kr), "{q:?}");
        }
        // Every query gives the rows the explorer's own matcher gave.
        for q in [
            "a",
            "ja",
            "jp",
            "日",
            "DEU",
            "ｊａｐａｎ",
            "united",
            "zzz",
            "n k",
            "ü",
        ] {
            let got: Vec<usize> = match_countries(&data, &countries, q)
                .iter()
                .map(|h| h.ix)
                .collect();
            assert_eq!(got, picker_as_written(&data, &countries, q), "{q:?}");
        }
        assert!(match_countries(&data, &countries, "zzzq").is_empty());
        // Blank: every country, in the order given.
        let blank: Vec<usize> = match_countries(&data, &countries, "  ")
            .iter()
            .map(|h| h.ix)
            .collect();
        assert_eq!(blank, (0..countries.len()).collect::<Vec<_>>());
        assert!(match_countries(&data, &[], "korea").is_empty());
    }

    /// Optimal string alignment, as the suggestions rely on: a swap of two
    /// neighbours is one edit (koera → korea), not two.
    #[test]
    fn a_swap_is_one_edit() {
        assert_eq!(strsim::osa_distance("koera", "korea"), 1);
        assert_eq!(strsim::osa_distance("japn", "japan"), 1);
        assert_eq!(strsim::osa_distance("ca", "abc"), 3);
    }
}
