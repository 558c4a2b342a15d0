//! The command line as a user or a script meets it: every subcommand in every
//! output format, run as the real binary with stdin closed and stdout a pipe.

use crate::common;

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

use serde_json::{Map, Value};
use unicode_width::UnicodeWidthStr;

use common::{assert_no_panic, dataset_copy, repo_path, run, scratch_dir};

type Object = Map<String, Value>;

const FORMATS: [&str; 3] = ["table", "json", "csv"];

/// One invocation of each data command, with the arguments that select it.
const COMMANDS: [&[&str]; 4] = [
    &["list"],
    &["search", "japan"],
    &["timeline"],
    &["institutions"],
];

const PARTNER_KEYS: [&str; 26] = [
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
];

const EVENT_KEYS: [&str; 17] = [
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
];

const INSTITUTION_KEYS: [&str; 18] = [
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
];

/// Source grades, best first, as JSON spells them.
const GRADES: [&str; 5] = [
    "official",
    "partner-government",
    "press",
    "reference",
    "mirror",
];

// From the partner records of data/shenyang.ron, in id order.
const JAPANESE_PARTNERS: [&str; 4] = ["hamamatsu", "kawasaki", "sapporo", "sasebo"];
const KOREAN_PARTNERS: [&str; 10] = [
    "chuncheon",
    "daegu",
    "daejeon",
    "geoje",
    "gumi",
    "gunsan",
    "gwangyang",
    "incheon",
    "jeonju",
    "seongnam",
];
const KOREAN_COOPERATIVE: [&str; 7] = [
    "chuncheon",
    "daegu",
    "geoje",
    "gumi",
    "gunsan",
    "gwangyang",
    "jeonju",
];
const GERMAN_PARTNERS: [&str; 3] = ["dusseldorf", "greifswald", "magdeburg"];

/// The embedded dataset's partners: 24 sister and 16 cooperative cities.
const PARTNERS: usize = 40;
const SISTER: usize = 24;
const COOPERATIVE: usize = 16;
/// Timeline rows: 120 recorded events, 14 foundings derived from partner
/// records that no recorded event is the signing of, and 3 placeholders
/// for the unidentified sister cities No. 7, 9 and 20.
const TIMELINE_ROWS: usize = 137;
/// Institutions: 8 consulates, 6 schools, 1 hospital, 2 communities, 3 offices.
const INSTITUTIONS: usize = 20;

fn with_format(args: &[&str], format: &str) -> Vec<String> {
    let mut v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    v.push("--format".into());
    v.push(format.into());
    v
}

/// Runs a command that must succeed and returns its JSON objects.
fn json(args: &[&str]) -> Vec<Object> {
    run(&with_format(args, "json")).success().json_objects()
}

fn str_field<'a>(o: &'a Object, key: &str) -> &'a str {
    o.get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{key} is not a string in {o:?}"))
}

fn ids(objects: &[Object]) -> Vec<String> {
    objects
        .iter()
        .map(|o| str_field(o, "id").to_string())
        .collect()
}

fn keys(o: &Object) -> Vec<&str> {
    o.keys().map(String::as_str).collect()
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, digits only.
fn is_partial_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let widths_ok = match parts.as_slice() {
        [y] => y.len() == 4,
        [y, m] => y.len() == 4 && m.len() == 2,
        [y, m, d] => y.len() == 4 && m.len() == 2 && d.len() == 2,
        _ => false,
    };
    widths_ok && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

fn is_http_url(s: &str) -> bool {
    (s.starts_with("https://") && s.len() > "https://".len())
        || (s.starts_with("http://") && s.len() > "http://".len())
}

/// The host of an http(s) URL: what lies between `://` and the path, without
/// user information or port.
fn url_host(url: &str) -> &str {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or("");
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    host.split(':').next().unwrap_or("")
}

/// Checks one source object: `{"url": …, "grade": …}` with a well-formed
/// http(s) URL (no template placeholder, no space, a host) and one of the
/// five grades. Returns the grade's rank, 0 for the best.
fn assert_graded_source(what: &str, source: &Value) -> usize {
    let o = source
        .as_object()
        .unwrap_or_else(|| panic!("{what}: source {source} is not an object"));
    assert_eq!(keys(o), ["url", "grade"], "{what}: {source}");
    let url = str_field(o, "url");
    assert!(is_http_url(url), "{what}: source {url:?} is not http(s)");
    assert!(
        !url.contains("{{"),
        "{what}: template placeholder in {url:?}"
    );
    assert!(
        !url.chars().any(char::is_whitespace),
        "{what}: space in {url:?}"
    );
    let host = url_host(url);
    assert!(
        !host.is_empty() && host.contains('.'),
        "{what}: no host in {url:?}"
    );
    let grade = str_field(o, "grade");
    GRADES
        .iter()
        .position(|g| *g == grade)
        .unwrap_or_else(|| panic!("{what}: unknown grade {grade:?} of {url:?}"))
}

/// Checks a record's `sources`: at least one, each graded and well formed,
/// best grade first, and the record's confidence is its best source's grade.
fn assert_graded_sources(what: &str, record: &Object) {
    let sources = record["sources"]
        .as_array()
        .unwrap_or_else(|| panic!("{what}: sources is not an array"));
    assert!(!sources.is_empty(), "{what}: no sources");
    let ranks: Vec<usize> = sources
        .iter()
        .map(|s| assert_graded_source(what, s))
        .collect();
    assert!(
        ranks.windows(2).all(|w| w[0] <= w[1]),
        "{what}: sources not best first: {ranks:?}"
    );
    assert_eq!(
        str_field(record, "confidence"),
        GRADES[ranks[0]],
        "{what}: confidence is not the grade of the best source"
    );
}

/// The URLs of a record's sources, in order.
fn source_urls(record: &Object) -> Vec<&str> {
    record["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["url"].as_str().unwrap())
        .collect()
}

/// The grades of a record's sources, in order.
fn source_grades(record: &Object) -> Vec<&str> {
    record["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["grade"].as_str().unwrap())
        .collect()
}

/// The CSV header for records with these JSON keys: the same columns, with
/// `source_grades` right after `sources`.
fn csv_header(json_keys: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for k in json_keys {
        out.push(k.to_string());
        if *k == "sources" {
            out.push("source_grades".to_string());
        }
    }
    out
}

/// Partial dates written as ISO text sort chronologically as plain strings,
/// coarse dates first ("2018" < "2018-07" < "2018-07-17").
fn assert_chronological(dates: &[String]) {
    for w in dates.windows(2) {
        assert!(w[0] <= w[1], "{} comes before {}", w[0], w[1]);
    }
}

/// Checks that a table's columns line up on screen: every non-empty cell
/// starts at the display column (not the byte or char offset) where its
/// header starts, whatever the width of the characters before it.
fn assert_aligned(table: &str, headers: &[&str], rows: &[Vec<String>]) {
    assert!(!table.contains('\x1b'), "escape sequence in piped table");
    let mut lines = table.lines();
    let header_line = lines.next().expect("table has a header line");
    let mut starts = Vec::new();
    let mut from = 0;
    for h in headers {
        let at = header_line[from..]
            .find(h)
            .unwrap_or_else(|| panic!("header {h:?} missing in {header_line:?}"))
            + from;
        starts.push(header_line[..at].width());
        from = at + h.len();
    }
    assert!(
        header_line[from..].trim().is_empty(),
        "unexpected extra header text in {header_line:?}"
    );
    for (row, expected) in rows.iter().enumerate() {
        let line = lines
            .next()
            .unwrap_or_else(|| panic!("table has fewer than {} rows:\n{table}", rows.len()));
        let mut from = 0;
        for (col, cell) in expected.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let at = line[from..]
                .find(cell.as_str())
                .unwrap_or_else(|| panic!("row {row}: cell {cell:?} missing in {line:?}"))
                + from;
            assert_eq!(
                line[..at].width(),
                starts[col],
                "row {row}: {:?} starts at display column {}, its header {:?} at {}\n{table}",
                cell,
                line[..at].width(),
                headers[col],
                starts[col]
            );
            from = at + cell.len();
        }
        assert!(
            line[from..].trim().is_empty(),
            "row {row}: unexpected text after the last cell in {line:?}"
        );
    }
    assert_eq!(
        lines.next(),
        None,
        "stdout holds the table alone (its summary goes to stderr):\n{table}"
    );
}

/// A successful run: a table's summary lines on stderr, nothing on stderr
/// for JSON and CSV.
fn ran(r: common::Run, format: &str) -> common::Run {
    if format == "table" {
        r.table()
    } else {
        r.success()
    }
}

fn opt_str(o: &Object, key: &str) -> String {
    o.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The table cells `list` and `search` show for a partner record.
fn partner_cells(p: &Object, with_score: bool) -> Vec<String> {
    let mut kind = str_field(p, "kind").to_string();
    if p["uncertain"] == Value::Bool(true) {
        kind.push('?');
    }
    let mut cells = vec![
        str_field(p, "id").to_string(),
        str_field(p, "name").to_string(),
        opt_str(p, "name_zh"),
        format!(
            "{} {}",
            str_field(p, "country"),
            str_field(p, "country_name")
        ),
        kind,
        opt_str(p, "established"),
    ];
    if with_score {
        cells.insert(0, p["rank"].as_u64().expect("rank").to_string());
    }
    cells
}

// ---------------------------------------------------------------- check ---

const CHECK_SUMMARY: [&str; 14] = [
    "  partners      40 (24 sister, 16 cooperative) in 24 countries",
    // The timeline now opens with Sapporo's founding in 1980.
    "  events        120 recorded, 17 derived rows (1980–2025)",
    "  institutions  20 (8 consulate, 6 school, 1 hospital, 2 community, 3 office)",
    "Coverage against the official totals of 2022-10-17:",
    // Hamamatsu and the uncertain round-2 sister cities make one too many.
    "  24 of 23 sister cities (more than the official total)",
    "  16 of 77 cooperative cities",
    "  40 of 100 partner cities",
    "  24 of 43 countries",
    "Institutions:",
    "  Consulates general: 8 of 8 foreign consulates general documented (official figure of 2022-10-17).",
    // The weekend school is not one of the six international schools.
    "  Schools: 5 of 6 international schools documented, plus 1 outside the official count (official figure of 2022-10-17).",
    // The medical centre is not confirmed as the one international hospital.
    "  Hospitals: 0 of 1 international hospital and 0 of 9 designated foreign-affairs hospitals documented, plus 1 outside the official count (official figures of 2022-10-17).",
    // Caixia and Vanke are candidates no source confirms.
    "  Communities: 0 of 3 international communities documented, plus 2 outside the official count (official figure of 2022-10-17).",
    "  Offices: 3 documented; no official figure.",
];

#[test]
fn check_validates_the_embedded_dataset_and_states_coverage() {
    let r = run(&["check"]).success();
    assert_eq!(
        r.stdout.lines().next(),
        Some("data/shenyang.ron (embedded): OK")
    );
    for line in CHECK_SUMMARY {
        assert!(
            r.stdout.lines().any(|l| l == line),
            "missing line {line:?}:\n{}",
            r.stdout
        );
    }
}

#[test]
fn check_names_the_file_it_checked() {
    let copy = dataset_copy("check_names_the_file_it_checked");
    let shown = copy.display().to_string();
    let embedded = run(&["check"]).success().stdout;
    let embedded_rest: Vec<&str> = embedded.lines().skip(1).collect();
    // `check PATH` and `--data PATH check` both check the file and say so.
    for args in [
        vec!["check".to_string(), shown.clone()],
        vec!["--data".to_string(), shown.clone(), "check".to_string()],
        vec!["check".to_string(), "--data".to_string(), shown.clone()],
    ] {
        let r = run(&args).success();
        assert_eq!(
            r.stdout.lines().next(),
            Some(format!("{shown}: OK").as_str())
        );
        let rest: Vec<&str> = r.stdout.lines().skip(1).collect();
        assert_eq!(rest, embedded_rest, "{args:?}");
    }
}

#[test]
fn check_path_and_a_different_data_flag_is_a_usage_error() {
    let minimal = repo_path("tests/fixtures/valid/minimal.ron");
    let bad = repo_path("tests/fixtures/invalid/impossible_date.ron");
    for args in [
        [
            OsStr::new("--data"),
            bad.as_os_str(),
            OsStr::new("check"),
            minimal.as_os_str(),
        ],
        [
            OsStr::new("check"),
            minimal.as_os_str(),
            OsStr::new("--data"),
            bad.as_os_str(),
        ],
    ] {
        let r = run(&args).failure(2);
        assert_eq!(
            r.stderr,
            format!(
                "error: check was given two datasets, {:?} and --data {:?}; give one: `check PATH` or `--data PATH check`\n",
                minimal.display().to_string(),
                bad.display().to_string()
            )
        );
    }
    // The same file both ways is no conflict.
    let r = run(&[
        OsStr::new("--data"),
        minimal.as_os_str(),
        OsStr::new("check"),
        minimal.as_os_str(),
    ])
    .success();
    assert!(r.stdout.starts_with(&format!("{}: OK", minimal.display())));
}

#[test]
fn check_says_when_the_dataset_documents_more_than_the_official_total() {
    let minimal = std::fs::read_to_string(repo_path("tests/fixtures/valid/minimal.ron")).unwrap();
    let dir = scratch_dir("more_than_official");
    let path = dir.join("more.ron");
    std::fs::write(&path, minimal.replacen("countries: 4,", "countries: 1,", 1)).unwrap();
    let r = run(&[OsStr::new("check"), path.as_os_str()]).success();
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[4..9],
        [
            "Coverage against the official totals of 2022-10-17:",
            "  1 of 2 sister cities",
            "  1 of 3 cooperative cities",
            "  2 of 5 partner cities",
            "  2 of 1 country (more than the official total)",
        ]
    );
}

// ----------------------------------------------------------------- list ---

#[test]
fn list_json_gives_every_partner_with_its_documented_fields() {
    let partners = json(&["list"]);
    assert_eq!(partners.len(), PARTNERS);
    let mut seen = BTreeSet::new();
    for p in &partners {
        let id = str_field(p, "id");
        assert!(seen.insert(id.to_string()), "duplicate id {id}");
        assert_eq!(keys(p), PARTNER_KEYS, "keys of {id}");
        assert!(!str_field(p, "name").is_empty(), "{id}: empty name");
        assert!(
            p["name_zh"].is_null() || p["name_zh"].is_string(),
            "{id}: name_zh"
        );
        let country = str_field(p, "country");
        assert!(
            country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase()),
            "{id}: country {country:?}"
        );
        assert!(!str_field(p, "country_name").is_empty(), "{id}");
        assert!(
            ["sister", "cooperative"].contains(&str_field(p, "kind")),
            "{id}: kind"
        );
        match &p["established"] {
            Value::Null => {}
            Value::String(s) => assert!(is_partial_date(s), "{id}: established {s:?}"),
            other => panic!("{id}: established is {other}"),
        }
        for (key, limit) in [("lat", 90.0), ("lon", 180.0)] {
            match &p[key] {
                Value::Null => {}
                Value::Number(n) => {
                    let v = n.as_f64().expect("finite");
                    assert!((-limit..=limit).contains(&v), "{id}: {key} {v}");
                }
                other => panic!("{id}: {key} is {other}"),
            }
        }
        assert_eq!(
            p["lat"].is_null(),
            p["lon"].is_null(),
            "{id}: half a location"
        );
        assert_graded_sources(id, p);
        if let Value::String(from) = &p["name_zh_from"] {
            assert!(!p["name_zh"].is_null(), "{id}: name_zh_from without a name");
            assert!(["sources", "gazetteer"].contains(&from.as_str()), "{id}");
        } else {
            assert!(p["name_zh"].is_null(), "{id}: a Chinese name from nowhere");
        }
    }
    let kinds: Vec<&str> = partners.iter().map(|p| str_field(p, "kind")).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "sister").count(), SISTER);
    assert_eq!(
        kinds.iter().filter(|k| **k == "cooperative").count(),
        COOPERATIVE
    );
    // Default order is by name; for this dataset that is also id order.
    let ids = ids(&partners);
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    // Spot checks a user would recognise.
    let sapporo = partners.iter().find(|p| p["id"] == "sapporo").unwrap();
    assert_eq!(str_field(sapporo, "name_zh"), "札幌");
    assert_eq!(str_field(sapporo, "established"), "1980-11-18");
    assert_eq!(str_field(sapporo, "country_name"), "Japan");
    assert_eq!(sapporo["order"], 1);
    assert_eq!(sapporo["geonames"], 2128295);
    assert_eq!(str_field(sapporo, "confidence"), "official");
    let turin = partners.iter().find(|p| p["id"] == "turin").unwrap();
    assert_eq!(str_field(turin, "name_zh"), "都灵");
    assert_eq!(str_field(turin, "name_zh_from"), "gazetteer");
    let karachi = partners.iter().find(|p| p["id"] == "karachi").unwrap();
    let history: Vec<&str> = karachi["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    assert_eq!(history, ["cooperative", "sister"]);
}

#[test]
fn list_events_field_names_real_timeline_events() {
    let partners = json(&["list"]);
    let events = json(&["timeline"]);
    for p in &partners {
        let pid = str_field(p, "id");
        for e in p["events"].as_array().expect("events is an array") {
            let eid = e.as_str().unwrap();
            let event = events
                .iter()
                .find(|x| x["id"] == eid)
                .unwrap_or_else(|| panic!("{pid} names unknown event {eid}"));
            assert!(
                event["partners"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| x == pid),
                "event {eid} does not list {pid}"
            );
        }
    }
}

#[test]
fn list_country_accepts_code_or_name_in_any_case() {
    for spelling in [
        "KR",
        "kr",
        "South Korea",
        "south korea",
        "SOUTH KOREA",
        "KOR",
    ] {
        let partners = json(&["list", "--country", spelling]);
        assert_eq!(ids(&partners), KOREAN_PARTNERS, "--country {spelling:?}");
        assert!(partners.iter().all(|p| p["country"] == "KR"));
    }
}

#[test]
fn list_repeated_country_selects_each() {
    let partners = json(&["list", "--country", "JP", "--country", "south korea"]);
    let mut got = ids(&partners);
    got.sort();
    let mut want: Vec<&str> = JAPANESE_PARTNERS
        .iter()
        .chain(KOREAN_PARTNERS.iter())
        .copied()
        .collect();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn list_country_without_partners_is_empty_not_an_error() {
    // China is a real country but none of the partners is Chinese.
    assert!(json(&["list", "--country", "CN"]).is_empty());
    let r = run(&["list", "--country", "CN"]).table();
    assert_eq!(r.stdout, "");
    assert_eq!(r.stderr, "No partners match.\n");
    let r = run(&["list", "--country", "CN", "--format", "csv"]).success();
    let (header, rows) = r.csv();
    assert_eq!(header, csv_header(&PARTNER_KEYS));
    assert!(rows.is_empty());
}

#[test]
fn list_unknown_country_is_a_usage_error_with_a_suggestion() {
    for format in FORMATS {
        run(&["list", "--country", "japn", "--format", format])
            .failure(2)
            .stderr_contains("unknown country \"japn\"")
            .stderr_contains("did you mean Japan");
    }
    run(&["list", "--country", "XX"])
        .failure(2)
        .stderr_contains("unknown country \"XX\"");
}

/// `--country` is parsed the same way by every command that takes it.
fn country_commands(country: &str) -> [Vec<&str>; 3] {
    [
        vec!["list", "--country", country],
        vec!["search", "a", "--country", country],
        vec!["timeline", "--country", country],
    ]
}

#[test]
fn country_suggestions_are_only_close_ones() {
    let advice = "give an ISO 3166-1 alpha-2 code (KR) or an English name (South Korea)";
    for (input, suggestion) in [
        ("xx", ""),
        ("ZZ", ""),
        ("zzzzzzzzzz", ""),
        ("Korea", "; did you mean North Korea or South Korea?"),
        ("Britain", "; did you mean United Kingdom?"),
        ("japn", "; did you mean Japan?"),
        ("South Koera", "; did you mean South Korea?"),
    ] {
        for args in country_commands(input) {
            let r = run(&args).failure(2);
            assert_eq!(
                r.stderr,
                format!("error: --country: unknown country {input:?}: {advice}{suggestion}\n"),
                "{args:?}"
            );
        }
    }
    for input in ["", "   "] {
        for args in country_commands(input) {
            run(&args)
                .failure(2)
                .stderr_contains(&format!("error: --country: empty country: {advice}\n"));
        }
    }
}

#[test]
fn country_accepts_official_and_chinese_names() {
    for (input, code) in [
        ("Republic of Korea", "KR"),
        ("the Republic of Korea", "KR"),
        ("Federal Republic of Germany", "DE"),
        ("United Kingdom of Great Britain and Northern Ireland", "GB"),
        ("韩国", "KR"),
        ("日本", "JP"),
    ] {
        let partners = json(&["list", "--country", input]);
        assert!(
            partners.iter().all(|p| p["country"] == code),
            "{input}: {:?}",
            ids(&partners)
        );
        if code != "GB" {
            assert!(!partners.is_empty(), "{input}");
        }
    }
}

#[test]
fn a_huge_country_is_refused_without_being_echoed() {
    let huge = "a".repeat(100_000);
    for args in country_commands(&huge) {
        let r = run(&args).failure(2);
        assert_eq!(
            r.stderr,
            format!(
                "error: --country: unknown country \"{}…\": give an ISO 3166-1 alpha-2 code (KR) or an English name (South Korea)\n",
                "a".repeat(64)
            ),
            "{:?}",
            &args[..2]
        );
    }
}

#[test]
fn list_kind_filters_sister_and_cooperative() {
    let sister = json(&["list", "--kind", "sister"]);
    assert_eq!(sister.len(), SISTER);
    assert!(sister.iter().all(|p| p["kind"] == "sister"));
    let cooperative = json(&["list", "--kind", "cooperative"]);
    assert_eq!(cooperative.len(), COOPERATIVE);
    assert!(cooperative.iter().all(|p| p["kind"] == "cooperative"));
    let both: BTreeSet<String> = ids(&sister).into_iter().chain(ids(&cooperative)).collect();
    assert_eq!(both.len(), PARTNERS);
    run(&["list", "--kind", "twin"])
        .failure(2)
        .stderr_contains("invalid value 'twin'");
}

#[test]
fn list_sort_established_is_oldest_first_undated_last() {
    let partners = json(&["list", "--sort", "established"]);
    assert_eq!(partners.len(), PARTNERS);
    let ids = ids(&partners);
    assert_eq!(&ids[..2], ["sapporo", "kawasaki"]);
    let dates: Vec<Option<&str>> = partners.iter().map(|p| p["established"].as_str()).collect();
    let first_undated = dates.iter().position(Option::is_none).unwrap_or(PARTNERS);
    // Nine partners have no date (Florida, Greifswald, Gumi, Gunsan, Jeonju,
    // Magdeburg, Quezon City, Ramat Gan, Zrenjanin).
    assert_eq!(first_undated, PARTNERS - 9);
    assert!(
        dates[first_undated..].iter().all(Option::is_none),
        "undated partners come last: {dates:?}"
    );
    let dated: Vec<String> = dates[..first_undated]
        .iter()
        .map(|d| d.unwrap().to_string())
        .collect();
    assert_chronological(&dated);
}

#[test]
fn list_sort_country_groups_by_country_name() {
    let partners = json(&["list", "--sort", "country"]);
    assert_eq!(partners.len(), PARTNERS);
    let names: Vec<&str> = partners
        .iter()
        .map(|p| str_field(p, "country_name"))
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert_eq!(names[0], "Argentina");
}

#[test]
fn list_csv_has_the_json_fields_and_one_row_per_partner() {
    let partners = json(&["list"]);
    let (header, rows) = run(&["list", "--format", "csv"]).success().csv();
    assert_eq!(header, csv_header(&keys(&partners[0])));
    assert_eq!(rows.len(), PARTNERS);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (row, p) in rows.iter().zip(&partners) {
        assert_eq!(row.len(), header.len());
        assert_eq!(row[col("id")], str_field(p, "id"));
        assert_eq!(row[col("name")], str_field(p, "name"));
        assert_eq!(row[col("name_zh")], opt_str(p, "name_zh"));
        assert_eq!(row[col("established")], opt_str(p, "established"));
        assert_eq!(row[col("uncertain")], p["uncertain"].to_string());
        assert_eq!(row[col("geonames")], p["geonames"].to_string());
        // URLs in `sources`, their grades in `source_grades`, same order.
        assert_eq!(row[col("sources")], source_urls(p).join(" | "));
        assert_eq!(row[col("source_grades")], source_grades(p).join(" | "));
    }
}

#[test]
fn list_table_aligns_columns_by_display_width() {
    let partners = json(&["list"]);
    let r = run(&["list"]).table();
    let rows: Vec<Vec<String>> = partners.iter().map(|p| partner_cells(p, false)).collect();
    let headers = ["ID", "NAME", "中文", "COUNTRY", "KIND", "ESTABLISHED"];
    assert_aligned(&r.stdout, &headers, &rows);
    // Wide Chinese names really are in the table, so the check means something.
    assert!(r.stdout.contains("杜塞尔多夫"));
    // The summary goes to stderr.
    assert_eq!(
        r.stderr.lines().collect::<Vec<_>>(),
        [
            "40 partners shown (? = classification in doubt).",
            "The dataset documents 24 of 23 sister cities and 16 of 77 cooperative cities (official totals of 2022-10-17).",
        ]
    );
}

#[test]
fn list_table_filtered_counts_what_it_shows() {
    let r = run(&["list", "--country", "JP", "--kind", "sister"]).table();
    assert!(r.stderr.starts_with("3 partners shown"), "{}", r.stderr);
    for id in ["hamamatsu", "kawasaki", "sapporo"] {
        assert!(r.stdout.lines().any(|l| l.starts_with(id)), "{id}");
    }
    assert!(!r.stdout.contains("sasebo"));
}

// --------------------------------------------------------------- search ---

#[test]
fn search_ignores_accents_and_case() {
    for query in ["dusseldorf", "DUSSELDORF", "Düsseldorf", "dusse"] {
        let hits = json(&["search", query]);
        assert!(!hits.is_empty(), "{query}: no hits");
        assert_eq!(str_field(&hits[0], "name"), "Düsseldorf", "{query}");
    }
    let hits = json(&["search", "yaounde"]);
    assert_eq!(str_field(&hits[0], "name"), "Yaoundé");
    let hits = json(&["search", "YAOUNDÉ"]);
    assert_eq!(str_field(&hits[0], "id"), "yaounde");
}

#[test]
fn search_finds_names_in_other_scripts() {
    assert_eq!(str_field(&json(&["search", "札幌"])[0], "id"), "sapporo");
    assert_eq!(str_field(&json(&["search", "川崎市"])[0], "id"), "kawasaki");
}

#[test]
fn search_by_country_puts_all_its_partners_first() {
    let hits = json(&["search", "japan"]);
    let japanese = json(&["list", "--country", "JP"]);
    assert_eq!(japanese.len(), JAPANESE_PARTNERS.len());
    assert!(hits.len() >= japanese.len());
    let first: BTreeSet<String> = ids(&hits[..japanese.len()]).into_iter().collect();
    let want: BTreeSet<String> = JAPANESE_PARTNERS.iter().map(|s| s.to_string()).collect();
    assert_eq!(first, want);
    assert!(hits[..japanese.len()].iter().all(|p| p["country"] == "JP"));
    // Best match first: scores never increase down the list.
    let scores: Vec<i64> = hits
        .iter()
        .map(|h| h["score"].as_i64().expect("search results carry a score"))
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn search_records_are_list_records_plus_a_rank_and_a_score() {
    let hits = json(&["search", "sapporo"]);
    let mut want: Vec<&str> = PARTNER_KEYS.to_vec();
    want.extend(["rank", "score"]);
    assert_eq!(keys(&hits[0]), want);
    let listed = json(&["list"]);
    let sapporo = listed.iter().find(|p| p["id"] == "sapporo").unwrap();
    let mut hit = hits[0].clone();
    hit.remove("rank");
    hit.remove("score");
    assert_eq!(&hit, sapporo);
}

#[test]
fn search_limit_country_and_kind_narrow_the_results() {
    assert_eq!(json(&["search", "a", "--limit", "2"]).len(), 2);
    let hits = json(&["search", "korea", "--kind", "cooperative"]);
    let mut got = ids(&hits);
    got.sort();
    assert_eq!(got, KOREAN_COOPERATIVE);
    let hits = json(&["search", "a", "--country", "de"]);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["country"] == "DE"));
    run(&["search", "a", "--country", "japn"])
        .failure(2)
        .stderr_contains("did you mean Japan");
    run(&["search", "a", "--limit", "many"])
        .failure(2)
        .stderr_contains("invalid value 'many'");
}

#[test]
fn search_limit_must_be_at_least_one() {
    for format in FORMATS {
        run(&["search", "a", "--limit", "0", "--format", format])
            .failure(2)
            .stderr_contains("invalid value '0' for '--limit <N>': must be at least 1");
    }
    assert_eq!(json(&["search", "sapporo", "--limit", "1"]).len(), 1);
}

#[test]
fn search_finds_partners_by_id() {
    let hits = json(&["search", "la-plata"]);
    assert_eq!(ids(&hits), ["la-plata"]);
    let hits = json(&["search", "seongnam"]);
    assert_eq!(str_field(&hits[0], "id"), "seongnam");
}

#[test]
fn search_terms_must_each_match_somewhere() {
    // Name and country, in either order, scores summed.
    for query in ["sapporo japan", "japan sapporo", "  sapporo   japan "] {
        let hits = json(&["search", query]);
        assert_eq!(ids(&hits), ["sapporo"], "{query:?}");
    }
    let one = json(&["search", "sapporo"])[0]["score"].as_i64().unwrap();
    let both = json(&["search", "sapporo japan"])[0]["score"]
        .as_i64()
        .unwrap();
    assert!(both > one, "{both} vs {one}");
    // A name of two words is two terms that both match it.
    assert_eq!(
        str_field(&json(&["search", "la plata"])[0], "id"),
        "la-plata"
    );
    // A term that matches nowhere leaves nothing.
    assert!(json(&["search", "sapporo zzqqxx"]).is_empty());
}

#[test]
fn search_folds_full_width_letters() {
    for query in ["ｓａｐｐｏｒｏ", "ＳＡＰＰＯＲＯ"] {
        assert_eq!(
            str_field(&json(&["search", query])[0], "id"),
            "sapporo",
            "{query}"
        );
    }
}

#[test]
fn search_country_code_lists_that_countrys_partners_first() {
    for (query, want) in [
        ("KR", &KOREAN_PARTNERS[..]),
        ("kr", &KOREAN_PARTNERS[..]),
        ("DE", &GERMAN_PARTNERS[..]),
        ("jp", &JAPANESE_PARTNERS[..]),
    ] {
        let hits = json(&["search", query]);
        let mut first = ids(&hits[..want.len()]);
        first.sort();
        assert_eq!(first, want, "{query}");
        let code = query.to_ascii_uppercase();
        assert!(
            hits[want.len()..]
                .iter()
                .all(|h| h["country"] != code.as_str()),
            "{query}"
        );
    }
}

#[test]
fn search_without_hits_prints_an_empty_result() {
    let r = run(&["search", "zzqqxx"]).table();
    assert_eq!(
        (r.stdout.as_str(), r.stderr.as_str()),
        ("", "No partners match.\n")
    );
    assert!(json(&["search", "zzqqxx"]).is_empty());
    let (header, rows) = run(&["search", "zzqqxx", "--format", "csv"])
        .success()
        .csv();
    assert!(rows.is_empty());
    let mut want = csv_header(&PARTNER_KEYS);
    want.extend(["rank".to_string(), "score".to_string()]);
    assert_eq!(header, want);
}

#[test]
fn search_table_aligns_and_shows_ranks() {
    let hits = json(&["search", "japan"]);
    let r = run(&["search", "japan"]).table();
    let rows: Vec<Vec<String>> = hits.iter().map(|p| partner_cells(p, true)).collect();
    let headers = [
        "RANK",
        "ID",
        "NAME",
        "中文",
        "COUNTRY",
        "KIND",
        "ESTABLISHED",
    ];
    assert_aligned(&r.stdout, &headers, &rows);
    assert!(
        r.stderr
            .starts_with(&format!("{} partners shown", hits.len()))
    );
}

#[test]
fn search_csv_matches_json() {
    let hits = json(&["search", "japan"]);
    let (header, rows) = run(&["search", "japan", "--format", "csv"]).success().csv();
    assert_eq!(header, csv_header(&keys(&hits[0])));
    let got: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(got, ids(&hits));
    let score = header.iter().position(|h| h == "score").unwrap();
    for (row, hit) in rows.iter().zip(&hits) {
        assert_eq!(row[score], hit["score"].to_string());
    }
}

#[test]
fn search_needs_a_query() {
    run(&["search"]).failure(2).stderr_contains("<QUERY>");
}

// ------------------------------------------------------------- timeline ---

#[test]
fn timeline_json_is_every_event_in_chronological_order() {
    let events = json(&["timeline"]);
    assert_eq!(events.len(), TIMELINE_ROWS);
    let partner_ids: BTreeSet<String> = ids(&json(&["list"])).into_iter().collect();
    let institution_ids: BTreeSet<String> = ids(&json(&["institutions"])).into_iter().collect();
    let mut seen = BTreeSet::new();
    for e in &events {
        let id = str_field(e, "id");
        assert!(seen.insert(id.to_string()), "duplicate event {id}");
        assert_eq!(keys(e), EVENT_KEYS, "keys of {id}");
        assert!(is_partial_date(str_field(e, "date")), "{id}: date");
        assert!(!str_field(e, "title").is_empty());
        assert!(!str_field(e, "kind").is_empty());
        assert!(e["derived"].is_boolean(), "{id}: derived");
        for key in ["partners", "candidates"] {
            for p in e[key].as_array().unwrap() {
                assert!(
                    partner_ids.contains(p.as_str().unwrap()),
                    "{id} names unknown partner {p} in {key}"
                );
            }
        }
        for i in e["institutions"].as_array().unwrap() {
            assert!(
                institution_ids.contains(i.as_str().unwrap()),
                "{id} names unknown institution {i}"
            );
        }
        // A relation step is a step of a partner the row names.
        for r in e["relation"].as_array().unwrap() {
            assert!(
                e["partners"].as_array().unwrap().contains(&r["partner"]),
                "{id}: relation {r} of a partner the row does not name"
            );
        }
        assert_graded_sources(id, e);
    }
    let dates: Vec<String> = events
        .iter()
        .map(|e| str_field(e, "date").to_string())
        .collect();
    assert_chronological(&dates);
    // Sapporo's founding opens the timeline.
    assert_eq!(dates[0], "1980-11-18");
    assert!(dates[TIMELINE_ROWS - 1].starts_with("2025"));
    let derived = events.iter().filter(|e| e["derived"] == true).count();
    assert_eq!(derived, 17, "14 foundings and 3 placeholders");
}

#[test]
fn timeline_year_range_keeps_only_those_years() {
    let events = json(&["timeline", "--from", "2018", "--to", "2018"]);
    assert!(events.len() >= 2, "2018 was a busy year");
    let dates: Vec<String> = events
        .iter()
        .map(|e| str_field(e, "date").to_string())
        .collect();
    assert!(dates.iter().all(|d| d.starts_with("2018")), "{dates:?}");
    assert_chronological(&dates);
    // Same events as the full timeline restricted by hand.
    let all = json(&["timeline"]);
    let by_hand: Vec<&Object> = all
        .iter()
        .filter(|e| str_field(e, "date").starts_with("2018"))
        .collect();
    assert_eq!(events.iter().collect::<Vec<_>>(), by_hand);

    let r = run(&["timeline", "--from", "2018", "--to", "2018"]).table();
    let body: Vec<&str> = r.stdout.lines().skip(1).collect();
    assert_eq!(body.len(), events.len());
    assert!(body.iter().all(|l| l.starts_with("2018")), "{}", r.stdout);
    assert_eq!(r.stderr, format!("{} events shown.\n", events.len()));
}

#[test]
fn timeline_open_ended_ranges() {
    let from = json(&["timeline", "--from", "2020"]);
    assert!(!from.is_empty());
    assert!(from.iter().all(|e| str_field(e, "date")[..4] >= *"2020"));
    let to = json(&["timeline", "--to", "1999"]);
    assert!(!to.is_empty());
    assert!(to.iter().all(|e| str_field(e, "date")[..4] <= *"1999"));
    assert_eq!(
        json(&["timeline", "--to", "2019"]).len() + from.len(),
        TIMELINE_ROWS,
        "--to 2019 and --from 2020 split the timeline"
    );
    let r = run(&["timeline", "--from", "2900"]).table();
    assert_eq!(
        (r.stdout.as_str(), r.stderr.as_str()),
        ("", "No events match.\n")
    );
}

#[test]
fn timeline_partner_gives_that_partners_events() {
    let events = json(&["timeline", "--partner", "karachi"]);
    let dates: Vec<&str> = events.iter().map(|e| str_field(e, "date")).collect();
    assert!(dates.contains(&"2018-08"), "{dates:?}");
    assert!(dates.contains(&"2021-12-09"), "{dates:?}");
    for e in &events {
        assert!(
            e["partners"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p == "karachi"),
            "{e:?}"
        );
    }
    // The partner's own record lists the same events.
    let partner = json(&["list"])
        .into_iter()
        .find(|p| p["id"] == "karachi")
        .unwrap();
    let listed: Vec<&str> = partner["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(ids(&events), listed);
}

#[test]
fn timeline_unknown_partner_is_a_usage_error() {
    run(&["timeline", "--partner", "nosuch"])
        .failure(2)
        .stderr_contains("no partner has the id \"nosuch\"");
    run(&["timeline", "--partner", "karachy"])
        .failure(2)
        .stderr_contains("did you mean karachi?");
    run(&["timeline", "--partner", ""])
        .failure(2)
        .stderr_contains("--partner: empty partner id");
    // A huge input is cut in the message and gets no suggestions.
    let huge = "k".repeat(100_000);
    let r = run(&["timeline", "--partner", huge.as_str()]).failure(2);
    assert_eq!(
        r.stderr,
        format!(
            "error: --partner: no partner has the id \"{}…\" (`list --format csv` shows every id)\n",
            "k".repeat(64)
        )
    );
}

#[test]
fn timeline_partner_takes_the_id_in_any_case_or_the_name() {
    let want = ids(&json(&["timeline", "--partner", "sapporo"]));
    assert!(want.len() >= 3);
    for spelling in ["Sapporo", "SAPPORO", " sapporo "] {
        assert_eq!(
            ids(&json(&["timeline", "--partner", spelling])),
            want,
            "{spelling}"
        );
    }
    let want = ids(&json(&["timeline", "--partner", "dusseldorf"]));
    assert!(!want.is_empty());
    for name in ["Düsseldorf", "DÜSSELDORF", "Dusseldorf"] {
        assert_eq!(ids(&json(&["timeline", "--partner", name])), want, "{name}");
    }
}

#[test]
fn timeline_reversed_years_is_a_usage_error() {
    for format in FORMATS {
        run(&[
            "timeline", "--from", "2020", "--to", "2010", "--format", format,
        ])
        .failure(2)
        .stderr_contains("--from 2020 is after --to 2010");
    }
    run(&["timeline", "--from", "twenty"])
        .failure(2)
        .stderr_contains("invalid value 'twenty'");
}

#[test]
fn timeline_country_includes_partner_countries() {
    let events = json(&["timeline", "--country", "Japan"]);
    assert!(!events.is_empty());
    for e in &events {
        assert!(
            e["countries"].as_array().unwrap().iter().any(|c| c == "JP"),
            "{e:?}"
        );
    }
    // The event where Sapporo became a sister city concerns Japan through
    // its partner even if it lists no country itself.
    let sapporo = json(&["timeline", "--partner", "sapporo"]);
    let japan: BTreeSet<String> = ids(&events).into_iter().collect();
    assert!(ids(&sapporo).iter().all(|id| japan.contains(id)));
}

#[test]
fn timeline_csv_matches_json() {
    let events = json(&["timeline"]);
    let (header, rows) = run(&["timeline", "--format", "csv"]).success().csv();
    assert_eq!(header, csv_header(&EVENT_KEYS));
    assert_eq!(rows.len(), TIMELINE_ROWS);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let joined = |e: &Object, key: &str| -> String {
        e[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect::<Vec<_>>()
            .join(" | ")
    };
    for (row, e) in rows.iter().zip(&events) {
        assert_eq!(row[col("id")], str_field(e, "id"));
        assert_eq!(row[col("date")], str_field(e, "date"));
        assert_eq!(row[col("kind")], str_field(e, "kind"));
        assert_eq!(row[col("title")], str_field(e, "title"));
        assert_eq!(row[col("derived")], e["derived"].to_string());
        assert_eq!(row[col("partners")], joined(e, "partners"));
        assert_eq!(row[col("candidates")], joined(e, "candidates"));
        assert_eq!(row[col("sources")], source_urls(e).join(" | "));
        assert_eq!(row[col("source_grades")], source_grades(e).join(" | "));
    }
    let (header, rows) = run(&["timeline", "--from", "2900", "--format", "csv"])
        .success()
        .csv();
    assert_eq!(header, csv_header(&EVENT_KEYS));
    assert!(rows.is_empty());
}

#[test]
fn timeline_table_aligns_columns() {
    let events = json(&["timeline"]);
    let partners = json(&["list"]);
    let name_of = |id: &str| -> String {
        str_field(partners.iter().find(|p| p["id"] == id).unwrap(), "name").to_string()
    };
    let rows: Vec<Vec<String>> = events
        .iter()
        .map(|e| {
            let names: Vec<String> = e["partners"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| name_of(p.as_str().unwrap()))
                .collect();
            vec![
                str_field(e, "date").to_string(),
                str_field(e, "kind").to_string(),
                str_field(e, "title").to_string(),
                names.join(", "),
            ]
        })
        .collect();
    let r = run(&["timeline"]).table();
    assert_aligned(&r.stdout, &["DATE", "KIND", "TITLE", "PARTNERS"], &rows);
    assert_eq!(r.stdout.lines().count(), TIMELINE_ROWS + 1);
    assert_eq!(r.stderr, format!("{TIMELINE_ROWS} events shown.\n"));
}

// --------------------------------------------------------- institutions ---

#[test]
fn institutions_consulates_json() {
    let consulates = json(&["institutions", "--kind", "consulate"]);
    assert_eq!(consulates.len(), 8);
    let mut countries = BTreeSet::new();
    for c in &consulates {
        for key in ["id", "name", "kind", "country"] {
            assert!(c.contains_key(key), "{key} missing in {c:?}");
        }
        assert_eq!(keys(c), INSTITUTION_KEYS);
        assert_graded_sources(str_field(c, "id"), c);
        assert_eq!(c["kind"], "consulate");
        assert!(!str_field(c, "name").is_empty());
        countries.insert(str_field(c, "country").to_string());
    }
    assert_eq!(countries.len(), 8, "one consulate per country");
    assert!(countries.contains("US") && countries.contains("JP"));
}

#[test]
fn institutions_all_kinds_add_up() {
    let all = json(&["institutions"]);
    assert_eq!(all.len(), INSTITUTIONS);
    let ids: BTreeSet<String> = ids(&all).into_iter().collect();
    assert_eq!(ids.len(), INSTITUTIONS, "ids are unique");
    for (kind, n) in [
        ("consulate", 8),
        ("school", 6),
        ("hospital", 1),
        ("community", 2),
        ("office", 3),
    ] {
        let some = json(&["institutions", "--kind", kind]);
        assert_eq!(some.len(), n, "{kind}");
        assert_eq!(
            all.iter().filter(|i| i["kind"] == kind).count(),
            n,
            "{kind}"
        );
    }
    for i in &all {
        assert_graded_sources(str_field(i, "id"), i);
    }
}

#[test]
fn institutions_table_shows_rows_and_official_figures() {
    let all = json(&["institutions"]);
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|i| {
            vec![
                str_field(i, "kind").to_string(),
                str_field(i, "name").to_string(),
                match (i["country"].as_str(), i["country_name"].as_str()) {
                    (Some(c), Some(n)) => format!("{c} {n}"),
                    _ => String::new(),
                },
                opt_str(i, "opened"),
                opt_str(i, "district"),
            ]
        })
        .collect();
    let r = run(&["institutions"]).table();
    assert_aligned(
        &r.stdout,
        &["KIND", "NAME", "COUNTRY", "OPENED", "DISTRICT"],
        &rows,
    );
    for line in [
        "Consulates general: 8 of 8 foreign consulates general documented (official figure of 2022-10-17).",
        "Communities: 0 of 3 international communities documented, plus 2 outside the official count (official figure of 2022-10-17).",
        "Offices: 3 documented; no official figure.",
    ] {
        assert!(r.stderr.lines().any(|l| l == line), "missing {line:?}");
    }
}

#[test]
fn institutions_kind_shows_its_records_and_the_official_figure() {
    // The two communities are candidates no source confirms: shown, but
    // not counted toward the official three.
    let r = run(&["institutions", "--kind", "community"]).table();
    assert_eq!(
        r.stdout,
        "KIND       NAME                                             COUNTRY   OPENED   DISTRICT\n\
         community  Caixia Community, Hunnan District                CN China  2013-03  Hunnan\n\
         community  Vanke International Community, Sino-German Park  CN China\n"
    );
    assert_eq!(
        r.stderr,
        "Communities: 0 of 3 international communities documented, plus 2 outside the official count (official figure of 2022-10-17).\n"
    );
    let communities = json(&["institutions", "--kind", "community"]);
    assert!(
        communities
            .iter()
            .all(|c| c["counts_toward_official"] == false)
    );
}

#[test]
fn institutions_kind_without_records_still_states_the_official_figure() {
    // Every kind has records in the embedded dataset; in a copy whose two
    // communities are offices, the community figure still stands.
    let copy = dataset_copy("institutions_kind_without_records");
    let text = std::fs::read_to_string(&copy).unwrap();
    let community = "            kind: Community,\n            country: \"CN\",";
    assert_eq!(text.matches(community).count(), 2, "the two communities");
    let text = text.replace(
        community,
        "            kind: Office,\n            country: \"CN\",",
    );
    std::fs::write(&copy, text).unwrap();
    let copy = copy.to_str().unwrap();
    let r = run(&["--data", copy, "institutions", "--kind", "community"]).table();
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "No institutions match.\nCommunities: 0 of 3 international communities documented (official figure of 2022-10-17).\n"
    );
    let (header, rows) = run(&[
        "--data",
        copy,
        "institutions",
        "--kind",
        "community",
        "--format",
        "csv",
    ])
    .success()
    .csv();
    assert_eq!(header, csv_header(&INSTITUTION_KEYS));
    assert!(rows.is_empty());
}

#[test]
fn institutions_csv_matches_json() {
    let all = json(&["institutions"]);
    let (header, rows) = run(&["institutions", "--format", "csv"]).success().csv();
    assert_eq!(header, csv_header(&INSTITUTION_KEYS));
    assert_eq!(rows.len(), INSTITUTIONS);
    let counts = header
        .iter()
        .position(|h| h == "counts_toward_official")
        .unwrap();
    for (row, i) in rows.iter().zip(&all) {
        assert_eq!(row[0], str_field(i, "id"));
        assert_eq!(row[1], str_field(i, "name"));
        assert_eq!(row[counts], i["counts_toward_official"].to_string());
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        assert_eq!(row[col("sources")], source_urls(i).join(" | "));
        assert_eq!(row[col("source_grades")], source_grades(i).join(" | "));
    }
}

// ------------------------------------------------ all commands × formats ---

#[test]
fn every_command_in_every_format_is_clean_on_a_pipe() {
    for command in COMMANDS {
        for format in FORMATS {
            let r = ran(run(&with_format(command, format)), format);
            assert!(!r.stdout.is_empty(), "{:?}", r.args);
            assert!(r.stdout.ends_with('\n'), "{:?}: no final newline", r.args);
            assert!(
                !r.stdout_bytes.contains(&0x1b),
                "{:?}: escape byte on a pipe",
                r.args
            );
            match format {
                "json" => assert!(!r.json_objects().is_empty()),
                "csv" => {
                    let (header, rows) = r.csv();
                    assert!(!rows.is_empty());
                    assert!(rows.iter().all(|row| row.len() == header.len()));
                }
                _ => {
                    let header = r.stdout.lines().next().unwrap();
                    assert!(
                        !header.chars().any(char::is_lowercase),
                        "{:?}: first line is not a header: {header:?}",
                        r.args
                    );
                }
            }
        }
    }
}

#[test]
fn table_is_plain_even_when_no_color_is_unset_or_set() {
    for no_color in [None, Some(""), Some("1")] {
        let mut cmd = common::bin();
        cmd.arg("list");
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        let r = common::run_command(cmd, &["list"]).table();
        assert!(!r.stdout_bytes.contains(&0x1b), "NO_COLOR={no_color:?}");
        assert!(!r.stderr.contains('\x1b'), "NO_COLOR={no_color:?}");
    }
}

// ----------------------------------------------------------------- --data ---

#[test]
fn data_flag_with_a_copy_gives_identical_output_for_every_command() {
    let copy = dataset_copy("data_flag_with_a_copy");
    let copy = copy.to_str().unwrap();
    for command in COMMANDS {
        for format in FORMATS {
            let embedded = ran(run(&with_format(command, format)), format);
            let mut before = vec!["--data", copy];
            before.extend_from_slice(command);
            let r = ran(run(&with_format(&before, format)), format);
            assert_eq!(r.stdout, embedded.stdout, "{:?}", r.args);
            assert_eq!(r.stderr, embedded.stderr, "{:?}", r.args);
            // The flag is global: it may also follow the subcommand.
            let mut after = command.to_vec();
            after.extend_from_slice(&["--data", copy]);
            let r = ran(run(&with_format(&after, format)), format);
            assert_eq!(r.stdout, embedded.stdout, "{:?}", r.args);
        }
    }
}

#[test]
fn data_flag_is_really_read() {
    let minimal = repo_path("tests/fixtures/valid/minimal.ron");
    let minimal = minimal.to_str().unwrap();
    let partners = json(&["--data", minimal, "list"]);
    assert_eq!(ids(&partners), ["daegu", "sapporo"]);
    // Sapporo's founding is a recorded signing; Daegu's is derived from
    // its partner record.
    assert_eq!(
        ids(&json(&["--data", minimal, "timeline"])),
        ["1980-sapporo", "daegu-established"]
    );
    assert_eq!(
        ids(&json(&["--data", minimal, "institutions"])),
        ["japan-consulate"]
    );
    assert_eq!(
        ids(&json(&["--data", minimal, "search", "札幌"])),
        ["sapporo"]
    );
    let r = run(&["--data", minimal, "list"]).table();
    assert!(r.stderr.contains(
        "The dataset documents 1 of 2 sister cities and 1 of 3 cooperative cities (official totals of 2022-10-17)."
    ));
    run(&["--data", minimal, "timeline", "--partner", "karachi"])
        .failure(2)
        .stderr_contains("no partner has the id \"karachi\"");
}

#[test]
fn data_flag_with_a_bad_file_fails_every_command_with_exit_1() {
    let dir = scratch_dir("data_flag_with_a_bad_file");
    let missing = dir.join("missing.ron");
    let invalid = repo_path("tests/fixtures/invalid/impossible_date.ron");
    for command in COMMANDS {
        let mut args = vec!["--data".to_string(), missing.display().to_string()];
        args.extend(command.iter().map(|s| s.to_string()));
        run(&args)
            .failure(1)
            .stderr_contains(&format!("{}: cannot read", missing.display()));
        let mut args = vec!["--data".to_string(), dir.display().to_string()];
        args.extend(command.iter().map(|s| s.to_string()));
        run(&args)
            .failure(1)
            .stderr_contains("cannot read: is a directory");
        let mut args = vec!["--data".to_string(), invalid.display().to_string()];
        args.extend(command.iter().map(|s| s.to_string()));
        run(&args)
            .failure(1)
            .stderr_contains("impossible date \"1980-13-45\"");
    }
}

// --------------------------------------------------------- command line ---

#[test]
fn help_and_version_go_to_stdout_with_exit_0() {
    let r = run(&["--help"]).success();
    assert!(r.stdout.contains("Usage: shenyang-partners"));
    for command in ["check", "list", "search", "timeline", "institutions"] {
        assert!(
            r.stdout
                .lines()
                .any(|l| l.trim_start().starts_with(command)),
            "--help does not mention {command}"
        );
    }
    assert!(
        r.stdout
            .contains("Exit codes: 0 success, 1 invalid dataset or failed output, 2 usage error.")
    );
    for (command, flag) in [
        ("list", "--country"),
        ("list", "--sort"),
        ("search", "--limit"),
        ("timeline", "--partner"),
        ("institutions", "--kind"),
    ] {
        run(&[command, "--help"])
            .success()
            .stdout_contains(flag)
            .stdout_contains("--format");
    }
    run(&["help", "timeline"])
        .success()
        .stdout_contains("--from");
    let r = run(&["--version"]).success();
    assert_eq!(
        r.stdout,
        format!("shenyang-partners {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn unknown_flags_values_and_commands_exit_2() {
    run(&["--bogus"])
        .failure(2)
        .stderr_contains("unexpected argument '--bogus'");
    run(&["list", "--bogus"])
        .failure(2)
        .stderr_contains("unexpected argument '--bogus'");
    run(&["list", "--format", "xml"])
        .failure(2)
        .stderr_contains("invalid value 'xml'");
    run(&["list", "--sort", "population"])
        .failure(2)
        .stderr_contains("invalid value 'population'");
    run(&["institutions", "--kind", "embassy"])
        .failure(2)
        .stderr_contains("invalid value 'embassy'");
    run(&["frobnicate"])
        .failure(2)
        .stderr_contains("unrecognized subcommand 'frobnicate'");
}

#[test]
fn control_characters_in_arguments_are_not_echoed_raw() {
    let evil = "x\u{1b}[2J\u{7}";
    for args in [
        vec!["timeline", "--partner", evil],
        vec!["list", "--country", evil],
    ] {
        let r = run(&args).failure(2);
        assert!(
            !r.stderr.contains('\u{1b}') && !r.stderr.contains('\u{7}'),
            "{args:?}: raw control character in {:?}",
            r.stderr
        );
        assert!(r.stderr.contains("x\u{fffd}[2J"), "{:?}", r.stderr);
    }
}

// ---------------------------------------------------------- closed pipe ---

/// A valid dataset with `n` partners, events and institutions, so that every
/// command writes far more than a pipe holds (64 KiB on Linux).
fn large_dataset(n: usize) -> String {
    let mut s = String::from(
        r#"Dataset(
    home: Home(name: "Shenyang", country: "CN", location: Location(lat: 41.8, lon: 123.45, geonames: 2034937), sources: ["https://example.org/home"]),
    source_hosts: { "example.org": Reference },
    official_totals: [OfficialTotal(as_of: "2022", sister: 1, sources: ["https://example.org/totals"])],
    partners: [
"#,
    );
    for i in 0..n {
        s.push_str(&format!(
            "        Partner(id: \"city-{i}\", name: \"City number {i} of a large test dataset\", name_zh: \"城市{i}\", country: \"JP\", kind: Sister, established: \"2000-01-01\", summary: \"Partner number {i} of a large test dataset.\", sources: [\"https://example.org/city/{i}\"]),\n"
        ));
    }
    s.push_str("    ],\n    events: [\n");
    for i in 0..n {
        s.push_str(&format!(
            "        Event(id: \"event-{i}\", date: \"2001-02-03\", title: \"Event number {i} of a large test dataset\", kind: Visit, partners: [\"city-{i}\"], summary: \"Something happened.\", sources: [\"https://example.org/event/{i}\"]),\n"
        ));
    }
    s.push_str("    ],\n    institutions: [\n");
    for i in 0..n {
        s.push_str(&format!(
            "        Institution(id: \"office-{i}\", name: \"Office number {i} of a large test dataset, with a long name\", kind: Office, district: \"Heping\", country: \"JP\", summary: \"An office.\", sources: [\"https://example.org/office/{i}\"]),\n"
        ));
    }
    s.push_str("    ],\n)\n");
    s
}

/// Starts a command, reads its first line, closes the pipe (as `| head -1`
/// does) and returns the exit code and stderr.
fn read_one_line_then_close(args: &[&str]) -> (Option<i32>, String) {
    let mut child = common::bin()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start the binary");
    let stderr = child.stderr.take().unwrap();
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut { stderr }, &mut s);
        s
    });
    {
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        reader.read_line(&mut line).expect("read first line");
        assert!(!line.is_empty(), "{args:?}: no output at all");
    } // the read end of the pipe closes here
    let status = common::wait_with_watchdog(&mut child, &args);
    (status.code(), err.join().unwrap())
}

#[test]
fn closed_pipe_ends_quietly_and_successfully() {
    let dir = scratch_dir("closed_pipe");
    let path = dir.join("large.ron");
    std::fs::write(&path, large_dataset(1_200)).unwrap();
    let path = path.to_str().unwrap();
    for command in [
        &["list"][..],
        &["search", "city"],
        &["timeline"],
        &["institutions"],
    ] {
        let mut args = vec!["--data", path];
        args.extend_from_slice(command);
        // The dataset is valid and even the most compact format, the table,
        // is larger than a pipe holds, so the program must meet the closed pipe.
        let full = run(&args).table();
        assert!(full.stdout.len() > 100_000, "{:?}", full.args);
        for format in FORMATS {
            let mut args = args.clone();
            args.extend_from_slice(&["--format", format]);
            let (code, stderr) = read_one_line_then_close(&args);
            assert_no_panic(&stderr);
            assert_eq!(
                (code, stderr.as_str()),
                (Some(0), ""),
                "{args:?}: a closed pipe is not an error"
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn full_stdout_is_an_error() {
    // Output thrown away on purpose is fine.
    let null = std::fs::File::create("/dev/null").unwrap();
    let out = common::bin().arg("list").stdout(null).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    // A full disk: the write fails.
    if std::path::Path::new("/dev/full").exists() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let mut cmd = common::bin();
        cmd.arg("list");
        let out = cmd.stdout(full).stderr(Stdio::piped()).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.starts_with("error: cannot write output: "),
            "{stderr}"
        );
    }
}

#[test]
fn closed_pipe_with_the_embedded_dataset_does_not_panic() {
    for command in COMMANDS {
        for format in FORMATS {
            let args = with_format(command, format);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let (code, stderr) = read_one_line_then_close(&args);
            assert_no_panic(&stderr);
            assert_eq!(code, Some(0), "{args:?}");
            // The whole table may have fit in the pipe before it closed:
            // then its summary follows on stderr, and nothing else.
            let summary = ran(run(&args), format).stderr;
            assert!(stderr.is_empty() || stderr == summary, "{args:?}: {stderr}");
        }
    }
}

// ------------------------------------------------------- round 2 format ---

/// Runs a command on `tests/fixtures/valid/round2.ron`, which has every part
/// of the round-2 format once.
fn round2(args: &[&str]) -> common::Run {
    let path = repo_path("tests/fixtures/valid/round2.ron");
    let mut all: Vec<String> = vec!["--data".into(), path.display().to_string()];
    all.extend(args.iter().map(|s| s.to_string()));
    run(&all).success()
}

fn round2_json(args: &[&str]) -> Vec<Object> {
    round2(
        &with_format(args, "json")
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    )
    .json_objects()
}

#[test]
fn check_reports_unknowns_conflicts_and_source_grades() {
    let r = round2(&["check"]);
    let expected = [
        "  events        2 recorded, 4 derived rows (1980–2013)",
        "Known unknowns:",
        "  1 numbered relation not identified by any source: sister city No. 2 (signed between 1980-11-18 and 2010; candidates: Hamamatsu)",
        "  3 of the official 3 cooperative cities not identified by any record",
        "  1 pending relation (not partners): Kursk RU, 2025-09-16",
        "  1 unconfirmed lead (not partners): Le Havre FR",
        "Does not add up:",
        "  3 sister cities are documented, 1 more than the official 2: at least 1 of the 1 sister classification in doubt must be wrong.",
        "  Hamamatsu, Daejeon: Three sister cities are documented against an official two.",
        "Sources: 13 citations on 5 graded hosts: 5 official, 2 partner government, 4 press, 1 reference, 1 mirror.",
    ];
    for line in expected {
        assert!(
            r.stdout.lines().any(|l| l == line),
            "missing {line:?} in:\n{}",
            r.stdout
        );
    }
}

#[test]
fn sources_are_graded_best_first_and_points_name_their_gazetteer() {
    let partners = round2_json(&["list"]);
    let sapporo = partners.iter().find(|p| p["id"] == "sapporo").unwrap();
    // The official page comes before the mirror the file lists first.
    assert_eq!(
        sapporo["sources"],
        serde_json::json!([
            {"url": "https://www.example.gov.cn/sapporo", "grade": "official"},
            {"url": "http://mirror.example.net/sapporo", "grade": "mirror"},
        ])
    );
    assert_eq!(sapporo["confidence"], "official");
    assert_eq!(sapporo["geonames"], 2128295);
    assert_eq!(
        sapporo["location_source"],
        serde_json::json!({"url": "https://www.geonames.org/2128295", "grade": "reference"})
    );
    let hamamatsu = partners.iter().find(|p| p["id"] == "hamamatsu").unwrap();
    assert_eq!(hamamatsu["name_zh_from"], "gazetteer");
    assert_eq!(hamamatsu["confidence"], "partner-government");
    assert_eq!(
        hamamatsu["conflicts"],
        serde_json::json!(["Three sister cities are documented against an official two."])
    );
    // A point from a page keeps that page as its source.
    let daejeon = partners.iter().find(|p| p["id"] == "daejeon").unwrap();
    assert!(daejeon["geonames"].is_null());
    assert_eq!(
        daejeon["location_source"],
        serde_json::json!({"url": "https://ref.example.org/daejeon-point", "grade": "reference"})
    );
    // CSV: URLs in `sources`, their grades beside them in the same order.
    let (header, rows) = round2(&["list", "--format", "csv"]).csv();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = rows.iter().find(|r| r[col("id")] == "sapporo").unwrap();
    assert_eq!(
        row[col("sources")],
        "https://www.example.gov.cn/sapporo | http://mirror.example.net/sapporo"
    );
    assert_eq!(row[col("source_grades")], "official | mirror");
    assert_eq!(
        row[col("location_source")],
        "https://www.geonames.org/2128295"
    );
}

#[test]
fn timeline_derives_foundings_and_changes_and_places_unknown_numbers() {
    let events = round2_json(&["timeline"]);
    let rows: Vec<(&str, &str, &str, bool)> = events
        .iter()
        .map(|e| {
            (
                str_field(e, "date"),
                str_field(e, "kind"),
                str_field(e, "id"),
                e["derived"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("1980-11-18", "established", "sapporo-established", true),
            ("1980-11-18", "unidentified", "sister-2-unidentified", true),
            ("1984", "consulate", "1984-consulate", false),
            ("2003", "established", "daejeon-established", true),
            ("2010", "established", "hamamatsu-established", true),
            // The recorded signing stands for the change; no second row.
            ("2013-07", "upgraded", "2013-daejeon-sister-city", false),
        ]
    );
    assert_eq!(
        events[0]["relation"],
        serde_json::json!([{"partner": "sapporo", "change": "established", "kind": "sister", "order": 1}])
    );
    assert_eq!(
        str_field(&events[0], "title"),
        "Sapporo: sister-city relationship established (No. 1)"
    );
    assert_eq!(events[1]["candidates"], serde_json::json!(["hamamatsu"]));
    assert_eq!(
        events[2]["institutions"],
        serde_json::json!(["japan-consulate"])
    );
    // A partner's own timeline starts with its founding.
    let daejeon = round2_json(&["timeline", "--partner", "daejeon"]);
    assert_eq!(
        ids(&daejeon),
        ["daejeon-established", "2013-daejeon-sister-city"]
    );
}

#[test]
fn search_finds_partners_by_alias() {
    for alias in ["濱松市", "浜松"] {
        let hits = round2_json(&["search", alias]);
        assert_eq!(
            ids(&hits).first().map(String::as_str),
            Some("hamamatsu"),
            "{alias}"
        );
    }
}

#[test]
fn stats_json_counts_the_known_unknowns() {
    let r = round2(&["stats", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let u = &v["unknowns"];
    assert_eq!(u["unidentified"][0]["order"], 2);
    assert_eq!(u["cooperative_unidentified"], 3);
    assert_eq!(u["pending"][0]["id"], "kursk");
    assert_eq!(u["leads"][0]["id"], "le-havre");
    assert_eq!(u["sister_excess"], 1);
    assert_eq!(v["partners"]["derived_rows"], 4);
    assert_eq!(
        v["sources"]["by_grade"][0],
        serde_json::json!({"grade": "official", "cited": 5})
    );
}

// ------------------------------------------- issue 9: the round-2 dataset ---

#[test]
fn check_reports_at_least_40_partners_the_unidentified_and_the_pending() {
    let r = run(&["check"]).success();
    let partners: usize = r
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("  partners"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no partner count in:\n{}", r.stdout));
    assert!(partners >= 40, "{partners} partners");
    let unidentified = r
        .stdout
        .lines()
        .find(|l| l.starts_with("  3 numbered relations not identified by any source: "))
        .unwrap_or_else(|| panic!("no unidentified numbers in:\n{}", r.stdout));
    for number in [
        "sister city No. 7 (signed between 1992-08-12 and 1993-10-05; candidates: Ramat Gan, Quezon City)",
        "sister city No. 9 (signed between 1993-10-05 and 1998-08-31; candidates: Ramat Gan, Quezon City)",
        "sister city No. 20 (signed between 2016-05-18 and 2018-09-11; candidates: Florida (Uruguay), Cairo, Quezon City)",
    ] {
        assert!(
            unidentified.contains(number),
            "{number:?} in {unidentified:?}"
        );
    }
    for line in [
        "Known unknowns:",
        "  61 of the official 77 cooperative cities not identified by any record",
        "  2 pending relations (not partners): Kursk RU, 2025-09-16; Bucheon KR, 2025-11-02",
        "Does not add up:",
    ] {
        assert!(
            r.stdout.lines().any(|l| l == line),
            "missing {line:?} in:\n{}",
            r.stdout
        );
    }
    // `stats` reports the same unknowns.
    let stats = run(&["stats"]).success().stdout;
    assert!(stats.lines().any(|l| l == unidentified), "{stats}");
    assert!(stats.contains("Kursk RU") && stats.contains("Bucheon KR"));
    // Pending relations are not partners.
    let ids: BTreeSet<String> = ids(&json(&["list"])).into_iter().collect();
    assert!(!ids.contains("kursk") && !ids.contains("bucheon"));
}

#[test]
fn no_output_mentions_general_knowledge() {
    let mut runs: Vec<Vec<String>> = Vec::new();
    for command in [&["list"][..], &["timeline"], &["institutions"]] {
        for format in FORMATS {
            runs.push(with_format(command, format));
        }
    }
    for format in ["table", "json"] {
        runs.push(with_format(&["stats"], format));
    }
    runs.push(vec!["check".to_string()]);
    for args in runs {
        let r = run(&args).table();
        assert!(!r.stdout.is_empty(), "{args:?}");
        assert!(
            !(r.stdout + &r.stderr)
                .to_lowercase()
                .contains("general knowledge"),
            "{args:?} mentions general knowledge"
        );
    }
}

#[test]
fn list_every_partner_has_a_gazetteer_point() {
    let partners = json(&["list"]);
    assert!(partners.len() >= 40);
    for p in &partners {
        let id = str_field(p, "id");
        assert!(p["lat"].is_f64() && p["lon"].is_f64(), "{id}: no point");
        let geonames = p["geonames"]
            .as_u64()
            .unwrap_or_else(|| panic!("{id}: no GeoNames id"));
        assert!(geonames > 0, "{id}");
        // The GeoNames page is the point's source.
        let source = &p["location_source"];
        assert_graded_source(id, source);
        assert_eq!(
            source["url"],
            format!("https://www.geonames.org/{geonames}"),
            "{id}"
        );
        assert_eq!(source["grade"], "reference", "{id}");
    }
    // The two partners the map used to miss, with their GeoNames points.
    for (id, lat, lon, geonames) in [
        ("daegu", 35.87028, 128.59111, 1835329),
        ("sasebo", 33.16834, 129.72502, 1852899),
    ] {
        let p = partners
            .iter()
            .find(|p| p["id"] == id)
            .unwrap_or_else(|| panic!("{id} is not listed"));
        assert_eq!(p["lat"].as_f64(), Some(lat), "{id}");
        assert_eq!(p["lon"].as_f64(), Some(lon), "{id}");
        assert_eq!(p["geonames"], geonames, "{id}");
    }
}

#[test]
fn every_source_of_every_record_is_graded_and_well_formed() {
    let mut hosts = BTreeSet::new();
    for (command, n) in [
        ("list", PARTNERS),
        ("timeline", TIMELINE_ROWS),
        ("institutions", INSTITUTIONS),
    ] {
        let records = json(&[command]);
        assert_eq!(records.len(), n, "{command}");
        for r in &records {
            let what = format!("{command} {}", str_field(r, "id"));
            assert_graded_sources(&what, r);
            for url in source_urls(r) {
                hosts.insert(url_host(url).to_string());
            }
        }
    }
    // The spam mirror the old data cited for official facts is still there,
    // but graded as what it is.
    let partners = json(&["list"]);
    let sapporo = partners.iter().find(|p| p["id"] == "sapporo").unwrap();
    let mirror = sapporo["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| url_host(s["url"].as_str().unwrap()) == "hnhxyygs.com")
        .expect("Sapporo cites the hnhxyygs.com copy");
    assert_eq!(mirror["grade"], "mirror");
    assert_eq!(sapporo["sources"][0]["grade"], "official");
    assert!(hosts.len() > 100, "{} hosts", hosts.len());
}

#[test]
fn timeline_tells_the_partnership_story() {
    let events = json(&["timeline"]);
    let dates: Vec<String> = events
        .iter()
        .map(|e| str_field(e, "date").to_string())
        .collect();
    assert_chronological(&dates);
    // Sapporo's founding opens the timeline.
    let first = &events[0];
    assert_eq!(str_field(first, "date"), "1980-11-18");
    assert_eq!(str_field(first, "kind"), "established");
    assert_eq!(
        first["relation"],
        serde_json::json!([{"partner": "sapporo", "change": "established", "kind": "sister", "order": 1}])
    );
    // The steps of each partner's relation, as the rows give them.
    let steps_of = |id: &str| -> Vec<(String, String, String)> {
        events
            .iter()
            .flat_map(|e| {
                e["relation"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(move |r| r["partner"] == id)
                    .map(move |r| {
                        (
                            str_field(e, "date").to_string(),
                            r["change"].as_str().unwrap().to_string(),
                            r["kind"].as_str().unwrap().to_string(),
                        )
                    })
            })
            .collect()
    };
    let step = |date: &str, change: &str, kind: &str| {
        (date.to_string(), change.to_string(), kind.to_string())
    };
    // Daejeon: cooperative in 2003, sister city in 2013.
    assert_eq!(
        steps_of("daejeon"),
        [
            step("2003", "established", "cooperative"),
            step("2013-07", "upgraded", "sister"),
        ]
    );
    // Karachi: cooperative in 2018, sister city in 2021.
    assert_eq!(
        steps_of("karachi"),
        [
            step("2018-08", "established", "cooperative"),
            step("2021-12-09", "upgraded", "sister"),
        ]
    );
    // A recorded signing stands for the founding: one row, not two.
    for (id, date) in [("belfast", "2016-05-18"), ("incheon", "2014-06-12")] {
        assert_eq!(steps_of(id), [step(date, "established", "sister")], "{id}");
    }
    // Every partner with a date has exactly one founding row, and a row of
    // its relation at that date (the latest step, for a changed relation).
    for p in &json(&["list"]) {
        let id = str_field(p, "id");
        let steps = steps_of(id);
        match p["established"].as_str() {
            None => assert!(steps.is_empty(), "{id}: undated but {steps:?}"),
            Some(established) => {
                let foundings = steps.iter().filter(|s| s.1 == "established").count();
                assert_eq!(foundings, 1, "{id}: {steps:?}");
                assert!(
                    steps
                        .iter()
                        .any(|s| established.starts_with(&s.0) || s.0.starts_with(established)),
                    "{id}: no row at {established}: {steps:?}"
                );
            }
        }
    }
    // `timeline --partner sapporo` starts with the founding too.
    let sapporo = json(&["timeline", "--partner", "sapporo"]);
    assert_eq!(str_field(&sapporo[0], "date"), "1980-11-18");
    assert_eq!(str_field(&sapporo[0], "kind"), "established");
}

#[test]
fn timeline_shows_the_unidentified_sister_cities_in_their_windows() {
    let events = json(&["timeline"]);
    let placeholders: Vec<&Object> = events
        .iter()
        .filter(|e| e["kind"] == "unidentified")
        .collect();
    let got: Vec<(&str, &str, Vec<&str>)> = placeholders
        .iter()
        .map(|e| {
            (
                str_field(e, "id"),
                str_field(e, "date"),
                e["candidates"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c.as_str().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "sister-7-unidentified",
                "1992-08-12",
                vec!["ramat-gan", "quezon-city"]
            ),
            (
                "sister-9-unidentified",
                "1993-10-05",
                vec!["ramat-gan", "quezon-city"]
            ),
            (
                "sister-20-unidentified",
                "2016-05-18",
                vec!["florida", "cairo", "quezon-city"]
            ),
        ]
    );
    for e in placeholders {
        let id = str_field(e, "id");
        assert_eq!(e["derived"], true, "{id}");
        // Candidates are not claimed as the partner.
        assert_eq!(e["partners"], serde_json::json!([]), "{id}");
        assert!(str_field(e, "title").contains("not identified"), "{id}");
    }
}

#[test]
fn search_finds_cities_by_their_chinese_names() {
    for (query, id) in [
        ("都灵", "turin"),
        ("仁川", "incheon"),
        ("滨松", "hamamatsu"),
    ] {
        let hits = json(&["search", query]);
        assert_eq!(
            ids(&hits).first().map(String::as_str),
            Some(id),
            "search {query}"
        );
    }
}

#[test]
fn timeline_gives_the_numbered_sister_cities_in_number_order() {
    // A placeholder's window opens on the day of the previous number's
    // signing, so on that day it comes after the signing: No. 9 after
    // No. 8 Monterrey (1993-10-05), No. 20 after Belfast (2016-05-18).
    let events = json(&["timeline"]);
    let mut numbers = Vec::new();
    for e in &events {
        for r in e["relation"].as_array().unwrap() {
            if r["kind"] == "sister"
                && let Some(n) = r["order"].as_u64()
            {
                numbers.push(n);
            }
        }
        if let Some(n) = str_field(e, "id")
            .strip_prefix("sister-")
            .and_then(|rest| rest.strip_suffix("-unidentified"))
        {
            numbers.push(n.parse().unwrap());
        }
    }
    assert_eq!(
        numbers,
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 17, 20, 21, 22]
    );
    let position = |id: &str| events.iter().position(|e| e["id"] == id).unwrap();
    assert!(position("2016-belfast-sister-city") < position("sister-20-unidentified"));
}

/// Every command in every format whose stdout is closed before it writes
/// (as `| head -c1` may close it): a closed pipe is not an error, exit 0.
#[test]
fn a_pipe_closed_before_any_output_is_exit_0_for_every_command() {
    let commands: [&[&str]; 7] = [
        &["list"],
        &["search", "japan"],
        &["timeline"],
        &["institutions"],
        &["stats"],
        &["check"],
        &["search", "sapporo"],
    ];
    for command in commands {
        let formats: &[&str] = match command[0] {
            "stats" => &["table", "json"],
            "check" => &[],
            _ => &FORMATS,
        };
        let mut runs: Vec<Vec<String>> = formats.iter().map(|f| with_format(command, f)).collect();
        if formats.is_empty() {
            runs.push(command.iter().map(|s| s.to_string()).collect());
        }
        for args in runs {
            let mut child = common::bin()
                .args(&args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("cannot start the binary");
            drop(child.stdout.take());
            let stderr = child.stderr.take().unwrap();
            let err = std::thread::spawn(move || {
                let mut s = String::new();
                let _ = std::io::Read::read_to_string(&mut { stderr }, &mut s);
                s
            });
            let status = common::wait_with_watchdog(&mut child, &args);
            let stderr = err.join().unwrap();
            assert_no_panic(&stderr);
            assert_eq!(status.code(), Some(0), "{args:?}");
            // A small table may be in the pipe before its reader is gone:
            // then its summary follows on stderr, and nothing else.
            let summary = if args.iter().any(|a| a == "table") {
                run(&args).table().stderr
            } else {
                String::new()
            };
            assert!(stderr.is_empty() || stderr == summary, "{args:?}: {stderr}");
        }
    }
}

#[test]
fn help_and_version_to_a_full_disk_fail() {
    for flag in ["--help", "--version", "-h", "-V"] {
        let out = std::fs::File::create("/dev/full").unwrap();
        let status = common::bin()
            .arg(flag)
            .stdout(out)
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(1), "{flag}");
    }
}

#[test]
fn argument_values_are_echoed_printable() {
    // An OSC title sequence and a bidi override typed as values must not
    // reach the terminal or a pipe raw.
    for value in ["\u{1b}]0;pwned\u{7}", "a\u{202e}b", "x\u{9b}31m"] {
        let r = run(&["list", "--format", value]).failure(2);
        assert!(r.stderr.starts_with("error: invalid value"), "{}", r.stderr);
        assert!(
            !r.stderr
                .chars()
                .any(|c| c != '\n' && (c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c))),
            "{value:?} echoed raw: {:?}",
            r.stderr
        );
    }
}

// ------------------------------------------------- completions and man ---

#[test]
fn bash_completion_completes_subcommands_and_format_values() {
    let script = run(&["completions", "bash"]).success().stdout;
    let dir = scratch_dir("completions");
    let path = dir.join("shenyang-partners.bash");
    std::fs::write(&path, &script).unwrap();
    // What bash offers after `shenyang-partners li<TAB>` and
    // `shenyang-partners list --format <TAB>` and `timeline --<TAB>`.
    let probe = format!(
        r#"source {}
complete -p shenyang-partners >/dev/null || exit 3
f=$(complete -p shenyang-partners | sed 's/.*-F \([^ ]*\).*/\1/')
COMP_WORDS=(shenyang-partners li); COMP_CWORD=1; $f shenyang-partners li shenyang-partners
echo "1:${{COMPREPLY[*]}}"
COMP_WORDS=(shenyang-partners list --format ""); COMP_CWORD=3; $f shenyang-partners "" --format
echo "2:${{COMPREPLY[*]}}"
COMP_WORDS=(shenyang-partners timeline --); COMP_CWORD=2; $f shenyang-partners -- timeline
echo "3:${{COMPREPLY[*]}}"
"#,
        path.display()
    );
    let out = std::process::Command::new("bash")
        .args(["--norc", "-c", &probe])
        .output()
        .expect("bash runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "1:list");
    assert_eq!(lines[1], "2:table json csv");
    assert!(
        lines[2].starts_with("3:")
            && lines[2].contains("--partner")
            && lines[2].contains("--format"),
        "{}",
        lines[2]
    );
}

#[test]
fn completions_exist_for_every_shell_clap_knows() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let r = run(&["completions", shell]).success();
        assert!(r.stdout.contains("shenyang-partners"), "{shell}");
        assert!(r.stdout.contains("timeline"), "{shell}");
    }
    run(&["completions", "tcsh"])
        .failure(2)
        .stderr_contains("possible values");
}

#[test]
fn man_page_renders() {
    let page = run(&["man"]).success().stdout;
    assert!(page.contains(".TH shenyang-partners 1"), "{page}");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH DESCRIPTION",
        ".SH OPTIONS",
        ".SH SUBCOMMANDS",
    ] {
        assert!(page.contains(section), "{section}");
    }
    let dir = scratch_dir("man");
    let path = dir.join("shenyang-partners.1");
    std::fs::write(&path, &page).unwrap();
    // Rendered by man(1) where the system has it, as a reader would.
    if let Ok(out) = std::process::Command::new("man")
        .arg("-l")
        .arg(&path)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
    {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            text.contains("NAME") && text.contains("shenyang-partners"),
            "{text}"
        );
    }
}

// ------------------------------------------------------ round 2 (issue 13) ---

/// The embedded dataset with one text replaced, written for a test.
fn dataset_with(test: &str, from: &str, to: &str) -> std::path::PathBuf {
    let path = dataset_copy(test);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?} not in the dataset");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path
}

#[test]
fn pipes_get_the_rows_and_stderr_gets_the_prose() {
    let partners = json(&["list"]).len();
    let r = run(&["list"]).table();
    // `list | wc -l`: the header and one line per partner, nothing else.
    assert_eq!(r.stdout.lines().count(), partners + 1, "{}", r.stdout);
    assert_eq!(
        r.stderr,
        "40 partners shown (? = classification in doubt).\n\
         The dataset documents 24 of 23 sister cities and 16 of 77 cooperative cities (official totals of 2022-10-17).\n"
    );
    let r = run(&["timeline"]).table();
    assert!(!r.stdout.contains("events shown"));
    assert!(r.stderr.ends_with(" events shown.\n"), "{}", r.stderr);
    let r = run(&["institutions"]).table();
    assert!(!r.stdout.contains("documented"));
    assert!(
        r.stderr.contains("Consulates general: 8 of 8"),
        "{}",
        r.stderr
    );
    let r = run(&["list", "--country", "CN"]).table();
    assert_eq!(
        (r.stdout.as_str(), r.stderr.as_str()),
        ("", "No partners match.\n")
    );
}

#[test]
fn quiet_drops_the_prose_and_keeps_the_rows() {
    for args in [
        &["list"][..],
        &["timeline"],
        &["institutions"],
        &["search", "japan"],
    ] {
        let loud = run(args).table();
        let quiet_args: Vec<&str> = std::iter::once("--quiet")
            .chain(args.iter().copied())
            .collect();
        let quiet = run(&quiet_args).success();
        assert_eq!(quiet.stdout, loud.stdout, "{args:?}");
        assert!(!loud.stderr.is_empty(), "{args:?}");
    }
    // `check -q` only answers with its exit code.
    assert_eq!(run(&["check", "-q"]).success().stdout, "");
}

#[test]
fn json_and_csv_print_no_prose_anywhere() {
    for cmd in COMMANDS {
        for format in ["json", "csv"] {
            let mut args = cmd.to_vec();
            args.extend(["--format", format]);
            let r = run(&args).success();
            if format == "json" {
                // What `| jq length` needs: stdout is one JSON document.
                assert!(!r.json_objects().is_empty(), "{args:?}");
            } else {
                assert!(r.csv().1.len() > 1, "{args:?}");
            }
        }
    }
}

#[test]
fn enum_values_take_any_case() {
    let want = run(&["list", "--kind", "sister", "--format", "json"])
        .success()
        .stdout;
    for kind in ["Sister", "SISTER", "sIsTeR"] {
        let r = run(&["list", "--kind", kind, "--format", "json"]).success();
        assert_eq!(r.stdout, want, "--kind {kind}");
    }
    let r = run(&[
        "list",
        "--kind",
        "Sister",
        "--format",
        "JSON",
        "--sort",
        "Established",
    ])
    .success();
    assert!(r.stdout.starts_with('['));
    run(&["institutions", "--kind", "Consulate", "--format", "Csv"]).success();
    run(&[
        "search",
        "japan",
        "--kind",
        "Cooperative",
        "--format",
        "Json",
    ])
    .success();
    run(&["stats", "--format", "JSON"]).success();
    run(&["--lang", "ZH", "list", "--format", "json"]).success();
    run(&["completions", "Bash"]).success();
}

#[test]
fn format_on_a_command_without_it_gets_a_plain_message() {
    for args in [
        &["check", "--format", "json"][..],
        &["check", "--format=json"],
        &["check", "--format"],
        &["man", "--format", "json"],
        &["completions", "bash", "--format", "csv"],
    ] {
        let r = run(args).failure(2);
        assert!(
            r.stderr.contains("has no --format option"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(
            r.stderr.contains("list, search, timeline and institutions"),
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("tip"), "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("-- --format"), "{args:?}: {}", r.stderr);
    }
    // A command with other formats names them.
    run(&["stats", "--format", "csv"])
        .failure(2)
        .stderr_contains("table, json");
}

#[test]
fn every_option_has_a_help_line() {
    for cmd in [
        "list",
        "search",
        "timeline",
        "institutions",
        "stats",
        "check",
        "completions",
        "man",
    ] {
        let help = run(&[cmd, "--help"]).success().stdout;
        let options = help
            .split("Options:")
            .nth(1)
            .unwrap_or_else(|| panic!("{cmd}: {help}"));
        // Option lines, not the `- value: meaning` lines under them.
        for line in options
            .lines()
            .filter(|l| l.trim_start().starts_with('-') && !l.trim_start().starts_with("- "))
        {
            // `--flag <V>  Help` on one line, or the help on the next line.
            let text = line.trim_start();
            let described =
                text.contains("  ") && !text.rsplit("  ").next().unwrap_or("").trim().is_empty();
            assert!(
                described || options.contains(&format!("{line}\n          ")),
                "{cmd}: no help for {line:?}\n{help}"
            );
        }
    }
}

#[test]
fn search_shows_a_rank_and_json_keeps_the_score() {
    let r = run(&["search", "japan"]).table();
    let header = r.stdout.lines().next().unwrap();
    assert!(header.starts_with("RANK"), "{header}");
    assert!(!header.contains("SCORE"));
    let ranks: Vec<&str> = r
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    let want: Vec<String> = (1..=ranks.len()).map(|n| n.to_string()).collect();
    assert_eq!(ranks, want);
    let hits = json(&["search", "japan"]);
    for (i, h) in hits.iter().enumerate() {
        assert_eq!(h["rank"], Value::from(i + 1));
        assert!(h["score"].is_i64());
    }
    let (header, rows) = run(&["search", "japan", "--format", "csv"]).success().csv();
    assert_eq!(&header[header.len() - 2..], ["rank", "score"]);
    assert_eq!(rows[0][header.len() - 2], "1");
}

#[test]
fn a_name_like_a_formula_is_refused_by_check() {
    let path = dataset_with(
        "a_name_like_a_formula_is_refused_by_check",
        "name: \"Sapporo\"",
        "name: \"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\"",
    );
    let shown = path.display().to_string();
    let r = run(&["check", &shown]).failure(1);
    assert!(
        r.stderr
            .contains("partner \"sapporo\": name: a name cannot begin with = or @"),
        "{}",
        r.stderr
    );
    let path = dataset_with(
        "a_name_like_a_formula_at",
        "name_zh: \"札幌\"",
        "name_zh: \"@SUM(1)\"",
    );
    run(&["check", &path.display().to_string()])
        .failure(1)
        .stderr_contains("partner \"sapporo\": name_zh: a name cannot begin with = or @");
}

#[test]
fn csv_neutralises_formula_cells_and_bom_is_asked_for() {
    let path = dataset_with(
        "csv_neutralises_formula_cells",
        "summary: \"Sapporo became",
        "summary: \"=1+1 Sapporo became",
    );
    let data = path.display().to_string();
    let r = run(&["--data", &data, "list", "--format", "csv"]).success();
    assert!(!r.stdout_bytes.starts_with(b"\xEF\xBB\xBF"));
    let (header, rows) = r.csv();
    let summary = header.iter().position(|h| h == "summary").unwrap();
    let id = header.iter().position(|h| h == "id").unwrap();
    let sapporo = rows.iter().find(|r| r[id] == "sapporo").unwrap();
    assert!(
        sapporo[summary].starts_with("'=1+1 Sapporo"),
        "{}",
        sapporo[summary]
    );
    // Numbers are not text: a western longitude stays a number.
    let lon = header.iter().position(|h| h == "lon").unwrap();
    assert!(rows.iter().any(|r| r[lon].starts_with('-')));
    let r = run(&["--data", &data, "list", "--format", "csv", "--bom"]).success();
    assert!(r.stdout_bytes.starts_with(b"\xEF\xBB\xBFid,"));
    run(&["list", "--bom"])
        .failure(2)
        .stderr_contains("--bom applies only to --format csv");
}

#[test]
fn lang_zh_words_the_tables_and_the_prose_in_chinese() {
    let r = run(&[
        "--lang",
        "zh",
        "list",
        "--country",
        "JP",
        "--kind",
        "sister",
    ])
    .table();
    let header = r.stdout.lines().next().unwrap();
    assert!(
        header.starts_with("ID") && header.contains("名称") && header.contains("国家"),
        "{header}"
    );
    assert!(
        r.stdout.contains("札幌") && r.stdout.contains("日本"),
        "{}",
        r.stdout
    );
    assert!(r.stderr.starts_with("显示 3 个伙伴城市"), "{}", r.stderr);
    let r = run(&[
        "list",
        "--lang",
        "zh",
        "--format",
        "json",
        "--country",
        "JP",
    ])
    .success();
    // JSON keys stay English.
    assert!(r.json_objects()[0].contains_key("name_zh"));
    let r = run(&["timeline", "--lang", "zh"]).table();
    assert!(r.stdout.starts_with("日期"), "{}", r.stdout);
    assert!(r.stdout.contains("与札幌结为友好城市"), "{}", r.stdout);
    let r = run(&["institutions", "--lang", "zh"]).table();
    assert!(r.stdout.starts_with("类型"), "{}", r.stdout);
    assert!(r.stderr.contains("总领事馆"), "{}", r.stderr);
}

#[test]
fn timeline_search_keeps_the_matching_events_in_order() {
    let all = json(&["timeline"]);
    let hits = json(&["timeline", "--search", "sapporo"]);
    assert!(!hits.is_empty() && hits.len() < all.len());
    let dates: Vec<&str> = hits.iter().map(|e| str_field(e, "date")).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert!(hits.iter().any(|e| {
        e["partners"]
            .as_array()
            .unwrap()
            .contains(&Value::from("sapporo"))
    }));
    assert!(json(&["timeline", "--search", "qqqzzzxx"]).is_empty());
    let r = run(&["timeline", "--search", "qqqzzzxx"]).table();
    assert_eq!(
        (r.stdout.as_str(), r.stderr.as_str()),
        ("", "No events match.\n")
    );
}

#[test]
fn institutions_filter_by_country() {
    let jp = json(&["institutions", "--country", "japan"]);
    assert!(!jp.is_empty());
    assert!(jp.iter().all(|i| i["country"] == "JP"));
    let all = json(&["institutions"]);
    assert!(jp.len() < all.len());
    run(&["institutions", "--country", "japn"])
        .failure(2)
        .stderr_contains("unknown country");
}

#[test]
fn list_sorts_by_official_order_and_by_distance() {
    let ordered = json(&["list", "--sort", "order"]);
    let sister: Vec<u64> = ordered
        .iter()
        .take_while(|p| p["kind"] == "sister" && p["order"].is_u64())
        .map(|p| p["order"].as_u64().unwrap())
        .collect();
    assert!(sister.len() > 10);
    assert!(sister.windows(2).all(|w| w[0] <= w[1]), "{sister:?}");
    assert_eq!(sister[0], 1);
    let r = run(&["list", "--sort", "order"]).table();
    assert!(r.stdout.lines().next().unwrap().ends_with("NO."));
    let near = json(&["list", "--sort", "distance"]);
    // Japan and Korea are nearer than Europe and America.
    let first = str_field(&near[0], "country");
    assert!(["JP", "KR", "KP", "RU", "MN"].contains(&first), "{first}");
    let r = run(&["list", "--sort", "distance"]).table();
    let km: Vec<f64> = r
        .stdout
        .lines()
        .skip(1)
        .filter_map(|l| l.rsplit("  ").next()?.trim().parse().ok())
        .collect();
    assert!(km.len() > 10);
    assert!(km.windows(2).all(|w| w[0] <= w[1]), "{km:?}");
}

#[test]
fn width_fits_tables_and_pipes_cut_nothing() {
    let full = run(&["timeline"]).table().stdout;
    assert!(
        full.lines().any(|l| l.width() > 80),
        "the check means something"
    );
    let cut = run(&["--width", "80", "timeline"]).table();
    for line in cut.stdout.lines().chain(cut.stderr.lines()) {
        assert!(line.width() <= 80, "{line:?}");
    }
    assert!(cut.stdout.contains('…'));
    run(&["--width", "0", "list"]).failure(2);
}

// ------------------------------------------------ check and stats in zh ---

#[test]
fn check_reports_in_chinese_with_lang_zh() {
    let r = run(&["--lang", "zh", "check"]).success();
    let out = &r.stdout;
    assert_eq!(
        out.lines().next(),
        Some("data/shenyang.ron (embedded)：检查通过")
    );
    for line in [
        "  伙伴城市  40 个（友好城市 24，友好合作城市 16），分布于 24 个国家",
        "对照官方数字（2022-10-17）的收录情况：",
        "  友好城市：已收录 24/23（超过官方数字）",
        "  友好合作城市：已收录 16/77",
        "驻沈机构：",
        "已知的未知：",
        "数字不符：",
    ] {
        assert!(out.lines().any(|l| l == line), "missing {line:?}:\n{out}");
    }
    // Chinese country names and the partners' own Chinese names.
    assert!(out.contains("（俄罗斯，2025-09-16）"), "{out}");
    assert!(out.contains("奎松市"), "{out}");
    assert!(
        out.contains("来源：185 个已评级网站上的 423 处引用：官方 71"),
        "{out}"
    );
    // The dataset's own prose is not translated.
    assert!(out.contains("Shenyang's official figure is 23 sister cities"));
    for english in [
        "Known unknowns:",
        "Does not add up:",
        "Coverage against",
        ": OK",
    ] {
        assert!(!out.contains(english), "{english:?} in:\n{out}");
    }
    // Another dataset words the same way without trouble.
    let path = repo_path("tests/fixtures/valid/round2.ron");
    let r = run(&[
        OsStr::new("--lang"),
        OsStr::new("zh"),
        OsStr::new("check"),
        path.as_os_str(),
    ])
    .success();
    assert!(r.stdout.contains("检查通过"), "{}", r.stdout);
}

#[test]
fn stats_reports_in_chinese_with_lang_zh() {
    let out = run(&["stats", "--lang", "zh"]).success().stdout;
    for line in [
        "历年官方数字：",
        "各国友城数量：",
        "驻沈机构：",
        "已知的未知：",
    ] {
        assert!(out.lines().any(|l| l == line), "missing {line:?}:\n{out}");
    }
    assert!(
        out.lines()
            .any(|l| l.starts_with("KR ") && l.contains("韩国") && l.contains("10")),
        "{out}"
    );
    assert!(out.lines().any(|l| l.starts_with("1980年代")), "{out}");
    for english in [
        "Partners by country:",
        "Official totals over time:",
        "DOCUMENTED",
    ] {
        assert!(!out.contains(english), "{english:?} in:\n{out}");
    }
    // JSON keys (and values) do not change with the language.
    assert_eq!(
        run(&["--lang", "zh", "stats", "--format", "json"])
            .success()
            .stdout,
        run(&["stats", "--format", "json"]).success().stdout
    );
}

#[test]
fn check_and_stats_in_english_are_unchanged_by_lang_en() {
    let check = run(&["check"]).success().stdout;
    assert_eq!(run(&["--lang", "en", "check"]).success().stdout, check);
    for line in CHECK_SUMMARY {
        assert!(check.lines().any(|l| l == line), "missing {line:?}");
    }
    let stats = run(&["stats"]).success().stdout;
    assert_eq!(run(&["stats", "--lang", "en"]).success().stdout, stats);
    for line in [
        "Partners: 40 (24 sister, 16 cooperative) in 24 countries; 40 with coordinates.",
        "Partners by country:",
        "KR       South Korea         10     3       7",
        "Known unknowns:",
        "Sources: 423 citations on 185 graded hosts: 71 official, 42 partner government, 200 press, 45 reference, 65 mirror.",
    ] {
        assert!(
            stats.lines().any(|l| l == line),
            "missing {line:?}:\n{stats}"
        );
    }
}
