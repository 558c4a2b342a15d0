//! What both faces show: the record shapes behind JSON and CSV, and the
//! program's own words in English and Chinese. Above `data` and `query`,
//! below `cli` and `tui`; it knows no terminal.

pub mod records;
pub mod words;

/// The language of names and labels: `L` in the explorer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub fn toggled(self) -> Self {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }
}
