//! shenyang-partners: Shenyang's international partnerships in the terminal.
//!
//! Data flows one way: [`data`] loads and validates a RON dataset, [`query`]
//! filters, sorts and searches it, and both front ends, the command line
//! ([`cli`]) and the explorer ([`tui`]), present the results.

pub mod cli;
pub mod config;
pub mod data;
pub mod geo;
pub mod present;
pub mod query;
pub mod stats;
pub mod synth;
pub mod theme;
pub mod tui;
