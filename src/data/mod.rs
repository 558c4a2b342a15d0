//! What a partnerships dataset is: the RON file format ([`raw`]), the checked
//! model ([`model`]), and loading with clear errors ([`load`]).

pub mod country;
pub mod date;
pub mod load;
mod locate;
pub mod model;
pub mod raw;
mod split;
pub mod text;
pub mod validate;

pub use load::{LoadError, load_bytes, load_embedded, load_path, load_str};
pub use model::*;
