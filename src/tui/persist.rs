//! What the explorer remembers between runs: language, view, selected
//! partner, the map's zoom and centre, in
//! `$XDG_STATE_HOME/shenyang-partners/state.ron`.
//!
//! Written atomically (a temporary file in the same directory, renamed
//! over the old one); read with the program's one file reader (type checked
//! before opening, size capped). A file that cannot be read or is not ours
//! is ignored with a one-line warning: it never stops the explorer.
//! `--no-state` or `SHENYANG_PARTNERS_NO_STATE=1` neither reads nor writes it.

use std::io::Write;
use std::path::PathBuf;

use super::state::Saved;

/// The environment variable that turns the state file off.
pub const NO_STATE_ENV: &str = "SHENYANG_PARTNERS_NO_STATE";

/// A state file is a few hundred bytes; anything much larger is not ours.
const MAX_STATE_BYTES: u64 = 64 * 1024;

/// Whether the environment turns the state file off.
pub fn disabled_by_env() -> bool {
    std::env::var_os(NO_STATE_ENV).is_some_and(|v| !v.is_empty() && v != "0")
}

/// Where the state lives (`None` when no state directory is known).
pub fn path() -> Option<PathBuf> {
    dirs::state_dir().map(|d| d.join("shenyang-partners").join("state.ron"))
}

/// The saved state, if there is a usable one. A missing file is silent; an
/// unreadable, corrupt or foreign one gives a one-line warning (the second
/// value) and is ignored.
pub fn load() -> (Option<Saved>, Option<String>) {
    let Some(path) = path() else {
        return (None, None);
    };
    if std::fs::symlink_metadata(&path).is_err() {
        return (None, None);
    }
    let shown = crate::data::text::printable(&path.display().to_string());
    let text = match crate::data::read::read_text(&path, MAX_STATE_BYTES) {
        Ok(t) => t,
        Err(e) => {
            let why = match e {
                crate::data::read::ReadError::Io(m) => m,
                crate::data::read::ReadError::TooLarge { .. } => "too large".to_string(),
                crate::data::read::ReadError::NotText(_) => "not text".to_string(),
            };
            return (
                None,
                Some(format!(
                    "warning: ignoring the saved state {shown}: {}",
                    crate::data::text::printable(&why)
                )),
            );
        }
    };
    match ron::from_str::<Saved>(text.trim_start_matches('\u{feff}')) {
        Ok(saved) => (Some(saved), None),
        Err(_) => (
            None,
            Some(format!(
                "warning: ignoring the saved state {shown}: not a state file of this program"
            )),
        ),
    }
}

/// Writes the state atomically.
pub fn save(saved: &Saved) -> std::io::Result<()> {
    let Some(path) = path() else {
        return Ok(());
    };
    let Some(dir) = path.parent() else {
        return Ok(());
    };
    std::fs::create_dir_all(dir)?;
    let text = ron::ser::to_string_pretty(saved, ron::ser::PrettyConfig::default())
        .map_err(std::io::Error::other)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.write_all(b"\n")?;
    tmp.as_file().sync_all()?;
    tmp.persist(&path).map_err(|e| e.error)?;
    Ok(())
}
