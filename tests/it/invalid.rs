//! `check PATH` on broken datasets: each one is refused with exit code 1, a
//! message that points at the defect (file:line:column and a caret for
//! syntax errors, record and field for semantic ones), and never a panic.
//!
//! Every file in `tests/fixtures/invalid/` is `tests/fixtures/valid/minimal.ron`
//! with exactly one defect (plus one comment line saying which, so line
//! numbers are one less than in the valid file). Huge inputs are generated
//! into a scratch directory instead of being committed.

use crate::common;

use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthStr;

use common::{Run, repo_path, run, scratch_dir};

/// What `check` must say about a fixture.
enum Expect {
    /// A syntax, type or encoding error: `PATH:LINE:COLUMN: ` and this key
    /// part of the message on the first line, then the offending line with a
    /// caret under COLUMN.
    Syntax {
        line: usize,
        column: usize,
        message: &'static str,
    },
    /// The whole report, after `error: PATH`.
    Report(&'static str),
    /// Semantic problems: each entry is `LINE:COLUMN: record: field: message`
    /// and appears, in this order, as one line after the count line.
    Problems(&'static [&'static str]),
}

use Expect::{Problems, Report, Syntax};

/// Fixture name → what the user must be told.
const EXPECTATIONS: &[(&str, Expect)] = &[
    // ---- syntax, type and encoding errors ----
    (
        "eof_missing_paren",
        Syntax {
            line: 69,
            column: 7,
            message: "the file ends too early (a bracket or string is not closed?)",
        },
    ),
    (
        // After `),` another element may follow, so RON asks for one.
        "eof_missing_bracket",
        Syntax {
            line: 68,
            column: 11,
            message: "Expected opening `(` for struct `Institution`",
        },
    ),
    (
        // The unclosed string runs on to the next quote, two lines down.
        "eof_unclosed_string",
        Syntax {
            line: 67,
            column: 24,
            message: "Expected comma (a string may be unclosed on line 65)",
        },
    ),
    (
        "stray_comma",
        Syntax {
            line: 4,
            column: 26,
            message: "Expected identifier",
        },
    ),
    (
        "garbage_token",
        Syntax {
            line: 26,
            column: 27,
            message: "Expected identifier",
        },
    ),
    (
        "wrong_type_string_for_int",
        Syntax {
            line: 13,
            column: 21,
            message: "Expected integer",
        },
    ),
    (
        "wrong_type_int_for_string",
        Syntax {
            line: 12,
            column: 20,
            message: "Expected string",
        },
    ),
    (
        "unknown_field",
        Syntax {
            line: 28,
            column: 13,
            message: "Unexpected field named `website` in `Partner`",
        },
    ),
    (
        "unknown_enum_variant",
        Syntax {
            line: 26,
            column: 19,
            message: "Unexpected variant named `Twin` in enum `PartnerKind`, expected either `Sister` or `Cooperative`",
        },
    ),
    (
        "missing_required_field",
        Syntax {
            line: 31,
            column: 9,
            message: "Unexpected missing field named `summary` in `Partner`",
        },
    ),
    (
        "empty",
        Report(":1:1: the file is empty; a dataset starts with `Dataset(`\n"),
    ),
    (
        "comment_only",
        Syntax {
            line: 1,
            column: 25,
            message: "Expected opening `(` for struct `Dataset`",
        },
    ),
    (
        "invalid_utf8",
        Syntax {
            line: 23,
            column: 21,
            message: "the file is not valid UTF-8 (byte 0xFC at offset 667)",
        },
    ),
    (
        "binary_png",
        Syntax {
            line: 1,
            column: 1,
            message: "the file is not valid UTF-8 (byte 0x89 at offset 0)",
        },
    ),
    (
        // Valid UTF-8 full of control characters, including ESC sequences
        // and NUL bytes, which no text file has.
        "binary_elf",
        Syntax {
            line: 1,
            column: 8,
            message: "the file contains a NUL byte (offset 7); a dataset is text, not binary data",
        },
    ),
    (
        "nul_byte",
        Syntax {
            line: 29,
            column: 28,
            message: "the file contains a NUL byte (offset 886)",
        },
    ),
    (
        // The caret stays under the quote: the tab is shown as spaces.
        "tab_before_error",
        Syntax {
            line: 13,
            column: 21,
            message: "Expected integer",
        },
    ),
    (
        // RON stumbles one line late, where the runaway string ends.
        "unclosed_string_mid",
        Syntax {
            line: 24,
            column: 23,
            message: "Expected comma (a string may be unclosed on line 23)",
        },
    ),
    (
        "string_for_enum",
        Syntax {
            line: 26,
            column: 19,
            message: "Expected identifier: `kind` is one of Sister, Cooperative, written without quotes",
        },
    ),
    (
        "decimal_for_integer",
        Syntax {
            line: 27,
            column: 20,
            message: "Expected integer: `order` takes a whole number, not 1.5",
        },
    ),
    // ---- semantic errors ----
    (
        "duplicate_partner_id",
        Problems(&[
            r#"34:13: partner "sapporo": id: duplicate id "sapporo": already used by partners[0]"#,
        ]),
    ),
    (
        "event_unknown_partner",
        Problems(&[r#"53:24: event "1980-sapporo": partners[0]: unknown partner id "sappor""#]),
    ),
    (
        "unknown_country_code",
        Problems(&[
            r#"36:13: partner "daegu": country: "XX" is not an assigned ISO 3166-1 alpha-2 country code"#,
        ]),
    ),
    (
        "lowercase_country_code",
        Problems(&[
            r#"25:13: partner "sapporo": country: country code "jp" must be upper case (JP)"#,
        ]),
    ),
    (
        "impossible_date",
        Problems(&[
            r#"27:13: partner "sapporo": established: impossible date "1980-13-45": month 13 is not between 1 and 12"#,
        ]),
    ),
    (
        "feb29_non_leap_year",
        Problems(&[
            r#"50:13: event "1980-sapporo": date: impossible date "2023-02-29": day 29 does not exist in 2023-02 (it has 28 days)"#,
        ]),
    ),
    (
        "latitude_out_of_range",
        Problems(&[r#"28:32: partner "sapporo": location.lat: latitude 91.5 is outside -90..90"#]),
    ),
    (
        "longitude_out_of_range",
        Problems(&[r#"7:40: home: location.lon: longitude -181.25 is outside -180..180"#]),
    ),
    (
        "no_sources",
        Problems(&[
            r#"67:13: institution "japan-consulate": sources: a record needs at least one source URL"#,
        ]),
    ),
    (
        "source_not_http",
        Problems(&[
            r#"56:23: event "1980-sapporo": sources[0]: source "ftp://example.org/event" is not an http(s) URL"#,
        ]),
    ),
    (
        "escape_in_name",
        Problems(&[
            r#"23:13: partner "sapporo": name: text contains an escape character (ESC) (U+001B) at character 8"#,
        ]),
    ),
    (
        "formula_in_name",
        Problems(&[
            r#"23:13: partner "sapporo": name: a name cannot begin with = or @ (a spreadsheet would read it as a formula)"#,
        ]),
    ),
    (
        "bidi_override",
        Problems(&[
            r#"42:13: partner "daegu": summary: text contains a bidirectional override (U+202E) at character 10"#,
        ]),
    ),
    (
        "zero_width_space",
        Problems(&[
            r#"23:13: partner "sapporo": name: text contains an invisible format character (U+200B) at character 4"#,
        ]),
    ),
    (
        "soft_hyphen",
        Problems(&[
            r#"51:13: event "1980-sapporo": title: text contains an invisible format character (U+00AD) at character 22"#,
        ]),
    ),
    (
        "tab_in_text",
        Problems(&[
            r#"51:13: event "1980-sapporo": title: text contains a tab (U+0009) at character 16"#,
        ]),
    ),
    (
        "history_kind_mismatch",
        Problems(&[
            r#"40:45: partner "daegu": history[0].kind: the latest history entry says Sister but the partner's kind is Cooperative"#,
        ]),
    ),
    (
        // A record whose id is unusable is named by its position instead.
        "bad_id_slug",
        Problems(&[
            r#"61:13: institutions[0]: id: id "Japan Consulate" is not a slug (lower-case letters, digits and single hyphens, e.g. "la-plata")"#,
        ]),
    ),
    (
        "cities_total_mismatch",
        Problems(&[
            r#"15:13: official_totals[0]: cities: 6 cities is not 2 sister + 3 cooperative"#,
        ]),
    ),
    (
        "unclassified_host",
        Problems(&[
            r#"67:23: institution "japan-consulate": sources[0]: host "consulate.example.net" is not graded: add it to source_hosts as one of Official, PartnerGovernment, Press, Reference, Mirror"#,
        ]),
    ),
    (
        "template_url",
        Problems(&[
            r#"56:23: event "1980-sapporo": sources[0]: source "https://example.org/a/{{href}}" contains a template placeholder ({{…}})"#,
        ]),
    ),
    (
        "location_without_gazetteer",
        Problems(&[
            r#"28:13: partner "sapporo": location: a location needs a gazetteer id (geonames: 2034937) or a source page (source: "https://…")"#,
        ]),
    ),
    (
        "several_problems",
        Problems(&[
            r#"27:13: partner "sapporo": established: impossible date "1980-13-45": month 13 is not between 1 and 12"#,
            r#"36:13: partner "daegu": country: "XX" is not an assigned ISO 3166-1 alpha-2 country code"#,
            r#"53:24: event "1980-sapporo": partners[0]: unknown partner id "nosuch""#,
            r#"67:13: institution "japan-consulate": sources: a record needs at least one source URL"#,
        ]),
    ),
];

fn fixture(name: &str) -> PathBuf {
    repo_path(&format!("tests/fixtures/invalid/{name}.ron"))
}

/// Runs `check PATH`, which must fail with exit code 1 and print nothing on
/// stdout, and returns the error report.
fn check_fails(path: &Path) -> Run {
    let r = run(&[std::ffi::OsStr::new("check"), path.as_os_str()]).failure(1);
    // The report is for a terminal: no control character may reach it, only
    // line breaks (an ESC in the data must not become an escape sequence).
    if let Some(c) = r
        .stderr
        .chars()
        .find(|&c| c != '\n' && (c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)))
    {
        panic!(
            "{}: stderr contains U+{:04X}:\n{}",
            path.display(),
            c as u32,
            r.stderr
        );
    }
    r
}

/// Checks a syntax report: the located first line, then the source line with
/// a caret under the column.
fn assert_syntax(path: &Path, r: &Run, line: usize, column: usize, message: &str) {
    let shown = path.display().to_string();
    let lines: Vec<&str> = r.stderr.lines().collect();
    let head = format!("error: {shown}:{line}:{column}: ");
    assert!(
        lines[0].starts_with(&head),
        "expected {head:?} at the start of:\n{}",
        r.stderr
    );
    assert!(
        lines[0][head.len()..].contains(message),
        "expected {message:?} in:\n{}",
        r.stderr
    );
    // The source line as the user has it, up to the column.
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let source = text.split('\n').nth(line - 1).unwrap_or("");
    let before: String = source.chars().take(column - 1).collect();
    // Tabs are shown as four spaces, other controls as U+FFFD.
    let before = before
        .replace('\t', "    ")
        .replace(|c: char| c.is_control(), "\u{fffd}");
    let gutter = line.to_string().len();
    assert_eq!(lines.len(), 4, "report has four lines:\n{}", r.stderr);
    assert_eq!(lines[1], format!("{:gutter$} |", ""));
    assert!(
        lines[2].starts_with(&format!("{line} | {before}")),
        "line {line} is not quoted up to column {column}:\n{}",
        r.stderr
    );
    assert_eq!(
        lines[3],
        format!("{:gutter$} | {:caret$}^", "", "", caret = before.width()),
        "caret not under column {column}:\n{}",
        r.stderr
    );
}

fn assert_problems(path: &Path, r: &Run, expected: &[&str]) {
    let shown = path.display().to_string();
    let n = expected.len();
    let mut want = vec![format!(
        "error: {shown}: {n} problem{} found",
        if n == 1 { "" } else { "s" }
    )];
    want.extend(expected.iter().map(|e| format!("{shown}:{e}")));
    let got: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(got, want, "\n{}", r.stderr);
}

#[test]
fn the_minimal_dataset_passes_check() {
    let path = repo_path("tests/fixtures/valid/minimal.ron");
    let r = run(&[std::ffi::OsStr::new("check"), path.as_os_str()]).success();
    assert_eq!(
        r.stdout,
        format!(
            "{}: OK
  partners      2 (1 sister, 1 cooperative) in 2 countries
  events        1 recorded, 1 derived row (1980–2003)
  institutions  1 (1 consulate)
Coverage against the official totals of 2022-10-17:
  1 of 2 sister cities
  1 of 3 cooperative cities
  2 of 5 partner cities
  2 of 4 countries
Institutions:
  Consulates general: 1 documented; no official figure.
Known unknowns:
  2 of the official 3 cooperative cities not identified by any record
Sources: 6 citations on 1 graded host: 6 reference.
",
            path.display()
        )
    );
}

#[test]
fn every_invalid_fixture_is_refused_with_its_reason() {
    let mut failures = Vec::new();
    for (name, expect) in EXPECTATIONS {
        let path = fixture(name);
        assert!(path.is_file(), "missing fixture {}", path.display());
        // Collect every mismatch so one run shows them all.
        let outcome = std::panic::catch_unwind(|| {
            let r = check_fails(&path);
            match expect {
                Syntax {
                    line,
                    column,
                    message,
                } => assert_syntax(&path, &r, *line, *column, message),
                Problems(expected) => assert_problems(&path, &r, expected),
                Report(rest) => assert_eq!(r.stderr, format!("error: {}{rest}", path.display())),
            }
        });
        if outcome.is_err() {
            failures.push(*name);
        }
    }
    assert!(
        failures.is_empty(),
        "fixtures not reported as expected: {failures:?}"
    );
}

/// The whole report `check` gives for each broken fixture, word for word,
/// against the one kept beside it (`tests/fixtures/invalid/report@NAME.ron.snap`;
/// `INSTA_UPDATE=always cargo test --test it invalid` rewrites them, and
/// `git diff` shows what changed for a user). The checks above say what
/// each report must contain; this one says nothing else changed.
#[test]
fn every_fixture_report_matches_the_one_beside_it() {
    let root = repo_path("");
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(repo_path("tests/fixtures/invalid"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("../fixtures/invalid", "*.ron", |path| {
            let relative = path.strip_prefix(&root).unwrap();
            let mut cmd = common::bin();
            cmd.current_dir(&root).arg("check").arg(relative);
            let r = common::run_command(cmd, &["check"]);
            let report = format!(
                "$ shenyang-partners check {}\nexit code: {:?}\n--- stdout\n{}--- stderr\n{}",
                relative.display(),
                r.code,
                r.stdout,
                r.stderr
            );
            insta::assert_snapshot!("report", report);
        });
    });
}

#[test]
fn every_fixture_file_has_an_expectation() {
    let dir = repo_path("tests/fixtures/invalid");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut listed: Vec<String> = EXPECTATIONS.iter().map(|(n, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(names, listed);
    assert!(names.len() >= 18);
}

#[test]
fn whitespace_only_file_counts_as_empty() {
    let dir = scratch_dir("whitespace_only");
    let path = dir.join("blank.ron");
    std::fs::write(&path, " \n\t\n\n").unwrap();
    check_fails(&path).stderr_contains(&format!("{}:1:1: the file is empty", path.display()));
}

#[test]
fn every_problem_is_reported_however_many() {
    let minimal = std::fs::read_to_string(repo_path("tests/fixtures/valid/minimal.ron")).unwrap();
    let mut bad = String::new();
    for i in 0..150 {
        bad.push_str(&format!(
            "        Partner(id: \"p{i}\", name: \"P\", country: \"JP\", kind: Sister, established: \"1980-13-45\", summary: \"s\", sources: [\"https://example.org/{i}\"]),\n"
        ));
    }
    let text = minimal.replacen("    partners: [\n", &format!("    partners: [\n{bad}"), 1);
    let dir = scratch_dir("many_problems");
    let path = dir.join("many.ron");
    std::fs::write(&path, text).unwrap();
    let r = check_fails(&path);
    let shown = path.display().to_string();
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines[0], format!("error: {shown}: 150 problems found"));
    assert_eq!(lines.len(), 1 + 150, "every problem on its own line");
    assert!(!r.stderr.contains("more"), "no problem is left out");
    // The first partner is on line 22 of the generated file.
    assert_eq!(
        lines[1],
        format!(
            "{shown}:22:67: partner \"p0\": established: impossible date \"1980-13-45\": month 13 is not between 1 and 12"
        )
    );
    assert_eq!(
        lines[150],
        format!(
            "{shown}:171:69: partner \"p149\": established: impossible date \"1980-13-45\": month 13 is not between 1 and 12"
        )
    );
}

#[test]
fn missing_file_cannot_be_read() {
    let dir = scratch_dir("missing_file");
    let path = dir.join("nope.ron");
    check_fails(&path).stderr_contains(&format!("error: {}: cannot read: ", path.display()));
}

#[test]
fn directory_cannot_be_read() {
    let dir = scratch_dir("directory_as_path");
    let r = check_fails(&dir);
    assert_eq!(
        r.stderr,
        format!("error: {}: cannot read: is a directory\n", dir.display())
    );
}

#[test]
fn oversized_file_is_refused_before_reading() {
    // A sparse file: 257 MiB long on paper, nothing on disk.
    let dir = scratch_dir("oversized");
    let path = dir.join("huge.ron");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(257 * 1024 * 1024).unwrap();
    drop(file);
    let r = check_fails(&path);
    assert_eq!(
        r.stderr,
        format!(
            "error: {}: file is too large (269484032 bytes; at most 268435456)\n",
            path.display()
        )
    );
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let dir = scratch_dir("deep_nesting");
    // Bare parentheses: the dataset's outer struct wants a field name after `(`.
    let bare = dir.join("parens.ron");
    std::fs::write(
        &bare,
        format!("{}{}", "(".repeat(20_000), ")".repeat(20_000)),
    )
    .unwrap();
    let r = check_fails(&bare);
    assert!(
        r.stderr.starts_with(&format!(
            "error: {}:1:2: Expected identifier",
            bare.display()
        )),
        "{}",
        r.stderr
    );
    // The excerpt of the 40,000-character line is cut to a window.
    assert!(r.stderr.len() < 1_000, "{}", r.stderr);
    // Nested lists where a partner should be.
    let minimal = std::fs::read_to_string(repo_path("tests/fixtures/valid/minimal.ron")).unwrap();
    let nested = dir.join("lists.ron");
    std::fs::write(
        &nested,
        minimal.replacen(
            "    partners: [",
            &format!("    partners: {}", "[".repeat(20_000)),
            1,
        ),
    )
    .unwrap();
    let r = check_fails(&nested);
    assert!(
        r.stderr.starts_with(&format!(
            "error: {}:21:16: Expected opening `(` for struct `Partner`",
            nested.display()
        )),
        "{}",
        r.stderr
    );
    assert!(r.stderr.len() < 1_000, "{}", r.stderr);
}

const FORTY_MB: usize = 40 * 1024 * 1024;

#[test]
fn forty_megabyte_text_is_refused_without_echoing_it() {
    let minimal = std::fs::read_to_string(repo_path("tests/fixtures/valid/minimal.ron")).unwrap();
    let text = minimal.replacen(
        "summary: \"First sister city.\"",
        &format!("summary: \"{}\"", "x".repeat(FORTY_MB)),
        1,
    );
    let dir = scratch_dir("forty_mb_text");
    let path = dir.join("big.ron");
    std::fs::write(&path, text).unwrap();
    let r = check_fails(&path);
    assert_eq!(
        r.stderr,
        format!(
            "error: {0}: 1 problem found\n{0}:30:13: partner \"sapporo\": summary: text is too long ({FORTY_MB} characters; at most 2000)\n",
            path.display()
        )
    );
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn forty_megabyte_unclosed_string_is_located_and_cut() {
    let minimal = std::fs::read_to_string(repo_path("tests/fixtures/valid/minimal.ron")).unwrap();
    let cut = minimal
        .rfind("sources: [\"https://example.org/consulate\"]")
        .unwrap();
    let text = format!("{}sources: [\"{}", &minimal[..cut], "z".repeat(FORTY_MB));
    let dir = scratch_dir("forty_mb_unclosed");
    let path = dir.join("big.ron");
    std::fs::write(&path, text).unwrap();
    let r = check_fails(&path);
    assert!(
        r.stderr.starts_with(&format!(
            "error: {}:68:23: Expected end of string",
            path.display()
        )),
        "{}",
        &r.stderr[..r.stderr.len().min(2_000)]
    );
    assert!(r.stderr.contains("68 |             sources: [\"zzzz"));
    assert!(
        r.stderr.len() < 1_000,
        "the report quotes {} bytes",
        r.stderr.len()
    );
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn huge_unknown_field_name_is_quoted_only_in_part() {
    let minimal = std::fs::read_to_string(repo_path("tests/fixtures/valid/minimal.ron")).unwrap();
    let text = minimal.replacen(
        "summary: \"First sister city.\",",
        &format!(
            "summary: \"First sister city.\", {}: 1,",
            "y".repeat(4 * 1024 * 1024)
        ),
        1,
    );
    let dir = scratch_dir("huge_field_name");
    let path = dir.join("big.ron");
    std::fs::write(&path, text).unwrap();
    let r = check_fails(&path);
    let first = r.stderr.lines().next().unwrap();
    assert!(
        first.starts_with(&format!(
            "error: {}:30:44: Unexpected field named `yyyy",
            path.display()
        )),
        "{}",
        &first[..first.len().min(500)]
    );
    assert!(
        first.ends_with('…'),
        "a long message is cut with an ellipsis"
    );
    assert!(
        r.stderr.len() < 2_000,
        "the report quotes {} bytes",
        r.stderr.len()
    );
}

#[test]
fn windows_line_endings_are_accepted_and_located() {
    let minimal = std::fs::read_to_string(repo_path("tests/fixtures/valid/minimal.ron")).unwrap();
    let dir = scratch_dir("crlf");
    let good = dir.join("good.ron");
    std::fs::write(&good, minimal.replace('\n', "\r\n")).unwrap();
    run(&[std::ffi::OsStr::new("check"), good.as_os_str()])
        .success()
        .stdout_contains(": OK\n");
    let bad = dir.join("bad.ron");
    std::fs::write(
        &bad,
        minimal
            .replacen("sister: 2,", "sister: \"2\",", 1)
            .replace('\n', "\r\n"),
    )
    .unwrap();
    let r = check_fails(&bad);
    assert_eq!(
        r.stderr,
        format!(
            "error: {}:14:21: Expected integer\n   |\n14 |             sister: \"2\",\n   |                     ^\n",
            bad.display()
        )
    );
}

#[test]
fn every_command_refuses_an_invalid_dataset_the_same_way() {
    let path = fixture("several_problems");
    let reference = check_fails(&path).stderr;
    for command in ["list", "timeline", "institutions"] {
        let r = run(&[
            std::ffi::OsStr::new("--data"),
            path.as_os_str(),
            std::ffi::OsStr::new(command),
        ])
        .failure(1);
        assert_eq!(r.stderr, reference, "{command}");
    }
}

/// A copy of the minimal dataset with `old` replaced by `new`, in a scratch file.
fn minimal_with(test: &str, old: &str, new: &str) -> PathBuf {
    let minimal = std::fs::read_to_string(repo_path("tests/fixtures/valid/minimal.ron")).unwrap();
    assert_eq!(minimal.matches(old).count(), 1, "{old:?}");
    let dir = scratch_dir(test);
    let path = dir.join("data.ron");
    std::fs::write(&path, minimal.replacen(old, new, 1)).unwrap();
    path
}

#[test]
fn huge_values_are_quoted_only_in_part() {
    const MIB: usize = 1024 * 1024;
    let huge = "Q".repeat(MIB);
    let excerpt = format!("\"{}…\"", "Q".repeat(64));
    let date_shape = "is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD";
    let code_shape = "is not an ISO 3166-1 alpha-2 code (two letters such as \"JP\")";
    for (test, old, new, located) in [
        (
            "huge_date",
            "established: \"1980-11-18\"",
            format!("established: \"{huge}\""),
            format!("28:13: partner \"sapporo\": established: {excerpt} {date_shape}"),
        ),
        (
            "huge_country",
            "country: \"KR\"",
            format!("country: \"{huge}\""),
            format!("37:13: partner \"daegu\": country: {excerpt} {code_shape}"),
        ),
        (
            "huge_event_country",
            "partners: [\"sapporo\"],",
            format!("partners: [\"sapporo\"], countries: [\"{huge}\"],"),
            format!("54:48: event \"1980-sapporo\": countries[0]: {excerpt} {code_shape}"),
        ),
        (
            "huge_history_date",
            "KindChange(date: \"2003-12\"",
            format!("KindChange(date: \"{huge}\""),
            format!("41:28: partner \"daegu\": history[0].date: {excerpt} {date_shape}"),
        ),
        (
            "huge_as_of",
            "as_of: \"2022-10-17\"",
            format!("as_of: \"{huge}\""),
            format!("13:13: official_totals[0]: as_of: {excerpt} {date_shape}"),
        ),
    ] {
        let path = minimal_with(test, old, &new);
        let r = check_fails(&path);
        let shown = path.display();
        assert_eq!(
            r.stderr,
            format!("error: {shown}: 1 problem found\n{shown}:{located}\n"),
            "{test}"
        );
        std::fs::remove_file(&path).unwrap();
    }
}

#[test]
fn an_error_after_forty_megabytes_of_blank_lines_is_located() {
    let dir = scratch_dir("forty_mb_blank");
    let message = "Expected struct `Dataset` but found `x`";
    let path = dir.join("newlines.ron");
    std::fs::write(&path, format!("{}x", "\n".repeat(FORTY_MB))).unwrap();
    let r = check_fails(&path);
    assert_syntax(&path, &r, FORTY_MB + 1, 1, message);
    std::fs::remove_file(&path).unwrap();
    // One long line: the excerpt is a window of the 60 characters before.
    let path = dir.join("spaces.ron");
    std::fs::write(&path, format!("{}x", " ".repeat(FORTY_MB))).unwrap();
    let r = check_fails(&path);
    assert_eq!(
        r.stderr,
        format!(
            "error: {}:1:{}: {message}\n  |\n1 | …{}x\n  | {}^\n",
            path.display(),
            FORTY_MB + 1,
            " ".repeat(60),
            " ".repeat(61)
        )
    );
    std::fs::remove_file(&path).unwrap();
    // The same padding before a valid dataset is fine.
    let minimal = std::fs::read_to_string(repo_path("tests/fixtures/valid/minimal.ron")).unwrap();
    let path = dir.join("padded.ron");
    std::fs::write(&path, format!("{}{minimal}", "\n".repeat(FORTY_MB))).unwrap();
    run(&[std::ffi::OsStr::new("check"), path.as_os_str()])
        .success()
        .stdout_contains("partners      2 (1 sister, 1 cooperative)");
    std::fs::remove_file(&path).unwrap();
}

#[cfg(unix)]
#[test]
fn devices_are_refused_before_they_are_read() {
    // /dev/zero and /dev/urandom would fill 256 MiB before a size check
    // could refuse them; a terminal would wait for input.
    for dev in ["/dev/zero", "/dev/urandom", "/dev/tty"] {
        if Path::new(dev).exists() {
            let r = check_fails(Path::new(dev));
            assert_eq!(
                r.stderr.lines().next(),
                Some(format!("error: {dev}: cannot read: is a device, not a file").as_str())
            );
        }
    }
}

#[test]
fn a_nul_byte_far_into_a_large_file_is_found() {
    // Past the first piece the reader checks.
    let minimal = std::fs::read_to_string(repo_path("tests/fixtures/valid/minimal.ron")).unwrap();
    let padding = "\n".repeat(3 * 1024 * 1024);
    let text = format!("{padding}{minimal}").replacen("First sister", "First\0sister", 1);
    let dir = scratch_dir("late_nul");
    let path = dir.join("late.ron");
    std::fs::write(&path, &text).unwrap();
    let offset = text.find('\0').unwrap();
    let r = check_fails(&path);
    assert_syntax(
        &path,
        &r,
        padding.len() + 30,
        28,
        &format!("the file contains a NUL byte (offset {offset})"),
    );
}

#[test]
fn url_schemes_are_case_insensitive() {
    let path = minimal_with(
        "uppercase_scheme",
        "https://example.org/sapporo",
        "HTTPS://EXAMPLE.ORG/sapporo",
    );
    run(&[std::ffi::OsStr::new("check"), path.as_os_str()])
        .success()
        .stdout_contains(": OK\n");
}

#[test]
fn old_mac_line_endings_are_accepted_and_located() {
    // A lone carriage return ends a line, so the first comment does not
    // swallow the whole file.
    let minimal = std::fs::read_to_string(repo_path("tests/fixtures/valid/minimal.ron")).unwrap();
    let dir = scratch_dir("cr_only");
    let good = dir.join("good.ron");
    std::fs::write(&good, minimal.replace('\n', "\r")).unwrap();
    run(&[std::ffi::OsStr::new("check"), good.as_os_str()])
        .success()
        .stdout_contains("partners      2 (1 sister, 1 cooperative)");
    let bad = dir.join("bad.ron");
    std::fs::write(
        &bad,
        minimal
            .replacen("sister: 2,", "sister: \"2\",", 1)
            .replace('\n', "\r"),
    )
    .unwrap();
    let r = check_fails(&bad);
    assert_eq!(
        r.stderr,
        format!(
            "error: {}:14:21: Expected integer\n   |\n14 |             sister: \"2\",\n   |                     ^\n",
            bad.display()
        )
    );
    // Semantic problems are located by the same line count.
    let bad = dir.join("date.ron");
    std::fs::write(
        &bad,
        minimal
            .replacen(
                "1980-11-18\",\n            location",
                "1980-13-45\",\n            location",
                1,
            )
            .replace('\n', "\r"),
    )
    .unwrap();
    check_fails(&bad).stderr_contains(&format!(
        "{}:28:13: partner \"sapporo\": established: impossible date",
        bad.display()
    ));
}

#[test]
fn names_that_look_blank_or_hide_text_are_refused_with_record_and_field() {
    let minimal = std::fs::read_to_string(repo_path("tests/fixtures/valid/minimal.ron")).unwrap();
    let dir = scratch_dir("blank_names");
    let cases = [
        (
            "\u{3164}\u{3164}",
            "text contains a Hangul filler (U+3164) at character 1",
        ),
        (
            "\u{ffa0}",
            "text contains a Hangul filler (U+FFA0) at character 1",
        ),
        (
            "\u{115f}",
            "text contains a Hangul filler (U+115F) at character 1",
        ),
        ("\u{2800}\u{2800}", "text is empty"),
        (
            "\u{301}",
            "text contains a combining mark with no character to combine with (U+0301) at character 1",
        ),
        (
            "Sapporo\u{fe01}",
            "text contains an invisible (default-ignorable) character (U+FE01) at character 8",
        ),
        (
            "Sap\u{34f}poro",
            "text contains an invisible (default-ignorable) character (U+034F) at character 4",
        ),
        (
            "\u{e000}",
            "text contains a private-use character (U+E000) at character 1",
        ),
        // The limit holds for the normalized text: each U+0958 is two characters in NFC.
        (
            &"\u{958}".repeat(150),
            "text is too long (300 characters; at most 200)",
        ),
    ];
    for (i, (name, message)) in cases.iter().enumerate() {
        let path = dir.join(format!("name{i}.ron"));
        std::fs::write(
            &path,
            minimal.replacen("name: \"Sapporo\"", &format!("name: \"{name}\""), 1),
        )
        .unwrap();
        let r = check_fails(&path);
        let want = format!(
            "{}:24:13: partner \"sapporo\": name: {message}",
            path.display()
        );
        assert!(
            r.stderr.lines().any(|l| l == want),
            "{name:?}: want {want:?} in\n{}",
            r.stderr
        );
    }
}

#[test]
fn an_unclosed_block_comment_is_reported_where_it_opens() {
    // It used to be reported at the file's last `/`, lines further on.
    let path = minimal_with(
        "unclosed_block_comment",
        "    official_totals: [",
        "    /* official totals to come\n    official_totals: [",
    );
    let r = check_fails(&path);
    assert_syntax(
        &path,
        &r,
        11,
        5,
        "Unclosed block comment: this `/*` has no matching `*/`",
    );
    // The same far into a large file (the parallel path gives up there).
    let minimal = std::fs::read_to_string(repo_path("tests/fixtures/valid/minimal.ron")).unwrap();
    let padding = "\n".repeat(2 * 1024 * 1024);
    let text = format!("{padding}{minimal}").replacen(
        "    official_totals: [",
        "    /* to come\n    official_totals: [",
        1,
    );
    let dir = scratch_dir("unclosed_block_comment_large");
    let path = dir.join("large.ron");
    std::fs::write(&path, text).unwrap();
    let r = check_fails(&path);
    assert_syntax(&path, &r, padding.len() + 11, 5, "Unclosed block comment");
}

#[test]
fn a_byte_order_mark_is_not_counted_as_a_column() {
    let minimal = std::fs::read_to_string(repo_path("tests/fixtures/valid/minimal.ron")).unwrap();
    let dir = scratch_dir("bom_dataset");
    let path = dir.join("bom.ron");
    std::fs::write(&path, format!("\u{feff}{minimal}")).unwrap();
    run(&[std::ffi::OsStr::new("check"), path.as_os_str()])
        .success()
        .stdout_contains(": OK\n");
    // A problem on the first line is placed as an editor shows it: the
    // mark is not a column.
    let first = minimal.find("Dataset(").unwrap();
    let text = minimal[first..].replacen(
        "{ \"example.org\": Reference }",
        "{ \"example.org\": Reference, \"example.org\": Reference }",
        1,
    );
    std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
    check_fails(&path).stderr_contains(&format!(
        "\n{}:1:9: source_hosts: host \"example.org\" is graded twice",
        path.display()
    ));
}

/// A named pipe at `path`, if `mkfifo` can make one here.
#[cfg(unix)]
fn make_fifo(path: &Path) -> bool {
    std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_at_once_with_its_path() {
    // `check FIFO` used to wait forever for a writer.
    let dir = scratch_dir("fifo_dataset");
    let fifo = dir.join("pipe.ron");
    if !make_fifo(&fifo) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let start = std::time::Instant::now();
    let r = check_fails(&fifo);
    assert_eq!(
        r.stderr,
        format!(
            "error: {}: cannot read: is a named pipe (FIFO), not a file\n",
            fifo.display()
        )
    );
    run(&[
        std::ffi::OsStr::new("--data"),
        fifo.as_os_str(),
        std::ffi::OsStr::new("list"),
    ])
    .failure(1)
    .stderr_contains("is a named pipe (FIFO), not a file");
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
}
