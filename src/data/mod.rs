//! What a partnerships dataset is: the RON file format ([`raw`]), the checked
//! model ([`model`]), and loading with clear errors ([`load`]).
//!
//! Reading RON text: [`read`] gets a file's text safely, [`dialect`] is the
//! RON every file is parsed as, [`lexer`] is the one tokenizer for the
//! source itself, [`locate`] places value paths with it, and [`syntax`] and
//! [`diagnostic`] turn a problem into a report with file, line and column.
//! Large datasets take the parallel path ([`split`]) first.

pub mod country;
pub mod date;
pub mod diagnostic;
pub mod dialect;
pub mod lexer;
pub mod load;
pub mod locate;
pub mod model;
pub mod raw;
pub mod read;
#[doc(hidden)]
pub mod split;
pub mod syntax;
pub mod text;
pub mod validate;

pub use load::{LoadError, load_bytes, load_embedded, load_path, load_str};
pub use model::*;
