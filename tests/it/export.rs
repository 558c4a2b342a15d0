//! `e` in the Partners view: the listed partners, in the listed order, to a
//! new CSV file with the same columns as `list --format csv`, named in the
//! status bar, never overwriting anything and leaving no temporary files.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{App, app_with, keys, listed_ids, status_line};
use shenyang_partners::data::PartnerKind;
use shenyang_partners::present::Lang;
use shenyang_partners::theme::Theme;
use shenyang_partners::tui::state::{Options, View};
use tempfile::TempDir;

/// The status bar's one-off message, whole.
fn status_message(app: &App) -> Option<String> {
    app.status.as_ref().map(|s| s.text(app.lang))
}

fn app_exporting_to(dir: &Path, w: u16, h: u16) -> App {
    app_with(
        Options {
            theme: Theme::dark(),
            lang: Lang::En,
            export_dir: Some(dir.to_path_buf()),
            no_state: true,
            keep_lang: false,
        },
        w,
        h,
    )
}

/// Names of the files in `dir`, sorted.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read export dir")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Header and rows of a CSV file.
fn read_csv(path: &Path) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut r = csv::Reader::from_path(path).expect("open export");
    let header = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = r
        .records()
        .collect::<Result<Vec<_>, _>>()
        .expect("every row parses");
    (header, rows)
}

/// The CLI's `list --format csv --bom` output for the given extra
/// arguments (the export begins with a byte-order mark, the CLI's CSV only
/// when asked).
fn cli_csv(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_shenyang-partners"))
        .args(["list", "--format", "csv", "--bom"])
        .args(args)
        .output()
        .expect("run the CLI");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 CSV")
}

fn cli_header() -> Vec<String> {
    let text = cli_csv(&[]);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.headers().unwrap().iter().map(str::to_string).collect()
}

fn first_export(dir: &TempDir) -> PathBuf {
    dir.path().join("shenyang-partners.csv")
}

#[test]
fn sister_filter_exports_exactly_the_listed_rows_in_order() {
    let dir = TempDir::new().unwrap();
    let mut app = app_exporting_to(dir.path(), 120, 40);
    keys(&mut app, "f");
    // The 24 sister cities of data/shenyang.ron.
    assert_eq!(app.partners.rows.len(), 24);
    keys(&mut app, "e");

    assert_eq!(files_in(dir.path()), ["shenyang-partners.csv"]);
    let (header, rows) = read_csv(&first_export(&dir));
    let ids: Vec<String> = rows.iter().map(|r| r[0].to_string()).collect();
    assert_eq!(ids, listed_ids(&app), "the listed rows, in order");
    let kind = header
        .iter()
        .position(|h| h == "kind")
        .expect("kind column");
    assert!(rows.iter().all(|r| &r[kind] == "sister"));
    assert!(
        app.partners
            .rows
            .iter()
            .all(|h| app.data.partners[h.ix].kind == PartnerKind::Sister)
    );
}

#[test]
fn header_matches_list_format_csv() {
    let dir = TempDir::new().unwrap();
    let mut app = app_exporting_to(dir.path(), 120, 40);
    keys(&mut app, "e");
    let (header, _) = read_csv(&first_export(&dir));
    assert_eq!(header, cli_header());
    assert_eq!(
        &header[..7],
        [
            "id",
            "name",
            "name_local",
            "name_zh",
            "name_zh_from",
            "aliases",
            "country"
        ]
    );
    // The grades of the sources, in a column of their own beside them.
    let sources = header.iter().position(|h| h == "sources").unwrap();
    assert_eq!(header[sources + 1], "source_grades");
}

#[test]
fn unfiltered_export_is_byte_for_byte_the_cli_listing() {
    // Same records, same columns, same order (both sort by name).
    let dir = TempDir::new().unwrap();
    let mut app = app_exporting_to(dir.path(), 120, 40);
    keys(&mut app, "e");
    let exported = fs::read_to_string(first_export(&dir)).unwrap();
    assert_eq!(exported, cli_csv(&[]));
}

#[test]
fn country_filter_and_sort_export_in_the_listed_order() {
    let dir = TempDir::new().unwrap();
    let mut app = app_exporting_to(dir.path(), 120, 40);
    // Japan, sorted by established date.
    keys(&mut app, "cjapan<Enter>ss");
    assert!(status_line(&app).contains("sort: established"));
    keys(&mut app, "e");
    let (_, rows) = read_csv(&first_export(&dir));
    let ids: Vec<String> = rows.iter().map(|r| r[0].to_string()).collect();
    assert_eq!(ids, listed_ids(&app));
    assert_eq!(ids.len(), 4, "{ids:?}");
    assert_eq!(ids[0], "sapporo", "oldest first: {ids:?}");
    assert_eq!(
        cli_csv(&["--country", "JP", "--sort", "established"]),
        fs::read_to_string(first_export(&dir)).unwrap()
    );
}

#[test]
fn search_results_export_in_match_order() {
    let dir = TempDir::new().unwrap();
    let mut app = app_exporting_to(dir.path(), 120, 40);
    keys(&mut app, "/japan<Enter>e");
    let (_, rows) = read_csv(&first_export(&dir));
    let ids: Vec<String> = rows.iter().map(|r| r[0].to_string()).collect();
    assert_eq!(ids, listed_ids(&app));
    assert!(!ids.is_empty());
}

#[test]
fn status_bar_names_the_file() {
    for (w, h) in [(120, 40), (80, 24)] {
        let dir = TempDir::new().unwrap();
        let mut app = app_exporting_to(dir.path(), w, h);
        keys(&mut app, "fe");
        let status = status_line(&app);
        assert!(
            status.contains("shenyang-partners.csv"),
            "{w}x{h}: {status}"
        );
        assert!(status.contains("Exported 24"), "{w}x{h}: {status}");
        // The message is one-off: the next key clears it.
        keys(&mut app, "j");
        assert!(!status_line(&app).contains("shenyang-partners.csv"));
    }
}

#[test]
fn status_bar_in_chinese() {
    let dir = TempDir::new().unwrap();
    let mut app = app_exporting_to(dir.path(), 120, 40);
    keys(&mut app, "Le");
    let status = status_line(&app);
    assert!(status.contains("已导出 40"), "{status}");
    assert!(status.contains("shenyang-partners.csv"), "{status}");
}

#[test]
fn second_export_creates_a_second_file_and_keeps_the_first() {
    let dir = TempDir::new().unwrap();
    let mut app = app_exporting_to(dir.path(), 120, 40);
    keys(&mut app, "fe");
    let first = fs::read(first_export(&dir)).unwrap();
    // A different list the second time, so the files must differ.
    keys(&mut app, "fe");
    assert_eq!(
        files_in(dir.path()),
        ["shenyang-partners-2.csv", "shenyang-partners.csv"]
    );
    assert_eq!(
        fs::read(first_export(&dir)).unwrap(),
        first,
        "first file untouched"
    );
    let (_, rows) = read_csv(&dir.path().join("shenyang-partners-2.csv"));
    assert_eq!(rows.len(), 16, "second file has the cooperative cities");
    assert!(status_line(&app).contains("shenyang-partners-2.csv"));

    keys(&mut app, "e");
    assert!(dir.path().join("shenyang-partners-3.csv").exists());
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let dir = TempDir::new().unwrap();
    let precious = b"not an export; do not touch\n";
    fs::write(first_export(&dir), precious).unwrap();
    fs::write(dir.path().join("shenyang-partners-2.csv"), b"also mine\n").unwrap();
    let mut app = app_exporting_to(dir.path(), 120, 40);
    keys(&mut app, "e");
    assert_eq!(fs::read(first_export(&dir)).unwrap(), precious);
    assert_eq!(
        fs::read(dir.path().join("shenyang-partners-2.csv")).unwrap(),
        b"also mine\n"
    );
    let third = dir.path().join("shenyang-partners-3.csv");
    let (_, rows) = read_csv(&third);
    assert_eq!(rows.len(), 40);
    assert!(status_line(&app).contains("shenyang-partners-3.csv"));
}

#[test]
fn no_temporary_files_are_left_behind() {
    let dir = TempDir::new().unwrap();
    let mut app = app_exporting_to(dir.path(), 120, 40);
    keys(&mut app, "efe");
    let files = files_in(dir.path());
    assert_eq!(files, ["shenyang-partners-2.csv", "shenyang-partners.csv"]);
    assert!(
        !files
            .iter()
            .any(|f| f.starts_with('.') || f.ends_with(".tmp"))
    );
}

#[test]
fn nonexistent_export_dir_reports_failure_without_panicking() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("no").join("such").join("dir");
    let mut app = app_exporting_to(&missing, 120, 40);
    keys(&mut app, "e");
    assert!(!app.should_quit());
    let status = status_line(&app);
    assert!(status.contains("Export failed"), "{status}");
    // The message names the file it meant to write (the status bar is wide
    // enough at 120 columns only for the end of a long path).
    assert!(
        status_message(&app).is_some_and(|s| s.contains(&format!(
            "({})",
            missing.join("shenyang-partners.csv").display()
        ))),
        "{:?}",
        app.status
    );
    assert!(!missing.exists(), "nothing created");
    assert!(files_in(dir.path()).is_empty());
    // The explorer carries on.
    keys(&mut app, "j");
    assert_eq!(app.partners.list.selected, 1);
}

#[test]
fn export_dir_that_is_a_file_reports_failure() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("plain-file");
    fs::write(&file, b"x").unwrap();
    let mut app = app_exporting_to(&file, 80, 24);
    keys(&mut app, "e");
    let status = status_line(&app);
    assert!(status.contains("Export failed"), "{status}");
    assert_eq!(fs::read(&file).unwrap(), b"x");
    assert_eq!(files_in(dir.path()), ["plain-file"]);
}

#[test]
fn e_while_typing_a_search_is_text_not_an_export() {
    let dir = TempDir::new().unwrap();
    let mut app = app_exporting_to(dir.path(), 120, 40);
    keys(&mut app, "/se");
    assert_eq!(app.partners.query, "se");
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn e_in_the_map_view_shows_europe_and_exports_nothing() {
    let dir = TempDir::new().unwrap();
    let mut app = app_exporting_to(dir.path(), 120, 40);
    keys(&mut app, "3e");
    assert_eq!(app.view, View::Map);
    assert!((app.map.zoom - 6.0).abs() < 1e-9, "Europe preset");
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn empty_list_exports_the_header_like_the_cli() {
    let dir = TempDir::new().unwrap();
    let mut app = app_exporting_to(dir.path(), 120, 40);
    keys(&mut app, "/zzzzzz<Enter>");
    assert!(app.partners.rows.is_empty());
    keys(&mut app, "e");
    let exported = fs::read_to_string(first_export(&dir)).unwrap();
    // None of the partners is in China either: header only.
    assert_eq!(exported, cli_csv(&["--country", "CN"]));
    let (header, rows) = read_csv(&first_export(&dir));
    assert_eq!(header, cli_header());
    assert!(rows.is_empty());
}

/// Runs this test binary again with only `test` and `CHILD` set in its
/// environment, for tests that must change process-wide state (the umask,
/// the working directory) without disturbing the tests running beside them.
/// Returns the child's stdout.
fn in_child_process(test: &str, env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new(std::env::current_exe().expect("test binary"));
    // Tests are named by their path in the one test binary.
    let name = format!(
        "{}::{test}",
        module_path!().split_once("::").map_or("", |(_, m)| m)
    );
    cmd.args(["--exact", &name, "--nocapture", "--test-threads=1"])
        .env("SHENYANG_EXPORT_TEST_CHILD", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run the test binary");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "child {test} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The line the child printed starting with `tag` (the test harness may
/// print its own "test … " before it on the same line).
fn reported(out: &str, tag: &str) -> String {
    let at = out
        .find(tag)
        .unwrap_or_else(|| panic!("child did not report {tag:?}:\n{out}"));
    out[at..].lines().next().unwrap_or_default().to_string()
}

fn is_child() -> bool {
    std::env::var_os("SHENYANG_EXPORT_TEST_CHILD").is_some()
}

#[cfg(unix)]
#[test]
fn exported_files_get_the_mode_of_any_new_file() {
    use std::os::unix::fs::PermissionsExt;
    if is_child() {
        let umask = u32::from_str_radix(&std::env::var("UMASK").unwrap(), 8).unwrap();
        // This process runs this test alone.
        rustix::process::umask(rustix::fs::Mode::from_raw_mode(umask));
        let dir = TempDir::new().unwrap();
        let mut app = app_exporting_to(dir.path(), 120, 40);
        keys(&mut app, "e");
        let mode = fs::metadata(first_export(&dir))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        // A file made the ordinary way, for comparison.
        let plain = dir.path().join("plain");
        fs::write(&plain, b"").unwrap();
        let plain_mode = fs::metadata(&plain).unwrap().permissions().mode() & 0o777;
        println!("MODES {mode:o} {plain_mode:o}");
        return;
    }
    for (umask, expected) in [
        ("022", "644"),
        ("002", "664"),
        ("077", "600"),
        ("027", "640"),
    ] {
        let out = in_child_process(
            "exported_files_get_the_mode_of_any_new_file",
            &[("UMASK", umask)],
        );
        let line = reported(&out, "MODES ");
        assert_eq!(
            line,
            format!("MODES {expected} {expected}"),
            "umask {umask}: export mode, then a plain new file's"
        );
    }
}

#[test]
fn export_with_the_working_directory_gone_names_the_file() {
    if is_child() {
        let dir = TempDir::new().unwrap();
        std::env::set_current_dir(dir.path()).unwrap();
        fs::remove_dir(dir.path()).unwrap();
        // The default export directory: the working directory.
        let mut app = common::app(120, 40);
        keys(&mut app, "e");
        println!("STATUS {}", status_message(&app).unwrap_or_default());
        return;
    }
    let out = in_child_process("export_with_the_working_directory_gone_names_the_file", &[]);
    let status = reported(&out, "STATUS ");
    assert!(
        status.starts_with("STATUS Export failed (./shenyang-partners.csv): "),
        "{status}"
    );
    assert!(status.contains("No such file or directory"), "{status}");
}

#[test]
fn export_begins_with_a_bom_and_neutralises_formulas() {
    let text = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/shenyang.ron"))
        .unwrap()
        .replacen(
            "summary: \"Sapporo became",
            "summary: \"=1+1 Sapporo became",
            1,
        );
    let data = shenyang_partners::data::load_str(&text, "formula.ron").expect("a valid dataset");
    let dir = TempDir::new().unwrap();
    let all: Vec<usize> = (0..data.partners.len()).collect();
    let path = shenyang_partners::tui::export::export_partners(&data, &all, dir.path()).unwrap();
    let bytes = fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFid,"), "no BOM");
    let (header, rows) = read_csv(&path);
    let summary = header.iter().position(|h| h == "summary").unwrap();
    let sapporo = rows.iter().find(|r| &r[0] == "sapporo").unwrap();
    assert!(
        sapporo[summary].starts_with("'=1+1 Sapporo"),
        "{}",
        &sapporo[summary]
    );
}
