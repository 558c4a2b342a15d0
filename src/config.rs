//! The configuration file, shared by both faces: where it is
//! (`~/.config/shenyang-partners/config.ron` on Linux, or the file named by
//! `SHENYANG_PARTNERS_CONFIG`), reading and checking it, and what it selects
//! — the theme (unless `--theme` names one) and the language the explorer
//! starts in.
//!
//! ```ron
//! Config(theme: "light", lang: "zh")
//! ```
//!
//! Every problem is reported with the file's path and, where it has one, the
//! line and column: a file that cannot be read, does not parse, or names an
//! unknown theme or language.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::data::diagnostic::{Diagnostic, Diagnostics};
use crate::data::dialect::{normalize, ron_options};
use crate::data::locate::locate;
use crate::data::read::read_text;
use crate::data::syntax::syntax_error;
use crate::data::text::printable;
use crate::present::Lang;
use crate::theme::{self, Theme, ThemeError};

/// The environment variable that names a configuration file explicitly.
pub const CONFIG_ENV: &str = "SHENYANG_PARTNERS_CONFIG";

/// Configuration files larger than this are refused (a real one is a line).
pub const MAX_CONFIG_BYTES: u64 = 64 * 1024;

/// The settings a configuration file holds.
#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename = "Config")]
pub struct Config {
    /// Theme name or path, used when `--theme` is not given. A relative
    /// path is relative to the configuration file's directory.
    #[serde(default)]
    pub theme: Option<String>,
    /// "en" or "zh": the language the explorer starts in.
    #[serde(default)]
    pub lang: Option<String>,
}

/// A configuration read from its file (or none), kept with its text so a
/// setting found wrong later can be shown in place.
#[derive(Debug, Default)]
pub struct ConfigFile {
    pub config: Config,
    /// The file read, if any.
    pub path: Option<PathBuf>,
    text: String,
}

/// What the configuration and the command line select.
#[derive(Debug, Clone)]
pub struct Settings {
    pub theme: Theme,
    pub lang: Lang,
}

/// Why the settings could not be made.
#[derive(Debug)]
pub enum ConfigError {
    /// `--theme` names no theme: a usage error (exit code 2).
    Usage(String),
    /// The theme file named by `--theme` is broken (exit code 1).
    Theme(Diagnostics),
    /// The configuration file, or the theme or language it names, is
    /// missing (when named by `SHENYANG_PARTNERS_CONFIG`), unreadable or
    /// wrong (exit code 1).
    File(Diagnostics),
}

impl ConfigError {
    /// 2 for a usage error, 1 for bad data.
    pub fn exit_code(&self) -> u8 {
        match self {
            ConfigError::Usage(_) => 2,
            ConfigError::Theme(_) | ConfigError::File(_) => 1,
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Usage(m) => f.write_str(m),
            ConfigError::Theme(d) | ConfigError::File(d) => d.fmt(f),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Where the configuration file is looked for, and whether the user named
/// it (`SHENYANG_PARTNERS_CONFIG`; an empty value counts as unset).
pub fn config_path() -> Option<(PathBuf, bool)> {
    if let Some(p) = std::env::var_os(CONFIG_ENV)
        && !p.is_empty()
    {
        return Some((p.into(), true));
    }
    dirs::config_dir().map(|d| (d.join("shenyang-partners").join("config.ron"), false))
}

/// Whether failing to look at the default configuration file means there
/// is none: not found, a parent that is not a directory, or a parent
/// directory that may not be searched. (A file that is there but cannot be
/// read is an error, found when reading it.)
fn counts_as_missing(e: &std::io::Error) -> bool {
    use std::io::ErrorKind as K;
    matches!(
        e.kind(),
        K::NotFound | K::NotADirectory | K::PermissionDenied
    )
}

/// Reads the configuration file if there is one. A missing default file is
/// no error; a missing file named by `SHENYANG_PARTNERS_CONFIG`, an
/// unreadable or a broken one is, with its path (and line and column).
pub fn load() -> Result<ConfigFile, ConfigError> {
    match config_path() {
        Some((path, explicit)) => load_from(&path, explicit),
        None => Ok(ConfigFile::default()),
    }
}

/// How a configuration file is named in messages.
fn config_origin(path: &Path) -> String {
    format!(
        "configuration file {}",
        printable(&path.display().to_string())
    )
}

/// Reads and parses one configuration file; `explicit` when the user named it.
pub fn load_from(path: &Path, explicit: bool) -> Result<ConfigFile, ConfigError> {
    let origin = config_origin(path);
    let named = if explicit {
        format!("{origin} (named by {CONFIG_ENV})")
    } else {
        origin.clone()
    };
    let fail = |d: Diagnostic| ConfigError::File(d.into());
    // Only a file that is not there at all (or out of sight) is "none".
    if let Err(e) = std::fs::metadata(path) {
        if !explicit && counts_as_missing(&e) {
            return Ok(ConfigFile::default());
        }
        return Err(fail(Diagnostic::whole_file(
            &named,
            format!("cannot read: {e}"),
        )));
    }
    let text = read_text(path, MAX_CONFIG_BYTES).map_err(|e| {
        let d = e.diagnostic(&named, "a configuration file", "cannot read");
        // A place in the text is named by the plain origin, like syntax errors.
        fail(if d.position.is_some() {
            Diagnostic { origin, ..d }
        } else {
            d
        })
    })?;
    let text = normalize(&text).into_owned();
    let config = parse(&text, &config_origin(path)).map_err(fail)?;
    Ok(ConfigFile {
        config,
        path: Some(path.to_path_buf()),
        text,
    })
}

/// Parses the text of a configuration file; `origin` names it in errors.
pub fn parse(text: &str, origin: &str) -> Result<Config, Diagnostic> {
    let text = normalize(text);
    ron_options()
        .from_str::<Config>(&text)
        .map_err(|e| syntax_error(&text, origin, &e))
}

impl ConfigFile {
    /// `message` at the value of the configuration's field `field`.
    fn error_at(&self, field: &str, message: &str) -> ConfigError {
        let origin = self
            .path
            .as_deref()
            .map_or_else(|| "configuration".to_string(), config_origin);
        let d = match locate(&self.text, &[field]).pop().flatten() {
            Some(found) if found.exact => {
                Diagnostic::at(&self.text, &origin, found.place.value, message)
            }
            _ => Diagnostic::whole_file(&origin, message),
        };
        ConfigError::File(d.into())
    }

    /// The theme to use: `--theme` if given (the configuration's theme is
    /// then not even looked at), else the configuration's, else the default.
    /// An unknown `--theme` is a usage error; an unknown theme in the file
    /// says where.
    pub fn theme(&self, command_line: Option<&str>) -> Result<Theme, ConfigError> {
        if let Some(name) = command_line {
            return theme_named(name);
        }
        let Some(name) = self.config.theme.as_deref() else {
            return Ok(Theme::dark());
        };
        // A relative theme path is relative to the configuration file.
        let dir = self.path.as_deref().and_then(Path::parent);
        theme::resolve_from(name, dir).map_err(|e| match e {
            ThemeError::Unknown { .. } => self.error_at("theme", &e.to_string()),
            ThemeError::Invalid(d) => ConfigError::File(d),
        })
    }

    /// The language to start in.
    pub fn lang(&self) -> Result<Lang, ConfigError> {
        match self.config.lang.as_deref() {
            None | Some("en") => Ok(Lang::En),
            Some("zh") => Ok(Lang::Zh),
            Some(other) => Err(self.error_at(
                "lang",
                &format!("lang {:?} is not \"en\" or \"zh\"", printable(other)),
            )),
        }
    }
}

/// The theme `--theme` names.
fn theme_named(name: &str) -> Result<Theme, ConfigError> {
    theme::resolve(name).map_err(|e| match e {
        ThemeError::Unknown { .. } => ConfigError::Usage(e.to_string()),
        ThemeError::Invalid(d) => ConfigError::Theme(d),
    })
}

impl Settings {
    /// The settings for a command that uses them: the configuration file is
    /// read and every setting checked (the theme is checked for every
    /// command, so a typo is caught at once); any problem is an error.
    pub fn load(command_line_theme: Option<&str>) -> Result<Settings, ConfigError> {
        let file = load()?;
        let theme = file.theme(command_line_theme)?;
        let lang = file.lang()?;
        Ok(Settings { theme, lang })
    }

    /// The settings for a command that does not use the configuration
    /// (`check`): a problem with the configuration file is handed back to
    /// be shown as a warning, and the defaults are used instead. `--theme`
    /// is still checked (a typo in it is still an error).
    pub fn load_or_defaults(
        command_line_theme: Option<&str>,
    ) -> Result<(Settings, Option<ConfigError>), ConfigError> {
        match Self::load(command_line_theme) {
            Err(ignored @ ConfigError::File(_)) => {
                let theme = match command_line_theme {
                    Some(name) => theme_named(name)?,
                    None => Theme::dark(),
                };
                let settings = Settings {
                    theme,
                    lang: Lang::En,
                };
                Ok((settings, Some(ignored)))
            }
            other => other.map(|s| (s, None)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_failures_mean_there_is_no_default_config() {
        use std::io::{Error, ErrorKind as K};
        assert!(counts_as_missing(&Error::from(K::NotFound)));
        assert!(counts_as_missing(&Error::from(K::NotADirectory)));
        // Looking at the file is refused: its directory may not be searched.
        assert!(counts_as_missing(&Error::from(K::PermissionDenied)));
        assert!(!counts_as_missing(&Error::from(K::InvalidData)));
    }

    fn write(dir: &Path, text: &[u8]) -> PathBuf {
        let path = dir.join("config.ron");
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_byte_order_mark_and_old_mac_line_ends_are_fine() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            "\u{feff}Config(\r  lang: \"zh\",\r)\r".as_bytes(),
        );
        let file = load_from(&path, true).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(file.lang().ok(), Some(Lang::Zh));
        // Positions count the lone CRs as line ends.
        let path = write(
            dir.path(),
            "\u{feff}Config(\r  lang: \"fr\",\r)\r".as_bytes(),
        );
        let err = load_from(&path, true)
            .unwrap()
            .lang()
            .unwrap_err()
            .to_string();
        assert!(err.contains("config.ron:2:9: lang \"fr\""), "{err}");
    }

    #[test]
    fn special_files_and_binary_data_are_refused_with_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let err = load_from(dir.path(), false).unwrap_err().to_string();
        assert!(err.ends_with(": cannot read: is a directory"), "{err}");
        let path = write(dir.path(), b"Config(\0)");
        let err = load_from(&path, false).unwrap_err().to_string();
        assert!(
            err.contains("config.ron:1:8: the file contains a NUL byte (offset 7); a configuration file is text"),
            "{err}"
        );
        let path = write(dir.path(), &vec![b' '; 70_000]);
        let err = load_from(&path, false).unwrap_err().to_string();
        assert!(
            err.ends_with("cannot read: the file is too large (70000 bytes; at most 65536)"),
            "{err}"
        );
    }
}
