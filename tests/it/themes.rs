//! Themes on whole screens: a theme that sets a background paints every
//! cell of every view with it (panes, empty space, the map, popups), so it
//! looks the same on a light and on a dark terminal; the default theme
//! never paints a background.

use crate::common;

use common::{app_with, draw, keys};
use ratatui::style::Color;
use shenyang_partners::present::Lang;
use shenyang_partners::theme::{Theme, resolve};
use shenyang_partners::tui::state::Options;
use unicode_width::UnicodeWidthStr;

/// Screens worth covering: every view, a zoomed map, the help overlay and the
/// country picker (popups clear the cells under them).
const SCREENS: [&str; 8] = ["", "2", "3", "3a", "4", "?", "c", "<Tab><Tab><Enter>"];

fn themed(theme: Theme, w: u16, h: u16) -> common::App {
    app_with(
        Options {
            theme,
            lang: Lang::En,
            export_dir: None,
            no_state: true,
            keep_lang: false,
        },
        w,
        h,
    )
}

#[test]
fn a_theme_background_fills_every_cell_of_every_screen() {
    for name in ["high-contrast", "light"] {
        let theme = resolve(name).unwrap();
        let bg = theme.base.bg.expect("the theme sets a background");
        for (w, h) in [(120, 40), (69, 20), (40, 12), (20, 5)] {
            for input in SCREENS {
                let mut a = themed(theme.clone(), w, h);
                keys(&mut a, input);
                let term = draw(&a);
                let buf = term.backend().buffer();
                let (mut base_cells, mut other_cells) = (0, 0);
                let mut covered = 0;
                for (i, cell) in buf.content().iter().enumerate() {
                    let (x, y) = (i % usize::from(w), i / usize::from(w));
                    // The second column of a wide character is drawn by it.
                    if covered > 0 {
                        covered -= 1;
                        continue;
                    }
                    covered = cell.symbol().width().saturating_sub(1);
                    assert!(
                        cell.bg != Color::Reset && cell.fg != Color::Reset,
                        "{name} {w}x{h} {input:?}: cell ({x},{y}) {:?} keeps the terminal's colours",
                        cell
                    );
                    base_cells += usize::from(cell.bg == bg);
                    other_cells += usize::from(cell.bg != bg);
                }
                // The base is the background; selections and bars differ.
                assert!(
                    base_cells > other_cells,
                    "{name} {w}x{h} {input:?}: {base_cells} cells on the base background"
                );
            }
        }
    }
}

#[test]
fn the_default_theme_paints_no_background() {
    for input in SCREENS {
        let mut a = themed(Theme::dark(), 120, 40);
        keys(&mut a, input);
        let term = draw(&a);
        assert!(
            term.backend()
                .buffer()
                .content()
                .iter()
                .all(|c| c.bg == Color::Reset),
            "{input:?}"
        );
    }
}

#[test]
fn high_contrast_map_land_is_drawn_on_black() {
    // The tester saw white coastlines on the terminal's own (light) background.
    let theme = resolve("high-contrast").unwrap();
    let mut a = themed(theme, 120, 40);
    keys(&mut a, "3");
    let term = draw(&a);
    let braille: Vec<_> = term
        .backend()
        .buffer()
        .content()
        .iter()
        .filter(|c| {
            c.symbol()
                .chars()
                .next()
                .is_some_and(|ch| ('\u{2801}'..='\u{28ff}').contains(&ch))
        })
        .collect();
    assert!(braille.len() > 500, "the map is drawn");
    // Land in white; countries with partners in the theme's shades.
    let shades = [Color::Cyan, Color::LightCyan, Color::LightMagenta];
    assert!(
        braille
            .iter()
            .all(|c| (c.fg == Color::White || shades.contains(&c.fg)) && c.bg == Color::Black)
    );
    let white = braille.iter().filter(|c| c.fg == Color::White).count();
    assert!(
        white * 2 > braille.len(),
        "mostly land: {white} of {}",
        braille.len()
    );
}
