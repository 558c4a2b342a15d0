//! The statistics view: coverage against the official totals, partners by
//! country, growth by decade and year, sister vs cooperative, institutions.
//! Bars use shapes (█ sister, ▒ cooperative, ░ not documented) so they read
//! without colour.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text::{fit, truncate, width};
use super::{pane_in, render_scrolled, text_size, wrapped};
use crate::data::InstitutionKind;
use crate::present::words::{self, stats as say};
use crate::present::{Label as L, Lang};
use crate::stats::{Covered, Stats};
use crate::tui::state::measured::TextKey;
use crate::tui::state::{Measured, State};

pub const SISTER_BAR: char = '█';
pub const COOPERATIVE_BAR: char = '▒';
pub const MISSING_BAR: char = '░';
const SPARK: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

pub fn draw(app: &State, frame: &mut Frame, body: Rect, m: &mut Measured) {
    let block = pane_in(
        app,
        Line::from(Span::styled(
            format!(" {} ", app.lang.tr(L::Statistics)),
            app.theme.heading,
        )),
        true,
        body,
    );
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let cols = usize::from(inner.width);
    let lines = wrapped(app, m, TextKey::Stats, cols, || stats_lines(app, cols));
    m.scroll.stats = Some(text_size(&lines, inner));
    render_scrolled(frame, inner, &lines, app.stats.scroll);
}

/// Scales `n` of `max` to at most `cols` cells (at least one cell for n > 0).
fn cells(n: usize, max: usize, cols: usize) -> usize {
    if max == 0 || n == 0 {
        return 0;
    }
    ((n * cols + max / 2) / max).clamp(1, cols)
}

fn bar(parts: &[(usize, char, Style)], max: usize, cols: usize) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut used = 0;
    for &(n, c, style) in parts {
        let w = cells(n, max, cols).min(cols - used.min(cols));
        used += w;
        if w > 0 {
            spans.push(Span::styled(c.to_string().repeat(w), style));
        }
    }
    spans.push(Span::raw(" ".repeat(cols.saturating_sub(used))));
    spans
}

pub fn stats_lines(app: &State, cols: usize) -> Vec<Line<'static>> {
    let s: &Stats = app.stats();
    let t = &app.theme;
    let lang = app.lang;
    let cols = cols.max(1);
    let mut out: Vec<Line<'static>> = Vec::new();
    let heading = |out: &mut Vec<Line<'static>>, text: String| {
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::from(Span::styled(truncate(&text, cols), t.heading)));
    };
    let label_w = 22.min(cols / 3).max(1);
    // Bars take what is left after the label and the longest figures.
    let tail_w = 30.min(cols / 3);
    let bar_w = cols.saturating_sub(label_w + tail_w + 1).clamp(1, 60);

    // Coverage.
    let as_of = s
        .coverage
        .as_of
        .map(|d| d.to_string())
        .unwrap_or_else(|| "—".into());
    heading(&mut out, say::coverage_heading(lang, &as_of));
    let covered: [Covered; 4] = [
        s.coverage.sister,
        s.coverage.cooperative,
        s.coverage.cities,
        s.coverage.countries,
    ];
    for (label, c) in say::coverage_rows(lang).into_iter().zip(covered) {
        let max = c
            .official
            .map_or(c.documented, |o| (o as usize).max(c.documented));
        let missing = c
            .official
            .map_or(0, |o| (o as usize).saturating_sub(c.documented));
        let mut spans = vec![Span::styled(fit(label, label_w), t.text), Span::raw(" ")];
        spans.extend(bar(
            &[
                (c.documented, SISTER_BAR, t.bar),
                (missing, MISSING_BAR, t.bar_official),
            ],
            max,
            bar_w,
        ));
        let tail = say::coverage_tail(lang, c.documented, c.official);
        spans.push(Span::styled(tail, t.dim));
        out.push(Line::from(super::text::cut_spans(spans, cols)));
    }
    out.push(Line::from(Span::styled(
        truncate(
            &format!(
                "{SISTER_BAR} {}   {MISSING_BAR} {}",
                lang.tr(L::Documented),
                say::not_documented(lang)
            ),
            cols,
        ),
        t.dim,
    )));

    // Official totals over time.
    heading(&mut out, lang.tr(L::OfficialTotalsOverTime).to_string());
    // Columns sized by display width, so Chinese headings line up too.
    let heads = say::totals_columns(lang);
    let widths: Vec<usize> = heads
        .iter()
        .enumerate()
        .map(|(i, h)| width(h).max(if i == 0 { 10 } else { 5 }))
        .collect();
    // The date column is left-aligned, the numbers right-aligned under
    // their headings, two spaces apart.
    let row = |cells: &[String]| -> String {
        let mut out = String::new();
        for (i, (cell, &w)) in cells.iter().zip(&widths).enumerate() {
            let pad = " ".repeat(w.saturating_sub(width(cell)));
            if i == 0 {
                out.push_str(&format!("{cell}{pad}"));
            } else {
                out.push_str(&format!("  {pad}{cell}"));
            }
        }
        out
    };
    let head: Vec<String> = heads.iter().map(|h| h.to_string()).collect();
    out.push(Line::from(Span::styled(truncate(&row(&head), cols), t.dim)));
    let num = |n: Option<u32>| n.map_or_else(|| "–".to_string(), |n| n.to_string());
    for o in &s.official_totals {
        let cells = [
            o.as_of.to_string(),
            num(o.sister),
            num(o.cooperative),
            num(o.cities),
            num(o.countries),
        ];
        out.push(Line::from(Span::styled(
            truncate(&row(&cells), cols),
            t.text,
        )));
    }

    // Partners by country.
    heading(&mut out, lang.tr(L::PartnersByCountry).to_string());
    let max = s.by_country.first().map_or(0, |c| c.total);
    for c in &s.by_country {
        let name = if lang == Lang::Zh {
            &c.country_name_zh
        } else {
            &c.country_name
        };
        let mut spans = vec![
            Span::styled(fit(&format!("{name} {}", c.country), label_w), t.text),
            Span::raw(" "),
        ];
        spans.extend(bar(
            &[
                (c.sister, SISTER_BAR, t.sister),
                (c.cooperative, COOPERATIVE_BAR, t.cooperative),
            ],
            max,
            bar_w,
        ));
        // The figures in the widest wording that fits after the bar.
        let room = cols.saturating_sub(label_w + 1 + bar_w);
        let tails = say::country_tails(lang, c.total, c.sister, c.cooperative);
        let tail = tails
            .iter()
            .find(|t| width(t) <= room)
            .unwrap_or(&tails[2])
            .clone();
        spans.push(Span::styled(tail, t.dim));
        out.push(Line::from(super::text::cut_spans(spans, cols)));
    }
    out.push(Line::from(Span::styled(
        truncate(
            &format!(
                "{SISTER_BAR} {}   {COOPERATIVE_BAR} {}",
                lang.tr(L::Sister),
                lang.tr(L::Cooperative)
            ),
            cols,
        ),
        t.dim,
    )));

    // By decade: when each relation began, in the kind it has now.
    heading(&mut out, say::decades_heading(lang).to_string());
    let max = s.by_decade.iter().map(|d| d.total).max().unwrap_or(0);
    for d in &s.by_decade {
        let decade = say::decade(lang, d.decade);
        let mut spans = vec![Span::styled(fit(&decade, label_w), t.text), Span::raw(" ")];
        spans.extend(bar(
            &[
                (d.sister, SISTER_BAR, t.sister),
                (d.cooperative, COOPERATIVE_BAR, t.cooperative),
            ],
            max,
            bar_w,
        ));
        let tail = say::decade_tail(lang, d.total, d.cumulative);
        spans.push(Span::styled(tail, t.dim));
        out.push(Line::from(super::text::cut_spans(spans, cols)));
    }
    let note = say::decades_note(lang, SISTER_BAR, COOPERATIVE_BAR);
    for l in super::text::wrap(&note, cols) {
        out.push(Line::from(Span::styled(l, t.dim)));
    }
    if s.undated > 0 {
        let note = say::undated(lang, s.undated);
        out.push(Line::from(Span::styled(truncate(&note, cols), t.dim)));
    }

    // Cumulative growth.
    if let (Some(first), Some(last)) = (s.cumulative.first(), s.cumulative.last()) {
        heading(&mut out, say::growth_heading(lang, first.year));
        let max = last.total.max(1);
        let spark_w = cols.saturating_sub(14).max(1);
        // One cell per year, or per group of years when the span is wide.
        let years = s.cumulative.len();
        let per = years.div_ceil(spark_w).max(1);
        let spark: String = s
            .cumulative
            .chunks(per)
            .map(|chunk| {
                let v = chunk.last().map_or(0, |y| y.total);
                SPARK[(v * (SPARK.len() - 1) + max / 2) / max]
            })
            .collect();
        let line = format!("{} {spark} {}", first.year, last.year);
        out.push(Line::from(Span::styled(truncate(&line, cols), t.bar)));
        let summary = say::growth_summary(lang, last.total, last.year, per);
        out.push(Line::from(Span::styled(truncate(&summary, cols), t.dim)));
    }

    // Sister vs cooperative.
    heading(&mut out, lang.tr(L::SisterVsCooperative).to_string());
    let max = s.partners.sister.max(s.partners.cooperative);
    for (label, n, c, style) in [
        (lang.tr(L::Sister), s.partners.sister, SISTER_BAR, t.sister),
        (
            lang.tr(L::Cooperative),
            s.partners.cooperative,
            COOPERATIVE_BAR,
            t.cooperative,
        ),
    ] {
        let mut spans = vec![Span::styled(fit(label, label_w), t.text), Span::raw(" ")];
        spans.extend(bar(&[(n, c, style)], max, bar_w));
        spans.push(Span::styled(format!(" {n}"), t.dim));
        out.push(Line::from(super::text::cut_spans(spans, cols)));
    }

    // Institutions.
    heading(&mut out, lang.tr(L::Institutions).to_string());
    let kinds: Vec<(&str, Option<InstitutionKind>)> = s
        .institutions
        .iter()
        .map(|f| {
            let kind = InstitutionKind::ALL
                .iter()
                .copied()
                .find(|k| k.as_str() == f.kind);
            let heading = kind.map_or(f.kind, |k| words::institution_heading(lang, k));
            (heading, kind)
        })
        .collect();
    let kind_w = kinds.iter().map(|(h, _)| width(h)).max().unwrap_or(0) + 2;
    for (heading, kind) in kinds {
        // The same sentence (in English) as `check` and the Institutions view.
        let line = kind
            .map(|k| words::institution_stats_line(lang, &app.data, k))
            .unwrap_or_default();
        // The kind in its own column, the figures wrapped beside it.
        let indent = if cols > kind_w + 10 { kind_w } else { 0 };
        let label = fit(heading, indent);
        for (i, l) in super::text::wrap(&line, cols.saturating_sub(indent))
            .into_iter()
            .enumerate()
        {
            let head = if i == 0 {
                label.clone()
            } else {
                " ".repeat(indent)
            };
            out.push(Line::from(vec![
                Span::styled(head, t.text),
                Span::styled(l, t.text),
            ]));
        }
    }

    // What is known not to be known (issue 9), and how good the sources are.
    heading(&mut out, lang.tr(L::KnownUnknowns).to_string());
    for line in words::unknowns_lines(lang, &app.data, &s.unknowns) {
        for (i, l) in super::text::wrap(&line, cols.saturating_sub(2).max(1))
            .into_iter()
            .enumerate()
        {
            let indent = if i == 0 { "" } else { "  " };
            out.push(Line::from(Span::styled(format!("{indent}{l}"), t.text)));
        }
    }
    heading(&mut out, lang.tr(L::SourceGrades).to_string());
    for l in super::text::wrap(&words::source_grades_line(lang, &s.sources), cols) {
        out.push(Line::from(Span::styled(l, t.text)));
    }
    for l in super::text::wrap(lang.tr(L::GradesExplained), cols) {
        out.push(Line::from(Span::styled(l, t.dim)));
    }
    out
}
