//! Per-keystroke latency of the explorer (update + full redraw on a 120x40
//! TestBackend) while typing a search over a large synthetic dataset:
//!
//!     cargo run --release --example keystroke_latency -- [PARTNERS] [ROUNDS] [QUERY] [PAUSE_MS]
//!
//! Each round types `/`, the keys of QUERY (default "berlin") one at a time, then Esc; the
//! report gives the median and the worst time of every key, and overall, with the 99th
//! percentile. PAUSE_MS (default 0) waits that long before each key, as a typist does: the
//! machine idles between keys, and caches and sleeping threads cost more than back to back.
//! Criterion gives the averages; this gives the worst case it cannot.
// A measuring or generating tool run by hand: failing loudly is fine here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shenyang_partners::data::load_str;
use shenyang_partners::synth::generate;
use shenyang_partners::tui::event_loop::{draw, step};
use shenyang_partners::tui::{Options, State};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(30);
    let query = args.next().unwrap_or_else(|| "berlin".to_string());
    let pause = Duration::from_millis(args.next().and_then(|a| a.parse().ok()).unwrap_or(0));
    let data = match load_str(&generate(n, 2024), "synthetic") {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let mut app = State::new(data, Options::default());
    let mut term = match Terminal::new(TestBackend::new(120, 40)) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let _ = draw(&mut term, &mut app);
    let mut keys: Vec<(String, KeyEvent)> = vec![(
        "/".into(),
        KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE),
    )];
    keys.extend(query.chars().map(|c| {
        (
            c.to_string(),
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        )
    }));
    keys.push((
        "Esc".into(),
        KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
    ));
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); keys.len()];
    for round in 0..rounds + 2 {
        for (k, (_, key)) in keys.iter().enumerate() {
            if !pause.is_zero() {
                std::thread::sleep(pause);
            }
            let t = Instant::now();
            step(&mut app, Event::Key(*key));
            let _ = draw(&mut term, &mut app);
            // The first two rounds warm caches and threads; they are not counted.
            if round >= 2 {
                times[k].push(t.elapsed());
            }
        }
    }
    println!(
        "{n} partners, {rounds} rounds, 120x40, update + full draw per key, {} ms between keys",
        pause.as_millis()
    );
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mut all: Vec<Duration> = Vec::new();
    for ((label, _), t) in keys.iter().zip(&mut times) {
        t.sort();
        all.extend(t.iter().copied());
        println!(
            "  key {label:>3}: median {:6.2} ms   worst {:6.2} ms",
            ms(t[t.len() / 2]),
            ms(t[t.len() - 1])
        );
    }
    all.sort();
    println!(
        "  all keys: median {:6.2} ms   99th percentile {:6.2} ms   worst {:6.2} ms",
        ms(all[all.len() / 2]),
        ms(all[(all.len() * 99 / 100).min(all.len() - 1)]),
        ms(all[all.len() - 1])
    );
}
