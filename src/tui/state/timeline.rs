//! The timeline in the Partners view: its search and filters, its rows
//! (year headings and events, chronological) and its cursor.

use super::State;
use super::types::{Cursor, TimelineRow, first_item};
use crate::data::{CountryCode, Dataset, EventIx, EventKind};
use crate::query::{self, EventFilter, EventIndex, Field, Hit};

/// What a set of rows answers: folded query, countries, kind, order.
type Key = (String, Vec<CountryCode>, Option<EventKind>, bool);

#[derive(Debug, Clone)]
pub struct TimelineState {
    pub query: String,
    /// Events concerning one of these countries (all when empty).
    pub countries: Vec<CountryCode>,
    /// Events of this kind (all when `None`).
    pub kind: Option<EventKind>,
    /// List a search's hits best first instead of chronologically.
    pub best_first: bool,
    pub rows: Vec<TimelineRow>,
    /// The events matching `query` and the filters, oldest first.
    pub hits: Vec<Hit>,
    last: Option<Key>,
    pub cursor: Cursor,
    /// What was selected when the current search began.
    pub origin: Option<EventIx>,
}

impl TimelineState {
    pub fn new(data: &Dataset, index: &EventIndex) -> Self {
        let mut s = Self {
            query: String::new(),
            countries: Vec::new(),
            kind: None,
            best_first: false,
            rows: Vec::new(),
            hits: Vec::new(),
            last: None,
            cursor: Cursor::default(),
            origin: None,
        };
        s.refresh(data, index, None);
        s
    }

    /// The event under the cursor.
    pub fn selected(&self) -> Option<EventIx> {
        match self.rows.get(self.cursor.selected) {
            Some(TimelineRow::Event(h)) => Some(h.ix),
            _ => None,
        }
    }

    /// Whether a filter (not the query) narrows the events.
    pub fn filtered(&self) -> bool {
        !self.countries.is_empty() || self.kind.is_some()
    }

    /// Rebuilds the rows: chronological with year headings (or best first
    /// when asked, while a query is active). Keeps `keep` selected if it is
    /// listed; otherwise selects the best match of the query (the first
    /// event when there is no query).
    pub fn refresh(&mut self, data: &Dataset, index: &EventIndex, keep: Option<EventIx>) {
        let folded = crate::data::text::fold(self.query.trim());
        let key: Key = (
            folded.clone(),
            self.countries.clone(),
            self.kind,
            self.best_first,
        );
        if self.last.as_ref() != Some(&key) {
            let filter = EventFilter {
                countries: self.countries.clone(),
                ..EventFilter::default()
            };
            let mut candidates = query::filter_events(data, &filter);
            if let Some(kind) = self.kind {
                candidates.retain(|&e| data.events.get(e).is_some_and(|e| e.kind == kind));
            }
            self.hits = query::search_events_in(data, index, &self.query, &candidates);
            let mut rows = Vec::with_capacity(self.hits.len() + 64);
            if self.best_first && !folded.is_empty() {
                rows.extend(
                    query::best_first(&self.hits)
                        .into_iter()
                        .map(TimelineRow::Event),
                );
            } else {
                let mut year = None;
                for h in &self.hits {
                    let y = data.events.get(h.ix).map_or(0, |e| e.date.year());
                    if year != Some(y) {
                        rows.push(TimelineRow::Year(y));
                        year = Some(y);
                    }
                    rows.push(TimelineRow::Event(*h));
                }
            }
            self.rows = rows;
            self.last = Some(key);
        }
        let position = |e: EventIx| {
            self.rows
                .iter()
                .position(|r| matches!(r, TimelineRow::Event(h) if h.ix == e))
        };
        let kept = keep.and_then(position);
        let best = if folded.is_empty() {
            None
        } else {
            query::best_hit(&self.hits).and_then(|i| position(self.hits[i].ix))
        };
        self.cursor.selected = kept
            .or(best)
            .or_else(|| first_item(&self.rows, 0, true))
            .unwrap_or(0);
        if kept.is_none() {
            // Show the year heading above the selected event.
            self.cursor.offset = self.cursor.selected.saturating_sub(1);
            if best.is_none() {
                self.cursor.offset = 0;
            }
        }
    }
}

impl State {
    /// Re-runs the event search, keeping `keep` selected if listed, else
    /// selecting the best match.
    pub fn refresh_timeline(&mut self, keep: Option<EventIx>) {
        self.timeline.refresh(&self.data, &self.event_index, keep);
    }

    /// Match positions in an event title.
    pub fn event_match(&self, hit: &Hit) -> Vec<usize> {
        if hit.field != Field::Title || self.timeline.query.trim().is_empty() {
            return Vec::new();
        }
        let title = crate::present::words::event_title(&self.data, hit.ix, self.lang);
        EventIndex::title_positions(&title, &self.timeline.query)
    }
}
