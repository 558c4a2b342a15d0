//! The timeline's event search for the command line (`timeline --search`):
//! one function, so the engine behind it can change without touching the
//! command.

use std::borrow::Cow;

use super::search::{EventIndex, search_events_in};
use crate::data::{Dataset, EventIx};

/// The candidates whose title, place, date or partners match `query`, in
/// the candidates' order (chronological for the timeline). `title` words
/// each row's title, as the explorer's event search indexes it.
pub fn search_events<'a>(
    data: &'a Dataset,
    title: impl Fn(EventIx) -> Cow<'a, str>,
    query: &str,
    candidates: &[EventIx],
) -> Vec<EventIx> {
    // The explorer's engine (`search/events.rs`): words, prefixes, runs of
    // characters, partners in every script, countries, dates; hits in the
    // candidates' order.
    let index = EventIndex::new(data, title);
    search_events_in(data, &index, query, candidates)
        .into_iter()
        .map(|h| h.ix)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;
    use crate::query::{EventFilter, filter_events};

    #[test]
    fn finds_events_by_partner_name_in_chronological_order() {
        let data = load_embedded().unwrap();
        let all = filter_events(&data, &EventFilter::default());
        let title = |ix: EventIx| Cow::Borrowed(data.events[ix].title.as_str());
        let hits = search_events(&data, title, "sapporo", &all);
        assert!(!hits.is_empty());
        assert!(
            hits.windows(2)
                .all(|w| data.events[w[0]].date <= data.events[w[1]].date)
        );
        assert!(search_events(&data, title, "zzzzqqqq", &all).is_empty());
    }
}
