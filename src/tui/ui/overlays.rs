//! Popups drawn over a view: help, the country picker, and event detail.

use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::layout;
use super::text::{self, cut_spans, fit, labelled, truncate, width};
use super::{pane_in, render_scrolled, text_size, wrapped};
use crate::present::{Label as L, words};
use crate::tui::keymap;
use crate::tui::state::Context;
use crate::tui::state::measured::TextKey;
use crate::tui::state::{EventPopup, Measured, Overlay, Picker, PickerRow, State};

/// The open popup's text (help or an event) wrapped to the popup, its
/// size noted in `m`; empty when no such popup is open.
pub fn popup_text(app: &State, screen: Rect, m: &mut Measured) -> Rc<[Line<'static>]> {
    // The popup's border takes a cell on every side.
    let area = layout::popup(screen);
    let inner = Rect::new(
        area.x.saturating_add(1),
        area.y.saturating_add(1),
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    );
    let cols = usize::from(inner.width);
    match &app.overlay {
        Overlay::Help { .. } => {
            let lines = wrapped(app, m, TextKey::Help, cols, || help_lines(app, cols));
            m.scroll.help = Some(text_size(&lines, inner));
            lines
        }
        Overlay::Event(e) => {
            let key = TextKey::Event {
                event: e.event,
                partner: e.partner,
            };
            let lines = wrapped(app, m, key, cols, || event_lines(app, e, cols));
            m.scroll.event = Some(text_size(&lines, inner));
            lines
        }
        Overlay::Picker(_) | Overlay::None => Rc::from(Vec::new()),
    }
}

/// The help text: every binding of the keymap, grouped by where it applies.
pub fn help_lines(app: &State, cols: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let cols = cols.max(1);
    let key_w = 24.min(cols / 2);
    let mut out = Vec::new();
    let mut current = None;
    // The focused pane's keys first, then what the symbols and the
    // confidence mean, then every other section.
    let first = app.pane_contexts();
    let mut explained = false;
    for (ctx, keys, help) in keymap::help_rows_from(&first) {
        if current != Some(ctx) {
            let pane = first.contains(&ctx)
                && !matches!(ctx, Context::Global | Context::Navigate | Context::Always);
            if current.is_some() && !explained && !pane {
                explained = true;
                out.push(Line::default());
                symbols_and_confidence(app, cols, &mut out);
            }
            if current.is_some() {
                out.push(Line::default());
            }
            out.push(Line::from(Span::styled(
                truncate(app.lang.tr(ctx.title()), cols),
                t.heading,
            )));
            current = Some(ctx);
        }
        let desc_w = cols.saturating_sub(key_w + 1).max(1);
        for (i, d) in text::wrap(app.lang.tr(help), desc_w)
            .into_iter()
            .enumerate()
        {
            let k = if i == 0 {
                fit(&keys, key_w)
            } else {
                " ".repeat(key_w)
            };
            out.push(Line::from(vec![
                Span::styled(
                    k,
                    t.status_key
                        .patch(t.text)
                        .remove_modifier(ratatui::style::Modifier::REVERSED),
                ),
                Span::raw(" "),
                Span::styled(d, t.text),
            ]));
        }
    }
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        truncate(app.lang.tr(L::MouseHelp), cols),
        t.dim,
    )));
    out
}

/// The help's "Symbols" and "Confidence" sections.
fn symbols_and_confidence(app: &State, cols: usize, out: &mut Vec<Line<'static>>) {
    let t = &app.theme;
    let lang = app.lang;
    out.push(Line::from(Span::styled(
        truncate(lang.tr(L::Symbols), cols),
        t.heading,
    )));
    for (sym, style, label) in [
        ("●", t.sister, L::SymbolSister),
        ("○", t.cooperative, L::SymbolCooperative),
        ("?", t.warning, L::SymbolDoubt),
        ("·", t.dim, L::SymbolPlaceholder),
        ("●", t.marked, L::SymbolConcerns),
        ("▸", t.dim, L::SymbolRelated),
    ] {
        for (i, l) in text::wrap(lang.tr(label), cols.saturating_sub(3).max(1))
            .into_iter()
            .enumerate()
        {
            let head = if i == 0 {
                format!(" {sym} ")
            } else {
                "   ".into()
            };
            out.push(Line::from(vec![
                Span::styled(head, style),
                Span::styled(l, t.text),
            ]));
        }
    }
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        truncate(lang.tr(L::Confidence), cols),
        t.heading,
    )));
    for label in [L::ConfidenceExplained, L::GradesExplained] {
        for l in text::wrap(lang.tr(label), cols) {
            out.push(Line::from(Span::styled(l, t.text)));
        }
    }
}

pub fn draw_help(app: &State, frame: &mut Frame, lines: &[Line<'static>], scroll: usize) {
    let area = layout::popup(frame.area());
    super::clear_popup(frame, area);
    let block = pane_in(
        app,
        Line::from(Span::styled(
            format!(" {} · ? / Esc ", app.lang.tr(L::Help)),
            app.theme.heading,
        )),
        true,
        area,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    render_scrolled(frame, inner, lines, scroll);
}

pub fn draw_picker(app: &State, frame: &mut Frame, picker: &Picker) {
    let t = &app.theme;
    let area = layout::picker(frame.area());
    super::clear_popup(frame, area);
    // Say what the counts are under: the kind filter and search in force.
    let mut title = vec![app.lang.tr(L::Country).to_string()];
    if let Some(kind) = app.partners.filter.kind {
        title.push(words::partner_kind(app.lang, kind).to_string());
    }
    if !app.partners.query.trim().is_empty() {
        title.push(format!("/{}", app.partners.query.trim()));
    }
    let block = pane_in(
        app,
        Line::from(Span::styled(format!(" {} ", title.join(" · ")), t.heading)),
        true,
        area,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let cols = usize::from(inner.width);
    let mut lines = vec![
        Line::from(cut_spans(
            vec![
                Span::styled("› ", t.input),
                Span::styled(picker.query.clone(), t.input),
                Span::styled("▏", t.input),
            ],
            cols,
        )),
        Line::from(Span::styled("─".repeat(cols), t.border)),
    ];
    let rows = usize::from(inner.height.saturating_sub(2));
    if picker.rows.is_empty() {
        lines.push(Line::from(Span::styled(
            truncate(app.lang.tr(L::NoCountriesMatch), cols),
            t.dim,
        )));
    }
    let cursor = picker
        .cursor
        .clamped(picker.rows.len(), layout::picker_rows(frame.area()));
    for (i, row) in picker
        .rows
        .iter()
        .enumerate()
        .skip(cursor.offset)
        .take(rows)
    {
        // A country with nothing to list under the filters is dimmed.
        let style = match (i == cursor.selected, row) {
            (true, _) => t.selected,
            (false, PickerRow::Country(_, 0)) => t.dim,
            (false, _) => t.text,
        };
        let (label, count) = match *row {
            PickerRow::All(n) => (app.lang.tr(L::AllCountries).to_string(), n),
            PickerRow::Country(c, n) => (format!("{}  {}", app.country_name(c), c), n),
        };
        let count = format!(" {count:>3}");
        let label_w = cols.saturating_sub(width(&count));
        lines.push(Line::from(vec![
            Span::styled(fit(&label, label_w), style),
            Span::styled(count, style),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The event popup's text; the highlighted related partner is reversed.
pub fn event_lines(app: &State, popup: &EventPopup, cols: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let lang = app.lang;
    let Some(e) = app.data.events.get(popup.event) else {
        return Vec::new();
    };
    let cols = cols.max(1);
    let mut out: Vec<Line<'static>> = Vec::new();
    let title = &words::event_title(&app.data, popup.event, lang);
    out.extend(
        text::wrap(title, cols)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, t.title))),
    );
    let field = |out: &mut Vec<Line<'static>>, label: &str, value: &str| {
        out.extend(labelled(&format!("{label}: "), value, cols, t.dim, t.text));
    };
    field(&mut out, lang.tr(L::Date), &e.date.to_string());
    field(&mut out, lang.tr(L::Kind), words::row_kind_name(lang, e));
    if let Some(place) = &e.place {
        field(&mut out, lang.tr(L::Place), place);
    }
    if !e.partners.is_empty() {
        out.push(Line::from(Span::styled(
            truncate(
                &format!("{} (j/k, Enter)", lang.tr(L::RelatedPartners)),
                cols,
            ),
            t.heading,
        )));
        for (i, &p) in e.partners.iter().enumerate() {
            let partner = &app.data.partners[p];
            let selected = i == popup.partner;
            let label = format!(
                "{} {} ({})",
                if selected { "›" } else { " " },
                app.partner_name(p),
                app.country_name(partner.country)
            );
            let style = if selected { t.selected } else { t.text };
            out.push(Line::from(Span::styled(fit(&label, cols), style)));
        }
    }
    if !e.countries.is_empty() {
        let names: Vec<String> = e
            .countries
            .iter()
            .map(|&c| format!("{} ({c})", app.country_name(c)))
            .collect();
        field(&mut out, lang.tr(L::Countries), &names.join(", "));
    }
    if !e.other_cities.is_empty() {
        field(
            &mut out,
            lang.tr(L::OtherCities),
            &e.other_cities.join(", "),
        );
    }
    field(
        &mut out,
        lang.tr(L::Confidence),
        words::grade(lang, e.confidence),
    );
    out.push(Line::default());
    super::push_wrapped(
        &mut out,
        &words::event_summary(&app.data, popup.event, lang),
        cols,
        t.text,
    );
    super::push_notes(&mut out, app, &e.notes, cols);
    super::push_sources(&mut out, app, &e.sources, None, &e.provenance, cols);
    out
}

pub fn draw_event(app: &State, frame: &mut Frame, lines: &[Line<'static>], scroll: usize) {
    let area = layout::popup(frame.area());
    super::clear_popup(frame, area);
    let title = format!(" {} · Esc ", app.lang.tr(L::Event));
    let block = pane_in(
        app,
        Line::from(Span::styled(title, app.theme.heading)),
        true,
        area,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    render_scrolled(frame, inner, lines, scroll);
}
