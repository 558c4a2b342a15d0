//! The one table of key bindings. The event loop looks keys up here, the help
//! overlay lists it, and the status bar takes its hints from it, so the three
//! can never disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::state::{Action, Context, State, View};
use crate::present::Label;

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
#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    /// Description for the help overlay.
    pub help: Label,
    /// Short label for the status bar, if the binding deserves a hint there.
    pub hint: Option<Label>,
}

/// One row of [`KEYMAP`] (short, so that every binding fits one line).
const fn b(
    context: Context,
    keys: &'static [Key],
    action: Action,
    help: Label,
    hint: Option<Label>,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        help,
        hint,
    }
}

use Action as A;
use Context as C;
use KeyCode as K;
use Label as L;

/// Every binding of the explorer, one a line: where it applies, its keys,
/// what it does, its description in the help and its status-bar hint.
#[rustfmt::skip]
pub static KEYMAP: &[Binding] = &[
    b(C::Always,           &[ctrl('c')],                              A::Quit,                          L::QuitAtOnce,        None),
    b(C::Always,           &[ctrl('z')],                              A::Suspend,                       L::Suspend,           None),
    // Help overlay.
    b(C::Help,             &[k('?'), code(K::Esc), k('q')],           A::Back,                          L::CloseHelp,         Some(L::HintClose)),
    b(C::Help,             &[k('j'), code(K::Down)],                  A::Down,                          L::ScrollDown,        None),
    b(C::Help,             &[k('k'), code(K::Up)],                    A::Up,                            L::ScrollUp,          None),
    b(C::Help,             &[ctrl('d'), code(K::PageDown)],           A::PageDown,                      L::PageDown,          None),
    b(C::Help,             &[ctrl('u'), code(K::PageUp)],             A::PageUp,                        L::PageUp,            None),
    b(C::Help,             &[k('g'), code(K::Home)],                  A::Top,                           L::Top,               None),
    b(C::Help,             &[k('G'), code(K::End)],                   A::Bottom,                        L::Bottom,            None),
    // Typing a search.
    b(C::SearchInput,      &[code(K::Enter)],                         A::Open,                          L::KeepFilter,        Some(L::HintKeep)),
    b(C::SearchInput,      &[code(K::Esc)],                           A::Back,                          L::ClearSearch,       Some(L::HintClear)),
    b(C::SearchInput,      &[code(K::Backspace)],                     A::Backspace,                     L::DeleteChar,        None),
    b(C::SearchInput,      &[code(K::Right), code(K::Left)],          A::EditInput,                     L::EditQuery,         Some(L::HintEdit)),
    b(C::SearchInput,      &[ctrl('u')],                              A::ClearInput,                    L::DeleteQuery,       None),
    b(C::SearchInput,      &[code(K::Down), ctrl('n')],               A::Down,                          L::MoveDownResults,   Some(L::HintMove)),
    b(C::SearchInput,      &[code(K::Up), ctrl('p')],                 A::Up,                            L::MoveUpResults,     None),
    // Country picker.
    b(C::Picker,           &[code(K::Enter)],                         A::Open,                          L::ApplyCountry,      Some(L::HintApply)),
    b(C::Picker,           &[code(K::Esc)],                           A::Back,                          L::Cancel,            Some(L::HintCancel)),
    b(C::Picker,           &[code(K::Backspace)],                     A::Backspace,                     L::DeleteChar,        None),
    b(C::Picker,           &[ctrl('u')],                              A::ClearInput,                    L::DeleteTyped,       None),
    b(C::Picker,           &[code(K::Down), ctrl('n'), ctrl('j')],    A::Down,                          L::NextCountry,       Some(L::HintMove)),
    b(C::Picker,           &[code(K::Up), ctrl('p'), ctrl('k')],      A::Up,                            L::PrevCountry,       None),
    b(C::Picker,           &[code(K::PageDown), ctrl('d')],           A::PageDown,                      L::PageDown,          None),
    b(C::Picker,           &[code(K::PageUp)],                        A::PageUp,                        L::PageUp,            None),
    // Event popup.
    b(C::EventPopup,       &[code(K::Enter)],                         A::Open,                          L::JumpToPartner,     Some(L::HintJump)),
    b(C::EventPopup,       &[code(K::Esc), k('q')],                   A::Back,                          L::Close,             Some(L::HintClose)),
    b(C::EventPopup,       &[k('j'), code(K::Down), code(K::Tab)],    A::Down,                          L::NextRelated,       Some(L::HintPartner)),
    b(C::EventPopup,       &[k('k'), code(K::Up), code(K::BackTab)],  A::Up,                            L::PrevRelated,       None),
    b(C::EventPopup,       &[ctrl('d'), code(K::PageDown)],           A::PageDown,                      L::ScrollTextDown,    None),
    b(C::EventPopup,       &[ctrl('u'), code(K::PageUp)],             A::PageUp,                        L::ScrollTextUp,      None),
    // Browsing.
    b(C::Global,           &[k('q')],                                 A::Quit,                          L::Quit,              Some(L::HintQuit)),
    b(C::Global,           &[k('?')],                                 A::Help,                          L::ShowHelp,          Some(L::HintHelp)),
    b(C::Global,           &[k('1')],                                 A::ShowView(View::Partners),      L::PartnersView,      None),
    b(C::Global,           &[k('2')],                                 A::ShowView(View::Institutions),  L::InstitutionsView,  None),
    b(C::Global,           &[k('3')],                                 A::ShowView(View::Map),           L::MapView,           None),
    b(C::Global,           &[k('4')],                                 A::ShowView(View::Stats),         L::StatisticsView,    None),
    b(C::Global,           &[k('L')],                                 A::ToggleLanguage,                L::ToggleLanguage,    None),
    b(C::Global,           &[ctrl('o'), code(K::Backspace)],          A::JumpBack,                      L::JumpBack,          None),
    b(C::Global,           &[ctrl('f')],                              A::JumpForward,                   L::JumpForward,       None),
    // j/k also move in the map (the arrows pan there); listed first so the
    // map's hints start with them.
    b(C::Map,              &[k('j')],                                 A::Down,                          L::NextListed,        Some(L::HintMove)),
    b(C::Map,              &[k('k')],                                 A::Up,                            L::PrevListed,        None),
    b(C::Map,              &[k('+'), k('=')],                         A::ZoomIn,                        L::ZoomIn,            Some(L::HintZoom)),
    b(C::Map,              &[k('-'), k('_')],                         A::ZoomOut,                       L::ZoomOut,           None),
    b(C::Map,              &[code(K::Left), k('h')],                  A::PanLeft,                       L::PanWest,           Some(L::HintPan)),
    b(C::Map,              &[code(K::Right), k('l')],                 A::PanRight,                      L::PanEast,           None),
    b(C::Map,              &[code(K::Up)],                            A::PanUp,                         L::PanNorth,          None),
    b(C::Map,              &[code(K::Down)],                          A::PanDown,                       L::PanSouth,          None),
    b(C::Map,              &[k('0')],                                 A::MapWorld,                      L::WholeWorld,        Some(L::HintWorld)),
    b(C::Map,              &[k('a')],                                 A::MapEastAsia,                   L::EastAsia,          Some(L::HintRegions)),
    b(C::Map,              &[k('e')],                                 A::MapEurope,                     L::Europe,            None),
    b(C::Map,              &[k('.')],                                 A::MapCentre,                     L::CentreSelection,   None),
    b(C::Map,              &[k('t')],                                 A::ToggleMapLabels,               L::LabelEveryMarker,  Some(L::HintLabels)),
    b(C::Map,              &[k('r')],                                 A::ToggleMapRoutes,               L::RoutesToAll,       None),
    b(C::Map,              &[k('d')],                                 A::ToggleMapRings,                L::DistanceRings,     None),
    // The map plots the Partners list, so its search and filters work here too.
    b(C::Map,              &[k('/')],                                 A::Search,                        L::SearchListed,      Some(L::HintSearch)),
    b(C::Map,              &[k('c')],                                 A::CountryPicker,                 L::PickCountry,       None),
    b(C::Map,              &[k('f')],                                 A::CycleKind,                     L::CycleKind,         None),
    b(C::Map,              &[k('s')],                                 A::CycleSort,                     L::CycleSort,         None),
    b(C::Partners,         &[k('/')],                                 A::Search,                        L::SearchFocused,     Some(L::HintSearch)),
    b(C::Partners,         &[k('n')],                                 A::NextEvent,                     L::NextEvent,         None),
    b(C::Partners,         &[k('N')],                                 A::PrevEvent,                     L::PrevEvent,         None),
    // c f s act on the list of the focused pane: partners, or events.
    b(C::PartnerList,      &[k('c')],                                 A::CountryPicker,                 L::PickCountry,       Some(L::HintCountry)),
    b(C::PartnerList,      &[k('f')],                                 A::CycleKind,                     L::CycleKind,         Some(L::HintKind)),
    b(C::PartnerList,      &[k('s')],                                 A::CycleSort,                     L::CycleSort,         Some(L::HintSort)),
    b(C::PartnerDetail,    &[k('c')],                                 A::CountryPicker,                 L::PickCountry,       None),
    b(C::PartnerDetail,    &[k('f')],                                 A::CycleKind,                     L::CycleKind,         None),
    b(C::PartnerDetail,    &[k('s')],                                 A::CycleSort,                     L::CycleSort,         None),
    b(C::PartnerDetail,    &[k('o')],                                 A::OpenLink,                      L::OpenLink,          Some(L::HintLink)),
    b(C::PartnerDetail,    &[k('y')],                                 A::CopyLink,                      L::CopyLink,          Some(L::HintCopy)),
    b(C::PartnerDetail,    &[k('1'), k('2'), k('3'), k('4'), k('5'), k('6'), k('7'), k('8'), k('9')], A::SelectSource(0), L::SelectSource, None),
    b(C::Timeline,         &[k('c')],                                 A::CountryPicker,                 L::PickEventCountry,  Some(L::HintCountry)),
    b(C::Timeline,         &[k('f')],                                 A::CycleKind,                     L::CycleEventKind,    Some(L::HintKind)),
    b(C::Timeline,         &[k('s')],                                 A::CycleSort,                     L::ToggleBestFirst,   Some(L::HintOrder)),
    b(C::EventPopup,       &[k('o')],                                 A::OpenLink,                      L::OpenLink,          Some(L::HintLink)),
    b(C::EventPopup,       &[k('y')],                                 A::CopyLink,                      L::CopyLink,          None),
    b(C::EventPopup,       &[k('i')],                                 A::OpenInstitution,               L::GoToInstitution,   Some(L::HintInstitution)),
    b(C::InstitutionList,  &[k('o')],                                 A::OpenLink,                      L::OpenLink,          None),
    b(C::InstitutionList,  &[k('y')],                                 A::CopyLink,                      L::CopyLink,          None),
    b(C::Partners,         &[k('e')],                                 A::Export,                        L::ExportCsv,         None),
    b(C::PartnerList,      &[code(K::Enter)],                         A::Open,                          L::FocusDetail,       Some(L::HintDetail)),
    b(C::PartnerDetail,    &[code(K::Enter)],                         A::Open,                          L::FirstEvent,        Some(L::HintEvents)),
    b(C::Timeline,         &[code(K::Enter)],                         A::Open,                          L::OpenEvent,         Some(L::HintOpen)),
    b(C::InstitutionList,  &[code(K::Enter)],                         A::Open,                          L::FocusInstitution,  Some(L::HintDetail)),
    b(C::Text,             &[k('j'), code(K::Down)],                  A::Down,                          L::ScrollTextDown,    Some(L::HintScroll)),
    b(C::Text,             &[k('k'), code(K::Up)],                    A::Up,                            L::ScrollTextUp,      None),
    b(C::Navigate,         &[k('j'), code(K::Down)],                  A::Down,                          L::MoveDown,          Some(L::HintMove)),
    b(C::Navigate,         &[k('k'), code(K::Up)],                    A::Up,                            L::MoveUp,            None),
    b(C::Navigate,         &[k('g'), code(K::Home)],                  A::Top,                           L::First,             None),
    b(C::Navigate,         &[k('G'), code(K::End)],                   A::Bottom,                        L::Last,              None),
    b(C::Navigate,         &[ctrl('d'), code(K::PageDown)],           A::PageDown,                      L::PageDown,          None),
    b(C::Navigate,         &[ctrl('u'), code(K::PageUp)],             A::PageUp,                        L::PageUp,            None),
    b(C::Navigate,         &[code(K::Tab)],                           A::FocusNext,                     L::FocusNext,         Some(L::HintFocus)),
    b(C::Navigate,         &[code(K::BackTab)],                       A::FocusPrev,                     L::FocusBack,         None),
    b(C::Navigate,         &[code(K::Enter)],                         A::Open,                          L::OpenSelection,     Some(L::HintOpen)),
    b(C::Navigate,         &[code(K::Esc)],                           A::Back,                          L::Back,              None),
];

/// The action bound to a key in the first context (in order) that binds it.
pub fn lookup(contexts: &[Context], ev: &KeyEvent) -> Option<Action> {
    contexts.iter().find_map(|&ctx| {
        KEYMAP
            .iter()
            .filter(|b| b.context == ctx)
            .find(|b| b.keys.iter().any(|key| key.matches(ev)))
            .map(|b| match (&b.action, ev.code) {
                // One row binds 1–9: the digit says which source.
                (Action::SelectSource(_), KeyCode::Char(c)) => {
                    Action::SelectSource(c.to_digit(10).unwrap_or(1) as u8)
                }
                (action, _) => action.clone(),
            })
    })
}

/// What a key press asks of the explorer in its current state: the bound
/// action, or a typed character while text is entered; nothing for a key
/// release or an unbound key.
pub fn action_for(state: &State, key: &KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    // The "too small" screen promises that q quits, whatever is open.
    if state.measured.too_small
        && key.code == KeyCode::Char('q')
        && key.modifiers.difference(KeyModifiers::SHIFT).is_empty()
    {
        return Some(Action::Quit);
    }
    let contexts = state.contexts();
    if let Some(action) = lookup(&contexts, key) {
        return Some(action);
    }
    match key.code {
        KeyCode::Char(c)
            if (contexts.contains(&Context::SearchInput)
                || contexts.contains(&Context::Picker))
                && !key.modifiers.contains(KeyModifiers::CONTROL)
                && !key.modifiers.contains(KeyModifiers::ALT) =>
        {
            Some(Action::Type(c))
        }
        // Say so rather than do nothing silently.
        KeyCode::Char(_) | KeyCode::F(_) if !contexts.contains(&Context::Picker) => {
            Some(Action::Unknown)
        }
        _ => None,
    }
}

/// A status-bar hint: the keys, the short label, and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub label: Label,
    pub action: Action,
}

/// Where a hint goes in the status bar: what the pane offers first, then
/// moving, opening and focus, then quit, and `? help` last.
fn hint_rank(action: &Action) -> u8 {
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
    for (i, &ctx) in contexts.iter().enumerate() {
        for b in KEYMAP.iter().filter(|b| b.context == ctx) {
            // A key an earlier context takes (q closes the help before it
            // quits) is not offered for what it no longer does.
            let shadowed = b.keys.first().is_some_and(|k| {
                let ev = KeyEvent::new(
                    k.code,
                    if k.ctrl {
                        KeyModifiers::CONTROL
                    } else {
                        KeyModifiers::NONE
                    },
                );
                lookup(&contexts[..i], &ev).is_some()
            });
            if let Some(hint) = b.hint
                && !shadowed
                && !seen.contains(&b.action)
            {
                seen.push(b.action.clone());
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
                        action: b.action.clone(),
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
        out.sort_by_key(|h| hint_rank(&h.action));
    }
    out
}

/// Help overlay rows: (context title, keys, description), grouped by context
/// in the order users meet them.
pub fn help_rows() -> Vec<(Context, String, Label)> {
    help_rows_from(&[])
}

/// [`help_rows`] with the sections of `first` (the focused pane's) first.
pub fn help_rows_from(first: &[Context]) -> Vec<(Context, String, Label)> {
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
    let wanted = |c: &Context| !matches!(c, C::Global | C::Navigate | C::Always);
    let order = first.iter().copied().filter(wanted).chain(
        ORDER
            .into_iter()
            .filter(|c| !first.iter().any(|f| f == c && wanted(f))),
    );
    for ctx in order {
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
