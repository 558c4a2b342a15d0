//! ISO 3166-1 alpha-2 country codes and their names, from the `keshvar` crate.

use std::fmt;

use super::text::{fold, quote};

/// A checked ISO 3166-1 alpha-2 code, stored upper case.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// Accepts an assigned ISO 3166-1 alpha-2 code, in either case.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bytes = text.as_bytes();
        if bytes.len() != 2 || !bytes.iter().all(u8::is_ascii_alphabetic) {
            return Err(format!(
                "{} is not an ISO 3166-1 alpha-2 code (two letters such as \"JP\")",
                quote(text)
            ));
        }
        let upper = [bytes[0].to_ascii_uppercase(), bytes[1].to_ascii_uppercase()];
        let code = Self(upper);
        if !is_assigned(upper) {
            return Err(format!(
                "{} is not an assigned ISO 3166-1 alpha-2 country code",
                quote(text)
            ));
        }
        Ok(code)
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// The ISO short name, for codes outside a dataset's own name table.
    pub fn static_name(&self) -> &'static str {
        keshvar::Alpha2::try_from(self.as_str())
            .map(|a| a.to_country().iso_short_name())
            .unwrap_or("unknown country")
    }

    /// English and Chinese names of this country.
    pub fn names(&self) -> CountryNames {
        match keshvar::Alpha2::try_from(self.as_str()) {
            Ok(alpha2) => CountryNames::of(&alpha2.to_country()),
            Err(_) => CountryNames {
                en: self.as_str().to_string(),
                zh: None,
            },
        }
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CountryCode({})", self.as_str())
    }
}

impl serde::Serialize for CountryCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Whether an upper-case two-letter code is an assigned ISO 3166-1 code,
/// from a table built once (checking 100,000 records stays cheap).
fn is_assigned(code: [u8; 2]) -> bool {
    static TABLE: std::sync::OnceLock<[bool; 26 * 26]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = [false; 26 * 26];
        for (i, slot) in t.iter_mut().enumerate() {
            let s = [b'A' + (i / 26) as u8, b'A' + (i % 26) as u8];
            let s = std::str::from_utf8(&s).unwrap_or("");
            *slot = keshvar::Alpha2::try_from(s).is_ok();
        }
        t
    });
    let i = usize::from(code[0].wrapping_sub(b'A')) * 26 + usize::from(code[1].wrapping_sub(b'A'));
    table.get(i).copied().unwrap_or(false)
}

/// How a country is called in the program's two languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryNames {
    /// Common English name ("South Korea", "United Kingdom").
    pub en: String,
    /// Simplified Chinese name (韩国, 英国), where the ISO data has one.
    pub zh: Option<String>,
}

impl CountryNames {
    fn of(country: &keshvar::Country) -> Self {
        let tr = country.translations();
        Self {
            en: tr
                .get("en")
                .copied()
                .unwrap_or_else(|| country.iso_short_name())
                .to_string(),
            zh: tr
                .get("zh_CN")
                .or_else(|| tr.get("zh"))
                .map(|s| s.to_string()),
        }
    }
}

/// Why a `--country` argument named no country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCountry {
    /// The input, made printable (empty: nothing was given).
    pub input: String,
    /// Close matches, best first (English names).
    pub suggestions: Vec<String>,
}

impl fmt::Display for UnknownCountry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.input.trim().is_empty() {
            f.write_str("empty country")?;
        } else {
            write!(f, "unknown country {}", quote(&self.input))?;
        }
        f.write_str(": give an ISO 3166-1 alpha-2 code (KR) or an English name (South Korea)")?;
        if let Some((last, rest)) = self.suggestions.split_last() {
            if rest.is_empty() {
                write!(f, "; did you mean {last}?")?;
            } else {
                write!(f, "; did you mean {} or {last}?", rest.join(", "))?;
            }
        }
        Ok(())
    }
}

/// Longest `--country` input looked at, in characters (the longest ISO
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
pub fn resolve(input: &str) -> Result<CountryCode, UnknownCountry> {
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
                let d = e.names.iter().map(|n| edit_distance(n, wanted)).min()?;
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
        input: super::text::printable(input.trim()),
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

/// Edit distance over characters, counting a swap of two neighbours as one
/// edit (optimal string alignment), for "did you mean" suggestions. Callers
/// bound the inputs' lengths: the cost is their product.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    // Three rows: two back (for swaps), the previous one and the current one.
    let mut before: Vec<usize> = vec![0; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur = vec![0; width];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let mut d = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            if i > 0 && j > 0 && *ca == b[j - 1] && a[i - 1] == *cb {
                d = d.min(before[j - 1] + 1);
            }
            cur[j + 1] = d;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_assigned_codes_only() {
        assert_eq!(CountryCode::parse("JP").unwrap().as_str(), "JP");
        assert_eq!(CountryCode::parse("kr").unwrap().as_str(), "KR");
        assert!(CountryCode::parse("XX").is_err());
        assert!(CountryCode::parse("EU").is_err());
        assert!(CountryCode::parse("JPN").is_err());
        assert!(CountryCode::parse("J").is_err());
        assert!(CountryCode::parse("日本").is_err());
    }

    #[test]
    fn names_in_both_languages() {
        let kr = CountryCode::parse("KR").unwrap().names();
        assert_eq!(kr.en, "South Korea");
        assert_eq!(kr.zh.as_deref(), Some("韩国"));
        let gb = CountryCode::parse("GB").unwrap().names();
        assert_eq!(gb.en, "United Kingdom");
        assert_eq!(gb.zh.as_deref(), Some("英国"));
    }

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
            assert_eq!(resolve(input), Ok(kr), "{input}");
        }
        assert_eq!(resolve("United States").unwrap().as_str(), "US");
        assert_eq!(resolve("the united kingdom").unwrap().as_str(), "GB");
        assert_eq!(resolve("Russia").unwrap().as_str(), "RU");
        assert_eq!(resolve("cameroon").unwrap().as_str(), "CM");
    }

    #[test]
    fn unknown_country_suggests_close_matches() {
        let err = resolve("japn").unwrap_err();
        assert!(err.suggestions.contains(&"Japan".to_string()), "{err:?}");
        assert!(err.to_string().contains("did you mean"), "{err}");
        let err = resolve("South Koera").unwrap_err();
        assert_eq!(
            err.suggestions.first().map(String::as_str),
            Some("South Korea"),
            "{err:?}"
        );
        let err = resolve("zzzzzzzzzz").unwrap_err();
        assert!(err.suggestions.is_empty(), "{err:?}");
        // Codes that are not assigned suggest nothing (not "UK" for "xx").
        for code in ["xx", "ZZ", "qq", "日x"] {
            assert_eq!(
                resolve(code).unwrap_err().suggestions,
                Vec::<String>::new(),
                "{code}"
            );
        }
        let err = resolve("Korea").unwrap_err();
        assert_eq!(err.suggestions, ["North Korea", "South Korea"]);
        let err = resolve("britain").unwrap_err();
        assert_eq!(err.suggestions, ["United Kingdom"]);
        let err = resolve("ger").unwrap_err();
        assert_eq!(err.suggestions, ["Germany"]);
    }

    #[test]
    fn official_long_and_chinese_names_resolve() {
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
                resolve(input).map(|c| c.to_string()),
                Ok(code.to_string()),
                "{input}"
            );
        }
    }

    #[test]
    fn empty_and_huge_input() {
        let err = resolve("  ").unwrap_err();
        assert!(err.to_string().starts_with("empty country: "), "{err}");
        let huge = "a".repeat(100_000);
        let err = resolve(&huge).unwrap_err();
        assert!(err.suggestions.is_empty());
        assert!(err.to_string().len() < 300, "{err}");
    }

    #[test]
    fn a_swap_is_one_edit() {
        assert_eq!(edit_distance("koera", "korea"), 1);
        assert_eq!(edit_distance("japn", "japan"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(edit_distance("ca", "abc"), 3);
    }
}
