//! Whole-screen snapshots of the explorer on a test terminal, driven by the
//! same key events a user types, plus plain assertions where the claim is
//! specific (which row is first, whether a key quits).
//!
//! Regenerate with `INSTA_UPDATE=always cargo test --test it tui_snapshots`
//! and read every changed `.snap` before committing it.

use crate::common;

use common::{App, app, app_with, draw, keys, lines, partner, press, screen, status_line};
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use shenyang_partners::data::PartnerKind;
use shenyang_partners::present::Lang;
use shenyang_partners::theme::Theme;
use shenyang_partners::tui::state::{Focus, Options, Overlay, TimelineRow, View};
use shenyang_partners::tui::ui::layout;
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

/// An event's (timeline row's) index by id.
fn event(a: &App, id: &str) -> usize {
    a.data
        .events
        .iter()
        .position(|e| e.id == id)
        .unwrap_or_else(|| panic!("no event {id}"))
}

/// Focuses the timeline, goes to the latest event and moves up with `k`
/// until the event `id` is selected, as a user would.
fn select_event(a: &mut App, id: &str) {
    let want = event(a, id);
    keys(a, "<Tab><Tab>G");
    while a.selected_event() != Some(want) {
        let before = a.timeline.cursor.selected;
        keys(a, "k");
        assert_ne!(a.timeline.cursor.selected, before, "{id} never selected");
    }
}

/// The Korea Week of 2025, a Seongnam event with three sources.
const KOREA_WEEK: &str = "2025-korea-week";
/// The US consulate's reopening in 1984 concerns no partner.
const US_CONSULATE: &str = "1984-us-consulate-reopens";

// ---------------------------------------------------------------- start

#[test]
fn start_screen() {
    for a in snap_both("start", "") {
        let s = screen(&a);
        assert!(s.contains("1 Partners"), "view tabs shown:\n{s}");
        assert!(s.contains("Partners 40/40"), "all partners listed:\n{s}");
        assert!(s.contains("PARTNERS 1/40"), "status bar position:\n{s}");
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
            a.data.partners[a.partners.rows[0].ix].name, "Düsseldorf",
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
        assert!(a.partners.rows.len() >= japanese);
        for (i, h) in a.partners.rows.iter().take(japanese).enumerate() {
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
        assert_eq!(a.data.partners[a.partners.rows[0].ix].name, "Yaoundé");
        assert!(list_rows(&a)[0].contains("Yaoundé"));
    }
}

#[test]
fn search_enter_keeps_the_filter_and_shows_it_in_the_status_bar() {
    for a in snap_both("search_dus_enter", "/dus<Enter>") {
        assert!(a.typing.is_none());
        assert_eq!(a.partners.query, "dus");
        let status = status_line(&a);
        assert!(status.contains("/dus"), "{status}");
        assert!(!status.contains('▏'), "no caret after Enter: {status}");
    }
}

#[test]
fn search_with_no_match_says_so() {
    for a in snap_sizes("search_no_match", &[(80, 24)], "/qqqqzzzz") {
        assert!(a.partners.rows.is_empty());
        let s = screen(&a);
        assert!(s.contains("No partners match"), "{s}");
        assert!(s.contains("Partners 0/40"), "{s}");
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
        assert_eq!(a.partners.rows.len(), korean);
        assert!(a.partners.rows.iter().all(|h| country_of(&a, h.ix) == "KR"));
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
        assert_eq!(a.partners.rows.len(), 24, "24 sister cities");
        assert!(
            a.partners
                .rows
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
        assert_eq!(a.partners.rows.len(), 24, "sorting keeps the filter");
        let names: Vec<&str> = a
            .partners
            .rows
            .iter()
            .map(|h| a.data.country_name(a.data.partners[h.ix].country))
            .collect();
        assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
        assert!(status_line(&a).contains("sort: country"));

        keys(&mut a, "ff");
        assert_eq!(a.partners.rows.len(), 40, "f cycles back to all kinds");
        keys(&mut a, "f");
        keys(&mut a, "f");
        assert_eq!(a.partners.rows.len(), 16, "16 cooperative cities");
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
        assert_eq!(a.partners.list.selected, 0);
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
        // 120 recorded events and 17 derived rows.
        assert!(status_line(&a).contains("TIMELINE 137/137"));
        assert_eq!(
            a.data.events[last].id,
            "2025-bucheon-letter-of-intent-announced"
        );

        keys(&mut a, "<Enter>");
        insta::assert_snapshot!(format!("event_popup_{w}x{h}"), draw(&a).backend());
        assert!(matches!(a.overlay, Overlay::Event(ref p) if p.event == last));
        let s = screen(&a);
        assert!(s.contains("Date: 2025-11-02"), "{s}");
        // Bucheon is a pending relation, not a partner: none to jump to.
        assert!(!s.contains("Related partners"), "{s}");
        assert!(!status_line(&a).contains("Enter jump"));
    }
    // An event with a related partner shows it highlighted.
    let mut a = app(120, 40);
    select_event(&mut a, KOREA_WEEK);
    keys(&mut a, "<Enter>");
    let s = screen(&a);
    assert!(s.contains("Related partners"), "{s}");
    assert!(s.contains("› Seongnam"), "highlighted partner:\n{s}");
}

#[test]
fn event_popup_enter_jumps_to_the_partner() {
    for (w, h) in SIZES {
        let mut a = app(w, h);
        select_event(&mut a, KOREA_WEEK);
        keys(&mut a, "<Enter><Enter>");
        insta::assert_snapshot!(format!("event_jump_{w}x{h}"), draw(&a).backend());
        let seongnam = partner(&a, "seongnam");
        assert_eq!(a.overlay, Overlay::None, "popup closed");
        assert_eq!(a.view, View::Partners);
        assert_eq!(a.focus, Focus::List);
        assert_eq!(a.selected_partner(), Some(seongnam));
        let row = a.partners.list.selected - a.partners.list.offset;
        let rows = list_rows(&a);
        assert!(rows[row].contains("Seongnam"), "{rows:?}");
        assert!(screen(&a).contains("Detail · Seongnam"));
    }
}

#[test]
fn event_popup_jump_widens_filters_that_hide_the_partner() {
    let mut a = app(120, 40);
    // Only Japanese partners; the Korea Week concerns Seongnam (Korea).
    keys(&mut a, "cjapan<Enter>");
    assert!(a.partners.rows.iter().all(|h| country_of(&a, h.ix) == "JP"));
    select_event(&mut a, KOREA_WEEK);
    keys(&mut a, "<Enter><Enter>");
    assert_eq!(a.selected_partner(), Some(partner(&a, "seongnam")));
    assert!(
        a.partners.filter.countries.is_empty(),
        "country filter dropped"
    );
    assert_eq!(a.partners.rows.len(), 40);
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
        // Issue 11: a filtered timeline keeps its year headings.
        assert!(
            matches!(a.timeline.rows.first(), Some(TimelineRow::Year(_))),
            "year headings while searching"
        );
    }
}

/// The years of the events listed in the timeline, in order.
fn listed_event_years(a: &App) -> Vec<u16> {
    a.timeline
        .rows
        .iter()
        .filter_map(|r| match r {
            TimelineRow::Event(h) => Some(a.data.events[h.ix].date.year()),
            TimelineRow::Year(_) => None,
        })
        .collect()
}

#[test]
fn timeline_search_enter_enter_opens_the_top_hit() {
    // Issue 11: select the 2019 Australian consulate event, search `near`:
    // the cursor goes to the best match, and Enter Enter opens it.
    let mut a = app(120, 40);
    keys(&mut a, "<Tab><Tab>");
    let australian = a
        .timeline
        .rows
        .iter()
        .position(|r| matches!(r, TimelineRow::Event(h) if a.data.events[h.ix].title.contains("Australian")))
        .expect("the Australian consulate event");
    a.timeline.cursor.selected = australian;
    keys(&mut a, "/near");
    let best = shenyang_partners::query::best_hit(&a.timeline.hits).expect("a hit");
    let top = a.timeline.hits[best].ix;
    assert_eq!(a.selected_event(), Some(top));
    keys(&mut a, "<Enter><Enter>");
    match &a.overlay {
        Overlay::Event(p) => assert_eq!(p.event, top),
        other => panic!("{other:?}"),
    }
}

#[test]
fn timeline_search_by_country_and_chinese_name_stays_chronological() {
    for q in ["south korea", "札幌"] {
        let mut a = app(120, 40);
        keys(&mut a, &format!("<Tab><Tab>/{q}<Enter>"));
        let years = listed_event_years(&a);
        assert!(!years.is_empty(), "{q}");
        assert!(years.windows(2).all(|w| w[0] <= w[1]), "{q}: {years:?}");
        assert!(
            matches!(a.timeline.rows.first(), Some(TimelineRow::Year(_))),
            "{q}: year headings"
        );
    }
    let mut a = app(120, 40);
    keys(&mut a, "<Tab><Tab>/2016<Enter>");
    assert!(listed_event_years(&a).iter().all(|&y| y == 2016));
}

#[test]
fn n_steps_through_the_partners_events_and_ctrl_o_returns() {
    let mut a = app(120, 40);
    let sapporo = partner(&a, "sapporo");
    a.jump_to_partner(sapporo);
    let events = a.data.events_of(sapporo).to_vec();
    assert!(events.len() > 2);
    // Moving the list brought the first event into view and selected it.
    keys(&mut a, "jk");
    assert_eq!(a.selected_event(), Some(events[0]));
    keys(&mut a, "n");
    assert_eq!(a.selected_event(), Some(events[1]));
    keys(&mut a, "nN");
    assert_eq!(a.selected_event(), Some(events[1]));
    // Event → partner → back to the event with Ctrl-o.
    keys(&mut a, "<Tab><Tab><Enter>");
    assert!(matches!(a.overlay, Overlay::Event(_)));
    keys(&mut a, "<Enter>");
    assert_eq!(a.overlay, Overlay::None);
    keys(&mut a, "<C-o>");
    match &a.overlay {
        Overlay::Event(p) => assert_eq!(p.event, events[1]),
        other => panic!("{other:?}"),
    }
}

#[test]
fn timeline_keys_filter_events_and_q_closes_help() {
    let mut a = app(120, 40);
    keys(&mut a, "<Tab><Tab>f");
    let kind = a.timeline.kind.expect("a kind filter on the events");
    assert!(
        a.timeline
            .hits
            .iter()
            .all(|h| a.data.events[h.ix].kind == kind)
    );
    assert_eq!(
        a.partners.filter.kind, None,
        "the partner list is untouched"
    );
    let status = status_line(&a);
    assert!(
        status.contains("c country") && !status.contains("sort:"),
        "{status}"
    );
    keys(&mut a, "c");
    assert!(matches!(&a.overlay, Overlay::Picker(p) if p.for_events));
    keys(&mut a, "<Esc>?q");
    assert_eq!(a.overlay, Overlay::None);
    assert!(!a.should_quit());
    keys(&mut a, "Z");
    assert!(
        status_line(&a).contains("unknown key · ? help"),
        "{}",
        status_line(&a)
    );
}

#[test]
fn y_copies_and_o_opens_the_selected_source() {
    let mut a = app(120, 40);
    keys(&mut a, "<Enter>");
    let p = a.selected_partner().unwrap();
    let sources = a.data.partners[p].sources.clone();
    assert!(!sources.is_empty());
    keys(&mut a, "y");
    assert!(status_line(&a).contains("Copied"), "{}", status_line(&a));
    if sources.len() > 1 {
        keys(&mut a, "2y");
        let target = a.link_target().expect("the detail's sources");
        assert_eq!(a.selected_source(target), 1);
        let start: String = sources[1].url.chars().take(30).collect();
        assert!(status_line(&a).contains(&start), "{}", status_line(&a));
    }
    keys(&mut a, "o");
    assert!(status_line(&a).contains("Opened"), "{}", status_line(&a));
}

// ---------------------------------------------------------------- other views

#[test]
fn institutions_view() {
    for a in snap_both("institutions", "2") {
        assert_eq!(a.view, View::Institutions);
        let s = screen(&a);
        assert!(s.contains("INSTITUTIONS"), "{s}");
        assert!(s.contains("Consulates general"), "{s}");
        // Two official hospital figures are never added up ("0 of 1 + 9").
        let hospitals = s
            .lines()
            .find(|l| l.contains("Hospitals ·"))
            .expect("hospitals heading");
        assert!(!hospitals.contains('+'), "{hospitals}");
        assert!(
            hospitals.contains("0 of 1 international · 0 of 9 designated")
                || hospitals.contains("0/1 · 0/9"),
            "{hospitals}"
        );
        assert!(s.contains("Schools · 5 of 6 documented · 1 other*"), "{s}");
    }
    let a = &snap_sizes("institutions_zh", &SIZES, "L2")[1];
    let s = screen(a);
    assert!(s.contains("医院 · 国际医院 0/1 · 涉外定点医院 0/9"), "{s}");
}

#[test]
fn institution_headings_fit_and_stay_plain_at_every_width() {
    use shenyang_partners::data::InstitutionKind;
    use shenyang_partners::tui::ui::group_heading;
    let a = app(120, 40);
    let wide = group_heading(&a, InstitutionKind::Hospital, 200);
    assert_eq!(
        wide,
        "Hospitals · 0 of 1 international hospital · 0 of 9 designated foreign-affairs hospitals · 1 other*"
    );
    for cols in 0..120 {
        for kind in InstitutionKind::ALL {
            let h = group_heading(&a, kind, cols);
            assert!(UnicodeWidthStr::width(h.as_str()) <= cols, "{cols}: {h}");
            assert!(!h.contains('+'), "{h}");
        }
    }
}

#[test]
fn help_overlay() {
    for a in snap_both("help", "?") {
        assert!(matches!(a.overlay, Overlay::Help { .. }));
        let s = screen(&a);
        assert!(s.contains("Help · ? / Esc"), "{s}");
        // It opens at the focused pane's keys (issue 11).
        assert!(s.contains("Partners view"), "{s}");
        assert!(s.contains("search the focused list"), "{s}");
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
        assert!(s.contains("MAP 1/40"), "{s}");
        // Belfast (54.6°N) is selected and named (beside its marker, or
        // diagonally above it near the map's west edge); Shenyang too.
        assert!(s.contains("◉"), "{s}");
        assert!(map_rows(a).iter().any(|r| r.contains("Belfast")), "{s}");
        assert!(s.contains("Shenyang"), "{s}");
        // Every plotted partner has a visible marker, except those sharing a
        // cell with another, which the side panel counts.
        let (c, r) = shenyang_partners::tui::ui::map::canvas_size(a.body());
        let hidden = shenyang_partners::tui::ui::map::plot(a, c, r).hidden;
        // Daegu and Sasebo have points now: all 40 are plotted.
        assert_eq!(partner_markers(a) + hidden, 40, "{w}x{h}:\n{s}");
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

/// Braille cells with at least one dot in the map pane.
fn braille_cells(a: &App) -> usize {
    map_rows(a)
        .iter()
        .flat_map(|r| r.chars())
        .filter(|c| ('\u{2801}'..='\u{28ff}').contains(c))
        .count()
}

#[test]
fn map_europe_draws_coasts_and_borders_as_lines() {
    // Europe at 120x40 with 1:50m coastlines and borders: the Baltic, the
    // North Sea and the Mediterranean are lines, not scattered dots
    // (ratatui's built-in map filled 392 cells here; now 1,336).
    let a = &snap_sizes("map_europe", &[(120, 40)], "3e")[0];
    assert!((a.map.zoom - 6.0).abs() < 1e-9);
    let (c, r) = shenyang_partners::tui::ui::map::canvas_size(a.body());
    let d = shenyang_partners::tui::ui::map::dots(a, c, r);
    assert_eq!(
        d.resolution,
        Some(shenyang_partners::geo::Resolution::Fine50m)
    );
    assert!(braille_cells(a) > 1000, "{}", braille_cells(a));
    // The legend lists the shades with how many countries have each.
    let s = screen(a);
    assert!(s.contains("Partners per country"), "{s}");
    assert!(s.contains("⣿⣿ 5+: 1 country"), "{s}");
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
    assert!(s.contains("■ Shenyang"), "{s}");
    // Labels go on whichever side is free; in the crowded south of Korea
    // some partners (Daejeon between Gunsan and Daegu) have room for none.
    for (name, mark) in [
        ("Sapporo", '●'),
        ("Irkutsk", '●'),
        ("Kawasaki", '●'),
        ("Hamamatsu", '●'),
        ("Incheon", '●'),
        ("Gunsan", '○'),
        // On the map since round 2.
        ("Daegu", '○'),
        ("Sasebo", '○'),
    ] {
        assert!(
            s.contains(&format!("{mark} {name}")) || s.contains(&format!("{name} {mark}")),
            "{name}:\n{s}"
        );
    }
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
    for a in snap_both("stats", "4") {
        assert_eq!(a.view, View::Stats);
        let s = screen(&a);
        assert!(s.contains("Partners by country"), "{s}");
        assert!(s.contains("STATISTICS"), "{s}");
        // The figures after the bars are reworded to fit, never cut.
        for row in s
            .lines()
            .filter(|r| r.contains(" KR ") || r.contains(" JP "))
        {
            assert!(!row.contains('…'), "{row}");
            assert!(row.contains(" sister, "), "{row}");
        }
    }
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
    let first = rows.first().expect("a row");
    let cjk = first.find(|c: char| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let latin = first.find(|c: char| c.is_ascii_alphabetic());
    assert!(cjk.is_some() && cjk < latin, "Chinese name first: {first}");
    // Names sort by pinyin (issue 11): the rows' pinyin keys are in order.
    let keys_in_order: Vec<String> = a
        .partners
        .rows
        .iter()
        .filter_map(|h| a.data.partners[h.ix].name_zh.as_deref())
        .map(shenyang_partners::query::pinyin_key)
        .collect();
    let named = a
        .partners
        .rows
        .iter()
        .take_while(|h| a.data.partners[h.ix].name_zh.is_some())
        .count();
    assert!(
        keys_in_order[..named].windows(2).all(|w| w[0] <= w[1]),
        "{keys_in_order:?}"
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
    let y = list.y + 1 + u16::try_from(a.partners.list.selected - a.partners.list.offset).unwrap();
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
        assert!(row.contains("Cairo"), "third row selected: {row}");
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
        let y =
            list.y + 2 + u16::try_from(a.partners.list.selected - a.partners.list.offset).unwrap();
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
    assert_eq!(a.partners.rows.len(), 1);
    keys(&mut a, "<Esc>");
    assert!(!a.should_quit());
    assert!(a.typing.is_none(), "back to moving");
    assert_eq!(a.partners.query, "");
    assert_eq!(a.partners.rows.len(), 40);
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
    assert_eq!(a.partners.query, "q");
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
    assert_eq!(a.partners.rows.len(), 40, "Esc clears query and filters");
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
    assert!(a.institutions.detail_focused);
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
    select_event(&mut a, KOREA_WEEK);
    keys(&mut a, "<Enter>");
    let before = screen(&a);
    keys(&mut a, "<PgDn>");
    let after = screen(&a);
    assert_ne!(before, after, "PgDn scrolls the popup");
    // URLs are one line each, cut with … where the popup is narrower.
    assert!(
        after
            .lines()
            .any(|l| l.contains("https://") && l.contains('…')),
        "{after}"
    );
    // Each source shows its grade.
    assert!(
        after.contains("press · https://www.sportschosun.com/"),
        "{after}"
    );
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
    // The fourth row inside the border: Belfast, Braga, Cairo, Chicago.
    a.handle_event(click(list.y + 4, MouseEventKind::Down(MouseButton::Left)));
    assert_eq!(a.partners.list.selected, 3);
    assert!(screen(&a).contains("Detail · Chicago"));
    a.handle_event(click(list.y + 4, MouseEventKind::ScrollDown));
    assert_eq!(a.partners.list.selected, 6, "the wheel moves three rows");
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

// ---------------------------------------------------------------- clearing a search keeps the selection

#[test]
fn esc_while_searching_keeps_the_selected_result() {
    for (w, h) in SIZES {
        let mut a = app(w, h);
        keys(&mut a, "G/sap");
        assert_eq!(a.selected_partner(), Some(partner(&a, "sapporo")));
        keys(&mut a, "<Esc>");
        assert_eq!(a.partners.rows.len(), 40, "search cleared");
        assert_eq!(a.selected_partner(), Some(partner(&a, "sapporo")));
        let row = a.partners.list.selected - a.partners.list.offset;
        let rows = list_rows(&a);
        assert!(rows[row].contains("Sapporo"), "{w}x{h}: {rows:?}");
        assert!(screen(&a).contains("Detail · Sapporo"));
    }
}

#[test]
fn esc_after_a_search_with_no_result_returns_to_the_earlier_selection() {
    let mut a = app(80, 24);
    keys(&mut a, "G/qqqq");
    assert!(a.partners.rows.is_empty());
    keys(&mut a, "<Esc>");
    assert_eq!(a.selected_partner(), Some(partner(&a, "zrenjanin")));
    assert!(screen(&a).contains("Detail · Zrenjanin"));
    // The same after Enter kept the empty search and Esc cleared it from the list.
    let mut a = app(80, 24);
    keys(&mut a, "G/qqqq<Enter><Esc>");
    assert_eq!(a.partners.query, "");
    assert_eq!(a.selected_partner(), Some(partner(&a, "zrenjanin")));
}

#[test]
fn esc_in_a_timeline_search_keeps_the_selected_event() {
    let mut a = app(120, 40);
    keys(&mut a, "<Tab><Tab>/korea week");
    let found = a.selected_event().expect("an event matches");
    assert!(a.data.events[found].title.contains("Korea Week"));
    keys(&mut a, "<Esc>");
    assert_eq!(a.timeline.hits.len(), a.data.events.len(), "search cleared");
    assert_eq!(a.selected_event(), Some(found));
    let title: String = a.data.events[found].title.chars().take(20).collect();
    let tl = a.layout().timeline.unwrap();
    let row = lines(&draw(&a))
        [usize::from(tl.y) + 1 + a.timeline.cursor.selected - a.timeline.cursor.offset]
        .clone();
    assert!(row.contains(&title), "selected row: {row}");

    let mut a = app(120, 40);
    keys(&mut a, "<Tab><Tab>G");
    let last = a.selected_event();
    keys(&mut a, "/qqqqzz<Esc>");
    assert_eq!(
        a.selected_event(),
        last,
        "back to the event selected before"
    );
}

// ---------------------------------------------------------------- matches on the selected row

/// Every cell of the selected row up to its last character is reversed, and
/// the cells showing `needle` are underlined (the match), in the dark theme
/// and without colour.
fn assert_match_inside_selection(a: &App, cells: &[(u16, String, Cell)], needle: &str) {
    let row: String = cells.iter().map(|(_, s, _)| s.as_str()).collect();
    let start = row
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in {row}"));
    let start = row[..start].chars().count();
    let last = cells
        .iter()
        .rposition(|(_, s, _)| s.trim() != "")
        .expect("row has text");
    for (i, (x, sym, cell)) in cells[..=last].iter().enumerate() {
        assert!(
            cell.modifier.contains(Modifier::REVERSED),
            "{:?}: cell {x} {sym:?} of {row:?} breaks the selection bar",
            a.size
        );
        if (start..start + needle.chars().count()).contains(&i) {
            assert!(
                cell.modifier.contains(Modifier::UNDERLINED),
                "{:?}: matched cell {x} {sym:?} of {row:?} not marked",
                a.size
            );
        }
    }
}

#[test]
fn search_matches_keep_the_selection_bar_whole() {
    for no_colour in [false, true] {
        for (w, h) in SIZES {
            let mut a = if no_colour {
                no_colour_app(w, h)
            } else {
                app(w, h)
            };
            keys(&mut a, "/chi");
            assert_eq!(a.selected_partner(), Some(partner(&a, "chicago")));
            let term = draw(&a);
            let cells = selected_list_cells(&a, term.backend().buffer());
            assert_match_inside_selection(&a, &cells, "Chi");
            // The same row unselected shows the match without reverse video.
            keys(&mut a, "<Down>");
            let term = draw(&a);
            let buf = term.backend().buffer();
            let list = a.layout().list.unwrap();
            let cell = &buf[(list.x + 3, list.y + 1)];
            assert_eq!(cell.symbol(), "C");
            assert!(!cell.modifier.contains(Modifier::REVERSED));
            assert!(cell.modifier.contains(Modifier::UNDERLINED));
        }
    }
}

#[test]
fn every_search_term_is_marked_in_the_field_it_matches() {
    // Two terms: the name and the country are both marked.
    let mut a = app(120, 40);
    keys(&mut a, "/sapporo japan");
    assert_eq!(a.selected_partner(), Some(partner(&a, "sapporo")));
    let term = draw(&a);
    let cells = selected_list_cells(&a, term.backend().buffer());
    assert_match_inside_selection(&a, &cells, "Sapporo");
    assert_match_inside_selection(&a, &cells, "Japan");
    // A country code, shown as a code at 80x24, is marked whole.
    let mut a = app(80, 24);
    keys(&mut a, "/kr");
    let term = draw(&a);
    let cells = selected_list_cells(&a, term.backend().buffer());
    assert_match_inside_selection(&a, &cells, "KR");
}

#[test]
fn timeline_matches_keep_the_selection_bar_whole() {
    for no_colour in [false, true] {
        let mut a = if no_colour {
            no_colour_app(120, 40)
        } else {
            app(120, 40)
        };
        keys(&mut a, "<Tab><Tab>/korea week");
        let term = draw(&a);
        let buf = term.backend().buffer();
        let tl = a.layout().timeline.unwrap();
        let y = tl.y
            + 1
            + u16::try_from(a.timeline.cursor.selected - a.timeline.cursor.offset).unwrap();
        let cells: Vec<(u16, String, Cell)> = (tl.x + 1..tl.right() - 1)
            .map(|x| (x, buf[(x, y)].symbol().to_string(), buf[(x, y)].clone()))
            .collect();
        // Two search terms: each is marked, the space between them is not.
        assert_match_inside_selection(&a, &cells, "Korea");
        assert_match_inside_selection(&a, &cells, "Week");
    }
}

// ---------------------------------------------------------------- status bar

#[test]
fn status_bar_names_the_focused_pane_and_the_position_everywhere() {
    for (input, want) in [
        ("", "PARTNERS 1/40"),
        ("jj", "PARTNERS 3/40"),
        ("jj<Tab>", "DETAIL 3/40"),
        ("<Tab><Tab>", "TIMELINE 1/137"),
        ("2", "INSTITUTIONS 1/20"),
        ("2jj", "INSTITUTIONS 3/20"),
        ("2jj<Tab>", "DETAIL 3/20"),
        ("4", "STATISTICS 1–"),
        ("/dus<Enter><Tab>", "DETAIL 1/1"),
        ("?", "HELP 1–"),
        // All countries and the 24 partner countries.
        ("c", "COUNTRY 1/25"),
        // All countries and the 18 with a sister city.
        ("fc", "COUNTRY 1/19"),
        ("<Tab><Tab>G<Enter>", "EVENT 1–"),
    ] {
        for (w, h) in SIZES {
            let mut a = app(w, h);
            keys(&mut a, input);
            let status = status_line(&a);
            assert!(
                status.starts_with(&format!(" {want}")),
                "{w}x{h} after {input:?}: {status}"
            );
            let closes = ["close", "cancel"].iter().any(|c| status.contains(c));
            assert!(status.trim_end().ends_with("? help") || closes, "{status}");
        }
    }
    // The query and filters show in the views they apply to.
    let mut a = app(120, 40);
    keys(&mut a, "f/dus<Enter><Tab>");
    let status = status_line(&a);
    assert!(status.contains("/dus · sister · sort: name"), "{status}");
    keys(&mut a, "<Esc>2");
    assert!(!status_line(&a).contains("/dus"), "{}", status_line(&a));
}

#[test]
fn statistics_status_follows_the_scroll() {
    let mut a = app(80, 24);
    keys(&mut a, "4");
    let top = status_line(&a);
    keys(&mut a, "j");
    let next = status_line(&a);
    assert!(top.contains(" 1–"), "{top}");
    assert!(next.contains(" 2–"), "{next}");
}

/// Builds the explorer at 80x24 in the state reached by `input`.
fn state(input: &str) -> App {
    let mut a = app(80, 24);
    keys(&mut a, input);
    a
}

#[test]
fn every_hinted_key_does_something() {
    use shenyang_partners::tui::keymap::{self, KEYMAP};
    for input in [
        "",
        "<Tab>",
        "<Tab><Tab>",
        "/",
        "/dus",
        "c",
        "?",
        "<Tab><Tab>G<Enter>",
        "<Tab><Tab><Enter>",
        "2",
        "2<Tab>",
        "3a",
        "4",
    ] {
        let a = state(input);
        let contexts = a.contexts();
        let hints: Vec<_> = keymap::hints(&contexts)
            .into_iter()
            .filter(|h| a.available(&h.action, &a.measured))
            .collect();
        let status = status_line(&a);
        for h in &hints {
            let binding = contexts
                .iter()
                .find_map(|c| {
                    KEYMAP
                        .iter()
                        .find(|b| b.context == *c && b.action == h.action)
                })
                .expect("a hint comes from a binding");
            let key = binding.keys[0];
            if !status.contains(&format!(" {} ", h.keys)) {
                continue; // Not shown at this width.
            }
            let mut b = state(input);
            let before = draw(&b).backend().buffer().clone();
            let mut mods = KeyModifiers::NONE;
            if key.ctrl {
                mods |= KeyModifiers::CONTROL;
            }
            press(&mut b, key.code, mods);
            assert!(
                b.should_quit() || *draw(&b).backend().buffer() != before,
                "after {input:?}, the hinted key {} ({}) changed nothing",
                h.keys,
                h.label.en()
            );
        }
    }
}

#[test]
fn enter_is_only_offered_where_it_does_something() {
    for (input, enter) in [
        ("", Some("Enter detail")),
        ("<Tab>", Some("Enter events")),
        ("<Tab><Tab>", Some("Enter open")),
        ("2", Some("Enter detail")),
        ("2<Tab>", None),
        ("4", None),
        // The first row, Sapporo's founding, names its partner.
        ("<Tab><Tab><Enter>", Some("Enter jump")),
    ] {
        let status = status_line(&state(input));
        match enter {
            Some(hint) => assert!(status.contains(hint), "{input:?}: {status}"),
            None => assert!(!status.contains("Enter"), "{input:?}: {status}"),
        }
    }
    // An event without related partners.
    let mut a = app(80, 24);
    select_event(&mut a, US_CONSULATE);
    keys(&mut a, "<Enter>");
    assert!(matches!(a.overlay, Overlay::Event(_)));
    let status = status_line(&a);
    assert!(!status.contains("Enter"), "{status}");
}

#[test]
fn enter_in_a_partner_detail_shows_its_first_event_in_the_timeline() {
    for (w, h) in SIZES {
        let mut a = app(w, h);
        keys(&mut a, "/sapporo<Enter><Tab><Enter>");
        assert_eq!(a.focus, Focus::Timeline);
        let sapporo = partner(&a, "sapporo");
        let first = a.data.events_of(sapporo)[0];
        assert_eq!(a.selected_event(), Some(first));
        let tl = a.layout().timeline.expect("timeline shown");
        let screen = lines(&draw(&a));
        let heading = &screen[usize::from(tl.y) + 1];
        let year = a.data.events[first].date.year().to_string();
        assert!(heading.contains(&format!("── {year}")), "{heading}");
        let row =
            &screen[usize::from(tl.y) + 1 + a.timeline.cursor.selected - a.timeline.cursor.offset];
        assert!(row.contains('●'), "the partner's event is marked: {row}");
    }
    // A timeline search that hides the event is cleared.
    let mut a = app(120, 40);
    keys(&mut a, "<Tab><Tab>/qqqzz<Enter><BackTab><Enter>");
    assert_eq!(a.timeline.query, "");
    assert_eq!(
        a.selected_event(),
        Some(a.data.events_of(a.selected_partner().unwrap())[0])
    );
}

#[test]
fn j_and_k_scroll_an_event_without_related_partners() {
    let mut a = app(60, 16);
    // The US consulate's reopening (1984) concerns no partner.
    select_event(&mut a, US_CONSULATE);
    keys(&mut a, "<Enter>");
    let Overlay::Event(p) = &a.overlay else {
        panic!("event popup open")
    };
    assert!(a.data.events[p.event].partners.is_empty());
    let top = screen(&a);
    keys(&mut a, "j");
    let down = screen(&a);
    assert_ne!(top, down, "j scrolls");
    keys(&mut a, "k");
    assert_eq!(screen(&a), top, "k scrolls back");
    assert!(status_line(&a).contains("j/k scroll"));
}

// ---------------------------------------------------------------- header

#[test]
fn the_title_wins_over_the_view_tabs() {
    for lang in ["", "L"] {
        for view in ["1", "2", "3", "4"] {
            for w in 30..=130u16 {
                for h in [10u16, 16] {
                    let mut a = app(w, h);
                    keys(&mut a, &format!("{lang}{view}"));
                    let top = lines(&draw(&a))[0].clone();
                    let title = if lang.is_empty() {
                        "Shenyang 沈阳 · international partnerships"
                    } else {
                        "沈阳 · 国际友好城市"
                    };
                    let title_w = UnicodeWidthStr::width(title) + 1;
                    if usize::from(w) >= title_w {
                        assert!(top.starts_with(&format!(" {title}")), "{w}x{h}: {top}");
                    } else {
                        assert!(top.trim_end().ends_with('…'), "{w}x{h}: {top}");
                    }
                    // Whatever tabs are shown name the active view by number.
                    let n = view.to_string();
                    if top.contains(" 1 ") || top.contains(" 2 ") {
                        assert!(top.contains(&format!(" {n} ")), "{w}x{h}: {top}");
                    }
                }
            }
        }
    }
}

#[test]
fn header_tabs_shorten_at_mid_widths() {
    for (w, h, want) in [
        (45, 14, None),
        (50, 16, None),
        (60, 20, Some("1  2  3  4")),
        (80, 24, Some("1 Partners  2  3  4")),
        (100, 30, Some("1 Partners  2 Institutions  3 Map  4 Stats")),
    ] {
        let a = app(w, h);
        let top = lines(&draw(&a))[0].clone();
        assert!(
            top.contains("Shenyang 沈阳 · international partnerships"),
            "{top}"
        );
        match want {
            Some(tabs) => assert!(top.trim_end().ends_with(tabs), "{w}x{h}: {top}"),
            None => assert!(!top.contains(" 1 "), "{w}x{h}: {top}"),
        }
        insta::assert_snapshot!(format!("header_{w}x{h}"), draw(&a).backend());
    }
    // The active tab is drawn as selected (reverse video without colour).
    let mut a = no_colour_app(60, 20);
    keys(&mut a, "2");
    let term = draw(&a);
    let buf = term.backend().buffer();
    // One symbol per cell, so a character's index is its column.
    let row: String = (0..60).map(|x| buf[(x, 0)].symbol().to_string()).collect();
    let col = row[..row.find(" 2 ").unwrap() + 1].chars().count() as u16;
    assert!(buf[(col, 0)].modifier.contains(Modifier::REVERSED));
    let one = row[..row.find(" 1 ").unwrap() + 1].chars().count() as u16;
    assert!(!buf[(one, 0)].modifier.contains(Modifier::REVERSED));
}

// ---------------------------------------------------------------- truncation

/// The text of columns `from..to` of screen row `y`, each wide character
/// once (its hidden second cell left out).
fn cells_text(buf: &Buffer, y: u16, from: u16, to: u16) -> String {
    let mut row = String::new();
    let mut hidden = 0;
    for x in from..to {
        if hidden > 0 {
            hidden -= 1;
            continue;
        }
        let sym = buf[(x, y)].symbol();
        hidden = UnicodeWidthStr::width(sym).saturating_sub(1);
        row.push_str(sym);
    }
    row
}

#[test]
fn pane_titles_are_cut_with_an_ellipsis() {
    let mut a = app(120, 40);
    keys(&mut a, "2");
    let (_, detail) = layout::institutions(a.body());
    let d = detail.unwrap();
    let top = lines(&draw(&a))[usize::from(d.y)].clone();
    let title: String = top.chars().skip(usize::from(d.x)).collect();
    assert!(
        title.starts_with("┌ Detail · Consulate General of the United States in Shen… ┐"),
        "{title}"
    );
    // At every width the institutions' footnote and titles end in the corner.
    for w in 30..=130 {
        let mut a = app(w, 24);
        keys(&mut a, "2");
        for row in lines(&draw(&a)) {
            if row.contains('…') && (row.starts_with('┏') || row.starts_with('┌')) {
                assert!(!row.contains("…┓") && !row.contains("…┐"), "{w}: {row}");
            }
        }
    }
}

/// The list's country column shows full names for every row on screen, or
/// codes for every row, never a cut name. True when it shows names.
fn assert_country_column_whole(a: &App) -> bool {
    let r = a.layout().list.expect("list pane shown");
    let term = draw(a);
    let buf = term.backend().buffer();
    let rows: Vec<String> = (r.y + 1..r.bottom() - 1)
        .map(|y| cells_text(buf, y, r.x + 1, r.right() - 1))
        .filter(|row| !row.trim().is_empty())
        .collect();
    let mut names = 0;
    for (row, hit) in rows.iter().zip(&a.partners.rows[a.partners.list.offset..]) {
        let p = &a.data.partners[hit.ix];
        let year = p
            .established
            .map_or(String::new(), |d| d.year().to_string());
        // Row text before the year column (the helper may keep the border).
        let row = row.trim_end_matches(['┃', '│']).trim_end();
        let before_year = row.strip_suffix(year.as_str()).unwrap_or(row).trim_end();
        let name = before_year.ends_with(a.country_name(p.country));
        let code = before_year.ends_with(&format!(" {}", p.country));
        assert!(name || code, "{:?}: {row}", a.size);
        names += usize::from(name);
    }
    assert!(
        names == 0 || names == rows.len(),
        "{:?}: mixed {rows:?}",
        a.size
    );
    names > 0
}

#[test]
fn country_column_shows_whole_names_or_codes() {
    for (w, h, names) in [
        (30, 8, false),
        (60, 20, true),
        (69, 24, true),
        (80, 24, false),
        // Lille (Lille Métropole Communauté urbaine), listed at 120x40,
        // leaves no room for a country name.
        (120, 40, false),
        (250, 80, true),
    ] {
        let a = app(w, h);
        assert_eq!(assert_country_column_whole(&a), names, "{w}x{h}");
        let s = screen(&a);
        assert!(!s.contains("Feder…") && !s.contains("Ko…"), "{w}x{h}:\n{s}");
    }
    let a = app(250, 80);
    assert!(screen(&a).contains("Russian Federation"));
    insta::assert_snapshot!("start_250x80", draw(&a).backend());
    // A country name never cuts a partner's second name: at 100x30 the
    // full names do not fit beside both names, so the codes are shown.
    let a = app(100, 30);
    let s = screen(&a);
    assert!(
        s.contains("Belfast  贝尔法斯特") && s.contains(" GB 2016"),
        "{s}"
    );
    // Searching by country shows the names where they fit.
    let mut a = app(30, 8);
    keys(&mut a, "/japan");
    assert!(assert_country_column_whole(&a));
}

// ---------------------------------------------------------------- country picker under filters

/// The picker's rows as shown: (label, count) read from the screen.
fn picker_screen_rows(a: &App) -> Vec<(String, String)> {
    let area = layout::picker(a.screen());
    let term = draw(a);
    let buf = term.backend().buffer();
    (area.y + 3..area.bottom() - 1)
        .map(|y| {
            let row = cells_text(buf, y, area.x + 1, area.right() - 1);
            let row = row.trim_end().to_string();
            match row.rsplit_once(' ') {
                Some((label, n)) if n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty() => {
                    (label.trim().to_string(), n.to_string())
                }
                _ => (row.trim().to_string(), String::new()),
            }
        })
        .filter(|(l, _)| !l.is_empty())
        .collect()
}

#[test]
fn picker_counts_follow_the_kind_filter() {
    let mut a = app(120, 40);
    keys(&mut a, "fc");
    let sister_in = |a: &App, code: &str| {
        a.data
            .partners
            .iter()
            .filter(|p| p.country.as_str() == code && p.kind == PartnerKind::Sister)
            .count()
    };
    insta::assert_snapshot!("picker_sister_120x40", draw(&a).backend());
    let rows = picker_screen_rows(&a);
    assert_eq!(rows[0], ("All countries".to_string(), "24".to_string()));
    let japan = rows
        .iter()
        .find(|(l, _)| l == "Japan  JP")
        .expect("Japan row");
    assert_eq!(japan.1, sister_in(&a, "JP").to_string());
    let korea = rows
        .iter()
        .find(|(l, _)| l == "South Korea  KR")
        .expect("Korea row");
    assert_eq!(korea.1, sister_in(&a, "KR").to_string());
    // Belarus has only a cooperative partner: not offered under "sister".
    assert!(
        !rows.iter().any(|(l, _)| l.starts_with("Belarus")),
        "{rows:?}"
    );
    assert!(
        screen(&a).contains("Country · sister"),
        "the title says why"
    );
    // Every country offered lists what its count says.
    for (label, n) in rows.iter().skip(1) {
        let code = label.rsplit(' ').next().unwrap();
        let mut b = app(120, 40);
        keys(&mut b, &format!("fc{code}<Enter>"));
        assert_eq!(b.partners.rows.len().to_string(), *n, "{label}");
    }

    // Typed, it is found, dimmed and counted 0, so picking it is no surprise.
    keys(&mut a, "bel");
    let rows = picker_screen_rows(&a);
    assert_eq!(rows, vec![("Belarus  BY".to_string(), "0".to_string())]);
}

#[test]
fn picker_counts_follow_the_search_too() {
    let mut a = app(120, 40);
    keys(&mut a, "/sap<Enter>c");
    let rows = picker_screen_rows(&a);
    assert_eq!(
        rows,
        vec![
            ("All countries".to_string(), "1".to_string()),
            ("Japan  JP".to_string(), "1".to_string())
        ]
    );
}

#[test]
fn picker_says_when_no_country_matches() {
    for (w, h) in SIZES {
        let mut a = app(w, h);
        keys(&mut a, "cxqz");
        let rows = picker_screen_rows(&a);
        assert_eq!(
            rows,
            vec![("No countries match".to_string(), String::new())]
        );
    }
}

// ---------------------------------------------------------------- reopening a kept query

#[test]
fn reopening_a_kept_query_selects_it_for_replacement() {
    for (input, want) in [
        ("/seo<Enter>/seo", "seo"),
        ("/seo<Enter>/dus", "dus"),
        ("/seo<Enter>/<Bs>", "se"),
        ("/seo<Enter>/<Right>ul", "seoul"),
        ("/seo<Enter>/<Left>ul", "seoul"),
        ("/seo<Enter>/<C-u>x", "x"),
        ("/seo<Enter>/<Down>x", "x"),
        ("/seo<Enter>/s<Bs>", ""),
        ("/seo<Enter>/s<Right>", "s"),
    ] {
        let mut a = app(80, 24);
        keys(&mut a, input);
        assert_eq!(a.partners.query, want, "after {input:?}");
        assert!(status_line(&a).contains(&format!("Search /{want}▏")));
    }
    // The same in the timeline.
    let mut a = app(120, 40);
    keys(&mut a, "<Tab><Tab>/korea<Enter>/week");
    assert_eq!(a.timeline.query, "week");
    // Esc still clears it.
    let mut a = app(80, 24);
    keys(&mut a, "/seo<Enter>/<Esc>");
    assert_eq!(a.partners.query, "");
}

#[test]
fn a_reopened_query_is_drawn_selected() {
    let mut a = no_colour_app(80, 24);
    keys(&mut a, "/seo<Enter>/");
    insta::assert_snapshot!("search_reopened_80x24", draw(&a).backend());
    let term = draw(&a);
    let buf = term.backend().buffer();
    let status_y = 23;
    let status = cells_text(buf, status_y, 0, 80);
    let at = status.find("/seo").unwrap() + 1;
    for x in at..at + 3 {
        let cell = &buf[(x as u16, status_y)];
        assert!(
            !cell.modifier.contains(Modifier::REVERSED),
            "query cell {x} not set off from the bar"
        );
    }
    assert!(
        buf[(1, status_y)].modifier.contains(Modifier::REVERSED),
        "the bar"
    );
    // In the list's title the query is in reverse video.
    let list = a.layout().list.unwrap();
    let title = cells_text(buf, list.y, list.x, list.right());
    let q = title.find("/seo").unwrap() + 1;
    let x = list.x + title[..q].chars().count() as u16;
    assert!(
        buf[(x, list.y)].modifier.contains(Modifier::REVERSED),
        "{title}"
    );
    assert!(status_line(&a).contains("→ edit"));
    // Typing replaces it, and it is no longer selected.
    keys(&mut a, "d");
    let term = draw(&a);
    let buf = term.backend().buffer();
    let title = cells_text(buf, list.y, list.x, list.right());
    assert!(title.contains("/d▏"), "{title}");
    let q = title.find("/d").unwrap() + 1;
    let x = list.x + title[..q].chars().count() as u16;
    assert!(!buf[(x, list.y)].modifier.contains(Modifier::REVERSED));
    assert!(!status_line(&a).contains("→ edit"));
}

// ---------------------------------------------------------------- Chinese labels

/// Display columns where each run of non-space text ends in `row`.
fn run_ends(row: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut col = 0;
    let mut in_run = false;
    for c in row.chars() {
        let w = UnicodeWidthStr::width(c.to_string().as_str());
        if c == ' ' {
            if in_run {
                ends.push(col);
            }
            in_run = false;
        } else {
            in_run = true;
        }
        col += w;
    }
    if in_run {
        ends.push(col);
    }
    ends
}

#[test]
fn official_totals_table_lines_up_in_both_languages() {
    for (lang, head) in [("", "as of"), ("L", "日期")] {
        for (w, h) in SIZES {
            let mut a = app(w, h);
            keys(&mut a, &format!("{lang}4"));
            let screen = lines(&draw(&a));
            let at = screen
                .iter()
                .position(|r| r.contains(&format!("┃{head} ")))
                .expect("table heading");
            let header = screen[at].trim_start_matches('┃');
            let header = header.trim_end_matches(['┃', ' ']);
            // "as of" is two words: its columns are the others' right edges.
            let want: Vec<usize> = run_ends(header).into_iter().rev().take(4).collect();
            for row in &screen[at + 1..at + 5] {
                let row = row.trim_start_matches('┃').trim_end_matches(['┃', ' ']);
                let got: Vec<usize> = run_ends(row).into_iter().rev().take(4).collect();
                assert_eq!(got, want, "{lang:?} {w}x{h}:\n{header}\n{row}");
            }
        }
    }
}

#[test]
fn chinese_statistics_and_messages_are_in_chinese() {
    let mut a = app(120, 40);
    keys(&mut a, "L4G");
    insta::assert_snapshot!("stats_zh_end_120x40", draw(&a).backend());
    // The whole statistics text, screen by screen.
    keys(&mut a, "g");
    let mut s = screen(&a);
    for _ in 0..6 {
        keys(&mut a, "<PgDn>");
        s.push_str(&screen(&a));
    }
    // The known unknowns quote the dataset's own (English) summaries of
    // conflicts; the program's words before them are all Chinese.
    assert!(s.contains("已知的未知"), "{s}");
    let s = s.split("已知的未知").next().unwrap_or_default().to_string();
    for zh in [
        "1980年代",
        "总领事馆  已收录 8",
        "外国驻沈总领事馆 8",
        "涉外定点医院 9",
    ] {
        assert!(s.contains(zh), "{zh}:\n{s}");
    }
    for en in [
        "consulate",
        "school",
        "foreign consulates",
        "1980s",
        "documented",
    ] {
        assert!(!s.contains(en), "{en} left in English:\n{s}");
    }
    // The too-small note and the distances.
    let a = app(25, 10);
    let mut zh = app(25, 10);
    keys(&mut zh, "L");
    let s = screen(&zh);
    assert!(s.contains("终端窗口太小"), "{s}");
    assert!(s.contains("按 q 退出"), "{s}");
    assert!(!s.contains("needed") && !s.contains("quits"), "{s}");
    assert!(screen(&a).contains("quits"));
    let mut zh = app(120, 40);
    keys(&mut zh, "L/sapporo<Enter>");
    let s = screen(&zh);
    // GeoNames points: Shenyang 41.79222°N 123.43278°E, Sapporo
    // 43.06667°N 141.35°E, 1,474.5 km apart.
    assert!(s.contains("1,475 公里"), "{s}");
    assert!(!s.contains(" km"), "{s}");
    // The detail's section headings, down to the provenance at its end.
    let mut zh = app(120, 40);
    keys(&mut zh, "L/belfast<Enter><Tab>G");
    let s = screen(&zh);
    for heading in ["来源", "出处"] {
        assert!(s.contains(&format!("┃{heading} ")), "{heading}:\n{s}");
    }
    assert!(!s.contains("Provenance"), "{s}");
}

#[test]
fn decade_chart_says_it_counts_by_current_kind() {
    let mut a = app(120, 40);
    keys(&mut a, "4");
    let all = shenyang_partners::tui::ui::stats_lines(&a, 118)
        .iter()
        .map(|l| l.to_string().trim_end().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        all.contains("Relations by the decade they began, by current kind"),
        "{all}"
    );
    assert!(
        all.contains("counts as sister in the decade it began"),
        "{all}"
    );
    // Daejeon (cooperative 2003, sister 2013) is one of the 2000s' sister ties.
    let s = a.stats();
    let d2000 = s.by_decade.iter().find(|d| d.decade == 2000).unwrap();
    let daejeon = &a.data.partners[partner(&a, "daejeon")];
    assert_eq!(daejeon.kind, PartnerKind::Sister);
    assert!(d2000.sister >= 1);
}

#[test]
fn a_click_focuses_the_institutions_pane_it_lands_in() {
    use crossterm::event::{Event, MouseButton, MouseEvent, MouseEventKind};
    let mut a = app(120, 40);
    keys(&mut a, "2");
    let (list, detail) = layout::institutions(a.body());
    let detail = detail.unwrap();
    let click = |x: u16, y: u16| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        })
    };
    a.handle_event(click(detail.x + 5, detail.y + 5));
    assert!(a.institutions.detail_focused);
    assert!(
        status_line(&a).starts_with(" DETAIL 1/20"),
        "{}",
        status_line(&a)
    );
    // The third row inside the list's border is the second consulate.
    a.handle_event(click(list.x + 5, list.y + 3));
    assert!(!a.institutions.detail_focused);
    assert!(
        status_line(&a).starts_with(" INSTITUTIONS 2/20"),
        "{}",
        status_line(&a)
    );
}

#[test]
fn chinese_event_popup_names_the_kind_of_a_derived_row() {
    use shenyang_partners::data::{Change, Origin};
    // A row the program derives from a partner's record: a relation's founding.
    let mut a = app(120, 40);
    let id = a
        .data
        .events
        .iter()
        .find(|e| {
            e.origin == Origin::Relation
                && e.relations.first().map(|m| m.change) == Some(Change::Established)
        })
        .map(|e| e.id.clone())
        .expect("a derived founding row");
    select_event(&mut a, &id);
    keys(&mut a, "L<Enter>");
    let s = screen(&a);
    // Fixed: the Kind of a derived row stayed English ("established") in 中文.
    assert!(s.contains("类型: 建立"), "{s}");
    assert!(!s.contains("established"), "{s}");
    keys(&mut a, "L");
    assert!(screen(&a).contains("Kind: established"));
}

#[test]
fn the_wheel_stops_at_the_end_of_the_help() {
    use crossterm::event::{Event, MouseEvent, MouseEventKind};
    let mut a = app(80, 24);
    keys(&mut a, "?G");
    let bottom = screen(&a);
    // Wheel far past the end, then one line back up.
    for _ in 0..20 {
        a.handle_event(Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: 40,
            row: 12,
            modifiers: KeyModifiers::NONE,
        }));
    }
    assert_eq!(screen(&a), bottom, "the wheel stops at the end");
    // Fixed: the wheel used to scroll past the end unseen, so k then did
    // nothing until it had climbed back.
    keys(&mut a, "k");
    assert_ne!(screen(&a), bottom, "k scrolls back at once after the wheel");
}

#[test]
fn clicking_a_view_tab_switches_to_it() {
    use crossterm::event::{Event, MouseButton, MouseEvent, MouseEventKind};
    let mut a = app(120, 40);
    draw(&a);
    let _ = a.frame();
    let (view, rect) = *a
        .measured
        .tabs
        .iter()
        .find(|(v, _)| *v == View::Stats)
        .expect("a Stats tab at 120 columns");
    a.handle_event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: rect.x,
        row: rect.y,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(a.view, view);
}

#[test]
fn placeholders_sit_where_their_number_and_date_put_them() {
    let mut a = app(120, 40);
    // name → country → established → official number.
    keys(&mut a, "ss");
    let n = a.data.partners.len();
    let placeholders: Vec<usize> = a
        .partners
        .rows
        .iter()
        .enumerate()
        .filter(|(_, h)| h.ix >= n)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(placeholders.len(), a.data.unidentified.len());
    // Selecting one shows it as unidentified, with candidates as candidates.
    a.partners.list.selected = placeholders[0];
    assert_eq!(a.selected_partner(), None);
    let s = screen(&a);
    assert!(s.contains("unidentified sister city"), "{s}");
    keys(&mut a, "s");
    let by_number: Vec<u32> = a
        .partners
        .rows
        .iter()
        .map(|h| match h.ix.checked_sub(n) {
            Some(u) => a.data.unidentified[u].order,
            None => a.data.partners[h.ix].order.unwrap_or(u32::MAX),
        })
        .collect();
    assert!(by_number.windows(2).all(|w| w[0] <= w[1]), "{by_number:?}");
}

// ------------------------------------------------------- explorer round 2

#[test]
fn placeholder_row_and_its_detail() {
    // Sorted by official number; the seventh row is No. 7, unidentified.
    for a in snap_both("placeholder_no7", "sssgjjjjjj<Tab>") {
        let s = screen(&a);
        assert_eq!(a.selected_partner(), None, "{s}");
        assert!(a.partners.placeholder().is_some(), "{s}");
        assert!(s.contains("unidentified"), "{s}");
    }
}

#[test]
fn timeline_search_south_korea_with_year_headings() {
    for a in snap_both("timeline_south_korea", "<Tab><Tab>/south korea<Enter>") {
        assert!(matches!(
            a.timeline.rows.first(),
            Some(TimelineRow::Year(_))
        ));
        assert!(a.selected_event().is_some());
    }
}

#[test]
fn statistics_end_with_known_unknowns_and_source_grades() {
    for a in snap_both("stats_unknowns", "4G") {
        let s = screen(&a);
        assert!(s.contains("Sources by grade"), "{s}");
    }
}

#[test]
fn help_opens_at_the_timeline_keys_with_symbols() {
    for a in snap_both("help_timeline", "<Tab><Tab>?") {
        let s = screen(&a);
        assert!(s.contains("events: pick a country"), "{s}");
    }
}

#[test]
fn an_event_leads_to_its_institution_and_ctrl_o_back() {
    let mut a = app(120, 40);
    let (event, inst) = a
        .data
        .events
        .iter()
        .enumerate()
        .find_map(|(i, e)| e.institutions.first().map(|&inst| (i, inst)))
        .expect("an event concerning an institution");
    a.select_event(event);
    keys(&mut a, "<Tab><Tab><Enter>");
    assert!(matches!(&a.overlay, Overlay::Event(p) if p.event == event));
    assert!(
        status_line(&a).contains("i institution"),
        "{}",
        status_line(&a)
    );
    keys(&mut a, "i");
    assert_eq!(a.view, View::Institutions);
    assert_eq!(a.selected_institution(), Some(inst));
    keys(&mut a, "<C-o>");
    assert!(matches!(&a.overlay, Overlay::Event(p) if p.event == event));
}
