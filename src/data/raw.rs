//! The dataset exactly as it is written in RON, before validation.
//!
//! These types mirror the file format one to one (see the README's "Dataset format"
//! section). Nothing here is trusted: dates, country codes, URLs and text are plain
//! strings until [`super::validate`] turns them into the checked types of
//! [`super::model`].

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use strum::{EnumCount, IntoStaticStr, VariantArray};

/// The whole file: `Dataset( home: …, official_totals: […], … )`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub home: Home,
    /// How far each host that a source URL names can be trusted:
    /// `source_hosts: { "www.shenyang.gov.cn": Official, … }`.
    #[serde(default)]
    pub source_hosts: SourceHosts,
    pub official_totals: Vec<OfficialTotal>,
    #[serde(default)]
    pub official_institutions: Vec<OfficialFigure>,
    pub partners: Vec<Partner>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub institutions: Vec<Institution>,
    /// Official numbers that no source identifies (sister city No. 7, …).
    #[serde(default)]
    pub unidentified: Vec<Unidentified>,
    /// Relations under way or only rumoured; not partners.
    #[serde(default)]
    pub pending: Vec<Pending>,
    /// Classifications that cannot all be true at once.
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
}

/// The `source_hosts` map in file order, duplicates kept (a map type would
/// silently keep only the last of two equal keys).
#[derive(Debug, Clone, Default)]
pub struct SourceHosts(pub Vec<(String, Grade)>);

impl<'de> Deserialize<'de> for SourceHosts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Pairs;
        impl<'de> Visitor<'de> for Pairs {
            type Value = SourceHosts;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of host names to grades")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SourceHosts, A::Error> {
                let mut out = Vec::new();
                while let Some(pair) = map.next_entry::<String, Grade>()? {
                    out.push(pair);
                }
                Ok(SourceHosts(out))
            }
        }
        d.deserialize_map(Pairs)
    }
}

/// How far a source can be trusted, judged by the site it is on; best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
// ALL and as_str: see `variants!` in model.rs.
#[derive(VariantArray, EnumCount, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum Grade {
    /// A Chinese government page: Shenyang and its offices, Liaoning, the
    /// central government, Chinese embassies and consulates.
    Official,
    /// The partner's own government or another foreign government body.
    PartnerGovernment,
    /// A news organisation.
    Press,
    /// An encyclopaedia, a gazetteer or an organisation's own site.
    Reference,
    /// A copy, aggregator or re-post whose origin cannot be checked.
    Mirror,
}

/// Where a record's Chinese name comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
// ALL and as_str: see `variants!` in model.rs.
#[derive(VariantArray, EnumCount, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum NameFrom {
    /// A page among the record's sources gives it.
    #[default]
    Sources,
    /// The GeoNames record of the record's location (a gazetteer, not a
    /// source about the partnership).
    Gazetteer,
}

/// The city whose partnerships the dataset describes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Home {
    pub name: String,
    #[serde(default)]
    pub name_zh: Option<String>,
    /// Other spellings, for search only (瀋陽).
    #[serde(default)]
    pub aliases: Vec<String>,
    pub country: String,
    pub location: Location,
    pub sources: Vec<String>,
}

/// A point on the globe, in decimal degrees, and where it comes from: a
/// GeoNames record (`geonames: 2128295`) or, failing that, a source URL.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub lat: f64,
    pub lon: f64,
    #[serde(default)]
    pub geonames: Option<u32>,
    #[serde(default)]
    pub source: Option<String>,
}

/// One published count of the city's partnerships. Any count may be missing.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficialTotal {
    /// Date of the statement, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub as_of: String,
    #[serde(default)]
    pub sister: Option<u32>,
    #[serde(default)]
    pub cooperative: Option<u32>,
    /// Partner cities of both kinds together.
    #[serde(default)]
    pub cities: Option<u32>,
    #[serde(default)]
    pub countries: Option<u32>,
    #[serde(default)]
    pub note: Option<String>,
    pub sources: Vec<String>,
}

/// A published count of foreign institutions of one kind ("8 consulates general").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficialFigure {
    pub kind: InstitutionKind,
    /// What is counted, in words: "foreign consulates general".
    pub label: String,
    /// The same in Chinese: "外国驻沈总领事馆".
    #[serde(default)]
    pub label_zh: Option<String>,
    pub count: u32,
    pub as_of: String,
    #[serde(default)]
    pub note: Option<String>,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
// ALL and as_str: see `variants!` in model.rs.
#[derive(VariantArray, EnumCount, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum PartnerKind {
    /// 友好城市: a formal sister city.
    Sister,
    /// 友好合作关系城市 and similar: a friendly-cooperation or exchange partner.
    Cooperative,
}

/// A change of a relation's kind, e.g. friendly cooperation in 2003, sister city in 2013.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindChange {
    pub date: String,
    pub kind: PartnerKind,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// Lower-case slug, unique among partners: `"sapporo"`, `"la-plata"`.
    pub id: String,
    /// English name.
    pub name: String,
    /// Name in the partner's own language and script (札幌市, Θεσσαλονίκη, کراچی).
    #[serde(default)]
    pub name_local: Option<String>,
    /// Chinese name, where a source or the gazetteer gives one.
    #[serde(default)]
    pub name_zh: Option<String>,
    /// Where the Chinese name comes from.
    #[serde(default)]
    pub name_zh_from: NameFrom,
    /// Other spellings, for search only (traditional or Japanese forms, with
    /// or without 市).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    pub kind: PartnerKind,
    #[serde(default)]
    pub established: Option<String>,
    /// "The 8th sister city": only where a source states the number.
    #[serde(default)]
    pub order: Option<u32>,
    #[serde(default)]
    pub location: Option<Location>,
    pub summary: String,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub awards: Vec<String>,
    /// Earlier kinds, oldest first; the last entry matches `kind`.
    #[serde(default)]
    pub history: Vec<KindChange>,
    /// True where the classification itself is in doubt.
    #[serde(default)]
    pub uncertain: bool,
    /// Where facts come from, kept out of the main lines.
    #[serde(default)]
    pub provenance: Vec<String>,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
// ALL and as_str: see `variants!` in model.rs.
#[derive(VariantArray, EnumCount, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum EventKind {
    Agreement,
    Conference,
    Visit,
    Consulate,
    Award,
    Plan,
    Other,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Lower-case slug, unique among events.
    pub id: String,
    pub date: String,
    pub title: String,
    #[serde(default)]
    pub place: Option<String>,
    pub kind: EventKind,
    /// Ids of partners the event concerns; each must name a partner in this file.
    #[serde(default)]
    pub partners: Vec<String>,
    /// Partners whose founding (`established`) or change of kind (a
    /// `history` date) this event is the signing of; the timeline shows the
    /// event instead of a row derived from the partner.
    #[serde(default)]
    pub signing_of: Vec<String>,
    /// Ids of institutions the event concerns.
    #[serde(default)]
    pub institutions: Vec<String>,
    /// ISO 3166-1 alpha-2 codes of countries the event concerns (partners' countries
    /// are added automatically).
    #[serde(default)]
    pub countries: Vec<String>,
    /// Other cities named by the sources that are not partners (Seoul, Munich).
    #[serde(default)]
    pub other_cities: Vec<String>,
    pub summary: String,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub provenance: Vec<String>,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
// ALL and as_str: see `variants!` in model.rs.
#[derive(VariantArray, EnumCount, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum InstitutionKind {
    Consulate,
    School,
    Hospital,
    Community,
    Office,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Institution {
    /// Lower-case slug, unique among institutions.
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_zh: Option<String>,
    /// Name in another script (Korean, Japanese) where the sources give one.
    #[serde(default)]
    pub name_local: Option<String>,
    pub kind: InstitutionKind,
    /// ISO 3166-1 alpha-2 code of the sending or operating country, if known.
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub opened: Option<String>,
    /// District of Shenyang (Heping, Hunnan, …).
    #[serde(default)]
    pub district: Option<String>,
    /// Only where a source gives an address point.
    #[serde(default)]
    pub location: Option<Location>,
    pub summary: String,
    #[serde(default)]
    pub notes: Vec<String>,
    /// False for records that the official counts do not cover (a weekend
    /// supplementary school is not one of the "6 international schools").
    #[serde(default = "yes")]
    pub counts_toward_official: bool,
    #[serde(default)]
    pub provenance: Vec<String>,
    pub sources: Vec<String>,
}

/// A numbered relation the official figures imply but no source identifies.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unidentified {
    pub kind: PartnerKind,
    pub order: u32,
    /// Date of the nearest known earlier number: the signing came after it.
    pub after: String,
    /// Date of the nearest known later number: the signing came before it.
    pub before: String,
    /// Partner ids that might fill the slot (an inference, never a fact).
    #[serde(default)]
    pub candidates: Vec<String>,
    pub note: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
// ALL and as_str: see `variants!` in model.rs.
#[derive(VariantArray, EnumCount, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum PendingStatus {
    /// A decision, letter of intent or negotiations towards a relation.
    Intent,
    /// A weak lead: a remark, a one-off agreement, an unconfirmed report.
    Lead,
}

/// A city that is not (yet) a partner: a relation under way or a lead.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pending {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_local: Option<String>,
    #[serde(default)]
    pub name_zh: Option<String>,
    #[serde(default)]
    pub name_zh_from: NameFrom,
    pub country: String,
    pub status: PendingStatus,
    /// The kind of relation a source says is intended.
    #[serde(default)]
    pub intended_kind: Option<PartnerKind>,
    /// Date of the latest step.
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub location: Option<Location>,
    pub summary: String,
    #[serde(default)]
    pub notes: Vec<String>,
    pub sources: Vec<String>,
}

/// Classifications of several partners that cannot all be right.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub partners: Vec<String>,
    pub summary: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

fn yes() -> bool {
    true
}
