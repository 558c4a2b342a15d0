//! The RON every file of the program is read as — dataset, theme and
//! configuration alike: the parser's options, and the text as the parser
//! gets it (no byte-order mark, every line end one the parser knows).
//!
//! Both the sequential loader ([`super::load`]) and the parallel splitter
//! ([`super::split`]) use these, so neither needs the other.

use std::borrow::Cow;

/// Deepest nesting the parser follows; the formats need about six levels.
pub const RECURSION_LIMIT: usize = 64;

/// The RON reader every file goes through: `Some(..)` may be omitted and
/// nesting is bounded.
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT)
}

/// The text as the parser reads it: without a leading byte-order mark (some
/// editors start UTF-8 files with one; it is not content), and with every
/// lone carriage return (old Mac line ends) made a line feed, so lines and
/// comments end where the author sees them end. Windows line ends (CR LF)
/// are left alone. Text that needs neither change is not copied.
///
/// Positions in the result are positions in the file for every line but the
/// first with a byte-order mark, whose columns then count from after it (as
/// an editor shows them).
pub fn normalize(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    line_breaks(text)
}

/// Every lone carriage return made a line feed; CR LF left alone.
pub fn line_breaks(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes.get(i + 1) != Some(&b'\n');
    if !memchr::memchr_iter(b'\r', bytes).any(lone) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for i in memchr::memchr_iter(b'\r', bytes).filter(|&i| lone(i)) {
        out.push_str(&text[last..i]);
        out.push('\n');
        last = i + 1;
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_goes_and_lone_carriage_returns_end_lines() {
        assert_eq!(normalize("\u{feff}a\rb\r\nc"), "a\nb\r\nc");
        assert!(matches!(
            normalize("\u{feff}a\r\nb"),
            Cow::Borrowed("a\r\nb")
        ));
        // Only at the start.
        assert_eq!(normalize("a\u{feff}"), "a\u{feff}");
    }
}
