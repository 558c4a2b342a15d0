//! Which partners and events to show, and in what order: the filters and
//! sort orders both faces offer.

use crate::data::text::fold;
use crate::data::{CountryCode, Dataset, EventIx, Partner, PartnerIx, PartnerKind};

/// Orders for the partner list; `as_str` is the name the command line and
/// the explorer's status line use.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    strum::VariantArray,
    strum::EnumCount,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "lowercase")]
pub enum SortKey {
    #[default]
    Name,
    Country,
    Established,
    /// The official number of a sister city (No. 1 is the first).
    Order,
}

crate::data::model::variants!(SortKey);

impl SortKey {
    /// The next order in the cycle name → country → established → name.
    pub fn next(self) -> Self {
        Self::ALL
            .get(self as usize + 1)
            .copied()
            .unwrap_or(Self::Name)
    }
}

/// Which partners to keep. Empty `countries` means every country.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartnerFilter {
    pub countries: Vec<CountryCode>,
    pub kind: Option<PartnerKind>,
}

impl PartnerFilter {
    pub fn accepts(&self, p: &Partner) -> bool {
        self.kind.is_none_or(|k| p.kind == k)
            && (self.countries.is_empty() || self.countries.contains(&p.country))
    }
}

/// Partners passing the filter, in the given order.
pub fn filter_partners(data: &Dataset, filter: &PartnerFilter, sort: SortKey) -> Vec<PartnerIx> {
    let mut out: Vec<PartnerIx> = (0..data.partners.len())
        .filter(|&i| filter.accepts(&data.partners[i]))
        .collect();
    sort_partners(data, &mut out, sort);
    out
}

/// Sorts partner indices. Name order folds case and accents (Düsseldorf among
/// the Ds); country order groups by country name, then name; established puts
/// the oldest first and undated partners last.
pub fn sort_partners(data: &Dataset, ixs: &mut [PartnerIx], sort: SortKey) {
    let p = &data.partners;
    match sort {
        SortKey::Name => ixs.sort_by_cached_key(|&i| (fold(&p[i].name), i)),
        SortKey::Country => ixs.sort_by_cached_key(|&i| {
            (
                data.country_name(p[i].country).to_string(),
                fold(&p[i].name),
                i,
            )
        }),
        SortKey::Established => ixs.sort_by_cached_key(|&i| {
            (
                p[i].established.is_none(),
                p[i].established,
                fold(&p[i].name),
                i,
            )
        }),
        SortKey::Order => ixs.sort_by_cached_key(|&i| {
            (
                p[i].order.is_none(),
                p[i].order,
                p[i].established.is_none(),
                p[i].established,
                fold(&p[i].name),
                i,
            )
        }),
    }
}

/// Name order for Chinese readers: by the pinyin of the Chinese name
/// (the English name, folded, where there is none), as dictionaries do.
pub fn sort_partners_by_pinyin(data: &Dataset, ixs: &mut [PartnerIx]) {
    let p = &data.partners;
    ixs.sort_by_cached_key(|&i| {
        let key = match &p[i].name_zh {
            Some(zh) => pinyin_key(zh),
            None => fold(&p[i].name),
        };
        (key, fold(&p[i].name), i)
    });
}

/// The toneless pinyin of each Han character, other characters folded.
pub fn pinyin_key(text: &str) -> String {
    use pinyin::ToPinyin;
    let mut out = String::with_capacity(text.len() * 3);
    for (c, py) in text.chars().zip(text.to_pinyin()) {
        match py {
            Some(py) => out.push_str(py.plain()),
            None => out.push_str(&fold(c.encode_utf8(&mut [0; 4]))),
        }
        out.push(' ');
    }
    out
}

/// Which events to keep.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    pub from_year: Option<u16>,
    pub to_year: Option<u16>,
    pub partner: Option<PartnerIx>,
    pub countries: Vec<CountryCode>,
}

/// Events passing the filter, oldest first.
pub fn filter_events(data: &Dataset, filter: &EventFilter) -> Vec<EventIx> {
    (0..data.events.len())
        .filter(|&i| {
            let e = &data.events[i];
            let y = e.date.year();
            filter.from_year.is_none_or(|f| y >= f)
                && filter.to_year.is_none_or(|t| y <= t)
                && filter.partner.is_none_or(|p| e.partners.contains(&p))
                && (filter.countries.is_empty()
                    || e.countries.iter().any(|c| filter.countries.contains(c)))
        })
        .collect()
}

/// Sorts partner indices by their number in the official order of their
/// kind (sister cities first, then cooperative cities, each No. 1 up);
/// partners without a number come last, by name.
pub fn sort_by_order(data: &Dataset, ixs: &mut [PartnerIx]) {
    let p = &data.partners;
    ixs.sort_by_cached_key(|&i| {
        (
            p[i].order.is_none(),
            p[i].kind != PartnerKind::Sister,
            p[i].order,
            fold(&p[i].name),
            i,
        )
    });
}

/// Great-circle distance from Shenyang (the dataset's home) to a partner,
/// in km; `None` without coordinates.
pub fn distance_km(data: &Dataset, ix: PartnerIx) -> Option<f64> {
    let home = data.home.location;
    data.partners[ix]
        .location
        .map(|l| crate::geo::haversine_km((home.lon, home.lat), (l.lon, l.lat)))
}

/// Sorts partner indices nearest to Shenyang first; partners without
/// coordinates come last, by name.
pub fn sort_by_distance(data: &Dataset, ixs: &mut [PartnerIx]) {
    let p = &data.partners;
    ixs.sort_by_cached_key(|&i| {
        // Metres are exact enough and give a total order.
        let m = distance_km(data, i).map(|km| (km * 1000.0).round() as u64);
        (m.is_none(), m, fold(&p[i].name), i)
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    fn names(data: &Dataset, ixs: impl IntoIterator<Item = usize>) -> Vec<String> {
        ixs.into_iter()
            .map(|i| data.partners[i].name.clone())
            .collect()
    }
    #[test]
    fn sorts() {
        let data = load_embedded().unwrap();
        let by_name = filter_partners(&data, &PartnerFilter::default(), SortKey::Name);
        let shown = names(&data, by_name.iter().copied());
        let mut folded: Vec<String> = shown.iter().map(|n| fold(n)).collect();
        let before = folded.clone();
        folded.sort();
        assert_eq!(folded, before);
        let by_year = filter_partners(&data, &PartnerFilter::default(), SortKey::Established);
        assert_eq!(data.partners[by_year[0]].id, "sapporo");
        assert!(
            data.partners[*by_year.last().unwrap()]
                .established
                .is_none()
        );
    }

    #[test]
    fn filters_by_kind_and_country() {
        let data = load_embedded().unwrap();
        let kr = CountryCode::parse("KR").unwrap();
        let f = PartnerFilter {
            countries: vec![kr],
            kind: Some(PartnerKind::Sister),
        };
        let got = filter_partners(&data, &f, SortKey::Name);
        assert!(!got.is_empty());
        assert!(got.iter().all(
            |&i| data.partners[i].country == kr && data.partners[i].kind == PartnerKind::Sister
        ));
    }

    #[test]
    fn events_filter_by_year_partner_and_country() {
        let data = load_embedded().unwrap();
        let f = EventFilter {
            from_year: Some(2018),
            to_year: Some(2018),
            ..Default::default()
        };
        let got = filter_events(&data, &f);
        assert!(!got.is_empty());
        assert!(got.iter().all(|&i| data.events[i].date.year() == 2018));
        let karachi = data.partner_index("karachi").unwrap();
        let f = EventFilter {
            partner: Some(karachi),
            ..Default::default()
        };
        let got = filter_events(&data, &f);
        assert!(got.len() >= 2);
        assert!(
            got.windows(2)
                .all(|w| data.events[w[0]].date <= data.events[w[1]].date)
        );
    }

    #[test]
    fn sort_keys_cycle_and_keep_their_names() {
        let names: Vec<&str> = SortKey::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(names, ["name", "country", "established", "order"]);
        assert_eq!(SortKey::Name.next(), SortKey::Country);
        assert_eq!(SortKey::Country.next(), SortKey::Established);
        assert_eq!(SortKey::Established.next(), SortKey::Order);
        assert_eq!(SortKey::Order.next(), SortKey::Name);
    }
}
