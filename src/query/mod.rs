//! The one query engine behind both the command line and the explorer:
//! which records to show and in what order ([`filter`]), fuzzy search over
//! folded text with match positions mapped back to what the user sees
//! ([`search`]), and turning what a user typed into a partner or a country,
//! with suggestions when nothing matches ([`resolve`]).

pub mod event_search;
pub mod filter;
pub mod resolve;
pub mod search;

pub use event_search::search_events;
pub use filter::{
    EventFilter, PartnerFilter, SortKey, distance_km, filter_events, filter_partners, pinyin_key,
    sort_by_distance, sort_by_order, sort_partners, sort_partners_by_pinyin,
};
pub use resolve::{
    CountryHit, MAX_COUNTRY_INPUT, MAX_PARTNER_INPUT, UnknownCountry, Unresolved, match_countries,
    resolve_country, resolve_partner,
};
pub use search::{
    EventIndex, Field, Hit, LARGE_SEARCH, SearchIndex, best_first, best_hit, search_events_in,
};
