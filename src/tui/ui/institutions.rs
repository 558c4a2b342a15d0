//! The Institutions view: foreign institutions grouped by kind, each group
//! with its documented count beside the official figure, and a detail pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{self, cut_spans, labelled, truncate};
use super::{pane, push_notes, push_sources, push_wrapped, render_scrolled};
use crate::data::InstitutionKind;
use crate::tui::app::{App, InstitutionRow};
use crate::tui::i18n::Lang;
use crate::tui::layout;

/// Compact group heading figures: "8 of 8 documented", "4 of 6 documented
/// · 1 other*", "3 · no official figure".
pub fn group_short(app: &App, kind: InstitutionKind) -> String {
    let lang = app.lang;
    let cov = app.data.institution_coverage(kind);
    let official: Vec<String> = cov.official.iter().map(|f| f.count.to_string()).collect();
    let mut s = match (lang, official.is_empty()) {
        (Lang::En, false) => format!("{} of {} documented", cov.counted, official.join(" + ")),
        (Lang::Zh, false) => format!("已收录 {}/{}", cov.counted, official.join("+")),
        (Lang::En, true) => format!("{} · no official figure", cov.documented),
        (Lang::Zh, true) => format!("{} · 无官方数字", cov.documented),
    };
    if !official.is_empty() && cov.counted != cov.documented {
        s.push_str(&match lang {
            Lang::En => format!(" · {} other*", cov.documented - cov.counted),
            Lang::Zh => format!(" · 另有 {}*", cov.documented - cov.counted),
        });
    }
    s
}

/// The full sentence for a kind: documented records beside each official figure.
pub fn group_summary(app: &App, kind: InstitutionKind) -> String {
    let lang = app.lang;
    let cov = app.data.institution_coverage(kind);
    let mut s = format!(
        "{}: {} {}",
        lang.tr(kind.heading()),
        cov.documented,
        lang.tr("documented")
    );
    if cov.counted != cov.documented {
        s.push_str(&format!(
            " ({} {})",
            cov.documented - cov.counted,
            lang.tr("not counted in the official figure")
        ));
    }
    if cov.official.is_empty() {
        s.push_str(&format!("; {}.", lang.tr("no official figure")));
    } else {
        let figures: Vec<String> = cov
            .official
            .iter()
            .map(|f| format!("{} {} ({})", f.count, f.label, f.as_of))
            .collect();
        s.push_str(&format!(
            "; {}: {}.",
            lang.tr("official"),
            figures.join(", ")
        ));
    }
    s
}

pub fn draw(app: &App, frame: &mut Frame, body: Rect) {
    let t = &app.theme;
    let (list_area, detail_area) = layout::institutions(body);
    let block = pane(
        app,
        Line::from(Span::styled(
            format!(
                " {} {} ",
                app.lang.tr("Institutions"),
                app.data.institutions.len()
            ),
            t.heading,
        )),
        !app.institution_detail_focused,
    );
    let block = if app
        .data
        .institutions
        .iter()
        .any(|i| !i.counts_toward_official)
    {
        block.title_bottom(Line::from(Span::styled(
            format!(" * {} ", app.lang.tr("not counted in the official figure")),
            t.dim,
        )))
    } else {
        block
    };
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    let cols = usize::from(inner.width);
    let lines: Vec<Line> = app
        .institution_rows
        .iter()
        .enumerate()
        .skip(app.institutions.offset)
        .take(usize::from(inner.height))
        .map(|(i, row)| match *row {
            InstitutionRow::Kind(kind) => {
                let label = format!(
                    "{} · {}",
                    app.lang.tr(kind.heading()),
                    group_short(app, kind)
                );
                Line::from(Span::styled(truncate(&label, cols), t.heading))
            }
            InstitutionRow::Item(ix) => {
                let Some(inst) = app.data.institutions.get(ix) else {
                    return Line::default();
                };
                let selected = i == app.institutions.selected;
                let style = match (selected, app.institution_detail_focused) {
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
                let name = match (app.lang, &inst.name_zh) {
                    (Lang::Zh, Some(zh)) => zh.clone(),
                    _ => inst.name.clone(),
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

    if let Some(area) = detail_area {
        let block = pane(
            app,
            Line::from(Span::styled(
                match app
                    .selected_institution()
                    .and_then(|i| app.data.institutions.get(i))
                {
                    Some(inst) => format!(
                        " {} · {} ",
                        app.lang.tr("Detail"),
                        match (app.lang, &inst.name_zh) {
                            (Lang::Zh, Some(zh)) => zh.as_str(),
                            _ => inst.name.as_str(),
                        }
                    ),
                    None => format!(" {} ", app.lang.tr("Detail")),
                },
                t.heading,
            )),
            app.institution_detail_focused,
        );
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if let Some(ix) = app.selected_institution() {
            let lines = institution_detail_lines(app, ix, usize::from(inner.width));
            render_scrolled(frame, inner, lines, app.institution_scroll);
        }
    }
}

/// Every field of an institution, wrapped to `cols`.
pub fn institution_detail_lines(app: &App, ix: usize, cols: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let lang = app.lang;
    let Some(inst) = app.data.institutions.get(ix) else {
        return Vec::new();
    };
    let cols = cols.max(1);
    let mut out: Vec<Line<'static>> = Vec::new();
    out.extend(
        text::wrap(&inst.name, cols)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, t.title))),
    );
    for other in [&inst.name_zh, &inst.name_local].into_iter().flatten() {
        out.extend(
            text::wrap(other, cols)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, t.text))),
        );
    }
    let field = |out: &mut Vec<Line<'static>>, label: &str, value: &str| {
        out.extend(labelled(&format!("{label}: "), value, cols, t.dim, t.text));
    };
    field(&mut out, lang.tr("Kind"), lang.tr(inst.kind.heading()));
    let country = inst.country.map_or_else(
        || "—".to_string(),
        |c| format!("{} ({c})", app.country_name(c)),
    );
    field(&mut out, lang.tr("Country"), &country);
    field(
        &mut out,
        lang.tr("Opened"),
        &inst
            .opened
            .map_or_else(|| "—".to_string(), |d| d.to_string()),
    );
    field(
        &mut out,
        lang.tr("District"),
        inst.district.as_deref().unwrap_or("—"),
    );
    field(
        &mut out,
        lang.tr("Confidence"),
        lang.tr(inst.confidence.as_str()),
    );
    if !inst.counts_toward_official {
        out.push(Line::from(Span::styled(
            truncate(
                &format!("* {}", lang.tr("not counted in the official figure")),
                cols,
            ),
            t.warning,
        )));
    }
    out.push(Line::default());
    push_wrapped(&mut out, &inst.summary, cols, t.text);
    push_notes(&mut out, app, &inst.notes, cols);
    out.push(Line::default());
    push_wrapped(&mut out, &group_summary(app, inst.kind), cols, t.dim);
    push_sources(&mut out, app, &inst.sources, cols);
    out
}
