//! The Institutions view: foreign institutions grouped by kind, each group
//! with its documented count beside the official figure, and a detail pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::layout;
use super::text::{self, cut_spans, labelled, truncate};
use super::{
    border_scrollbar, pane_in, push_notes, push_sources, push_wrapped, render_scrolled, text_size,
    wrapped,
};
use crate::data::InstitutionKind;
use crate::present::{Label as L, Lang, words};
use crate::tui::state::measured::TextKey;
use crate::tui::state::{InstitutionRow, Measured, SearchTarget, State};

/// A group heading that fits `cols` columns: the kind, then what is
/// documented beside each official figure, in the plainest wording that
/// fits, e.g. "Hospitals · 0 of 1 international hospital · 0 of 9
/// designated foreign-affairs hospitals · 1 other*", down to
/// "Hospitals · 0/1 · 0/9".
pub fn group_heading(app: &State, kind: InstitutionKind, cols: usize) -> String {
    let name = words::institution_heading(app.lang, kind);
    let candidates = words::institution_group_figures(app.lang, &app.data, kind);
    let last = candidates.last().cloned().unwrap_or_default();
    candidates
        .into_iter()
        .map(|f| format!("{name} · {f}"))
        .find(|h| text::width(h) <= cols)
        .unwrap_or_else(|| truncate(&format!("{name} · {last}"), cols))
}

pub fn draw(app: &State, frame: &mut Frame, body: Rect, m: &mut Measured) {
    let t = &app.theme;
    let (list_area, detail_area) = layout::institutions(body);
    let state = &app.institutions;
    let typing = app.typing == Some(SearchTarget::Institutions);
    let listed = state
        .rows
        .iter()
        .filter(|r| matches!(r, InstitutionRow::Item(_)))
        .count();
    let total = app.data.institutions.len();
    let title = if typing || !state.query.is_empty() {
        super::partners::title(
            app,
            app.lang.tr(L::Institutions),
            Some((listed, total)),
            &state.query,
            typing,
        )
    } else {
        Line::from(Span::styled(
            format!(" {} {total} ", app.lang.tr(L::Institutions)),
            t.heading,
        ))
    };
    let block = pane_in(app, title, !app.institutions.detail_focused, list_area);
    let block = if app
        .data
        .institutions
        .iter()
        .any(|i| !i.counts_toward_official)
    {
        block.title_bottom(super::fit_title(
            Line::from(Span::styled(
                format!(" * {} ", app.lang.tr(L::NotCounted)),
                t.dim,
            )),
            list_area.width,
        ))
    } else {
        block
    };
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    let cols = usize::from(inner.width);
    let rows = usize::from(inner.height);
    if state.rows.is_empty() {
        let msg = truncate(app.lang.tr(L::NoInstitutionsMatch), cols);
        frame.render_widget(Paragraph::new(Span::styled(msg, t.dim)), inner);
    }
    let cursor = state.cursor.clamped(state.rows.len(), rows);
    let lines: Vec<Line> = state
        .rows
        .iter()
        .enumerate()
        .skip(cursor.offset)
        .take(rows)
        .map(|(i, row)| match *row {
            InstitutionRow::Kind(kind) => {
                Line::from(Span::styled(group_heading(app, kind, cols), t.heading))
            }
            InstitutionRow::Item(ix) => {
                let Some(inst) = app.data.institutions.get(ix) else {
                    return Line::default();
                };
                let selected = i == cursor.selected;
                let style = match (selected, state.detail_focused) {
                    (true, false) => t.selected,
                    (true, true) => t.selected_inactive,
                    _ => t.text,
                };
                let code = inst
                    .country
                    .map_or("  ".to_string(), |c| c.as_str().to_string());
                let year = inst
                    .opened
                    .map(|d| d.year().to_string())
                    .unwrap_or_default();
                // A consulate general is named by the country it represents
                // (its full name, "Consulate General of the …", is the same
                // for all of them until the country, and shows in the detail).
                let name = match (inst.kind, inst.country) {
                    (InstitutionKind::Consulate, Some(c)) => app.country_name(c).to_string(),
                    _ => match (app.lang, &inst.name_zh) {
                        (Lang::Zh, Some(zh)) => zh.clone(),
                        _ => inst.name.clone(),
                    },
                };
                let name_w = cols.saturating_sub(2 + 3 + 5);
                let mark = if inst.counts_toward_official {
                    "  "
                } else {
                    " *"
                };
                let spans = vec![
                    Span::styled(mark, if selected { style } else { t.warning }),
                    Span::styled(format!("{code} "), if selected { style } else { t.dim }),
                    Span::styled(text::fit(&name, name_w), style),
                    Span::styled(
                        format!(" {:>4}", year),
                        if selected { style } else { t.dim },
                    ),
                ];
                Line::from(cut_spans(spans, cols))
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    border_scrollbar(frame, inner, state.rows.len(), cursor.offset);

    if let Some(area) = detail_area {
        let block = pane_in(
            app,
            Line::from(Span::styled(
                match app
                    .selected_institution()
                    .and_then(|i| app.data.institutions.get(i))
                {
                    Some(inst) => format!(
                        " {} · {} ",
                        app.lang.tr(L::Detail),
                        match (app.lang, &inst.name_zh) {
                            (Lang::Zh, Some(zh)) => zh.as_str(),
                            _ => inst.name.as_str(),
                        }
                    ),
                    None => format!(" {} ", app.lang.tr(L::Detail)),
                },
                t.heading,
            )),
            state.detail_focused,
            area,
        );
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if let Some(ix) = app.selected_institution() {
            let cols = usize::from(inner.width);
            let lines = wrapped(app, m, TextKey::Institution(ix), cols, || {
                institution_detail_lines(app, ix, cols)
            });
            m.scroll.institution = Some(text_size(&lines, inner));
            render_scrolled(frame, inner, &lines, state.scroll);
        }
    }
}

/// Every field of an institution, wrapped to `cols`.
pub fn institution_detail_lines(app: &State, ix: usize, cols: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let lang = app.lang;
    let Some(inst) = app.data.institutions.get(ix) else {
        return Vec::new();
    };
    let cols = cols.max(1);
    let mut out: Vec<Line<'static>> = Vec::new();
    // The name in the current language first, as in the partner detail.
    let (first, second) = match (lang, &inst.name_zh) {
        (Lang::Zh, Some(zh)) => (zh, Some(&inst.name)),
        _ => (&inst.name, inst.name_zh.as_ref()),
    };
    out.extend(
        text::wrap(first, cols)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, t.title))),
    );
    let local = inst
        .name_local
        .as_ref()
        .filter(|l| Some(*l) != second && *l != first);
    for other in [second, local].into_iter().flatten() {
        out.extend(
            text::wrap(other, cols)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, t.text))),
        );
    }
    let field = |out: &mut Vec<Line<'static>>, label: &str, value: &str| {
        out.extend(labelled(&format!("{label}: "), value, cols, t.dim, t.text));
    };
    field(
        &mut out,
        lang.tr(L::Kind),
        words::institution_kind(lang, inst.kind),
    );
    let country = inst.country.map_or_else(
        || "—".to_string(),
        |c| format!("{} ({c})", app.country_name(c)),
    );
    field(&mut out, lang.tr(L::Country), &country);
    field(
        &mut out,
        lang.tr(L::Opened),
        &inst
            .opened
            .map_or_else(|| "—".to_string(), |d| d.to_string()),
    );
    field(
        &mut out,
        lang.tr(L::District),
        inst.district.as_deref().unwrap_or("—"),
    );
    field(
        &mut out,
        lang.tr(L::Confidence),
        words::grade(lang, inst.confidence),
    );
    if !inst.counts_toward_official {
        out.push(Line::from(Span::styled(
            truncate(&format!("* {}", lang.tr(L::NotCounted)), cols),
            t.warning,
        )));
    }
    out.push(Line::default());
    push_wrapped(&mut out, &inst.summary, cols, t.text);
    push_notes(&mut out, app, &inst.notes, cols);
    out.push(Line::default());
    push_wrapped(
        &mut out,
        &words::institution_summary(lang, &app.data, inst.kind),
        cols,
        t.dim,
    );
    push_sources(
        &mut out,
        app,
        &inst.sources,
        inst.location_source.as_ref(),
        &inst.provenance,
        cols,
    );
    out
}
