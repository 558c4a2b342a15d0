//! Performing what [`State::update`](super::state::State::update) asks for.
//! This and the terminal set-up in the loop are the explorer's only I/O;
//! each effect's outcome goes back to the state as an [`Action::Report`].

use super::export;
use super::state::{Action, Effect, Report};
use crate::data::Dataset;

/// Performs one effect and says how it went.
pub fn perform(effect: Effect, data: &Dataset) -> Action {
    match effect {
        Effect::Export { partners, dir } => {
            Action::Report(match export::export_partners(data, &partners, &dir) {
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
            })
        }
    }
}
