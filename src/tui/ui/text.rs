//! Width-aware text helpers: truncation with an ellipsis, padding, wrapping
//! and match highlighting, all measured in terminal columns (CJK = 2).

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    s.width()
}

/// Cuts `s` to at most `max` columns, ending with "…" when cut.
pub fn truncate(s: &str, max: usize) -> String {
    crate::present::truncate(s, max).into_owned()
}

/// `s` truncated or padded with spaces to exactly `cols` columns.
pub fn fit(s: &str, cols: usize) -> String {
    let mut t = truncate(s, cols);
    let w = t.width();
    t.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    t
}

/// Spans for `s` with the characters at `positions` (char indices) styled
/// as matches, cut to `max` columns with an ellipsis.
pub fn highlighted(
    s: &str,
    positions: &[usize],
    base: Style,
    matched: Style,
    max: usize,
) -> Vec<Span<'static>> {
    let cut = s.width() > max;
    let budget = if cut { max.saturating_sub(1) } else { max };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_is_match = false;
    let mut used = 0;
    for (i, c) in s.chars().enumerate() {
        let w = c.width().unwrap_or(0);
        if used + w > budget {
            break;
        }
        used += w;
        let is_match = positions.contains(&i);
        if is_match != run_is_match && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_is_match { matched } else { base },
            ));
        }
        run_is_match = is_match;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_is_match { matched } else { base }));
    }
    if cut && max > 0 {
        spans.push(Span::styled("…", base));
    }
    spans
}

/// Total display width of spans.
pub fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(|s| s.content.width()).sum()
}

/// Cuts a line of spans to `max` columns (ellipsis when cut).
pub fn cut_spans(spans: Vec<Span<'static>>, max: usize) -> Vec<Span<'static>> {
    if spans_width(&spans) <= max {
        return spans;
    }
    let mut out = Vec::new();
    let mut left = max.saturating_sub(1);
    let mut last_style = Style::default();
    for s in spans {
        let w = s.content.width();
        last_style = s.style;
        if w <= left {
            left -= w;
            out.push(s);
        } else {
            let part = truncate_exact(&s.content, left);
            if !part.is_empty() {
                out.push(Span::styled(part, s.style));
            }
            break;
        }
    }
    if max > 0 {
        out.push(Span::styled("…", last_style));
    }
    out
}

/// The longest prefix of `s` that fits in `max` columns (no ellipsis).
fn truncate_exact(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max {
            break;
        }
        used += w;
        out.push(c);
    }
    out
}

/// Wraps plain text to `cols` columns; long words (and CJK runs) break
/// anywhere. Always returns at least one line.
pub fn wrap(text: &str, cols: usize) -> Vec<String> {
    if cols == 0 {
        return vec![String::new()];
    }
    let options = textwrap::Options::new(cols)
        .break_words(true)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    let lines: Vec<String> = textwrap::wrap(text, options)
        .into_iter()
        .map(|c| c.into_owned())
        .collect();
    if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    }
}

/// Wraps `text` after a label: the first line starts with the label, the
/// others are indented to line up under the text.
pub fn labelled(
    label: &str,
    text: &str,
    cols: usize,
    label_style: Style,
    text_style: Style,
) -> Vec<Line<'static>> {
    let lw = label.width();
    if cols <= lw + 4 {
        // No room for a side label: put it on its own line.
        let mut out = vec![Line::from(Span::styled(truncate(label, cols), label_style))];
        out.extend(
            wrap(text, cols)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, text_style))),
        );
        return out;
    }
    wrap(text, cols - lw)
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let head = if i == 0 {
                label.to_string()
            } else {
                " ".repeat(lw)
            };
            Line::from(vec![
                Span::styled(head, label_style),
                Span::styled(l, text_style),
            ])
        })
        .collect()
}

/// A bulleted paragraph: "• text", continuation lines indented.
pub fn bullet(text: &str, cols: usize, style: Style) -> Vec<Line<'static>> {
    let body = wrap(text, cols.saturating_sub(2).max(1));
    body.into_iter()
        .enumerate()
        .map(|(i, l)| {
            Line::from(Span::styled(
                format!("{}{l}", if i == 0 { "• " } else { "  " }),
                style,
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_columns() {
        assert_eq!(truncate("Sapporo", 10), "Sapporo");
        assert_eq!(truncate("Sapporo", 5), "Sapp…");
        assert_eq!(truncate("杜塞尔多夫", 6), "杜塞…");
        assert_eq!(truncate("杜塞尔多夫", 5), "杜塞…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("abc", 1), "…");
        assert_eq!(fit("札幌", 6), "札幌  ");
        assert_eq!(fit("Θεσσαλονίκη", 5), "Θεσσ…");
    }

    #[test]
    fn highlight_marks_positions_and_cuts() {
        let base = Style::default();
        let hl = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let spans = highlighted("Düsseldorf", &[0, 1, 2], base, hl, 20);
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].content, "Düs");
        assert_eq!(spans[0].style, hl);
        assert_eq!(spans[1].content, "seldorf");
        let spans = highlighted("Düsseldorf", &[9], base, hl, 5);
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "Düss…");
    }

    #[test]
    fn wrapping_breaks_cjk_and_long_words() {
        let lines = wrap("沈阳市与札幌市于一九八零年结为友好城市", 10);
        assert!(lines.iter().all(|l| l.width() <= 10), "{lines:?}");
        assert!(lines.len() >= 4);
        let lines = wrap(
            "https://www.shenyang.gov.cn/english/aboutshenyang/sistercities/x.html",
            20,
        );
        assert!(lines.iter().all(|l| l.width() <= 20), "{lines:?}");
        assert_eq!(wrap("", 10), vec![String::new()]);
        assert_eq!(wrap("abc", 0), vec![String::new()]);
    }
}
