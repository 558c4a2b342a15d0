//! Text hygiene and search folding.
//!
//! Every text field of a dataset passes [`clean`] once at load: characters that
//! could drive a terminal (control characters, escape sequences, bidi
//! overrides) are refused, and what remains is NFC-normalized. [`fold`] and
//! [`Folded`] give the case- and accent-insensitive form that search compares.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Why a piece of text was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadText {
    /// Character offset (0-based) of the first offending character.
    pub at: usize,
    pub what: String,
}

/// Characters that must never reach a terminal from data: C0 and C1 controls
/// (ESC included, so no escape sequence survives), DEL, line and paragraph
/// separators, and the bidirectional embedding, override and isolate marks.
pub fn forbidden(c: char) -> Option<&'static str> {
    match c {
        '\u{1b}' => Some("an escape character (ESC)"),
        '\t' => Some("a tab"),
        '\n' | '\r' => Some("a line break"),
        '\u{0}'..='\u{1f}' | '\u{7f}' => Some("a control character"),
        '\u{80}'..='\u{9f}' => Some("a C1 control character"),
        '\u{2028}' | '\u{2029}' => Some("a line or paragraph separator"),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some("a bidirectional override"),
        '\u{feff}' => Some("a byte-order mark"),
        c if is_invisible_format(c) => Some("an invisible format character"),
        '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}' => Some("a Hangul filler"),
        c if is_default_ignorable(c) => Some("an invisible (default-ignorable) character"),
        c if is_noncharacter(c) => Some("a noncharacter"),
        c if is_private_use(c) => Some("a private-use character"),
        _ => None,
    }
}

/// Unicode's Default_Ignorable_Code_Point (Unicode 15) that [`forbidden`]
/// does not name more precisely: characters a terminal shows as nothing
/// (the combining grapheme joiner, variation selectors, Mongolian free
/// variation selectors, reserved ignorables). ZWNJ and ZWJ are allowed, and
/// the emoji variation selectors VS15/VS16 after a base (see [`clean`]).
pub fn is_default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{34f}'
            | '\u{17b4}'..='\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{fff0}'..='\u{fff8}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// The 66 noncharacters: U+FDD0..U+FDEF and the last two of every plane.
pub fn is_noncharacter(c: char) -> bool {
    let u = c as u32;
    (0xfdd0..=0xfdef).contains(&u) || u & 0xfffe == 0xfffe
}

/// Private-use characters: their look depends on the font, if any.
pub fn is_private_use(c: char) -> bool {
    matches!(c, '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{ffffd}' | '\u{100000}'..='\u{10fffd}')
}

/// Characters that look like nothing but are not whitespace to Rust: text
/// made only of these and whitespace is blank.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{2800}' | '\u{3000}')
}

/// True when nothing visible is left: empty, or only whitespace and blanks
/// such as the braille blank U+2800.
pub fn is_blank_text(text: &str) -> bool {
    text.chars().all(is_blank)
}

/// Unicode format characters (general category Cf) other than the ones
/// [`forbidden`] names more precisely: zero-width spaces and joiners, soft
/// hyphens, direction marks, word joiners, invisible operators, tag
/// characters. They are invisible in a terminal, so a name could hide text
/// or differ from its look-alike. U+200C (ZWNJ) and U+200D (ZWJ) are allowed:
/// Persian, Indic scripts and emoji need them.
pub fn is_invisible_format(c: char) -> bool {
    // Unicode 15 `Cf`, without U+200C, U+200D and the ranges matched before.
    matches!(
        c,
        '\u{ad}'
            | '\u{600}'..='\u{605}'
            | '\u{61c}'
            | '\u{6dd}'
            | '\u{70f}'
            | '\u{890}'..='\u{891}'
            | '\u{8e2}'
            | '\u{180e}'
            | '\u{200b}'
            | '\u{200e}'..='\u{200f}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206a}'..='\u{206f}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{110bd}'
            | '\u{110cd}'
            | '\u{13430}'..='\u{1343f}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0001}'
            | '\u{e0020}'..='\u{e007f}'
    )
}

/// Longest excerpt of an untrusted value that messages quote, in characters.
pub const QUOTE_CHARS: usize = 64;

/// An untrusted value as messages quote it: in double quotes, made
/// printable, cut to [`QUOTE_CHARS`] characters with `…` when longer. Every
/// message that echoes a value from a dataset or the command line goes
/// through here, so a 40 MB value never reaches the terminal whole.
pub fn quote(value: &str) -> String {
    let mut chars = value.char_indices();
    let cut = chars.nth(QUOTE_CHARS).map(|(i, _)| i);
    let shown = printable(&value[..cut.unwrap_or(value.len())]);
    let mut out = format!("{shown:?}");
    if cut.is_some() {
        out.insert(out.len() - 1, '…');
    }
    out
}

/// Checks a text field and returns it NFC-normalized, or the first problem.
pub fn clean(text: &str) -> Result<String, BadText> {
    clean_owned(text.to_string())
}

/// Like [`clean`], but reuses the string when it is already clean and NFC
/// (the common case), so loading a large dataset does not copy every text.
pub fn clean_owned(text: String) -> Result<String, BadText> {
    let ascii = text.is_ascii();
    let bad = if ascii {
        text.bytes().position(|b| b < 0x20 || b == 0x7f).map(|i| {
            (
                i,
                char::from(text.as_bytes()[i]),
                forbidden(char::from(text.as_bytes()[i])),
            )
        })
    } else {
        first_hidden(&text)
    };
    if let Some((at, c, what)) = bad {
        let what = what.unwrap_or("a control character");
        return Err(BadText {
            at,
            what: format!("{what} (U+{:04X})", c as u32),
        });
    }
    if ascii
        || unicode_normalization::is_nfc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        Ok(text)
    } else {
        Ok(text.nfc().collect())
    }
}

/// The first character that could hide or drive a terminal, with its
/// position and what it is: anything [`forbidden`]; a combining mark with
/// nothing to combine with (at the start, or after a space); an emoji
/// variation selector (VS15, VS16) that follows no base character.
fn first_hidden(text: &str) -> Option<(usize, char, Option<&'static str>)> {
    let mut prev: Option<char> = None;
    for (i, c) in text.chars().enumerate() {
        let after_base = prev.is_some_and(|p| !p.is_whitespace() && forbidden(p).is_none());
        match c {
            '\u{fe0e}' | '\u{fe0f}' if after_base => {}
            '\u{fe0e}' | '\u{fe0f}' => {
                return Some((
                    i,
                    c,
                    Some("a variation selector with no character before it"),
                ));
            }
            c => {
                if let Some(what) = forbidden(c) {
                    return Some((i, c, Some(what)));
                }
                if is_combining_mark(c) && !after_base {
                    return Some((
                        i,
                        c,
                        Some("a combining mark with no character to combine with"),
                    ));
                }
            }
        }
        prev = Some(c);
    }
    None
}

/// Replaces anything [`forbidden`] by U+FFFD so untrusted text (a file name, a
/// search query) can be shown safely.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if forbidden(c).is_some() {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// Case-, accent- and width-folds text for matching: NFKD (compatibility
/// decomposition, so full-width `ｓａｐｐｏｒｏ` and ligatures such as `ﬁ`
/// become plain letters), drop combining marks, lowercase. `Düsseldorf` and
/// `DUSSELDORF` both become `dusseldorf`.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd() {
        push_folded(&mut out, c);
    }
    out
}

fn push_folded(out: &mut String, c: char) {
    if is_combining_mark(c) {
        return;
    }
    // Latin letters with a stroke or bar have no Unicode decomposition;
    // fold them like accents so `lodz` finds Łódź.
    let c = match c {
        'ł' | 'Ł' => 'l',
        'đ' | 'Đ' | 'ð' | 'Ð' => 'd',
        'ø' | 'Ø' => 'o',
        'ħ' | 'Ħ' => 'h',
        'ı' => 'i',
        'ŧ' | 'Ŧ' => 't',
        other => other,
    };
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

/// A folded string that remembers, for each of its characters, which character
/// of the original it came from, so match positions can be highlighted in the
/// text the user sees.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    /// `origin[i]` is the index (in chars) of the original character that
    /// produced folded character `i`; empty when that is always `i`.
    origin: Vec<u32>,
}

impl Folded {
    pub fn new(original: &str) -> Self {
        if original.is_ascii() {
            // One byte, one char: positions map to themselves (empty origin table).
            return Self {
                text: original.to_ascii_lowercase(),
                origin: Vec::new(),
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        let mut buf = [0u8; 4];
        for (i, c) in original.chars().enumerate() {
            // Fold one original character at a time so every output char maps back.
            let before = text.len();
            if c.is_ascii() {
                text.push(c.to_ascii_lowercase());
            } else {
                for d in c.encode_utf8(&mut buf).nfkd() {
                    push_folded(&mut text, d);
                }
            }
            let added = text[before..].chars().count();
            origin.extend(std::iter::repeat_n(i as u32, added));
        }
        if origin.iter().enumerate().all(|(i, &o)| o as usize == i) {
            origin = Vec::new();
        }
        Self { text, origin }
    }

    /// Maps folded character positions back to distinct original positions.
    pub fn original_positions(&self, folded: &[usize]) -> Vec<usize> {
        if self.origin.is_empty() {
            return folded.to_vec();
        }
        let mut out: Vec<usize> = folded
            .iter()
            .filter_map(|&i| self.origin.get(i).map(|&o| o as usize))
            .collect();
        out.dedup();
        out
    }

    /// The origin table: for each folded character, the index of the
    /// original character it came from; empty when positions coincide.
    pub fn origin(&self) -> &[u32] {
        &self.origin
    }

    /// True when every original character folded to exactly one character, so
    /// folded and original positions coincide.
    pub fn is_identity(&self) -> bool {
        self.origin.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_invisible_passes() {
        for (text, what) in [
            ("\u{3164}", "a Hangul filler"),
            ("\u{ffa0}x", "a Hangul filler"),
            ("\u{115f}", "a Hangul filler"),
            (
                "Sap\u{34f}poro",
                "an invisible (default-ignorable) character",
            ),
            (
                "Sapporo\u{fe00}",
                "an invisible (default-ignorable) character",
            ),
            ("\u{180b}", "an invisible (default-ignorable) character"),
            ("\u{e0100}", "an invisible (default-ignorable) character"),
            (
                "\u{301}",
                "a combining mark with no character to combine with",
            ),
            (
                "a \u{301}b",
                "a combining mark with no character to combine with",
            ),
            (
                "\u{fe0f}",
                "a variation selector with no character before it",
            ),
            ("x\u{fdd0}", "a noncharacter"),
            ("\u{10ffff}", "a noncharacter"),
            ("\u{e000}", "a private-use character"),
        ] {
            let err = clean(text).expect_err(text);
            assert!(err.what.starts_with(what), "{text:?}: {}", err.what);
        }
        // Joiners and emoji presentation after a base stay; accents too.
        for ok in ["\u{2764}\u{fe0f}", "a\u{200d}b", "e\u{301}", "Düsseldorf"] {
            assert!(clean(ok).is_ok(), "{ok:?}");
        }
    }

    #[test]
    fn blank_looking_text_is_blank() {
        assert!(is_blank_text("\u{2800}\u{2800}"));
        assert!(is_blank_text(" \u{3000} "));
        assert!(!is_blank_text("\u{2800}x"));
    }

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Düsseldorf"), "dusseldorf");
        assert_eq!(fold("Yaoundé"), "yaounde");
        assert_eq!(fold("YAOUNDÉ"), "yaounde");
        assert_eq!(fold("Θεσσαλονίκη"), "θεσσαλονικη");
        assert_eq!(fold("札幌市"), "札幌市");
        assert_eq!(fold("Новосибирск"), "новосибирск");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Ørsta"), "orsta");
        assert_eq!(
            fold("성남시"),
            fold("성남시"),
            "Hangul folds deterministically"
        );
    }

    #[test]
    fn hangul_syllables_fold_to_jamo_without_losing_origins() {
        // NFD splits a Hangul syllable into jamo; each maps back to the syllable.
        let f = Folded::new("성남");
        assert!(f.text.chars().count() > 2);
        let all: Vec<usize> = (0..f.text.chars().count()).collect();
        assert_eq!(f.original_positions(&all), vec![0, 1]);
    }

    #[test]
    fn folded_positions_map_back_to_the_original() {
        let f = Folded::new("Düsseldorf");
        assert_eq!(f.text, "dusseldorf");
        assert_eq!(f.original_positions(&[0, 1, 2]), vec![0, 1, 2]);
        assert!(f.is_identity());
        // 'İ' decomposes to I + combining dot, which folding drops.
        let f = Folded::new("İzmir");
        assert_eq!(f.text, "izmir");
        // A Hangul syllable decomposes into several jamo: positions shift.
        let f = Folded::new("대구 Daegu");
        assert!(!f.is_identity());
        let d = f.text.chars().position(|c| c == 'd').unwrap();
        assert_eq!(f.original_positions(&[d, d + 1]), vec![3, 4]);
    }

    #[test]
    fn clean_refuses_terminal_controls() {
        for (bad, what) in [
            ("red \u{1b}[31m", "escape"),
            ("a\tb", "tab"),
            ("line\nbreak", "line break"),
            ("bell\u{7}", "control"),
            ("csi \u{9b}31m", "C1"),
            ("evil \u{202e}txt.exe", "bidirectional"),
            ("del\u{7f}", "control"),
        ] {
            let err = clean(bad).unwrap_err();
            assert!(err.what.contains(what), "{bad:?}: {err:?}");
        }
        assert_eq!(clean("bell\u{7}").unwrap_err().at, 4);
    }

    #[test]
    fn clean_normalizes_to_nfc() {
        let decomposed = "Yaounde\u{301}";
        assert_eq!(clean(decomposed).unwrap(), "Yaoundé");
        assert_eq!(clean("Sapporo").unwrap(), "Sapporo");
    }

    #[test]
    fn invisible_format_characters_are_refused_but_joiners_kept() {
        for c in [
            '\u{ad}',
            '\u{61c}',
            '\u{200b}',
            '\u{200e}',
            '\u{200f}',
            '\u{2060}',
            '\u{2064}',
            '\u{206f}',
            '\u{fff9}',
            '\u{e0001}',
            '\u{e0041}',
            '\u{e007f}',
            '\u{1343f}',
        ] {
            let err = clean(&format!("ab{c}c")).unwrap_err();
            assert_eq!(err.at, 2, "U+{:04X}", c as u32);
            assert_eq!(
                err.what,
                format!("an invisible format character (U+{:04X})", c as u32)
            );
        }
        // Persian, Indic scripts and emoji sequences need the joiners.
        for ok in ["می\u{200c}خواهم", "क्\u{200d}ष", "👩\u{200d}💻"] {
            assert!(clean(ok).is_ok(), "{ok:?}");
        }
        // Ones with their own name keep it.
        assert!(
            clean("a\u{202e}b")
                .unwrap_err()
                .what
                .contains("bidirectional")
        );
    }

    #[test]
    fn quote_cuts_long_values_and_hides_controls() {
        assert_eq!(quote("JP"), "\"JP\"");
        assert_eq!(quote(&"x".repeat(64)), format!("\"{}\"", "x".repeat(64)));
        assert_eq!(quote(&"x".repeat(65)), format!("\"{}…\"", "x".repeat(64)));
        assert_eq!(
            quote(&"札".repeat(1000)),
            format!("\"{}…\"", "札".repeat(64))
        );
        assert_eq!(quote("a\u{1b}[2J"), "\"a\u{fffd}[2J\"");
        assert_eq!(quote("say \"hi\""), "\"say \\\"hi\\\"\"");
    }

    #[test]
    fn folding_includes_compatibility_forms() {
        assert_eq!(fold("ｓａｐｐｏｒｏ"), "sapporo");
        assert_eq!(fold("ＳＡＰＰＯＲＯ"), "sapporo");
        assert_eq!(fold("ﬁrenze"), "firenze");
        assert_eq!(fold("Ｄüｓｓｅｌｄｏｒｆ"), "dusseldorf");
        let f = Folded::new("ﬁrenze");
        assert_eq!(f.text, "firenze");
        assert_eq!(f.original_positions(&[0, 1, 2]), vec![0, 1]);
    }

    #[test]
    fn printable_replaces_controls() {
        assert_eq!(printable("a\u{1b}[2Jb"), "a\u{fffd}[2Jb");
    }
}
