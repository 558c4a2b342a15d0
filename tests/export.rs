//! `e` in the Partners view: the listed partners, in the listed order, to a
//! new CSV file with the same columns as `list --format csv`, named in the
//! status bar, never overwriting anything and leaving no temporary files.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{app_with, keys, listed_ids, status_line};
use shenyang_partners::data::PartnerKind;
use shenyang_partners::tui::app::{App, Options, View};
use shenyang_partners::tui::i18n::Lang;
use shenyang_partners::tui::theme::Theme;
use tempfile::TempDir;

fn app_exporting_to(dir: &Path, w: u16, h: u16) -> App {
    app_with(
        Options {
            theme: Theme::dark(),
            lang: Lang::En,
            export_dir: Some(dir.to_path_buf()),
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

/// The CLI's `list --format csv` output for the given extra arguments.
fn cli_csv(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_shenyang-partners"))
        .args(["list", "--format", "csv"])
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
    assert_eq!(app.partner_rows.len(), 20);
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
        app.partner_rows
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
        &header[..5],
        ["id", "name", "name_local", "name_zh", "country"]
    );
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
        assert!(status.contains("Exported 20"), "{w}x{h}: {status}");
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
    assert!(status.contains("已导出 27"), "{status}");
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
    assert_eq!(rows.len(), 7, "second file has the cooperative cities");
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
    assert_eq!(rows.len(), 27);
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
    assert!(!missing.exists(), "nothing created");
    assert!(files_in(dir.path()).is_empty());
    // The explorer carries on.
    keys(&mut app, "j");
    assert_eq!(app.list.selected, 1);
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
    assert_eq!(app.partner_query, "se");
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
    assert!(app.partner_rows.is_empty());
    keys(&mut app, "e");
    let exported = fs::read_to_string(first_export(&dir)).unwrap();
    // Nothing matches France in the dataset either: header only.
    assert_eq!(exported, cli_csv(&["--country", "FR"]));
    let (header, rows) = read_csv(&first_export(&dir));
    assert_eq!(header, cli_header());
    assert!(rows.is_empty());
}
