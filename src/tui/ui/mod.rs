//! Drawing: pure functions from `&State` to a frame. Nothing here changes
//! state; [`draw`] returns what it measured (pane sizes, how far each text
//! can scroll, the wrapped text itself) and the loop stores that in the
//! state, which pages, scrolls and clamps against it.

mod institutions;
pub mod layout;
pub mod map;
mod overlays;
pub mod partners;
mod stats;
pub mod text;

use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::keymap;
use super::state::measured::{TextKey, TextSize, Wrapped};
use super::state::{
    Action, Focus, InstitutionRow, Measured, Overlay, SearchTarget, State, TimelineRow, View,
};
use crate::data::PartnerKind;
use crate::present::{Label as L, Lang, words};
use text::{cut_spans, truncate, width};

pub use institutions::group_heading;
pub use overlays::{event_lines, help_lines};
pub use partners::partner_detail_lines;
pub use stats::stats_lines;

/// Draws the whole screen and returns what it measured.
pub fn draw(app: &State, frame: &mut Frame) -> Measured {
    let mut m = geometry(app, frame.area());
    draw_screen(app, frame, &mut m);
    // A theme's background covers every cell, not only those with text.
    app.theme.fill_base(frame.buffer_mut());
    m
}

/// Where everything goes at this size. Every list's height is measured,
/// shown or not: j/k in the map move the partner list, and its cursor must
/// be in view when the list comes back.
fn geometry(app: &State, area: Rect) -> Measured {
    let s = layout::screen(area);
    let (list, detail) = layout::institutions(s.body);
    Measured {
        screen: area,
        too_small: layout::too_small(area),
        body: s.body,
        partners: layout::partners(s.body, app.focus),
        institutions: list,
        institution_detail: detail,
        picker_rows: layout::picker_rows(area),
        map_canvas: map::canvas_size(s.body),
        ..Measured::default()
    }
}

fn draw_screen(app: &State, frame: &mut Frame, m: &mut Measured) {
    let area = frame.area();
    if layout::too_small(area) {
        draw_too_small(app, frame, area);
        return;
    }
    let s = layout::screen(area);
    draw_header(app, frame, s.header, m);
    match app.view {
        View::Partners => partners::draw(app, frame, s.body, m),
        View::Institutions => institutions::draw(app, frame, s.body, m),
        View::Map => map::draw(app, frame, s.body),
        View::Stats => stats::draw(app, frame, s.body, m),
    }
    // A popup's text is wrapped before the status bar, which counts its lines.
    let popup = overlays::popup_text(app, area, m);
    draw_status(app, frame, s.status, m);
    match &app.overlay {
        Overlay::None => {}
        Overlay::Picker(p) => overlays::draw_picker(app, frame, p),
        Overlay::Help { scroll } => overlays::draw_help(app, frame, &popup, *scroll),
        Overlay::Event(e) => overlays::draw_event(app, frame, &popup, e.scroll),
    }
}

/// The text `key` wrapped to `cols` columns: the last frame's if it wrapped
/// the same text in the same language at the same width, else `make`'s.
/// Either way it is kept in `m` for the next frame.
use crate::tui::state::story::LinkTarget;

pub fn wrapped(
    app: &State,
    m: &mut Measured,
    key: TextKey,
    cols: usize,
    make: impl FnOnce() -> Vec<Line<'static>>,
) -> Rc<[Line<'static>]> {
    // A source picked with 1–9 moves the ▸ mark: that text is made afresh.
    let picked = match (key, app.link) {
        (TextKey::Partner(p), Some((LinkTarget::Partner(q), n))) => p == q && n > 0,
        (TextKey::Institution(i), Some((LinkTarget::Institution(j), n))) => i == j && n > 0,
        (TextKey::Event { event, .. }, Some((LinkTarget::Event(e), n))) => event == e && n > 0,
        _ => false,
    };
    let cached = if picked {
        None
    } else {
        app.measured.texts.get(key, app.lang, cols)
    };
    let lines = cached.unwrap_or_else(|| make().into());
    m.texts.keep(Wrapped {
        key,
        lang: app.lang,
        cols,
        lines: Rc::clone(&lines),
    });
    lines
}

/// The size of `lines` shown in `area`.
pub fn text_size(lines: &[Line], area: Rect) -> TextSize {
    TextSize {
        lines: lines.len(),
        rows: usize::from(area.height),
    }
}

fn draw_too_small(app: &State, frame: &mut Frame, area: Rect) {
    let msg = words::too_small(
        app.lang,
        (area.width, area.height),
        (layout::MIN_WIDTH, layout::MIN_HEIGHT),
    );
    let lines: Vec<Line> = text::wrap(&msg, usize::from(area.width))
        .into_iter()
        .map(Line::from)
        .collect();
    frame.render_widget(Paragraph::new(lines).style(app.theme.text), area);
}

/// The view tabs in the widest form that fits `room` columns beside the
/// title: "1 Partners  2 Institutions  3 Map  4 Stats", then the active
/// view's name with the other numbers ("1 Partners  2  3  4"), then the
/// numbers alone with the active one marked; none when even that does
/// not fit, so the title is never cut for the tabs.
fn view_tabs(app: &State, room: usize) -> Vec<(View, Span<'static>)> {
    let t = &app.theme;
    const TABS: [(u8, View, L); 4] = [
        (1, View::Partners, L::Partners),
        (2, View::Institutions, L::Institutions),
        (3, View::Map, L::Map),
        (4, View::Stats, L::Stats),
    ];
    let style = |view: View| if app.view == view { t.selected } else { t.dim };
    let full: Vec<(View, Span<'static>)> = TABS
        .iter()
        .map(|&(n, view, label)| {
            let text = format!(" {n} {} ", app.lang.tr(label));
            (view, Span::styled(text, style(view)))
        })
        .collect();
    let active_named: Vec<(View, Span<'static>)> = TABS
        .iter()
        .map(|&(n, view, label)| {
            let text = if app.view == view {
                format!(" {n} {} ", app.lang.tr(label))
            } else {
                format!(" {n} ")
            };
            (view, Span::styled(text, style(view)))
        })
        .collect();
    let numbers: Vec<(View, Span<'static>)> = TABS
        .iter()
        .map(|&(n, view, _)| (view, Span::styled(format!(" {n} "), style(view))))
        .collect();
    [full, active_named, numbers]
        .into_iter()
        .find(|tabs| tabs_width(tabs) <= room)
        .unwrap_or_default()
}

fn tabs_width(tabs: &[(View, Span<'static>)]) -> usize {
    tabs.iter().map(|(_, s)| width(&s.content)).sum()
}

fn draw_header(app: &State, frame: &mut Frame, area: Rect, m: &mut Measured) {
    let t = &app.theme;
    let lang = app.lang;
    let home = &app.data.home;
    let home_name = match (lang, &home.name_zh) {
        (Lang::Zh, Some(zh)) => zh.clone(),
        (_, Some(zh)) => format!("{} {zh}", home.name),
        (_, None) => home.name.clone(),
    };
    let title = format!(" {home_name} · {}", lang.tr(L::Title));
    let cols = usize::from(area.width);
    // The title wins: the tabs shorten, then go, before the title is cut.
    let tabs = view_tabs(app, cols.saturating_sub(width(&title) + 1));
    let tabs_w = tabs_width(&tabs);
    // Where each tab lands, for the mouse.
    let mut x = area.right().saturating_sub(tabs_w as u16);
    for (view, span) in &tabs {
        let w = width(&span.content) as u16;
        m.tabs.push((*view, Rect::new(x, area.y, w, 1)));
        x = x.saturating_add(w);
    }
    let mut first = vec![Span::styled(truncate(&title, cols), t.title)];
    let used = text::spans_width(&first);
    first.push(Span::raw(" ".repeat(cols.saturating_sub(used + tabs_w))));
    first.extend(tabs.into_iter().map(|(_, s)| s));
    let mut lines = vec![Line::from(cut_spans(first, cols))];
    let coverage = format!(" {}", words::coverage_line(lang, &app.data.coverage()));
    if area.height >= 2 {
        lines.push(Line::from(Span::styled(truncate(&coverage, cols), t.dim)));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// "n/N": the position of a selection among `len` items (0/0 when empty).
fn position(selected: usize, len: usize) -> String {
    if len == 0 {
        "0/0".to_string()
    } else {
        format!("{}/{len}", selected.min(len - 1) + 1)
    }
}

/// The focused pane and where the selection is in it, for the status bar:
/// "PARTNERS 3/27", "DETAIL 3/27", "TIMELINE 12/61", "INSTITUTIONS 2/17",
/// "STATISTICS 1–22/98" (the lines shown).
pub fn focus_label(app: &State, m: &Measured) -> String {
    let lang = app.lang;
    let upper = |s: &str| s.to_uppercase();
    // A text that scrolls: its name and the lines it shows.
    let text_lines = |name: &str, size: Option<TextSize>, scroll: usize| {
        let TextSize { lines, rows } = size.unwrap_or_default();
        let first = scroll.min(lines.saturating_sub(rows));
        let last = (first + rows).min(lines);
        format!(
            "{} {}–{last}/{lines}",
            upper(name),
            first + usize::from(lines > 0)
        )
    };
    match &app.overlay {
        Overlay::Help { scroll } => {
            return text_lines(lang.tr(L::Help), m.scroll.help, *scroll);
        }
        Overlay::Event(e) => {
            return text_lines(lang.tr(L::Event), m.scroll.event, e.scroll);
        }
        Overlay::Picker(p) => {
            return format!(
                "{} {}",
                upper(lang.tr(L::Country)),
                position(p.cursor.selected, p.rows.len())
            );
        }
        Overlay::None => {}
    }
    let partner_pos = || position(app.partners.list.selected, app.partners.rows.len());
    match app.view {
        View::Partners => match app.focus {
            Focus::List => format!("{} {}", upper(lang.tr(L::Partners)), partner_pos()),
            Focus::Detail => format!("{} {}", upper(lang.tr(L::Detail)), partner_pos()),
            Focus::Timeline => {
                let rows = &app.timeline.rows;
                let events = app.timeline.hits.len();
                let before = rows[..app.timeline.cursor.selected.min(rows.len())]
                    .iter()
                    .filter(|r| matches!(r, TimelineRow::Event(_)))
                    .count();
                format!(
                    "{} {}",
                    upper(lang.tr(L::Timeline)),
                    position(before, events)
                )
            }
        },
        View::Institutions => {
            let items: Vec<usize> = app
                .institutions
                .rows
                .iter()
                .enumerate()
                .filter(|(_, r)| matches!(r, InstitutionRow::Item(_)))
                .map(|(i, _)| i)
                .collect();
            let at = items
                .iter()
                .position(|&i| i == app.institutions.cursor.selected)
                .unwrap_or(0);
            let pane = if app.institutions.detail_focused {
                lang.tr(L::Detail)
            } else {
                lang.tr(L::Institutions)
            };
            format!("{} {}", upper(pane), position(at, items.len()))
        }
        View::Map => format!("{} {}", upper(lang.tr(L::Map)), partner_pos()),
        View::Stats => text_lines(lang.tr(L::Statistics), m.scroll.stats, app.stats.scroll),
    }
}

/// Active query and filters, e.g. "/dus · Japan · sister · sort: name", in
/// the views they apply to (Partners and Map; empty elsewhere).
pub fn filters_text(app: &State) -> String {
    let lang = app.lang;
    if !matches!(app.view, View::Partners | View::Map) || app.overlay != Overlay::None {
        return String::new();
    }
    let mut parts: Vec<String> = Vec::new();
    if app.view == View::Partners && app.focus == crate::tui::state::Focus::Timeline {
        // The timeline's own search and filters, not the partner list's.
        let tl = &app.timeline;
        if !tl.query.is_empty() && app.typing != Some(SearchTarget::Events) {
            parts.push(format!("/{}", tl.query));
        }
        for &c in &tl.countries {
            parts.push(app.country_name(c).to_string());
        }
        if let Some(kind) = tl.kind {
            parts.push(words::event_kind(lang, kind).to_string());
        }
        if tl.best_first && !tl.query.trim().is_empty() {
            parts.push(lang.tr(L::BestFirst).to_string());
        }
        return parts.join(" · ");
    }
    let p = &app.partners;
    if !p.query.is_empty() && app.typing != Some(SearchTarget::Partners) {
        parts.push(format!("/{}", p.query));
    }
    if !app.timeline.query.is_empty() && app.typing != Some(SearchTarget::Events) {
        parts.push(format!("{}: /{}", lang.tr(L::Timeline), app.timeline.query));
    }
    for &c in &p.filter.countries {
        parts.push(app.country_name(c).to_string());
    }
    if let Some(kind) = p.filter.kind {
        parts.push(words::partner_kind(lang, kind).to_string());
    }
    parts.push(format!(
        "{}: {}",
        lang.tr(L::Sort).to_lowercase(),
        words::sort_key(lang, p.sort)
    ));
    parts.join(" · ")
}

fn draw_status(app: &State, frame: &mut Frame, area: Rect, m: &Measured) {
    let t = &app.theme;
    let cols = usize::from(area.width);
    let mut spans: Vec<Span> = Vec::new();
    if let Some(target) = app.typing {
        let (label, query) = match target {
            SearchTarget::Partners => (app.lang.tr(L::Search), &app.partners.query),
            SearchTarget::Events => (app.lang.tr(L::Timeline), &app.timeline.query),
        };
        spans.push(Span::styled(format!(" {label} /"), t.status_key));
        if app.query_selected {
            // Selected for replacement: the bar's video inverted.
            let reversed = ratatui::style::Modifier::REVERSED;
            let selected = if t.status_bar.add_modifier.contains(reversed) {
                t.status_bar.remove_modifier(reversed)
            } else {
                t.status_bar.add_modifier(reversed)
            };
            spans.push(Span::styled(query.clone(), selected));
            spans.push(Span::styled("▏", t.status_bar));
        } else {
            spans.push(Span::styled(format!("{query}▏"), t.status_bar));
        }
    } else {
        spans.push(Span::styled(
            format!(" {} ", focus_label(app, m)),
            t.status_key,
        ));
        let filters = filters_text(app);
        if !filters.is_empty() {
            spans.push(Span::styled(format!("│ {filters} "), t.status_bar));
        }
    }
    if let Some(status) = &app.status {
        let msg = status.text(app.lang);
        spans.push(Span::styled(format!("│ {msg} "), t.status_key));
    }
    let left_w = text::spans_width(&spans);
    let mut hint_spans: Vec<Span> = Vec::new();
    // Only keys that do something here, from the one keymap table.
    let mut hints = keymap::hints(&app.contexts());
    hints.retain(|h| app.available(&h.action, m));
    let mut room = cols.saturating_sub(left_w + 1);
    let hint_w = |h: &keymap::Hint| width(&h.keys) + width(app.lang.tr(h.label)) + 3;
    // When not all fit, keep the most useful ones, shown in the table's order.
    let mut by_importance: Vec<usize> = (0..hints.len()).collect();
    by_importance.sort_by_key(|&i| hint_importance(&hints[i].action));
    let mut shown = vec![false; hints.len()];
    for i in by_importance {
        let w = hint_w(&hints[i]);
        if w <= room {
            room -= w;
            shown[i] = true;
        }
    }
    for (h, _) in hints.iter().zip(shown).filter(|(_, s)| *s) {
        hint_spans.push(Span::styled(format!(" {}", h.keys), t.status_key));
        hint_spans.push(Span::styled(
            format!(" {} ", app.lang.tr(h.label)),
            t.status_bar,
        ));
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

/// Which status-bar hints stay when the bar is too narrow for all: `? help`
/// first (it leads to every key), then Enter, then what the pane offers.
fn hint_importance(action: &Action) -> u8 {
    use Action as A;
    match action {
        A::Help => 0,
        A::Open => 1,
        A::Search => 2,
        A::CountryPicker => 3,
        A::CycleKind => 4,
        A::Down => 5,
        A::FocusNext => 6,
        A::CycleSort => 7,
        A::Quit => 8,
        _ => 2,
    }
}

/// A pane title cut to fit between the corners of a pane `width` columns
/// wide, by display width, ending "… " when cut.
pub fn fit_title(title: Line<'static>, width: u16) -> Line<'static> {
    let max = usize::from(width.saturating_sub(2));
    if title.width() <= max {
        return title;
    }
    let mut spans = title.spans;
    // The title's closing space comes back after the ellipsis.
    if let Some(last) = spans.last_mut()
        && let Some(trimmed) = last.content.strip_suffix(' ')
    {
        last.content = trimmed.to_string().into();
    }
    let mut out = cut_spans(spans, max.saturating_sub(1));
    if max > 1 {
        out.push(Span::raw(" "));
    }
    Line::from(out)
}

/// [`pane`] for `area`, with its title fitted to the pane's width.
pub fn pane_in(app: &State, title: Line<'static>, focused: bool, area: Rect) -> Block<'static> {
    pane(app, fit_title(title, area.width), focused)
}

/// A bordered block whose border shows focus.
pub fn pane(app: &State, title: Line<'static>, focused: bool) -> Block<'static> {
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

/// The style of the characters that matched a search, on a row drawn in
/// `row`. On a selected row the match keeps the row's own style (reverse
/// video, the selection colours) and only adds the match's emphasis (bold,
/// underline), so the selection bar stays whole in every theme and without
/// colour; other rows use the theme's match style.
pub fn match_style(app: &State, row: Style, selected: bool) -> Style {
    let matched = app.theme.matched;
    if selected {
        row.add_modifier(matched.add_modifier - ratatui::style::Modifier::REVERSED)
    } else {
        matched
    }
}

/// The marker and style of a partner kind: ● sister, ○ cooperative, so the
/// kinds differ without colour.
pub fn kind_marker(app: &State, kind: PartnerKind) -> (&'static str, Style) {
    match kind {
        PartnerKind::Sister => ("●", app.theme.sister),
        PartnerKind::Cooperative => ("○", app.theme.cooperative),
    }
}

/// Renders `lines` in `area` from line `scroll`, clamped to the text's end,
/// with ↑ / ↓ at the right edge when there is more text above or below.
pub fn render_scrolled(frame: &mut Frame, area: Rect, lines: &[Line<'static>], scroll: usize) {
    let rows = usize::from(area.height);
    let total = lines.len();
    let max = total.saturating_sub(rows);
    let start = scroll.min(max);
    let visible: Vec<Line> = lines.iter().skip(start).take(rows).cloned().collect();
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
pub fn push_heading(out: &mut Vec<Line<'static>>, app: &State, heading: &str, cols: usize) {
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        truncate(heading, cols),
        app.theme.heading,
    )));
}

/// A record's notes on conflicts and doubts, if it has any.
pub fn push_notes(out: &mut Vec<Line<'static>>, app: &State, notes: &[String], cols: usize) {
    if !notes.is_empty() {
        push_heading(out, app, app.lang.tr(L::NotesAndDoubts), cols);
        for n in notes {
            out.extend(text::bullet(n, cols, app.theme.text));
        }
    }
}

/// A record's numbered sources with their grades, which every detail ends
/// with; then where its point comes from, and its provenance notes.
pub fn push_sources(
    out: &mut Vec<Line<'static>>,
    app: &State,
    sources: &[crate::data::Source],
    point: Option<&crate::data::PointSource>,
    provenance: &[String],
    cols: usize,
) {
    let t = &app.theme;
    let lang = app.lang;
    push_heading(out, app, app.lang.tr(L::Sources), cols);
    // The source `o` opens and `y` copies is marked, when these are the
    // focused detail's sources.
    let selected = app
        .link_target()
        .filter(|&target| std::ptr::eq(app.sources_of(target).as_ptr(), sources.as_ptr()))
        .map(|target| app.selected_source(target));
    for (i, s) in sources.iter().enumerate() {
        let grade = words::grade(lang, s.grade);
        let mark = if selected == Some(i) { "▸" } else { " " };
        let label = format!("{mark}{}. {grade} · ", i + 1);
        // A URL is never wrapped (a wrapped link cannot be selected or
        // clicked whole): one line, cut with … only where the pane is narrower.
        let room = cols.saturating_sub(width(&label));
        let mut spans = vec![Span::styled(label, t.dim)];
        if room > 0 {
            spans.push(Span::styled(truncate(&s.url, room), t.link));
        }
        out.push(Line::from(text::cut_spans(spans, cols)));
    }
    if let Some(point) = point {
        let label = words::coordinates_source(lang, point.geonames(), point.grade());
        out.extend(text::labelled(&label, &point.url(), cols, t.dim, t.link));
    }
    if !provenance.is_empty() {
        push_heading(out, app, app.lang.tr(L::Provenance), cols);
        for n in provenance {
            out.extend(text::bullet(n, cols, app.theme.dim));
        }
    }
}
