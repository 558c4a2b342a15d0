//! Writes a synthetic, valid dataset with N partners to stdout:
//!
//!     cargo run --release --example gen_dataset -- 100000 > big.ron
//!     cargo run --release --example gen_dataset -- 100000 --seed 7 > other.ron
//!
//! Names mix scripts, diacritics and CJK like the real data; the same N and
//! seed always give the same file.
// A measuring or generating tool run by hand: failing loudly is fine here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut n: Option<usize> = None;
    let mut seed: u64 = 2024;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => match it.next().and_then(|s| s.parse().ok()) {
                Some(s) => seed = s,
                None => return usage("--seed needs a number"),
            },
            "-h" | "--help" => {
                println!("usage: gen_dataset N [--seed S]   (writes RON to stdout)");
                return ExitCode::SUCCESS;
            }
            other => match other.parse() {
                Ok(v) if n.is_none() => n = Some(v),
                _ => return usage(&format!("unexpected argument {other:?}")),
            },
        }
    }
    let Some(n) = n else {
        return usage("give the number of partners");
    };
    let text = shenyang_partners::synth::generate(n, seed);
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_dataset: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("gen_dataset: {msg}\nusage: gen_dataset N [--seed S]");
    ExitCode::from(2)
}
