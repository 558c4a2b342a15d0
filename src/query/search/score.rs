//! Scoring that mirrors fuzzy-matcher's `SkimMatcherV2`.
//!
//! Why mirror the crate instead of calling it: fuzzy-matcher is the
//! project's matcher, and every score either face shows is its score. Two
//! cases are hot enough that calling it costs the explorer its speed: a
//! one-character query (the first key typed, when nearly every record
//! matches), answered here from a per-text summary without reading the
//! text; and, above [`LARGE_SEARCH`](super::LARGE_SEARCH) candidates, the
//! crate's own linear-time scoring (what `SkimMatcherV2::element_limit`
//! switches to) without its per-call allocations. Both must give exactly the
//! crate's result, so a rank never depends on which path ran: the tests at
//! the end compare them with the crate on every field of the real dataset
//! and of a generated one. The full alignment for smaller searches and all
//! highlight positions are the crate's own.

use std::sync::atomic::{AtomicU32, Ordering};

/// A 64-bit summary of the characters in a text: one bit per ASCII letter,
/// one for digits and other ASCII, the rest shared by hashing the other
/// characters. If a query's bits are not all in a text's, the text cannot
/// contain the query's characters, and it is skipped without being read.
pub(super) fn char_mask(text: &str) -> u64 {
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
pub(super) struct Lead(u64);

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
    pub(super) fn score(self, mask: u64, c: u8) -> Option<i64> {
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
pub(super) fn summarize(text: &str) -> (u64, Lead) {
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

/// Per-query memory of each distinct text's score, shared by the threads
/// (0: not computed yet; 1: no match; otherwise the score, offset by
/// [`Scores::OFFSET`]; scores beyond ±2^30 are clamped, far above any real
/// one).
pub(super) struct Scores(Vec<AtomicU32>);

impl Scores {
    const LIMIT: i64 = 1 << 30;
    const OFFSET: i64 = Self::LIMIT + 2;

    pub(super) fn new(texts: usize) -> Self {
        Self((0..texts).map(|_| AtomicU32::new(0)).collect())
    }

    pub(super) fn get_or(&self, text: u32, compute: impl FnOnce() -> Option<i64>) -> Option<i64> {
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
pub(super) fn may_match(hay: &[u8], q: &[u8]) -> bool {
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
pub(super) fn single_char_score(hay: &str, c: char) -> Option<i64> {
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
pub(super) fn linear_score(hay: &str, pattern: &[char]) -> Option<i64> {
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

#[cfg(test)]
pub(super) mod tests {
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;

    use super::*;
    use crate::data::load_embedded;
    use crate::data::text::fold;

    /// Every name and event title of the real dataset and a synthetic one, folded.
    pub(in crate::query::search) fn folded_texts(seed: u64) -> Vec<String> {
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
    fn byte_prefilter() {
        assert!(may_match(b"dusseldorf", b"dsf"));
        assert!(!may_match(b"dusseldorf", b"fd"));
        assert!(may_match(b"anything", b""));
        assert!(may_match("札幌市".as_bytes(), "幌".as_bytes()));
        assert!(!may_match(b"abc", "é".as_bytes()));
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
