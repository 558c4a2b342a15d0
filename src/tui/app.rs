//! The explorer's whole state and its one way of changing: [`App::update`].
//! Nothing here draws or touches the terminal; `ui::draw` renders an `&App`.

use crossterm::event::{Event, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::i18n::Lang;
use super::keymap::{self, Action, Context};
use super::layout::{self, PartnersLayout};
use super::map::MapView;
use super::theme::Theme;
use crate::data::{CountryCode, Dataset, EventIx, InstitutionKind, PartnerIx, PartnerKind};
use crate::query::{self, EventFilter, Field, Hit, PartnerFilter, SearchIndex, SortKey};

/// The explorer's screens, switched with 1–4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Partners,
    Institutions,
    Map,
    Stats,
}

/// The pane of the Partners view that receives keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
    Timeline,
}

impl Focus {
    fn next(self) -> Self {
        match self {
            Focus::List => Focus::Detail,
            Focus::Detail => Focus::Timeline,
            Focus::Timeline => Focus::List,
        }
    }

    fn prev(self) -> Self {
        match self {
            Focus::List => Focus::Timeline,
            Focus::Detail => Focus::List,
            Focus::Timeline => Focus::Detail,
        }
    }
}

/// A selection in a list and the first visible row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Keeps the selection inside `len` rows and visible in `height` rows.
    pub fn clamp(&mut self, len: usize, height: usize) {
        if len == 0 {
            *self = Cursor::default();
            return;
        }
        self.selected = self.selected.min(len - 1);
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }
}

/// A row of the timeline: a year heading or an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineRow {
    Year(u16),
    Event(Hit),
}

/// A row of the institutions list: a kind heading or an institution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstitutionRow {
    Kind(InstitutionKind),
    Item(usize),
}

/// A row of the country picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerRow {
    All(usize),
    Country(CountryCode, usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub query: String,
    pub rows: Vec<PickerRow>,
    pub cursor: Cursor,
    /// Partners per country under the kind filter and search in force
    /// (what picking the country would list), most first; countries with
    /// none come last and are listed only when typed.
    pub counts: Vec<(CountryCode, usize)>,
    /// Partners in all countries under the same filter and search.
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventPopup {
    pub event: EventIx,
    /// Index into the event's partners of the highlighted one.
    pub partner: usize,
    pub scroll: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help { scroll: usize },
    Picker(Picker),
    Event(EventPopup),
}

/// Which list a search query applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchTarget {
    Partners,
    Events,
}

/// Start-up choices.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub theme: Theme,
    pub lang: Lang,
    /// Where `e` writes CSV exports (default: the working directory).
    pub export_dir: Option<std::path::PathBuf>,
}

pub struct App {
    pub data: Dataset,
    pub partner_index: SearchIndex,
    pub event_index: SearchIndex,
    pub theme: Theme,
    pub lang: Lang,
    pub view: View,
    pub focus: Focus,
    pub overlay: Overlay,
    /// Set while the user types a query.
    pub typing: Option<SearchTarget>,
    /// Set when `/` reopens a kept query: it is shown selected, and the
    /// first character typed replaces it (Backspace, Ctrl-u, ← → edit it).
    pub query_selected: bool,
    /// What was selected when the current search began, so clearing the
    /// search can return to it when the results selected nothing.
    search_origin: (Option<PartnerIx>, Option<EventIx>),

    pub filter: PartnerFilter,
    pub sort: SortKey,
    pub partner_query: String,
    /// The visible partners, in display order.
    pub partner_rows: Vec<Hit>,
    /// Folded query, filter and order that `partner_rows` answer.
    last_partner_search: Option<(String, PartnerFilter, SortKey)>,
    pub list: Cursor,
    pub detail_scroll: usize,

    pub event_query: String,
    pub timeline_rows: Vec<TimelineRow>,
    /// The events matching `event_query`, best first, and the folded query.
    pub event_hits: Vec<Hit>,
    last_event_query: Option<String>,
    pub timeline: Cursor,

    pub institution_rows: Vec<InstitutionRow>,
    pub institutions: Cursor,
    pub institution_scroll: usize,
    /// In the Institutions view, whether keys scroll the detail pane.
    pub institution_detail_focused: bool,

    pub map: MapView,
    pub stats_scroll: usize,

    /// A one-off message for the status bar (cleared by the next key).
    pub status: Option<String>,
    pub export_dir: Option<std::path::PathBuf>,
    /// Terminal size in cells.
    pub size: (u16, u16),
    /// Partner orders computed so far, by sort key (computed on first use).
    orders: [Option<Vec<PartnerIx>>; 3],
    stats: std::cell::OnceCell<crate::stats::Stats>,
    quit: bool,
}

impl App {
    pub fn new(data: Dataset, options: Options) -> Self {
        let partner_index = SearchIndex::partners(&data);
        let event_index = SearchIndex::events(&data, |ix| {
            crate::present::words::event_title(&data, ix, crate::present::Lang::En)
        });
        let mut app = Self {
            partner_index,
            event_index,
            theme: options.theme,
            lang: options.lang,
            view: View::Partners,
            focus: Focus::List,
            overlay: Overlay::None,
            typing: None,
            query_selected: false,
            search_origin: (None, None),
            filter: PartnerFilter::default(),
            sort: SortKey::Name,
            partner_query: String::new(),
            partner_rows: Vec::new(),
            last_partner_search: None,
            list: Cursor::default(),
            detail_scroll: 0,
            event_query: String::new(),
            timeline_rows: Vec::new(),
            event_hits: Vec::new(),
            last_event_query: None,
            timeline: Cursor::default(),
            institution_rows: Vec::new(),
            institutions: Cursor::default(),
            institution_scroll: 0,
            institution_detail_focused: false,
            map: MapView::world(),
            stats_scroll: 0,
            status: None,
            export_dir: options.export_dir,
            size: (80, 24),
            orders: [None, None, None],
            stats: std::cell::OnceCell::new(),
            quit: false,
            data,
        };
        app.refresh_partners(None);
        app.refresh_timeline(None);
        app.institution_rows = institution_rows(&app.data);
        app.institutions.selected = first_item(&app.institution_rows, 0, true).unwrap_or(0);
        app.sync();
        app
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// A partner's name in the current language (English when no Chinese name is known).
    pub fn partner_name(&self, ix: PartnerIx) -> &str {
        match self.data.partners.get(ix) {
            Some(p) => match (self.lang, &p.name_zh) {
                (Lang::Zh, Some(zh)) => zh,
                _ => &p.name,
            },
            None => "",
        }
    }

    /// A country's name in the current language.
    pub fn country_name(&self, code: CountryCode) -> &str {
        match self.lang {
            Lang::En => self.data.country_name(code),
            Lang::Zh => self.data.country_name_zh(code),
        }
    }

    /// The home city's name in the current language.
    pub fn home_name(&self) -> &str {
        match (self.lang, &self.data.home.name_zh) {
            (Lang::Zh, Some(zh)) => zh,
            _ => &self.data.home.name,
        }
    }

    /// Network statistics, computed on first use.
    pub fn stats(&self) -> &crate::stats::Stats {
        self.stats
            .get_or_init(|| crate::stats::Stats::compute(&self.data))
    }

    /// The partner under the list cursor.
    pub fn selected_partner(&self) -> Option<PartnerIx> {
        self.partner_rows.get(self.list.selected).map(|h| h.ix)
    }

    /// The event under the timeline cursor.
    pub fn selected_event(&self) -> Option<EventIx> {
        match self.timeline_rows.get(self.timeline.selected) {
            Some(TimelineRow::Event(h)) => Some(h.ix),
            _ => None,
        }
    }

    pub fn selected_institution(&self) -> Option<usize> {
        match self.institution_rows.get(self.institutions.selected) {
            Some(InstitutionRow::Item(i)) => Some(*i),
            _ => None,
        }
    }

    /// Key contexts in priority order for the current state.
    pub fn contexts(&self) -> Vec<Context> {
        use Context as C;
        if self.typing.is_some() {
            return vec![C::SearchInput, C::Always];
        }
        match &self.overlay {
            Overlay::Help { .. } => return vec![C::Help, C::Global, C::Always],
            Overlay::Picker(_) => return vec![C::Picker, C::Always],
            // With no partners to move between, j/k scroll the text.
            Overlay::Event(e) if self.event_partner_count(e) <= 1 => {
                return vec![C::Text, C::EventPopup, C::Global, C::Always];
            }
            Overlay::Event(_) => return vec![C::EventPopup, C::Global, C::Always],
            Overlay::None => {}
        }
        match self.view {
            View::Partners => {
                let pane = match self.focus {
                    Focus::List => vec![C::PartnerList],
                    Focus::Detail => vec![C::PartnerDetail, C::Text],
                    Focus::Timeline => vec![C::Timeline],
                };
                [
                    vec![C::Partners],
                    pane,
                    vec![C::Global, C::Navigate, C::Always],
                ]
                .concat()
            }
            View::Map => vec![C::Map, C::Global, C::Navigate, C::Always],
            View::Institutions if self.institution_detail_focused => {
                vec![C::Text, C::Global, C::Navigate, C::Always]
            }
            View::Institutions => vec![C::InstitutionList, C::Global, C::Navigate, C::Always],
            View::Stats => vec![C::Text, C::Global, C::Navigate, C::Always],
        }
    }

    fn event_partner_count(&self, popup: &EventPopup) -> usize {
        self.data
            .events
            .get(popup.event)
            .map_or(0, |e| e.partners.len())
    }

    /// Whether an action would do anything now, so the status bar only
    /// offers keys that work here.
    pub fn available(&self, action: Action) -> bool {
        let institution_detail = || layout::institutions(self.body()).1.is_some();
        match action {
            Action::Open => {
                if self.typing.is_some() {
                    return true;
                }
                match &self.overlay {
                    Overlay::Help { .. } => return false,
                    Overlay::Picker(_) => return true,
                    Overlay::Event(e) => return self.event_partner_count(e) > 0,
                    Overlay::None => {}
                }
                match self.view {
                    View::Partners => match self.focus {
                        Focus::List => self.selected_partner().is_some(),
                        Focus::Detail => self
                            .selected_partner()
                            .is_some_and(|p| !self.data.events_of(p).is_empty()),
                        Focus::Timeline => self.selected_event().is_some(),
                    },
                    View::Institutions => {
                        !self.institution_detail_focused
                            && self.selected_institution().is_some()
                            && institution_detail()
                    }
                    View::Map => self.selected_partner().is_some(),
                    View::Stats => false,
                }
            }
            Action::FocusNext | Action::FocusPrev => match self.view {
                View::Partners => true,
                View::Institutions => institution_detail(),
                View::Map | View::Stats => false,
            },
            Action::EditInput => self.query_selected,
            // Moving needs somewhere to go; scrolling needs more text than fits.
            Action::Down | Action::Up => {
                let events = self.event_hits.len();
                match (self.typing, &self.overlay) {
                    (Some(SearchTarget::Partners), _) => self.partner_rows.len() > 1,
                    (Some(SearchTarget::Events), _) => events > 1,
                    (None, Overlay::Event(e)) if self.event_partner_count(e) > 1 => true,
                    (None, Overlay::Event(_) | Overlay::Help { .. }) => self.scroll_limits().0 > 0,
                    (None, Overlay::Picker(p)) => p.rows.len() > 1,
                    (None, Overlay::None) => match self.view {
                        View::Partners => match self.focus {
                            Focus::List => self.partner_rows.len() > 1,
                            Focus::Detail => self.scroll_limits().1 > 0,
                            Focus::Timeline => events > 1,
                        },
                        View::Institutions if self.institution_detail_focused => {
                            self.scroll_limits().1 > 0
                        }
                        View::Stats => self.scroll_limits().1 > 0,
                        View::Institutions | View::Map => true,
                    },
                }
            }
            _ => true,
        }
    }

    /// Feeds one terminal event to the explorer.
    pub fn handle_event(&mut self, event: Event) {
        match event {
            Event::Key(key) => self.handle_key(key),
            Event::Mouse(mouse) => self.handle_mouse(mouse),
            Event::Resize(w, h) => self.resize(w, h),
            _ => {}
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        // The "too small" screen promises that q quits, whatever is open.
        if layout::too_small(self.screen())
            && key.code == crossterm::event::KeyCode::Char('q')
            && key
                .modifiers
                .difference(crossterm::event::KeyModifiers::SHIFT)
                .is_empty()
        {
            self.quit = true;
            return;
        }
        let contexts = self.contexts();
        if let Some(action) = keymap::lookup(&contexts, &key) {
            self.update(action);
        } else if let crossterm::event::KeyCode::Char(c) = key.code
            && (contexts.contains(&Context::SearchInput) || contexts.contains(&Context::Picker))
            && !key
                .modifiers
                .contains(crossterm::event::KeyModifiers::CONTROL)
            && !key.modifiers.contains(crossterm::event::KeyModifiers::ALT)
        {
            self.update(Action::Type(c));
        }
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.sync();
    }

    /// Applies one action, then keeps every cursor valid and visible.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Type(_) | Action::Backspace) {
            self.status = None;
        }
        if action == Action::Quit {
            self.quit = true;
            return;
        }
        if self.typing.is_some() {
            self.update_typing(action);
        } else {
            match &self.overlay {
                Overlay::Help { .. } => self.update_help(action),
                Overlay::Picker(_) => self.update_picker(action),
                Overlay::Event(_) => self.update_event_popup(action),
                Overlay::None => self.update_view(action),
            }
        }
        self.sync();
    }

    fn update_view(&mut self, action: Action) {
        match action {
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::ShowView(view) => self.view = view,
            Action::ToggleLanguage => self.lang = self.lang.toggled(),
            _ => match self.view {
                View::Partners => self.update_partners(action),
                View::Institutions => self.update_institutions(action),
                View::Map => self.update_map(action),
                View::Stats => self.update_stats(action),
            },
        }
    }

    fn update_partners(&mut self, action: Action) {
        match action {
            Action::FocusNext => self.focus = self.focus.next(),
            Action::FocusPrev => self.focus = self.focus.prev(),
            Action::Search => {
                self.search_origin = (self.selected_partner(), self.selected_event());
                let target = match self.focus {
                    Focus::Timeline => SearchTarget::Events,
                    _ => {
                        self.focus = Focus::List;
                        SearchTarget::Partners
                    }
                };
                self.typing = Some(target);
                // A kept query comes back selected, like a browser's address bar.
                self.query_selected = match target {
                    SearchTarget::Partners => !self.partner_query.is_empty(),
                    SearchTarget::Events => !self.event_query.is_empty(),
                };
            }
            Action::CountryPicker => self.open_picker(),
            Action::CycleKind => {
                self.filter.kind = match self.filter.kind {
                    None => Some(PartnerKind::Sister),
                    Some(PartnerKind::Sister) => Some(PartnerKind::Cooperative),
                    Some(PartnerKind::Cooperative) => None,
                };
                self.refresh_partners(self.selected_partner());
            }
            Action::CycleSort => {
                self.sort = self.sort.next();
                self.refresh_partners(self.selected_partner());
            }
            Action::Export => self.export(),
            Action::Back => self.back(),
            Action::Open => match self.focus {
                Focus::List => {
                    if self.selected_partner().is_some() {
                        self.focus = Focus::Detail;
                    }
                }
                Focus::Detail => self.show_first_event(),
                Focus::Timeline => {
                    if let Some(event) = self.selected_event() {
                        self.overlay = Overlay::Event(EventPopup {
                            event,
                            partner: 0,
                            scroll: 0,
                        });
                    }
                }
            },
            nav => match self.focus {
                Focus::List => {
                    let page = self.layout().list_rows();
                    let before = self.list.selected;
                    move_cursor(&mut self.list, self.partner_rows.len(), nav, page);
                    if self.list.selected != before {
                        self.detail_scroll = 0;
                    }
                }
                Focus::Detail => {
                    let page = self.layout().detail_rows();
                    scroll(&mut self.detail_scroll, nav, page);
                }
                Focus::Timeline => {
                    let page = self.layout().timeline_rows();
                    move_over_items(&mut self.timeline, &self.timeline_rows, nav, page);
                }
            },
        }
    }

    /// Enter in a partner's detail: focus the timeline on the partner's
    /// first event (clearing a timeline search that hides it), with its
    /// year heading at the top.
    fn show_first_event(&mut self) {
        let Some(partner) = self.selected_partner() else {
            return;
        };
        let Some(&first) = self.data.events_of(partner).first() else {
            return;
        };
        let listed = |rows: &[TimelineRow]| {
            rows.iter()
                .any(|r| matches!(r, TimelineRow::Event(h) if h.ix == first))
        };
        if !listed(&self.timeline_rows) {
            self.event_query.clear();
        }
        self.refresh_timeline(Some(first));
        self.focus = Focus::Timeline;
        let selected = self.timeline.selected;
        self.timeline.offset = self.timeline_rows[..selected.min(self.timeline_rows.len())]
            .iter()
            .rposition(|r| matches!(r, TimelineRow::Year(_)))
            .unwrap_or(selected);
    }

    /// Esc in the Partners view: clear the focused query, else go back to
    /// the list, else clear the filters. Never quits.
    fn back(&mut self) {
        match self.focus {
            Focus::Timeline if !self.event_query.is_empty() => {
                self.event_query.clear();
                self.refresh_timeline(self.selected_event().or(self.search_origin.1));
            }
            Focus::Detail | Focus::Timeline => self.focus = Focus::List,
            Focus::List if !self.partner_query.is_empty() => {
                self.partner_query.clear();
                self.refresh_partners(self.selected_partner().or(self.search_origin.0));
            }
            Focus::List if self.filter != PartnerFilter::default() => {
                self.filter = PartnerFilter::default();
                self.refresh_partners(self.selected_partner());
                self.status = Some(self.lang.tr("Filters cleared").to_string());
            }
            Focus::List => {}
        }
    }

    fn update_typing(&mut self, action: Action) {
        let Some(target) = self.typing else { return };
        let query = match target {
            SearchTarget::Partners => &mut self.partner_query,
            SearchTarget::Events => &mut self.event_query,
        };
        // A reopened query is selected: the first printable character
        // replaces it, editing keys (Backspace, Ctrl-u, ← →) edit it, and
        // moving through the results leaves it selected.
        let was_selected = std::mem::take(&mut self.query_selected);
        if was_selected {
            match action {
                Action::Type(c) if crate::data::text::forbidden(c).is_none() => query.clear(),
                Action::Up | Action::Down => self.query_selected = true,
                _ => {}
            }
        }
        let changed = match action {
            // Keep the query printable and bounded.
            Action::Type(c)
                if crate::data::text::forbidden(c).is_none() && query.chars().count() < 200 =>
            {
                query.push(c);
                true
            }
            Action::Backspace => query.pop().is_some(),
            Action::ClearInput => {
                let had = !query.is_empty();
                query.clear();
                had
            }
            Action::EditInput => false,
            Action::Back => {
                // Clearing the search keeps the item selected in the results,
                // or, when they selected nothing, the one selected before.
                query.clear();
                self.typing = None;
                match target {
                    SearchTarget::Partners => {
                        let keep = self.selected_partner().or(self.search_origin.0);
                        self.refresh_partners(keep);
                    }
                    SearchTarget::Events => {
                        let keep = self.selected_event().or(self.search_origin.1);
                        self.refresh_timeline(keep);
                    }
                }
                false
            }
            Action::Open => {
                self.typing = None;
                false
            }
            Action::Up | Action::Down => {
                let nav = action;
                match target {
                    SearchTarget::Partners => {
                        let page = self.layout().list_rows();
                        move_cursor(&mut self.list, self.partner_rows.len(), nav, page);
                    }
                    SearchTarget::Events => {
                        let page = self.layout().timeline_rows();
                        move_over_items(&mut self.timeline, &self.timeline_rows, nav, page);
                    }
                }
                false
            }
            _ => false,
        };
        if changed {
            match target {
                SearchTarget::Partners => {
                    // While typing, the best match is what the user wants to see.
                    self.refresh_partners(None);
                    self.detail_scroll = 0;
                }
                SearchTarget::Events => self.refresh_timeline(self.selected_event()),
            }
        }
    }

    fn update_help(&mut self, action: Action) {
        let Overlay::Help { scroll: s } = &mut self.overlay else {
            return;
        };
        match action {
            Action::Back | Action::Help => self.overlay = Overlay::None,
            Action::ShowView(v) => {
                self.overlay = Overlay::None;
                self.view = v;
            }
            Action::ToggleLanguage => self.lang = self.lang.toggled(),
            nav => {
                let page = usize::from(self.size.1.saturating_sub(6));
                scroll(s, nav, page);
            }
        }
    }

    fn open_picker(&mut self) {
        let (counts, total) = self.picker_counts();
        let mut picker = Picker {
            query: String::new(),
            rows: Vec::new(),
            cursor: Cursor::default(),
            counts,
            total,
        };
        self.fill_picker(&mut picker);
        // Start on the country already chosen, if any.
        if let Some(&code) = self.filter.countries.first() {
            picker.cursor.selected = picker
                .rows
                .iter()
                .position(|r| matches!(r, PickerRow::Country(c, _) if *c == code))
                .unwrap_or(0);
        }
        self.overlay = Overlay::Picker(picker);
    }

    /// How many partners each country would list under the current kind
    /// filter and search (the country filter aside), and in all.
    fn picker_counts(&self) -> (Vec<(CountryCode, usize)>, usize) {
        let kind_only = PartnerFilter {
            countries: Vec::new(),
            ..self.filter.clone()
        };
        let candidates: Vec<PartnerIx> = (0..self.data.partners.len())
            .filter(|&i| kind_only.accepts(&self.data.partners[i]))
            .collect();
        let listed: Vec<PartnerIx> = if self.partner_query.trim().is_empty() {
            candidates
        } else {
            self.partner_index
                .search(&self.partner_query, &candidates)
                .into_iter()
                .map(|h| h.ix)
                .collect()
        };
        let mut per: std::collections::HashMap<CountryCode, usize> =
            std::collections::HashMap::new();
        for &i in &listed {
            *per.entry(self.data.partners[i].country).or_default() += 1;
        }
        // The dataset's order (most partners first), re-sorted by the counts
        // in force; a stable sort keeps ties in that order.
        let mut counts: Vec<(CountryCode, usize)> = self
            .data
            .partner_countries()
            .iter()
            .map(|&(c, _)| (c, per.get(&c).copied().unwrap_or(0)))
            .collect();
        counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        (counts, listed.len())
    }

    fn fill_picker(&self, picker: &mut Picker) {
        let countries = &picker.counts;
        let q = picker.query.trim();
        let mut rows = Vec::with_capacity(countries.len() + 1);
        if q.is_empty() {
            // Countries with nothing to list under the filters are left out;
            // typing a name still finds them (dimmed, with 0).
            rows.push(PickerRow::All(picker.total));
            rows.extend(
                countries
                    .iter()
                    .filter(|&&(_, n)| n > 0)
                    .map(|&(c, n)| PickerRow::Country(c, n)),
            );
        } else {
            let matcher = fuzzy_matcher::skim::SkimMatcherV2::default().respect_case();
            let fq = crate::data::text::fold(q);
            let mut scored: Vec<(i64, usize, PickerRow)> = countries
                .iter()
                .enumerate()
                .filter_map(|(i, &(c, n))| {
                    use fuzzy_matcher::FuzzyMatcher;
                    [
                        self.data.country_name(c),
                        self.data.country_name_zh(c),
                        c.as_str(),
                    ]
                    .iter()
                    .filter_map(|name| matcher.fuzzy_match(&crate::data::text::fold(name), &fq))
                    .max()
                    .map(|s| (s, i, PickerRow::Country(c, n)))
                })
                .collect();
            // Best match first, but countries with nothing to list last.
            let empty = |r: &PickerRow| matches!(r, PickerRow::Country(_, 0));
            scored.sort_by(|a, b| {
                empty(&a.2)
                    .cmp(&empty(&b.2))
                    .then(b.0.cmp(&a.0))
                    .then(a.1.cmp(&b.1))
            });
            rows.extend(scored.into_iter().map(|(_, _, r)| r));
        }
        picker.rows = rows;
        picker.cursor.clamp(picker.rows.len(), 1);
    }

    fn update_picker(&mut self, action: Action) {
        let Overlay::Picker(mut picker) = std::mem::replace(&mut self.overlay, Overlay::None)
        else {
            return;
        };
        match action {
            Action::Back => return,
            Action::Open => {
                match picker.rows.get(picker.cursor.selected) {
                    Some(PickerRow::All(_)) => self.filter.countries.clear(),
                    Some(PickerRow::Country(c, _)) => self.filter.countries = vec![*c],
                    None => {
                        // Nothing matches what was typed: keep the picker open.
                        self.overlay = Overlay::Picker(picker);
                        return;
                    }
                }
                self.focus = Focus::List;
                self.refresh_partners(self.selected_partner());
                return;
            }
            Action::Type(c) => {
                if crate::data::text::forbidden(c).is_none() && picker.query.chars().count() < 60 {
                    picker.query.push(c);
                    picker.cursor = Cursor::default();
                    self.fill_picker(&mut picker);
                }
            }
            Action::Backspace => {
                picker.query.pop();
                picker.cursor = Cursor::default();
                self.fill_picker(&mut picker);
            }
            Action::ClearInput => {
                picker.query.clear();
                picker.cursor = Cursor::default();
                self.fill_picker(&mut picker);
            }
            nav => {
                let page = layout::picker_rows(self.screen());
                move_cursor(&mut picker.cursor, picker.rows.len(), nav, page);
            }
        }
        self.overlay = Overlay::Picker(picker);
    }

    fn update_event_popup(&mut self, action: Action) {
        let Overlay::Event(popup) = &mut self.overlay else {
            return;
        };
        let Some(event) = self.data.events.get(popup.event) else {
            self.overlay = Overlay::None;
            return;
        };
        let n = event.partners.len();
        match action {
            Action::Back => self.overlay = Overlay::None,
            Action::Down if n > 1 => popup.partner = (popup.partner + 1) % n,
            Action::Up if n > 1 => popup.partner = (popup.partner + n - 1) % n,
            // Nothing to move between: scroll the text instead.
            Action::Down | Action::Up => scroll(&mut popup.scroll, action, 1),
            Action::PageDown | Action::PageUp | Action::Top | Action::Bottom => {
                let page = usize::from(self.size.1 / 2);
                scroll(&mut popup.scroll, action, page);
            }
            Action::Open => {
                if let Some(&partner) = event.partners.get(popup.partner) {
                    self.overlay = Overlay::None;
                    self.jump_to_partner(partner);
                }
            }
            Action::ShowView(v) => {
                self.overlay = Overlay::None;
                self.view = v;
            }
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::ToggleLanguage => self.lang = self.lang.toggled(),
            _ => {}
        }
    }

    /// Selects a partner in the list, widening the filters if they hide it.
    pub fn jump_to_partner(&mut self, partner: PartnerIx) {
        self.view = View::Partners;
        if !self.partner_rows.iter().any(|h| h.ix == partner) {
            self.partner_query.clear();
            if let Some(p) = self.data.partners.get(partner)
                && !self.filter.accepts(p)
            {
                self.filter = PartnerFilter::default();
            }
        }
        self.refresh_partners(Some(partner));
        self.focus = Focus::List;
        self.detail_scroll = 0;
    }

    fn update_institutions(&mut self, action: Action) {
        let (_, detail) = layout::institutions(self.body());
        match action {
            Action::FocusNext | Action::FocusPrev => {
                self.institution_detail_focused =
                    !self.institution_detail_focused && detail.is_some();
            }
            Action::Open => self.institution_detail_focused = detail.is_some(),
            Action::Back => self.institution_detail_focused = false,
            Action::PageDown
            | Action::PageUp
            | Action::Down
            | Action::Up
            | Action::Top
            | Action::Bottom
                if self.institution_detail_focused =>
            {
                let page = detail.map_or(1, |r| usize::from(r.height.saturating_sub(2)));
                scroll(&mut self.institution_scroll, action, page);
            }
            Action::PageDown
            | Action::PageUp
            | Action::Down
            | Action::Up
            | Action::Top
            | Action::Bottom => {
                let page = self.layout_institutions_rows();
                let before = self.institutions.selected;
                move_over_items(&mut self.institutions, &self.institution_rows, action, page);
                if before != self.institutions.selected {
                    self.institution_scroll = 0;
                }
            }
            _ => {}
        }
    }

    fn update_map(&mut self, action: Action) {
        // Zoom and pan work on what the canvas shows at this size.
        let (cols, rows) = super::ui::map::canvas_size(self.body());
        match action {
            Action::ZoomIn => self.map.zoom_in(cols, rows),
            Action::ZoomOut => self.map.zoom_out(cols, rows),
            Action::PanLeft => self.map.pan(-1.0, 0.0, cols, rows),
            Action::PanRight => self.map.pan(1.0, 0.0, cols, rows),
            Action::PanUp => self.map.pan(0.0, 1.0, cols, rows),
            Action::PanDown => self.map.pan(0.0, -1.0, cols, rows),
            // The map shows the Partners list: the same search and filters.
            Action::Search => self.typing = Some(SearchTarget::Partners),
            Action::CountryPicker => self.open_picker(),
            Action::CycleKind | Action::CycleSort => self.update_partners(action),
            Action::MapWorld => self.map = MapView::world(),
            Action::MapEastAsia => self.map = MapView::east_asia(),
            Action::MapEurope => self.map = MapView::europe(),
            Action::Back => self.map = MapView::world(),
            Action::Open if self.selected_partner().is_some() => {
                self.view = View::Partners;
                self.focus = Focus::Detail;
            }
            Action::Down
            | Action::Up
            | Action::Top
            | Action::Bottom
            | Action::PageDown
            | Action::PageUp => {
                let before = self.list.selected;
                move_cursor(&mut self.list, self.partner_rows.len(), action, 10);
                if before != self.list.selected {
                    self.detail_scroll = 0;
                }
            }
            _ => {}
        }
    }

    fn update_stats(&mut self, action: Action) {
        if matches!(
            action,
            Action::Down
                | Action::Up
                | Action::Top
                | Action::Bottom
                | Action::PageDown
                | Action::PageUp
        ) {
            let page = usize::from(self.size.1.saturating_sub(4));
            scroll(&mut self.stats_scroll, action, page);
        }
    }

    fn handle_mouse(&mut self, mouse: MouseEvent) {
        if self.typing.is_some() || self.overlay != Overlay::None {
            // Overlays are modal; the wheel still scrolls help.
            if let (
                Overlay::Help { scroll: s },
                MouseEventKind::ScrollDown | MouseEventKind::ScrollUp,
            ) = (&mut self.overlay, mouse.kind)
            {
                let a = if mouse.kind == MouseEventKind::ScrollDown {
                    Action::Down
                } else {
                    Action::Up
                };
                scroll(s, a, 1);
                scroll(s, a, 1);
                scroll(s, a, 1);
            }
            return;
        }
        self.status = None;
        let at = Position::new(mouse.column, mouse.row);
        match self.view {
            View::Partners => self.mouse_partners(mouse.kind, at),
            View::Institutions => self.mouse_institutions(mouse.kind, at),
            View::Map | View::Stats => {
                if let MouseEventKind::ScrollDown | MouseEventKind::ScrollUp = mouse.kind {
                    let a = if mouse.kind == MouseEventKind::ScrollDown {
                        Action::Down
                    } else {
                        Action::Up
                    };
                    self.update(a);
                }
            }
        }
        self.sync();
    }

    fn mouse_partners(&mut self, kind: MouseEventKind, at: Position) {
        let l = self.layout();
        let pane = [
            (l.list, Focus::List),
            (l.detail, Focus::Detail),
            (l.timeline, Focus::Timeline),
        ]
        .into_iter()
        .find_map(|(r, f)| r.filter(|r| r.contains(at)).map(|r| (r, f)));
        let Some((rect, pane)) = pane else { return };
        // Row inside the pane's border.
        let row = usize::from(at.y.saturating_sub(rect.y + 1));
        let inside = at.y > rect.y && at.y + 1 < rect.y + rect.height;
        match kind {
            MouseEventKind::Down(MouseButton::Left) => {
                self.focus = pane;
                if !inside {
                    return;
                }
                match pane {
                    Focus::List => {
                        let i = self.list.offset + row;
                        if i < self.partner_rows.len() {
                            if i != self.list.selected {
                                self.detail_scroll = 0;
                            }
                            self.list.selected = i;
                        }
                    }
                    Focus::Timeline => {
                        let i = self.timeline.offset + row;
                        if let Some(TimelineRow::Event(_)) = self.timeline_rows.get(i) {
                            self.timeline.selected = i;
                        }
                    }
                    Focus::Detail => {}
                }
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let a = if kind == MouseEventKind::ScrollDown {
                    Action::Down
                } else {
                    Action::Up
                };
                match pane {
                    Focus::List => {
                        for _ in 0..3 {
                            move_cursor(&mut self.list, self.partner_rows.len(), a, 1);
                        }
                        self.detail_scroll = 0;
                    }
                    Focus::Detail => {
                        for _ in 0..3 {
                            scroll(&mut self.detail_scroll, a, 1);
                        }
                    }
                    Focus::Timeline => {
                        for _ in 0..3 {
                            move_over_items(&mut self.timeline, &self.timeline_rows, a, 1);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn mouse_institutions(&mut self, kind: MouseEventKind, at: Position) {
        let (list, detail) = layout::institutions(self.body());
        match kind {
            // A click focuses the pane it lands in, as in the Partners view.
            MouseEventKind::Down(MouseButton::Left) if detail.is_some_and(|d| d.contains(at)) => {
                self.institution_detail_focused = true;
            }
            MouseEventKind::Down(MouseButton::Left) if list.contains(at) && at.y > list.y => {
                self.institution_detail_focused = false;
                let i = self.institutions.offset + usize::from(at.y - list.y - 1);
                if let Some(InstitutionRow::Item(_)) = self.institution_rows.get(i) {
                    if i != self.institutions.selected {
                        self.institution_scroll = 0;
                    }
                    self.institutions.selected = i;
                }
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let a = if kind == MouseEventKind::ScrollDown {
                    Action::Down
                } else {
                    Action::Up
                };
                if detail.is_some_and(|d| d.contains(at)) {
                    for _ in 0..3 {
                        scroll(&mut self.institution_scroll, a, 1);
                    }
                } else {
                    self.update_institutions(a);
                }
            }
            _ => {}
        }
    }

    /// Recomputes the partner rows from filters, sort and query, keeping
    /// `keep` selected if it is still listed.
    pub fn refresh_partners(&mut self, keep: Option<PartnerIx>) {
        let query = crate::data::text::fold(self.partner_query.trim());
        let key = (query, self.filter.clone(), self.sort);
        // A query that extends the previous one can only match fewer partners:
        // search among the previous hits instead of everything.
        let narrows = matches!(&self.last_partner_search,
            Some((q, f, s)) if !q.is_empty() && key.0.starts_with(q.as_str()) && *f == key.1 && *s == key.2);
        // The same search again (a space typed between terms, a filter
        // picked twice) lists the same rows.
        let same = self.last_partner_search.as_ref() == Some(&key);
        self.partner_rows = if same {
            std::mem::take(&mut self.partner_rows)
        } else if narrows {
            self.partner_index
                .narrow(&self.partner_query, &self.partner_rows)
        } else {
            let slot = self.ensure_order(self.sort);
            let order = self.orders[slot].as_deref().unwrap_or(&[]);
            if self.filter == PartnerFilter::default() {
                self.partner_index.search(&self.partner_query, order)
            } else {
                let candidates: Vec<PartnerIx> = order
                    .iter()
                    .copied()
                    .filter(|&i| self.filter.accepts(&self.data.partners[i]))
                    .collect();
                self.partner_index.search(&self.partner_query, &candidates)
            }
        };
        self.last_partner_search = Some(key);
        self.list.selected = keep
            .and_then(|p| self.partner_rows.iter().position(|h| h.ix == p))
            .unwrap_or(0);
        if keep.is_none() {
            self.list.offset = 0;
        }
        self.detail_scroll = 0;
    }

    /// Computes the partners' order for a sort key once; returns its slot.
    fn ensure_order(&mut self, sort: SortKey) -> usize {
        let slot = match sort {
            SortKey::Name => 0,
            SortKey::Country => 1,
            SortKey::Established => 2,
        };
        if self.orders[slot].is_none() {
            let mut all: Vec<PartnerIx> = (0..self.data.partners.len()).collect();
            query::sort_partners(&self.data, &mut all, sort);
            self.orders[slot] = Some(all);
        }
        slot
    }

    /// Rebuilds the timeline: chronological with year headings, or best
    /// match first while a query is active. Keeps `keep` selected if it is
    /// listed, else the first event.
    pub fn refresh_timeline(&mut self, keep: Option<EventIx>) {
        let query = crate::data::text::fold(self.event_query.trim());
        let narrows = matches!(&self.last_event_query, Some(q) if !q.is_empty() && query.starts_with(q.as_str()));
        self.event_hits = if self.last_event_query.as_ref() == Some(&query) {
            // The same search again (a space typed between terms).
            std::mem::take(&mut self.event_hits)
        } else if narrows {
            self.event_index.narrow(&self.event_query, &self.event_hits)
        } else {
            let all = query::filter_events(&self.data, &EventFilter::default());
            self.event_index.search(&self.event_query, &all)
        };
        self.last_event_query = Some(query.clone());
        let mut rows = Vec::with_capacity(self.event_hits.len() + 64);
        if query.is_empty() {
            let mut year = None;
            for h in &self.event_hits {
                let y = self.data.events[h.ix].date.year();
                if year != Some(y) {
                    rows.push(TimelineRow::Year(y));
                    year = Some(y);
                }
                rows.push(TimelineRow::Event(*h));
            }
        } else {
            rows.extend(self.event_hits.iter().copied().map(TimelineRow::Event));
        }
        self.timeline_rows = rows;
        let kept = keep.and_then(|e| {
            self.timeline_rows
                .iter()
                .position(|r| matches!(r, TimelineRow::Event(h) if h.ix == e))
        });
        self.timeline.selected = kept
            .or_else(|| first_item(&self.timeline_rows, 0, true))
            .unwrap_or(0);
        if kept.is_none() {
            self.timeline.offset = 0;
        }
    }

    /// Match positions for highlighting a partner row's field.
    /// One term is marked where it matched best; each of several terms is
    /// marked wherever it matches among the fields shown.
    pub fn partner_match(&self, hit: &Hit, field: Field) -> Vec<usize> {
        let query = self.partner_query.trim();
        if query.is_empty() {
            return Vec::new();
        }
        if field == Field::CountryCode {
            // A code matches whole or not at all, as in the search.
            let Some(p) = self.data.partners.get(hit.ix) else {
                return Vec::new();
            };
            let code = p.country.as_str().to_ascii_lowercase();
            let folded = crate::data::text::fold(query);
            return if folded.split_whitespace().any(|t| t == code) {
                vec![0, 1]
            } else {
                Vec::new()
            };
        }
        let several = query.split_whitespace().nth(1).is_some();
        if hit.field != field && !several {
            return Vec::new();
        }
        self.partner_index
            .positions(hit.ix, field, &self.partner_query)
    }

    /// Match positions in an event title.
    pub fn event_match(&self, hit: &Hit) -> Vec<usize> {
        if hit.field != Field::Title || self.event_query.trim().is_empty() {
            return Vec::new();
        }
        self.event_index
            .positions(hit.ix, Field::Title, &self.event_query)
    }

    pub fn screen(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    /// The area between the header and the status bar.
    pub fn body(&self) -> Rect {
        layout::screen(self.screen()).body
    }

    pub fn layout(&self) -> PartnersLayout {
        layout::partners(self.body(), self.focus)
    }

    fn layout_institutions_rows(&self) -> usize {
        let (list, _) = layout::institutions(self.body());
        usize::from(list.height.saturating_sub(2))
    }

    /// Clamps every cursor and scroll offset to the current rows and size.
    fn sync(&mut self) {
        let l = self.layout();
        self.list.clamp(self.partner_rows.len(), l.list_rows());
        self.timeline
            .clamp(self.timeline_rows.len(), l.timeline_rows());
        let rows = self.layout_institutions_rows();
        self.institutions.clamp(self.institution_rows.len(), rows);
        // A detail pane that no longer fits cannot keep the focus.
        if layout::institutions(self.body()).1.is_none() {
            self.institution_detail_focused = false;
        }
        if let Overlay::Picker(p) = &mut self.overlay {
            let rows = layout::picker_rows(Rect::new(0, 0, self.size.0, self.size.1));
            p.cursor.clamp(p.rows.len(), rows);
        }
        self.clamp_text_scrolls();
    }

    /// Keeps text scroll offsets within the wrapped text of what is on screen,
    /// so scrolling back up after `G` responds at once.
    fn clamp_text_scrolls(&mut self) {
        let (overlay_max, view_max) = self.scroll_limits();
        match &mut self.overlay {
            Overlay::Help { scroll } => *scroll = (*scroll).min(overlay_max),
            Overlay::Event(p) => p.scroll = p.scroll.min(overlay_max),
            Overlay::Picker(_) | Overlay::None => {}
        }
        match self.view {
            View::Partners => self.detail_scroll = self.detail_scroll.min(view_max),
            View::Institutions => {
                self.institution_scroll = self.institution_scroll.min(view_max);
            }
            View::Stats => self.stats_scroll = self.stats_scroll.min(view_max),
            View::Map => {}
        }
    }

    /// How far the open popup's text and the view's text (partner or
    /// institution detail, statistics) can scroll at this size.
    fn scroll_limits(&self) -> (usize, usize) {
        fn limit(lines: usize, area: Option<Rect>) -> usize {
            let rows = area.map_or(0, |r| usize::from(r.height.saturating_sub(2)));
            lines.saturating_sub(rows)
        }
        fn inner_width(area: Option<Rect>) -> usize {
            area.map_or(0, |r| usize::from(r.width.saturating_sub(2)))
        }
        let screen = self.screen();
        let overlay = match &self.overlay {
            Overlay::Help { .. } => {
                let area = Some(layout::popup(screen));
                limit(super::ui::help_lines(self, inner_width(area)).len(), area)
            }
            Overlay::Event(popup) => {
                let area = Some(layout::popup(screen));
                limit(
                    super::ui::event_lines(self, popup, inner_width(area)).len(),
                    area,
                )
            }
            Overlay::Picker(_) | Overlay::None => 0,
        };
        let view = match self.view {
            View::Partners => {
                let area = self.layout().detail;
                match self.selected_partner() {
                    Some(ix) => limit(
                        super::ui::partner_detail_lines(self, ix, inner_width(area)).len(),
                        area,
                    ),
                    None => 0,
                }
            }
            View::Institutions => {
                let (_, area) = layout::institutions(self.body());
                match self.selected_institution() {
                    Some(ix) => limit(
                        super::ui::institution_detail_lines(self, ix, inner_width(area)).len(),
                        area,
                    ),
                    None => 0,
                }
            }
            View::Stats => {
                let area = Some(self.body());
                limit(super::ui::stats_lines(self, inner_width(area)).len(), area)
            }
            View::Map => 0,
        };
        (overlay, view)
    }

    /// Writes the listed partners to a new CSV file and reports it.
    fn export(&mut self) {
        let dir = self
            .export_dir
            .clone()
            .unwrap_or_else(|| std::path::PathBuf::from("."));
        let ixs: Vec<PartnerIx> = self.partner_rows.iter().map(|h| h.ix).collect();
        self.status = Some(
            match super::export::export_partners(&self.data, &ixs, &dir) {
                Ok(path) => format!(
                    "{} {} → {}",
                    self.lang.tr("Exported"),
                    ixs.len(),
                    path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned()
                    )
                ),
                Err(e) => format!(
                    "{} ({}): {}",
                    self.lang.tr("Export failed"),
                    e.path.display(),
                    e.error
                ),
            },
        );
    }
}

/// Institutions grouped by kind, each group under a heading.
fn institution_rows(data: &Dataset) -> Vec<InstitutionRow> {
    let mut rows = Vec::new();
    for kind in InstitutionKind::ALL {
        let items: Vec<usize> = (0..data.institutions.len())
            .filter(|&i| data.institutions[i].kind == kind)
            .collect();
        let has_official = data.official_institutions.iter().any(|f| f.kind == kind);
        if items.is_empty() && !has_official {
            continue;
        }
        rows.push(InstitutionRow::Kind(kind));
        rows.extend(items.into_iter().map(InstitutionRow::Item));
    }
    rows
}

/// Moves a plain list cursor.
pub fn move_cursor(cursor: &mut Cursor, len: usize, action: Action, page: usize) {
    if len == 0 {
        return;
    }
    let page = page.max(1);
    let last = len - 1;
    cursor.selected = match action {
        Action::Down => (cursor.selected + 1).min(last),
        Action::Up => cursor.selected.saturating_sub(1),
        Action::Top => 0,
        Action::Bottom => last,
        Action::PageDown => (cursor.selected + page).min(last),
        Action::PageUp => cursor.selected.saturating_sub(page),
        _ => cursor.selected,
    };
}

/// Moves a cursor over a list with headings, landing only on items.
fn move_over_items<T: Copy + Into<RowKind>>(
    cursor: &mut Cursor,
    rows: &[T],
    action: Action,
    page: usize,
) {
    let is_item = |r: &T| matches!((*r).into(), RowKind::Item);
    if rows.is_empty() {
        return;
    }
    // Move as in a plain list, then land on the nearest item in the
    // direction of travel (or back, at the ends).
    let mut probe = Cursor {
        selected: cursor.selected,
        offset: 0,
    };
    move_cursor(&mut probe, rows.len(), action, page);
    let target = probe.selected;
    let forward = matches!(action, Action::Down | Action::PageDown | Action::Bottom);
    let found = first_matching(rows, target, forward, &is_item)
        .or_else(|| first_matching(rows, target, !forward, &is_item));
    if let Some(i) = found {
        cursor.selected = i;
    }
    // Show the heading above the first item of a group when moving up to it.
    if !forward
        && cursor.selected > 0
        && !is_item(&rows[cursor.selected - 1])
        && cursor.offset >= cursor.selected
    {
        cursor.offset = cursor.selected - 1;
    }
    if matches!(action, Action::Top) {
        cursor.offset = 0;
    }
}

fn first_matching<T>(
    rows: &[T],
    from: usize,
    forward: bool,
    is_item: &impl Fn(&T) -> bool,
) -> Option<usize> {
    if forward {
        (from..rows.len()).find(|&i| is_item(&rows[i]))
    } else {
        (0..=from.min(rows.len().saturating_sub(1)))
            .rev()
            .find(|&i| is_item(&rows[i]))
    }
}

fn first_item<T: Copy + Into<RowKind>>(rows: &[T], from: usize, forward: bool) -> Option<usize> {
    first_matching(rows, from, forward, &|r: &T| {
        matches!((*r).into(), RowKind::Item)
    })
}

/// Whether a row can be selected.
pub enum RowKind {
    Heading,
    Item,
}

impl From<TimelineRow> for RowKind {
    fn from(r: TimelineRow) -> Self {
        match r {
            TimelineRow::Year(_) => RowKind::Heading,
            TimelineRow::Event(_) => RowKind::Item,
        }
    }
}

impl From<InstitutionRow> for RowKind {
    fn from(r: InstitutionRow) -> Self {
        match r {
            InstitutionRow::Kind(_) => RowKind::Heading,
            InstitutionRow::Item(_) => RowKind::Item,
        }
    }
}

/// Scrolls a text offset; the draw code clamps it to the text's length.
fn scroll(offset: &mut usize, action: Action, page: usize) {
    let page = page.max(1);
    *offset = match action {
        Action::Down => offset.saturating_add(1),
        Action::Up => offset.saturating_sub(1),
        Action::Top => 0,
        Action::Bottom => usize::MAX / 2,
        Action::PageDown => offset.saturating_add(page),
        Action::PageUp => offset.saturating_sub(page),
        _ => *offset,
    };
}
