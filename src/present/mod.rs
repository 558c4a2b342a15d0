//! What both faces show: the record shapes behind JSON and CSV
//! ([`records`]), every sentence the program writes in English and Chinese
//! ([`words`]) and its fixed labels as compile-checked items ([`labels`]).
//! Above `data` and `query`, below `cli` and `tui`; it knows no terminal.

pub mod commands;
pub mod labels;
pub mod records;
pub mod words;

pub use labels::Label;

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The language of names and labels: `L` in the explorer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub fn toggled(self) -> Self {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }
}

/// `s` cut to at most `max` display columns (CJK = 2), ending in `…` when
/// cut: the one truncation both faces use (tables and the explorer's cells).
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if s.width() <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}
