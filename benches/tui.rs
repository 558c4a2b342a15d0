//! The explorer's cost per key: update + full redraw on a 120x40 TestBackend,
//! at 100 and 100,000 partners; and start-up to the first frame with the
//! embedded dataset.
// A measuring or generating tool run by hand: failing loudly is fine here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shenyang_partners::data::{load_embedded, load_str};
use shenyang_partners::synth::generate;
use shenyang_partners::tui::event_loop::{draw, step};
use shenyang_partners::tui::{Options, State};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn app_with(n: usize, term: &mut Terminal<TestBackend>) -> State {
    let data = load_str(&generate(n, 2024), "bench.ron").expect("valid");
    let mut app = State::new(data, Options::default());
    draw(term, &mut app).expect("draw");
    app
}

fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke_120x40");
    for n in [100usize, 100_000] {
        let mut term = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
        let mut app = app_with(n, &mut term);
        // Moving the selection: j then k, each followed by a full draw.
        group.bench_function(BenchmarkId::new("move", n), |b| {
            b.iter(|| {
                for c in ['j', 'k'] {
                    step(&mut app, key(c));
                    draw(&mut term, &mut app).expect("draw");
                }
            })
        });
        // Typing a search: "/" then six keys, each key filtering and redrawing,
        // then Esc to clear (eight keystrokes per iteration).
        group.bench_function(BenchmarkId::new("search_8_keys", n), |b| {
            b.iter(|| {
                step(&mut app, key('/'));
                draw(&mut term, &mut app).expect("draw");
                for c in "berlin".chars() {
                    step(&mut app, key(c));
                    draw(&mut term, &mut app).expect("draw");
                }
                step(
                    &mut app,
                    Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
                );
                draw(&mut term, &mut app).expect("draw");
            })
        });
        // One frame alone, for the frame-cost comparison between sizes.
        group.bench_function(BenchmarkId::new("draw_only", n), |b| {
            b.iter(|| draw(&mut term, &mut app).expect("draw"))
        });
    }
    group.finish();
}

fn startup(c: &mut Criterion) {
    c.bench_function("startup_to_first_frame_embedded", |b| {
        b.iter(|| {
            let data = load_embedded().expect("embedded dataset is valid");
            let mut app = State::new(data, Options::default());
            let mut term = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
            draw(&mut term, &mut app).expect("draw");
            app.measured.screen.width
        })
    });
}

/// One full frame of the map view at 200x60 on the embedded dataset: the
/// whole world (1:110m), the East Asia and Europe presets (1:50m), and the
/// world with every label, route and ring on.
fn map_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("map_frame_200x60");
    for (name, keys) in [
        ("world", "3"),
        ("east_asia", "3a"),
        ("europe", "3e"),
        ("world_all_labels", "3t"),
        ("world_all_routes", "3r"),
        ("world_all_layers", "3trd"),
        ("east_asia_all_layers", "3atrd"),
    ] {
        let mut term = Terminal::new(TestBackend::new(200, 60)).expect("test backend");
        let data = load_embedded().expect("embedded dataset is valid");
        let mut app = State::new(data, Options::default());
        draw(&mut term, &mut app).expect("draw");
        for k in keys.chars() {
            step(&mut app, key(k));
            draw(&mut term, &mut app).expect("draw");
        }
        group.bench_function(name, |b| {
            b.iter(|| draw(&mut term, &mut app).expect("draw"))
        });
    }
    group.finish();
}

criterion_group!(benches, keystroke, startup, map_frame);
criterion_main!(benches);
