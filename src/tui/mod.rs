//! The interactive explorer. [`run_explorer`] is its one entry.
//!
//! - [`state`]: what the explorer is showing and its one way of changing,
//!   `State::update(Action) -> Vec<Effect>`; one module per view.
//! - [`ui`]: drawing, a pure function of the state that reports what it
//!   measured (`ui::draw(&State, &mut Frame) -> Measured`).
//! - [`keymap`]: every key binding, one a line; help and hints come from it.
//! - [`event_loop`]: the terminal, and key ─▶ action ─▶ update ─▶ effects
//!   ─▶ draw ─▶ measurements stored; [`effect`] performs the effects.

pub mod effect;
pub mod event_loop;
pub mod export;
pub mod keymap;
pub mod map;
pub mod persist;
pub mod state;
pub mod ui;

pub use state::{Options, State};

use crate::data::Dataset;

/// Opens the explorer on a dataset and runs it until the user quits.
/// `NO_COLOR` (set and not empty) takes the colour out of the theme.
pub fn run_explorer(data: Dataset, options: Options) -> std::io::Result<()> {
    let mut options = options;
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        options.theme = options.theme.without_colour();
    }
    let remember = !options.no_state && !persist::disabled_by_env();
    options.no_state = !remember;
    let saved = if remember {
        let (saved, warning) = persist::load();
        if let Some(w) = warning {
            // One line, before the alternate screen hides it.
            eprintln!("{w}");
        }
        saved
    } else {
        None
    };
    let mut state = State::new(data, options);
    if let Some(saved) = &saved {
        state.restore(saved);
    }
    event_loop::run(state)
}
