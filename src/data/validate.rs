//! Semantic validation: turns the raw file into the trusted [`Dataset`],
//! collecting every problem rather than stopping at the first.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::model::{
    self, Change, CountryCode, Dataset, Grade, NameFrom, Origin, PartialDate, PointSource,
    RelationMark, Source,
};
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

struct Checker<'h> {
    problems: Vec<Problem>,
    hosts: &'h Hosts,
    /// Indices into `hosts` of the hosts this record's sources use.
    used: Vec<u32>,
}

/// The graded hosts of `source_hosts`, by host name.
#[derive(Debug, Default)]
pub(crate) struct Hosts {
    by_name: HashMap<String, (u32, Grade)>,
    /// In file order.
    list: Vec<(String, Grade)>,
}

impl Hosts {
    /// Checks the `source_hosts` table: each key a bare host name as URLs
    /// spell it, none twice.
    pub(crate) fn check(raw: raw::SourceHosts) -> (Hosts, Vec<Problem>) {
        let mut c = Checker::new(&EMPTY_HOSTS);
        let rec = Rec {
            section: "source_hosts",
            index: None,
            noun: "source_hosts",
            id: "",
        };
        let mut hosts = Hosts::default();
        for (name, grade) in raw.0 {
            match host_of(&format!("http://{name}/")) {
                Ok(host) if host == name => {}
                _ => {
                    c.report(
                        &rec,
                        F::Name(""),
                        format!(
                            "{} is not a host name as URLs write it (lower case; no scheme, port or path)",
                            text::quote(&name)
                        ),
                    );
                    continue;
                }
            }
            if hosts.by_name.contains_key(&name) {
                c.report(
                    &rec,
                    F::Name(""),
                    format!("host {} is graded twice", text::quote(&name)),
                );
                continue;
            }
            let ix = hosts.list.len() as u32;
            hosts.by_name.insert(name.clone(), (ix, grade));
            hosts.list.push((name, grade));
        }
        (hosts, c.problems)
    }
}

static EMPTY_HOSTS: std::sync::LazyLock<Hosts> = std::sync::LazyLock::new(Hosts::default);

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

impl<'h> Checker<'h> {
    fn new(hosts: &'h Hosts) -> Self {
        Checker {
            problems: Vec::new(),
            hosts,
            used: Vec::new(),
        }
    }

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

    /// A text field: clean, not blank, not too long once NFC-normalized.
    fn text(&mut self, rec: &Rec, field: F, value: String, max: usize) -> String {
        let count = |s: &str| {
            if s.is_ascii() {
                s.len()
            } else {
                s.chars().count()
            }
        };
        let too_long = |c: &mut Self, chars: usize| {
            c.report(
                rec,
                field,
                format!("text is too long ({chars} characters; at most {max})"),
            );
        };
        // A runaway value is refused before the work of cleaning it; NFC
        // composes at most four characters into one, so nothing longer can
        // come within the limit.
        let chars = count(&value);
        if chars > max.saturating_mul(4) {
            too_long(self, chars);
            return String::new();
        }
        match text::clean_owned(value) {
            Ok(clean) => {
                let chars = count(&clean);
                if chars > max {
                    too_long(self, chars);
                    return String::new();
                }
                if text::is_blank_text(&clean) {
                    self.report(rec, field, "text is empty");
                }
                // No real name begins like a spreadsheet formula.
                if matches!(field, F::Name("name" | "name_zh" | "name_local"))
                    && clean.starts_with(['=', '@'])
                {
                    self.report(
                        rec,
                        field,
                        "a name cannot begin with = or @ (a spreadsheet would read it as a formula)",
                    );
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

    /// A point and where it comes from: a GeoNames id or a graded page.
    fn location(
        &mut self,
        rec: &Rec,
        loc: raw::Location,
    ) -> Option<(model::Location, PointSource)> {
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
        let source = match (loc.geonames, loc.source) {
            (Some(0), _) => {
                self.report(rec, F::Name("location.geonames"), "GeoNames ids start at 1");
                None
            }
            (Some(id), None) => Some(PointSource::Geonames(id)),
            (None, Some(url)) => self
                .source(rec, F::Name("location.source"), url)
                .map(PointSource::Page),
            (Some(_), Some(_)) => {
                self.report(
                    rec,
                    F::Name("location"),
                    "give the point's GeoNames id or its source page, not both",
                );
                None
            }
            (None, None) => {
                self.report(
                    rec,
                    F::Name("location"),
                    "a location needs a gazetteer id (geonames: 2034937) or a source page (source: \"https://…\")",
                );
                None
            }
        };
        let point = model::Location {
            lat: loc.lat,
            lon: loc.lon,
        };
        match source {
            Some(source) if ok => Some((point, source)),
            _ => None,
        }
    }

    /// One source URL: well formed, on a graded host.
    fn source(&mut self, rec: &Rec, field: F, url: String) -> Option<Source> {
        let host = match host_of(&url) {
            Ok(host) => host,
            Err(why) => {
                self.report(rec, field, why);
                return None;
            }
        };
        match self.hosts.by_name.get(&host) {
            Some(&(ix, grade)) => {
                self.used.push(ix);
                Some(Source { url, grade })
            }
            None => {
                self.report(
                    rec,
                    field,
                    format!(
                        "host {} is not graded: add it to source_hosts as one of {}",
                        text::quote(&host),
                        GRADE_NAMES
                    ),
                );
                None
            }
        }
    }

    /// A record's sources, best grade first (file order among equals).
    fn sources(&mut self, rec: &Rec, values: Vec<String>) -> Vec<Source> {
        if values.is_empty() {
            self.report(
                rec,
                F::Name("sources"),
                "a record needs at least one source URL",
            );
        }
        self.source_list(rec, values)
    }

    /// Sources that may be empty (a conflict's).
    fn source_list(&mut self, rec: &Rec, values: Vec<String>) -> Vec<Source> {
        let mut seen: HashSet<&str> = HashSet::with_capacity(values.len());
        let mut twice: Vec<usize> = Vec::new();
        for (i, url) in values.iter().enumerate() {
            if !seen.insert(url) {
                twice.push(i);
            }
        }
        for &i in &twice {
            self.report(
                rec,
                F::Item("sources", i),
                format!("source {} is listed twice", text::quote(&values[i])),
            );
        }
        let mut out: Vec<Source> = Vec::with_capacity(values.len());
        for (i, url) in values.into_iter().enumerate() {
            if twice.binary_search(&i).is_err()
                && let Some(s) = self.source(rec, F::Item("sources", i), url)
            {
                out.push(s);
            }
        }
        out.sort_by_key(|s| s.grade);
        out
    }

    fn aliases(
        &mut self,
        rec: &Rec,
        values: Vec<String>,
        names: &[&Option<String>],
    ) -> Vec<String> {
        let aliases = self.texts(rec, "aliases", values, MAX_NAME);
        for (i, a) in aliases.iter().enumerate() {
            if names.iter().any(|n| n.as_deref() == Some(a.as_str())) {
                self.report(
                    rec,
                    F::Item("aliases", i),
                    format!("alias {} repeats one of the record's names", text::quote(a)),
                );
            }
        }
        aliases
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

/// The grade names as a dataset spells them, for messages.
const GRADE_NAMES: &str = "Official, PartnerGovernment, Press, Reference, Mirror";

/// A source must be an absolute http(s) URL with a real host (a domain with
/// a dot, or an IP address), no user name, no spaces and no template
/// placeholder.
pub fn check_url(url: &str) -> Result<(), String> {
    host_of(url).map(|_| ())
}

/// The host of a well-formed source URL, lower case as URLs compare it.
pub fn host_of(url: &str) -> Result<String, String> {
    if url.len() > MAX_URL && url.chars().count() > MAX_URL {
        return Err(format!(
            "source URL is too long (at most {MAX_URL} characters)"
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
    if url.contains("{{") || url.contains("}}") {
        return Err(format!(
            "source {} contains a template placeholder ({{{{…}}}})",
            text::quote(url)
        ));
    }
    // Schemes are case-insensitive (RFC 3986): `HTTPS://` is `https://`.
    let scheme = |prefix: &str| {
        url.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    if !scheme("https://") && !scheme("http://") {
        return Err(format!("source {} is not an http(s) URL", text::quote(url)));
    }
    let no_host = || format!("source {} has no valid host name", text::quote(url));
    let parsed = url::Url::parse(url).map_err(|_| no_host())?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(format!(
            "source {} names a user before its host (user@host)",
            text::quote(url)
        ));
    }
    match parsed.host() {
        Some(url::Host::Domain(domain)) => {
            let labels: Vec<&str> = domain.split('.').collect();
            let label_ok = |l: &&str| {
                !l.is_empty()
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            };
            if labels.len() < 2 || !labels.iter().all(label_ok) {
                return Err(no_host());
            }
        }
        Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)) => {}
        None => return Err(no_host()),
    }
    parsed.host_str().map(str::to_string).ok_or_else(no_host)
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
/// field is unusable), its problems and the graded hosts its sources use.
/// Checks across records (unique ids, references) come after.
pub(crate) struct Checked<T> {
    id: String,
    record: Option<T>,
    problems: Vec<Problem>,
    hosts: Vec<u32>,
}

impl<T> Checked<T> {
    /// A placeholder for a record that did not parse (never validated).
    pub(crate) fn unparsed() -> Self {
        Self {
            id: String::new(),
            record: None,
            problems: Vec::new(),
            hosts: Vec::new(),
        }
    }

    fn new(id: String, record: Option<T>, c: Checker) -> Self {
        Self {
            id,
            record,
            problems: c.problems,
            hosts: c.used,
        }
    }
}

/// Validates a parsed file, taking its strings over rather than copying
/// them. On success the dataset is sorted and indexed.
pub fn validate(raw: raw::Dataset) -> Result<Dataset, Vec<Problem>> {
    let (hosts, host_problems) = Hosts::check(raw.source_hosts);
    finish(Parts {
        partners: each(raw.partners, |i, p| check_partner(i, p, &hosts)),
        events: each(raw.events, |i, e| check_event(i, e, &hosts)),
        institutions: each(raw.institutions, |i, r| check_institution(i, r, &hosts)),
        home: raw.home,
        official_totals: raw.official_totals,
        official_institutions: raw.official_institutions,
        unidentified: raw.unidentified,
        pending: raw.pending,
        conflicts: raw.conflicts,
        hosts,
        host_problems,
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
    pub unidentified: Vec<raw::Unidentified>,
    pub pending: Vec<raw::Pending>,
    pub conflicts: Vec<raw::Conflict>,
    pub hosts: Hosts,
    pub host_problems: Vec<Problem>,
}

/// An event checked on its own, with the ids it names (resolved later).
pub(crate) struct CheckedEvent {
    event: model::Event,
    partners: Vec<String>,
    signing_of: Vec<String>,
    institutions: Vec<String>,
}

/// Ids seen so far in a list, with the index of the record that has each.
type Ids = HashMap<String, usize>;

/// A list's records after the step they all take (see [`take`]).
struct Listed<U> {
    /// The records kept, in file order.
    kept: Vec<U>,
    /// Every usable id, with the file index of the record that has it.
    ids: Ids,
    /// By file index, the place in `kept` of a record that had no problem
    /// of its own.
    sound: Vec<Option<usize>>,
}

/// The step every list of records checked on their own takes, in file
/// order: the hosts their sources use are marked used, their problems taken
/// over, and their ids checked (form, and unique in the list). Then `rest`
/// does the record's own checks across records and gives what to keep
/// (`None`: nothing), which is kept under its id (`set_id`) if that id is
/// usable.
fn take<T, U>(
    c: &mut Checker,
    used: &mut [bool],
    list: Vec<Checked<T>>,
    (section, noun): (&'static str, &'static str),
    set_id: fn(&mut U, String),
    mut rest: impl FnMut(&mut Checker, &Rec, usize, T) -> Option<U>,
) -> Listed<U> {
    let mut out = Listed {
        kept: Vec::with_capacity(list.len()),
        ids: HashMap::with_capacity(list.len()),
        sound: Vec::with_capacity(list.len()),
    };
    for (i, one) in list.into_iter().enumerate() {
        let Checked {
            id,
            record,
            problems,
            hosts,
        } = one;
        mark_used(used, &hosts);
        let clean = problems.is_empty();
        c.problems.extend(problems);
        out.sound.push(None);
        let rec = Rec {
            section,
            index: Some(i),
            noun,
            id: &id,
        };
        let id_ok = c.id(&rec, &mut out.ids, i);
        let Some(mut kept) = record.and_then(|r| rest(c, &rec, i, r)) else {
            continue;
        };
        if id_ok {
            set_id(&mut kept, id);
            if clean && let Some(slot) = out.sound.get_mut(i) {
                *slot = Some(out.kept.len());
            }
            out.kept.push(kept);
        }
    }
    out
}

/// The checks across records: unique ids and orders, references; then the
/// dataset is assembled, or every problem found is returned.
pub(crate) fn finish(parts: Parts) -> Result<Dataset, Vec<Problem>> {
    let hosts = parts.hosts;
    let mut c = Checker::new(&hosts);
    c.problems.extend(parts.host_problems);
    let mut used: Vec<bool> = vec![false; hosts.list.len()];
    let home = check_home(&mut c, parts.home);
    let official_totals = check_totals(&mut c, parts.official_totals);
    let official_institutions = check_figures(&mut c, parts.official_institutions);

    // Partners: ids and orders.
    let mut orders: HashMap<(model::PartnerKind, u32), usize> = HashMap::new();
    let partners = take(
        &mut c,
        &mut used,
        parts.partners,
        ("partners", "partner"),
        |p: &mut model::Partner, id| p.id = id,
        |c, rec, i, p: model::Partner| {
            if let Some(order) = p.order.filter(|&o| o > 0) {
                match orders.get(&(p.kind, order)) {
                    Some(&first) => c.report(
                        rec,
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
            Some(p)
        },
    );
    let partner_ids = partners.ids;
    // By file index, the kept partner of a record that had no problem of
    // its own (checks that depend on it are skipped otherwise, so one
    // mistake is reported once).
    let sound = partners.sound;
    let partners = partners.kept;
    // A partner's file index. Kept partners are numbered differently only
    // when some record failed, and then nothing is assembled.
    let partner_ix = |id: &str| partner_ids.get(id).copied();

    let institutions = take(
        &mut c,
        &mut used,
        parts.institutions,
        ("institutions", "institution"),
        |inst: &mut model::Institution, id| inst.id = id,
        |_, _, _, inst| Some(inst),
    );
    let institution_ids = institutions.ids;
    let institutions = institutions.kept;

    // Events: their references.
    // Relation steps that a recorded event is the signing of.
    let mut signed: HashMap<(usize, usize), usize> = HashMap::new();
    let events = take(
        &mut c,
        &mut used,
        parts.events,
        ("events", "event"),
        |e: &mut model::Event, id| e.id = id,
        |c, rec, i, checked: CheckedEvent| {
            let CheckedEvent {
                event: mut e,
                partners: refs,
                signing_of,
                institutions: inst_refs,
            } = checked;
            let mut listed: HashSet<usize> = HashSet::with_capacity(refs.len());
            let found = references(
                c,
                rec,
                ("partners", "partner"),
                &refs,
                &partner_ids,
                &mut listed,
            );
            e.partners.extend(found);
            for (k, pid) in signing_of.iter().enumerate() {
                let field = F::Item("signing_of", k);
                let Some(ix) = partner_ix(pid) else {
                    c.report(
                        rec,
                        field,
                        format!("unknown partner id {}", text::quote(pid)),
                    );
                    continue;
                };
                if !listed.contains(&ix) {
                    c.report(
                        rec,
                        field,
                        format!(
                            "partner {} must also be among the event's partners",
                            text::quote(pid)
                        ),
                    );
                    continue;
                }
                let Some(p) = sound
                    .get(ix)
                    .copied()
                    .flatten()
                    .and_then(|k| partners.get(k))
                else {
                    continue;
                };
                let steps = p.relation_steps();
                match steps.iter().position(|(d, _)| d.agrees_with(&e.date)) {
                    Some(step) => {
                        if let Some(&other) = signed.get(&(ix, step)) {
                            c.report(
                                rec,
                                field,
                                format!(
                                    "events[{other}] is already the signing of {}'s {} {}",
                                    text::quote(pid),
                                    if step == 0 {
                                        "founding"
                                    } else {
                                        "change of kind"
                                    },
                                    steps[step].0
                                ),
                            );
                        } else {
                            signed.insert((ix, step), i);
                            e.relations.push(mark(p, ix, &steps, step));
                        }
                    }
                    None => {
                        let dates: Vec<String> = steps.iter().map(|(d, _)| d.to_string()).collect();
                        c.report(
                            rec,
                            field,
                            if dates.is_empty() {
                                format!(
                                    "partner {} has no established date or history to sign",
                                    text::quote(pid)
                                )
                            } else {
                                format!(
                                    "the event's date {} is none of {}'s relation dates ({})",
                                    e.date,
                                    text::quote(pid),
                                    dates.join(", ")
                                )
                            },
                        );
                    }
                }
            }
            let found = references(
                c,
                rec,
                ("institutions", "institution"),
                &inst_refs,
                &institution_ids,
                &mut HashSet::with_capacity(inst_refs.len()),
            );
            e.institutions.extend(found);
            Some(e)
        },
    );
    let event_ids = events.ids;
    let mut events = events.kept;

    let unidentified = check_unidentified(&mut c, parts.unidentified, &partner_ids, &orders);
    let pending = check_pending(&mut c, parts.pending, &partner_ids);
    let conflicts = check_conflicts(&mut c, parts.conflicts, &partner_ids);
    mark_used(&mut used, &c.used);
    for (k, (name, _)) in hosts.list.iter().enumerate() {
        if !used[k] {
            c.report(
                &Rec {
                    section: "source_hosts",
                    index: None,
                    noun: "source_hosts",
                    id: "",
                },
                F::Name(""),
                format!("host {} is graded but no source uses it", text::quote(name)),
            );
        }
    }

    // Rows derived from the partners: each relation step no recorded event
    // is the signing of, and each unidentified number in its window.
    let mut derived = derive_rows(&partners, &signed, &unidentified);
    for d in &derived {
        if let Some(&i) = event_ids.get(&d.id) {
            c.report(
                &Rec {
                    section: "events",
                    index: Some(i),
                    noun: "event",
                    id: &d.id,
                },
                F::Name("id"),
                format!(
                    "id {} is taken by a row the program derives from a partner record; choose another",
                    text::quote(&d.id)
                ),
            );
        }
    }
    events.append(&mut derived);

    let problems = c.problems;
    let source_hosts = hosts.list;
    match home {
        Some(home) if problems.is_empty() => Ok(assemble(Assembly {
            home,
            official_totals,
            official_institutions,
            partners,
            events,
            institutions,
            unidentified,
            pending,
            conflicts,
            source_hosts,
        })),
        _ => Err(problems),
    }
}

fn mark_used(used: &mut [bool], hosts: &[u32]) {
    for &h in hosts {
        if let Some(slot) = used.get_mut(h as usize) {
            *slot = true;
        }
    }
}

/// The mark of step `step` of a partner's relation.
fn mark(
    p: &model::Partner,
    ix: usize,
    steps: &[(PartialDate, model::PartnerKind)],
    step: usize,
) -> RelationMark {
    let kind = steps[step].1;
    let change = if step == 0 {
        Change::Established
    } else if kind == model::PartnerKind::Sister {
        Change::Upgraded
    } else {
        Change::Changed
    };
    RelationMark {
        partner: ix,
        change,
        kind,
        // The number belongs to the relation of the partner's current kind.
        order: p
            .order
            .filter(|_| kind == p.kind && step + 1 == steps.len()),
    }
}

fn derive_rows(
    partners: &[model::Partner],
    signed: &HashMap<(usize, usize), usize>,
    unidentified: &[model::Unidentified],
) -> Vec<model::Event> {
    let mut out = Vec::new();
    for (ix, p) in partners.iter().enumerate() {
        let steps = p.relation_steps();
        for (step, &(date, kind)) in steps.iter().enumerate() {
            if signed.contains_key(&(ix, step)) {
                continue;
            }
            let m = mark(p, ix, &steps, step);
            let id = match m.change {
                Change::Established => format!("{}-established", p.id),
                _ => format!("{}-{}-{}", p.id, kind.as_str(), date.year()),
            };
            let note = if p.history.is_empty() {
                None
            } else {
                p.history.get(step).and_then(|h| h.note.clone())
            };
            out.push(model::Event {
                id,
                date,
                title: String::new(),
                place: None,
                kind: model::EventKind::Agreement,
                partners: vec![ix],
                countries: vec![p.country],
                other_cities: Vec::new(),
                summary: String::new(),
                notes: note.into_iter().collect(),
                provenance: Vec::new(),
                origin: Origin::Relation,
                relations: vec![m],
                institutions: Vec::new(),
                confidence: p.confidence,
                sources: p.sources.clone(),
            });
        }
    }
    for (u_ix, u) in unidentified.iter().enumerate() {
        out.push(model::Event {
            id: format!("{}-{}-unidentified", u.kind.as_str(), u.order),
            date: u.after,
            title: String::new(),
            place: None,
            kind: model::EventKind::Agreement,
            partners: Vec::new(),
            countries: Vec::new(),
            other_cities: Vec::new(),
            summary: String::new(),
            notes: Vec::new(),
            provenance: Vec::new(),
            origin: Origin::Unidentified(u_ix),
            relations: Vec::new(),
            institutions: Vec::new(),
            confidence: model::best_grade(&u.sources),
            sources: u.sources.clone(),
        });
    }
    out
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
    let aliases = c.aliases(&rec, h.aliases, &[&Some(name.clone()), &name_zh]);
    let country = c.country(&rec, F::Name("country"), &h.country);
    let location = c.location(&rec, h.location);
    let sources = c.sources(&rec, h.sources);
    let (location, location_source) = location?;
    Some(model::Home {
        name,
        name_zh,
        aliases,
        country: country?,
        location,
        location_source,
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
        let label_zh = c.opt_text(&rec, F::Name("label_zh"), f.label_zh, MAX_NAME);
        let as_of = c.date(&rec, F::Name("as_of"), &f.as_of);
        let note = c.opt_text(&rec, F::Name("note"), f.note, MAX_LONG_TEXT);
        let sources = c.sources(&rec, f.sources);
        if let Some(as_of) = as_of {
            out.push(model::OfficialFigure {
                kind: f.kind,
                label,
                label_zh,
                count: f.count,
                as_of,
                note,
                sources,
            });
        }
    }
    out
}

/// `name_zh_from: Gazetteer` needs a gazetteer record to take the name from.
fn check_name_from(c: &mut Checker, rec: &Rec, from: NameFrom, source: Option<&PointSource>) {
    if from == NameFrom::Gazetteer && source.and_then(PointSource::geonames).is_none() {
        c.report(
            rec,
            F::Name("name_zh_from"),
            "a Chinese name from the gazetteer needs the location's GeoNames id (location: Location(…, geonames: ID))",
        );
    }
}

pub(crate) fn check_partner(i: usize, p: raw::Partner, hosts: &Hosts) -> Checked<model::Partner> {
    let mut c = Checker::new(hosts);
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
    let aliases = c.aliases(
        &rec,
        p.aliases,
        &[&Some(name.clone()), &name_local, &name_zh],
    );
    let country = c.country(&rec, F::Name("country"), &p.country);
    let established = c.opt_date(&rec, F::Name("established"), &p.established);
    if p.order == Some(0) {
        c.report(&rec, F::Name("order"), "order numbers start at 1");
    }
    let location = p.location.and_then(|l| c.location(&rec, l));
    let (location, location_source) = location.unzip();
    check_name_from(&mut c, &rec, p.name_zh_from, location_source.as_ref());
    if p.name_zh_from == NameFrom::Gazetteer && name_zh.is_none() {
        c.report(
            &rec,
            F::Name("name_zh_from"),
            "says where the Chinese name comes from, but there is no name_zh",
        );
    }
    let summary = c.text(&rec, F::Name("summary"), p.summary, MAX_LONG_TEXT);
    let notes = c.texts(&rec, "notes", p.notes, MAX_LONG_TEXT);
    let awards = c.texts(&rec, "awards", p.awards, MAX_LONG_TEXT);
    let provenance = c.texts(&rec, "provenance", p.provenance, MAX_LONG_TEXT);
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
    if let (Some(est), Some(last)) = (established, history.last())
        && !est.agrees_with(&last.date)
    {
        c.report(
            &rec,
            F::Name("established"),
            format!(
                "established {est} must be the date of the latest history entry ({})",
                last.date
            ),
        );
    }
    let sources = c.sources(&rec, p.sources);
    let record = country.map(|country| model::Partner {
        id: String::new(),
        name,
        name_local,
        name_zh,
        name_zh_from: p.name_zh_from,
        aliases,
        country,
        kind: p.kind,
        established,
        order: p.order,
        location,
        location_source,
        summary,
        notes,
        awards,
        history,
        uncertain: p.uncertain,
        provenance,
        confidence: model::best_grade(&sources),
        sources,
    });
    Checked::new(id, record, c)
}

/// Checks an event on its own, keeping the ids it names.
pub(crate) fn check_event(i: usize, e: raw::Event, hosts: &Hosts) -> Checked<CheckedEvent> {
    let mut c = Checker::new(hosts);
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
    let provenance = c.texts(&rec, "provenance", e.provenance, MAX_LONG_TEXT);
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
            provenance,
            origin: Origin::Recorded,
            relations: Vec::new(),
            institutions: Vec::new(),
            confidence: model::best_grade(&sources),
            sources,
        };
        CheckedEvent {
            event,
            partners: refs,
            signing_of: e.signing_of,
            institutions: e.institutions,
        }
    });
    Checked::new(id, record, c)
}

pub(crate) fn check_institution(
    i: usize,
    inst: raw::Institution,
    hosts: &Hosts,
) -> Checked<model::Institution> {
    let mut c = Checker::new(hosts);
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
    let location = inst.location.and_then(|l| c.location(&rec, l));
    let (location, location_source) = location.unzip();
    let summary = c.text(&rec, F::Name("summary"), inst.summary, MAX_LONG_TEXT);
    let notes = c.texts(&rec, "notes", inst.notes, MAX_LONG_TEXT);
    let provenance = c.texts(&rec, "provenance", inst.provenance, MAX_LONG_TEXT);
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
        location,
        location_source,
        summary,
        notes,
        counts_toward_official: inst.counts_toward_official,
        provenance,
        confidence: model::best_grade(&sources),
        sources,
    });
    Checked::new(id, record, c)
}

fn check_unidentified(
    c: &mut Checker,
    raw: Vec<raw::Unidentified>,
    partner_ids: &Ids,
    orders: &HashMap<(model::PartnerKind, u32), usize>,
) -> Vec<model::Unidentified> {
    let mut out: Vec<model::Unidentified> = Vec::with_capacity(raw.len());
    for (i, u) in raw.into_iter().enumerate() {
        let rec = Rec {
            section: "unidentified",
            index: Some(i),
            noun: "unidentified",
            id: "",
        };
        if u.order == 0 {
            c.report(&rec, F::Name("order"), "order numbers start at 1");
        } else if let Some(&p) = orders.get(&(u.kind, u.order)) {
            c.report(
                &rec,
                F::Name("order"),
                format!("order {} is held by partners[{p}]", u.order),
            );
        } else if out.iter().any(|o| (o.kind, o.order) == (u.kind, u.order)) {
            c.report(
                &rec,
                F::Name("order"),
                format!("order {} is listed twice", u.order),
            );
        }
        let after = c.date(&rec, F::Name("after"), &u.after);
        let before = c.date(&rec, F::Name("before"), &u.before);
        if let (Some(a), Some(b)) = (after, before)
            && a > b
        {
            c.report(
                &rec,
                F::Name("before"),
                format!("the window ends ({b}) before it starts ({a})"),
            );
        }
        let candidates = references(
            c,
            &rec,
            ("candidates", "partner"),
            &u.candidates,
            partner_ids,
            &mut HashSet::with_capacity(u.candidates.len()),
        );
        let note = c.text(&rec, F::Name("note"), u.note, MAX_LONG_TEXT);
        let sources = c.sources(&rec, u.sources);
        if let (Some(after), Some(before)) = (after, before) {
            out.push(model::Unidentified {
                kind: u.kind,
                order: u.order,
                after,
                before,
                candidates,
                note,
                sources,
            });
        }
    }
    out.sort_by_key(|u| (u.kind, u.order));
    out
}

/// The records a list of ids refers to, in the list's order and each once
/// (`seen` holds those already listed): an unknown id or one listed twice
/// is reported at its place. `what` is the field and the kind of record it
/// names (`("partners", "partner")`).
fn references(
    c: &mut Checker,
    rec: &Rec,
    (field, noun): (&'static str, &'static str),
    refs: &[String],
    ids: &Ids,
    seen: &mut HashSet<usize>,
) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(refs.len());
    for (k, id) in refs.iter().enumerate() {
        match ids.get(id) {
            Some(&ix) if !seen.insert(ix) => c.report(
                rec,
                F::Item(field, k),
                format!("{noun} {} is listed twice", text::quote(id)),
            ),
            Some(&ix) => out.push(ix),
            None => c.report(
                rec,
                F::Item(field, k),
                format!("unknown {noun} id {}", text::quote(id)),
            ),
        }
    }
    out
}

fn check_pending(
    c: &mut Checker,
    raw: Vec<raw::Pending>,
    partner_ids: &Ids,
) -> Vec<model::Pending> {
    let mut ids: Ids = HashMap::with_capacity(raw.len());
    let mut out = Vec::with_capacity(raw.len());
    for (i, p) in raw.into_iter().enumerate() {
        let id = p.id;
        let rec = Rec {
            section: "pending",
            index: Some(i),
            noun: "pending relation",
            id: &id,
        };
        let mut id_ok = c.id(&rec, &mut ids, i);
        if partner_ids.contains_key(&id) {
            c.report(
                &rec,
                F::Name("id"),
                format!(
                    "{} is a partner; a pending relation is one that is not (yet) a partner",
                    text::quote(&id)
                ),
            );
            id_ok = false;
        }
        let name = c.text(&rec, F::Name("name"), p.name, MAX_NAME);
        let name_local = c.opt_text(&rec, F::Name("name_local"), p.name_local, MAX_NAME);
        let name_zh = c.opt_text(&rec, F::Name("name_zh"), p.name_zh, MAX_NAME);
        let country = c.country(&rec, F::Name("country"), &p.country);
        let date = c.opt_date(&rec, F::Name("date"), &p.date);
        let location = p.location.and_then(|l| c.location(&rec, l));
        let (location, location_source) = location.unzip();
        check_name_from(c, &rec, p.name_zh_from, location_source.as_ref());
        let summary = c.text(&rec, F::Name("summary"), p.summary, MAX_LONG_TEXT);
        let notes = c.texts(&rec, "notes", p.notes, MAX_LONG_TEXT);
        let sources = c.sources(&rec, p.sources);
        if let (Some(country), true) = (country, id_ok) {
            out.push(model::Pending {
                id,
                name,
                name_local,
                name_zh,
                name_zh_from: p.name_zh_from,
                country,
                status: p.status,
                intended_kind: p.intended_kind,
                date,
                location,
                location_source,
                summary,
                notes,
                confidence: model::best_grade(&sources),
                sources,
            });
        }
    }
    out
}

fn check_conflicts(
    c: &mut Checker,
    raw: Vec<raw::Conflict>,
    partner_ids: &Ids,
) -> Vec<model::Conflict> {
    let mut out = Vec::with_capacity(raw.len());
    for (i, k) in raw.into_iter().enumerate() {
        let rec = Rec {
            section: "conflicts",
            index: Some(i),
            noun: "conflict",
            id: "",
        };
        let partners = references(
            c,
            &rec,
            ("partners", "partner"),
            &k.partners,
            partner_ids,
            &mut HashSet::with_capacity(k.partners.len()),
        );
        if k.partners.is_empty() {
            c.report(
                &rec,
                F::Name("partners"),
                "a conflict names at least one partner",
            );
        }
        let summary = c.text(&rec, F::Name("summary"), k.summary, MAX_LONG_TEXT);
        let sources = c.source_list(&rec, k.sources);
        out.push(model::Conflict {
            partners,
            summary,
            sources,
        });
    }
    out
}

/// An all-valid dataset's parts.
struct Assembly {
    home: model::Home,
    official_totals: Vec<model::OfficialTotal>,
    official_institutions: Vec<model::OfficialFigure>,
    partners: Vec<model::Partner>,
    events: Vec<model::Event>,
    institutions: Vec<model::Institution>,
    unidentified: Vec<model::Unidentified>,
    pending: Vec<model::Pending>,
    conflicts: Vec<model::Conflict>,
    source_hosts: Vec<(String, Grade)>,
}

/// Sorts and indexes an all-valid dataset.
fn assemble(a: Assembly) -> Dataset {
    let Assembly {
        home,
        official_totals,
        official_institutions,
        partners,
        mut events,
        institutions,
        unidentified,
        pending,
        conflicts,
        source_hosts,
    } = a;
    // Chronological; on one date a relation's founding comes before what
    // happened that day, and a placeholder for an unidentified number, whose
    // window opens that day, after it; file order is kept among equals.
    events.sort_by_key(|e| {
        let rank = match e.origin {
            Origin::Relation => 0,
            Origin::Recorded => 1,
            Origin::Unidentified(_) => 2,
        };
        (e.date, rank)
    });
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
    codes.extend(pending.iter().map(|p| p.country));
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
        unidentified,
        pending,
        conflicts,
        source_hosts,
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

    /// Issue 14: duplicate checks were `Vec::contains` per entry, so one
    /// record listing many ids cost the square of their number. One list of
    /// N references must cost about what N lists of one do (best of three,
    /// as a ratio).
    #[test]
    fn a_long_reference_list_costs_what_many_short_ones_do() {
        const N: usize = 20_000;
        let refs: Vec<String> = (0..N).map(|i| format!("p{i}")).collect();
        let ids: Ids = refs.iter().cloned().zip(0..).collect();
        let rec = Rec {
            section: "conflicts",
            index: Some(0),
            noun: "conflict",
            id: "",
        };
        let time = |f: &dyn Fn() -> usize| {
            (0..3)
                .map(|_| {
                    let start = std::time::Instant::now();
                    assert_eq!(std::hint::black_box(f()), N);
                    start.elapsed()
                })
                .min()
                .unwrap()
        };
        let one_list = time(&|| {
            let mut c = Checker::new(&EMPTY_HOSTS);
            let what = ("partners", "partner");
            references(&mut c, &rec, what, &refs, &ids, &mut HashSet::new()).len()
        });
        let many_lists = time(&|| {
            let mut c = Checker::new(&EMPTY_HOSTS);
            let what = ("partners", "partner");
            refs.chunks(1)
                .map(|one| references(&mut c, &rec, what, one, &ids, &mut HashSet::new()).len())
                .sum()
        });
        assert!(
            one_list.as_secs_f64() <= 3.0 * many_lists.as_secs_f64(),
            "one list of {N}: {one_list:?}; {N} lists of one: {many_lists:?}"
        );
        // Twice and unknown are still reported, at their places.
        let mut c = Checker::new(&EMPTY_HOSTS);
        let twice = ["p1".to_string(), "nope".to_string(), "p1".to_string()];
        let got = references(
            &mut c,
            &rec,
            ("partners", "partner"),
            &twice,
            &ids,
            &mut HashSet::new(),
        );
        assert_eq!(got, [1]);
        let messages: Vec<(&str, &str)> = c
            .problems
            .iter()
            .map(|p| (p.field.as_str(), p.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                ("partners[1]", "unknown partner id \"nope\""),
                ("partners[2]", "partner \"p1\" is listed twice"),
            ]
        );
    }

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
        assert!(check_url("HTTPS://HOST.example/x").is_ok());
        assert_eq!(
            host_of("HTTPS://WWW.Example.ORG/x").unwrap(),
            "www.example.org"
        );
        // No real host, a user name, a template placeholder.
        for bad in [
            "https://@",
            "https://.",
            "https://:443",
            "https://[",
            "https://localhost/",
            "https://\u{3164}/",
            "https://user:pass@evil@good.example/",
            "https://user@good.example/",
            "https://a..b/",
            "https://freewechat.com/a/2651482136/{{href}}",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
        assert!(check_url("http://192.0.2.1/x").is_ok());
        assert!(check_url("http://[2001:db8::1]/x").is_ok());
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
