//! The configuration file and theme files, through the real binary: which
//! problems are bad data (exit 1) and which are bad usage (exit 2), that
//! every message names the file and the place in it, and which settings win.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Run, bin, run_command, scratch_dir};

/// The binary with the configuration file named by `SHENYANG_PARTNERS_CONFIG`.
fn with_config(config: &Path, args: &[&str]) -> Run {
    let mut cmd = bin();
    cmd.env("SHENYANG_PARTNERS_CONFIG", config).args(args);
    run_command(cmd, args)
}

/// The binary with the default configuration location under `config_home`.
fn with_config_home(config_home: &Path, args: &[&str]) -> Run {
    let mut cmd = bin();
    cmd.env("XDG_CONFIG_HOME", config_home).args(args);
    run_command(cmd, args)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, text).unwrap();
    path
}

const GOOD_THEME: &str = "Theme(name: \"mine\", styles: { \"title\": (bold: true) })\n";
const BAD_THEME: &str =
    "Theme(\n    name: \"mine\",\n    styles: { \"title\": (fg: \"cyna\") },\n)\n";

#[test]
fn a_syntactically_broken_config_is_invalid_data_with_its_place() {
    let dir = scratch_dir("config-broken");
    let config = write(&dir, "config.ron", "Config(theme: \"light\"");
    let shown = config.display().to_string();
    for args in [&["list"][..], &["--theme", "dark", "list"], &["stats"]] {
        with_config(&config, args)
            .failure(1)
            .stderr_contains(&format!("error: configuration file {shown}:1:"))
            .stderr_contains("^");
    }
}

#[test]
fn an_unknown_theme_in_the_config_says_where_and_lists_the_themes() {
    let dir = scratch_dir("config-unknown-theme");
    let config = write(&dir, "config.ron", "Config(\n    theme: \"ligth\",\n)\n");
    with_config(&config, &["list"])
        .failure(1)
        .stderr_contains(&format!(
            "configuration file {}:2:12: unknown theme \"ligth\"; did you mean \"light\"?",
            config.display()
        ))
        .stderr_contains("available themes: dark, light, high-contrast")
        .stderr_contains("2 |     theme: \"ligth\",");
    // --theme wins, so the config's broken name does not matter.
    with_config(&config, &["--theme", "high-contrast", "list"]).table();
}

#[test]
fn an_unknown_theme_on_the_command_line_is_a_usage_error() {
    let r = common::run(&["--theme", "solarized", "list"]).failure(2);
    r.stderr_contains("unknown theme \"solarized\"")
        .stderr_contains("available themes: dark, light, high-contrast");
    // Even when the configuration names a good theme.
    let dir = scratch_dir("config-cli-unknown");
    let config = write(&dir, "config.ron", "Config(theme: \"light\")");
    with_config(&config, &["--theme", "solarized", "list"]).failure(2);
    with_config(&config, &["list"]).table();
}

#[test]
fn a_bad_language_in_the_config_is_invalid_data_with_its_place() {
    let dir = scratch_dir("config-lang");
    let config = write(&dir, "config.ron", "Config(lang: \"fr\")");
    with_config(&config, &["list"])
        .failure(1)
        .stderr_contains(&format!(
            "configuration file {}:1:14: lang \"fr\" is not \"en\" or \"zh\"",
            config.display()
        ));
}

#[test]
fn a_missing_config_named_by_the_environment_is_an_error() {
    let dir = scratch_dir("config-missing-explicit");
    let missing = dir.join("nope.ron");
    with_config(&missing, &["list"])
        .failure(1)
        .stderr_contains(&missing.display().to_string())
        .stderr_contains("SHENYANG_PARTNERS_CONFIG")
        .stderr_contains("cannot read");
}

#[test]
fn a_missing_default_config_is_fine() {
    let dir = scratch_dir("config-missing-default");
    with_config_home(&dir, &["list"]).table();
    // A default location whose parent is a file cannot hold a config: none.
    let file = write(&dir, "not-a-dir", "x");
    with_config_home(&file, &["list"]).table();
}

#[test]
fn the_default_config_is_read_when_present() {
    let dir = scratch_dir("config-default-read");
    write(
        &dir,
        "shenyang-partners/config.ron",
        "Config(theme: \"nope\")",
    );
    with_config_home(&dir, &["list"])
        .failure(1)
        .stderr_contains("shenyang-partners/config.ron:1:15: unknown theme \"nope\"");
}

/// A command that runs as an unprivileged user when the tests run as root
/// (root ignores permissions), or `None` if that is not possible here.
fn unprivileged(args: &[&str], config_home: &Path) -> Option<Command> {
    let root = rustix::process::geteuid().is_root();
    let exe = env!("CARGO_BIN_EXE_shenyang-partners");
    let mut cmd = if root {
        if !Path::new("/usr/bin/setpriv").exists() {
            return None;
        }
        let as_nobody = || {
            let mut c = Command::new("/usr/bin/setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", exe]);
            c
        };
        // The unprivileged user must be able to reach the binary and the
        // scratch directory (a checkout under a private home may not be).
        let reachable = as_nobody()
            .args(["--version"])
            .stdin(std::process::Stdio::null())
            .output()
            .is_ok_and(|o| o.status.success())
            && Command::new("/usr/bin/setpriv")
                .args([
                    "--reuid=65534",
                    "--regid=65534",
                    "--clear-groups",
                    "test",
                    "-x",
                ])
                .arg(config_home)
                .status()
                .is_ok_and(|s| s.success());
        if !reachable {
            return None;
        }
        as_nobody()
    } else {
        Command::new(exe)
    };
    cmd.args(args)
        .stdin(std::process::Stdio::null())
        .env_remove("SHENYANG_PARTNERS_CONFIG")
        .env("XDG_CONFIG_HOME", config_home);
    Some(cmd)
}

#[cfg(unix)]
#[test]
fn a_default_config_behind_an_unreadable_directory_counts_as_missing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch_dir("config-unreadable-parent");
    let config = write(
        &dir,
        "shenyang-partners/config.ron",
        "Config(theme: \"nope\")",
    );
    let parent = config.parent().unwrap().to_path_buf();
    // Readable: the broken theme name is reported.
    let Some(cmd) = unprivileged(&["list"], &dir) else {
        eprintln!("skipped: running as root, and no unprivileged user can run the binary here");
        return;
    };
    let r = run_command(cmd, &["list (readable)"]);
    assert_eq!(r.code, Some(1), "the config is read: {}", r.stderr);
    // The directory may not be searched: as if there were no config.
    fs::set_permissions(&parent, fs::Permissions::from_mode(0o000)).unwrap();
    let r = run_command(unprivileged(&["list"], &dir).unwrap(), &["list (blocked)"]);
    fs::set_permissions(&parent, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    // The file itself unreadable: that is an error, not a missing file.
    fs::set_permissions(&config, fs::Permissions::from_mode(0o000)).unwrap();
    let r = run_command(unprivileged(&["list"], &dir).unwrap(), &["list (file 000)"]);
    fs::set_permissions(&config, fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("cannot read"), "{}", r.stderr);
}

#[test]
fn a_relative_theme_path_in_the_config_is_relative_to_the_config_file() {
    let dir = scratch_dir("config-relative-theme");
    let config_dir = dir.join("conf");
    let config = write(
        &config_dir,
        "config.ron",
        "Config(theme: \"themes/mine.ron\")",
    );
    // The working directory has a good theme at the same relative path,
    // the configuration directory a broken one: the broken one must be used.
    let cwd = dir.join("elsewhere");
    write(&cwd, "themes/mine.ron", GOOD_THEME);
    let theme = write(&config_dir, "themes/mine.ron", BAD_THEME);
    let mut cmd = bin();
    cmd.env("SHENYANG_PARTNERS_CONFIG", &config)
        .current_dir(&cwd)
        .arg("list");
    let r = run_command(cmd, &["list"]).failure(1);
    r.stderr_contains(&format!(
        "{}:3:29: style \"title\": unknown colour \"cyna\"; did you mean \"cyan\"?",
        theme.display()
    ));
    fs::write(&theme, GOOD_THEME).unwrap();
    let mut cmd = bin();
    cmd.env("SHENYANG_PARTNERS_CONFIG", &config)
        .current_dir(&cwd)
        .arg("list");
    run_command(cmd, &["list"]).table();
    // On the command line, a relative path is relative to the working directory.
    fs::write(&theme, BAD_THEME).unwrap();
    let mut cmd = bin();
    cmd.current_dir(&cwd)
        .args(["--theme", "themes/mine.ron", "list"]);
    run_command(cmd, &["--theme", "themes/mine.ron", "list"]).table();
}

#[test]
fn theme_file_errors_give_line_column_and_suggestion() {
    let dir = scratch_dir("theme-file-errors");
    let theme = write(
        &dir,
        "bad1.ron",
        "Theme(\n    name: \"bad\",\n    styles: {\n        \"titel\": (bold: true),\n        \"text\": (fg: \"cyna\"),\n    },\n)\n",
    );
    let path = theme.display().to_string();
    common::run(&["--theme", path.as_str(), "list"])
        .failure(1)
        .stderr_contains(&format!(
            "{path}:4:9: unknown style \"titel\"; did you mean \"title\"?"
        ))
        .stderr_contains(&format!(
            "{path}:5:22: style \"text\": unknown colour \"cyna\"; did you mean \"cyan\"?"
        ))
        .stderr_contains("4 |         \"titel\": (bold: true),");
}

/// A named pipe at `path`, if `mkfifo` can make one here.
#[cfg(unix)]
fn make_fifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

/// Files no command may wait on or read without end, each with what the
/// report says about it: a directory, a named pipe, an endless device.
#[cfg(unix)]
fn special_files(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    let mut out = Vec::new();
    let directory = dir.join("a-directory.ron");
    fs::create_dir_all(&directory).unwrap();
    out.push((directory, ": is a directory"));
    let fifo = dir.join("pipe.ron");
    if make_fifo(&fifo) {
        out.push((fifo, ": is a named pipe (FIFO), not a file"));
    }
    if Path::new("/dev/zero").exists() {
        out.push((PathBuf::from("/dev/zero"), ": is a device, not a file"));
    }
    out
}

#[cfg(unix)]
#[test]
fn special_files_as_dataset_theme_or_configuration_are_refused_at_once() {
    // A FIFO used to hang every command and /dev/zero to be read until
    // memory ran out; each is now refused with its path, exit code 1.
    let dir = scratch_dir("special-files");
    for (i, (path, why)) in special_files(&dir).into_iter().enumerate() {
        let shown = path.display().to_string();
        let start = std::time::Instant::now();
        common::run(&["check", &shown])
            .failure(1)
            .stderr_contains(&format!("error: {shown}"))
            .stderr_contains(why);
        common::run(&["--data", &shown, "list"])
            .failure(1)
            .stderr_contains(why);
        common::run(&["--theme", &shown, "list"])
            .failure(1)
            .stderr_contains(&format!("error: {shown}"))
            .stderr_contains(why);
        with_config(&path, &["list"])
            .failure(1)
            .stderr_contains(&format!("error: configuration file {shown}"))
            .stderr_contains(why);
        // At the default place, through a link.
        let home = dir.join(format!("home{i}"));
        fs::create_dir_all(home.join("shenyang-partners")).unwrap();
        std::os::unix::fs::symlink(&path, home.join("shenyang-partners/config.ron")).unwrap();
        with_config_home(&home, &["list"])
            .failure(1)
            .stderr_contains("shenyang-partners/config.ron")
            .stderr_contains(why);
        assert!(
            start.elapsed() < std::time::Duration::from_secs(8),
            "{shown}: {:?}",
            start.elapsed()
        );
    }
}

#[test]
fn a_broken_configuration_is_only_a_warning_for_check() {
    // `check` validates a dataset and uses no setting: a broken
    // configuration (default or named) is reported and it goes on.
    let dir = scratch_dir("config-check");
    let config = write(
        &dir,
        "shenyang-partners/config.ron",
        "Config(theme: \"nope\")",
    );
    for r in [
        with_config_home(&dir, &["check"]),
        with_config(&config, &["check"]),
    ] {
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        assert!(r.stdout.contains(": OK\n"), "{}", r.stdout);
        assert!(
            r.stderr.starts_with("warning: configuration file ")
                && r.stderr.contains("config.ron:1:15: unknown theme \"nope\"")
                && r.stderr.ends_with(
                    "\nwarning: check does not use the configuration file; going on without it\n"
                ),
            "{}",
            r.stderr
        );
    }
    // Every other command still refuses it…
    with_config_home(&dir, &["list"]).failure(1);
    // …and `--theme` is still checked for `check`.
    with_config_home(&dir, &["--theme", "nope", "check"]).failure(2);
    let theme = write(&dir, "bad.ron", BAD_THEME);
    common::run(&["--theme", &theme.display().to_string(), "check"]).failure(1);
    #[cfg(unix)]
    {
        // A named pipe at the default place does not stop it either.
        let home = dir.join("fifo-home");
        fs::create_dir_all(home.join("shenyang-partners")).unwrap();
        if make_fifo(&home.join("shenyang-partners/config.ron")) {
            let r = with_config_home(&home, &["check"]);
            assert_eq!(r.code, Some(0), "{}", r.stderr);
            assert!(r.stderr.contains("is a named pipe"), "{}", r.stderr);
        }
    }
}

#[test]
fn a_byte_order_mark_and_old_mac_line_ends_work_in_configuration_and_theme() {
    let dir = scratch_dir("config-bom");
    let config = write(
        &dir,
        "config.ron",
        "\u{feff}// mine\rConfig(\r    theme: \"ligth\",\r)\r",
    );
    with_config(&config, &["list"])
        .failure(1)
        .stderr_contains(&format!(
            "configuration file {}:3:12: unknown theme \"ligth\"",
            config.display()
        ));
    let theme = write(
        &dir,
        "mine.ron",
        &format!("\u{feff}{}", GOOD_THEME.replace('\n', "\r\n")),
    );
    fs::write(
        &config,
        format!(
            "\u{feff}// mine\rConfig(\r    theme: \"{}\",\r)\r",
            theme.display()
        ),
    )
    .unwrap();
    with_config(&config, &["list"]).table();
}
