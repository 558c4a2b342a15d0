//! Colours and text attributes of the explorer.
//!
//! Every style the screens use is a named slot of [`Theme`]. The default theme
//! uses only the 16 ANSI colours, so it follows the terminal's own palette;
//! [`Theme::monochrome`] (used when `NO_COLOR` is set) keeps the selection and
//! matches visible with reverse video, bold and underline alone.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    /// Ordinary text.
    pub text: Style,
    /// Secondary text: labels, hints, ids.
    pub dim: Style,
    /// The title line.
    pub title: Style,
    /// Section headings inside panes ("Sources", year headers).
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

impl Theme {
    /// The default: ANSI colours on the terminal's own background.
    pub fn dark() -> Self {
        let base = Style::new();
        Self {
            name: "dark".into(),
            text: base,
            dim: base.fg(Color::DarkGray),
            title: base.fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            heading: base.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            border: base.fg(Color::DarkGray),
            border_focused: base.fg(Color::Cyan),
            selected: base.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_inactive: base.add_modifier(Modifier::REVERSED),
            matched: base
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            sister: base.fg(Color::LightGreen),
            cooperative: base.fg(Color::LightBlue),
            warning: base.fg(Color::LightRed),
            marked: base.fg(Color::LightGreen).add_modifier(Modifier::BOLD),
            status_bar: base.add_modifier(Modifier::REVERSED),
            status_key: base.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            input: base.fg(Color::Yellow),
            link: base.fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            map_land: base.fg(Color::DarkGray),
            map_home: base.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            map_line: base.fg(Color::Yellow),
            bar: base.fg(Color::LightGreen),
            bar_official: base.fg(Color::DarkGray),
        }
    }

    /// No colour at all: attributes only. Used when `NO_COLOR` is set.
    pub fn monochrome() -> Self {
        let base = Style::new();
        let bold = base.add_modifier(Modifier::BOLD);
        Self {
            name: "monochrome".into(),
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

    /// Strips every colour, keeping attributes (for `NO_COLOR`).
    pub fn without_colour(&self) -> Self {
        let strip = |s: Style| Style {
            fg: None,
            bg: None,
            underline_color: None,
            ..s
        };
        let mut t = self.clone();
        for slot in t.slots_mut() {
            *slot = strip(*slot);
        }
        // A theme that relied on colour alone for these still shows them.
        t.selected = t.selected.add_modifier(Modifier::REVERSED);
        t.matched = t.matched.add_modifier(Modifier::UNDERLINED);
        t.border_focused = t.border_focused.add_modifier(Modifier::BOLD);
        t
    }

    fn slots_mut(&mut self) -> [&mut Style; 22] {
        [
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
}
