//! Machine- and human-readable output: the JSON/CSV record shapes and an
//! aligned text table.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use crate::data::{CountryCode, Dataset, Event, Institution, PartialDate, Partner};

/// A partner as `list` and `search` print it.
#[derive(Debug, Serialize)]
pub struct PartnerRecord<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub name_local: Option<&'a str>,
    pub name_zh: Option<&'a str>,
    pub country: CountryCode,
    pub country_name: &'a str,
    pub country_name_zh: &'a str,
    pub kind: &'static str,
    pub established: Option<PartialDate>,
    pub order: Option<u32>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub uncertain: bool,
    pub confidence: &'static str,
    pub summary: &'a str,
    pub notes: &'a [String],
    pub awards: &'a [String],
    pub history: Vec<HistoryRecord<'a>>,
    pub events: Vec<&'a str>,
    pub sources: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct HistoryRecord<'a> {
    pub date: PartialDate,
    pub kind: &'static str,
    pub note: Option<&'a str>,
}

impl<'a> PartnerRecord<'a> {
    pub fn new(data: &'a Dataset, ix: usize, score: Option<i64>) -> Self {
        let p: &'a Partner = &data.partners[ix];
        Self {
            id: &p.id,
            name: &p.name,
            name_local: p.name_local.as_deref(),
            name_zh: p.name_zh.as_deref(),
            country: p.country,
            country_name: data.country_name(p.country),
            country_name_zh: data.country_name_zh(p.country),
            kind: p.kind.as_str(),
            established: p.established,
            order: p.order,
            lat: p.location.map(|l| l.lat),
            lon: p.location.map(|l| l.lon),
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
            events: data
                .events_of(ix)
                .iter()
                .map(|&e| data.events[e].id.as_str())
                .collect(),
            sources: &p.sources,
            score,
        }
    }
}

/// An event as `timeline` prints it.
#[derive(Debug, Serialize)]
pub struct EventRecord<'a> {
    pub id: &'a str,
    pub date: PartialDate,
    pub title: &'a str,
    pub place: Option<&'a str>,
    pub kind: &'static str,
    pub partners: Vec<&'a str>,
    pub countries: &'a [CountryCode],
    pub other_cities: &'a [String],
    pub confidence: &'static str,
    pub summary: &'a str,
    pub notes: &'a [String],
    pub sources: &'a [String],
}

impl<'a> EventRecord<'a> {
    pub fn new(data: &'a Dataset, ix: usize) -> Self {
        let e: &'a Event = &data.events[ix];
        Self {
            id: &e.id,
            date: e.date,
            title: &e.title,
            place: e.place.as_deref(),
            kind: e.kind.as_str(),
            partners: e
                .partners
                .iter()
                .map(|&p| data.partners[p].id.as_str())
                .collect(),
            countries: &e.countries,
            other_cities: &e.other_cities,
            confidence: e.confidence.as_str(),
            summary: &e.summary,
            notes: &e.notes,
            sources: &e.sources,
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
    pub counts_toward_official: bool,
    pub confidence: &'static str,
    pub summary: &'a str,
    pub notes: &'a [String],
    pub sources: &'a [String],
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
            counts_toward_official: i.counts_toward_official,
            confidence: i.confidence.as_str(),
            summary: &i.summary,
            notes: &i.notes,
            sources: &i.sources,
        }
    }
}

/// CSV header used when there are no rows to take the field names from.
pub const PARTNER_FIELDS: &[&str] = &[
    "id",
    "name",
    "name_local",
    "name_zh",
    "country",
    "country_name",
    "country_name_zh",
    "kind",
    "established",
    "order",
    "lat",
    "lon",
    "uncertain",
    "confidence",
    "summary",
    "notes",
    "awards",
    "history",
    "events",
    "sources",
];
pub const EVENT_FIELDS: &[&str] = &[
    "id",
    "date",
    "title",
    "place",
    "kind",
    "partners",
    "countries",
    "other_cities",
    "confidence",
    "summary",
    "notes",
    "sources",
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
    "counts_toward_official",
    "confidence",
    "summary",
    "notes",
    "sources",
];

/// Writes records as one pretty JSON array.
pub fn write_json<T: Serialize>(out: &mut dyn Write, records: &[T]) -> io::Result<()> {
    // `io::Error::from` keeps the kind of a write error, so a closed pipe
    // stays `BrokenPipe` and ends the program quietly.
    serde_json::to_writer_pretty(&mut *out, records).map_err(io::Error::from)?;
    writeln!(out)
}

/// Writes records as CSV: a header row of the JSON field names, then one row
/// per record; lists are joined with " | ", missing values are empty.
pub fn write_csv<T: Serialize>(
    out: &mut dyn Write,
    records: &[T],
    empty_header: &[&str],
) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let rows: Vec<serde_json::Map<String, Value>> = records
        .iter()
        .map(|r| match serde_json::to_value(r) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(_) => Err(io::Error::other("record is not an object")),
            Err(e) => Err(io::Error::other(e)),
        })
        .collect::<io::Result<_>>()?;
    let header: Vec<String> = match rows.first() {
        Some(first) => first.keys().cloned().collect(),
        None => empty_header.iter().map(|s| s.to_string()).collect(),
    };
    w.write_record(&header).map_err(csv_io_error)?;
    for row in &rows {
        let cells: Vec<String> = header.iter().map(|k| cell(row.get(k))).collect();
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
            .map(|v| match v {
                Value::Object(_) => v.to_string(),
                other => cell(Some(other)),
            })
            .collect::<Vec<_>>()
            .join(" | "),
        Some(other) => other.to_string(),
    }
}

/// A plain text table aligned by display width (CJK characters take two
/// columns). Styling (bold header) only when writing to a terminal.
pub struct Table {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(headers: Vec<&'static str>) -> Self {
        Self {
            headers,
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn write(&self, out: &mut dyn Write, styled: bool) -> io::Result<()> {
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (w, c) in widths.iter_mut().zip(row) {
                *w = (*w).max(c.width());
            }
        }
        let line = |out: &mut dyn Write, cells: &[&str]| -> io::Result<()> {
            let mut s = String::new();
            for (i, c) in cells.iter().enumerate().take(n) {
                s.push_str(c);
                if i + 1 < n {
                    s.extend(std::iter::repeat_n(
                        ' ',
                        widths[i].saturating_sub(c.width()) + 2,
                    ));
                }
            }
            writeln!(out, "{}", s.trim_end())
        };
        if styled {
            write!(out, "\x1b[1m")?;
        }
        line(out, &self.headers)?;
        if styled {
            write!(out, "\x1b[0m")?;
        }
        for row in &self.rows {
            let cells: Vec<&str> = row.iter().map(String::as_str).collect();
            line(out, &cells)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_by_display_width() {
        let mut t = Table::new(vec!["NAME", "ZH", "YEAR"]);
        t.row(vec!["Sapporo".into(), "札幌".into(), "1980".into()]);
        t.row(vec![
            "Düsseldorf".into(),
            "杜塞尔多夫".into(),
            "1984".into(),
        ]);
        t.row(vec!["Turin".into(), String::new(), "1985".into()]);
        let mut out = Vec::new();
        t.write(&mut out, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "NAME        ZH          YEAR\n\
             Sapporo     札幌        1980\n\
             Düsseldorf  杜塞尔多夫  1984\n\
             Turin                   1985\n"
        );
        assert!(!text.contains('\x1b'));
    }

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
            &[],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "id,list,opt\n\"a,b\",x | y,\n"
        );
    }
}
