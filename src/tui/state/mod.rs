//! The explorer's state and its one way of changing: [`State::update`],
//! which takes an [`Action`] and returns the [`Effect`]s the loop must
//! perform. Nothing here draws, wraps text, lays out panes or touches the
//! terminal or the disk: drawing reports what it measured ([`Measured`]),
//! the loop hands that to [`State::apply`], and `update` pages, scrolls and
//! hit-tests against it.
//!
//! Each view owns its state ([`partners`], [`timeline`], [`institutions`],
//! [`stats`], the map's window, and the [`overlay`]s); [`types`] holds what
//! they share.

pub mod action;
pub mod institutions;
mod map;
pub mod measured;
pub mod overlay;
pub mod partners;
pub mod stats;
pub mod story;
pub mod timeline;
pub mod types;

use crossterm::event::MouseEventKind;
use ratatui::layout::Position;

pub use action::{Action, Context, Effect, Report, Saved};
pub use institutions::InstitutionsState;
pub use measured::Measured;
pub use overlay::{EventPopup, Overlay, Picker};
pub use partners::PartnersState;
pub use stats::StatsState;
pub use timeline::TimelineState;
pub use types::{Cursor, Focus, InstitutionRow, PickerRow, SearchTarget, TimelineRow, View};

use super::map::{MapLayers, MapView};
use crate::data::{CountryCode, Dataset, EventIx, PartnerIx};
use crate::present::Lang;
use crate::query::{EventIndex, SearchIndex};
use crate::theme::Theme;

/// Start-up choices.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub theme: Theme,
    pub lang: Lang,
    /// Where `e` writes CSV exports (default: the working directory).
    pub export_dir: Option<std::path::PathBuf>,
    /// Neither restore nor save the state file (`--no-state`).
    pub no_state: bool,
    /// Keep `lang` even if the state file remembers another (`--lang`).
    pub keep_lang: bool,
}

/// A one-off message for the status bar, worded when drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    FiltersCleared,
    Report(Report),
}

impl Status {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        use crate::present::{Label, words};
        match self {
            Status::FiltersCleared => lang.tr(Label::FiltersCleared).to_string(),
            Status::Report(Report::Exported { count, file }) => words::exported(lang, *count, file),
            Status::Report(Report::ExportFailed { path, error }) => {
                words::export_failed(lang, path, error)
            }
            Status::Report(Report::Opened(url)) => words::link_opened(lang, url),
            Status::Report(Report::OpenFailed { url, error }) => {
                words::link_open_failed(lang, url, error)
            }
            Status::Report(Report::Copied(url)) => words::link_copied(lang, url),
            Status::Report(Report::UnknownKey) => lang.tr(Label::UnknownKey).to_string(),
        }
    }
}

/// The whole explorer.
pub struct State {
    pub data: Dataset,
    pub partner_index: SearchIndex,
    pub event_index: EventIndex,
    pub theme: Theme,
    pub lang: Lang,
    pub view: View,
    /// The pane of the Partners view that has the keys.
    pub focus: Focus,
    pub overlay: Overlay,
    /// Set while the user types a query.
    pub typing: Option<SearchTarget>,
    /// Set when `/` reopens a kept query: it is shown selected, and the
    /// first character typed replaces it (Backspace, Ctrl-u, ← → edit it).
    pub query_selected: bool,
    pub partners: PartnersState,
    pub timeline: TimelineState,
    pub institutions: InstitutionsState,
    pub map: MapView,
    /// What the map draws besides land, borders and markers.
    pub map_layers: MapLayers,
    pub stats: StatsState,
    /// A one-off message for the status bar (cleared by the next key).
    pub status: Option<Status>,
    pub export_dir: Option<std::path::PathBuf>,
    /// What the last frame measured.
    pub measured: Measured,
    /// Where jumps came from (`Ctrl-o`) and went back from (`Ctrl-f`).
    pub jumps: story::Jumps,
    /// The source picked with 1–9 in a detail, and whose it is.
    pub link: Option<(story::LinkTarget, usize)>,
    /// Whether quitting saves what to restore next time.
    pub remember: bool,
    /// Whether the language was asked for explicitly (not restored).
    pub keep_lang: bool,
    quit: bool,
}

impl State {
    pub fn new(data: Dataset, options: Options) -> Self {
        let partner_index = SearchIndex::partners(&data);
        let event_index = EventIndex::new(&data, |ix| {
            crate::present::words::event_title(&data, ix, Lang::En)
        });
        let partners = PartnersState::new(&data, &partner_index);
        let timeline = TimelineState::new(&data, &event_index);
        let institutions = InstitutionsState::new(&data);
        let mut s = Self {
            partner_index,
            event_index,
            theme: options.theme,
            lang: options.lang,
            view: View::Partners,
            focus: Focus::List,
            overlay: Overlay::None,
            typing: None,
            query_selected: false,
            partners,
            timeline,
            institutions,
            map: MapView::world(),
            map_layers: MapLayers::default(),
            stats: StatsState::default(),
            status: None,
            export_dir: options.export_dir,
            measured: Measured::default(),
            jumps: story::Jumps::default(),
            link: None,
            remember: !options.no_state,
            keep_lang: options.keep_lang,
            quit: false,
            data,
        };
        s.sync_name_order();
        s
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// What to remember of this session.
    pub fn saved(&self) -> Saved {
        Saved {
            lang: match self.lang {
                Lang::En => "en",
                Lang::Zh => "zh",
            }
            .to_string(),
            view: match self.view {
                View::Partners => "partners",
                View::Institutions => "institutions",
                View::Map => "map",
                View::Stats => "stats",
            }
            .to_string(),
            partner: self
                .selected_partner()
                .and_then(|p| self.data.partners.get(p))
                .map(|p| p.id.clone()),
            map_zoom: Some(self.map.zoom),
            map_center: Some((self.map.lon, self.map.lat)),
        }
    }

    /// Takes back what an earlier session remembered; anything unknown
    /// (a partner no longer in the dataset, a value out of range) is left
    /// as it starts.
    pub fn restore(&mut self, saved: &Saved) {
        match saved.lang.as_str() {
            _ if self.keep_lang => {}
            "en" => self.lang = Lang::En,
            "zh" => self.lang = Lang::Zh,
            _ => {}
        }
        match saved.view.as_str() {
            "partners" => self.view = View::Partners,
            "institutions" => self.view = View::Institutions,
            "map" => self.view = View::Map,
            "stats" => self.view = View::Stats,
            _ => {}
        }
        if let Some(id) = &saved.partner
            && let Some(p) = self.data.partners.iter().position(|p| &p.id == id)
        {
            let view = self.view;
            self.jump_to_partner(p);
            self.follow_partner();
            self.view = view;
        }
        if let Some(z) = saved
            .map_zoom
            .filter(|z| z.is_finite() && (1.0..=64.0).contains(z))
        {
            self.map.zoom = z;
        }
        if let Some((lon, lat)) = saved.map_center
            && lon.is_finite()
            && lat.is_finite()
            && (-180.0..=180.0).contains(&lon)
            && (-90.0..=90.0).contains(&lat)
        {
            self.map.lon = lon;
            self.map.lat = lat;
        }
        self.sync_name_order();
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

    /// The partner under the list cursor.
    pub fn selected_partner(&self) -> Option<PartnerIx> {
        self.partners.selected()
    }

    /// The event under the timeline cursor.
    pub fn selected_event(&self) -> Option<EventIx> {
        self.timeline.selected()
    }

    pub fn selected_institution(&self) -> Option<usize> {
        self.institutions.selected()
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
        self.pane_contexts()
    }

    /// Key contexts of the focused pane of the view, whatever is open
    /// over it (the help opens at their section).
    pub fn pane_contexts(&self) -> Vec<Context> {
        use Context as C;
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
            View::Institutions if self.institutions.detail_focused => {
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

    /// Whether an action would do anything now, at the size and with the
    /// text lengths `m` measured, so the status bar only offers keys that
    /// work here.
    pub fn available(&self, action: &Action, m: &Measured) -> bool {
        let institution_detail = m.institution_detail.is_some();
        let limit = |t: Option<measured::TextSize>| measured::limit(t).unwrap_or(0) > 0;
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
                        !self.institutions.detail_focused
                            && self.selected_institution().is_some()
                            && institution_detail
                    }
                    View::Map => self.selected_partner().is_some(),
                    View::Stats => false,
                }
            }
            Action::OpenInstitution => match &self.overlay {
                Overlay::Event(e) => self
                    .data
                    .events
                    .get(e.event)
                    .is_some_and(|e| !e.institutions.is_empty()),
                _ => false,
            },
            Action::FocusNext | Action::FocusPrev => match self.view {
                View::Partners => true,
                View::Institutions => institution_detail,
                View::Map | View::Stats => false,
            },
            Action::EditInput => self.query_selected,
            // Moving needs somewhere to go; scrolling needs more text than fits.
            Action::Down | Action::Up => {
                let events = self.timeline.hits.len();
                match (self.typing, &self.overlay) {
                    (Some(SearchTarget::Partners), _) => self.partners.rows.len() > 1,
                    (Some(SearchTarget::Events), _) => events > 1,
                    (None, Overlay::Event(e)) if self.event_partner_count(e) > 1 => true,
                    (None, Overlay::Event(_)) => limit(m.scroll.event),
                    (None, Overlay::Help { .. }) => limit(m.scroll.help),
                    (None, Overlay::Picker(p)) => p.rows.len() > 1,
                    (None, Overlay::None) => match self.view {
                        View::Partners => match self.focus {
                            Focus::List => self.partners.rows.len() > 1,
                            Focus::Detail => limit(m.scroll.detail),
                            Focus::Timeline => events > 1,
                        },
                        View::Institutions if self.institutions.detail_focused => {
                            limit(m.scroll.institution)
                        }
                        View::Stats => limit(m.scroll.stats),
                        View::Institutions | View::Map => true,
                    },
                }
            }
            _ => true,
        }
    }

    /// Applies one action and returns what the loop must do for it.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Report(report) => {
                self.status = Some(Status::Report(report));
                return Vec::new();
            }
            Action::Mouse(mouse) => {
                self.mouse(mouse.kind, Position::new(mouse.column, mouse.row));
                return Vec::new();
            }
            Action::Unknown => {
                self.unknown_key();
                return Vec::new();
            }
            Action::Expire => {
                self.status = None;
                return Vec::new();
            }
            Action::Suspend => return vec![Effect::Suspend],
            Action::Type(_) | Action::Backspace => {}
            _ => self.status = None,
        }
        if action == Action::Quit {
            self.quit = true;
            return if self.remember {
                vec![Effect::SaveState(self.saved())]
            } else {
                Vec::new()
            };
        }
        if matches!(
            action,
            Action::OpenLink | Action::CopyLink | Action::SelectSource(_)
        ) && self.typing.is_none()
        {
            return self.update_links(&action).into_iter().collect();
        }
        let effect = match (&self.typing, &self.overlay) {
            (Some(_), _) => {
                self.update_typing(action);
                None
            }
            (None, Overlay::Help { .. }) => {
                self.update_help(action);
                None
            }
            (None, Overlay::Picker(_)) => {
                self.update_picker(action);
                None
            }
            (None, Overlay::Event(_)) => {
                self.update_event_popup(action);
                None
            }
            (None, Overlay::None) => self.update_view(action),
        };
        self.sync_name_order();
        effect.into_iter().collect()
    }

    /// In 中文 mode names sort by pinyin; keeps the list's order in step
    /// with the language.
    fn sync_name_order(&mut self) {
        let zh = self.lang == Lang::Zh;
        if self.partners.pinyin != zh {
            self.partners.pinyin = zh;
            self.refresh_partners(self.partners.selected());
        }
    }

    fn update_view(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::ShowView(view) => self.view = view,
            Action::ToggleLanguage => self.lang = self.lang.toggled(),
            Action::JumpBack => self.jump_back(),
            Action::JumpForward => self.jump_forward(),
            _ => match self.view {
                View::Partners => return self.update_partners(action),
                View::Institutions => self.update_institutions(action),
                View::Map => self.update_map(action),
                View::Stats => self.update_stats(action),
            },
        }
        None
    }

    fn update_typing(&mut self, action: Action) {
        let Some(target) = self.typing else { return };
        let m = self.measured.partners;
        let query = match target {
            SearchTarget::Partners => &mut self.partners.query,
            SearchTarget::Events => &mut self.timeline.query,
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
                        let keep = self.partners.selected().or(self.partners.origin);
                        self.refresh_partners(keep);
                    }
                    SearchTarget::Events => {
                        let keep = self.timeline.selected().or(self.timeline.origin);
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
                match target {
                    SearchTarget::Partners => {
                        types::move_cursor(
                            &mut self.partners.list,
                            self.partners.rows.len(),
                            &action,
                            m.list_rows(),
                        );
                    }
                    SearchTarget::Events => {
                        types::move_over_items(
                            &mut self.timeline.cursor,
                            &self.timeline.rows,
                            &action,
                            m.timeline_rows(),
                        );
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
                    self.partners.detail_scroll = 0;
                }
                // The query changed: the best match is what the user wants.
                SearchTarget::Events => self.refresh_timeline(None),
            }
        }
    }

    /// A click or the wheel, against the panes the last frame drew.
    fn mouse(&mut self, kind: MouseEventKind, at: Position) {
        if self.typing.is_some() || self.overlay != Overlay::None {
            // Overlays are modal; the wheel still scrolls help.
            match kind {
                MouseEventKind::ScrollDown => self.mouse_overlay(true),
                MouseEventKind::ScrollUp => self.mouse_overlay(false),
                _ => {}
            }
            return;
        }
        self.status = None;
        // A click on a view tab switches to that view.
        if kind == MouseEventKind::Down(crossterm::event::MouseButton::Left)
            && let Some(&(view, _)) = self.measured.tabs.iter().find(|(_, r)| r.contains(at))
        {
            self.view = view;
            return;
        }
        match self.view {
            View::Partners => self.mouse_partners(kind, at),
            View::Institutions => self.mouse_institutions(kind, at),
            View::Map | View::Stats => match kind {
                MouseEventKind::ScrollDown => {
                    self.update(Action::Down);
                }
                MouseEventKind::ScrollUp => {
                    self.update(Action::Up);
                }
                _ => {}
            },
        }
    }

    /// Takes in what a frame measured: keeps every cursor on a row and in
    /// view in the rows its list had, and every text offset within its
    /// text, so the next keys page and scroll against what is on screen.
    pub fn apply(&mut self, m: Measured) {
        self.partners
            .list
            .clamp(self.partners.rows.len(), m.partners.list_rows());
        self.timeline
            .cursor
            .clamp(self.timeline.rows.len(), m.partners.timeline_rows());
        self.institutions.cursor.clamp(
            self.institutions.rows.len(),
            measured::inner_rows(Some(m.institutions)),
        );
        // A detail pane that no longer fits cannot keep the focus.
        if m.institution_detail.is_none() {
            self.institutions.detail_focused = false;
        }
        let clamp = |offset: &mut usize, size: Option<measured::TextSize>| {
            if let Some(max) = measured::limit(size) {
                *offset = (*offset).min(max);
            }
        };
        match &mut self.overlay {
            Overlay::Picker(p) => p.cursor.clamp(p.rows.len(), m.picker_rows),
            Overlay::Help { scroll } => clamp(scroll, m.scroll.help),
            Overlay::Event(p) => clamp(&mut p.scroll, m.scroll.event),
            Overlay::None => {}
        }
        clamp(&mut self.partners.detail_scroll, m.scroll.detail);
        clamp(&mut self.institutions.scroll, m.scroll.institution);
        clamp(&mut self.stats.scroll, m.scroll.stats);
        self.measured = m;
    }
}
