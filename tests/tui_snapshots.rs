//! Whole-screen snapshots of the explorer on a test terminal, driven by the
//! same key events a user types, plus plain assertions where the claim is
//! specific (which row is first, whether a key quits).
//!
//! Regenerate with `INSTA_UPDATE=always cargo test --test tui_snapshots`
//! and read every changed `.snap` before committing it.

mod common;

use common::{app, app_with, draw, keys, lines, partner, press, screen, status_line};
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use shenyang_partners::data::PartnerKind;
use shenyang_partners::tui::app::{App, Focus, Options, Overlay, TimelineRow, View};
use shenyang_partners::tui::i18n::Lang;
use shenyang_partners::tui::layout;
use shenyang_partners::tui::theme::Theme;
use unicode_width::UnicodeWidthStr;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Builds a fresh explorer at each size, types `input`, and snapshots the
/// whole screen as `{name}_{w}x{h}`. Returns the apps for further checks.
fn snap_sizes(name: &str, sizes: &[(u16, u16)], input: &str) -> Vec<App> {
    sizes
        .iter()
        .map(|&(w, h)| {
            let mut a = app(w, h);
            keys(&mut a, input);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), draw(&a).backend());
            a
        })
        .collect()
}

fn snap_both(name: &str, input: &str) -> Vec<App> {
    snap_sizes(name, &SIZES, input)
}

/// The rows inside the Partners list pane, as text (border and title excluded).
fn list_rows(a: &App) -> Vec<String> {
    let l = a.layout();
    let r = l.list.expect("list pane shown");
    let screen = lines(&draw(a));
    (r.y + 1..r.y + r.height - 1)
        .map(|y| {
            let row = &screen[usize::from(y)];
            // The list pane is the leftmost one in every layout used here.
            row.chars()
                .skip(usize::from(r.x) + 1)
                .take(usize::from(r.width) - 2)
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

fn country_of(a: &App, ix: usize) -> &str {
    a.data.partners[ix].country.as_str()
}

// ---------------------------------------------------------------- start

#[test]
fn start_screen() {
    for a in snap_both("start", "") {
        let s = screen(&a);
        assert!(s.contains("1 Partners"), "view tabs shown:\n{s}");
        assert!(s.contains("Partners 27/27"), "all partners listed:\n{s}");
        assert!(s.contains("PARTNERS 1/27"), "status bar position:\n{s}");
        assert!(
            s.contains("Detail · Belfast"),
            "first partner detailed:\n{s}"
        );
        assert!(list_rows(&a)[0].contains("Belfast"));
    }
}

// ---------------------------------------------------------------- search

#[test]
fn search_dus_lists_dusseldorf_first() {
    for a in snap_both("search_dus", "/dus") {
        assert_eq!(
            a.data.partners[a.partner_rows[0].ix].name, "Düsseldorf",
            "best match first"
        );
        let rows = list_rows(&a);
        assert!(rows[0].contains("Düsseldorf"), "first row: {rows:?}");
        let s = screen(&a);
        assert!(s.contains("/dus▏"), "query with caret visible:\n{s}");
        assert!(s.contains("Detail · Düsseldorf"), "detail follows:\n{s}");
    }
}

#[test]
fn search_japan_lists_japanese_partners_first() {
    for a in snap_both("search_japan", "/japan") {
        let japanese = a
            .data
            .partners
            .iter()
            .filter(|p| p.country.as_str() == "JP")
            .count();
        assert!(japanese >= 4, "dataset has Japanese partners");
        assert!(a.partner_rows.len() >= japanese);
        for (i, h) in a.partner_rows.iter().take(japanese).enumerate() {
            assert_eq!(country_of(&a, h.ix), "JP", "row {i} of {:?}", list_rows(&a));
        }
        let rows = list_rows(&a);
        for row in rows.iter().take(japanese) {
            assert!(row.contains("Japan") || row.contains(" JP "), "{row}");
        }
        assert!(screen(&a).contains("/japan▏"));
    }
}

#[test]
fn search_folds_accents() {
    for a in snap_both("search_yaounde", "/yaounde") {
        assert_eq!(a.data.partners[a.partner_rows[0].ix].name, "Yaoundé");
        assert!(list_rows(&a)[0].contains("Yaoundé"));
    }
}

#[test]
fn search_enter_keeps_the_filter_and_shows_it_in_the_status_bar() {
    for a in snap_both("search_dus_enter", "/dus<Enter>") {
        assert!(a.typing.is_none());
        assert_eq!(a.partner_query, "dus");
        let status = status_line(&a);
        assert!(status.contains("/dus"), "{status}");
        assert!(!status.contains('▏'), "no caret after Enter: {status}");
    }
}

#[test]
fn search_with_no_match_says_so() {
    for a in snap_sizes("search_no_match", &[(80, 24)], "/qqqqzzzz") {
        assert!(a.partner_rows.is_empty());
        let s = screen(&a);
        assert!(s.contains("No partners match"), "{s}");
        assert!(s.contains("Partners 0/27"), "{s}");
    }
}

// ---------------------------------------------------------------- filters

#[test]
fn country_picker_filters_to_korea() {
    for (w, h) in SIZES {
        let mut a = app(w, h);
        keys(&mut a, "ckor");
        assert!(matches!(a.overlay, Overlay::Picker(_)));
        insta::assert_snapshot!(format!("country_picker_kor_{w}x{h}"), draw(&a).backend());
        let s = screen(&a);
        assert!(s.contains("› kor▏"), "typed text visible:\n{s}");
        assert!(s.contains("South Korea") || s.contains("Korea"), "{s}");

        keys(&mut a, "<Enter>");
        insta::assert_snapshot!(format!("country_korea_{w}x{h}"), draw(&a).backend());
        assert_eq!(a.overlay, Overlay::None, "picker closed");
        let korean = a
            .data
            .partners
            .iter()
            .filter(|p| p.country.as_str() == "KR")
            .count();
        assert_eq!(a.partner_rows.len(), korean);
        assert!(a.partner_rows.iter().all(|h| country_of(&a, h.ix) == "KR"));
        let rows = list_rows(&a);
        assert_eq!(rows.len(), korean, "{rows:?}");
        assert!(status_line(&a).contains("Korea"), "{}", status_line(&a));
    }
}

#[test]
fn kind_filter_and_sort() {
    for (w, h) in SIZES {
        let mut a = app(w, h);
        keys(&mut a, "f");
        insta::assert_snapshot!(format!("filter_sister_{w}x{h}"), draw(&a).backend());
        assert_eq!(a.partner_rows.len(), 20, "20 sister cities");
        assert!(
            a.partner_rows
                .iter()
                .all(|h| a.data.partners[h.ix].kind == PartnerKind::Sister)
        );
        assert!(list_rows(&a).iter().all(|r| r.starts_with('●')));
        assert!(status_line(&a).contains("sister"));

        keys(&mut a, "s");
        insta::assert_snapshot!(
            format!("filter_sister_sort_country_{w}x{h}"),
            draw(&a).backend()
        );
        assert_eq!(a.partner_rows.len(), 20, "sorting keeps the filter");
        let names: Vec<&str> = a
            .partner_rows
            .iter()
            .map(|h| a.data.country_name(a.data.partners[h.ix].country))
            .collect();
        assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
        assert!(status_line(&a).contains("sort: country"));

        keys(&mut a, "ff");
        assert_eq!(a.partner_rows.len(), 27, "f cycles back to all kinds");
        keys(&mut a, "f");
        keys(&mut a, "f");
        assert_eq!(a.partner_rows.len(), 7, "7 cooperative cities");
    }
}

// ---------------------------------------------------------------- detail

#[test]
fn partner_detail_focused_and_scrolled() {
    for (w, h) in SIZES {
        let mut a = app(w, h);
        keys(&mut a, "<Tab>");
        assert_eq!(a.focus, Focus::Detail);
        insta::assert_snapshot!(format!("detail_focused_{w}x{h}"), draw(&a).backend());
        let before = screen(&a);
        assert!(status_line(&a).contains("DETAIL"));

        keys(&mut a, "jjjj");
        insta::assert_snapshot!(format!("detail_scrolled_{w}x{h}"), draw(&a).backend());
        let after = screen(&a);
        assert_ne!(before, after, "j scrolls the detail");
        // The list selection did not move: j went to the detail pane.
        assert_eq!(a.list.selected, 0);
        // The name at the top of the detail scrolled out of view.
        let d = a.layout().detail.unwrap();
        let top = &lines(&draw(&a))[usize::from(d.y) + 1];
        assert!(
            !top.contains("│Belfast "),
            "first detail line scrolled away: {top}"
        );
    }
}

// ---------------------------------------------------------------- timeline

#[test]
fn timeline_latest_events_and_popup() {
    for (w, h) in SIZES {
        let mut a = app(w, h);
        keys(&mut a, "<Tab><Tab>");
        assert_eq!(a.focus, Focus::Timeline);
        insta::assert_snapshot!(format!("timeline_focused_{w}x{h}"), draw(&a).backend());

        keys(&mut a, "G");
        insta::assert_snapshot!(format!("timeline_latest_{w}x{h}"), draw(&a).backend());
        let last = a.data.events.len() - 1;
        assert_eq!(a.selected_event(), Some(last), "G selects the latest event");
        let title = &a.data.events[last].title;
        let s = screen(&a);
        // The title may be cut with an ellipsis in narrow panes.
        let head: String = title.chars().take(20).collect();
        assert!(s.contains(&head), "latest event on screen:\n{s}");
        assert!(status_line(&a).contains("TIMELINE 61/61"));

        keys(&mut a, "<Enter>");
        insta::assert_snapshot!(format!("event_popup_{w}x{h}"), draw(&a).backend());
        assert!(matches!(a.overlay, Overlay::Event(ref p) if p.event == last));
        let s = screen(&a);
        assert!(s.contains("Related partners"), "{s}");
        assert!(s.contains("› Seongnam"), "highlighted partner:\n{s}");
    }
}

#[test]
fn event_popup_enter_jumps_to_the_partner() {
    for (w, h) in SIZES {
        let mut a = app(w, h);
        keys(&mut a, "<Tab><Tab>G<Enter><Enter>");
        insta::assert_snapshot!(format!("event_jump_{w}x{h}"), draw(&a).backend());
        let seongnam = partner(&a, "seongnam");
        assert_eq!(a.overlay, Overlay::None, "popup closed");
        assert_eq!(a.view, View::Partners);
        assert_eq!(a.focus, Focus::List);
        assert_eq!(a.selected_partner(), Some(seongnam));
        let row = a.list.selected - a.list.offset;
        let rows = list_rows(&a);
        assert!(rows[row].contains("Seongnam"), "{rows:?}");
        assert!(screen(&a).contains("Detail · Seongnam"));
    }
}

#[test]
fn event_popup_jump_widens_filters_that_hide_the_partner() {
    let mut a = app(120, 40);
    // Only Japanese partners; the latest event concerns Seongnam (Korea).
    keys(&mut a, "cjapan<Enter>");
    assert!(a.partner_rows.iter().all(|h| country_of(&a, h.ix) == "JP"));
    keys(&mut a, "<Tab><Tab>G<Enter><Enter>");
    assert_eq!(a.selected_partner(), Some(partner(&a, "seongnam")));
    assert!(a.filter.countries.is_empty(), "country filter dropped");
    assert_eq!(a.partner_rows.len(), 27);
}

#[test]
fn event_search_in_the_timeline() {
    for a in snap_sizes(
        "timeline_search_korea_week",
        &[(120, 40)],
        "<Tab><Tab>/korea week",
    ) {
        let first = a.selected_event().expect("an event matches");
        assert!(
            a.data.events[first].title.contains("Korea Week"),
            "{}",
            a.data.events[first].title
        );
        assert!(
            a.timeline_rows
                .iter()
                .all(|r| matches!(r, TimelineRow::Event(_))),
            "no year headings while searching"
        );
    }
}

// ---------------------------------------------------------------- other views

#[test]
fn institutions_view() {
    for a in snap_both("institutions", "2") {
        assert_eq!(a.view, View::Institutions);
        let s = screen(&a);
        assert!(s.contains("INSTITUTIONS"), "{s}");
        assert!(s.contains("Consulates general"), "{s}");
    }
}

#[test]
fn help_overlay() {
    for a in snap_both("help", "?") {
        assert!(matches!(a.overlay, Overlay::Help { .. }));
        let s = screen(&a);
        assert!(s.contains("Help · ? / Esc"), "{s}");
        assert!(s.contains("quit"), "{s}");
    }
}

#[test]
fn help_overlay_closes_with_esc_and_question_mark() {
    let mut a = app(80, 24);
    keys(&mut a, "?<Esc>");
    assert_eq!(a.overlay, Overlay::None);
    keys(&mut a, "??");
    assert_eq!(a.overlay, Overlay::None);
    assert!(!a.should_quit());
}

/// The rows inside the map pane (border excluded), as text.
fn map_rows(a: &App) -> Vec<String> {
    let m = shenyang_partners::tui::ui::map::layout(a.body()).map;
    let screen = lines(&draw(a));
    (m.y + 1..m.bottom().saturating_sub(1))
        .map(|y| {
            screen[usize::from(y)]
                .chars()
                .skip(usize::from(m.x) + 1)
                .take(usize::from(m.width.saturating_sub(2)))
                .collect()
        })
        .collect()
}

/// How many partner markers (● sister, ○ cooperative, ◉ selected) the map shows.
fn partner_markers(a: &App) -> usize {
    map_rows(a)
        .iter()
        .map(|r| r.chars().filter(|c| matches!(c, '●' | '○' | '◉')).count())
        .sum()
}

#[test]
fn map_world_fits_wide_and_tall_panes() {
    for (w, h) in [(120, 40), (200, 30)] {
        let a = &snap_sizes("map_world", &[(w, h)], "3")[0];
        assert_eq!(a.view, View::Map);
        let s = screen(a);
        assert!(s.contains("Map · 1.0×"), "{s}");
        assert!(s.contains("MAP 1/27"), "{s}");
        // Belfast (54.6°N) is selected and named; Shenyang is named too.
        assert!(s.contains("Belfast ◉") || s.contains("◉ Belfast"), "{s}");
        assert!(s.contains("Shenyang"), "{s}");
        // Every plotted partner has a visible marker, except those sharing a
        // cell with another, which the side panel counts.
        let (c, r) = shenyang_partners::tui::ui::map::canvas_size(a.body());
        let hidden = shenyang_partners::tui::ui::map::plot(a, c, r).hidden;
        assert_eq!(partner_markers(a) + hidden, 25, "{w}x{h}:\n{s}");
        assert!(
            s.contains(&format!("{hidden} behind another marker")),
            "{s}"
        );
        // The whole world: in the wide pane the land reaches neither side
        // (it is letterboxed left and right); in the tall one it leaves the
        // top and bottom rows empty.
        let rows = map_rows(a);
        if w == 200 {
            assert!(
                rows.iter()
                    .all(|r| r.starts_with("    ") && r.ends_with("    "))
            );
        } else {
            assert!(
                rows[..3]
                    .iter()
                    .chain(&rows[rows.len() - 3..])
                    .all(|r| r.trim().is_empty())
            );
        }
    }
}

#[test]
fn map_zoom_in_twice() {
    let a = &snap_sizes("map_zoom_in_twice", &[(120, 40)], "3++")[0];
    assert!((a.map.zoom - 2.25).abs() < 1e-9, "{}", a.map.zoom);
    assert!(screen(a).contains("Map · 2.2×") || screen(a).contains("Map · 2.3×"));
}

#[test]
fn map_east_asia_labels_never_overlap() {
    // The tester's screen: `3` then `a` at 120x40 drew `○ Gunsanon`,
    // `● H● Kawasaki` and `●● Seongnam`.
    let a = &snap_sizes("map_east_asia", &[(120, 40)], "3a")[0];
    assert!((a.map.zoom - 6.0).abs() < 1e-9);
    let s = screen(a);
    assert!(s.contains("Map · 6.0×"), "{s}");
    for label in [
        "■ Shenyang",
        "● Sapporo",
        "● Irkutsk",
        "● Kawasaki",
        "● Hamamatsu",
        "● Daejeon",
        "● Incheon",
    ] {
        assert!(s.contains(label), "{label}:\n{s}");
    }
    assert!(s.contains("Gunsan ○") || s.contains("○ Gunsan"), "{s}");
    for garbled in ["Gunsanon", "H● ", "●● "] {
        assert!(!s.contains(garbled), "{garbled}:\n{s}");
    }
    // Structurally: every marker and label of the layout is on screen as
    // laid out, and no two of them share a cell.
    let (c, r) = shenyang_partners::tui::ui::map::canvas_size(a.body());
    let plot = shenyang_partners::tui::ui::map::plot(a, c, r);
    let rows = map_rows(a);
    let mut taken = std::collections::HashSet::new();
    for (x, y, mark, _) in &plot.markers {
        let row: Vec<char> = rows[usize::from(*y)].chars().collect();
        assert_eq!(row[usize::from(*x)].to_string(), *mark, "marker at {x},{y}");
        assert!(taken.insert((*x, *y)));
    }
    for (x, y, text, _) in &plot.labels {
        let row: String = rows[usize::from(*y)]
            .chars()
            .skip(usize::from(*x))
            .collect();
        assert!(
            row.starts_with(text.as_str()),
            "label {text:?} at {x},{y}: {row:?}"
        );
        for i in 0..text.chars().count() {
            assert!(
                taken.insert((*x + i as u16, *y)),
                "label {text:?} overlaps at {x}+{i},{y}"
            );
        }
    }
}

#[test]
fn map_narrow_shows_the_selection_under_the_map() {
    for (w, h, input) in [(69, 20, "3"), (40, 12, "3j")] {
        let a = &snap_sizes("map_narrow", &[(w, h)], input)[0];
        let l = lines(&draw(a));
        // The two lines between the map's bottom border and the status bar.
        let info = &l[l.len() - 3..l.len() - 1];
        let name = if input == "3" {
            "◉ Belfast"
        } else {
            "◉ Braga"
        };
        assert!(info[0].starts_with(name), "{w}x{h}: {info:?}");
        assert!(
            info[0].contains("● sister") && info[0].contains(" km"),
            "{w}x{h}: {info:?}"
        );
        assert!(
            info[0].contains("GB") || info[0].contains("PT"),
            "{w}x{h}: {info:?}"
        );
        assert!(
            info[1].starts_with("■ Shenyang  ● sister"),
            "{w}x{h}: {info:?}"
        );
        assert!(info[1].contains("○ cooperative"), "{w}x{h}: {info:?}");
    }
    // Even smaller: the selection line alone.
    let mut a = app(30, 8);
    keys(&mut a, "3");
    let l = lines(&draw(&a));
    assert!(
        l[l.len() - 2].starts_with("◉ Belfast · GB · ● · 8,270 km"),
        "{l:?}"
    );
}

#[test]
fn statistics_view() {
    let a = &snap_sizes("stats", &[(120, 40)], "4")[0];
    assert_eq!(a.view, View::Stats);
    let s = screen(a);
    assert!(s.contains("Partners by country"), "{s}");
    assert!(s.contains("STATISTICS"), "{s}");
}

#[test]
fn chinese_mode() {
    let a = &snap_sizes("chinese_partners", &[(120, 40)], "L")[0];
    assert_eq!(a.lang, Lang::Zh);
    let s = screen(a);
    assert!(s.contains("札幌"), "{s}");
    assert!(s.contains("友城"), "{s}");
    assert!(s.contains("沈阳"), "{s}");
    // Chinese names lead the rows; the English name follows.
    let rows = list_rows(a);
    let sapporo = rows.iter().find(|r| r.contains("札幌")).expect("札幌 row");
    assert!(
        sapporo.find("札幌") < sapporo.find("Sapporo"),
        "Chinese name first: {sapporo}"
    );
    // L again is back to English.
    let mut a = app(120, 40);
    keys(&mut a, "LL");
    assert_eq!(a.lang, Lang::En);
    assert!(!screen(&a).contains("友城"));
}

// ---------------------------------------------------------------- NO_COLOR

/// The cells of the selected list row inside the pane's border, as
/// (column, symbol, cell), leaving out the cell after each wide character
/// (it is covered by that character on a real terminal and never drawn).
fn selected_list_cells(a: &App, buf: &Buffer) -> Vec<(u16, String, Cell)> {
    let list = a.layout().list.unwrap();
    let y = list.y + 1 + u16::try_from(a.list.selected - a.list.offset).unwrap();
    let mut out = Vec::new();
    let mut hidden = 0;
    for x in list.x + 1..list.right() - 1 {
        let cell = &buf[(x, y)];
        if hidden > 0 {
            hidden -= 1;
            continue;
        }
        hidden = UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
        out.push((x, cell.symbol().to_string(), cell.clone()));
    }
    out
}

fn no_colour_app(w: u16, h: u16) -> App {
    let options = Options {
        theme: Theme::dark().without_colour(),
        ..Default::default()
    };
    app_with(options, w, h)
}

#[test]
fn without_colour_the_selected_row_is_reversed_and_uncoloured() {
    for (w, h) in SIZES {
        let mut a = no_colour_app(w, h);
        keys(&mut a, "jj");
        let term = draw(&a);
        let buf = term.backend().buffer();
        let cells = selected_list_cells(&a, buf);
        let row: String = cells.iter().map(|(_, s, _)| s.as_str()).collect();
        assert!(row.contains("Chicago"), "third row selected: {row}");
        // Every cell from the marker to the end of the year column.
        let last = cells
            .iter()
            .rposition(|(_, s, _)| s.trim() != "")
            .expect("row has text");
        for (x, sym, cell) in &cells[..=last] {
            assert!(
                cell.modifier.contains(Modifier::REVERSED),
                "{w}x{h}: cell {x} {sym:?} of {row:?} not reversed"
            );
            assert_eq!(cell.fg, Color::Reset, "{w}x{h}: cell {x} has a foreground");
            assert_eq!(cell.bg, Color::Reset, "{w}x{h}: cell {x} has a background");
        }
        // An unselected row is not reversed, so the selection stands out.
        let list = a.layout().list.unwrap();
        let y = list.y + 2 + u16::try_from(a.list.selected - a.list.offset).unwrap();
        assert!(!buf[(list.x + 3, y)].modifier.contains(Modifier::REVERSED));
        // No cell anywhere on screen carries a colour.
        for cell in buf.content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
        }
    }
}

#[test]
fn selected_row_highlight_reaches_the_right_border() {
    for (w, h) in SIZES {
        let mut a = no_colour_app(w, h);
        keys(&mut a, "jj");
        let term = draw(&a);
        let cells = selected_list_cells(&a, term.backend().buffer());
        for (x, sym, cell) in &cells {
            assert!(
                cell.modifier.contains(Modifier::REVERSED),
                "{w}x{h}: cell {x} {sym:?} of the selected row is not reversed"
            );
        }
    }
}

#[test]
fn with_colour_the_theme_does_colour_the_screen() {
    // Guards the test above: the dark theme really has colours to strip.
    let a = app(80, 24);
    let term = draw(&a);
    assert!(
        term.backend()
            .buffer()
            .content()
            .iter()
            .any(|c| c.fg != Color::Reset)
    );
}

// ---------------------------------------------------------------- too small

#[test]
fn terminal_too_small() {
    for (w, h) in [(20, 5), (1, 1)] {
        let a = app(w, h);
        insta::assert_snapshot!(format!("too_small_{w}x{h}"), draw(&a).backend());
    }
    let a = app(20, 5);
    let s = screen(&a);
    assert!(s.contains("Terminal"), "{s}");
    assert!(s.contains("q quits"), "{s}");
}

#[test]
fn q_quits_when_the_terminal_is_too_small() {
    let mut a = app(20, 5);
    keys(&mut a, "q");
    assert!(a.should_quit());
}

#[test]
fn growing_the_terminal_brings_the_screen_back() {
    let mut a = app(20, 5);
    keys(&mut a, "/dus");
    a.resize(80, 24);
    assert!(list_rows(&a)[0].contains("Düsseldorf"));
}

// ---------------------------------------------------------------- quitting

#[test]
fn esc_while_typing_clears_the_query_and_does_not_quit() {
    let mut a = app(80, 24);
    keys(&mut a, "/dus");
    assert_eq!(a.partner_rows.len(), 1);
    keys(&mut a, "<Esc>");
    assert!(!a.should_quit());
    assert!(a.typing.is_none(), "back to moving");
    assert_eq!(a.partner_query, "");
    assert_eq!(a.partner_rows.len(), 27);
    assert!(!screen(&a).contains("/dus"));
}

#[test]
fn q_quits() {
    let mut a = app(80, 24);
    keys(&mut a, "q");
    assert!(a.should_quit());
}

#[test]
fn q_while_typing_is_text() {
    let mut a = app(80, 24);
    keys(&mut a, "/q");
    assert!(!a.should_quit());
    assert_eq!(a.partner_query, "q");
}

#[test]
fn ctrl_c_quits_even_while_typing() {
    let mut a = app(80, 24);
    keys(&mut a, "/du");
    press(&mut a, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(a.should_quit());

    // Also in the country picker, where letters are text.
    let mut a = app(80, 24);
    keys(&mut a, "cko<C-c>");
    assert!(a.should_quit());
}

#[test]
fn esc_in_navigation_never_quits() {
    // Every view, every focus, every overlay, pressed many times.
    for start in [
        "",
        "<Tab>",
        "<Tab><Tab>",
        "f",
        "cjapan<Enter>",
        "/dus<Enter>",
        "2",
        "2<Tab>",
        "3",
        "3a",
        "4",
        "?",
        "<Tab><Tab><Enter>",
        "c",
        "L",
    ] {
        let mut a = app(80, 24);
        keys(&mut a, start);
        for _ in 0..5 {
            keys(&mut a, "<Esc>");
            assert!(!a.should_quit(), "Esc quit after {start:?}");
        }
    }
}

#[test]
fn esc_goes_back_to_the_list_then_clears_filters() {
    let mut a = app(80, 24);
    keys(&mut a, "f/dus<Enter><Tab>");
    assert_eq!(a.focus, Focus::Detail);
    keys(&mut a, "<Esc>");
    assert_eq!(a.focus, Focus::List, "Esc returns to the list");
    keys(&mut a, "<Esc><Esc><Esc>");
    assert_eq!(a.partner_rows.len(), 27, "Esc clears query and filters");
    assert!(!a.should_quit());
}

// ---------------------------------------------------------------- popups over wide text

/// The character a terminal shows starting at display column `col` of a
/// screen row, or `None` when that column is the right half of a wide one.
fn char_at_column(line: &str, col: usize) -> Option<char> {
    let mut at = 0;
    for c in line.chars() {
        if at == col {
            return Some(c);
        }
        at += UnicodeWidthStr::width(c.to_string().as_str());
        if at > col {
            return None;
        }
    }
    None
}

/// Rows of a popup that do not show its left and right border where the
/// popup is, e.g. because text under it has wide characters.
fn broken_popup_borders(a: &App, area: ratatui::layout::Rect, what: &str) -> Vec<String> {
    let screen = lines(&draw(a));
    let mut broken = Vec::new();
    for y in area.top()..area.bottom() {
        let row = &screen[usize::from(y)];
        for x in [area.left(), area.right() - 1] {
            let c = char_at_column(row, usize::from(x));
            if !matches!(c, Some('┃' | '┏' | '┓' | '┗' | '┛')) {
                broken.push(format!(
                    "{what} at {}x{}: row {y} shows {c:?} at column {x}: {row}",
                    a.size.0, a.size.1
                ));
            }
        }
    }
    broken
}

/// Opens each popup (help, event detail, country picker) at each size and
/// language and checks its borders.
fn check_all_popups(langs: &[&str], popups: &[&str]) {
    let mut broken = Vec::new();
    for (w, h) in SIZES {
        for lang in langs {
            for popup in popups {
                let mut a = app(w, h);
                let (input, area, what) = match *popup {
                    "help" => ("?", layout::popup(a.screen()), "help"),
                    "event" => (
                        "<Tab><Tab>G<Enter>",
                        layout::popup(a.screen()),
                        "event popup",
                    ),
                    _ => ("ckor", layout::picker(a.screen()), "country picker"),
                };
                keys(&mut a, &format!("{lang}{input}"));
                broken.extend(broken_popup_borders(
                    &a,
                    area,
                    &format!("{what} ({lang:?})"),
                ));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "popup borders hidden:\n{}",
        broken.join("\n")
    );
}

#[test]
fn english_help_and_event_popups_keep_their_borders() {
    // The text under these popups has no wide character on their edges in
    // English; guards the checker used by the ignored test below.
    check_all_popups(&[""], &["help", "event"]);
}

#[test]
fn popups_keep_their_borders_over_wide_characters() {
    check_all_popups(&["", "L"], &["help", "event", "picker"]);
}

// ---------------------------------------------------------------- keys that must do something

#[test]
fn q_quits_from_the_too_small_screen_even_while_typing() {
    for state in ["/du", "cko"] {
        let mut a = app(80, 24);
        keys(&mut a, state);
        a.resize(20, 5);
        let s = screen(&a);
        assert!(s.contains("q quits"), "{s}");
        keys(&mut a, "q");
        assert!(a.should_quit(), "q did not quit after {state:?}");
    }
}

#[test]
fn institution_keys_move_the_list_once_the_detail_pane_is_gone() {
    let mut a = app(80, 24);
    keys(&mut a, "2<Tab>");
    assert!(a.institution_detail_focused);
    a.resize(60, 12);
    assert!(
        layout::institutions(a.body()).1.is_none(),
        "no detail pane at 60x12"
    );
    let before = draw(&a).backend().buffer().clone();
    let selected = a.selected_institution();
    keys(&mut a, "j");
    assert_ne!(a.selected_institution(), selected, "j moved nothing");
    // The selection is shown by reverse video, so compare styled cells.
    assert_ne!(
        *draw(&a).backend().buffer(),
        before,
        "j changed nothing on screen"
    );
}

#[test]
fn institution_keys_move_the_list_and_tab_scrolls_the_detail() {
    let mut a = app(80, 24);
    keys(&mut a, "2");
    let first = a.selected_institution();
    keys(&mut a, "j");
    assert_ne!(a.selected_institution(), first, "j moves the list");
    let second = a.selected_institution();
    let before = screen(&a);
    keys(&mut a, "<Tab>jj");
    assert_eq!(a.selected_institution(), second, "j now scrolls the detail");
    assert_ne!(screen(&a), before, "the detail scrolled");
    keys(&mut a, "<Esc>j");
    assert_ne!(
        a.selected_institution(),
        second,
        "Esc gives keys back to the list"
    );
}

#[test]
fn help_scrolls_to_the_end_and_straight_back() {
    let mut a = app(80, 24);
    keys(&mut a, "?");
    let top = screen(&a);
    keys(&mut a, "G");
    let bottom = screen(&a);
    assert_ne!(top, bottom, "G scrolls the help");
    assert!(
        bottom.contains("Mouse: click"),
        "last help line shown:\n{bottom}"
    );
    keys(&mut a, "k");
    assert_ne!(screen(&a), bottom, "k scrolls back at once after G");
    keys(&mut a, "g");
    assert_eq!(screen(&a), top);
}

#[test]
fn event_popup_pages_down_to_its_sources() {
    let mut a = app(80, 24);
    keys(&mut a, "<Tab><Tab>G<Enter>");
    let before = screen(&a);
    keys(&mut a, "<PgDn>");
    let after = screen(&a);
    assert_ne!(before, after, "PgDn scrolls the popup");
    assert!(after.contains("202508260000000000023016"), "{after}");
    assert!(matches!(a.overlay, Overlay::Event(_)), "still in the popup");
}

#[test]
fn detail_scrolls_back_at_once_after_g_end() {
    let mut a = app(80, 24);
    keys(&mut a, "<Tab>G");
    let bottom = screen(&a);
    keys(&mut a, "k");
    assert_ne!(screen(&a), bottom, "k responds at once after G");
}

#[test]
fn mouse_click_selects_a_partner_and_the_wheel_scrolls() {
    use crossterm::event::{Event, MouseButton, MouseEvent, MouseEventKind};
    let mut a = app(80, 24);
    let list = a.layout().list.unwrap();
    let click = |row: u16, kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: list.x + 3,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // The fourth row inside the border.
    a.handle_event(click(list.y + 4, MouseEventKind::Down(MouseButton::Left)));
    assert_eq!(a.list.selected, 3);
    assert!(screen(&a).contains("Detail · Daegu"));
    a.handle_event(click(list.y + 4, MouseEventKind::ScrollDown));
    assert_eq!(a.list.selected, 6, "the wheel moves three rows");
    // A click on the timeline focuses it.
    let tl = a.layout().timeline.unwrap();
    a.handle_event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: tl.x + 5,
        row: tl.y + 2,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(a.focus, Focus::Timeline);
    assert!(status_line(&a).contains("TIMELINE"));
}
