//! Whole-process comparison of `filter_lines` (this project's search
//! engine) with `fzf --filter` on the same input and queries, runs
//! interleaved so both see the same machine load:
//!
//!     cargo run --release --example gen_dataset -- 100000 > big.ron
//!     grep -o 'name: "[^"]*"' big.ron | sed 's/name: "//; s/"$//' > names.txt
//!     cargo build --release --examples
//!     cargo run --release --example compare_fzf -- names.txt 15 dus ber sant a lodz xyz
//!
//! Prints, per query, the median wall time of each, their ratio
//! (filter_lines / fzf; below 1.0 means filter_lines is faster) and how
//! many lines each printed.
// A measuring or generating tool run by hand: failing loudly is fine here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn run(program: &str, args: &[&str], input: &str) -> Result<Duration, String> {
    let file = std::fs::File::open(input).map_err(|e| format!("{input}: {e}"))?;
    let start = Instant::now();
    let status = Command::new(program)
        .args(args)
        .stdin(file)
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("{program}: {e}"))?;
    if !status.success() && status.code() != Some(1) {
        return Err(format!("{program} failed: {status}"));
    }
    Ok(start.elapsed())
}

/// How many lines a program prints for a query: both tools should find the
/// same lines, or the comparison compares different work.
fn count(program: &str, args: &[&str], input: &str) -> Result<usize, String> {
    let file = std::fs::File::open(input).map_err(|e| format!("{input}: {e}"))?;
    let out = Command::new(program)
        .args(args)
        .stdin(file)
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("{program}: {e}"))?;
    Ok(out.stdout.iter().filter(|&&b| b == b'\n').count())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(input), Some(runs)) = (
        args.first(),
        args.get(1).and_then(|r| r.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: compare_fzf LINES_FILE RUNS QUERY...");
        std::process::exit(2);
    };
    let ours = std::env::current_exe()
        .ok()
        .and_then(|p| Some(p.parent()?.join("filter_lines")))
        .unwrap_or_else(|| "target/release/examples/filter_lines".into());
    let ours = ours.to_string_lossy().into_owned();
    for query in &args[2..] {
        let counts = count(&ours, &[query], input).and_then(|a| {
            let b = count("fzf", &["--filter", query], input)?;
            Ok((a, b))
        });
        let (lines_ours, lines_fzf) = match counts {
            Ok(c) => c,
            Err(e) => {
                eprintln!("compare_fzf: {e}");
                std::process::exit(1);
            }
        };
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            for (which, acc) in [(0, &mut a), (1, &mut b)] {
                let t = if which == 0 {
                    run(&ours, &[query], input)
                } else {
                    run("fzf", &["--filter", query], input)
                };
                match t {
                    Ok(t) => acc.push(t),
                    Err(e) => {
                        eprintln!("compare_fzf: {e}");
                        std::process::exit(1);
                    }
                }
            }
        }
        let (ma, mb) = (median(a), median(b));
        println!(
            "{query:>8}: filter_lines {:6.1} ms   fzf --filter {:6.1} ms   ratio {:.2}   lines {lines_ours} / {lines_fzf}{}",
            ma.as_secs_f64() * 1000.0,
            mb.as_secs_f64() * 1000.0,
            ma.as_secs_f64() / mb.as_secs_f64(),
            if lines_ours == lines_fzf {
                ""
            } else {
                " (differ)"
            }
        );
    }
}
