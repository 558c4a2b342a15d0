//! Drawing: pure functions from `&App` to a frame. Nothing here changes state.

mod institutions;
pub mod map;
mod overlays;
pub mod partners;
mod stats;
pub mod text;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::app::{App, Focus, Overlay, SearchTarget, View};
use super::i18n::Lang;
use super::keymap;
use super::layout;
use crate::data::PartnerKind;
use text::{cut_spans, truncate, width};

pub use institutions::institution_detail_lines;
pub use overlays::{event_lines, help_lines};
pub use partners::partner_detail_lines;
pub use stats::stats_lines;

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame) {
    draw_screen(app, frame);
    // A theme's background covers every cell, not only those with text.
    app.theme.fill_base(frame.buffer_mut());
}

fn draw_screen(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if layout::too_small(area) {
        draw_too_small(app, frame, area);
        return;
    }
    let s = layout::screen(area);
    draw_header(app, frame, s.header);
    match app.view {
        View::Partners => partners::draw(app, frame, s.body),
        View::Institutions => institutions::draw(app, frame, s.body),
        View::Map => map::draw(app, frame, s.body),
        View::Stats => stats::draw(app, frame, s.body),
    }
    draw_status(app, frame, s.status);
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help { scroll } => overlays::draw_help(app, frame, *scroll),
        Overlay::Picker(p) => overlays::draw_picker(app, frame, p),
        Overlay::Event(e) => overlays::draw_event(app, frame, e),
    }
}

fn draw_too_small(app: &App, frame: &mut Frame, area: Rect) {
    let msg = format!(
        "{} ({}x{}; {}x{} needed). q quits.",
        app.lang.tr("Terminal too small"),
        area.width,
        area.height,
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT
    );
    let lines: Vec<Line> = text::wrap(&msg, usize::from(area.width))
        .into_iter()
        .map(Line::from)
        .collect();
    frame.render_widget(Paragraph::new(lines).style(app.theme.text), area);
}

/// "20 of 23 sister cities · 7 of 77 cooperative cities · 18 of 43 countries documented".
pub fn coverage_text(app: &App) -> String {
    let cov = app.data.coverage();
    let of = |n: usize, total: Option<u32>| match total {
        Some(t) => format!("{n}/{t}"),
        None => n.to_string(),
    };
    match app.lang {
        Lang::En => {
            let mut s = format!(
                "{} · {} · {} documented",
                cov.sister_phrase(),
                cov.cooperative_phrase(),
                cov.countries_phrase()
            );
            if let Some(d) = cov.as_of {
                s.push_str(&format!(" (official totals {d})"));
            }
            s
        }
        Lang::Zh => {
            let mut s = format!(
                "已收录：友好城市 {} · 友好合作城市 {} · 国家 {}",
                of(cov.sister, cov.official_sister),
                of(cov.cooperative, cov.official_cooperative),
                of(cov.countries, cov.official_countries)
            );
            if let Some(d) = cov.as_of {
                s.push_str(&format!("（官方数字 {d}）"));
            }
            s
        }
    }
}

fn draw_header(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let lang = app.lang;
    let home = &app.data.home;
    let home_name = match (lang, &home.name_zh) {
        (Lang::Zh, Some(zh)) => zh.clone(),
        (_, Some(zh)) => format!("{} {zh}", home.name),
        (_, None) => home.name.clone(),
    };
    let title = format!(" {home_name} · {}", lang.tr("international partnerships"));
    let mut tabs: Vec<Span> = Vec::new();
    for (n, view, label) in [
        (1, View::Partners, "Partners"),
        (2, View::Institutions, "Institutions"),
        (3, View::Map, "Map"),
        (4, View::Stats, "Stats"),
    ] {
        let text = format!(" {n} {} ", lang.tr(label));
        tabs.push(Span::styled(
            text,
            if app.view == view { t.selected } else { t.dim },
        ));
    }
    let cols = usize::from(area.width);
    let tabs_w = text::spans_width(&tabs);
    let mut first: Vec<Span> = Vec::new();
    if area.height >= 2 || cols >= title.len() + tabs_w + 4 {
        let room = cols.saturating_sub(tabs_w + 1);
        first.push(Span::styled(truncate(&title, room), t.title));
        let used = text::spans_width(&first);
        first.push(Span::raw(" ".repeat(cols.saturating_sub(used + tabs_w))));
        first.extend(tabs);
    } else {
        first.push(Span::styled(title, t.title));
    }
    let mut lines = vec![Line::from(cut_spans(first, cols))];
    let coverage = format!(" {}", coverage_text(app));
    if area.height >= 2 {
        lines.push(Line::from(Span::styled(truncate(&coverage, cols), t.dim)));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// Name of the focused pane for the status bar.
fn focus_label(app: &App) -> String {
    let lang = app.lang;
    match app.view {
        View::Partners => {
            let (name, n, total) = match app.focus {
                Focus::List => (
                    lang.tr("Partners"),
                    app.list.selected + usize::from(!app.partner_rows.is_empty()),
                    app.partner_rows.len(),
                ),
                Focus::Detail => (lang.tr("Detail"), 0, 0),
                Focus::Timeline => {
                    let events = app.event_hits.len();
                    let before = app.timeline_rows
                        [..app.timeline.selected.min(app.timeline_rows.len())]
                        .iter()
                        .filter(|r| matches!(r, super::app::TimelineRow::Event(_)))
                        .count();
                    (
                        lang.tr("Timeline"),
                        before + usize::from(events > 0),
                        events,
                    )
                }
            };
            if app.focus == Focus::Detail {
                name.to_uppercase()
            } else {
                format!("{} {n}/{total}", name.to_uppercase())
            }
        }
        View::Institutions => lang.tr("Institutions").to_uppercase(),
        View::Map => format!(
            "{} {}/{}",
            lang.tr("Map").to_uppercase(),
            app.list.selected + usize::from(!app.partner_rows.is_empty()),
            app.partner_rows.len()
        ),
        View::Stats => lang.tr("Statistics").to_uppercase(),
    }
}

/// Active query and filters, e.g. "/dus · Japan · sister · sort: name".
pub fn filters_text(app: &App) -> String {
    let lang = app.lang;
    let mut parts: Vec<String> = Vec::new();
    if !app.partner_query.is_empty() && app.typing != Some(SearchTarget::Partners) {
        parts.push(format!("/{}", app.partner_query));
    }
    if !app.event_query.is_empty() && app.typing != Some(SearchTarget::Events) {
        parts.push(format!("{}: /{}", lang.tr("Timeline"), app.event_query));
    }
    for &c in &app.filter.countries {
        parts.push(app.country_name(c).to_string());
    }
    if let Some(kind) = app.filter.kind {
        parts.push(lang.tr(kind.as_str()).to_string());
    }
    if matches!(app.view, View::Partners | View::Map) {
        parts.push(format!(
            "{}: {}",
            lang.tr("Sort").to_lowercase(),
            lang.tr(app.sort.as_str())
        ));
    }
    parts.join(" · ")
}

fn draw_status(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let cols = usize::from(area.width);
    let mut spans: Vec<Span> = Vec::new();
    if let Some(target) = app.typing {
        let (label, query) = match target {
            SearchTarget::Partners => (app.lang.tr("Search"), &app.partner_query),
            SearchTarget::Events => (app.lang.tr("Timeline"), &app.event_query),
        };
        spans.push(Span::styled(format!(" {label} /"), t.status_key));
        spans.push(Span::styled(format!("{query}▏"), t.status_bar));
    } else {
        spans.push(Span::styled(
            format!(" {} ", focus_label(app)),
            t.status_key,
        ));
        let filters = filters_text(app);
        if !filters.is_empty() {
            spans.push(Span::styled(format!("│ {filters} "), t.status_bar));
        }
    }
    if let Some(msg) = &app.status {
        spans.push(Span::styled(format!("│ {msg} "), t.status_key));
    }
    let left_w = text::spans_width(&spans);
    let mut hint_spans: Vec<Span> = Vec::new();
    let mut hints = keymap::hints(&app.contexts());
    hints.retain(|(_, hint)| match app.view {
        View::Stats => !matches!(*hint, "focus" | "open"),
        View::Map => *hint != "focus",
        View::Partners | View::Institutions => true,
    });
    // `? help` always comes last, where people look for it.
    if let Some(pos) = hints.iter().position(|(_, h)| *h == "help") {
        let help = hints.remove(pos);
        hints.push(help);
    }
    let mut room = cols.saturating_sub(left_w + 1);
    let help_w = hints
        .last()
        .map_or(0, |(k, h)| width(k) + width(app.lang.tr(h)) + 3);
    let n = hints.len();
    for (i, (keys, hint)) in hints.into_iter().enumerate() {
        let hint = app.lang.tr(hint);
        let w = width(&keys) + width(hint) + 3;
        let reserve = if i + 1 < n { help_w } else { 0 };
        if w + reserve > room {
            continue;
        }
        room -= w;
        hint_spans.push(Span::styled(format!(" {keys}"), t.status_key));
        hint_spans.push(Span::styled(format!(" {hint} "), t.status_bar));
    }
    let hints_w = text::spans_width(&hint_spans);
    let pad = cols.saturating_sub(left_w + hints_w);
    spans.push(Span::styled(" ".repeat(pad), t.status_bar));
    spans.extend(hint_spans);
    frame.render_widget(
        Paragraph::new(Line::from(cut_spans(spans, cols))).style(t.status_bar),
        area,
    );
}

/// A bordered block whose border shows focus.
pub fn pane(app: &App, title: Line<'static>, focused: bool) -> Block<'static> {
    let t = &app.theme;
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            ratatui::widgets::BorderType::Thick
        } else {
            ratatui::widgets::BorderType::Plain
        })
        .border_style(if focused { t.border_focused } else { t.border })
        .title(title)
}

/// The marker and style of a partner kind: ● sister, ○ cooperative, so the
/// kinds differ without colour.
pub fn kind_marker(app: &App, kind: PartnerKind) -> (&'static str, Style) {
    match kind {
        PartnerKind::Sister => ("●", app.theme.sister),
        PartnerKind::Cooperative => ("○", app.theme.cooperative),
    }
}

/// Renders `lines` in `area` from line `scroll`, clamped to the text's end.
/// Renders `lines` in `area` from line `scroll`, clamped to the text's end,
/// with ↑ / ↓ at the right edge when there is more text above or below.
pub fn render_scrolled(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>, scroll: usize) {
    let rows = usize::from(area.height);
    let total = lines.len();
    let max = total.saturating_sub(rows);
    let start = scroll.min(max);
    let visible: Vec<Line> = lines.into_iter().skip(start).take(rows).collect();
    frame.render_widget(Paragraph::new(visible), area);
    if area.width >= 3 && area.height >= 1 {
        let x = area.right() - 1;
        let buf = frame.buffer_mut();
        let mut mark = |y: u16, symbol: &str| {
            // Blank a wide character whose second half would be overwritten.
            if x > area.left() && width(buf[(x - 1, y)].symbol()) > 1 {
                buf[(x - 1, y)].set_symbol(" ");
            }
            buf[(x, y)].set_symbol(symbol);
        };
        if start > 0 {
            mark(area.top(), "↑");
        }
        if start < max {
            mark(area.bottom() - 1, "↓");
        }
    }
}

/// Clears the area of a popup. A wide (CJK) character that starts just
/// left of the popup, or whose second half lies just right of it, would
/// otherwise be drawn half under the border: it is blanked first.
pub fn clear_popup(frame: &mut Frame, area: Rect) {
    let buf = frame.buffer_mut();
    let bounds = buf.area;
    for y in area.top()..area.bottom() {
        if area.left() > bounds.left() {
            let cell = &mut buf[(area.left() - 1, y)];
            if width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
        if area.right() > area.left() && area.right() < bounds.right() {
            let last = width(buf[(area.right() - 1, y)].symbol());
            if last > 1 {
                buf[(area.right(), y)].set_symbol(" ");
            }
        }
    }
    frame.render_widget(ratatui::widgets::Clear, area);
}

/// Appends wrapped text in one style.
pub fn push_wrapped(out: &mut Vec<Line<'static>>, s: &str, cols: usize, style: Style) {
    out.extend(
        text::wrap(s, cols)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, style))),
    );
}

/// Appends a blank line and a section heading.
pub fn push_heading(out: &mut Vec<Line<'static>>, app: &App, heading: &str, cols: usize) {
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        truncate(heading, cols),
        app.theme.heading,
    )));
}

/// A record's notes on conflicts and doubts, if it has any.
pub fn push_notes(out: &mut Vec<Line<'static>>, app: &App, notes: &[String], cols: usize) {
    if !notes.is_empty() {
        push_heading(out, app, app.lang.tr("Notes and doubts"), cols);
        for n in notes {
            out.extend(text::bullet(n, cols, app.theme.text));
        }
    }
}

/// A record's numbered sources, which every detail ends with.
pub fn push_sources(out: &mut Vec<Line<'static>>, app: &App, sources: &[String], cols: usize) {
    let t = &app.theme;
    push_heading(out, app, app.lang.tr("Sources"), cols);
    for (i, s) in sources.iter().enumerate() {
        out.extend(text::labelled(
            &format!("{}. ", i + 1),
            s,
            cols,
            t.dim,
            t.link,
        ));
    }
}
