//! Synthetic datasets for benchmarks and scale tests: `generate(n, seed)`
//! writes a valid dataset with `n` partners, about `n/2` events and `n/20`
//! institutions, whose names mix scripts, diacritics and CJK like the real
//! data. The same seed always gives the same text.
//!
//! The records are invented by construction (ids end in their index, sources
//! point at example.org), so a generated file can never pass for real data.

use std::fmt::Write;

/// A small, fast, seedable generator (SplitMix64): enough for test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Uniform float in `lo..hi`.
    pub fn float(&mut self, lo: f64, hi: f64) -> f64 {
        let unit = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        lo + unit * (hi - lo)
    }
}

const LATIN: &[&str] = &[
    "san", "ta", "ber", "lin", "mon", "ter", "rey", "dü", "ssel", "dorf", "yaoun", "dé", "bra",
    "ga", "ka", "to", "wi", "ce", "kar", "chi", "thes", "sa", "lo", "ni", "ki", "gun", "ra", "bat",
    "zre", "nja", "nin", "grei", "fs", "wald", "mar", "sei", "lle", "são", "pau", "łódź", "kra",
    "ków", "brno", "gö", "te", "borg", "ål", "esund", "ñu", "ño", "vi", "lla", "çe", "şe", "hir",
];
const CJK: &[&str] = &[
    "沈", "阳", "札", "幌", "川", "崎", "杜", "塞", "尔", "多", "夫", "伊", "库", "茨", "克", "大",
    "田", "仁", "川", "金", "贾", "卡", "拉", "奇", "明", "斯", "群", "山", "佐", "世", "保", "东",
    "京", "首",
];
const CYRILLIC: &[&str] = &[
    "Ир",
    "кутск",
    "Но",
    "во",
    "си",
    "бирск",
    "Мо",
    "сква",
    "Ка",
    "зань",
    "Ом",
    "ск",
];
const GREEK: &[&str] = &["Θεσ", "σα", "λο", "νί", "κη", "Ἀθῆ", "ναι", "Πά", "τρα"];
const HANGUL: &[&str] = &[
    "성", "남", "대", "전", "인", "천", "부", "산", "광", "주", "시",
];
const KANA: &[&str] = &[
    "さっ", "ぽろ", "か", "わ", "さき", "はま", "まつ", "させ", "ぼ", "市",
];
const ARABIC: &[&str] = &["کرا", "چی", "لا", "ہور", "الر", "باط"];

/// Assigned ISO 3166-1 alpha-2 codes the generator spreads partners over.
pub const COUNTRIES: &[&str] = &[
    "JP", "KR", "DE", "IT", "US", "RU", "MX", "CM", "GR", "PL", "AR", "GB", "PT", "UG", "PK", "MA",
    "BY", "RS", "FR", "ES", "NL", "BE", "SE", "NO", "FI", "DK", "AT", "CH", "CZ", "SK", "HU", "RO",
    "BG", "UA", "KZ", "MN", "VN", "TH", "MY", "ID", "PH", "IN", "BR", "CL", "PE", "CO", "CA", "AU",
    "NZ", "ZA", "EG", "NG", "KE", "ET", "TR", "IR", "IL", "SA", "AE", "QA",
];

fn syllables(rng: &mut Rng, pool: &[&str], min: usize, max: usize) -> String {
    let n = min + rng.below(max - min + 1);
    (0..n).map(|_| *rng.pick(pool)).collect()
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A Latin name with diacritics, plus a name in another script.
fn names(rng: &mut Rng) -> (String, String) {
    let latin = capitalize(&syllables(rng, LATIN, 2, 4));
    let local = match rng.below(7) {
        0 => syllables(rng, CYRILLIC, 2, 3),
        1 => syllables(rng, GREEK, 2, 3),
        2 => syllables(rng, HANGUL, 2, 3),
        3 => syllables(rng, KANA, 2, 3),
        4 => syllables(rng, ARABIC, 2, 2),
        _ => latin.clone(),
    };
    (latin, local)
}

fn date(rng: &mut Rng) -> String {
    let year = 1960 + rng.below(66);
    match rng.below(4) {
        0 => format!("{year}"),
        1 => format!("{year}-{:02}", 1 + rng.below(12)),
        _ => format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
    }
}

/// A complete, valid dataset as RON text.
pub fn generate(partners: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(partners * 600 + 4096);
    let _ = write!(
        out,
        "// Synthetic dataset: {partners} partners, seed {seed}. Not real data.\n\
         Dataset(\n    home: Home(\n        name: \"Shenyang\",\n        name_zh: \"沈阳\",\n        \
         country: \"CN\",\n        location: Location(lat: 41.80, lon: 123.45, geonames: 2034937),\n        \
         sources: [\"https://example.org/home\"],\n    ),\n    \
         source_hosts: {{ \"example.org\": Reference, \"gov.example.org\": Official }},\n    official_totals: [\n        \
         OfficialTotal(as_of: \"2022-10-17\", sister: {}, cooperative: {}, countries: {}, sources: [\"https://gov.example.org/totals\"]),\n    ],\n    \
         official_institutions: [\n        OfficialFigure(kind: Consulate, label: \"foreign consulates general\", count: {}, as_of: \"2022-10-17\", sources: [\"https://example.org/institutions\"]),\n    ],\n    partners: [",
        partners / 4 + 1,
        partners - partners / 4 + 1,
        COUNTRIES.len(),
        partners / 40 + 1,
    );
    let mut order = 0;
    // One record per line: the layout a machine-made dataset would use, and
    // about half the bytes of the hand-edited style.
    for i in 0..partners {
        let (name, local) = names(&mut rng);
        let zh = syllables(&mut rng, CJK, 2, 4);
        let country = rng.pick(COUNTRIES);
        let sister = rng.below(4) == 0;
        let _ = write!(out, "\n    Partner(id: \"p{i}\", name: \"{name}\", ");
        // Like the real data, a local-script name only where it differs.
        if local != name {
            let _ = write!(out, "name_local: \"{local}\", ");
        }
        let _ = write!(
            out,
            "name_zh: \"{zh}\", country: \"{country}\", kind: {}, ",
            if sister { "Sister" } else { "Cooperative" },
        );
        if sister {
            order += 1;
            let _ = write!(out, "order: {order}, ");
        }
        if rng.below(10) > 0 {
            let _ = write!(out, "established: \"{}\", ", date(&mut rng));
        }
        if rng.below(10) > 0 {
            let _ = write!(
                out,
                "location: Location(lat: {:.2}, lon: {:.2}, geonames: {}), ",
                rng.float(-60.0, 70.0),
                rng.float(-179.0, 179.0),
                i + 1
            );
        }
        let _ = write!(
            out,
            "summary: \"Generated {} partner {i}.\", sources: [\"https://{}example.org/p/{i}\"]),",
            if sister { "sister" } else { "cooperative" },
            if rng.below(2) == 0 { "gov." } else { "" },
        );
    }
    out.push_str("\n    ],\n    events: [");
    let kinds = [
        "Agreement",
        "Conference",
        "Visit",
        "Consulate",
        "Award",
        "Plan",
        "Other",
    ];
    for i in 0..partners / 2 {
        let involved: Vec<String> = (0..1 + rng.below(3))
            .map(|_| format!("\"p{}\"", rng.below(partners.max(1))))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let (title, _) = names(&mut rng);
        let _ = write!(
            out,
            "\n    Event(id: \"e{i}\", date: \"{}\", title: \"{title} exchange\", kind: {}, \
             partners: [{}], countries: [\"{}\"], summary: \"Generated event {i}.\", \
             sources: [\"https://example.org/e/{i}\"]),",
            date(&mut rng),
            rng.pick(&kinds),
            if partners == 0 {
                String::new()
            } else {
                involved.join(", ")
            },
            rng.pick(COUNTRIES),
        );
    }
    out.push_str("\n    ],\n    institutions: [");
    let ikinds = ["Consulate", "School", "Hospital", "Community", "Office"];
    for i in 0..partners / 20 {
        let (name, _) = names(&mut rng);
        let _ = write!(
            out,
            "\n    Institution(id: \"i{i}\", name: \"{name} institute\", kind: {}, country: \"{}\", \
             opened: \"{}\", summary: \"Generated institution {i}.\", \
             sources: [\"https://example.org/i/{i}\"]),",
            rng.pick(&ikinds),
            rng.pick(COUNTRIES),
            date(&mut rng),
        );
    }
    out.push_str("\n    ],\n)\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_datasets_are_valid_and_repeatable() {
        for n in [0, 1, 7, 100] {
            let text = generate(n, 42);
            let data =
                crate::data::load_str(&text, "gen.ron").unwrap_or_else(|e| panic!("{n}: {e}"));
            assert_eq!(data.partners.len(), n);
            let recorded = data.events.iter().filter(|e| !e.is_derived()).count();
            assert_eq!(recorded, n / 2);
            assert_eq!(data.institutions.len(), n / 20);
            assert_eq!(text, generate(n, 42));
        }
        assert_ne!(generate(10, 1), generate(10, 2));
    }

    #[test]
    fn names_mix_scripts() {
        let text = generate(200, 7);
        assert!(
            text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "CJK"
        );
        assert!(
            text.chars().any(|c| ('\u{0400}'..='\u{04ff}').contains(&c)),
            "Cyrillic"
        );
        assert!(
            text.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c)),
            "Hangul"
        );
        assert!(
            text.contains('ü') || text.contains('é') || text.contains('ł'),
            "diacritics"
        );
    }
}
