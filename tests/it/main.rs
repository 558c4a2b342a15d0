//! The integration tests, one binary (one link instead of twelve): each
//! module drives the real `shenyang-partners` binary or the library's public
//! API the way a user or a script would.
//!
//! Tests may unwrap, expect and panic: a failed assertion is the point. The
//! crate's lints deny them everywhere else (see `[lints]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod cli;
mod common;
mod config;
mod export;
mod invalid;
mod loader_props;
mod map_view;
#[cfg(unix)]
mod pty;
mod readme;
mod stats_cli;
mod themes;
mod tui_props;
mod tui_snapshots;
