//! The map view driven by real keys: panning always visibly moves the map
//! unless it is at the world's edge, the Partners search and filters work
//! from the map, and the line to the selected partner stays recognisable
//! without colour.

use crate::common;

use common::{App, app, app_with, draw, keys, lines, listed_ids, named_key, screen, status_line};
use shenyang_partners::theme::Theme;
use shenyang_partners::tui::state::{Options, Overlay, View};
use shenyang_partners::tui::ui::map::{LINE_MARK, canvas_size, layout};

/// The map canvas as text (inside the pane's border).
fn canvas_text(a: &App) -> Vec<String> {
    let m = layout(a.body()).map;
    let screen = lines(&draw(a));
    (m.y + 1..m.bottom() - 1)
        .map(|y| {
            screen[usize::from(y)]
                .chars()
                .skip(usize::from(m.x) + 1)
                .take(usize::from(m.width - 2))
                .collect()
        })
        .collect()
}

fn press_n(a: &mut App, key: &str, n: usize) {
    for _ in 0..n {
        a.handle_key(named_key(key));
    }
}

#[test]
fn the_first_pan_back_from_the_north_edge_moves_the_map() {
    // The tester's sequence at 120x40: East Asia, out, out, in, Up x60.
    let mut a = app(120, 40);
    keys(&mut a, "3a--+");
    press_n(&mut a, "Up", 60);
    let at_edge = canvas_text(&a);
    let (c, r) = canvas_size(a.body());
    assert!(
        (a.map.bounds(c, r).y[1] - 90.0).abs() < 1e-9,
        "at the north edge"
    );
    // One more Up changes nothing: the edge is the limit.
    press_n(&mut a, "Up", 1);
    assert_eq!(canvas_text(&a), at_edge);
    // The first Down moves the map at once, and so does each next one.
    let mut before = at_edge;
    for i in 0..3 {
        press_n(&mut a, "Down", 1);
        let now = canvas_text(&a);
        assert_ne!(now, before, "Down #{} did nothing", i + 1);
        before = now;
    }
}

#[test]
fn every_arrow_moves_a_zoomed_map_until_its_edge() {
    for (w, h) in [(120, 40), (200, 30), (69, 20), (40, 12)] {
        for (key, back) in [
            ("Up", "Down"),
            ("Down", "Up"),
            ("Left", "Right"),
            ("Right", "Left"),
        ] {
            let mut a = app(w, h);
            keys(&mut a, "3++");
            // Zoom centres on the selection, which may sit at an edge:
            // start from the middle of the world.
            a.map.lon = 150.0;
            a.map.lat = 0.0;
            let mut moves = 0;
            loop {
                let before = canvas_text(&a);
                press_n(&mut a, key, 1);
                if canvas_text(&a) == before {
                    break;
                }
                moves += 1;
                assert!(moves < 200, "{w}x{h} {key}: never reaches an edge");
            }
            assert!(moves > 0, "{w}x{h}: {key} did nothing at zoom 2.25");
            let before = canvas_text(&a);
            press_n(&mut a, back, 1);
            assert_ne!(
                canvas_text(&a),
                before,
                "{w}x{h}: {back} after {key} to the edge"
            );
        }
    }
}

#[test]
fn up_and_down_at_the_whole_world_do_nothing_only_when_all_latitudes_show() {
    // 200x30: the whole world fits with room to spare, nothing to pan to.
    let mut a = app(200, 30);
    keys(&mut a, "3");
    let world = canvas_text(&a);
    press_n(&mut a, "Up", 1);
    press_n(&mut a, "Down", 1);
    press_n(&mut a, "Left", 1);
    assert_eq!(canvas_text(&a), world);
    let (c, r) = canvas_size(a.body());
    let b = a.map.bounds(c, r);
    assert!(b.y[0] <= -90.0 && b.y[1] >= 90.0 && b.x[0] <= -30.0 && b.x[1] >= 330.0);
}

#[test]
fn zero_and_esc_bring_back_the_whole_world() {
    let mut a = app(120, 40);
    keys(&mut a, "3");
    let world = screen(&a);
    keys(&mut a, "+++");
    press_n(&mut a, "Left", 5);
    assert_ne!(screen(&a), world);
    keys(&mut a, "0");
    assert_eq!(screen(&a), world);
    keys(&mut a, "e<Esc>");
    assert_eq!(screen(&a), world);
}

#[test]
fn search_country_kind_and_sort_work_from_the_map() {
    let mut a = app(120, 40);
    keys(&mut a, "3/japan<Enter>");
    assert_eq!(a.view, View::Map, "still on the map");
    assert_eq!(a.partners.rows.len(), 4, "{:?}", listed_ids(&a));
    let s = screen(&a);
    assert!(s.contains("MAP 1/4"), "{s}");
    assert!(s.contains("/japan"), "{s}");
    // Sasebo has a GeoNames point now: all four are on the map.
    assert!(
        s.contains("4 of 4 listed partners"),
        "every Japanese partner is plotted: {s}"
    );
    assert!(s.contains("0 without coordinates"), "{s}");

    let mut a = app(120, 40);
    keys(&mut a, "3c");
    assert!(matches!(a.overlay, Overlay::Picker(_)));
    keys(&mut a, "korea<Enter>");
    assert_eq!(a.view, View::Map);
    let s = screen(&a);
    assert!(s.contains("South Korea"), "{s}");
    assert!(
        a.partners
            .rows
            .iter()
            .all(|h| a.data.partners[h.ix].country.as_str() == "KR")
    );

    let mut a = app(120, 40);
    keys(&mut a, "3f");
    assert_eq!(a.view, View::Map);
    assert_eq!(a.partners.rows.len(), 24);
    assert!(status_line(&a).contains("sister"));
    keys(&mut a, "s");
    assert!(
        status_line(&a).contains("sort: country"),
        "{}",
        status_line(&a)
    );
    // j moves through the same filtered list the Partners view shows.
    keys(&mut a, "j");
    let on_map = a.selected_partner();
    keys(&mut a, "1");
    assert_eq!(a.selected_partner(), on_map);
    assert_eq!(a.partners.rows.len(), 24);
}

#[test]
fn the_status_bar_hints_at_the_presets_and_search() {
    let a = {
        let mut a = app(120, 40);
        keys(&mut a, "3");
        a
    };
    let status = status_line(&a);
    for hint in [
        "+/- zoom",
        "0 world",
        "a/e Asia/Europe",
        "/ search",
        "j/k move",
        "? help",
    ] {
        assert!(status.contains(hint), "{hint}: {status}");
    }
    // The help overlay lists the map's filter keys under the map view.
    let mut a = app(120, 40);
    keys(&mut a, "3?");
    let help = shenyang_partners::tui::ui::help_lines(&a, 100)
        .iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    let map_section = &help[help.find("Map view").expect("map section")..];
    for line in [
        "search the listed partners",
        "pick a country",
        "East Asia",
        "Europe",
    ] {
        assert!(map_section.contains(line), "{line}:\n{map_section}");
    }
}

#[test]
fn without_colour_the_line_to_the_selection_is_a_chain_of_dots() {
    let options = Options {
        theme: Theme::dark().without_colour(),
        ..Default::default()
    };
    let mut a = app_with(options, 120, 40);
    keys(&mut a, "/sapporo<Enter>3a");
    let rows = canvas_text(&a);
    let text = rows.join("\n");
    assert!(text.contains("◉ Sapporo"), "{text}");
    assert!(text.contains("■"), "{text}");
    // Dots run from Shenyang to Sapporo, and nothing else on the map is drawn
    // with them.
    let dots: usize = rows.iter().map(|r| r.matches(LINE_MARK).count()).sum();
    assert!(dots >= 20, "{dots} dots:\n{text}");
    let row_home = rows.iter().position(|r| r.contains('■')).unwrap();
    let row_sel = rows.iter().position(|r| r.contains('◉')).unwrap();
    for r in &rows[row_sel.min(row_home)..=row_sel.max(row_home)] {
        assert!(
            r.contains(LINE_MARK),
            "a row between the ends lacks the line: {r}"
        );
    }
    for (i, r) in rows.iter().enumerate() {
        if i < row_sel.min(row_home) || i > row_sel.max(row_home) {
            assert!(!r.contains(LINE_MARK), "stray dots on row {i}: {r}");
        }
    }
    // No cell has colour: the dots alone tell the line from the coast.
    let term = draw(&a);
    assert!(
        term.backend()
            .buffer()
            .content()
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset)
    );
}

/// The canvas cell of the selected partner's marker, if it is drawn.
fn selected_marker(a: &App) -> Option<(usize, usize)> {
    canvas_text(a)
        .iter()
        .enumerate()
        .find_map(|(y, row)| row.chars().position(|c| c == '◉').map(|x| (x, y)))
}

#[test]
fn moving_the_selection_off_screen_pans_the_map_to_it() {
    // East Asia at 120x40, then j through the whole list: the selected
    // marker (◉) is on screen after every move that has coordinates.
    let mut a = app(120, 40);
    keys(&mut a, "3a");
    let mut panned = 0;
    for _ in 0..40 {
        let before = a.map;
        keys(&mut a, "j");
        if a.map != before {
            panned += 1;
            // Panning keeps the zoom.
            assert_eq!(a.map.zoom, before.zoom);
        }
        if a.selected_location().is_some() {
            assert!(selected_marker(&a).is_some(), "selection off screen");
        }
    }
    assert!(panned > 0, "the list leaves East Asia at some point");
}

#[test]
fn zoom_and_dot_centre_on_the_selection() {
    let mut a = app(120, 40);
    keys(&mut a, "3");
    // Pick Chicago, zoom in three times: Chicago stays in the middle.
    keys(&mut a, "/chicago");
    a.handle_key(named_key("Enter"));
    keys(&mut a, "+++");
    let (c, r) = canvas_size(a.body());
    let b = a.map.bounds(c, r);
    let chicago = a.selected_location().expect("Chicago has coordinates");
    assert!(
        (b.lon_of(chicago) - b.central_meridian()).abs() < 1e-6,
        "{b:?}"
    );
    let (x, y) = selected_marker(&a).expect("Chicago's marker");
    assert!(x.abs_diff(usize::from(c) / 2) <= 1 && y.abs_diff(usize::from(r) / 2) <= 1);
    // Pan away, then `.` brings it back to the middle.
    press_n(&mut a, "Left", 6);
    assert_ne!(selected_marker(&a), Some((x, y)));
    keys(&mut a, ".");
    assert_eq!(selected_marker(&a), Some((x, y)));
}

#[test]
fn t_labels_every_marker_without_covering_any() {
    // The whole world, where only the selection and Shenyang are named.
    let mut a = app(120, 40);
    keys(&mut a, "3");
    let (c, r) = canvas_size(a.body());
    let before = shenyang_partners::tui::ui::map::plot(&a, c, r);
    assert_eq!(before.labels.len(), 2);
    keys(&mut a, "t");
    let after = shenyang_partners::tui::ui::map::plot(&a, c, r);
    assert!(after.labels.len() > 10, "{:?}", after.labels);
    // Every marker keeps its cell: no label covers one.
    for (mx, my, _, _) in &after.markers {
        for (lx, ly, text, _) in &after.labels {
            let w = text.chars().count() as u16;
            assert!(
                !(ly == my && (*lx..lx + w).contains(mx)),
                "{text} covers a marker"
            );
        }
    }
    // The selected partner's label is still there.
    let name = a
        .partner_name(a.selected_partner().expect("selection"))
        .to_string();
    assert!(after.labels.iter().any(|l| l.2.contains(&name)));
    // `t` again: only the selection and Shenyang, at any zoom.
    keys(&mut a, "at");
    let only = shenyang_partners::tui::ui::map::plot(&a, c, r);
    // (East Asia: Belfast, selected, is off screen; its many markers unnamed.)
    assert_eq!(only.labels.len(), 1, "{:?}", only.labels);
    assert!(only.labels[0].2.contains("Shenyang"));
    assert!(only.markers.len() > 10);
    // And `t` once more goes back to labels where they fit.
    keys(&mut a, "t0");
    assert_eq!(shenyang_partners::tui::ui::map::plot(&a, c, r), before);
}

#[test]
fn routes_and_rings_draw_on_request() {
    let mut a = app(200, 60);
    keys(&mut a, "3");
    let (c, r) = canvas_size(a.body());
    let d = shenyang_partners::tui::ui::map::dots(&a, c, r);
    assert_eq!(d.routes.count() + d.rings.count(), 0);
    assert!(d.land.count() > 2000, "coastlines and borders");
    keys(&mut a, "rd");
    let d = shenyang_partners::tui::ui::map::dots(&a, c, r);
    assert!(d.routes.count() > 500 && d.rings.count() > 300);
    let s = canvas_text(&a).join("\n");
    assert!(s.contains("1,000 km") || s.contains("5,000 km"), "{s}");
}
