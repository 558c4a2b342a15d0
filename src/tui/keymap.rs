//! The one table of key bindings. The event loop looks keys up here, the help
//! overlay lists it, and the status bar takes its hints from it, so the three
//! can never disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::View;

/// Everything a key (or the mouse) can ask the explorer to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    /// Esc: close, cancel or go back; never quits.
    Back,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    FocusNext,
    FocusPrev,
    /// Enter: open the selection, apply, or jump.
    Open,
    Search,
    CountryPicker,
    CycleKind,
    CycleSort,
    ShowView(View),
    ToggleLanguage,
    Export,
    ZoomIn,
    ZoomOut,
    PanLeft,
    PanRight,
    PanUp,
    PanDown,
    MapWorld,
    MapEastAsia,
    MapEurope,
    /// Keep a reopened (selected) query and edit it instead of replacing it.
    EditInput,
    /// Text entry (search line, country picker).
    Type(char),
    Backspace,
    ClearInput,
}

/// Where a binding applies. The explorer looks contexts up in priority order
/// (see `App::contexts`), so a narrower context can shadow a wider one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Always, even while typing.
    Always,
    /// Browsing (no text entry): quitting, help, views.
    Global,
    /// Moving through any list or scrolling any text.
    Navigate,
    /// The Partners view.
    Partners,
    /// The Partners view's list of partners, focused.
    PartnerList,
    /// A partner's detail pane, focused.
    PartnerDetail,
    /// The timeline, focused.
    Timeline,
    /// The Institutions view's list, focused.
    InstitutionList,
    /// Text that scrolls: a focused detail pane, the statistics, an event
    /// without related partners to move between.
    Text,
    /// The map view.
    Map,
    /// Typing a search query.
    SearchInput,
    /// The country picker.
    Picker,
    /// The event detail popup.
    EventPopup,
    /// The help overlay.
    Help,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Always => "Anywhere",
            Context::Global => "Everywhere but text entry",
            Context::Navigate => "Moving",
            Context::Partners => "Partners view",
            Context::PartnerList => "Partner list",
            Context::PartnerDetail => "Partner detail",
            Context::Timeline => "Timeline",
            Context::InstitutionList => "Institutions list",
            Context::Text => "Detail panes and statistics",
            Context::Map => "Map view",
            Context::SearchInput => "Typing a search",
            Context::Picker => "Country picker",
            Context::EventPopup => "Event detail",
            Context::Help => "Help",
        }
    }
}

/// One key with its modifiers (Shift is implied by upper-case characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

impl Key {
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl != self.ctrl {
            return false;
        }
        match (self.code, ev.code) {
            // Terminals report letters with Ctrl in either case.
            (KeyCode::Char(a), KeyCode::Char(b)) if self.ctrl => a.eq_ignore_ascii_case(&b),
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (KeyCode::BackTab, KeyCode::Tab) => ev.modifiers.contains(KeyModifiers::SHIFT),
            (KeyCode::Tab, KeyCode::Tab) => !ev.modifiers.contains(KeyModifiers::SHIFT),
            (a, b) => a == b,
        }
    }

    /// How the key is written in help and hints.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "Backspace".into(),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

/// A row of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    /// Description for the help overlay.
    pub help: &'static str,
    /// Short label for the status bar, if the binding deserves a hint there.
    pub hint: Option<&'static str>,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        help,
        hint,
    }
}

use Context as C;

/// Every binding of the explorer.
pub const KEYMAP: &[Binding] = &[
    bind(C::Always, &[ctrl('c')], Action::Quit, "quit at once", None),
    // Help overlay.
    bind(
        C::Help,
        &[k('?'), code(KeyCode::Esc)],
        Action::Back,
        "close help",
        Some("close"),
    ),
    bind(
        C::Help,
        &[k('j'), code(KeyCode::Down)],
        Action::Down,
        "scroll down",
        None,
    ),
    bind(
        C::Help,
        &[k('k'), code(KeyCode::Up)],
        Action::Up,
        "scroll up",
        None,
    ),
    bind(
        C::Help,
        &[ctrl('d'), code(KeyCode::PageDown)],
        Action::PageDown,
        "page down",
        None,
    ),
    bind(
        C::Help,
        &[ctrl('u'), code(KeyCode::PageUp)],
        Action::PageUp,
        "page up",
        None,
    ),
    bind(
        C::Help,
        &[k('g'), code(KeyCode::Home)],
        Action::Top,
        "top",
        None,
    ),
    bind(
        C::Help,
        &[k('G'), code(KeyCode::End)],
        Action::Bottom,
        "bottom",
        None,
    ),
    // Typing a search.
    bind(
        C::SearchInput,
        &[code(KeyCode::Enter)],
        Action::Open,
        "keep the filter and go back to moving",
        Some("keep"),
    ),
    bind(
        C::SearchInput,
        &[code(KeyCode::Esc)],
        Action::Back,
        "clear the search",
        Some("clear"),
    ),
    bind(
        C::SearchInput,
        &[code(KeyCode::Backspace)],
        Action::Backspace,
        "delete a character",
        None,
    ),
    bind(
        C::SearchInput,
        &[code(KeyCode::Right), code(KeyCode::Left)],
        Action::EditInput,
        "keep a reopened query and add to it (typing first replaces it)",
        Some("edit"),
    ),
    bind(
        C::SearchInput,
        &[ctrl('u')],
        Action::ClearInput,
        "delete the whole query",
        None,
    ),
    bind(
        C::SearchInput,
        &[code(KeyCode::Down), ctrl('n')],
        Action::Down,
        "move down the results",
        Some("move"),
    ),
    bind(
        C::SearchInput,
        &[code(KeyCode::Up), ctrl('p')],
        Action::Up,
        "move up the results",
        None,
    ),
    // Country picker.
    bind(
        C::Picker,
        &[code(KeyCode::Enter)],
        Action::Open,
        "apply the country",
        Some("apply"),
    ),
    bind(
        C::Picker,
        &[code(KeyCode::Esc)],
        Action::Back,
        "cancel",
        Some("cancel"),
    ),
    bind(
        C::Picker,
        &[code(KeyCode::Backspace)],
        Action::Backspace,
        "delete a character",
        None,
    ),
    bind(
        C::Picker,
        &[ctrl('u')],
        Action::ClearInput,
        "delete the typed text",
        None,
    ),
    bind(
        C::Picker,
        &[code(KeyCode::Down), ctrl('n'), ctrl('j')],
        Action::Down,
        "next country",
        Some("move"),
    ),
    bind(
        C::Picker,
        &[code(KeyCode::Up), ctrl('p'), ctrl('k')],
        Action::Up,
        "previous country",
        None,
    ),
    bind(
        C::Picker,
        &[code(KeyCode::PageDown), ctrl('d')],
        Action::PageDown,
        "page down",
        None,
    ),
    bind(
        C::Picker,
        &[code(KeyCode::PageUp)],
        Action::PageUp,
        "page up",
        None,
    ),
    // Event popup.
    bind(
        C::EventPopup,
        &[code(KeyCode::Enter)],
        Action::Open,
        "jump to the highlighted partner",
        Some("jump"),
    ),
    bind(
        C::EventPopup,
        &[code(KeyCode::Esc)],
        Action::Back,
        "close",
        Some("close"),
    ),
    bind(
        C::EventPopup,
        &[k('j'), code(KeyCode::Down), code(KeyCode::Tab)],
        Action::Down,
        "next related partner (scroll when there is none to move to)",
        Some("partner"),
    ),
    bind(
        C::EventPopup,
        &[k('k'), code(KeyCode::Up), code(KeyCode::BackTab)],
        Action::Up,
        "previous related partner",
        None,
    ),
    bind(
        C::EventPopup,
        &[ctrl('d'), code(KeyCode::PageDown)],
        Action::PageDown,
        "scroll the text down",
        None,
    ),
    bind(
        C::EventPopup,
        &[ctrl('u'), code(KeyCode::PageUp)],
        Action::PageUp,
        "scroll the text up",
        None,
    ),
    // Browsing.
    bind(C::Global, &[k('q')], Action::Quit, "quit", Some("quit")),
    bind(
        C::Global,
        &[k('?')],
        Action::Help,
        "show this help",
        Some("help"),
    ),
    bind(
        C::Global,
        &[k('1')],
        Action::ShowView(View::Partners),
        "Partners view",
        None,
    ),
    bind(
        C::Global,
        &[k('2')],
        Action::ShowView(View::Institutions),
        "Institutions view",
        None,
    ),
    bind(
        C::Global,
        &[k('3')],
        Action::ShowView(View::Map),
        "Map view",
        None,
    ),
    bind(
        C::Global,
        &[k('4')],
        Action::ShowView(View::Stats),
        "Statistics view",
        None,
    ),
    bind(
        C::Global,
        &[k('L')],
        Action::ToggleLanguage,
        "names and labels in English / 中文",
        None,
    ),
    // j/k also move in the map (the arrows pan there); listed here so the
    // map's hints start with them.
    bind(
        C::Map,
        &[k('j')],
        Action::Down,
        "next listed partner",
        Some("move"),
    ),
    bind(
        C::Map,
        &[k('k')],
        Action::Up,
        "previous listed partner",
        None,
    ),
    bind(
        C::Map,
        &[k('+'), k('=')],
        Action::ZoomIn,
        "zoom in",
        Some("zoom"),
    ),
    bind(C::Map, &[k('-'), k('_')], Action::ZoomOut, "zoom out", None),
    bind(
        C::Map,
        &[code(KeyCode::Left), k('h')],
        Action::PanLeft,
        "pan west",
        Some("pan"),
    ),
    bind(
        C::Map,
        &[code(KeyCode::Right), k('l')],
        Action::PanRight,
        "pan east",
        None,
    ),
    bind(
        C::Map,
        &[code(KeyCode::Up)],
        Action::PanUp,
        "pan north",
        None,
    ),
    bind(
        C::Map,
        &[code(KeyCode::Down)],
        Action::PanDown,
        "pan south",
        None,
    ),
    bind(
        C::Map,
        &[k('0')],
        Action::MapWorld,
        "whole world",
        Some("world"),
    ),
    bind(
        C::Map,
        &[k('a')],
        Action::MapEastAsia,
        "East Asia",
        Some("Asia/Europe"),
    ),
    bind(C::Map, &[k('e')], Action::MapEurope, "Europe", None),
    // The map plots the Partners list, so its search and filters work here too.
    bind(
        C::Map,
        &[k('/')],
        Action::Search,
        "search the listed partners",
        Some("search"),
    ),
    bind(
        C::Map,
        &[k('c')],
        Action::CountryPicker,
        "pick a country",
        None,
    ),
    bind(
        C::Map,
        &[k('f')],
        Action::CycleKind,
        "filter: all, sister, cooperative",
        None,
    ),
    bind(
        C::Map,
        &[k('s')],
        Action::CycleSort,
        "sort: name, country, established",
        None,
    ),
    bind(
        C::Partners,
        &[k('/')],
        Action::Search,
        "search the focused list (partners or events)",
        Some("search"),
    ),
    bind(
        C::Partners,
        &[k('c')],
        Action::CountryPicker,
        "pick a country",
        Some("country"),
    ),
    bind(
        C::Partners,
        &[k('f')],
        Action::CycleKind,
        "filter: all, sister, cooperative",
        Some("kind"),
    ),
    bind(
        C::Partners,
        &[k('s')],
        Action::CycleSort,
        "sort: name, country, established",
        Some("sort"),
    ),
    bind(
        C::Partners,
        &[k('e')],
        Action::Export,
        "export the listed partners to CSV",
        None,
    ),
    bind(
        C::PartnerList,
        &[code(KeyCode::Enter)],
        Action::Open,
        "focus the partner's detail",
        Some("detail"),
    ),
    bind(
        C::PartnerDetail,
        &[code(KeyCode::Enter)],
        Action::Open,
        "go to the partner's first event in the timeline",
        Some("events"),
    ),
    bind(
        C::Timeline,
        &[code(KeyCode::Enter)],
        Action::Open,
        "open the event",
        Some("open"),
    ),
    bind(
        C::InstitutionList,
        &[code(KeyCode::Enter)],
        Action::Open,
        "focus the institution's detail",
        Some("detail"),
    ),
    bind(
        C::Text,
        &[k('j'), code(KeyCode::Down)],
        Action::Down,
        "scroll the text down",
        Some("scroll"),
    ),
    bind(
        C::Text,
        &[k('k'), code(KeyCode::Up)],
        Action::Up,
        "scroll the text up",
        None,
    ),
    bind(
        C::Navigate,
        &[k('j'), code(KeyCode::Down)],
        Action::Down,
        "move down",
        Some("move"),
    ),
    bind(
        C::Navigate,
        &[k('k'), code(KeyCode::Up)],
        Action::Up,
        "move up",
        None,
    ),
    bind(
        C::Navigate,
        &[k('g'), code(KeyCode::Home)],
        Action::Top,
        "first",
        None,
    ),
    bind(
        C::Navigate,
        &[k('G'), code(KeyCode::End)],
        Action::Bottom,
        "last",
        None,
    ),
    bind(
        C::Navigate,
        &[ctrl('d'), code(KeyCode::PageDown)],
        Action::PageDown,
        "page down",
        None,
    ),
    bind(
        C::Navigate,
        &[ctrl('u'), code(KeyCode::PageUp)],
        Action::PageUp,
        "page up",
        None,
    ),
    bind(
        C::Navigate,
        &[code(KeyCode::Tab)],
        Action::FocusNext,
        "focus: list → detail → timeline",
        Some("focus"),
    ),
    bind(
        C::Navigate,
        &[code(KeyCode::BackTab)],
        Action::FocusPrev,
        "focus back",
        None,
    ),
    bind(
        C::Navigate,
        &[code(KeyCode::Enter)],
        Action::Open,
        "open the selection",
        Some("open"),
    ),
    bind(
        C::Navigate,
        &[code(KeyCode::Esc)],
        Action::Back,
        "cancel, clear or go back (never quits)",
        None,
    ),
];

/// The action bound to a key in the first context (in order) that binds it.
pub fn lookup(contexts: &[Context], ev: &KeyEvent) -> Option<Action> {
    contexts.iter().find_map(|&ctx| {
        KEYMAP
            .iter()
            .filter(|b| b.context == ctx)
            .find(|b| b.keys.iter().any(|key| key.matches(ev)))
            .map(|b| b.action)
    })
}

/// A status-bar hint: the keys, the short label, and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub label: &'static str,
    pub action: Action,
}

/// Where a hint goes in the status bar: what the pane offers first, then
/// moving, opening and focus, then quit, and `? help` last.
fn hint_rank(action: Action) -> u8 {
    match action {
        Action::Down => 1,
        Action::Open => 2,
        Action::FocusNext => 3,
        Action::Quit => 4,
        Action::Help => 5,
        _ => 0,
    }
}

/// Bindings with a status-bar hint among the given contexts, without
/// repeating an action (the first context that binds it wins, as for keys).
pub fn hints(contexts: &[Context]) -> Vec<Hint> {
    let mut seen: Vec<Action> = Vec::new();
    let mut out: Vec<Hint> = Vec::new();
    for &ctx in contexts {
        for b in KEYMAP.iter().filter(|b| b.context == ctx) {
            if let Some(hint) = b.hint
                && !seen.contains(&b.action)
            {
                seen.push(b.action);
                let keys = match b.action {
                    // Show the pair, as users expect "j/k".
                    Action::Down => {
                        let up = KEYMAP
                            .iter()
                            .find(|u| u.context == ctx && u.action == Action::Up);
                        match (b.keys.first(), up.and_then(|u| u.keys.first())) {
                            (Some(d), Some(u)) => format!("{}/{}", d.label(), u.label()),
                            (Some(d), None) => d.label(),
                            _ => continue,
                        }
                    }
                    Action::ZoomIn => "+/-".to_string(),
                    // The two region presets share one hint: "a/e".
                    Action::MapEastAsia => {
                        let europe = KEYMAP
                            .iter()
                            .find(|e| e.context == ctx && e.action == Action::MapEurope);
                        match (b.keys.first(), europe.and_then(|e| e.keys.first())) {
                            (Some(a), Some(e)) => format!("{}/{}", a.label(), e.label()),
                            (Some(a), None) => a.label(),
                            _ => continue,
                        }
                    }
                    Action::PanLeft => "←→↑↓".to_string(),
                    _ => match b.keys.first() {
                        Some(key) => key.label(),
                        None => continue,
                    },
                };
                // A key already hinted (`?` closes help before it opens it) is not repeated.
                if !out.iter().any(|h| h.keys == keys) {
                    out.push(Hint {
                        keys,
                        label: hint,
                        action: b.action,
                    });
                }
            }
        }
    }
    // While typing, the table's order (Enter, Esc, arrows) reads best.
    if !contexts
        .iter()
        .any(|c| matches!(c, C::SearchInput | C::Picker))
    {
        out.sort_by_key(|h| hint_rank(h.action));
    }
    out
}

/// Help overlay rows: (context title, keys, description), grouped by context
/// in the order users meet them.
pub fn help_rows() -> Vec<(Context, String, &'static str)> {
    const ORDER: [Context; 14] = [
        C::Global,
        C::Navigate,
        C::Partners,
        C::PartnerList,
        C::PartnerDetail,
        C::Timeline,
        C::InstitutionList,
        C::Text,
        C::Map,
        C::SearchInput,
        C::Picker,
        C::EventPopup,
        C::Help,
        C::Always,
    ];
    let mut out = Vec::new();
    for ctx in ORDER {
        for b in KEYMAP.iter().filter(|b| b.context == ctx) {
            let keys: Vec<String> = b.keys.iter().map(Key::label).collect();
            out.push((ctx, keys.join(" "), b.help));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventKind;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new_with_kind(code, modifiers, KeyEventKind::Press)
    }

    #[test]
    fn narrower_contexts_shadow_wider_ones() {
        let esc = key(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(
            lookup(&[C::SearchInput, C::Always], &esc),
            Some(Action::Back)
        );
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(
            lookup(&[C::SearchInput, C::Always], &q),
            None,
            "q is text while typing"
        );
        assert_eq!(
            lookup(&[C::Partners, C::Global, C::Navigate, C::Always], &q),
            Some(Action::Quit)
        );
        let up = key(KeyCode::Up, KeyModifiers::NONE);
        assert_eq!(
            lookup(&[C::Map, C::Global, C::Navigate], &up),
            Some(Action::PanUp)
        );
        assert_eq!(
            lookup(&[C::Partners, C::Global, C::Navigate], &up),
            Some(Action::Up)
        );
    }

    #[test]
    fn ctrl_c_always_quits() {
        let cc = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for ctx in [
            C::SearchInput,
            C::Picker,
            C::Help,
            C::EventPopup,
            C::Partners,
        ] {
            assert_eq!(
                lookup(&[ctx, C::Always], &cc),
                Some(Action::Quit),
                "{ctx:?}"
            );
        }
    }

    #[test]
    fn shift_tab_is_focus_back() {
        let bt = key(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(lookup(&[C::Navigate], &bt), Some(Action::FocusPrev));
        let tab = key(KeyCode::Tab, KeyModifiers::NONE);
        assert_eq!(lookup(&[C::Navigate], &tab), Some(Action::FocusNext));
    }

    #[test]
    fn esc_never_quits() {
        let esc = key(KeyCode::Esc, KeyModifiers::NONE);
        for b in KEYMAP {
            if b.keys.iter().any(|k| k.matches(&esc)) {
                assert_ne!(b.action, Action::Quit);
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in KEYMAP.iter().enumerate() {
            for b in &KEYMAP[i + 1..] {
                if a.context == b.context {
                    for ka in a.keys {
                        assert!(
                            !b.keys.contains(ka),
                            "{:?} bound twice in {:?}",
                            ka,
                            a.context
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn help_lists_every_binding() {
        assert_eq!(help_rows().len(), KEYMAP.len());
    }
}
