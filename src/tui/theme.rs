//! Colours and text attributes of the explorer, loaded from RON theme files.
//!
//! Every style the screens use is a named slot of [`Theme`]. The built-in
//! themes live in `assets/themes/*.ron` and are compiled in; `--theme` also
//! accepts a path to a theme file of the same format. Themes are checked like
//! datasets: syntax errors name the file, line and column; unknown slots or
//! colours name the slot and the value. The default theme uses only the 16
//! ANSI colours so it follows the terminal's own palette, and
//! [`Theme::without_colour`] (for `NO_COLOR`) keeps the selection and the
//! matches visible with reverse video, bold and underline alone.

use std::fmt;
use std::path::{Path, PathBuf};

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::data::load::{ron_options, syntax_error};
use crate::data::text::printable;

/// The themes compiled into the binary, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("dark", include_str!("../../assets/themes/dark.ron")),
    ("light", include_str!("../../assets/themes/light.ron")),
    (
        "high-contrast",
        include_str!("../../assets/themes/high-contrast.ron"),
    ),
];

pub const DEFAULT_THEME: &str = "dark";

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    /// The whole screen: its background and default text colour. Drawn
    /// under everything, so a theme that sets a background sets it for every
    /// cell, panes and empty space included.
    pub base: Style,
    /// Ordinary text.
    pub text: Style,
    /// Secondary text: labels, hints, ids.
    pub dim: Style,
    /// The title line and record names.
    pub title: Style,
    /// Section headings inside panes ("Sources", year headings).
    pub heading: Style,
    pub border: Style,
    pub border_focused: Style,
    /// The selected row of the focused pane.
    pub selected: Style,
    /// The selected row of an unfocused pane.
    pub selected_inactive: Style,
    /// Characters matched by the search query.
    pub matched: Style,
    pub sister: Style,
    pub cooperative: Style,
    /// Marks such as "classification in doubt".
    pub warning: Style,
    /// Events of the selected partner in the timeline.
    pub marked: Style,
    pub status_bar: Style,
    pub status_key: Style,
    /// The query line while typing.
    pub input: Style,
    pub link: Style,
    /// Map: land outlines, the home city and the selection line.
    pub map_land: Style,
    pub map_home: Style,
    pub map_line: Style,
    /// Bars of the statistics charts.
    pub bar: Style,
    pub bar_official: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Self::dark()
    }
}

/// A theme file: `Theme(name: "dark", styles: { "title": (fg: "cyan", bold: true), … })`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Theme")]
struct ThemeFile {
    name: String,
    #[serde(default)]
    description: Option<String>,
    styles: std::collections::BTreeMap<String, StyleSpec>,
}

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

/// Why a theme could not be used.
#[derive(Debug)]
pub enum ThemeError {
    /// `--theme NAME` names no built-in theme and no file.
    Unknown { name: String },
    /// The theme file is broken; the message names file, line and column or slot.
    Invalid(String),
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
            ThemeError::Invalid(msg) => f.write_str(msg),
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
    if let Some((_, text)) = BUILTIN.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
        return parse(text, &format!("assets/themes/{name}.ron"));
    }
    if is_path(name) {
        let path = Path::new(name);
        let text = std::fs::read_to_string(path).map_err(|e| {
            ThemeError::Invalid(format!("{}: cannot read theme: {e}", printable(name)))
        })?;
        return parse(&text, &printable(name));
    }
    Err(ThemeError::Unknown {
        name: name.to_string(),
    })
}

/// Parses and checks a theme file; every slot not given keeps the plain style.
/// Unknown style names and colours are reported at their line and column,
/// with the closest valid name.
pub fn parse(text: &str, origin: &str) -> Result<Theme, ThemeError> {
    let file: ThemeFile = ron_options()
        .from_str(text)
        .map_err(|e| ThemeError::Invalid(syntax_error(text, origin, &e).to_string()))?;
    let mut theme = Theme::plain();
    theme.name = file.name.clone();
    let _ = file.description;
    let tokens = source::tokens(text);
    let mut problems = Vec::new();
    for (slot, spec) in &file.styles {
        let key = source::map_key(&tokens, slot);
        let style = match to_style(spec) {
            Ok(s) => s,
            Err((field, value, why)) => {
                let at = key
                    .and_then(|k| source::field_value(&tokens, k + 1, field))
                    .filter(|&i| tokens[i].is_str(value))
                    .or(key)
                    .map(|i| tokens[i].start);
                problems.push((
                    at,
                    source::located(
                        text,
                        origin,
                        at,
                        &format!("style {:?}: {why}", printable(slot)),
                    ),
                ));
                continue;
            }
        };
        match theme.slot_mut(slot) {
            Some(target) => *target = style,
            None => {
                let hint = match closest(slot, SLOTS.iter().copied()) {
                    Some(near) => format!("did you mean {near:?}? "),
                    None => String::new(),
                };
                let at = key.map(|i| tokens[i].start);
                problems.push((
                    at,
                    source::located(
                        text,
                        origin,
                        at,
                        &format!(
                            "unknown style {:?}; {hint}known styles: {}",
                            printable(slot),
                            SLOTS.join(", ")
                        ),
                    ),
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(theme)
    } else {
        // In the order of the file; any not found in it last.
        problems.sort_by_key(|(at, _)| at.unwrap_or(usize::MAX));
        let messages: Vec<String> = problems.into_iter().map(|(_, m)| m).collect();
        Err(ThemeError::Invalid(messages.join("\n")))
    }
}

/// The candidate closest to `wanted` by edit distance, if it is close
/// enough to be a likely typo.
fn closest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = wanted.to_ascii_lowercase();
    let limit = (wanted.chars().count() / 3).max(2);
    candidates
        .map(|c| (crate::data::country::edit_distance(&wanted, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// A style, or the field ("fg" or "bg"), the value and why it is wrong.
fn to_style(spec: &StyleSpec) -> Result<Style, (&'static str, &str, String)> {
    let mut style = Style::new();
    if let Some(fg) = &spec.fg {
        style = style.fg(colour(fg).map_err(|e| ("fg", fg.as_str(), e))?);
    }
    if let Some(bg) = &spec.bg {
        style = style.bg(colour(bg).map_err(|e| ("bg", bg.as_str(), e))?);
    }
    for (on, m) in [
        (spec.bold, Modifier::BOLD),
        (spec.dim, Modifier::DIM),
        (spec.italic, Modifier::ITALIC),
        (spec.underlined, Modifier::UNDERLINED),
        (spec.reversed, Modifier::REVERSED),
    ] {
        if on {
            style = style.add_modifier(m);
        }
    }
    Ok(style)
}

/// Colour names theme files may use.
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

/// The 16 ANSI colour names (and `reset`), a 256-colour index, or `#rrggbb`.
fn colour(name: &str) -> Result<Color, String> {
    let c = match name
        .to_ascii_lowercase()
        .replace(['-', '_', ' '], "")
        .as_str()
    {
        "reset" | "default" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        other => {
            if let Some(hex) = other.strip_prefix('#')
                && hex.len() == 6
                && let Ok(v) = u32::from_str_radix(hex, 16)
            {
                Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
            } else if let Ok(i) = other.parse::<u8>() {
                Color::Indexed(i)
            } else {
                let hint = match closest(other, COLOUR_NAMES.iter().copied()) {
                    Some(near) => format!("; did you mean {near:?}?"),
                    None => String::new(),
                };
                return Err(format!(
                    "unknown colour {:?}{hint} (use an ANSI name such as \"lightblue\", 0-255, or #rrggbb)",
                    printable(name)
                ));
            }
        }
    };
    Ok(c)
}

/// Slot names as theme files write them.
pub const SLOTS: [&str; 23] = [
    "base",
    "text",
    "dim",
    "title",
    "heading",
    "border",
    "border_focused",
    "selected",
    "selected_inactive",
    "matched",
    "sister",
    "cooperative",
    "warning",
    "marked",
    "status_bar",
    "status_key",
    "input",
    "link",
    "map_land",
    "map_home",
    "map_line",
    "bar",
    "bar_official",
];

impl Theme {
    /// No colour, attributes only: the base every theme file starts from,
    /// and what `NO_COLOR` reduces a theme to.
    pub fn plain() -> Self {
        let base = Style::new();
        let bold = base.add_modifier(Modifier::BOLD);
        Self {
            name: "plain".into(),
            base,
            text: base,
            dim: base,
            title: bold,
            heading: bold,
            border: base,
            border_focused: bold,
            selected: base.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_inactive: base.add_modifier(Modifier::REVERSED),
            matched: base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            sister: base,
            cooperative: base,
            warning: bold,
            marked: bold,
            status_bar: base.add_modifier(Modifier::REVERSED),
            status_key: base.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            input: base,
            link: base.add_modifier(Modifier::UNDERLINED),
            map_land: base,
            map_home: bold,
            map_line: bold,
            bar: base,
            bar_official: base,
        }
    }

    /// The default theme (16 ANSI colours).
    pub fn dark() -> Self {
        resolve(DEFAULT_THEME).unwrap_or_else(|_| Self::plain())
    }

    fn slot_mut(&mut self, name: &str) -> Option<&mut Style> {
        let i = SLOTS.iter().position(|s| *s == name)?;
        self.slots_mut().into_iter().nth(i)
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

    /// The slots in [`SLOTS`] order.
    fn slots_mut(&mut self) -> [&mut Style; 23] {
        [
            &mut self.base,
            &mut self.text,
            &mut self.dim,
            &mut self.title,
            &mut self.heading,
            &mut self.border,
            &mut self.border_focused,
            &mut self.selected,
            &mut self.selected_inactive,
            &mut self.matched,
            &mut self.sister,
            &mut self.cooperative,
            &mut self.warning,
            &mut self.marked,
            &mut self.status_bar,
            &mut self.status_key,
            &mut self.input,
            &mut self.link,
            &mut self.map_land,
            &mut self.map_home,
            &mut self.map_line,
            &mut self.bar,
            &mut self.bar_official,
        ]
    }

    #[cfg(test)]
    fn slots(&self) -> [Style; 23] {
        let mut copy = self.clone();
        copy.slots_mut().map(|s| *s)
    }
}

/// Settings read from `config.ron` in the user's configuration directory
/// (`~/.config/shenyang-partners/config.ron` on Linux), or from the file
/// named by `SHENYANG_PARTNERS_CONFIG`.
#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename = "Config")]
pub struct Config {
    /// Theme name or path, used when `--theme` is not given. A relative
    /// path is relative to the configuration file's directory.
    #[serde(default)]
    pub theme: Option<String>,
    /// "en" or "zh": the language the explorer starts in.
    #[serde(default)]
    pub lang: Option<String>,
}

/// The environment variable that names a configuration file explicitly.
pub const CONFIG_ENV: &str = "SHENYANG_PARTNERS_CONFIG";

/// Configuration files larger than this are refused (a real one is a line).
const MAX_CONFIG_BYTES: u64 = 64 * 1024;

/// Where the configuration file is looked for, and whether the user named
/// it (`SHENYANG_PARTNERS_CONFIG`; an empty value counts as unset).
pub fn config_path() -> Option<(PathBuf, bool)> {
    if let Some(p) = std::env::var_os(CONFIG_ENV)
        && !p.is_empty()
    {
        return Some((p.into(), true));
    }
    dirs::config_dir().map(|d| (d.join("shenyang-partners").join("config.ron"), false))
}

/// The configuration in effect, and where it came from (for messages and
/// for theme paths relative to it).
#[derive(Debug, Default)]
pub struct LoadedConfig {
    pub config: Config,
    /// The file read, if any.
    pub path: Option<PathBuf>,
    text: String,
}

/// Whether a failure to read the default configuration file means there
/// is none: not found, a parent that is not a directory, or a parent
/// directory that may not be searched (`parent_blocked`: even the file's
/// metadata is out of reach). A file that exists but cannot be read is an
/// error.
fn counts_as_missing(e: &std::io::Error, parent_blocked: bool) -> bool {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound | K::NotADirectory => true,
        K::PermissionDenied => parent_blocked,
        _ => false,
    }
}

/// Reads the configuration file if there is one. A missing default file is
/// no error; a missing file named by `SHENYANG_PARTNERS_CONFIG`, an
/// unreadable or a broken one is, with its path (and line and column).
pub fn load_config() -> Result<LoadedConfig, ThemeError> {
    match config_path() {
        Some((path, explicit)) => load_config_from(&path, explicit),
        None => Ok(LoadedConfig::default()),
    }
}

/// How a configuration file is named in messages.
fn config_origin(path: &Path) -> String {
    format!(
        "configuration file {}",
        printable(&path.display().to_string())
    )
}

/// Reads and parses one configuration file; `explicit` when the user named it.
pub fn load_config_from(path: &Path, explicit: bool) -> Result<LoadedConfig, ThemeError> {
    let origin = config_origin(path);
    let named = if explicit {
        format!(" (named by {CONFIG_ENV})")
    } else {
        String::new()
    };
    let cannot_read =
        |e: &dyn fmt::Display| ThemeError::Invalid(format!("{origin}{named}: cannot read: {e}"));
    let read = std::fs::metadata(path).and_then(|m| {
        if m.len() > MAX_CONFIG_BYTES {
            Err(std::io::Error::other(format!(
                "the file is too large ({} bytes; at most {MAX_CONFIG_BYTES})",
                m.len()
            )))
        } else {
            std::fs::read_to_string(path)
        }
    });
    let text = match read {
        Ok(t) => t,
        Err(e) => {
            let parent_blocked = std::fs::metadata(path)
                .is_err_and(|m| m.kind() == std::io::ErrorKind::PermissionDenied);
            if !explicit && counts_as_missing(&e, parent_blocked) {
                return Ok(LoadedConfig::default());
            }
            return Err(cannot_read(&e));
        }
    };
    let config = ron_options()
        .from_str::<Config>(&text)
        .map_err(|e| ThemeError::Invalid(syntax_error(&text, &origin, &e).to_string()))?;
    Ok(LoadedConfig {
        config,
        path: Some(path.to_path_buf()),
        text,
    })
}

impl LoadedConfig {
    /// `message` at the value of the configuration's field `field`.
    fn error_at(&self, field: &str, message: &str) -> ThemeError {
        let origin = self
            .path
            .as_deref()
            .map_or_else(|| "configuration".to_string(), config_origin);
        let tokens = source::tokens(&self.text);
        let at = source::field_value(&tokens, 0, field).map(|i| tokens[i].start);
        ThemeError::Invalid(source::located(&self.text, &origin, at, message))
    }

    /// The theme to use: `--theme` if given (the configuration's theme is
    /// then not even looked at), else the configuration's, else the default.
    /// An unknown `--theme` is [`ThemeError::Unknown`] (a usage error); an
    /// unknown theme in the file is [`ThemeError::Invalid`] and says where.
    pub fn theme(&self, command_line: Option<&str>) -> Result<Theme, ThemeError> {
        if let Some(name) = command_line {
            return resolve(name);
        }
        let Some(name) = self.config.theme.as_deref() else {
            return Ok(Theme::dark());
        };
        // A relative theme path is relative to the configuration file.
        let base = self.path.as_deref().and_then(Path::parent);
        let resolved = match base {
            Some(dir) if is_path(name) && Path::new(name).is_relative() && !is_builtin(name) => {
                dir.join(name).to_string_lossy().into_owned()
            }
            _ => name.to_string(),
        };
        resolve(&resolved).map_err(|e| match e {
            ThemeError::Unknown { .. } => self.error_at("theme", &e.to_string()),
            ThemeError::Invalid(m) => ThemeError::Invalid(m),
        })
    }

    /// The language to start in.
    pub fn lang(&self) -> Result<crate::present::Lang, ThemeError> {
        use crate::present::Lang;
        match self.config.lang.as_deref() {
            None | Some("en") => Ok(Lang::En),
            Some("zh") => Ok(Lang::Zh),
            Some(other) => Err(self.error_at(
                "lang",
                &format!("lang {:?} is not \"en\" or \"zh\"", printable(other)),
            )),
        }
    }
}

/// Finding where a value sits in a RON source, for errors found after
/// parsing (an unknown style name, colour or theme).
mod source {
    use unicode_width::UnicodeWidthStr;

    use crate::data::load::LoadError;
    use crate::data::text::printable;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Kind {
        /// A string literal; the text is its source between the quotes.
        Str,
        Ident,
        Punct,
    }

    #[derive(Debug, Clone, Copy)]
    pub struct Token<'a> {
        pub kind: Kind,
        pub start: usize,
        pub text: &'a str,
    }

    impl Token<'_> {
        /// A string literal written exactly as `value`.
        pub fn is_str(&self, value: &str) -> bool {
            self.kind == Kind::Str && self.text == value
        }
        fn is_punct(&self, c: char) -> bool {
            self.kind == Kind::Punct && self.text.starts_with(c)
        }
    }

    /// Strings, identifiers and punctuation of a RON text, without comments,
    /// whitespace and numbers. Good enough to find keys and values in a file
    /// that has already parsed.
    pub fn tokens(text: &str) -> Vec<Token<'_>> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_whitespace() {
                i += 1;
            } else if b[i..].starts_with(b"//") {
                i = text[i..].find('\n').map_or(b.len(), |n| i + n);
            } else if b[i..].starts_with(b"/*") {
                let mut depth = 0usize;
                while i < b.len() {
                    if b[i..].starts_with(b"/*") {
                        depth += 1;
                        i += 2;
                    } else if b[i..].starts_with(b"*/") {
                        depth = depth.saturating_sub(1);
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            } else if c == b'"' {
                let start = i;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                let end = i.min(b.len());
                out.push(Token {
                    kind: Kind::Str,
                    start,
                    text: text.get(start + 1..end).unwrap_or(""),
                });
                i += 1;
            } else if c.is_ascii_alphanumeric() || c == b'_' {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'.')
                {
                    i += 1;
                }
                out.push(Token {
                    kind: Kind::Ident,
                    start,
                    text: &text[start..i],
                });
            } else {
                let len = text[i..].chars().next().map_or(1, char::len_utf8);
                out.push(Token {
                    kind: Kind::Punct,
                    start: i,
                    text: &text[i..i + len],
                });
                i += len;
            }
        }
        out
    }

    /// The token index of a map key `"key":`.
    pub fn map_key(tokens: &[Token], key: &str) -> Option<usize> {
        (0..tokens.len())
            .find(|&i| tokens[i].is_str(key) && tokens.get(i + 1).is_some_and(|t| t.is_punct(':')))
    }

    /// The token index of the value of field `name: value` in the first
    /// parenthesised value from token `from` on: a style's `(fg: …)` after
    /// its key, or the whole file's `Config(theme: …)` from token 0.
    pub fn field_value(tokens: &[Token], from: usize, name: &str) -> Option<usize> {
        let mut depth = 0i32;
        for i in from..tokens.len() {
            let t = &tokens[i];
            if t.is_punct('(') || t.is_punct('[') || t.is_punct('{') {
                depth += 1;
            } else if t.is_punct(')') || t.is_punct(']') || t.is_punct('}') {
                depth -= 1;
                if depth <= 0 {
                    return None;
                }
            } else if depth == 1
                && t.kind == Kind::Ident
                && t.text == name
                && tokens.get(i + 1).is_some_and(|c| c.is_punct(':'))
            {
                return tokens.get(i + 2).map(|_| i + 2);
            }
        }
        None
    }

    /// `message` at a byte offset of `text` as "origin:line:col: message"
    /// with the line and a caret, like syntax errors; just "origin: message"
    /// without an offset.
    pub fn located(text: &str, origin: &str, at: Option<usize>, message: &str) -> String {
        let Some(at) = at.filter(|&a| a <= text.len() && text.is_char_boundary(a)) else {
            return format!("{origin}: {message}");
        };
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        let rest = &text[line_start..];
        let source_line = rest[..rest.find('\n').unwrap_or(rest.len())].trim_end_matches('\r');
        // Long lines are cut to a window around the caret.
        let chars: Vec<char> = source_line.chars().collect();
        let caret = (column - 1).min(chars.len());
        let from = caret.saturating_sub(60);
        let to = (caret + 40).min(chars.len());
        let mut shown = printable(&chars[from..to].iter().collect::<String>());
        let mut prefix = printable(&chars[from..caret].iter().collect::<String>());
        if from > 0 {
            shown.insert(0, '…');
            prefix.insert(0, '…');
        }
        if to < chars.len() {
            shown.push('…');
        }
        LoadError::Syntax {
            origin: origin.to_string(),
            line,
            column,
            message: message.to_string(),
            excerpt: Some((shown, prefix.width())),
        }
        .to_string()
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
            let file: ThemeFile = ron_options()
                .from_str(BUILTIN.iter().find(|(n, _)| *n == name).unwrap().1)
                .unwrap();
            for slot in SLOTS {
                assert!(file.styles.contains_key(slot), "{name} does not set {slot}");
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
    fn which_read_failures_mean_there_is_no_default_config() {
        use std::io::{Error, ErrorKind as K};
        assert!(counts_as_missing(&Error::from(K::NotFound), false));
        assert!(counts_as_missing(&Error::from(K::NotADirectory), false));
        // A parent directory that may not be searched hides the file…
        assert!(counts_as_missing(&Error::from(K::PermissionDenied), true));
        // …but a file that is there and cannot be read is a problem.
        assert!(!counts_as_missing(&Error::from(K::PermissionDenied), false));
        assert!(!counts_as_missing(&Error::from(K::IsADirectory), false));
        assert!(!counts_as_missing(&Error::from(K::InvalidData), false));
    }

    #[test]
    fn colours() {
        assert_eq!(colour("LightCyan"), Ok(Color::LightCyan));
        assert_eq!(colour("light-cyan"), Ok(Color::LightCyan));
        assert_eq!(colour("#ff8000"), Ok(Color::Rgb(255, 128, 0)));
        assert_eq!(colour("208"), Ok(Color::Indexed(208)));
        assert!(colour("#ff80").is_err());
        assert!(colour("256").is_err());
    }
}
