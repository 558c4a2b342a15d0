//! The map view: a braille world map with Shenyang and the listed partners,
//! the selected one joined to Shenyang by a line, and a side panel.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::canvas::{Canvas, Line as Segment, Map, MapResolution};

use super::text::{labelled, truncate};
use super::{kind_marker, pane};
use crate::data::PartnerKind;
use crate::tui::app::App;
use crate::tui::map::distance_km;

/// Marks on the map: they differ by shape, so colour is optional.
pub const HOME_MARK: &str = "■";
pub const SELECTED_MARK: &str = "◉";

pub fn draw(app: &App, frame: &mut Frame, body: Rect) {
    let (map_area, side) = if body.width >= 70 {
        let [m, s] = Layout::horizontal([Constraint::Min(0), Constraint::Length(32)]).areas(body);
        (m, Some(s))
    } else {
        (body, None)
    };
    draw_canvas(app, frame, map_area);
    if let Some(side) = side {
        draw_side(app, frame, side);
    }
}

fn colour(style: Style) -> Color {
    style.fg.unwrap_or(Color::Reset)
}

fn draw_canvas(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let title = format!(" {} · {:.1}× ", app.lang.tr("Map"), app.map.zoom);
    let block = pane(
        app,
        Line::from(Span::styled(
            truncate(&title, usize::from(area.width.saturating_sub(2))),
            t.heading,
        )),
        true,
    );
    let inner = block.inner(area);
    let bounds = app.map.bounds(inner.width, inner.height);
    let home = app.data.home.location;
    let home_name = app.home_name().to_string();
    let selected = app.selected_partner();
    // Name every partner in view once zoomed in, unless that would be hundreds.
    let in_view = app
        .partner_rows
        .iter()
        .filter(|h| {
            app.data
                .partners
                .get(h.ix)
                .and_then(|p| p.location)
                .is_some_and(|l| bounds.contains(l))
        })
        .take(61)
        .count();
    let label_all = app.map.zoom >= 3.0 && in_view <= 60;
    let canvas = Canvas::default()
        .block(block)
        .marker(Marker::Braille)
        .x_bounds(bounds.x)
        .y_bounds(bounds.y)
        .paint(|ctx| {
            ctx.draw(&Map {
                color: colour(t.map_land),
                resolution: MapResolution::High,
            });
            ctx.layer();
            if let Some(loc) = selected
                .and_then(|ix| app.data.partners.get(ix))
                .and_then(|p| p.location)
            {
                ctx.draw(&Segment {
                    x1: home.lon,
                    y1: home.lat,
                    x2: loc.lon,
                    y2: loc.lat,
                    color: colour(t.map_line),
                });
            }
            ctx.layer();
            for hit in &app.partner_rows {
                if Some(hit.ix) == selected {
                    continue;
                }
                let Some(p) = app.data.partners.get(hit.ix) else {
                    continue;
                };
                if let Some(loc) = p.location
                    && bounds.contains(loc)
                {
                    let (mark, style) = kind_marker(app, p.kind);
                    if label_all {
                        // Zoomed in on a region: name every partner in view.
                        ctx.print(
                            loc.lon,
                            loc.lat,
                            Line::from(vec![
                                Span::styled(mark, style),
                                Span::styled(format!(" {}", app.partner_name(hit.ix)), t.dim),
                            ]),
                        );
                    } else {
                        ctx.print(loc.lon, loc.lat, Span::styled(mark, style));
                    }
                }
            }
            ctx.print(
                home.lon,
                home.lat,
                Line::from(vec![
                    Span::styled(HOME_MARK, t.map_home),
                    Span::styled(format!(" {home_name}"), t.map_home),
                ]),
            );
            if let Some(ix) = selected
                && let Some(p) = app.data.partners.get(ix)
                && let Some(loc) = p.location
            {
                ctx.print(
                    loc.lon,
                    loc.lat,
                    Line::from(vec![
                        Span::styled(SELECTED_MARK, t.map_line),
                        Span::styled(format!(" {}", app.partner_name(ix)), t.map_line),
                    ]),
                );
            }
        });
    frame.render_widget(canvas, area);
}

/// The side panel: selected partner, legend and counts.
pub fn side_lines(app: &App, cols: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let lang = app.lang;
    let cols = cols.max(1);
    let mut out: Vec<Line<'static>> = Vec::new();
    match app
        .selected_partner()
        .and_then(|ix| app.data.partners.get(ix).map(|p| (ix, p)))
    {
        Some((ix, p)) => {
            out.push(Line::from(Span::styled(
                truncate(app.partner_name(ix), cols),
                t.title,
            )));
            let country = format!("{} ({})", app.country_name(p.country), p.country);
            out.push(Line::from(Span::styled(truncate(&country, cols), t.text)));
            let (mark, style) = kind_marker(app, p.kind);
            let kind = lang.tr(if p.kind == PartnerKind::Sister {
                "sister city"
            } else {
                "cooperative city"
            });
            out.push(Line::from(Span::styled(
                truncate(&format!("{mark} {kind}"), cols),
                style,
            )));
            if let Some(d) = p.established {
                out.extend(labelled(
                    &format!("{}: ", lang.tr("Established")),
                    &d.to_string(),
                    cols,
                    t.dim,
                    t.text,
                ));
            }
            let dist = match p.location {
                Some(loc) => {
                    let km = thousands(distance_km(app.data.home.location, loc).round() as u64);
                    match lang {
                        crate::tui::i18n::Lang::En => format!("{km} km from {}", app.home_name()),
                        crate::tui::i18n::Lang::Zh => format!("距{} {km} 公里", app.home_name()),
                    }
                }
                None => lang.tr("no coordinates").to_string(),
            };
            out.extend(labelled("", &dist, cols, t.text, t.text));
        }
        None => out.push(Line::from(Span::styled(
            truncate(lang.tr("No partners match"), cols),
            t.dim,
        ))),
    }
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        truncate(lang.tr("Legend"), cols),
        t.heading,
    )));
    let home = format!("{HOME_MARK} {} ({})", app.home_name(), lang.tr("home"));
    out.push(Line::from(Span::styled(truncate(&home, cols), t.map_home)));
    let (s_mark, s_style) = kind_marker(app, PartnerKind::Sister);
    let (c_mark, c_style) = kind_marker(app, PartnerKind::Cooperative);
    out.push(Line::from(Span::styled(
        truncate(&format!("{s_mark} {}", lang.tr("sister city")), cols),
        s_style,
    )));
    out.push(Line::from(Span::styled(
        truncate(&format!("{c_mark} {}", lang.tr("cooperative city")), cols),
        c_style,
    )));
    let sel = format!(
        "{SELECTED_MARK} {} ── {}",
        lang.tr("selected"),
        app.home_name()
    );
    out.push(Line::from(Span::styled(truncate(&sel, cols), t.map_line)));
    out.push(Line::default());
    let listed = app.partner_rows.len();
    let plotted = app
        .partner_rows
        .iter()
        .filter(|h| {
            app.data
                .partners
                .get(h.ix)
                .is_some_and(|p| p.location.is_some())
        })
        .count();
    let counts = match lang {
        crate::tui::i18n::Lang::En => format!(
            "{plotted} of {listed} listed partners plotted; {} without coordinates",
            listed - plotted
        ),
        crate::tui::i18n::Lang::Zh => {
            format!("已标注 {plotted}/{listed}；{} 个无坐标", listed - plotted)
        }
    };
    out.extend(labelled("", &counts, cols, t.dim, t.dim));
    out
}

fn draw_side(app: &App, frame: &mut Frame, area: Rect) {
    let block = pane(
        app,
        Line::from(Span::styled(
            format!(" {} ", app.lang.tr("Detail")),
            app.theme.heading,
        )),
        false,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(
        Paragraph::new(side_lines(app, usize::from(inner.width))),
        inner,
    );
}

/// 12345 → "12,345".
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1470), "1,470");
        assert_eq!(thousands(12345678), "12,345,678");
    }
}
