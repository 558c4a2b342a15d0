//! What opens over a view: the help, the country picker and an event's
//! detail, and how keys act on each.

use super::State;
use super::action::Action;
use super::types::{Cursor, Focus, PickerRow, is_move, move_cursor, scroll};
use crate::data::{CountryCode, EventIx, PartnerIx};
use crate::query::PartnerFilter;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help { scroll: usize },
    Picker(Picker),
    Event(EventPopup),
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
    /// Picks the timeline's country (counting events) instead of the
    /// partner list's.
    pub for_events: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventPopup {
    pub event: EventIx,
    /// Index into the event's partners of the highlighted one.
    pub partner: usize,
    pub scroll: usize,
}

impl State {
    pub(super) fn update_help(&mut self, action: Action) {
        let page = usize::from(self.measured.screen.height.saturating_sub(6));
        let limit = super::measured::limit(self.measured.scroll.help);
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
            nav => scroll(s, &nav, page, limit),
        }
    }

    pub(super) fn open_picker(&mut self) {
        let for_events = self.view == super::View::Partners && self.focus == Focus::Timeline;
        let (counts, total) = if for_events {
            self.event_picker_counts()
        } else {
            self.picker_counts()
        };
        let mut picker = Picker {
            query: String::new(),
            rows: Vec::new(),
            cursor: Cursor::default(),
            counts,
            total,
            for_events,
        };
        self.fill_picker(&mut picker);
        // Start on the country already chosen, if any.
        let chosen = if for_events {
            self.timeline.countries.first()
        } else {
            self.partners.filter.countries.first()
        };
        if let Some(&code) = chosen {
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
            ..self.partners.filter.clone()
        };
        let candidates: Vec<PartnerIx> = (0..self.data.partners.len())
            .filter(|&i| kind_only.accepts(&self.data.partners[i]))
            .collect();
        let listed: Vec<PartnerIx> = if self.partners.query.trim().is_empty() {
            candidates
        } else {
            self.partner_index
                .search(&self.partners.query, &candidates)
                .into_iter()
                .map(|h| h.ix)
                .collect()
        };
        let mut per: std::collections::HashMap<CountryCode, usize> =
            std::collections::HashMap::new();
        for &i in &listed {
            *per.entry(self.data.partners[i].country).or_default() += 1;
        }
        (self.ranked(&per), listed.len())
    }

    /// The picker's countries with their counts in `per`: the dataset's
    /// order (most partners first), re-sorted by those counts; a stable sort
    /// keeps ties in that order.
    fn ranked(
        &self,
        per: &std::collections::HashMap<CountryCode, usize>,
    ) -> Vec<(CountryCode, usize)> {
        let mut counts: Vec<(CountryCode, usize)> = self
            .data
            .partner_countries()
            .iter()
            .map(|&(c, _)| (c, per.get(&c).copied().unwrap_or(0)))
            .collect();
        counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        counts
    }

    /// How many events of the kind in force concern each country, and in all.
    fn event_picker_counts(&self) -> (Vec<(CountryCode, usize)>, usize) {
        let mut per: std::collections::HashMap<CountryCode, usize> =
            std::collections::HashMap::new();
        let mut total = 0;
        for e in &self.data.events {
            if self.timeline.kind.is_some_and(|k| k != e.kind) {
                continue;
            }
            total += 1;
            for &c in &e.countries {
                *per.entry(c).or_default() += 1;
            }
        }
        (self.ranked(&per), total)
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
            // The one country matcher (query::match_countries): best first,
            // then countries with nothing to list last (a stable sort keeps
            // the rest in score order).
            let codes: Vec<CountryCode> = countries.iter().map(|&(c, _)| c).collect();
            let mut hits = crate::query::match_countries(&self.data, &codes, q);
            hits.sort_by_key(|h| countries.get(h.ix).is_some_and(|&(_, n)| n == 0));
            rows.extend(
                hits.iter()
                    .filter_map(|h| countries.get(h.ix))
                    .map(|&(c, n)| PickerRow::Country(c, n)),
            );
        }
        picker.rows = rows;
        picker.cursor.clamp(picker.rows.len(), 1);
    }

    pub(super) fn update_picker(&mut self, action: Action) {
        let Overlay::Picker(mut picker) = std::mem::replace(&mut self.overlay, Overlay::None)
        else {
            return;
        };
        match action {
            Action::Back => return,
            Action::Open => {
                let chosen = match picker.rows.get(picker.cursor.selected) {
                    Some(PickerRow::All(_)) => Vec::new(),
                    Some(PickerRow::Country(c, _)) => vec![*c],
                    None => {
                        // Nothing matches what was typed: keep the picker open.
                        self.overlay = Overlay::Picker(picker);
                        return;
                    }
                };
                if picker.for_events {
                    self.timeline.countries = chosen;
                    self.focus = Focus::Timeline;
                    self.refresh_timeline(self.timeline.selected());
                } else {
                    self.partners.filter.countries = chosen;
                    self.focus = Focus::List;
                    self.refresh_partners(self.partners.selected());
                }
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
                let page = self.measured.picker_rows;
                move_cursor(&mut picker.cursor, picker.rows.len(), &nav, page);
            }
        }
        self.overlay = Overlay::Picker(picker);
    }

    pub(super) fn update_event_popup(&mut self, action: Action) {
        let page = usize::from(self.measured.screen.height / 2);
        let limit = super::measured::limit(self.measured.scroll.event);
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
            Action::Down | Action::Up => scroll(&mut popup.scroll, &action, 1, limit),
            nav if is_move(&nav) => scroll(&mut popup.scroll, &nav, page, limit),
            Action::Open => {
                if let Some(&partner) = event.partners.get(popup.partner) {
                    self.remember_place();
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
            Action::JumpBack => self.jump_back(),
            Action::JumpForward => self.jump_forward(),
            Action::OpenInstitution => {
                if let Some(&i) = event.institutions.first() {
                    self.remember_place();
                    self.overlay = Overlay::None;
                    self.view = super::View::Institutions;
                    self.institutions.select(i);
                }
            }
            _ => {}
        }
    }

    /// The wheel scrolls the help; other overlays ignore the mouse.
    pub(super) fn mouse_overlay(&mut self, down: bool) {
        let limit = super::measured::limit(self.measured.scroll.help);
        if let Overlay::Help { scroll: s } = &mut self.overlay {
            let a = if down { Action::Down } else { Action::Up };
            for _ in 0..3 {
                scroll(s, &a, 1, limit);
            }
        }
    }
}
