//! Wall time of the first map frame in a fresh process, including the lazy
//! decoding of the Natural Earth asset, at 200x60 on a TestBackend:
//!
//!     cargo run --release --example first_map_frame -- [RUNS]
//!
//! Each run is a new process (the asset is decoded once per process): it
//! starts the explorer's state on the embedded dataset, draws the Partners
//! view, then times `3` (switch to the map) and its frame, and then a
//! second map frame for comparison. Prints the median and the worst.

use std::process::Command;
use std::time::Instant;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shenyang_partners::data::load_embedded;
use shenyang_partners::tui::event_loop::{draw, step};
use shenyang_partners::tui::{Options, State};

fn once() -> Result<(f64, f64), String> {
    let data = load_embedded().map_err(|e| e.to_string())?;
    let mut app = State::new(data, Options::default());
    let mut term = Terminal::new(TestBackend::new(200, 60)).map_err(|e| e.to_string())?;
    draw(&mut term, &mut app).map_err(|e| e.to_string())?;
    let start = Instant::now();
    step(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('3'), KeyModifiers::NONE)),
    );
    draw(&mut term, &mut app).map_err(|e| e.to_string())?;
    let first = start.elapsed().as_secs_f64() * 1e3;
    let start = Instant::now();
    draw(&mut term, &mut app).map_err(|e| e.to_string())?;
    let second = start.elapsed().as_secs_f64() * 1e3;
    Ok((first, second))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--once") {
        match once() {
            Ok((first, second)) => println!("{first} {second}"),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
        return;
    }
    let runs: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let Ok(me) = std::env::current_exe() else {
        eprintln!("cannot find this executable");
        std::process::exit(1);
    };
    let (mut firsts, mut seconds) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let out = match Command::new(&me).arg("--once").output() {
            Ok(o) if o.status.success() => o,
            Ok(o) => {
                eprintln!("{}", String::from_utf8_lossy(&o.stderr));
                std::process::exit(1);
            }
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
        let text = String::from_utf8_lossy(&out.stdout);
        let mut it = text
            .split_whitespace()
            .filter_map(|t| t.parse::<f64>().ok());
        if let (Some(a), Some(b)) = (it.next(), it.next()) {
            firsts.push(a);
            seconds.push(b);
        }
    }
    let stats = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (
            v.get(v.len() / 2).copied().unwrap_or(0.0),
            v.last().copied().unwrap_or(0.0),
        )
    };
    let (m1, w1) = stats(&mut firsts);
    let (m2, w2) = stats(&mut seconds);
    println!(
        "{runs} runs at 200x60: first map frame (with the asset's lazy load) median {m1:.2} ms, worst {w1:.2} ms; next frame median {m2:.2} ms, worst {w2:.2} ms"
    );
}
