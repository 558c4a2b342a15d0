//! The timeline in the Partners view: its search, its rows (year headings
//! and events) and its cursor.

use super::State;
use super::types::{Cursor, TimelineRow, first_item};
use crate::data::{Dataset, EventIx};
use crate::query::{self, EventFilter, Field, Hit, SearchIndex};

#[derive(Debug, Clone)]
pub struct TimelineState {
    pub query: String,
    pub rows: Vec<TimelineRow>,
    /// The events matching `query`, best first.
    pub hits: Vec<Hit>,
    /// The folded query that `hits` answer.
    last_query: Option<String>,
    pub cursor: Cursor,
    /// What was selected when the current search began.
    pub origin: Option<EventIx>,
}

impl TimelineState {
    pub fn new(data: &Dataset, index: &SearchIndex) -> Self {
        let mut s = Self {
            query: String::new(),
            rows: Vec::new(),
            hits: Vec::new(),
            last_query: None,
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

    /// Rebuilds the rows: chronological with year headings, or best match
    /// first while a query is active. Keeps `keep` selected if it is
    /// listed, else the first event.
    pub fn refresh(&mut self, data: &Dataset, index: &SearchIndex, keep: Option<EventIx>) {
        let folded = crate::data::text::fold(self.query.trim());
        let narrows =
            matches!(&self.last_query, Some(q) if !q.is_empty() && folded.starts_with(q.as_str()));
        self.hits = if self.last_query.as_ref() == Some(&folded) {
            // The same search again (a space typed between terms).
            std::mem::take(&mut self.hits)
        } else if narrows {
            index.narrow(&self.query, &self.hits)
        } else {
            let all = query::filter_events(data, &EventFilter::default());
            index.search(&self.query, &all)
        };
        let mut rows = Vec::with_capacity(self.hits.len() + 64);
        if folded.is_empty() {
            let mut year = None;
            for h in &self.hits {
                let y = data.events[h.ix].date.year();
                if year != Some(y) {
                    rows.push(TimelineRow::Year(y));
                    year = Some(y);
                }
                rows.push(TimelineRow::Event(*h));
            }
        } else {
            rows.extend(self.hits.iter().copied().map(TimelineRow::Event));
        }
        self.last_query = Some(folded);
        self.rows = rows;
        let kept = keep.and_then(|e| {
            self.rows
                .iter()
                .position(|r| matches!(r, TimelineRow::Event(h) if h.ix == e))
        });
        self.cursor.selected = kept
            .or_else(|| first_item(&self.rows, 0, true))
            .unwrap_or(0);
        if kept.is_none() {
            self.cursor.offset = 0;
        }
    }
}

impl State {
    /// Re-runs the event search, keeping `keep` selected if listed.
    pub fn refresh_timeline(&mut self, keep: Option<EventIx>) {
        self.timeline.refresh(&self.data, &self.event_index, keep);
    }

    /// Match positions in an event title.
    pub fn event_match(&self, hit: &Hit) -> Vec<usize> {
        if hit.field != Field::Title || self.timeline.query.trim().is_empty() {
            return Vec::new();
        }
        self.event_index
            .positions(hit.ix, Field::Title, &self.timeline.query)
    }
}
