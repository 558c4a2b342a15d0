//! Colours and text attributes of the explorer, loaded from RON theme files.
//!
//! Every style the screens use is a named slot of [`Theme`], declared once
//! in the `theme_slots!` table below with the attributes it has without
//! colour; a theme file sets slots by name:
//! `Theme(name: "dark", styles: { "title": (fg: "lightblue", bold: true), … })`.
//! `Theme` is a serde struct with `deny_unknown_fields`, and colours are
//! ratatui's own names (`Color::from_str`: ANSI names, 0-255, `#rrggbb`).
//!
//! The built-in themes live in `assets/themes/*.ron` and are compiled in;
//! `--theme` also accepts a path to a theme file of the same format. Themes
//! are checked like datasets: syntax errors name the file, line and column;
//! unknown slots or colours name the slot and the value, every one of them,
//! placed in one pass over the file. The default theme uses only the 16
//! ANSI colours so it follows the terminal's own palette, and
//! [`Theme::without_colour`] (for `NO_COLOR`) keeps the selection and the
//! matches visible with reverse video, bold and underline alone.

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, Visitor};

use crate::data::diagnostic::{Diagnostic, Diagnostics};
use crate::data::dialect::{normalize, ron_options};
use crate::data::locate::locate;
use crate::data::read::read_text;
use crate::data::syntax::syntax_error;
use crate::data::text::printable;

/// The themes compiled into the binary, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("dark", include_str!("../assets/themes/dark.ron")),
    ("light", include_str!("../assets/themes/light.ron")),
    (
        "high-contrast",
        include_str!("../assets/themes/high-contrast.ron"),
    ),
];

pub const DEFAULT_THEME: &str = "dark";

/// Theme files larger than this are refused (a real one is about 2 KB).
pub const MAX_THEME_BYTES: u64 = 4 * 1024 * 1024;

/// Declares the style slots once: the [`Theme`] struct (one field each,
/// read from the file by its name), [`SLOTS`], [`Theme::plain`] (each
/// slot's attributes without colour) and the list of all slots.
macro_rules! theme_slots {
    ($($(#[doc = $doc:literal])* $slot:ident: $plain:expr,)*) => {
        #[derive(Debug, Clone, PartialEq, Deserialize)]
        #[serde(deny_unknown_fields, default = "Theme::plain")]
        pub struct Theme {
            /// The theme's name, from its file.
            #[serde(skip)]
            pub name: String,
            $(
                $(#[doc = $doc])*
                #[serde(deserialize_with = "style")]
                pub $slot: Style,
            )*
        }

        /// Slot names as theme files write them.
        pub const SLOTS: &[&str] = &[$(stringify!($slot)),*];

        impl Theme {
            /// No colour, attributes only: the base every theme file starts
            /// from, and what `NO_COLOR` reduces a theme to.
            pub fn plain() -> Self {
                Self {
                    name: "plain".into(),
                    $($slot: Style::new().add_modifier($plain),)*
                }
            }

            /// Every slot, in [`SLOTS`] order.
            fn slots_mut(&mut self) -> Vec<&mut Style> {
                vec![$(&mut self.$slot),*]
            }
        }
    };
}

const NONE: Modifier = Modifier::empty();
const BOLD: Modifier = Modifier::BOLD;
const REVERSED: Modifier = Modifier::REVERSED;

theme_slots! {
    /// The whole screen: its background and default text colour. Drawn
    /// under everything, so a theme that sets a background sets it for every
    /// cell, panes and empty space included.
    base: NONE,
    /// Ordinary text.
    text: NONE,
    /// Secondary text: labels, hints, ids.
    dim: NONE,
    /// The title line and record names.
    title: BOLD,
    /// Section headings inside panes ("Sources", year headings).
    heading: BOLD,
    border: NONE,
    border_focused: BOLD,
    /// The selected row of the focused pane.
    selected: REVERSED.union(BOLD),
    /// The selected row of an unfocused pane.
    selected_inactive: REVERSED,
    /// Characters matched by the search query.
    matched: BOLD.union(Modifier::UNDERLINED),
    sister: NONE,
    cooperative: NONE,
    /// Marks such as "classification in doubt".
    warning: BOLD,
    /// Events of the selected partner in the timeline.
    marked: BOLD,
    status_bar: REVERSED,
    status_key: REVERSED.union(BOLD),
    /// The query line while typing.
    input: NONE,
    link: Modifier::UNDERLINED,
    /// Map: land outlines, the home city and the selection line.
    map_land: NONE,
    map_home: BOLD,
    map_line: BOLD,
    /// Map: countries with 1, 2–4 and 5 or more listed partners (the dot
    /// pattern also grows denser, so the shades read without colour).
    map_fill_1: NONE,
    map_fill_2: NONE,
    map_fill_3: BOLD,
    /// Bars of the statistics charts.
    bar: NONE,
    bar_official: NONE,
}

impl Default for Theme {
    fn default() -> Self {
        Self::dark()
    }
}

/// A theme file: `Theme(name: …, description: …, styles: { … })`, its styles
/// read as `S` (the [`Theme`] itself, or the entries one by one to report
/// every problem).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Theme")]
struct ThemeFile<S> {
    name: String,
    #[serde(default)]
    description: Option<String>,
    styles: S,
}

/// One style as a file writes it: `(fg: "cyan", bold: true)`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    #[serde(default)]
    fg: Option<String>,
    #[serde(default)]
    bg: Option<String>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    dim: bool,
    #[serde(default)]
    italic: bool,
    #[serde(default)]
    underlined: bool,
    #[serde(default)]
    reversed: bool,
}

/// A colour that is not one: the field ("fg" or "bg"), and why.
struct BadColour {
    field: &'static str,
    why: String,
}

impl StyleSpec {
    fn to_style(&self) -> Result<Style, BadColour> {
        let mut style = Style::new();
        if let Some(fg) = &self.fg {
            style = style.fg(colour(fg).map_err(|why| BadColour { field: "fg", why })?);
        }
        if let Some(bg) = &self.bg {
            style = style.bg(colour(bg).map_err(|why| BadColour { field: "bg", why })?);
        }
        for (on, m) in [
            (self.bold, Modifier::BOLD),
            (self.dim, Modifier::DIM),
            (self.italic, Modifier::ITALIC),
            (self.underlined, Modifier::UNDERLINED),
            (self.reversed, Modifier::REVERSED),
        ] {
            if on {
                style = style.add_modifier(m);
            }
        }
        Ok(style)
    }
}

/// A slot of [`Theme`] from its [`StyleSpec`].
fn style<'de, D: Deserializer<'de>>(d: D) -> Result<Style, D::Error> {
    StyleSpec::deserialize(d)?
        .to_style()
        .map_err(|bad| de::Error::custom(bad.why))
}

/// The `styles` map read as the [`Theme`] struct: each key names a field.
struct Styles(Theme);

impl<'de> Deserialize<'de> for Styles {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MapVisitor;
        impl<'de> Visitor<'de> for MapVisitor {
            type Value = Styles;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of style names to styles")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Styles, A::Error> {
                let map = de::value::MapAccessDeserializer::new(StringKeys(map));
                Theme::deserialize(map).map(Styles)
            }
        }
        d.deserialize_map(MapVisitor)
    }
}

/// A map whose keys are strings (`"title"`), handed to a struct that reads
/// its keys as field names.
struct StringKeys<A>(A);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for StringKeys<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.0.next_key::<String>()? {
            Some(key) => seed.deserialize(key.into_deserializer()).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.0.next_value_seed(seed)
    }
}

/// The `styles` map entry by entry, in the file's order, to check each.
#[derive(Debug)]
struct Entries(Vec<(String, StyleSpec)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MapVisitor;
        impl<'de> Visitor<'de> for MapVisitor {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of style names to styles")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(MapVisitor)
    }
}

/// Why a theme could not be used.
#[derive(Debug)]
pub enum ThemeError {
    /// `--theme NAME` names no built-in theme and no file.
    Unknown { name: String },
    /// The theme file is broken or cannot be read: every problem, each with
    /// its file and, where it has one, line and column.
    Invalid(Diagnostics),
}

impl fmt::Display for ThemeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ThemeError::Unknown { name } => {
                write!(f, "unknown theme {:?}; ", printable(name))?;
                if let Some(near) = closest(name, names().into_iter()) {
                    write!(f, "did you mean {near:?}? ")?;
                }
                write!(
                    f,
                    "available themes: {} (or a path to a .ron theme file)",
                    names().join(", ")
                )
            }
            ThemeError::Invalid(problems) => problems.fmt(f),
        }
    }
}

impl std::error::Error for ThemeError {}

/// Names of the built-in themes.
pub fn names() -> Vec<&'static str> {
    BUILTIN.iter().map(|(n, _)| *n).collect()
}

fn is_builtin(name: &str) -> bool {
    BUILTIN.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
}

/// Whether a theme argument names a file rather than a built-in theme.
fn is_path(name: &str) -> bool {
    name.contains('/') || name.ends_with(".ron")
}

/// A built-in theme by name, or a theme file when the argument looks like a
/// path (contains a `/` or ends in `.ron`).
pub fn resolve(name: &str) -> Result<Theme, ThemeError> {
    resolve_from(name, None)
}

/// Like [`resolve`], with a relative theme path taken relative to `dir`
/// (the configuration file's directory) when one is given.
pub fn resolve_from(name: &str, dir: Option<&Path>) -> Result<Theme, ThemeError> {
    if let Some((_, text)) = BUILTIN.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
        return parse(text, &format!("assets/themes/{name}.ron"));
    }
    if is_path(name) {
        let joined;
        let name = match dir {
            Some(dir) if Path::new(name).is_relative() && !is_builtin(name) => {
                joined = dir.join(name).to_string_lossy().into_owned();
                joined.as_str()
            }
            _ => name,
        };
        let origin = printable(name);
        let text = read_text(Path::new(name), MAX_THEME_BYTES).map_err(|e| {
            ThemeError::Invalid(e.diagnostic(&origin, "a theme", "cannot read theme").into())
        })?;
        return parse(&text, &origin);
    }
    Err(ThemeError::Unknown {
        name: name.to_string(),
    })
}

/// Parses and checks a theme file; every slot not given keeps the plain style.
/// Unknown style names and colours are reported at their line and column,
/// with the closest valid name.
pub fn parse(text: &str, origin: &str) -> Result<Theme, ThemeError> {
    let text = normalize(text);
    match ron_options().from_str::<ThemeFile<Styles>>(&text) {
        Ok(file) => {
            let _ = file.description;
            let mut theme = file.styles.0;
            theme.name = file.name;
            Ok(theme)
        }
        Err(e) => Err(ThemeError::Invalid(problems(&text, origin, &e))),
    }
}

/// Every problem of a theme file the parser refused with `first`: its syntax
/// error if it has one, else each unknown or repeated style and each bad
/// colour, placed in one pass over the text.
fn problems(text: &str, origin: &str, first: &ron::error::SpannedError) -> Diagnostics {
    let file: ThemeFile<Entries> = match ron_options().from_str(text) {
        Ok(file) => file,
        Err(e) => return syntax_error(text, origin, &e).into(),
    };
    // (path, whether the value rather than the key is meant, message)
    let mut found: Vec<(String, bool, String)> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, (slot, spec)) in file.styles.0.iter().enumerate() {
        let entry = format!("styles{{{i}}}");
        if !SLOTS.contains(&slot.as_str()) {
            let hint = match closest(slot, SLOTS.iter().copied()) {
                Some(near) => format!("did you mean {near:?}? "),
                None => String::new(),
            };
            let message = format!(
                "unknown style {:?}; {hint}known styles: {}",
                printable(slot),
                SLOTS.join(", ")
            );
            found.push((entry, false, message));
        } else if !seen.insert(slot) {
            let message = format!("style {:?} is given twice", printable(slot));
            found.push((entry, false, message));
        } else if let Err(bad) = spec.to_style() {
            let message = format!("style {:?}: {}", printable(slot), bad.why);
            found.push((format!("{entry}.{}", bad.field), true, message));
        }
    }
    if found.is_empty() {
        // Nothing the entries show: the parser's own words, at its place.
        return syntax_error(text, origin, first).into();
    }
    let places = locate(
        text,
        &found.iter().map(|(p, _, _)| p.as_str()).collect::<Vec<_>>(),
    );
    let placed = found
        .into_iter()
        .zip(places)
        .map(|((_, value, message), place)| {
            let at = place.map(|p| {
                if value && p.exact {
                    p.place.value
                } else {
                    p.place.start()
                }
            });
            (at, message)
        })
        .collect();
    Diagnostics(Diagnostic::at_each(text, origin, placed))
}

/// The candidate closest to `wanted` by edit distance, if it is close
/// enough to be a likely typo.
fn closest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = wanted.to_ascii_lowercase();
    let limit = (wanted.chars().count() / 3).max(2);
    candidates
        .map(|c| (strsim::osa_distance(&wanted, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Colour names suggested for a near miss.
const COLOUR_NAMES: [&str; 17] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "darkgray",
    "lightred",
    "lightgreen",
    "lightyellow",
    "lightblue",
    "lightmagenta",
    "lightcyan",
    "white",
    "reset",
];

/// A colour as ratatui reads it (an ANSI name such as `lightblue` in any
/// case and spacing, 0-255, or `#rrggbb`), or `default` for the terminal's
/// own; else why not, with the closest name.
fn colour(name: &str) -> Result<Color, String> {
    if name.trim().eq_ignore_ascii_case("default") {
        return Ok(Color::Reset);
    }
    name.parse::<Color>().map_err(|_| {
        let squeezed = name.to_ascii_lowercase().replace(['-', '_', ' '], "");
        let hint = match closest(&squeezed, COLOUR_NAMES.iter().copied()) {
            Some(near) => format!("; did you mean {near:?}?"),
            None => String::new(),
        };
        format!(
            "unknown colour {:?}{hint} (use an ANSI name such as \"lightblue\", 0-255, or #rrggbb)",
            printable(name)
        )
    })
}

impl Theme {
    /// The default theme (16 ANSI colours).
    pub fn dark() -> Self {
        resolve(DEFAULT_THEME).unwrap_or_else(|_| Self::plain())
    }

    /// Gives every cell of a drawn frame the base colours wherever nothing
    /// drawn set a colour of its own: empty pane areas, the map between the
    /// coastlines, cleared popups. A theme without base colours (the default)
    /// leaves the terminal's own background alone.
    pub fn fill_base(&self, buf: &mut Buffer) {
        let (fg, bg) = (self.base.fg, self.base.bg);
        if fg.is_none() && bg.is_none() {
            return;
        }
        for cell in &mut buf.content {
            if let Some(bg) = bg
                && cell.bg == Color::Reset
            {
                cell.bg = bg;
            }
            if let Some(fg) = fg
                && cell.fg == Color::Reset
            {
                cell.fg = fg;
            }
        }
    }

    /// Strips every colour, keeping attributes (for `NO_COLOR`), and makes
    /// sure selection, matches and focus still show.
    pub fn without_colour(&self) -> Self {
        let mut t = self.clone();
        for slot in t.slots_mut() {
            *slot = Style {
                fg: None,
                bg: None,
                underline_color: None,
                ..*slot
            };
        }
        t.selected = t.selected.add_modifier(Modifier::REVERSED);
        t.selected_inactive = t.selected_inactive.add_modifier(Modifier::REVERSED);
        t.matched = t.matched.add_modifier(Modifier::UNDERLINED);
        t.border_focused = t.border_focused.add_modifier(Modifier::BOLD);
        t.status_bar = t.status_bar.add_modifier(Modifier::REVERSED);
        t.status_key = t.status_key.add_modifier(Modifier::REVERSED);
        t
    }

    #[cfg(test)]
    fn slots(&self) -> Vec<Style> {
        let mut copy = self.clone();
        copy.slots_mut().into_iter().map(|s| *s).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_theme_loads_and_sets_every_slot() {
        for name in names() {
            let theme = resolve(name).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(theme.name, name);
            let file: ThemeFile<Entries> = ron_options()
                .from_str(BUILTIN.iter().find(|(n, _)| *n == name).unwrap().1)
                .unwrap();
            for slot in SLOTS {
                assert!(
                    file.styles.0.iter().any(|(s, _)| s == slot),
                    "{name} does not set {slot}"
                );
            }
        }
    }

    #[test]
    fn the_default_theme_uses_only_the_16_ansi_colours() {
        for style in Theme::dark().slots() {
            for c in [style.fg, style.bg].into_iter().flatten() {
                assert!(!matches!(c, Color::Rgb(..) | Color::Indexed(_)), "{c:?}");
            }
        }
    }

    /// The xterm palette, as a stand-in for "a typical terminal".
    fn rgb(c: Color) -> (u8, u8, u8) {
        match c {
            Color::Black => (0, 0, 0),
            Color::Red => (0xcd, 0, 0),
            Color::Green => (0, 0xcd, 0),
            Color::Yellow => (0xcd, 0xcd, 0),
            Color::Blue => (0, 0, 0xee),
            Color::Magenta => (0xcd, 0, 0xcd),
            Color::Cyan => (0, 0xcd, 0xcd),
            Color::Gray => (0xe5, 0xe5, 0xe5),
            Color::DarkGray => (0x7f, 0x7f, 0x7f),
            Color::LightRed => (0xff, 0, 0),
            Color::LightGreen => (0, 0xff, 0),
            Color::LightYellow => (0xff, 0xff, 0),
            Color::LightBlue => (0x5c, 0x5c, 0xff),
            Color::LightMagenta => (0xff, 0, 0xff),
            Color::LightCyan => (0, 0xff, 0xff),
            Color::White => (0xff, 0xff, 0xff),
            Color::Rgb(r, g, b) => (r, g, b),
            other => panic!("no reference value for {other:?}"),
        }
    }

    /// WCAG contrast ratio of two colours (1 to 21).
    fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
        fn lum((r, g, b): (u8, u8, u8)) -> f64 {
            let f = |c: u8| {
                let c = f64::from(c) / 255.0;
                if c <= 0.03928 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
        }
        let (la, lb) = (lum(a), lum(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// Every style of every theme reads on a black and on a white terminal
    /// background: where the theme leaves a colour to the terminal, the other
    /// colour must stand out from both black and white; where it sets both,
    /// they must stand out from each other.
    #[test]
    fn every_theme_is_legible_on_light_and_dark_terminals() {
        const MIN: f64 = 3.0;
        let terminal_defaults = [(0, 0, 0), (0xff, 0xff, 0xff)];
        for name in names() {
            let theme = resolve(name).unwrap();
            for (slot, style) in SLOTS.iter().zip(theme.slots()) {
                // What a cell in this style shows, over the theme's base.
                let mut fg = style.fg.or(theme.base.fg);
                let mut bg = style.bg.or(theme.base.bg);
                if style.add_modifier.contains(Modifier::REVERSED) {
                    std::mem::swap(&mut fg, &mut bg);
                }
                let (fg, bg) = (fg.map(rgb), bg.map(rgb));
                let worst = match (fg, bg) {
                    (None, None) => continue,
                    (Some(c), None) | (None, Some(c)) => terminal_defaults
                        .iter()
                        .map(|&d| contrast(c, d))
                        .fold(f64::MAX, f64::min),
                    (Some(f), Some(b)) => contrast(f, b),
                };
                assert!(worst >= MIN, "{name}: {slot}: contrast {worst:.2}");
            }
        }
    }

    #[test]
    fn the_default_theme_keeps_the_terminal_background() {
        for style in Theme::dark().slots() {
            assert_eq!(style.bg, None);
        }
        assert_eq!(Theme::dark().base, Style::new());
    }

    #[test]
    fn themes_with_a_background_fill_every_unstyled_cell() {
        let hc = resolve("high-contrast").unwrap();
        let area = ratatui::layout::Rect::new(0, 0, 4, 1);
        let mut buf = Buffer::empty(area);
        buf[(1, 0)].set_fg(Color::LightRed);
        buf[(2, 0)].set_bg(Color::LightYellow);
        hc.fill_base(&mut buf);
        let cells: Vec<(Color, Color)> = buf.content.iter().map(|c| (c.fg, c.bg)).collect();
        assert_eq!(
            cells,
            [
                (Color::White, Color::Black),
                (Color::LightRed, Color::Black),
                (Color::White, Color::LightYellow),
                (Color::White, Color::Black),
            ]
        );
        // The default theme leaves the terminal's colours alone.
        let mut buf = Buffer::empty(area);
        Theme::dark().fill_base(&mut buf);
        assert!(
            buf.content
                .iter()
                .all(|c| c.bg == Color::Reset && c.fg == Color::Reset)
        );
    }

    #[test]
    fn without_colour_keeps_selection_visible() {
        for name in names() {
            let t = resolve(name).unwrap().without_colour();
            for style in t.slots() {
                assert_eq!((style.fg, style.bg), (None, None));
            }
            assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
            assert!(t.matched.add_modifier.contains(Modifier::UNDERLINED));
        }
    }

    #[test]
    fn unknown_theme_lists_the_available_ones() {
        let err = resolve("solarized").unwrap_err().to_string();
        assert!(err.contains("dark, light, high-contrast"), "{err}");
    }

    #[test]
    fn broken_theme_files_are_reported_precisely() {
        let err = parse(
            "Theme(name: \"x\",\n styles: { \"title\": (fg: 3.5) })",
            "t.ron",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("t.ron:2:"), "{err}");
        // An unknown style name: its line and column, the line with a caret
        // under the key, and the close valid name.
        let text = "Theme(\n    name: \"x\",\n    // \"titel\" in a comment is not the key\n    styles: {\n        \"title\": (bold: true),\n        \"titel\": (bold: true),\n    },\n)\n";
        let err = parse(text, "t.ron").unwrap_err().to_string();
        assert_eq!(
            err,
            "t.ron:6:9: unknown style \"titel\"; did you mean \"title\"? known styles: "
                .to_string()
                + &SLOTS.join(", ")
                + "\n  |\n6 |         \"titel\": (bold: true),\n  |         ^"
        );
        // An unknown colour: at the value, with a suggestion; both problems of
        // a file are reported, in the file's order.
        let text = "Theme(name: \"x\", styles: {\n  \"dim\": (fg: \"red\", bg: \"blak\"),\n  \"title\": (fg: \"cyna\"),\n})";
        let err = parse(text, "t.ron").unwrap_err().to_string();
        let lines: Vec<&str> = err.lines().collect();
        assert!(
            lines[0].starts_with(
                "t.ron:2:26: style \"dim\": unknown colour \"blak\"; did you mean \"black\"?"
            ),
            "{err}"
        );
        assert_eq!(lines[3], format!("  |{}^", " ".repeat(26)), "{err}");
        assert!(
            lines[4].starts_with(
                "t.ron:3:17: style \"title\": unknown colour \"cyna\"; did you mean \"cyan\"?"
            ),
            "{err}"
        );
        // Nothing close: no suggestion.
        let err = parse("Theme(name: \"x\", styles: { \"zzzzzzzz\": () })", "t.ron")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("t.ron:1:28: unknown style \"zzzzzzzz\"; known styles"),
            "{err}"
        );
    }

    #[test]
    fn colours_are_ratatuis_names_indexes_and_hex() {
        assert_eq!(colour("LightCyan"), Ok(Color::LightCyan));
        assert_eq!(colour("light-cyan"), Ok(Color::LightCyan));
        assert_eq!(colour("#ff8000"), Ok(Color::Rgb(255, 128, 0)));
        assert_eq!(colour("208"), Ok(Color::Indexed(208)));
        assert_eq!(colour("default"), Ok(Color::Reset));
        assert!(colour("#ff80").is_err());
        assert!(colour("256").is_err());
    }

    #[test]
    fn a_byte_order_mark_and_old_mac_line_ends_are_fine() {
        let text = "\u{feff}Theme(name: \"x\",\r  styles: {\r    \"titel\": (),\r  },\r)\r";
        let err = parse(text, "t.ron").unwrap_err().to_string();
        assert!(
            err.starts_with("t.ron:3:5: unknown style \"titel\""),
            "{err}"
        );
        assert!(parse(&text.replace("titel", "title"), "t.ron").is_ok());
    }

    #[test]
    fn a_style_given_twice_is_reported_at_the_second() {
        let text = "Theme(name: \"x\", styles: {\n  \"dim\": (),\n  \"dim\": (bold: true),\n})";
        let err = parse(text, "t.ron").unwrap_err().to_string();
        assert!(
            err.starts_with("t.ron:3:3: style \"dim\" is given twice"),
            "{err}"
        );
    }

    #[test]
    fn every_problem_of_a_huge_theme_is_reported_in_linear_time() {
        // 30,000 unknown styles took 10 s when each was looked for from the
        // start of the file: a cost of problems × size, here about 20,000
        // times that of a control of the same size with one problem. Placed
        // in one pass they cost under a hundred times the control (each
        // report is a few hundred bytes of words; the control writes one).
        const N: usize = 30_000;
        let entry = |i: usize| format!("    \"unknown_{i:05}\": (bold: true),\n");
        let pad = "// ".to_string() + &"x".repeat(entry(0).len() - 4) + "\n";
        let theme = |problems: usize| {
            let styles: String = (0..N)
                .map(|i| {
                    if i % (N / problems) == 0 {
                        entry(i)
                    } else {
                        pad.clone()
                    }
                })
                .collect();
            format!("Theme(name: \"big\", styles: {{\n{styles}}})\n")
        };
        let (bad, control) = (theme(N), theme(1));
        assert_eq!(bad.len(), control.len());
        let time = |text: &str| {
            let start = std::time::Instant::now();
            let err = parse(text, "big.ron").unwrap_err().to_string();
            (start.elapsed(), err)
        };
        let (control_time, control_err) = time(&control);
        assert_eq!(control_err.matches("unknown style").count(), 1);
        let (bad_time, bad_err) = time(&bad);
        assert_eq!(bad_err.matches("unknown style").count(), N);
        assert!(bad_err.contains("big.ron:30001:5: unknown style \"unknown_29999\""));
        let ratio = bad_time.as_secs_f64() / control_time.as_secs_f64().max(1e-3);
        assert!(ratio < 1000.0, "{bad_time:?} against {control_time:?}");
    }
}
