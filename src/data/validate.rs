//! Semantic validation: turns the raw file into the trusted [`Dataset`],
//! collecting every problem rather than stopping at the first.

use std::collections::{BTreeMap, HashMap};

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

/// A record being checked: enough to name it, built into words only when a
/// problem is reported (checking 100,000 good records allocates no messages).
#[derive(Clone, Copy)]
struct Rec<'a> {
    section: &'static str,
    index: Option<usize>,
    noun: &'static str,
    id: &'a str,
}

impl Rec<'_> {
    fn path(&self) -> String {
        match self.index {
            Some(i) => format!("{}[{i}]", self.section),
            None => self.section.to_string(),
        }
    }

    fn label(&self) -> String {
        if self.index.is_some() && check_slug(self.id).is_ok() {
            format!("{} {}", self.noun, text::quote(self.id))
        } else {
            self.path()
        }
    }
}

/// A field of a record: `name`, `sources[2]`, `history[1].date`.
#[derive(Clone, Copy)]
enum F {
    Name(&'static str),
    Item(&'static str, usize),
    ItemField(&'static str, usize, &'static str),
}

impl std::fmt::Display for F {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            F::Name(n) => f.write_str(n),
            F::Item(n, i) => write!(f, "{n}[{i}]"),
            F::ItemField(n, i, sub) => write!(f, "{n}[{i}].{sub}"),
        }
    }
}

impl Checker {
    fn report(&mut self, rec: &Rec, field: F, message: impl Into<String>) {
        let field = field.to_string();
        let base = rec.path();
        let path = if field.is_empty() {
            base
        } else {
            format!("{base}.{field}")
        };
        self.problems.push(Problem {
            path,
            record: rec.label(),
            field,
            message: message.into(),
        });
    }

    /// A text field: clean, not blank, not too long.
    fn text(&mut self, rec: &Rec, field: F, value: String, max: usize) -> String {
        let chars = if value.is_ascii() {
            value.len()
        } else {
            value.chars().count()
        };
        if chars > max {
            self.report(
                rec,
                field,
                format!("text is too long ({chars} characters; at most {max})"),
            );
            return String::new();
        }
        match text::clean_owned(value) {
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
        field: F,
        value: Option<String>,
        max: usize,
    ) -> Option<String> {
        value.map(|v| self.text(rec, field, v, max))
    }

    fn texts(
        &mut self,
        rec: &Rec,
        field: &'static str,
        values: Vec<String>,
        max: usize,
    ) -> Vec<String> {
        values
            .into_iter()
            .enumerate()
            .map(|(i, v)| self.text(rec, F::Item(field, i), v, max))
            .collect()
    }

    fn date(&mut self, rec: &Rec, field: F, value: &str) -> Option<PartialDate> {
        match PartialDate::parse(value) {
            Ok(d) => Some(d),
            Err(why) => {
                self.report(rec, field, why);
                None
            }
        }
    }

    fn opt_date(&mut self, rec: &Rec, field: F, value: &Option<String>) -> Option<PartialDate> {
        value.as_ref().and_then(|v| self.date(rec, field, v))
    }

    fn country(&mut self, rec: &Rec, field: F, value: &str) -> Option<CountryCode> {
        match CountryCode::parse(value) {
            Ok(code) if code.as_str() == value => Some(code),
            Ok(code) => {
                self.report(
                    rec,
                    field,
                    format!(
                        "country code {} must be upper case ({code})",
                        text::quote(value)
                    ),
                );
                None
            }
            Err(why) => {
                self.report(rec, field, why);
                None
            }
        }
    }

    fn location(&mut self, rec: &Rec, loc: &raw::Location) -> Option<model::Location> {
        let mut ok = true;
        if !(loc.lat.is_finite() && (-90.0..=90.0).contains(&loc.lat)) {
            self.report(
                rec,
                F::Name("location.lat"),
                format!("latitude {} is outside -90..90", loc.lat),
            );
            ok = false;
        }
        if !(loc.lon.is_finite() && (-180.0..=180.0).contains(&loc.lon)) {
            self.report(
                rec,
                F::Name("location.lon"),
                format!("longitude {} is outside -180..180", loc.lon),
            );
            ok = false;
        }
        ok.then_some(model::Location {
            lat: loc.lat,
            lon: loc.lon,
        })
    }

    fn sources(&mut self, rec: &Rec, values: Vec<String>) -> Vec<String> {
        if values.is_empty() {
            self.report(
                rec,
                F::Name("sources"),
                "a record needs at least one source URL",
            );
        }
        let mut out: Vec<String> = Vec::with_capacity(values.len());
        for (i, url) in values.into_iter().enumerate() {
            if let Err(why) = check_url(&url) {
                self.report(rec, F::Item("sources", i), why);
                continue;
            }
            if out.contains(&url) {
                self.report(
                    rec,
                    F::Item("sources", i),
                    format!("source {} is listed twice", text::quote(&url)),
                );
                continue;
            }
            out.push(url);
        }
        out
    }

    /// Checks an id's form and uniqueness; true if the record may be kept.
    fn id(&mut self, rec: &Rec, seen: &mut HashMap<String, usize>, index: usize) -> bool {
        if let Err(why) = check_slug(rec.id) {
            self.report(rec, F::Name("id"), why);
            return false;
        }
        match seen.entry(rec.id.to_string()) {
            std::collections::hash_map::Entry::Occupied(first) => {
                let first = *first.get();
                self.report(
                    rec,
                    F::Name("id"),
                    format!(
                        "duplicate id {}: already used by {}[{first}]",
                        text::quote(rec.id),
                        rec.section
                    ),
                );
                false
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(index);
                true
            }
        }
    }
}

/// A source must be an absolute http(s) URL with a host and no spaces.
pub fn check_url(url: &str) -> Result<(), String> {
    if url.len() > MAX_URL && url.chars().count() > MAX_URL {
        return Err(format!(
            "source URL is too long (at most {MAX_URL} characters)"
        ));
    }
    // Schemes are case-insensitive (RFC 3986): `HTTPS://` is `https://`.
    let scheme = |prefix: &str| {
        url.get(..prefix.len())
            .filter(|head| head.eq_ignore_ascii_case(prefix))
            .map(|_| &url[prefix.len()..])
    };
    let Some(rest) = scheme("https://").or_else(|| scheme("http://")) else {
        return Err(format!("source {} is not an http(s) URL", text::quote(url)));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty()
        || !host
            .chars()
            .all(|c| c.is_alphanumeric() || ".-:[]@_".contains(c))
    {
        return Err(format!(
            "source {} has no valid host name",
            text::quote(url)
        ));
    }
    if let Some(c) = url
        .chars()
        .find(|&c| c.is_whitespace() || text::forbidden(c).is_some())
    {
        return Err(format!(
            "source {} contains a space or control character (U+{:04X})",
            text::quote(url),
            c as u32
        ));
    }
    Ok(())
}

/// Ids are lower-case ASCII slugs: `la-plata`, `2018-wwcam-conference`.
pub fn check_slug(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("id is empty".into());
    }
    if id.len() > MAX_ID {
        return Err(format!(
            "id {} is too long (at most {MAX_ID} characters)",
            text::quote(id)
        ));
    }
    let ok_chars = id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !ok_chars || id.starts_with('-') || id.ends_with('-') || id.contains("--") {
        return Err(format!(
            "id {} is not a slug (lower-case letters, digits and single hyphens, e.g. \"la-plata\")",
            text::quote(id)
        ));
    }
    Ok(())
}

/// Records per list above which checking runs on every core.
const PARALLEL_RECORDS: usize = 4096;

/// Checks every record of a list with `check`, on all cores for long lists,
/// keeping the records' order.
pub(crate) fn each<R: Send, T: Send>(
    records: Vec<R>,
    check: impl Fn(usize, R) -> T + Sync + Send,
) -> Vec<T> {
    if records.len() >= PARALLEL_RECORDS {
        use rayon::prelude::*;
        records
            .into_par_iter()
            .enumerate()
            .map(|(i, r)| check(i, r))
            .collect()
    } else {
        records
            .into_iter()
            .enumerate()
            .map(|(i, r)| check(i, r))
            .collect()
    }
}

/// A record checked on its own: its id, the checked record (absent when a
/// field is unusable) and its problems. Checks across records (unique ids,
/// references) come after.
pub(crate) struct Checked<T> {
    id: String,
    record: Option<T>,
    problems: Vec<Problem>,
}

impl<T> Checked<T> {
    /// A placeholder for a record that did not parse (never validated).
    pub(crate) fn unparsed() -> Self {
        Self {
            id: String::new(),
            record: None,
            problems: Vec::new(),
        }
    }
}

/// Validates a parsed file, taking its strings over rather than copying
/// them. On success the dataset is sorted and indexed.
pub fn validate(raw: raw::Dataset) -> Result<Dataset, Vec<Problem>> {
    finish(Parts {
        home: raw.home,
        official_totals: raw.official_totals,
        official_institutions: raw.official_institutions,
        partners: each(raw.partners, check_partner),
        events: each(raw.events, check_event),
        institutions: each(raw.institutions, check_institution),
    })
}

/// A dataset whose records were each checked on their own (possibly while
/// parsing, see `split`), before the checks across records.
pub(crate) struct Parts {
    pub home: raw::Home,
    pub official_totals: Vec<raw::OfficialTotal>,
    pub official_institutions: Vec<raw::OfficialFigure>,
    pub partners: Vec<Checked<model::Partner>>,
    pub events: Vec<Checked<CheckedEvent>>,
    pub institutions: Vec<Checked<model::Institution>>,
}

/// An event checked on its own, with the partner ids it names (resolved later).
pub(crate) type CheckedEvent = (model::Event, Vec<String>);

/// The checks across records: unique ids and orders, event references; then
/// the dataset is assembled, or every problem found is returned.
pub(crate) fn finish(parts: Parts) -> Result<Dataset, Vec<Problem>> {
    let mut c = Checker {
        problems: Vec::new(),
    };
    let home = check_home(&mut c, parts.home);
    let official_totals = check_totals(&mut c, parts.official_totals);
    let official_institutions = check_figures(&mut c, parts.official_institutions);

    // Partners: ids and orders.
    let checked = parts.partners;
    let mut partner_ids: HashMap<String, usize> = HashMap::with_capacity(checked.len());
    let mut orders: HashMap<(model::PartnerKind, u32), usize> = HashMap::new();
    let mut partners = Vec::with_capacity(checked.len());
    for (
        i,
        Checked {
            id,
            record,
            problems,
        },
    ) in checked.into_iter().enumerate()
    {
        c.problems.extend(problems);
        let rec = Rec {
            section: "partners",
            index: Some(i),
            noun: "partner",
            id: &id,
        };
        let id_ok = c.id(&rec, &mut partner_ids, i);
        if let Some(mut p) = record {
            if let Some(order) = p.order.filter(|&o| o > 0) {
                match orders.get(&(p.kind, order)) {
                    Some(&first) => c.report(
                        &rec,
                        F::Name("order"),
                        format!(
                            "order {order} is already held by partners[{first}] of the same kind"
                        ),
                    ),
                    None => {
                        orders.insert((p.kind, order), i);
                    }
                }
            }
            if id_ok {
                p.id = id;
                partners.push(p);
            }
        }
    }

    // Events: their partner references.
    let checked = parts.events;
    let mut event_ids: HashMap<String, usize> = HashMap::with_capacity(checked.len());
    let mut events = Vec::with_capacity(checked.len());
    for (
        i,
        Checked {
            id,
            record,
            problems,
        },
    ) in checked.into_iter().enumerate()
    {
        c.problems.extend(problems);
        let rec = Rec {
            section: "events",
            index: Some(i),
            noun: "event",
            id: &id,
        };
        let id_ok = c.id(&rec, &mut event_ids, i);
        let Some((mut e, refs)) = record else {
            continue;
        };
        for (k, pid) in refs.iter().enumerate() {
            match partner_ids.get(pid) {
                Some(&ix) if e.partners.contains(&ix) => c.report(
                    &rec,
                    F::Item("partners", k),
                    format!("partner {} is listed twice", text::quote(pid)),
                ),
                Some(&ix) => e.partners.push(ix),
                None => c.report(
                    &rec,
                    F::Item("partners", k),
                    format!("unknown partner id {}", text::quote(pid)),
                ),
            }
        }
        if id_ok {
            e.id = id;
            events.push(e);
        }
    }

    let checked = parts.institutions;
    let mut institution_ids: HashMap<String, usize> = HashMap::with_capacity(checked.len());
    let mut institutions = Vec::with_capacity(checked.len());
    for (
        i,
        Checked {
            id,
            record,
            problems,
        },
    ) in checked.into_iter().enumerate()
    {
        c.problems.extend(problems);
        let rec = Rec {
            section: "institutions",
            index: Some(i),
            noun: "institution",
            id: &id,
        };
        let id_ok = c.id(&rec, &mut institution_ids, i);
        if let (Some(mut inst), true) = (record, id_ok) {
            inst.id = id;
            institutions.push(inst);
        }
    }

    match home {
        Some(home) if c.problems.is_empty() => Ok(assemble(
            home,
            official_totals,
            official_institutions,
            partners,
            events,
            institutions,
        )),
        _ => Err(c.problems),
    }
}

fn check_home(c: &mut Checker, h: raw::Home) -> Option<model::Home> {
    let rec = Rec {
        section: "home",
        index: None,
        noun: "home",
        id: "",
    };
    let name = c.text(&rec, F::Name("name"), h.name, MAX_NAME);
    let name_zh = c.opt_text(&rec, F::Name("name_zh"), h.name_zh, MAX_NAME);
    let country = c.country(&rec, F::Name("country"), &h.country);
    let location = c.location(&rec, &h.location);
    let location_note = c.opt_text(
        &rec,
        F::Name("location.note"),
        h.location.note,
        MAX_LONG_TEXT,
    );
    let sources = c.sources(&rec, h.sources);
    Some(model::Home {
        name,
        name_zh,
        country: country?,
        location: location?,
        location_note,
        sources,
    })
}

fn check_totals(c: &mut Checker, raw: Vec<raw::OfficialTotal>) -> Vec<model::OfficialTotal> {
    let mut out = Vec::with_capacity(raw.len());
    for (i, t) in raw.into_iter().enumerate() {
        let rec = Rec {
            section: "official_totals",
            index: Some(i),
            noun: "official total",
            id: "",
        };
        let as_of = c.date(&rec, F::Name("as_of"), &t.as_of);
        let note = c.opt_text(&rec, F::Name("note"), t.note, MAX_LONG_TEXT);
        let sources = c.sources(&rec, t.sources);
        if let (Some(s), Some(co), Some(all)) = (t.sister, t.cooperative, t.cities)
            && s.checked_add(co) != Some(all)
        {
            c.report(
                &rec,
                F::Name("cities"),
                format!("{all} cities is not {s} sister + {co} cooperative"),
            );
        }
        if let Some(as_of) = as_of {
            out.push(model::OfficialTotal {
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
    out.sort_by_key(|t| t.as_of);
    out
}

fn check_figures(c: &mut Checker, raw: Vec<raw::OfficialFigure>) -> Vec<model::OfficialFigure> {
    let mut out = Vec::with_capacity(raw.len());
    for (i, f) in raw.into_iter().enumerate() {
        let rec = Rec {
            section: "official_institutions",
            index: Some(i),
            noun: "official figure",
            id: "",
        };
        let label = c.text(&rec, F::Name("label"), f.label, MAX_NAME);
        let as_of = c.date(&rec, F::Name("as_of"), &f.as_of);
        let note = c.opt_text(&rec, F::Name("note"), f.note, MAX_LONG_TEXT);
        let sources = c.sources(&rec, f.sources);
        if let Some(as_of) = as_of {
            out.push(model::OfficialFigure {
                kind: f.kind,
                label,
                count: f.count,
                as_of,
                note,
                sources,
            });
        }
    }
    out
}

pub(crate) fn check_partner(i: usize, p: raw::Partner) -> Checked<model::Partner> {
    let mut c = Checker {
        problems: Vec::new(),
    };
    let id = p.id;
    let rec = Rec {
        section: "partners",
        index: Some(i),
        noun: "partner",
        id: &id,
    };
    let name = c.text(&rec, F::Name("name"), p.name, MAX_NAME);
    let name_local = c.opt_text(&rec, F::Name("name_local"), p.name_local, MAX_NAME);
    let name_zh = c.opt_text(&rec, F::Name("name_zh"), p.name_zh, MAX_NAME);
    let country = c.country(&rec, F::Name("country"), &p.country);
    let established = c.opt_date(&rec, F::Name("established"), &p.established);
    if p.order == Some(0) {
        c.report(&rec, F::Name("order"), "order numbers start at 1");
    }
    let (location, location_note) = match p.location {
        Some(l) => (
            c.location(&rec, &l),
            c.opt_text(&rec, F::Name("location.note"), l.note, MAX_LONG_TEXT),
        ),
        None => (None, None),
    };
    let summary = c.text(&rec, F::Name("summary"), p.summary, MAX_LONG_TEXT);
    let notes = c.texts(&rec, "notes", p.notes, MAX_LONG_TEXT);
    let awards = c.texts(&rec, "awards", p.awards, MAX_LONG_TEXT);
    let last_kind = p.history.last().map(|h| h.kind);
    let history_len = p.history.len();
    let mut history = Vec::with_capacity(history_len);
    for (h, change) in p.history.into_iter().enumerate() {
        let date = c.date(&rec, F::ItemField("history", h, "date"), &change.date);
        let note = c.opt_text(
            &rec,
            F::ItemField("history", h, "note"),
            change.note,
            MAX_LONG_TEXT,
        );
        if let Some(date) = date {
            history.push(model::KindChange {
                date,
                kind: change.kind,
                note,
            });
        }
    }
    if history.windows(2).any(|w| w[0].date > w[1].date) {
        c.report(&rec, F::Name("history"), "history must be oldest first");
    }
    if let Some(last) = last_kind
        && last != p.kind
    {
        c.report(
            &rec,
            F::ItemField("history", history_len - 1, "kind"),
            format!(
                "the latest history entry says {last:?} but the partner's kind is {:?}",
                p.kind
            ),
        );
    }
    let sources = c.sources(&rec, p.sources);
    let record = country.map(|country| model::Partner {
        id: String::new(),
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
    Checked {
        id,
        record,
        problems: c.problems,
    }
}

/// Checks an event on its own, keeping the partner ids it names.
pub(crate) fn check_event(i: usize, e: raw::Event) -> Checked<CheckedEvent> {
    let mut c = Checker {
        problems: Vec::new(),
    };
    let id = e.id;
    let rec = Rec {
        section: "events",
        index: Some(i),
        noun: "event",
        id: &id,
    };
    let date = c.date(&rec, F::Name("date"), &e.date);
    let title = c.text(&rec, F::Name("title"), e.title, MAX_NAME);
    let place = c.opt_text(&rec, F::Name("place"), e.place, MAX_NAME);
    let mut countries = Vec::with_capacity(e.countries.len());
    for (k, code) in e.countries.iter().enumerate() {
        if let Some(code) = c.country(&rec, F::Item("countries", k), code) {
            countries.push(code);
        }
    }
    let other_cities = c.texts(&rec, "other_cities", e.other_cities, MAX_NAME);
    let summary = c.text(&rec, F::Name("summary"), e.summary, MAX_LONG_TEXT);
    let notes = c.texts(&rec, "notes", e.notes, MAX_LONG_TEXT);
    let sources = c.sources(&rec, e.sources);
    let refs = e.partners;
    let record = date.map(|date| {
        let event = model::Event {
            id: String::new(),
            date,
            title,
            place,
            kind: e.kind,
            partners: Vec::with_capacity(refs.len()),
            countries,
            other_cities,
            summary,
            notes,
            confidence: e.confidence,
            sources,
        };
        (event, refs)
    });
    Checked {
        id,
        record,
        problems: c.problems,
    }
}

pub(crate) fn check_institution(i: usize, inst: raw::Institution) -> Checked<model::Institution> {
    let mut c = Checker {
        problems: Vec::new(),
    };
    let id = inst.id;
    let rec = Rec {
        section: "institutions",
        index: Some(i),
        noun: "institution",
        id: &id,
    };
    let name = c.text(&rec, F::Name("name"), inst.name, MAX_NAME);
    let name_zh = c.opt_text(&rec, F::Name("name_zh"), inst.name_zh, MAX_NAME);
    let name_local = c.opt_text(&rec, F::Name("name_local"), inst.name_local, MAX_NAME);
    let country = inst
        .country
        .as_ref()
        .map(|code| c.country(&rec, F::Name("country"), code));
    let opened = c.opt_date(&rec, F::Name("opened"), &inst.opened);
    let district = c.opt_text(&rec, F::Name("district"), inst.district, MAX_NAME);
    let summary = c.text(&rec, F::Name("summary"), inst.summary, MAX_LONG_TEXT);
    let notes = c.texts(&rec, "notes", inst.notes, MAX_LONG_TEXT);
    let sources = c.sources(&rec, inst.sources);
    let record = (country != Some(None)).then(|| model::Institution {
        id: String::new(),
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
    Checked {
        id,
        record,
        problems: c.problems,
    }
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
    let mut data = Dataset {
        home,
        official_totals,
        official_institutions,
        partners,
        events,
        institutions,
        country_names,
        partner_by_id,
        partner_events,
        partner_countries: Vec::new(),
        coverage: Default::default(),
    };
    data.index();
    data
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
        assert!(check_url("HTTPS://HOST/x").is_ok());
        assert!(check_url("Http://example.org/").is_ok());
        assert!(check_url("httpx://example.org/").is_err());
        // A multi-byte character where the scheme would end is no panic.
        assert!(check_url("http:/é/x").is_err());
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
