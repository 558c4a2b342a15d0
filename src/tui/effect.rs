//! Performing what [`State::update`](super::state::State::update) asks for.
//! This and the terminal set-up in the loop are the explorer's only I/O;
//! each effect's outcome goes back to the state as an [`Action::Report`].

use std::io::Write;

use super::export;
use super::state::{Action, Effect, Report};
use crate::data::Dataset;

/// How effects that reach outside the program are performed: for real by
/// the event loop, or offline (tests, the benchmarks), where opening and
/// copying report success without launching or writing anything and
/// suspending and saving do nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum World {
    Real,
    Offline,
}

/// Performs one effect and says how it went (`None`: nothing to report).
pub fn perform(effect: Effect, data: &Dataset, world: World) -> Option<Action> {
    match effect {
        Effect::Export { partners, dir } => Some(Action::Report(
            match export::export_partners(data, &partners, &dir) {
                Ok(path) => Report::Exported {
                    count: partners.len(),
                    file: path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    ),
                },
                Err(e) => Report::ExportFailed {
                    path: e.path.display().to_string(),
                    error: e.error.to_string(),
                },
            },
        )),
        Effect::OpenUrl(url) => Some(Action::Report(match world {
            World::Offline => Report::Opened(url),
            // `open` starts the platform's opener (xdg-open, open, start)
            // with the URL as one argument: no shell parses it.
            World::Real => match open::that_detached(&url) {
                Ok(()) => Report::Opened(url),
                Err(e) => Report::OpenFailed {
                    url,
                    error: e.to_string(),
                },
            },
        })),
        Effect::Copy(text) => Some(Action::Report(match world {
            World::Offline => Report::Copied(text),
            World::Real => match copy_osc52(&text) {
                Ok(()) => Report::Copied(text),
                Err(e) => Report::OpenFailed {
                    url: text,
                    error: e.to_string(),
                },
            },
        })),
        Effect::SaveState(saved) => {
            if world == World::Real {
                // A state that cannot be saved is not worth a message on the
                // way out; the next start simply begins fresh.
                let _ = super::persist::save(&saved);
            }
            None
        }
        // The loop suspends (it owns the terminal); nothing to do offline.
        Effect::Suspend => None,
    }
}

/// Puts text on the clipboard with OSC 52 (crossterm's `CopyToClipboard`),
/// which the terminal performs: it works over SSH and, with tmux's
/// `set-clipboard`, inside tmux.
fn copy_osc52(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout();
    crossterm::execute!(
        out,
        crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
    )?;
    out.flush()
}
