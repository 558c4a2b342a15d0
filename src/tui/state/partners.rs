//! The Partners view's list and detail: filters, sort, search, the list
//! cursor and the detail's scroll; and how keys and clicks move them.

use crossterm::event::{MouseButton, MouseEventKind};
use ratatui::layout::Position;

use super::action::{Action, Effect};
use super::overlay::{EventPopup, Overlay};
use super::types::{Cursor, Focus, SearchTarget, TimelineRow, View, move_cursor, move_over_items};
use super::{State, Status};
use crate::data::{Dataset, PartnerIx, PartnerKind};
use crate::query::{self, Field, Hit, PartnerFilter, SearchIndex, SortKey};

/// The partner list and the selected partner's detail.
#[derive(Debug, Clone)]
pub struct PartnersState {
    pub filter: PartnerFilter,
    pub sort: SortKey,
    pub query: String,
    /// The visible partners, in display order.
    pub rows: Vec<Hit>,
    /// Folded query, filter, order and name script that `rows` answer.
    last_search: Option<(String, PartnerFilter, SortKey, bool)>,
    /// Sort names by the pinyin of their Chinese names (中文 mode).
    pub pinyin: bool,
    pub list: Cursor,
    pub detail_scroll: usize,
    /// What was selected when the current search began, so clearing the
    /// search can return to it when the results selected nothing.
    pub origin: Option<PartnerIx>,
    /// How many partners the dataset has (placeholder rows come after).
    partners_len: usize,
    /// Partner orders computed so far, by sort key, the last by pinyin
    /// (computed on first use).
    orders: [Option<Vec<PartnerIx>>; 5],
}

impl PartnersState {
    pub fn new(data: &Dataset, index: &SearchIndex) -> Self {
        let mut s = Self {
            filter: PartnerFilter::default(),
            sort: SortKey::Name,
            query: String::new(),
            rows: Vec::new(),
            last_search: None,
            list: Cursor::default(),
            detail_scroll: 0,
            origin: None,
            orders: [None, None, None, None, None],
            pinyin: false,
            partners_len: data.partners.len(),
        };
        s.refresh(data, index, None);
        s
    }

    /// The partner under the list cursor (none on a placeholder row).
    pub fn selected(&self) -> Option<PartnerIx> {
        self.rows
            .get(self.list.selected)
            .map(|h| h.ix)
            .filter(|&ix| ix < self.partners_len)
    }

    /// The unidentified relation (index into `Dataset::unidentified`)
    /// whose placeholder row is under the cursor.
    pub fn placeholder(&self) -> Option<usize> {
        self.rows
            .get(self.list.selected)
            .and_then(|h| h.ix.checked_sub(self.partners_len))
    }

    /// How many rows are partners (not placeholders).
    pub fn partner_rows(&self) -> usize {
        self.rows
            .iter()
            .filter(|h| h.ix < self.partners_len)
            .count()
    }

    /// Recomputes the rows from filters, sort and query, keeping `keep`
    /// selected if it is still listed.
    pub fn refresh(&mut self, data: &Dataset, index: &SearchIndex, keep: Option<PartnerIx>) {
        self.partners_len = data.partners.len();
        let folded = crate::data::text::fold(self.query.trim());
        let key = (folded, self.filter.clone(), self.sort, self.pinyin);
        // A query that extends the previous one can only match fewer partners:
        // search among the previous hits instead of everything.
        let narrows = matches!(&self.last_search,
            Some((q, f, s, z)) if !q.is_empty() && key.0.starts_with(q.as_str()) && *f == key.1 && *s == key.2 && *z == key.3);
        // The same search again (a space typed between terms, a filter
        // picked twice) lists the same rows.
        let same = self.last_search.as_ref() == Some(&key);
        self.rows = if same {
            std::mem::take(&mut self.rows)
        } else if narrows {
            index.narrow(&self.query, &self.rows)
        } else {
            let slot = self.ensure_order(data, self.sort);
            let order = self.orders[slot].as_deref().unwrap_or(&[]);
            if self.filter == PartnerFilter::default() {
                index.search(&self.query, order)
            } else {
                let candidates: Vec<PartnerIx> = order
                    .iter()
                    .copied()
                    .filter(|&i| self.filter.accepts(&data.partners[i]))
                    .collect();
                index.search(&self.query, &candidates)
            }
        };
        if !same && key.0.is_empty() && self.filter.countries.is_empty() {
            self.insert_placeholders(data);
        }
        self.last_search = Some(key);
        self.list.selected = keep
            .and_then(|p| self.rows.iter().position(|h| h.ix == p))
            .unwrap_or(0);
        if keep.is_none() {
            self.list.offset = 0;
        }
        self.detail_scroll = 0;
    }

    /// Computes the partners' order for a sort key once; returns its slot.
    fn ensure_order(&mut self, data: &Dataset, sort: SortKey) -> usize {
        let slot = match sort {
            SortKey::Name if self.pinyin => 4,
            SortKey::Name => 0,
            SortKey::Country => 1,
            SortKey::Established => 2,
            SortKey::Order => 3,
        };
        if self.orders[slot].is_none() {
            let mut all: Vec<PartnerIx> = (0..data.partners.len()).collect();
            if slot == 4 {
                query::sort_partners_by_pinyin(data, &mut all);
            } else {
                query::sort_partners(data, &mut all, sort);
            }
            self.orders[slot] = Some(all);
        }
        slot
    }

    /// Puts the unidentified sister cities (issue 9) into a list sorted by
    /// date or number, as placeholder rows where their date window or
    /// number puts them. Their `ix` is past the partners
    /// (`partners.len() + u`); `selected` never returns one.
    fn insert_placeholders(&mut self, data: &Dataset) {
        if !matches!(self.sort, SortKey::Established | SortKey::Order) {
            return;
        }
        let n = data.partners.len();
        for (u, x) in data.unidentified.iter().enumerate() {
            if self.filter.kind.is_some_and(|k| k != x.kind) {
                continue;
            }
            let at = self
                .rows
                .iter()
                .position(|h| {
                    let Some(p) = data.partners.get(h.ix) else {
                        return false;
                    };
                    match self.sort {
                        SortKey::Order => p.order.is_none_or(|o| o > x.order),
                        _ => p.established.is_none_or(|d| d > x.after),
                    }
                })
                .unwrap_or(self.rows.len());
            self.rows.insert(
                at,
                Hit {
                    ix: n + u,
                    score: 0,
                    field: Field::Name,
                    rank: u32::MAX,
                },
            );
        }
    }

    /// Moves the list cursor; a new selection starts its detail at the top.
    pub fn move_list(&mut self, action: &Action, page: usize) {
        let before = self.list.selected;
        move_cursor(&mut self.list, self.rows.len(), action, page);
        if self.list.selected != before {
            self.detail_scroll = 0;
        }
    }
}

impl State {
    /// Re-runs the partner search, keeping `keep` selected if listed.
    pub fn refresh_partners(&mut self, keep: Option<PartnerIx>) {
        self.partners.refresh(&self.data, &self.partner_index, keep);
    }

    pub(super) fn update_partners(&mut self, action: Action) -> Option<Effect> {
        let m = &self.measured.partners;
        let (list_page, detail_page, timeline_page) =
            (m.list_rows(), m.detail_rows(), m.timeline_rows());
        match action {
            Action::FocusNext => self.focus = self.focus.next(),
            Action::FocusPrev => self.focus = self.focus.prev(),
            Action::Search => {
                self.partners.origin = self.partners.selected();
                self.timeline.origin = self.timeline.selected();
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
                    SearchTarget::Partners => !self.partners.query.is_empty(),
                    SearchTarget::Events => !self.timeline.query.is_empty(),
                };
            }
            Action::CountryPicker => self.open_picker(),
            Action::NextEvent => self.step_event(true),
            Action::PrevEvent => self.step_event(false),
            Action::CycleKind if self.focus == Focus::Timeline => {
                // All kinds, then each kind in turn.
                let kinds = crate::data::EventKind::ALL;
                self.timeline.kind = match self.timeline.kind {
                    None => kinds.first().copied(),
                    Some(k) => kinds
                        .iter()
                        .position(|&x| x == k)
                        .and_then(|i| kinds.get(i + 1))
                        .copied(),
                };
                self.refresh_timeline(self.timeline.selected());
            }
            Action::CycleSort if self.focus == Focus::Timeline => {
                self.timeline.best_first = !self.timeline.best_first;
                self.refresh_timeline(self.timeline.selected());
            }
            Action::CycleKind => {
                self.partners.filter.kind = match self.partners.filter.kind {
                    None => Some(PartnerKind::Sister),
                    Some(PartnerKind::Sister) => Some(PartnerKind::Cooperative),
                    Some(PartnerKind::Cooperative) => None,
                };
                self.refresh_partners(self.partners.selected());
            }
            Action::CycleSort => {
                self.partners.sort = self.partners.sort.next();
                self.refresh_partners(self.partners.selected());
            }
            Action::Export => {
                return Some(Effect::Export {
                    partners: self
                        .partners
                        .rows
                        .iter()
                        .map(|h| h.ix)
                        .filter(|&ix| ix < self.data.partners.len())
                        .collect(),
                    dir: self
                        .export_dir
                        .clone()
                        .unwrap_or_else(|| std::path::PathBuf::from(".")),
                });
            }
            Action::Back => self.back(),
            Action::Open => match self.focus {
                Focus::List => {
                    if self.partners.selected().is_some() {
                        self.focus = Focus::Detail;
                    }
                }
                Focus::Detail => self.show_first_event(),
                Focus::Timeline => {
                    if let Some(event) = self.timeline.selected() {
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
                    let before = self.partners.selected();
                    self.partners.move_list(&nav, list_page);
                    if self.partners.selected() != before {
                        self.follow_partner();
                    }
                }
                Focus::Detail => super::types::scroll(
                    &mut self.partners.detail_scroll,
                    &nav,
                    detail_page,
                    super::measured::limit(self.measured.scroll.detail),
                ),
                Focus::Timeline => move_over_items(
                    &mut self.timeline.cursor,
                    &self.timeline.rows,
                    &nav,
                    timeline_page,
                ),
            },
        }
        None
    }

    /// Enter in a partner's detail: focus the timeline on the partner's
    /// first event (clearing a timeline search that hides it), with its
    /// year heading at the top.
    fn show_first_event(&mut self) {
        let Some(partner) = self.partners.selected() else {
            return;
        };
        let Some(&first) = self.data.events_of(partner).first() else {
            return;
        };
        self.remember_place();
        self.select_event(first);
        self.focus = Focus::Timeline;
    }

    /// Esc in the Partners view: clear the focused query, else go back to
    /// the list, else clear the filters. Never quits.
    fn back(&mut self) {
        match self.focus {
            Focus::Timeline if !self.timeline.query.is_empty() => {
                self.timeline.query.clear();
                self.refresh_timeline(self.timeline.selected().or(self.timeline.origin));
            }
            Focus::Detail | Focus::Timeline => self.focus = Focus::List,
            Focus::List if !self.partners.query.is_empty() => {
                self.partners.query.clear();
                self.refresh_partners(self.partners.selected().or(self.partners.origin));
            }
            Focus::List if self.partners.filter != PartnerFilter::default() => {
                self.partners.filter = PartnerFilter::default();
                self.refresh_partners(self.partners.selected());
                self.status = Some(Status::FiltersCleared);
            }
            Focus::List => {}
        }
    }

    /// Selects a partner in the list, widening the filters if they hide it.
    pub fn jump_to_partner(&mut self, partner: PartnerIx) {
        self.view = View::Partners;
        if !self.partners.rows.iter().any(|h| h.ix == partner) {
            self.partners.query.clear();
            if let Some(p) = self.data.partners.get(partner)
                && !self.partners.filter.accepts(p)
            {
                self.partners.filter = PartnerFilter::default();
            }
        }
        self.refresh_partners(Some(partner));
        self.focus = Focus::List;
        self.partners.detail_scroll = 0;
    }

    /// Match positions for highlighting a partner row's field.
    /// One term is marked where it matched best; each of several terms is
    /// marked wherever it matches among the fields shown.
    pub fn partner_match(&self, hit: &Hit, field: Field) -> Vec<usize> {
        let query = self.partners.query.trim();
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
            .positions(hit.ix, field, &self.partners.query)
    }

    /// A click focuses the pane it lands in and selects the row under it;
    /// the wheel moves or scrolls the pane under the pointer.
    pub(super) fn mouse_partners(&mut self, kind: MouseEventKind, at: Position) {
        let l = self.measured.partners;
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
                        let i = self.partners.list.offset + row;
                        if i < self.partners.rows.len() {
                            if i != self.partners.list.selected {
                                self.partners.detail_scroll = 0;
                            }
                            self.partners.list.selected = i;
                        }
                    }
                    Focus::Timeline => {
                        let i = self.timeline.cursor.offset + row;
                        if let Some(TimelineRow::Event(_)) = self.timeline.rows.get(i) {
                            self.timeline.cursor.selected = i;
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
                            move_cursor(&mut self.partners.list, self.partners.rows.len(), &a, 1);
                        }
                        self.partners.detail_scroll = 0;
                    }
                    Focus::Detail => {
                        for _ in 0..3 {
                            super::types::scroll(
                                &mut self.partners.detail_scroll,
                                &a,
                                1,
                                super::measured::limit(self.measured.scroll.detail),
                            );
                        }
                    }
                    Focus::Timeline => {
                        for _ in 0..3 {
                            move_over_items(&mut self.timeline.cursor, &self.timeline.rows, &a, 1);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}
