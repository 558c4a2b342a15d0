//! The Institutions view: foreign institutions grouped by kind, each group
//! with its documented count beside the official figure, and a detail pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{self, cut_spans, labelled, truncate};
use super::{pane_in, push_notes, push_sources, push_wrapped, render_scrolled};
use crate::data::InstitutionKind;
use crate::tui::app::{App, InstitutionRow};
use crate::tui::i18n::Lang;
use crate::tui::layout;

/// A group heading that fits `cols` columns: the kind, then what is
/// documented beside each official figure, in the plainest wording that
/// fits, e.g. "Hospitals · 0 of 1 international hospital · 0 of 9
/// designated foreign-affairs hospitals · 1 other*", down to
/// "Hospitals · 0/1 · 0/9".
pub fn group_heading(app: &App, kind: InstitutionKind, cols: usize) -> String {
    let name = app.lang.tr(kind.heading());
    let candidates = group_figures(app, kind);
    let last = candidates.last().cloned().unwrap_or_default();
    candidates
        .into_iter()
        .map(|f| format!("{name} · {f}"))
        .find(|h| text::width(h) <= cols)
        .unwrap_or_else(|| truncate(&format!("{name} · {last}"), cols))
}

/// The figures of a group heading, longest and plainest first.
fn group_figures(app: &App, kind: InstitutionKind) -> Vec<String> {
    let lang = app.lang;
    let cov = app.data.institution_coverage(kind);
    let others = cov.documented - cov.counted;
    let other = match (lang, others) {
        (_, 0) => None,
        (Lang::En, n) => Some(format!("{n} other*")),
        (Lang::Zh, n) => Some(format!("另有 {n}*")),
    };
    // Each wording with and then without the records that are not counted.
    let with_other = |figures: Vec<String>| -> Vec<String> {
        let mut out = Vec::new();
        for f in figures {
            if let Some(o) = &other {
                out.push(format!("{f} · {o}"));
            }
            out.push(f);
        }
        out
    };
    let c = cov.counted;
    match (lang, cov.official.as_slice()) {
        (Lang::En, []) => vec![
            format!("{} documented · no official figure", cov.documented),
            format!("{} · no official figure", cov.documented),
            cov.documented.to_string(),
        ],
        (Lang::Zh, []) => vec![
            format!("已收录 {} · 无官方数字", cov.documented),
            cov.documented.to_string(),
        ],
        (Lang::En, [f]) => with_other(vec![
            format!("{c} of {} documented", f.count),
            format!("{c}/{}", f.count),
        ]),
        (Lang::Zh, [f]) => with_other(vec![
            format!("已收录 {c}/{}", f.count),
            format!("{c}/{}", f.count),
        ]),
        // Several official figures for one kind (an international hospital,
        // designated hospitals): one "c of n" per figure, never a sum. The
        // dataset cannot say which figure a counted record belongs to, so
        // per-figure counts are only given when nothing is counted.
        (Lang::En, figures) if c == 0 => {
            let first_word = |l: &str| l.split_whitespace().next().unwrap_or(l).to_string();
            let full: Vec<String> = figures
                .iter()
                .map(|f| format!("0 of {} {}", f.count, f.label))
                .collect();
            let short: Vec<String> = figures
                .iter()
                .map(|f| format!("0 of {} {}", f.count, first_word(&f.label)))
                .collect();
            let bare: Vec<String> = figures.iter().map(|f| format!("0/{}", f.count)).collect();
            with_other(vec![full.join(" · "), short.join(" · "), bare.join(" · ")])
        }
        (Lang::Zh, figures) if c == 0 => {
            let full: Vec<String> = figures
                .iter()
                .map(|f| format!("{} 0/{}", lang.tr_any(&f.label), f.count))
                .collect();
            let bare: Vec<String> = figures.iter().map(|f| format!("0/{}", f.count)).collect();
            with_other(vec![
                full.join(" · "),
                format!("已收录 {}", bare.join("、")),
            ])
        }
        (Lang::En, figures) => {
            let official: Vec<String> = figures
                .iter()
                .map(|f| format!("{} {}", f.count, f.label))
                .collect();
            with_other(vec![
                format!("{c} documented · official: {}", official.join(", ")),
                format!("{c} documented"),
            ])
        }
        (Lang::Zh, figures) => {
            let official: Vec<String> = figures
                .iter()
                .map(|f| format!("{} {}", lang.tr_any(&f.label), f.count))
                .collect();
            with_other(vec![
                format!("已收录 {c} · 官方：{}", official.join("，")),
                format!("已收录 {c}"),
            ])
        }
    }
}

/// The full sentence for a kind: documented records beside each official figure.
pub fn group_summary(app: &App, kind: InstitutionKind) -> String {
    let lang = app.lang;
    match lang {
        // The same sentence as `check` and the statistics view.
        Lang::En => match crate::stats::institution_coverage(&app.data, kind) {
            Some(text) => format!("{}: {text}.", kind.heading()),
            None => format!("{}: none documented; no official figure.", kind.heading()),
        },
        Lang::Zh => {
            let cov = app.data.institution_coverage(kind);
            let others = cov.documented - cov.counted;
            let mut s = format!("{}：已收录 {}", lang.tr(kind.heading()), cov.documented);
            if others > 0 {
                s.push_str(&format!("（其中 {others} 个不计入官方数字）"));
            }
            if cov.official.is_empty() {
                s.push_str("；无官方数字。");
            } else {
                let figures: Vec<String> = cov
                    .official
                    .iter()
                    .map(|f| format!("{} {}（{}）", lang.tr_any(&f.label), f.count, f.as_of))
                    .collect();
                s.push_str(&format!("；官方数字：{}。", figures.join("，")));
            }
            s
        }
    }
}

pub fn draw(app: &App, frame: &mut Frame, body: Rect) {
    let t = &app.theme;
    let (list_area, detail_area) = layout::institutions(body);
    let block = pane_in(
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
        list_area,
    );
    let block = if app
        .data
        .institutions
        .iter()
        .any(|i| !i.counts_toward_official)
    {
        block.title_bottom(super::fit_title(
            Line::from(Span::styled(
                format!(" * {} ", app.lang.tr("not counted in the official figure")),
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
    let lines: Vec<Line> = app
        .institution_rows
        .iter()
        .enumerate()
        .skip(app.institutions.offset)
        .take(usize::from(inner.height))
        .map(|(i, row)| match *row {
            InstitutionRow::Kind(kind) => {
                Line::from(Span::styled(group_heading(app, kind, cols), t.heading))
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
        let block = pane_in(
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
            area,
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
    field(&mut out, lang.tr("Kind"), lang.tr(inst.kind.as_str()));
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
        crate::present::words::grade(lang, inst.confidence),
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
