//! The aligned text table of the command line's default output.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

/// A plain text table aligned by display width (CJK characters take two
/// columns). Styling (bold header) only when writing to a terminal.
pub struct Table {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(headers: Vec<&'static str>) -> Self {
        Self {
            headers,
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn write(&self, out: &mut dyn Write, styled: bool) -> io::Result<()> {
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (w, c) in widths.iter_mut().zip(row) {
                *w = (*w).max(c.width());
            }
        }
        let line = |out: &mut dyn Write, cells: &[&str]| -> io::Result<()> {
            let mut s = String::new();
            for (i, c) in cells.iter().enumerate().take(n) {
                s.push_str(c);
                if i + 1 < n {
                    s.extend(std::iter::repeat_n(
                        ' ',
                        widths[i].saturating_sub(c.width()) + 2,
                    ));
                }
            }
            writeln!(out, "{}", s.trim_end())
        };
        if styled {
            write!(out, "\x1b[1m")?;
        }
        line(out, &self.headers)?;
        if styled {
            write!(out, "\x1b[0m")?;
        }
        for row in &self.rows {
            let cells: Vec<&str> = row.iter().map(String::as_str).collect();
            line(out, &cells)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_by_display_width() {
        let mut t = Table::new(vec!["NAME", "ZH", "YEAR"]);
        t.row(vec!["Sapporo".into(), "札幌".into(), "1980".into()]);
        t.row(vec![
            "Düsseldorf".into(),
            "杜塞尔多夫".into(),
            "1984".into(),
        ]);
        t.row(vec!["Turin".into(), String::new(), "1985".into()]);
        let mut out = Vec::new();
        t.write(&mut out, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "NAME        ZH          YEAR\n\
             Sapporo     札幌        1980\n\
             Düsseldorf  杜塞尔多夫  1984\n\
             Turin                   1985\n"
        );
        assert!(!text.contains('\x1b'));
    }
}
