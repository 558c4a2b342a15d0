//! Semantic validation: turns the raw file into the trusted [`Dataset`],
//! collecting every problem rather than stopping at the first.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::model::{self, CountryCode, Dataset, PartialDate};
use super::raw;
use super::text;

/// One semantic problem, located by its path in the file
/// (`partners[3].established`) and described for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Path of the offending value, e.g. `events[12].partners[0]`.
    pub path: String,
    /// The record in words, e.g. `partner "sapporo"` or `official_totals[1]`.
    pub record: String,
    /// The field, relative to the record, e.g. `established` or `sources[2]`.
    pub field: String,
    pub message: String,
}

/// Longest accepted lengths, in characters, so a runaway value is reported
/// instead of being carried into every screen.
const MAX_ID: usize = 64;
const MAX_NAME: usize = 200;
const MAX_LONG_TEXT: usize = 2_000;
const MAX_URL: usize = 2_048;

struct Checker {
    problems: Vec<Problem>,
}

/// Names a record and resolves field paths relative to it.
#[derive(Clone)]
struct Rec {
    path: String,
    label: String,
}

impl Rec {
    fn new(path: String, label: String) -> Self {
        Self { path, label }
    }
}

impl Checker {
    fn report(&mut self, rec: &Rec, field: &str, message: impl Into<String>) {
        let path = if field.is_empty() {
            rec.path.clone()
        } else if field.starts_with('[') {
            format!("{}{field}", rec.path)
        } else {
            format!("{}.{field}", rec.path)
        };
        self.problems.push(Problem {
            path,
            record: rec.label.clone(),
            field: field.to_string(),
            message: message.into(),
        });
    }

    /// A text field: clean, not blank when required, not too long.
    fn text(&mut self, rec: &Rec, field: &str, value: &str, max: usize) -> String {
        let chars = value.chars().count();
        if chars > max {
            self.report(
                rec,
                field,
                format!("text is too long ({chars} characters; at most {max})"),
            );
            return String::new();
        }
        match text::clean(value) {
            Ok(clean) => {
                if clean.trim().is_empty() {
                    self.report(rec, field, "text is empty");
                }
                clean
            }
            Err(bad) => {
                self.report(
                    rec,
                    field,
                    format!("text contains {} at character {}", bad.what, bad.at + 1),
                );
                String::new()
            }
        }
    }

    fn opt_text(
        &mut self,
        rec: &Rec,
        field: &str,
        value: &Option<String>,
        max: usize,
    ) -> Option<String> {
        value.as_ref().map(|v| self.text(rec, field, v, max))
    }

    fn texts(&mut self, rec: &Rec, field: &str, values: &[String], max: usize) -> Vec<String> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| self.text(rec, &format!("{field}[{i}]"), v, max))
            .collect()
    }

    fn date(&mut self, rec: &Rec, field: &str, value: &str) -> Option<PartialDate> {
        match PartialDate::parse(value) {
            Ok(d) => Some(d),
            Err(why) => {
                self.report(rec, field, why);
                None
            }
        }
    }

    fn opt_date(&mut self, rec: &Rec, field: &str, value: &Option<String>) -> Option<PartialDate> {
        value.as_ref().and_then(|v| self.date(rec, field, v))
    }

    fn country(&mut self, rec: &Rec, field: &str, value: &str) -> Option<CountryCode> {
        match CountryCode::parse(value) {
            Ok(code) if code.as_str() == value => Some(code),
            Ok(code) => {
                self.report(
                    rec,
                    field,
                    format!("country code {value:?} must be upper case ({code})"),
                );
                None
            }
            Err(why) => {
                self.report(rec, field, why);
                None
            }
        }
    }

    fn location(&mut self, rec: &Rec, field: &str, loc: &raw::Location) -> Option<model::Location> {
        let mut ok = true;
        if !(loc.lat.is_finite() && (-90.0..=90.0).contains(&loc.lat)) {
            self.report(
                rec,
                &format!("{field}.lat"),
                format!("latitude {} is outside -90..90", loc.lat),
            );
            ok = false;
        }
        if !(loc.lon.is_finite() && (-180.0..=180.0).contains(&loc.lon)) {
            self.report(
                rec,
                &format!("{field}.lon"),
                format!("longitude {} is outside -180..180", loc.lon),
            );
            ok = false;
        }
        ok.then_some(model::Location {
            lat: loc.lat,
            lon: loc.lon,
        })
    }

    fn sources(&mut self, rec: &Rec, values: &[String]) -> Vec<String> {
        if values.is_empty() {
            self.report(rec, "sources", "a record needs at least one source URL");
        }
        let mut seen = HashSet::new();
        let mut out = Vec::with_capacity(values.len());
        for (i, url) in values.iter().enumerate() {
            let field = format!("sources[{i}]");
            if let Err(why) = check_url(url) {
                self.report(rec, &field, why);
                continue;
            }
            if !seen.insert(url.as_str()) {
                self.report(rec, &field, format!("source {url:?} is listed twice"));
                continue;
            }
            out.push(url.clone());
        }
        out
    }

    fn id(
        &mut self,
        rec: &Rec,
        value: &str,
        seen: &mut HashMap<String, usize>,
        index: usize,
        section: &str,
    ) {
        if let Err(why) = check_slug(value) {
            self.report(rec, "id", why);
            return;
        }
        if let Some(first) = seen.insert(value.to_string(), index) {
            // Keep pointing at the first holder of the id.
            seen.insert(value.to_string(), first);
            self.report(
                rec,
                "id",
                format!("duplicate id {value:?}: already used by {section}[{first}]"),
            );
        }
    }
}

/// A source must be an absolute http(s) URL with a host and no spaces.
pub fn check_url(url: &str) -> Result<(), String> {
    let shown = text::printable(&url.chars().take(80).collect::<String>());
    if url.chars().count() > MAX_URL {
        return Err(format!(
            "source URL is too long (at most {MAX_URL} characters)"
        ));
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("source {shown:?} is not an http(s) URL"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty()
        || !host
            .chars()
            .all(|c| c.is_alphanumeric() || ".-:[]@_".contains(c))
    {
        return Err(format!("source {shown:?} has no valid host name"));
    }
    if let Some(c) = url
        .chars()
        .find(|&c| c.is_whitespace() || text::forbidden(c).is_some())
    {
        return Err(format!(
            "source {shown:?} contains a space or control character (U+{:04X})",
            c as u32
        ));
    }
    Ok(())
}

/// Ids are lower-case ASCII slugs: `la-plata`, `2018-wwcam-conference`.
pub fn check_slug(id: &str) -> Result<(), String> {
    let shown = text::printable(&id.chars().take(80).collect::<String>());
    if id.is_empty() {
        return Err("id is empty".into());
    }
    if id.len() > MAX_ID {
        return Err(format!(
            "id {shown:?} is too long (at most {MAX_ID} characters)"
        ));
    }
    let ok_chars = id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !ok_chars || id.starts_with('-') || id.ends_with('-') || id.contains("--") {
        return Err(format!(
            "id {shown:?} is not a slug (lower-case letters, digits and single hyphens, e.g. \"la-plata\")"
        ));
    }
    Ok(())
}

/// Validates a parsed file. On success the dataset is sorted and indexed.
pub fn validate(raw: raw::Dataset) -> Result<Dataset, Vec<Problem>> {
    let mut c = Checker {
        problems: Vec::new(),
    };

    let home = {
        let h = &raw.home;
        let rec = Rec::new("home".into(), "home".into());
        let name = c.text(&rec, "name", &h.name, MAX_NAME);
        let name_zh = c.opt_text(&rec, "name_zh", &h.name_zh, MAX_NAME);
        let country = c.country(&rec, "country", &h.country);
        let location = c.location(&rec, "location", &h.location);
        let location_note = c.opt_text(&rec, "location.note", &h.location.note, MAX_LONG_TEXT);
        let sources = c.sources(&rec, &h.sources);
        match (country, location) {
            (Some(country), Some(location)) => Some(model::Home {
                name,
                name_zh,
                country,
                location,
                location_note,
                sources,
            }),
            _ => None,
        }
    };

    let mut official_totals = Vec::new();
    for (i, t) in raw.official_totals.iter().enumerate() {
        let rec = Rec::new(
            format!("official_totals[{i}]"),
            format!("official_totals[{i}]"),
        );
        let as_of = c.date(&rec, "as_of", &t.as_of);
        let note = c.opt_text(&rec, "note", &t.note, MAX_LONG_TEXT);
        let sources = c.sources(&rec, &t.sources);
        if let (Some(s), Some(co), Some(all)) = (t.sister, t.cooperative, t.cities)
            && s.checked_add(co) != Some(all)
        {
            c.report(
                &rec,
                "cities",
                format!("{all} cities is not {s} sister + {co} cooperative"),
            );
        }
        if let Some(as_of) = as_of {
            official_totals.push(model::OfficialTotal {
                as_of,
                sister: t.sister,
                cooperative: t.cooperative,
                cities: t.cities,
                countries: t.countries,
                note,
                sources,
            });
        }
    }
    official_totals.sort_by_key(|t| t.as_of);

    let mut official_institutions = Vec::new();
    for (i, f) in raw.official_institutions.iter().enumerate() {
        let rec = Rec::new(
            format!("official_institutions[{i}]"),
            format!("official_institutions[{i}]"),
        );
        let label = c.text(&rec, "label", &f.label, MAX_NAME);
        let as_of = c.date(&rec, "as_of", &f.as_of);
        let note = c.opt_text(&rec, "note", &f.note, MAX_LONG_TEXT);
        let sources = c.sources(&rec, &f.sources);
        if let Some(as_of) = as_of {
            official_institutions.push(model::OfficialFigure {
                kind: f.kind,
                label,
                count: f.count,
                as_of,
                note,
                sources,
            });
        }
    }

    // Partners.
    let mut partner_ids: HashMap<String, usize> = HashMap::with_capacity(raw.partners.len());
    let mut orders: HashMap<(model::PartnerKind, u32), usize> = HashMap::new();
    let mut partners = Vec::with_capacity(raw.partners.len());
    for (i, p) in raw.partners.iter().enumerate() {
        let rec = record("partners", i, "partner", &p.id);
        c.id(&rec, &p.id, &mut partner_ids, i, "partners");
        let name = c.text(&rec, "name", &p.name, MAX_NAME);
        let name_local = c.opt_text(&rec, "name_local", &p.name_local, MAX_NAME);
        let name_zh = c.opt_text(&rec, "name_zh", &p.name_zh, MAX_NAME);
        let country = c.country(&rec, "country", &p.country);
        let established = c.opt_date(&rec, "established", &p.established);
        if let Some(order) = p.order {
            if order == 0 {
                c.report(&rec, "order", "order numbers start at 1");
            } else if let Some(first) = orders.insert((p.kind, order), i) {
                orders.insert((p.kind, order), first);
                c.report(
                    &rec,
                    "order",
                    format!("order {order} is already held by partners[{first}] of the same kind"),
                );
            }
        }
        let location = p
            .location
            .as_ref()
            .and_then(|l| c.location(&rec, "location", l));
        let location_note = p
            .location
            .as_ref()
            .and_then(|l| c.opt_text(&rec, "location.note", &l.note, MAX_LONG_TEXT));
        let summary = c.text(&rec, "summary", &p.summary, MAX_LONG_TEXT);
        let notes = c.texts(&rec, "notes", &p.notes, MAX_LONG_TEXT);
        let awards = c.texts(&rec, "awards", &p.awards, MAX_LONG_TEXT);
        let mut history = Vec::with_capacity(p.history.len());
        for (h, change) in p.history.iter().enumerate() {
            let field = format!("history[{h}]");
            let date = c.date(&rec, &format!("{field}.date"), &change.date);
            let note = c.opt_text(&rec, &format!("{field}.note"), &change.note, MAX_LONG_TEXT);
            if let Some(date) = date {
                history.push(model::KindChange {
                    date,
                    kind: change.kind,
                    note,
                });
            }
        }
        if history.windows(2).any(|w| w[0].date > w[1].date) {
            c.report(&rec, "history", "history must be oldest first");
        }
        if let Some(last) = p.history.last()
            && last.kind != p.kind
        {
            c.report(
                &rec,
                &format!("history[{}].kind", p.history.len() - 1),
                format!(
                    "the latest history entry says {:?} but the partner's kind is {:?}",
                    last.kind, p.kind
                ),
            );
        }
        let sources = c.sources(&rec, &p.sources);
        if let Some(country) = country {
            partners.push(model::Partner {
                id: p.id.clone(),
                name,
                name_local,
                name_zh,
                country,
                kind: p.kind,
                established,
                order: p.order,
                location,
                location_note,
                summary,
                notes,
                awards,
                history,
                uncertain: p.uncertain,
                confidence: p.confidence,
                sources,
            });
        }
    }

    // Events.
    let mut event_ids: HashMap<String, usize> = HashMap::with_capacity(raw.events.len());
    let mut events = Vec::with_capacity(raw.events.len());
    for (i, e) in raw.events.iter().enumerate() {
        let rec = record("events", i, "event", &e.id);
        c.id(&rec, &e.id, &mut event_ids, i, "events");
        let date = c.date(&rec, "date", &e.date);
        let title = c.text(&rec, "title", &e.title, MAX_NAME);
        let place = c.opt_text(&rec, "place", &e.place, MAX_NAME);
        let mut refs = Vec::with_capacity(e.partners.len());
        for (k, pid) in e.partners.iter().enumerate() {
            let field = format!("partners[{k}]");
            match partner_ids.get(pid) {
                Some(&ix) if refs.contains(&ix) => {
                    c.report(&rec, &field, format!("partner {pid:?} is listed twice"))
                }
                Some(&ix) => refs.push(ix),
                None => {
                    let shown = text::printable(&pid.chars().take(80).collect::<String>());
                    c.report(&rec, &field, format!("unknown partner id {shown:?}"))
                }
            }
        }
        let mut countries = Vec::with_capacity(e.countries.len());
        for (k, code) in e.countries.iter().enumerate() {
            if let Some(code) = c.country(&rec, &format!("countries[{k}]"), code) {
                countries.push(code);
            }
        }
        let other_cities = c.texts(&rec, "other_cities", &e.other_cities, MAX_NAME);
        let summary = c.text(&rec, "summary", &e.summary, MAX_LONG_TEXT);
        let notes = c.texts(&rec, "notes", &e.notes, MAX_LONG_TEXT);
        let sources = c.sources(&rec, &e.sources);
        if let Some(date) = date {
            events.push(model::Event {
                id: e.id.clone(),
                date,
                title,
                place,
                kind: e.kind,
                partners: refs,
                countries,
                other_cities,
                summary,
                notes,
                confidence: e.confidence,
                sources,
            });
        }
    }

    // Institutions.
    let mut institution_ids: HashMap<String, usize> = HashMap::new();
    let mut institutions = Vec::with_capacity(raw.institutions.len());
    for (i, inst) in raw.institutions.iter().enumerate() {
        let rec = record("institutions", i, "institution", &inst.id);
        c.id(&rec, &inst.id, &mut institution_ids, i, "institutions");
        let name = c.text(&rec, "name", &inst.name, MAX_NAME);
        let name_zh = c.opt_text(&rec, "name_zh", &inst.name_zh, MAX_NAME);
        let name_local = c.opt_text(&rec, "name_local", &inst.name_local, MAX_NAME);
        let country = inst
            .country
            .as_ref()
            .map(|code| c.country(&rec, "country", code));
        let opened = c.opt_date(&rec, "opened", &inst.opened);
        let district = c.opt_text(&rec, "district", &inst.district, MAX_NAME);
        let summary = c.text(&rec, "summary", &inst.summary, MAX_LONG_TEXT);
        let notes = c.texts(&rec, "notes", &inst.notes, MAX_LONG_TEXT);
        let sources = c.sources(&rec, &inst.sources);
        if country != Some(None) {
            institutions.push(model::Institution {
                id: inst.id.clone(),
                name,
                name_zh,
                name_local,
                kind: inst.kind,
                country: country.flatten(),
                opened,
                district,
                summary,
                notes,
                counts_toward_official: inst.counts_toward_official,
                confidence: inst.confidence,
                sources,
            });
        }
    }

    let home = match home {
        Some(home) if c.problems.is_empty() => home,
        _ => return Err(c.problems),
    };
    if !c.problems.is_empty() {
        return Err(c.problems);
    }
    Ok(assemble(
        home,
        official_totals,
        official_institutions,
        partners,
        events,
        institutions,
    ))
}

fn record(section: &str, index: usize, noun: &str, id: &str) -> Rec {
    let path = format!("{section}[{index}]");
    let label = if check_slug(id).is_ok() {
        format!("{noun} {id:?}")
    } else {
        path.clone()
    };
    Rec::new(path, label)
}

/// Sorts and indexes an all-valid dataset.
fn assemble(
    home: model::Home,
    official_totals: Vec<model::OfficialTotal>,
    official_institutions: Vec<model::OfficialFigure>,
    partners: Vec<model::Partner>,
    mut events: Vec<model::Event>,
    institutions: Vec<model::Institution>,
) -> Dataset {
    events.sort_by_key(|e| e.date);
    for e in &mut events {
        e.countries
            .extend(e.partners.iter().map(|&p| partners[p].country));
        e.countries.sort();
        e.countries.dedup();
    }
    let partner_by_id: HashMap<String, usize> = partners
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    let mut partner_events = vec![Vec::new(); partners.len()];
    for (ix, e) in events.iter().enumerate() {
        for &p in &e.partners {
            partner_events[p].push(ix);
        }
    }
    let mut codes: Vec<CountryCode> = vec![home.country];
    codes.extend(partners.iter().map(|p| p.country));
    codes.extend(events.iter().flat_map(|e| e.countries.iter().copied()));
    codes.extend(institutions.iter().filter_map(|i| i.country));
    let country_names: BTreeMap<CountryCode, model::CountryNames> = codes
        .into_iter()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|code| (code, code.names()))
        .collect();
    Dataset {
        home,
        official_totals,
        official_institutions,
        partners,
        events,
        institutions,
        country_names,
        partner_by_id,
        partner_events,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(check_url("https://www.shenyang.gov.cn/english/x.html").is_ok());
        assert!(check_url("http://wb.shenyang.gov.cn/yhcs/202207/t20220711_3407544.html").is_ok());
        assert!(
            check_url("ftp://example.com/")
                .unwrap_err()
                .contains("not an http(s) URL")
        );
        assert!(
            check_url("www.example.com")
                .unwrap_err()
                .contains("not an http(s) URL")
        );
        assert!(check_url("https://").unwrap_err().contains("no valid host"));
        assert!(check_url("https://exa mple.com/").is_err());
        assert!(
            check_url("https://example.com/a b")
                .unwrap_err()
                .contains("space")
        );
        assert!(check_url("https://example.com/\u{1b}[31m").is_err());
    }

    #[test]
    fn slugs() {
        for ok in ["sapporo", "la-plata", "2018-wwcam-conference", "a1"] {
            assert!(check_slug(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "Sapporo",
            "la plata",
            "-x",
            "x-",
            "a--b",
            "düsseldorf",
            "a_b",
        ] {
            assert!(check_slug(bad).is_err(), "{bad:?}");
        }
        assert!(
            check_slug(&"a".repeat(65))
                .unwrap_err()
                .contains("too long")
        );
    }
}
