//! Helpers shared by the explorer's integration tests: building an `App`
//! on the embedded dataset, typing keys at it, and reading the screen.
#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shenyang_partners::data::Dataset;
use shenyang_partners::tui::app::{App, Options};
use shenyang_partners::tui::i18n::Lang;
use shenyang_partners::tui::theme::Theme;
use std::sync::OnceLock;
use unicode_width::UnicodeWidthStr;

/// The explorer on the embedded dataset, dark theme, English, at `w`x`h`.
pub fn app(w: u16, h: u16) -> App {
    app_with(
        Options {
            theme: Theme::dark(),
            lang: Lang::En,
            export_dir: None,
        },
        w,
        h,
    )
}

/// The embedded dataset, loaded and validated once per test binary.
pub fn dataset() -> Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| shenyang_partners::data::load_embedded().expect("embedded dataset loads"))
        .clone()
}

pub fn app_with(options: Options, w: u16, h: u16) -> App {
    let mut app = App::new(dataset(), options);
    app.resize(w, h);
    app
}

/// One key press with modifiers.
pub fn press(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    app.handle_key(KeyEvent::new(code, mods));
}

/// The key event a terminal sends for a typed character (Shift for capitals).
pub fn char_key(c: char) -> KeyEvent {
    let mods = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), mods)
}

/// A named key as written in [`keys`]: `<Enter>`, `<Esc>`, `<Tab>`,
/// `<BackTab>`, `<Up>`, `<Down>`, `<Left>`, `<Right>`, `<Home>`, `<End>`,
/// `<PgUp>`, `<PgDn>`, `<Bs>`, `<C-x>` (Ctrl), `<lt>` (a literal `<`).
pub fn named_key(name: &str) -> KeyEvent {
    let none = KeyModifiers::NONE;
    let (code, mods) = match name {
        "Enter" => (KeyCode::Enter, none),
        "Esc" => (KeyCode::Esc, none),
        "Tab" => (KeyCode::Tab, none),
        "BackTab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
        "Up" => (KeyCode::Up, none),
        "Down" => (KeyCode::Down, none),
        "Left" => (KeyCode::Left, none),
        "Right" => (KeyCode::Right, none),
        "Home" => (KeyCode::Home, none),
        "End" => (KeyCode::End, none),
        "PgUp" => (KeyCode::PageUp, none),
        "PgDn" => (KeyCode::PageDown, none),
        "Bs" => (KeyCode::Backspace, none),
        "lt" => (KeyCode::Char('<'), none),
        other => match other
            .strip_prefix("C-")
            .map(|s| s.chars().collect::<Vec<_>>())
        {
            Some(c) if c.len() == 1 => (KeyCode::Char(c[0]), KeyModifiers::CONTROL),
            _ => panic!("unknown key name <{other}>"),
        },
    };
    KeyEvent::new(code, mods)
}

/// Types `s` at the app: characters as typed, `<Name>` as a named key.
pub fn keys(app: &mut App, s: &str) {
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
            && end > 1
        {
            app.handle_key(named_key(&rest[1..end]));
            rest = &rest[end + 1..];
            continue;
        }
        app.handle_key(char_key(c));
        rest = &rest[c.len_utf8()..];
    }
}

/// Draws the app on a fresh test terminal of its current size.
pub fn draw(app: &App) -> Terminal<TestBackend> {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| shenyang_partners::tui::ui::draw(app, f))
        .expect("draw");
    terminal
}

/// The screen's text, one string per row (wide characters once).
pub fn lines(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buf = terminal.backend().buffer();
    let area = buf.area;
    (area.top()..area.bottom())
        .map(|y| {
            let mut row = String::new();
            let mut skip = 0;
            for x in area.left()..area.right() {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let sym = buf[(x, y)].symbol();
                row.push_str(sym);
                skip = UnicodeWidthStr::width(sym).saturating_sub(1);
            }
            row
        })
        .collect()
}

/// The whole screen as one string.
pub fn screen(app: &App) -> String {
    lines(&draw(app)).join("\n")
}

/// The last row of the screen: the status bar.
pub fn status_line(app: &App) -> String {
    lines(&draw(app)).pop().unwrap_or_default()
}

/// A partner's index by id.
pub fn partner(app: &App, id: &str) -> usize {
    app.data
        .partner_index(id)
        .unwrap_or_else(|| panic!("no partner {id}"))
}

/// Ids of the listed partners, in order.
pub fn listed_ids(app: &App) -> Vec<String> {
    app.partner_rows
        .iter()
        .map(|h| app.data.partners[h.ix].id.clone())
        .collect()
}
