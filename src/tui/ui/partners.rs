//! The Partners view: partner list, partner detail and the event timeline.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::layout;
use super::text::{self, cut_spans, fit, highlighted, labelled, truncate, width};
use super::{kind_marker, pane_in, render_scrolled, text_size, wrapped};
use crate::data::PartnerIx;
use crate::present::{Label as L, Lang, words};
use crate::query::Field;
use crate::tui::state::measured::TextKey;
use crate::tui::state::{Focus, Measured, SearchTarget, State, TimelineRow};

pub fn draw(app: &State, frame: &mut Frame, body: Rect, m: &mut Measured) {
    let l = layout::partners(body, app.focus);
    if let Some(r) = l.list {
        draw_list(app, frame, r);
    }
    if let Some(r) = l.detail {
        draw_detail(app, frame, r, m);
    }
    if let Some(r) = l.timeline {
        draw_timeline(app, frame, r);
    }
}

fn title(
    app: &State,
    label: &str,
    count: Option<(usize, usize)>,
    query: &str,
    typing: bool,
) -> Line<'static> {
    let t = &app.theme;
    let mut spans = vec![Span::styled(format!(" {label}"), t.heading)];
    if let Some((n, total)) = count {
        spans.push(Span::styled(format!(" {n}/{total}"), t.dim));
    }
    if typing || !query.is_empty() {
        spans.push(Span::styled(" /", t.input));
        // A reopened query is drawn selected: typing replaces it.
        let selected = typing && app.query_selected;
        spans.push(Span::styled(
            query.to_string(),
            if selected { t.selected } else { t.input },
        ));
        if typing {
            spans.push(Span::styled("▏", t.input));
        }
    }
    spans.push(Span::raw(" "));
    Line::from(spans)
}

fn draw_list(app: &State, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let focused = app.focus == Focus::List;
    let p = &app.partners;
    let block = pane_in(
        app,
        title(
            app,
            app.lang.tr(L::Partners),
            Some((p.partner_rows(), app.data.partners.len())),
            &p.query,
            app.typing == Some(SearchTarget::Partners),
        ),
        focused,
        area,
    );
    // The symbols explained, in the bottom border where they fit.
    let legend = app.lang.tr(L::LegendLine);
    let block = if width(legend) + 4 <= usize::from(area.width) {
        block.title_bottom(Line::from(Span::styled(
            format!(" {legend} "),
            app.theme.dim,
        )))
    } else {
        block
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let cols = usize::from(inner.width);
    if p.rows.is_empty() {
        let msg = truncate(app.lang.tr(L::NoPartnersMatch), cols);
        frame.render_widget(Paragraph::new(Span::styled(msg, t.dim)), inner);
        return;
    }
    let rows = usize::from(inner.height);
    // The cursor as it shows in these rows (the state takes the same
    // clamp from what this frame measures).
    let cursor = p.list.clamped(p.rows.len(), rows);
    let country_w = country_column(app, cursor.offset, cols, rows);
    let lines: Vec<Line> = p
        .rows
        .iter()
        .enumerate()
        .skip(cursor.offset)
        .take(rows)
        .map(|(i, hit)| {
            let selected = i == cursor.selected;
            let style = match (selected, focused) {
                (true, true) => t.selected,
                (true, false) => t.selected_inactive,
                _ => t.text,
            };
            if hit.ix >= app.data.partners.len() {
                placeholder_row(app, hit.ix - app.data.partners.len(), cols, style, selected)
            } else {
                partner_row(app, hit, cols, country_w, style, selected)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The country column's width: the full country names of the rows on
/// screen where they fit beside both full names of every partner shown,
/// else the ISO codes (2), never a cut name.
fn country_column(app: &State, offset: usize, cols: usize, rows: usize) -> usize {
    let visible = app.partners.rows.iter().skip(offset).take(rows);
    let (mut names, mut countries) = (0, 0);
    for hit in visible {
        let Some(p) = app.data.partners.get(hit.ix) else {
            continue;
        };
        // Both names as the row shows them: a country name never pushes
        // the second (often Chinese) name out, unless the search matched
        // the country, which then matters more than the second name.
        let (first, _, second, _) = self::names(app, hit.ix, hit.field);
        let shown = if matches!(hit.field, Field::Country | Field::CountryZh) {
            width(&first)
        } else {
            width(&first) + second.map_or(0, |s| 2 + width(&s))
        };
        names = names.max(shown);
        countries = countries.max(width(app.country_name(p.country)));
    }
    // Marker and doubt sign, the name, a space, the country, a space, the year.
    if countries > 2 && 2 + names + 1 + countries + 1 + 4 <= cols {
        countries
    } else {
        2
    }
}

/// A placeholder row: a sister city the official figures count but no
/// source identifies, where its number or date window puts it.
fn placeholder_row(
    app: &State,
    u: usize,
    cols: usize,
    style: Style,
    selected: bool,
) -> Line<'static> {
    let Some(x) = app.data.unidentified.get(u) else {
        return Line::default();
    };
    let text = words::placeholder_row(app.lang, x.order, x.after, x.before);
    let dim = if selected { style } else { app.theme.dim };
    let mut spans = vec![
        Span::styled("· ", dim),
        Span::styled(truncate(&text, cols.saturating_sub(2)), dim),
    ];
    let used = text::spans_width(&spans);
    if selected {
        spans.push(Span::styled(" ".repeat(cols.saturating_sub(used)), style));
    }
    Line::from(cut_spans(spans, cols))
}

/// A placeholder's detail: what is known (number, date window), the
/// candidates as candidates, the note and the sources.
pub fn placeholder_lines(app: &State, u: usize, cols: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let lang = app.lang;
    let Some(x) = app.data.unidentified.get(u) else {
        return Vec::new();
    };
    let cols = cols.max(1);
    let mut out: Vec<Line<'static>> = Vec::new();
    let wrap = |out: &mut Vec<Line<'static>>, s: &str, style: Style| {
        out.extend(
            text::wrap(s, cols)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, style))),
        );
    };
    wrap(
        &mut out,
        &words::placeholder_row(lang, x.order, x.after, x.before),
        t.title,
    );
    out.push(Line::default());
    wrap(&mut out, &x.note, t.text);
    if !x.candidates.is_empty() {
        super::push_heading(&mut out, app, lang.tr(L::Candidates), cols);
        wrap(&mut out, lang.tr(L::CandidatesNote), t.dim);
        for &c in &x.candidates {
            out.extend(text::bullet(app.partner_name(c), cols, t.text));
        }
    }
    super::push_sources(&mut out, app, &x.sources, None, &[], cols);
    out
}

/// One list row: marker, name (and second name where it fits), country, year.
fn partner_row(
    app: &State,
    hit: &crate::query::Hit,
    cols: usize,
    country_w: usize,
    style: Style,
    selected: bool,
) -> Line<'static> {
    let t = &app.theme;
    let Some(p) = app.data.partners.get(hit.ix) else {
        return Line::default();
    };
    let matched = super::match_style(app, style, selected);
    let (marker, marker_style) = kind_marker(app, p.kind);
    let marker_style = if selected { style } else { marker_style };
    let doubt = if p.uncertain { "?" } else { " " };
    let year = p
        .established
        .map(|d| d.year().to_string())
        .unwrap_or_default();
    // The country's name where the column has room for it, else its code.
    let country_field = if app.lang == Lang::Zh {
        Field::CountryZh
    } else {
        Field::Country
    };
    let country_text = if country_w > 2 {
        app.country_name(p.country).to_string()
    } else {
        p.country.as_str().to_string()
    };
    // Marker and doubt sign, the name, a space, the country, a space, the year.
    let fixed = 2 + 1 + country_w + 1 + 4;
    let name_w = cols.saturating_sub(fixed);

    // Primary name in the chosen language; the other name second.
    let (first, first_field, second, second_field) = names(app, hit.ix, hit.field);
    let first_pos = app.partner_match(hit, first_field);
    let mut spans = vec![
        Span::styled(marker.to_string(), marker_style),
        Span::styled(doubt.to_string(), if selected { style } else { t.warning }),
    ];
    let mut name_spans = highlighted(&first, &first_pos, style, matched, name_w);
    if let Some(second) = second {
        let used = text::spans_width(&name_spans);
        let room = name_w.saturating_sub(used + 2);
        // Only where the second name fits, or enough of it to recognise.
        if room >= width(&second).min(8) && room > 0 {
            let second_pos = app.partner_match(hit, second_field);
            name_spans.push(Span::styled("  ", style));
            let dim = if selected { style } else { t.dim };
            name_spans.extend(highlighted(&second, &second_pos, dim, matched, room));
        }
    }
    let used = text::spans_width(&name_spans);
    spans.extend(name_spans);
    spans.push(Span::styled(
        " ".repeat(name_w.saturating_sub(used) + 1),
        style,
    ));
    let country_pos = if country_w > 2 {
        app.partner_match(hit, country_field)
    } else {
        app.partner_match(hit, Field::CountryCode)
    };
    let country_spans = highlighted(&country_text, &country_pos, style, matched, country_w);
    let cw = text::spans_width(&country_spans);
    spans.extend(country_spans);
    spans.push(Span::styled(
        " ".repeat(country_w.saturating_sub(cw) + 1),
        style,
    ));
    spans.push(Span::styled(fit(&year, 4), style));
    Line::from(cut_spans(spans, cols))
}

/// (primary name, its field, secondary name, its field) for a partner in the
/// current language; a local-script name that matched the query is shown as
/// the secondary name so the user sees why the row is there.
fn names(app: &State, ix: PartnerIx, matched: Field) -> (String, Field, Option<String>, Field) {
    let p = &app.data.partners[ix];
    let zh = p.name_zh.clone();
    let local = p.name_local.clone().filter(|l| *l != p.name);
    let (first, first_field, other, other_field) = match (app.lang, &zh) {
        (Lang::Zh, Some(zh)) => (zh.clone(), Field::NameZh, Some(p.name.clone()), Field::Name),
        _ => (p.name.clone(), Field::Name, zh.clone(), Field::NameZh),
    };
    if matched == Field::NameLocal {
        return (first, first_field, local, Field::NameLocal);
    }
    let other = other.or(local.clone());
    let other_field = if zh.is_some() {
        other_field
    } else {
        Field::NameLocal
    };
    (first, first_field, other, other_field)
}

fn draw_detail(app: &State, frame: &mut Frame, area: Rect, m: &mut Measured) {
    let focused = app.focus == Focus::Detail;
    let label = match app.selected_partner() {
        Some(ix) => format!("{} · {}", app.lang.tr(L::Detail), app.partner_name(ix)),
        None => app.lang.tr(L::Detail).to_string(),
    };
    let block = pane_in(app, title(app, &label, None, "", false), focused, area);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if let Some(u) = app.partners.placeholder() {
        let lines = placeholder_lines(app, u, usize::from(inner.width));
        m.scroll.detail = Some(text_size(&lines, inner));
        render_scrolled(frame, inner, &lines, app.partners.detail_scroll);
        return;
    }
    let Some(ix) = app.selected_partner() else {
        let msg = truncate(app.lang.tr(L::NoPartnersMatch), usize::from(inner.width));
        frame.render_widget(Paragraph::new(Span::styled(msg, app.theme.dim)), inner);
        return;
    };
    let cols = usize::from(inner.width);
    let lines = wrapped(app, m, TextKey::Partner(ix), cols, || {
        partner_detail_lines(app, ix, cols)
    });
    m.scroll.detail = Some(text_size(&lines, inner));
    render_scrolled(frame, inner, &lines, app.partners.detail_scroll);
}

/// Every field of a partner, wrapped to `cols` columns.
pub fn partner_detail_lines(app: &State, ix: PartnerIx, cols: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let lang = app.lang;
    let Some(p) = app.data.partners.get(ix) else {
        return Vec::new();
    };
    let cols = cols.max(1);
    let mut out: Vec<Line<'static>> = Vec::new();
    let wrapped = |out: &mut Vec<Line<'static>>, s: &str, style: Style| {
        out.extend(
            text::wrap(s, cols)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, style))),
        );
    };

    let (first, _, _, _) = names(app, ix, Field::Name);
    wrapped(&mut out, &first, t.title);
    let mut other_names: Vec<String> = Vec::new();
    if lang == Lang::Zh || p.name_zh.is_none() {
        if first != p.name {
            other_names.push(p.name.clone());
        }
    } else if let Some(zh) = &p.name_zh {
        other_names.push(zh.clone());
    }
    if let Some(local) = p
        .name_local
        .as_ref()
        .filter(|l| **l != p.name && !other_names.contains(l))
    {
        other_names.push(local.clone());
    }
    if !other_names.is_empty() {
        wrapped(&mut out, &other_names.join(" · "), t.text);
    }

    let (marker, marker_style) = super::kind_marker(app, p.kind);
    let kind_text = words::partner_kind_numbered(lang, p.kind, p.order);
    let country = format!("{} ({})", app.country_name(p.country), p.country);
    let line = vec![
        Span::styled(format!("{marker} "), marker_style),
        Span::styled(kind_text, marker_style),
        Span::styled(format!(" · {country}"), t.text),
    ];
    out.push(Line::from(cut_spans(line, cols)));
    if p.uncertain {
        wrapped(
            &mut out,
            &format!("? {}", lang.tr(L::ClassificationInDoubt)),
            t.warning,
        );
    }
    let field = |out: &mut Vec<Line<'static>>, label: &str, value: &str| {
        out.extend(labelled(&format!("{label}: "), value, cols, t.dim, t.text));
    };
    let established = match p.established {
        Some(d) => format!("{d}{}", words::precision_note(lang, d.precision())),
        None => "—".to_string(),
    };
    field(&mut out, lang.tr(L::Established), &established);
    if !p.history.is_empty() {
        let steps: Vec<String> = p
            .history
            .iter()
            .map(|h| format!("{} {}", h.date, words::partner_kind(lang, h.kind)))
            .collect();
        field(&mut out, lang.tr(L::History), &steps.join(" → "));
    }
    let coords = match p.location {
        Some(loc) => {
            let ns = if loc.lat >= 0.0 { 'N' } else { 'S' };
            let ew = if loc.lon >= 0.0 { 'E' } else { 'W' };
            let mut s = format!("{:.2}°{ns} {:.2}°{ew}", loc.lat.abs(), loc.lon.abs());
            let km = crate::tui::map::distance_km(app.data.home.location, loc).round() as u64;
            let km = super::map::thousands(km);
            s.push_str(&format!(" · {}", words::km(lang, &km)));
            s
        }
        None => words::not_on_the_map(lang).to_string(),
    };
    field(&mut out, lang.tr(L::Coordinates), &coords);
    field(
        &mut out,
        lang.tr(L::Confidence),
        words::grade(lang, p.confidence),
    );
    for award in &p.awards {
        field(&mut out, lang.tr(L::Awards), award);
    }
    if !p.aliases.is_empty() {
        field(&mut out, lang.tr(L::Aliases), &p.aliases.join(", "));
    }
    if p.name_zh.is_some() {
        field(
            &mut out,
            lang.tr(L::NameZhFrom),
            words::name_zh_from(lang, p.name_zh_from),
        );
    }
    out.push(Line::default());
    wrapped(&mut out, &p.summary, t.text);
    // Classifications that cannot all be right, naming this partner.
    let conflicts: Vec<&crate::data::Conflict> = app.data.conflicts_of(ix).collect();
    if !conflicts.is_empty() {
        super::push_heading(&mut out, app, lang.tr(L::Conflicts), cols);
        for c in conflicts {
            out.extend(text::bullet(&c.summary, cols, t.text));
        }
    }
    super::push_notes(&mut out, app, &p.notes, cols);
    let events = app.data.events_of(ix);
    super::push_heading(
        &mut out,
        app,
        &format!("{} ({})", lang.tr(L::Events), events.len()),
        cols,
    );
    for &e in events {
        let ev = &app.data.events[e];
        out.extend(labelled(
            &format!("{} ", ev.date),
            &words::event_title(&app.data, e, lang),
            cols,
            t.dim,
            t.text,
        ));
    }
    super::push_sources(
        &mut out,
        app,
        &p.sources,
        p.location_source.as_ref(),
        &p.provenance,
        cols,
    );
    out
}

/// The timeline's title: its name and the filters acting on it.
fn timeline_label(app: &State) -> String {
    let tl = &app.timeline;
    let mut parts = vec![app.lang.tr(L::Timeline).to_string()];
    for &c in &tl.countries {
        parts.push(app.country_name(c).to_string());
    }
    if let Some(kind) = tl.kind {
        parts.push(words::event_kind(app.lang, kind).to_string());
    }
    if tl.best_first && !tl.query.trim().is_empty() {
        parts.push(app.lang.tr(L::BestFirst).to_string());
    }
    parts.join(" · ")
}

fn draw_timeline(app: &State, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let focused = app.focus == Focus::Timeline;
    let tl = &app.timeline;
    let events = tl.hits.len();
    let block = pane_in(
        app,
        title(
            app,
            &timeline_label(app),
            Some((events, app.data.events.len())),
            &tl.query,
            app.typing == Some(SearchTarget::Events),
        ),
        focused,
        area,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let cols = usize::from(inner.width);
    if events == 0 {
        let msg = truncate(app.lang.tr(L::NoEventsMatch), cols);
        frame.render_widget(Paragraph::new(Span::styled(msg, t.dim)), inner);
        return;
    }
    let partner = app.selected_partner();
    let rows = usize::from(inner.height);
    let cursor = tl.cursor.clamped(tl.rows.len(), rows);
    let lines: Vec<Line> = tl
        .rows
        .iter()
        .enumerate()
        .skip(cursor.offset)
        .take(rows)
        .map(|(i, row)| match row {
            TimelineRow::Year(y) => {
                let label = format!("── {y} ");
                let rest = cols.saturating_sub(width(&label));
                Line::from(Span::styled(
                    format!("{label}{}", "─".repeat(rest)),
                    t.heading,
                ))
            }
            TimelineRow::Event(hit) => {
                let Some(e) = app.data.events.get(hit.ix) else {
                    return Line::default();
                };
                let selected = i == cursor.selected;
                let style = match (selected, focused) {
                    (true, true) => t.selected,
                    (true, false) => t.selected_inactive,
                    _ => t.text,
                };
                let concerns = partner.is_some_and(|p| e.partners.contains(&p));
                let mark = if concerns { "● " } else { "  " };
                let mark_style = if selected { style } else { t.marked };
                let date = fit(&e.date.to_string(), 10);
                let row_style = if concerns && !selected {
                    t.marked.patch(t.text)
                } else {
                    style
                };
                let mut spans = vec![
                    Span::styled(mark, mark_style),
                    Span::styled(date, if selected { style } else { t.dim }),
                    Span::styled(" ", style),
                ];
                let room = cols.saturating_sub(13);
                let hl = super::match_style(app, style, selected);
                spans.extend(highlighted(
                    &words::event_title(&app.data, hit.ix, app.lang),
                    &app.event_match(hit),
                    row_style,
                    hl,
                    room,
                ));
                let used = text::spans_width(&spans);
                if selected {
                    spans.push(Span::styled(" ".repeat(cols.saturating_sub(used)), style));
                }
                Line::from(cut_spans(spans, cols))
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
