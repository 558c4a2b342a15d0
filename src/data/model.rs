//! The trusted, validated dataset the rest of the program works with.
//!
//! Values of these types only come out of [`super::validate`]: ids are unique
//! slugs, references resolve, country codes are assigned ISO codes, dates are
//! real dates, coordinates are in range and every text field is clean.

use std::collections::{BTreeMap, HashMap};

pub use super::country::{CountryCode, CountryNames};
pub use super::date::{PartialDate, Precision};
pub use super::raw::{EventKind, Grade, InstitutionKind, NameFrom, PartnerKind, PendingStatus};

/// Index of a partner in [`Dataset::partners`].
pub type PartnerIx = usize;
/// Index of an event in [`Dataset::events`].
pub type EventIx = usize;

/// Index of an institution in [`Dataset::institutions`].
pub type InstitutionIx = usize;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Location {
    pub lat: f64,
    pub lon: f64,
}

/// A cited page and how far its site can be trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub url: String,
    pub grade: Grade,
}

/// Where a point comes from: a GeoNames record, or a cited page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PointSource {
    Geonames(u32),
    Page(Source),
}

/// Sites of the GeoNames gazetteer's records.
pub const GEONAMES_URL: &str = "https://www.geonames.org/";

impl PointSource {
    /// The page that gives the point.
    pub fn url(&self) -> std::borrow::Cow<'_, str> {
        match self {
            PointSource::Geonames(id) => format!("{GEONAMES_URL}{id}").into(),
            PointSource::Page(s) => s.url.as_str().into(),
        }
    }

    /// A gazetteer is reference material.
    pub fn grade(&self) -> Grade {
        match self {
            PointSource::Geonames(_) => Grade::Reference,
            PointSource::Page(s) => s.grade,
        }
    }

    pub fn geonames(&self) -> Option<u32> {
        match self {
            PointSource::Geonames(id) => Some(*id),
            PointSource::Page(_) => None,
        }
    }
}

/// The best grade among sources: how far a record can be trusted.
/// A record always has a source; an empty list (never validated) counts as
/// the weakest grade.
pub fn best_grade(sources: &[Source]) -> Grade {
    sources
        .iter()
        .map(|s| s.grade)
        .min()
        .unwrap_or(Grade::Mirror)
}

#[derive(Debug, Clone, PartialEq)]
pub struct Home {
    pub name: String,
    pub name_zh: Option<String>,
    pub aliases: Vec<String>,
    pub country: CountryCode,
    pub location: Location,
    pub location_source: PointSource,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OfficialTotal {
    pub as_of: PartialDate,
    pub sister: Option<u32>,
    pub cooperative: Option<u32>,
    pub cities: Option<u32>,
    pub countries: Option<u32>,
    pub note: Option<String>,
    pub sources: Vec<Source>,
}

impl OfficialTotal {
    /// Partner cities of both kinds, as stated (never derived: a sum of two
    /// counts from one statement may not be what the source says).
    pub fn all_cities(&self) -> Option<u32> {
        self.cities
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct OfficialFigure {
    pub kind: InstitutionKind,
    pub label: String,
    /// The label in Chinese, when the dataset gives it.
    pub label_zh: Option<String>,
    pub count: u32,
    pub as_of: PartialDate,
    pub note: Option<String>,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KindChange {
    pub date: PartialDate,
    pub kind: PartnerKind,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Partner {
    pub id: String,
    pub name: String,
    pub name_local: Option<String>,
    pub name_zh: Option<String>,
    pub name_zh_from: NameFrom,
    pub aliases: Vec<String>,
    pub country: CountryCode,
    pub kind: PartnerKind,
    pub established: Option<PartialDate>,
    pub order: Option<u32>,
    pub location: Option<Location>,
    pub location_source: Option<PointSource>,
    pub summary: String,
    pub notes: Vec<String>,
    pub awards: Vec<String>,
    pub history: Vec<KindChange>,
    pub uncertain: bool,
    pub provenance: Vec<String>,
    /// The best grade among `sources`.
    pub confidence: Grade,
    /// Best grade first (file order among equals).
    pub sources: Vec<Source>,
}

impl Partner {
    /// The steps of the relation, oldest first: its founding, then each
    /// change of kind. From `history` where given, else from `established`.
    pub fn relation_steps(&self) -> Vec<(PartialDate, PartnerKind)> {
        if self.history.is_empty() {
            self.established
                .map(|d| (d, self.kind))
                .into_iter()
                .collect()
        } else {
            self.history.iter().map(|h| (h.date, h.kind)).collect()
        }
    }
}

/// What a relation step was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Change {
    /// The relation began.
    Established,
    /// It became a sister-city relation.
    Upgraded,
    /// Any other change of kind.
    Changed,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Established => "established",
            Change::Upgraded => "upgraded",
            Change::Changed => "changed",
        }
    }
}

/// A step of a partner's relation that a timeline row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelationMark {
    pub partner: PartnerIx,
    pub change: Change,
    /// The kind the relation had from this step on.
    pub kind: PartnerKind,
    /// The official number, on the founding of a numbered relation.
    pub order: Option<u32>,
}

/// Where a timeline row comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Written in the events list.
    Recorded,
    /// Derived from a partner record: its founding or a change of kind
    /// that no recorded event is the signing of.
    Relation,
    /// An unidentified numbered relation, placed in its date window.
    Unidentified(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: String,
    pub date: PartialDate,
    pub title: String,
    pub place: Option<String>,
    pub kind: EventKind,
    /// Partners concerned, as indices into [`Dataset::partners`].
    pub partners: Vec<PartnerIx>,
    /// Countries concerned: those listed in the file plus the partners' own,
    /// sorted and without repeats.
    pub countries: Vec<CountryCode>,
    pub other_cities: Vec<String>,
    /// Empty for derived rows: the presentation words them.
    pub summary: String,
    pub notes: Vec<String>,
    pub provenance: Vec<String>,
    pub origin: Origin,
    /// Relation steps this row stands for (a derived row, or a recorded
    /// event that is the signing of them).
    pub relations: Vec<RelationMark>,
    /// Institutions concerned, as indices into [`Dataset::institutions`].
    pub institutions: Vec<InstitutionIx>,
    pub confidence: Grade,
    pub sources: Vec<Source>,
}

impl Event {
    pub fn is_derived(&self) -> bool {
        self.origin != Origin::Recorded
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Institution {
    pub id: String,
    pub name: String,
    pub name_zh: Option<String>,
    pub name_local: Option<String>,
    pub kind: InstitutionKind,
    pub country: Option<CountryCode>,
    pub opened: Option<PartialDate>,
    pub district: Option<String>,
    pub location: Option<Location>,
    pub location_source: Option<PointSource>,
    pub summary: String,
    pub notes: Vec<String>,
    pub counts_toward_official: bool,
    pub provenance: Vec<String>,
    pub confidence: Grade,
    pub sources: Vec<Source>,
}

/// A numbered relation the official figures imply but no source identifies.
#[derive(Debug, Clone, PartialEq)]
pub struct Unidentified {
    pub kind: PartnerKind,
    pub order: u32,
    pub after: PartialDate,
    pub before: PartialDate,
    pub candidates: Vec<PartnerIx>,
    pub note: String,
    pub sources: Vec<Source>,
}

/// A city that is not (yet) a partner.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub id: String,
    pub name: String,
    pub name_local: Option<String>,
    pub name_zh: Option<String>,
    pub name_zh_from: NameFrom,
    pub country: CountryCode,
    pub status: PendingStatus,
    pub intended_kind: Option<PartnerKind>,
    pub date: Option<PartialDate>,
    pub location: Option<Location>,
    pub location_source: Option<PointSource>,
    pub summary: String,
    pub notes: Vec<String>,
    pub confidence: Grade,
    pub sources: Vec<Source>,
}

/// Classifications of several partners that cannot all be right.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub partners: Vec<PartnerIx>,
    pub summary: String,
    pub sources: Vec<Source>,
}

/// A validated partnerships dataset with its lookup tables.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub home: Home,
    /// Oldest first.
    pub official_totals: Vec<OfficialTotal>,
    pub official_institutions: Vec<OfficialFigure>,
    /// In file order.
    pub partners: Vec<Partner>,
    /// Chronological; events on the same date keep their file order.
    pub events: Vec<Event>,
    pub institutions: Vec<Institution>,
    /// Ordered by kind and number.
    pub unidentified: Vec<Unidentified>,
    pub pending: Vec<Pending>,
    pub conflicts: Vec<Conflict>,
    /// Every graded host, in file order.
    pub source_hosts: Vec<(String, Grade)>,
    /// Names of every country the dataset mentions.
    pub(crate) country_names: BTreeMap<CountryCode, CountryNames>,
    pub(crate) partner_by_id: HashMap<String, PartnerIx>,
    /// For each partner, its events in chronological order.
    pub(crate) partner_events: Vec<Vec<EventIx>>,
    /// Derived once by `index`: countries by partner count, and coverage.
    pub(crate) partner_countries: Vec<(CountryCode, usize)>,
    pub(crate) coverage: Coverage,
}

impl Dataset {
    pub fn partner_by_id(&self, id: &str) -> Option<&Partner> {
        self.partner_by_id.get(id).map(|&ix| &self.partners[ix])
    }

    pub fn partner_index(&self, id: &str) -> Option<PartnerIx> {
        self.partner_by_id.get(id).copied()
    }

    /// The conflicts that name a partner.
    pub fn conflicts_of(&self, partner: PartnerIx) -> impl Iterator<Item = &Conflict> {
        self.conflicts
            .iter()
            .filter(move |c| c.partners.contains(&partner))
    }

    /// The unidentified relation a placeholder row stands for.
    pub fn unidentified_of(&self, e: &Event) -> Option<&Unidentified> {
        match e.origin {
            Origin::Unidentified(u) => self.unidentified.get(u),
            _ => None,
        }
    }

    /// Events that concern a partner, oldest first.
    pub fn events_of(&self, partner: PartnerIx) -> &[EventIx] {
        self.partner_events.get(partner).map_or(&[], Vec::as_slice)
    }

    /// English name of a country the dataset mentions, or the code itself.
    pub fn country_name(&self, code: CountryCode) -> &str {
        match self.country_names.get(&code) {
            Some(names) => &names.en,
            None => code.static_name(),
        }
    }

    /// Chinese name of a country, falling back to English.
    pub fn country_name_zh(&self, code: CountryCode) -> &str {
        match self.country_names.get(&code) {
            Some(CountryNames { zh: Some(zh), .. }) => zh,
            _ => self.country_name(code),
        }
    }

    /// Every country the partners belong to, with how many partners each has,
    /// most partners first, then by English name.
    pub fn partner_countries(&self) -> &[(CountryCode, usize)] {
        &self.partner_countries
    }

    fn count_partner_countries(&self) -> Vec<(CountryCode, usize)> {
        let mut counts: BTreeMap<CountryCode, usize> = BTreeMap::new();
        for p in &self.partners {
            *counts.entry(p.country).or_default() += 1;
        }
        let mut out: Vec<(CountryCode, usize)> = counts.into_iter().collect();
        out.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| self.country_name(a.0).cmp(self.country_name(b.0)))
        });
        out
    }

    /// Fills the derived tables; called once when a dataset is assembled.
    pub(crate) fn index(&mut self) {
        self.partner_countries = self.count_partner_countries();
        self.coverage = self.compute_coverage();
    }

    /// The official count the program compares the dataset with: the most
    /// recent statement that gives sister, cooperative and country counts
    /// together (so the figures belong to one moment), else the most recent one.
    pub fn reference_total(&self) -> Option<&OfficialTotal> {
        self.official_totals
            .iter()
            .rev()
            .find(|t| t.sister.is_some() && t.cooperative.is_some() && t.countries.is_some())
            .or_else(|| self.official_totals.last())
    }

    /// How much of the official totals the dataset documents.
    pub fn coverage(&self) -> Coverage {
        self.coverage
    }

    fn compute_coverage(&self) -> Coverage {
        let sister = self
            .partners
            .iter()
            .filter(|p| p.kind == PartnerKind::Sister)
            .count();
        let cooperative = self.partners.len() - sister;
        let countries = self.partner_countries().len();
        let official = self.reference_total();
        Coverage {
            sister,
            cooperative,
            countries,
            cities: self.partners.len(),
            official_sister: official.and_then(|t| t.sister),
            official_cooperative: official.and_then(|t| t.cooperative),
            official_countries: official.and_then(|t| t.countries),
            official_cities: official.and_then(OfficialTotal::all_cities),
            as_of: official.map(|t| t.as_of),
        }
    }

    /// Institutions of a kind, with how many of them the official figures cover.
    pub fn institution_coverage(&self, kind: InstitutionKind) -> InstitutionCoverage<'_> {
        let of_kind = self.institutions.iter().filter(|i| i.kind == kind);
        InstitutionCoverage {
            kind,
            documented: of_kind.clone().count(),
            counted: of_kind.filter(|i| i.counts_toward_official).count(),
            official: self
                .official_institutions
                .iter()
                .filter(|f| f.kind == kind)
                .collect(),
        }
    }
}

/// Documented partners beside the reference official totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Coverage {
    pub sister: usize,
    pub cooperative: usize,
    pub countries: usize,
    pub cities: usize,
    pub official_sister: Option<u32>,
    pub official_cooperative: Option<u32>,
    pub official_countries: Option<u32>,
    pub official_cities: Option<u32>,
    pub as_of: Option<PartialDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InstitutionCoverage<'a> {
    pub kind: InstitutionKind,
    /// Records of this kind in the dataset.
    pub documented: usize,
    /// Of those, the ones the official figures count.
    pub counted: usize,
    pub official: Vec<&'a OfficialFigure>,
}

/// Gives fieldless enums that derive strum's `VariantArray`, `EnumCount`
/// and `IntoStaticStr` their `ALL` (every variant in declaration order, as
/// an array, so `for k in Kind::ALL` yields values) and `as_str` (the name
/// in JSON and CSV output, spelled by the enum's `#[strum(serialize_all)]`).
macro_rules! variants {
    ($($t:ty),* $(,)?) => {$(
        impl $t {
            pub const ALL: [$t; <$t as strum::EnumCount>::COUNT] =
                $crate::data::model::array(<$t as strum::VariantArray>::VARIANTS);

            pub fn as_str(self) -> &'static str {
                self.into()
            }
        }
    )*};
}
pub(crate) use variants;

/// A slice of variants as an array of the length the enum counts (both
/// come from strum's derives, so they agree; evaluated at compile time).
pub(crate) const fn array<T: Copy, const N: usize>(variants: &[T]) -> [T; N] {
    let mut out = [variants[0]; N];
    let mut i = 1;
    while i < N {
        out[i] = variants[i];
        i += 1;
    }
    out
}

variants!(
    PartnerKind,
    EventKind,
    InstitutionKind,
    Grade,
    PendingStatus,
    NameFrom
);

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde::de::value::{Error, U32Deserializer};

    /// `ALL` holds every variant in declaration order: variant `i`
    /// deserializes from its index, and there is none after the last.
    fn lists_every_variant<'de, T>(all: &[T])
    where
        T: Deserialize<'de> + PartialEq + std::fmt::Debug,
    {
        for (i, v) in all.iter().enumerate() {
            let got = T::deserialize(U32Deserializer::<Error>::new(i as u32));
            assert_eq!(got.as_ref().ok(), Some(v), "variant {i}");
        }
        let past = T::deserialize(U32Deserializer::<Error>::new(all.len() as u32));
        assert!(past.is_err(), "a variant after {:?} is missing", all.last());
    }

    #[test]
    fn every_kind_list_is_complete() {
        lists_every_variant(&PartnerKind::ALL);
        lists_every_variant(&EventKind::ALL);
        lists_every_variant(&InstitutionKind::ALL);
        lists_every_variant(&Grade::ALL);
        lists_every_variant(&PendingStatus::ALL);
        lists_every_variant(&NameFrom::ALL);
    }

    /// The names are JSON and CSV values: they must not change.
    #[test]
    fn names_stay_as_output_spells_them() {
        let names = |all: &[&'static str]| all.join(" ");
        assert_eq!(
            names(&PartnerKind::ALL.map(PartnerKind::as_str)),
            "sister cooperative"
        );
        assert_eq!(
            names(&EventKind::ALL.map(EventKind::as_str)),
            "agreement conference visit consulate award plan other"
        );
        assert_eq!(
            names(&InstitutionKind::ALL.map(InstitutionKind::as_str)),
            "consulate school hospital community office"
        );
        assert_eq!(
            names(&Grade::ALL.map(Grade::as_str)),
            "official partner-government press reference mirror"
        );
        assert_eq!(
            names(&PendingStatus::ALL.map(PendingStatus::as_str)),
            "intent lead"
        );
    }
}
