//! The dataset exactly as it is written in RON, before validation.
//!
//! These types mirror the file format one to one (see the README's "Dataset format"
//! section). Nothing here is trusted: dates, country codes, URLs and text are plain
//! strings until [`super::validate`] turns them into the checked types of
//! [`super::model`].

use serde::Deserialize;

/// The whole file: `Dataset( home: …, official_totals: […], … )`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub home: Home,
    pub official_totals: Vec<OfficialTotal>,
    #[serde(default)]
    pub official_institutions: Vec<OfficialFigure>,
    pub partners: Vec<Partner>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub institutions: Vec<Institution>,
}

/// The city whose partnerships the dataset describes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Home {
    pub name: String,
    #[serde(default)]
    pub name_zh: Option<String>,
    pub country: String,
    pub location: Location,
    pub sources: Vec<String>,
}

/// A point on the globe, in decimal degrees, and where it comes from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub lat: f64,
    pub lon: f64,
    /// How the coordinates were obtained ("GeoNames 2538475", "approximate, 2 dp").
    #[serde(default)]
    pub note: Option<String>,
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
    pub count: u32,
    pub as_of: String,
    #[serde(default)]
    pub note: Option<String>,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum PartnerKind {
    /// 友好城市: a formal sister city.
    Sister,
    /// 友好合作关系城市 and similar: a friendly-cooperation or exchange partner.
    Cooperative,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum Confidence {
    /// Stated on a Shenyang or Chinese government page.
    Official,
    /// Press, encyclopaedia or the partner's own government.
    Secondary,
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
    /// Chinese name, where a source or standard transliteration gives one.
    #[serde(default)]
    pub name_zh: Option<String>,
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
    pub confidence: Confidence,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
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
    pub confidence: Confidence,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
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
    pub summary: String,
    #[serde(default)]
    pub notes: Vec<String>,
    /// False for records that the official counts do not cover (a weekend
    /// supplementary school is not one of the "6 international schools").
    #[serde(default = "yes")]
    pub counts_toward_official: bool,
    pub confidence: Confidence,
    pub sources: Vec<String>,
}

fn yes() -> bool {
    true
}
