//! The explorer's cost per key: update + full redraw on a 120x40 TestBackend,
//! at 100 and 100,000 partners; and start-up to the first frame with the
//! embedded dataset.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shenyang_partners::data::{load_embedded, load_str};
use shenyang_partners::synth::generate;
use shenyang_partners::tui::{App, Options, ui};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn app_with(n: usize) -> App {
    let data = load_str(&generate(n, 2024), "bench.ron").expect("valid");
    let mut app = App::new(data, Options::default());
    app.resize(120, 40);
    app
}

fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke_120x40");
    for n in [100usize, 100_000] {
        let mut app = app_with(n);
        let mut term = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
        // Moving the selection: j then k, each followed by a full draw.
        group.bench_function(BenchmarkId::new("move", n), |b| {
            b.iter(|| {
                for c in ['j', 'k'] {
                    app.handle_key(key(c));
                    term.draw(|f| ui::draw(&app, f)).expect("draw");
                }
            })
        });
        // Typing a search: "/" then six keys, each key filtering and redrawing,
        // then Esc to clear (eight keystrokes per iteration).
        group.bench_function(BenchmarkId::new("search_8_keys", n), |b| {
            b.iter(|| {
                app.handle_key(key('/'));
                term.draw(|f| ui::draw(&app, f)).expect("draw");
                for c in "berlin".chars() {
                    app.handle_key(key(c));
                    term.draw(|f| ui::draw(&app, f)).expect("draw");
                }
                app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
                term.draw(|f| ui::draw(&app, f)).expect("draw");
            })
        });
        // One frame alone, for the frame-cost comparison between sizes.
        group.bench_function(BenchmarkId::new("draw_only", n), |b| {
            b.iter(|| term.draw(|f| ui::draw(&app, f)).expect("draw").area.width)
        });
    }
    group.finish();
}

fn startup(c: &mut Criterion) {
    c.bench_function("startup_to_first_frame_embedded", |b| {
        b.iter(|| {
            let data = load_embedded().expect("embedded dataset is valid");
            let mut app = App::new(data, Options::default());
            app.resize(120, 40);
            let mut term = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
            term.draw(|f| ui::draw(&app, f)).expect("draw").area.width
        })
    });
}

criterion_group!(benches, keystroke, startup);
criterion_main!(benches);
