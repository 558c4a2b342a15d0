//! The aligned text table of the command line's default output.

use std::io::{self, Write};

use crate::present::truncate;

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

/// Columns between two cells.
const GAP: usize = 2;
/// A cut column keeps at least this many columns (or its header's width).
const MIN_CUT: usize = 6;

/// A plain text table aligned by display width (CJK characters take two
/// columns). Styling (bold header) only when writing to a terminal.
///
/// Given a width, the table fits it: the widest of the columns marked
/// [`Table::cut`] (free text such as a title or a name) is shortened, one
/// column at a time, down to [`MIN_CUT`] columns, and its cells end in `…`;
/// the other columns keep their width. A row that still does not fit (a
/// terminal narrower than the fixed columns) is cut at the width.
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    cut: Vec<bool>,
}

impl Table {
    pub fn new<S: Into<String>>(headers: impl IntoIterator<Item = S>) -> Self {
        let headers: Vec<String> = headers.into_iter().map(Into::into).collect();
        Self {
            cut: vec![false; headers.len()],
            headers,
            rows: Vec::new(),
        }
    }

    /// Marks columns whose cells may be shortened to fit a width.
    pub fn cut(mut self, columns: &[usize]) -> Self {
        for &c in columns {
            if let Some(flag) = self.cut.get_mut(c) {
                *flag = true;
            }
        }
        self
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The column widths that fit `width` (all natural without one).
    fn widths(&self, width: Option<usize>) -> Vec<usize> {
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (w, c) in widths.iter_mut().zip(row) {
                *w = (*w).max(c.width());
            }
        }
        let Some(width) = width else {
            return widths;
        };
        let floor: Vec<usize> = self
            .headers
            .iter()
            .map(|h| h.width().max(MIN_CUT))
            .collect();
        let total = |w: &[usize]| w.iter().sum::<usize>() + GAP * w.len().saturating_sub(1);
        let mut excess = total(&widths).saturating_sub(width);
        while excess > 0 {
            // The widest column that may still be cut.
            let Some((i, _)) = widths
                .iter()
                .enumerate()
                .filter(|&(i, &w)| self.cut[i] && w > floor[i])
                .max_by_key(|&(i, &w)| (w, std::cmp::Reverse(i)))
            else {
                break;
            };
            // Down to the next widest cut column at once (by one column
            // while two are equally wide, so they come down together), or
            // by the excess.
            let next = widths
                .iter()
                .enumerate()
                .filter(|&(j, &w)| j != i && self.cut[j] && w <= widths[i])
                .map(|(_, &w)| w)
                .max()
                .unwrap_or(0)
                .max(floor[i]);
            let step = (widths[i] - next).clamp(1, excess);
            widths[i] -= step;
            excess -= step;
        }
        widths
    }

    /// Writes the table; `width` is the width to fit (`None`: nothing is cut).
    pub fn write(&self, out: &mut dyn Write, styled: bool, width: Option<usize>) -> io::Result<()> {
        let n = self.headers.len();
        let widths = self.widths(width);
        let line = |out: &mut dyn Write, cells: &[String], bold: bool| -> io::Result<()> {
            let mut s = String::new();
            for (i, c) in cells.iter().enumerate().take(n) {
                let c = truncate(c, widths[i]);
                s.push_str(&c);
                if i + 1 < n {
                    s.extend(std::iter::repeat_n(
                        ' ',
                        widths[i].saturating_sub(c.width()) + GAP,
                    ));
                }
            }
            let s = s.trim_end();
            let s = match width {
                Some(w) => truncate(s, w),
                None => Cow::Borrowed(s),
            };
            if bold {
                writeln!(out, "\x1b[1m{s}\x1b[0m")
            } else {
                writeln!(out, "{s}")
            }
        };
        line(out, &self.headers, styled)?;
        for row in &self.rows {
            line(out, row, false)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &Table, width: Option<usize>) -> String {
        let mut out = Vec::new();
        t.write(&mut out, false, width).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn table_aligns_by_display_width() {
        let mut t = Table::new(["NAME", "ZH", "YEAR"]);
        t.row(vec!["Sapporo".into(), "札幌".into(), "1980".into()]);
        t.row(vec![
            "Düsseldorf".into(),
            "杜塞尔多夫".into(),
            "1984".into(),
        ]);
        t.row(vec!["Turin".into(), String::new(), "1985".into()]);
        let text = text(&t, None);
        assert_eq!(
            text,
            "NAME        ZH          YEAR\n\
             Sapporo     札幌        1980\n\
             Düsseldorf  杜塞尔多夫  1984\n\
             Turin                   1985\n"
        );
        assert!(!text.contains('\x1b'));
    }

    #[test]
    fn the_widest_cut_column_gives_way_and_ends_in_an_ellipsis() {
        let mut t = Table::new(["DATE", "TITLE", "PARTNERS"]).cut(&[1, 2]);
        t.row(vec![
            "1980-11-01".into(),
            "A very long title that will not fit at all".into(),
            "Sapporo".into(),
        ]);
        t.row(vec!["1981".into(), "Short".into(), "Turin, Lyon".into()]);
        let text = text(&t, Some(40));
        assert_eq!(
            text,
            "DATE        TITLE            PARTNERS\n\
             1980-11-01  A very long ti…  Sapporo\n\
             1981        Short            Turin, Lyon\n"
        );
        for line in text.lines() {
            assert!(line.width() <= 40, "{line}");
        }
    }

    #[test]
    fn cjk_cells_are_cut_by_display_width() {
        assert_eq!(truncate("杜塞尔多夫", 6), "杜塞…");
        assert_eq!(truncate("杜塞尔多夫", 5), "杜塞…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn any_width_down_to_one_column_fits() {
        let mut t = Table::new(["KIND", "NAME"]).cut(&[1]);
        t.row(vec![
            "consulate".into(),
            "Consulate General of Japan".into(),
        ]);
        for w in 0..40 {
            for line in text(&t, Some(w)).lines() {
                assert!(line.width() <= w.max(1), "{w}: {line:?}");
            }
        }
    }
}
