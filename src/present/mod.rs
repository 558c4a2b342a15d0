//! What both faces show: the record shapes behind JSON and CSV
//! ([`records`]), every sentence the program writes in English and Chinese
//! ([`words`]) and its fixed labels as compile-checked items ([`labels`]).
//! Above `data` and `query`, below `cli` and `tui`; it knows no terminal.

pub mod commands;
pub mod labels;
pub mod records;
pub mod words;

pub use labels::Label;

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
