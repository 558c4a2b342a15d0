//! Prints the lines of standard input that match a fuzzy query, best first,
//! using the explorer's own search engine (the same folding, prefilter and
//! fuzzy-matcher scoring as `/` in the explorer):
//!
//!     cargo run --release --example filter_lines -- QUERY < lines.txt
//!
//! It is the project's side of the comparison with `fzf --filter QUERY`
//! described in the README's Performance section.
// A measuring or generating tool run by hand: failing loudly is fine here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{self, Read, Write};
use std::process::ExitCode;

use shenyang_partners::query::SearchIndex;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let Some(query) = std::env::args().nth(1) else {
        eprintln!("usage: filter_lines QUERY < lines");
        return ExitCode::from(2);
    };
    let mut input = Vec::new();
    if let Err(e) = io::stdin().lock().read_to_end(&mut input) {
        eprintln!("filter_lines: cannot read standard input: {e}");
        return ExitCode::FAILURE;
    }
    let text = String::from_utf8_lossy(&input);
    let lines: Vec<&str> = text.lines().collect();
    let index = SearchIndex::lines(lines.iter().copied());
    let all: Vec<usize> = (0..lines.len()).collect();
    let hits = index.search(&query, &all);
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    for hit in &hits {
        if let Err(e) = writeln!(out, "{}", lines[hit.ix]) {
            return if e.kind() == io::ErrorKind::BrokenPipe {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            };
        }
    }
    match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => ExitCode::FAILURE,
        _ => ExitCode::SUCCESS,
    }
}
