//! ISO 3166-1 alpha-2 country codes and their names, from the `keshvar`
//! crate. Resolving what a user typed to a country is `query::resolve`'s.

use std::fmt;

use super::text::quote;

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
    /// The names of a country as keshvar describes it.
    pub(crate) fn of(country: &keshvar::Country) -> Self {
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

/// Edit distance over characters, counting a swap of two neighbours as one
/// edit (optimal string alignment): `strsim::osa_distance`. Kept only for
/// `tui/theme.rs`, which should call strsim itself; then this goes.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
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
    fn a_swap_is_one_edit() {
        assert_eq!(edit_distance("koera", "korea"), 1);
        assert_eq!(edit_distance("japn", "japan"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(edit_distance("ca", "abc"), 3);
    }
}
