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
    pub input: String,
    /// Close matches, best first (English names).
    pub suggestions: Vec<String>,
}

impl fmt::Display for UnknownCountry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown country {:?}: give an ISO 3166-1 alpha-2 code (KR) or an English name (South Korea)",
            self.input
        )?;
        if !self.suggestions.is_empty() {
            write!(f, "; did you mean {}?", self.suggestions.join(", "))?;
        }
        Ok(())
    }
}

/// Resolves user input to a country: an alpha-2 code (`kr`), an alpha-3 code
/// (`kor`), or an English name in any case and with or without accents
/// (`south korea`, `Korea (Republic of)`, `cote d'ivoire`).
pub fn resolve(input: &str) -> Result<CountryCode, UnknownCountry> {
    let trimmed = input.trim();
    if trimmed.len() == 2
        && let Ok(code) = CountryCode::parse(trimmed)
    {
        return Ok(code);
    }
    let wanted = normalize_name(trimmed);
    let mut scored: Vec<(usize, String)> = Vec::new();
    for country in keshvar::CountryIterator::new() {
        let alpha2 = country.alpha2();
        let names = CountryNames::of(&country);
        if trimmed.len() == 3 && country.alpha3().to_string().eq_ignore_ascii_case(trimmed) {
            return CountryCode::parse(&alpha2.to_string()).map_err(|_| unknown(input, vec![]));
        }
        let mut candidates: Vec<&str> = vec![names.en.as_str(), country.iso_short_name()];
        candidates.extend(
            country
                .unofficial_name_list()
                .iter()
                .copied()
                .filter(|n| n.is_ascii()),
        );
        if candidates.iter().any(|n| normalize_name(n) == wanted) {
            return CountryCode::parse(&alpha2.to_string()).map_err(|_| unknown(input, vec![]));
        }
        let best = candidates
            .iter()
            .map(|n| edit_distance(&normalize_name(n), &wanted))
            .min()
            .unwrap_or(usize::MAX);
        let prefix = normalize_name(&names.en).starts_with(&wanted) && !wanted.is_empty();
        scored.push((if prefix { 0 } else { best }, names.en));
    }
    scored.sort();
    let limit = (wanted.chars().count() / 3).max(2);
    let suggestions = scored
        .into_iter()
        .filter(|(d, _)| *d <= limit)
        .take(3)
        .map(|(_, n)| n)
        .collect();
    Err(unknown(input, suggestions))
}

fn unknown(input: &str, suggestions: Vec<String>) -> UnknownCountry {
    UnknownCountry {
        input: super::text::printable(input),
        suggestions,
    }
}

/// Folds a country name for comparison: case, accents, punctuation and
/// repeated spaces are ignored, and a leading "the" is dropped.
fn normalize_name(name: &str) -> String {
    let folded = fold(name);
    let words: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let words = match words.first().map(String::as_str) {
        Some("the") => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

/// Levenshtein distance over characters, for "did you mean" suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
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
    }
}
