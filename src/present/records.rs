//! Records as the command line's `--format json|csv` and the explorer's
//! export write them: one shape per kind of record, shared by both faces.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value;

use super::{Lang, words};
use crate::data::{
    CountryCode, Dataset, Institution, NameFrom, PartialDate, Partner, PointSource, Source,
};

/// A cited page and its grade: `{"url": …, "grade": "official"}`.
#[derive(Debug, Serialize)]
pub struct SourceRecord<'a> {
    pub url: Cow<'a, str>,
    pub grade: &'static str,
}

impl<'a> SourceRecord<'a> {
    pub fn of(s: &'a Source) -> Self {
        Self {
            url: Cow::Borrowed(&s.url),
            grade: s.grade.as_str(),
        }
    }

    pub fn of_point(s: &'a PointSource) -> Self {
        Self {
            url: s.url(),
            grade: s.grade().as_str(),
        }
    }

    pub fn list(sources: &'a [Source]) -> Vec<Self> {
        sources.iter().map(Self::of).collect()
    }
}

/// A partner as `list` and `search` print it.
#[derive(Debug, Serialize)]
pub struct PartnerRecord<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub name_local: Option<&'a str>,
    pub name_zh: Option<&'a str>,
    /// `sources` or `gazetteer`; absent without a Chinese name.
    pub name_zh_from: Option<&'static str>,
    pub aliases: &'a [String],
    pub country: CountryCode,
    pub country_name: &'a str,
    pub country_name_zh: &'a str,
    pub kind: &'static str,
    pub established: Option<PartialDate>,
    pub order: Option<u32>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonames: Option<u32>,
    pub location_source: Option<SourceRecord<'a>>,
    pub uncertain: bool,
    /// The grade of the best source.
    pub confidence: &'static str,
    pub summary: &'a str,
    pub notes: &'a [String],
    pub awards: &'a [String],
    pub history: Vec<HistoryRecord<'a>>,
    /// What the dataset's conflicts say about this partner's classification.
    pub conflicts: Vec<&'a str>,
    pub events: Vec<&'a str>,
    pub provenance: &'a [String],
    pub sources: Vec<SourceRecord<'a>>,
    /// A search hit's place, 1 for the best match (`search` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<usize>,
    /// The matcher's raw score (`search` only): higher is better; its scale
    /// has no meaning of its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct HistoryRecord<'a> {
    pub date: PartialDate,
    pub kind: &'static str,
    pub note: Option<&'a str>,
}

pub fn name_from(p: &Partner) -> Option<&'static str> {
    p.name_zh.as_ref().map(|_| match p.name_zh_from {
        NameFrom::Sources => "sources",
        NameFrom::Gazetteer => "gazetteer",
    })
}

impl<'a> PartnerRecord<'a> {
    pub fn new(data: &'a Dataset, ix: usize, score: Option<i64>) -> Self {
        let p: &'a Partner = &data.partners[ix];
        Self {
            id: &p.id,
            name: &p.name,
            name_local: p.name_local.as_deref(),
            name_zh: p.name_zh.as_deref(),
            name_zh_from: name_from(p),
            aliases: &p.aliases,
            country: p.country,
            country_name: data.country_name(p.country),
            country_name_zh: data.country_name_zh(p.country),
            kind: p.kind.as_str(),
            established: p.established,
            order: p.order,
            lat: p.location.map(|l| l.lat),
            lon: p.location.map(|l| l.lon),
            geonames: p.location_source.as_ref().and_then(PointSource::geonames),
            location_source: p.location_source.as_ref().map(SourceRecord::of_point),
            uncertain: p.uncertain,
            confidence: p.confidence.as_str(),
            summary: &p.summary,
            notes: &p.notes,
            awards: &p.awards,
            history: p
                .history
                .iter()
                .map(|h| HistoryRecord {
                    date: h.date,
                    kind: h.kind.as_str(),
                    note: h.note.as_deref(),
                })
                .collect(),
            conflicts: data.conflicts_of(ix).map(|c| c.summary.as_str()).collect(),
            events: data
                .events_of(ix)
                .iter()
                .map(|&e| data.events[e].id.as_str())
                .collect(),
            provenance: &p.provenance,
            sources: SourceRecord::list(&p.sources),
            rank: None,
            score,
        }
    }
}

/// A relation step a timeline row stands for.
#[derive(Debug, Serialize)]
pub struct RelationRecord<'a> {
    pub partner: &'a str,
    pub change: &'static str,
    pub kind: &'static str,
    pub order: Option<u32>,
}

/// A row of the timeline as `timeline` prints it: a recorded event, or a
/// row derived from a partner record (its founding, a change of kind) or
/// from an unidentified numbered relation.
#[derive(Debug, Serialize)]
pub struct EventRecord<'a> {
    pub id: &'a str,
    pub date: PartialDate,
    /// `established`, `upgraded` or `changed` for a relation's steps,
    /// `unidentified` for a placeholder, else the event's own kind.
    pub kind: &'static str,
    pub title: Cow<'a, str>,
    pub place: Option<&'a str>,
    /// True for rows the program derives rather than reads.
    pub derived: bool,
    pub relation: Vec<RelationRecord<'a>>,
    pub partners: Vec<&'a str>,
    /// For a placeholder: partners that might fill it (an inference).
    pub candidates: Vec<&'a str>,
    pub institutions: Vec<&'a str>,
    pub countries: &'a [CountryCode],
    pub other_cities: &'a [String],
    pub confidence: &'static str,
    pub summary: Cow<'a, str>,
    pub notes: &'a [String],
    pub provenance: &'a [String],
    pub sources: Vec<SourceRecord<'a>>,
}

impl<'a> EventRecord<'a> {
    pub fn new(data: &'a Dataset, ix: usize, lang: Lang) -> Self {
        let e = &data.events[ix];
        Self {
            id: &e.id,
            date: e.date,
            kind: words::row_kind(e),
            title: words::event_title(data, ix, lang),
            place: e.place.as_deref(),
            derived: e.is_derived(),
            relation: e
                .relations
                .iter()
                .map(|m| RelationRecord {
                    partner: &data.partners[m.partner].id,
                    change: m.change.as_str(),
                    kind: m.kind.as_str(),
                    order: m.order,
                })
                .collect(),
            partners: e
                .partners
                .iter()
                .map(|&p| data.partners[p].id.as_str())
                .collect(),
            candidates: data
                .unidentified_of(e)
                .map(|u| {
                    u.candidates
                        .iter()
                        .map(|&p| data.partners[p].id.as_str())
                        .collect()
                })
                .unwrap_or_default(),
            institutions: e
                .institutions
                .iter()
                .map(|&i| data.institutions[i].id.as_str())
                .collect(),
            countries: &e.countries,
            other_cities: &e.other_cities,
            confidence: e.confidence.as_str(),
            summary: words::event_summary(data, ix, lang),
            notes: &e.notes,
            provenance: &e.provenance,
            sources: SourceRecord::list(&e.sources),
        }
    }
}

/// An institution as `institutions` prints it.
#[derive(Debug, Serialize)]
pub struct InstitutionRecord<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub name_zh: Option<&'a str>,
    pub name_local: Option<&'a str>,
    pub kind: &'static str,
    pub country: Option<CountryCode>,
    pub country_name: Option<&'a str>,
    pub opened: Option<PartialDate>,
    pub district: Option<&'a str>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub location_source: Option<SourceRecord<'a>>,
    pub counts_toward_official: bool,
    pub confidence: &'static str,
    pub summary: &'a str,
    pub notes: &'a [String],
    pub provenance: &'a [String],
    pub sources: Vec<SourceRecord<'a>>,
}

impl<'a> InstitutionRecord<'a> {
    pub fn new(data: &'a Dataset, ix: usize) -> Self {
        let i: &'a Institution = &data.institutions[ix];
        Self {
            id: &i.id,
            name: &i.name,
            name_zh: i.name_zh.as_deref(),
            name_local: i.name_local.as_deref(),
            kind: i.kind.as_str(),
            country: i.country,
            country_name: i.country.map(|c| data.country_name(c)),
            opened: i.opened,
            district: i.district.as_deref(),
            lat: i.location.map(|l| l.lat),
            lon: i.location.map(|l| l.lon),
            location_source: i.location_source.as_ref().map(SourceRecord::of_point),
            counts_toward_official: i.counts_toward_official,
            confidence: i.confidence.as_str(),
            summary: &i.summary,
            notes: &i.notes,
            provenance: &i.provenance,
            sources: SourceRecord::list(&i.sources),
        }
    }
}

/// CSV columns, in order. A column `source_grades` follows `sources`: the
/// grade of each URL in the same position.
pub const PARTNER_FIELDS: &[&str] = &[
    "id",
    "name",
    "name_local",
    "name_zh",
    "name_zh_from",
    "aliases",
    "country",
    "country_name",
    "country_name_zh",
    "kind",
    "established",
    "order",
    "lat",
    "lon",
    "geonames",
    "location_source",
    "uncertain",
    "confidence",
    "summary",
    "notes",
    "awards",
    "history",
    "conflicts",
    "events",
    "provenance",
    "sources",
    "source_grades",
];
pub const EVENT_FIELDS: &[&str] = &[
    "id",
    "date",
    "kind",
    "title",
    "place",
    "derived",
    "relation",
    "partners",
    "candidates",
    "institutions",
    "countries",
    "other_cities",
    "confidence",
    "summary",
    "notes",
    "provenance",
    "sources",
    "source_grades",
];
pub const INSTITUTION_FIELDS: &[&str] = &[
    "id",
    "name",
    "name_zh",
    "name_local",
    "kind",
    "country",
    "country_name",
    "opened",
    "district",
    "lat",
    "lon",
    "location_source",
    "counts_toward_official",
    "confidence",
    "summary",
    "notes",
    "provenance",
    "sources",
    "source_grades",
];

/// Writes records as one pretty JSON array.
pub fn write_json<T: Serialize>(out: &mut dyn Write, records: &[T]) -> io::Result<()> {
    // `io::Error::from` keeps the kind of a write error, so a closed pipe
    // stays `BrokenPipe` and ends the program quietly.
    serde_json::to_writer_pretty(&mut *out, records).map_err(io::Error::from)?;
    writeln!(out)
}

/// The UTF-8 byte-order mark: spreadsheets read a CSV file that begins with
/// it as UTF-8 (without it, Excel garbles the Chinese columns).
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A cell a spreadsheet would run as a formula (one beginning with `=`,
/// `+`, `-`, `@`, a tab or a carriage return) with a `'` before it, which
/// spreadsheets show as text: the OWASP rule against CSV injection. Numbers
/// the program writes itself (a longitude of -73.9) are not text and stay
/// as they are.
pub fn neutralise(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// Writes records as CSV under the given header: one row per record; lists
/// are joined with " | ", missing values are empty, a source is its URL and
/// `source_grades` lists the grades of `sources` in the same order. Text
/// cells that a spreadsheet would run as a formula are [neutralised](neutralise).
pub fn write_csv<T: Serialize>(
    out: &mut dyn Write,
    records: &[T],
    header: &[&str],
) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(header).map_err(csv_io_error)?;
    for r in records {
        let row = match serde_json::to_value(r) {
            Ok(Value::Object(map)) => map,
            Ok(_) => return Err(io::Error::other("record is not an object")),
            Err(e) => return Err(io::Error::other(e)),
        };
        let cells: Vec<String> = header
            .iter()
            .map(|&k| match k {
                "source_grades" => grades(row.get("sources")),
                _ => match row.get(k) {
                    number @ Some(Value::Number(_)) => cell(number),
                    value => neutralise(cell(value)),
                },
            })
            .collect();
        w.write_record(&cells).map_err(csv_io_error)?;
    }
    w.flush()
}

/// Unwraps a write error so its kind (a closed pipe) survives.
fn csv_io_error(e: csv::Error) -> io::Error {
    let text = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        _ => io::Error::other(text),
    }
}

fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| cell(Some(v)))
            .collect::<Vec<_>>()
            .join(" | "),
        // A source is its URL (its grade has a column of its own).
        Some(Value::Object(map)) if map.contains_key("url") => cell(map.get("url")),
        Some(other) => other.to_string(),
    }
}

fn grades(sources: Option<&Value>) -> String {
    match sources {
        Some(Value::Array(items)) => items
            .iter()
            .map(|s| cell(s.get("grade")))
            .collect::<Vec<_>>()
            .join(" | "),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_joins_lists_and_quotes() {
        #[derive(Serialize)]
        struct R {
            id: &'static str,
            list: Vec<&'static str>,
            opt: Option<u32>,
        }
        let mut out = Vec::new();
        write_csv(
            &mut out,
            &[R {
                id: "a,b",
                list: vec!["x", "y"],
                opt: None,
            }],
            &["id", "list", "opt"],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "id,list,opt\n\"a,b\",x | y,\n"
        );
    }

    #[test]
    fn csv_gives_sources_as_urls_with_their_grades_beside() {
        #[derive(Serialize)]
        struct R {
            sources: Vec<SourceRecord<'static>>,
        }
        let r = R {
            sources: vec![
                SourceRecord {
                    url: "https://a.example.org/".into(),
                    grade: "official",
                },
                SourceRecord {
                    url: "https://b.example.org/".into(),
                    grade: "mirror",
                },
            ],
        };
        let mut out = Vec::new();
        write_csv(&mut out, &[r], &["sources", "source_grades"]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "sources,source_grades\nhttps://a.example.org/ | https://b.example.org/,official | mirror\n"
        );
    }
}
