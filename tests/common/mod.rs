//! Helpers shared by the integration tests: run the real binary with stdin
//! closed, collect what a user would see, and never wait forever.
//!
//! Each test crate uses a different subset of these helpers.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// A generous limit against hangs (an endless loop, a blocked pipe). It is not
/// a speed requirement: every run normally finishes in well under a second.
pub const WATCHDOG: Duration = Duration::from_secs(10);

/// The binary under test, with stdin closed and colour settings neutral.
pub fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shenyang-partners"));
    cmd.stdin(Stdio::null()).env_remove("NO_COLOR");
    cmd
}

/// What one run of the binary produced.
#[derive(Debug)]
pub struct Run {
    pub args: Vec<String>,
    pub code: Option<i32>,
    pub stdout_bytes: Vec<u8>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Exit code 0 and nothing on stderr.
    pub fn success(self) -> Self {
        assert_eq!(
            self.code,
            Some(0),
            "{:?} failed\nstderr:\n{}",
            self.args,
            self.stderr
        );
        assert_eq!(self.stderr, "", "{:?} wrote to stderr", self.args);
        self
    }

    /// The given exit code, nothing on stdout, an `error: ` line on stderr,
    /// and no sign of a panic.
    pub fn failure(self, code: i32) -> Self {
        assert_eq!(
            self.code,
            Some(code),
            "{:?}: expected exit code {code}\nstdout:\n{}\nstderr:\n{}",
            self.args,
            self.stdout,
            self.stderr
        );
        assert_eq!(
            self.stdout, "",
            "{:?} wrote to stdout on failure",
            self.args
        );
        assert!(
            self.stderr.starts_with("error: "),
            "{:?}: stderr does not start with `error: `:\n{}",
            self.args,
            self.stderr
        );
        assert_no_panic(&self.stderr);
        self
    }

    pub fn stderr_contains(self, needle: &str) -> Self {
        assert!(
            self.stderr.contains(needle),
            "{:?}: stderr lacks {needle:?}:\n{}",
            self.args,
            self.stderr
        );
        self
    }

    pub fn stdout_contains(self, needle: &str) -> Self {
        assert!(
            self.stdout.contains(needle),
            "{:?}: stdout lacks {needle:?}:\n{}",
            self.args,
            self.stdout
        );
        self
    }

    /// Stdout parsed as a JSON array of objects.
    pub fn json_objects(&self) -> Vec<serde_json::Map<String, serde_json::Value>> {
        let value: serde_json::Value = serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!("{:?}: stdout is not JSON: {e}\n{}", self.args, self.stdout)
        });
        let serde_json::Value::Array(items) = value else {
            panic!("{:?}: stdout is not a JSON array", self.args);
        };
        items
            .into_iter()
            .map(|v| match v {
                serde_json::Value::Object(map) => map,
                other => panic!("{:?}: array element is not an object: {other}", self.args),
            })
            .collect()
    }

    /// Stdout parsed as CSV: the header and the data rows.
    pub fn csv(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(self.stdout.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .unwrap_or_else(|e| panic!("{:?}: bad CSV header: {e}", self.args))
            .iter()
            .map(str::to_string)
            .collect();
        let rows = reader
            .records()
            .map(|r| {
                r.unwrap_or_else(|e| panic!("{:?}: bad CSV row: {e}", self.args))
                    .iter()
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        (header, rows)
    }
}

pub fn assert_no_panic(stderr: &str) {
    assert!(
        !stderr.contains("panicked"),
        "the program panicked:\n{stderr}"
    );
    assert!(
        !stderr.contains("RUST_BACKTRACE"),
        "the program panicked:\n{stderr}"
    );
}

/// Runs the binary with these arguments and waits at most [`WATCHDOG`].
pub fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    let mut cmd = bin();
    cmd.args(args);
    run_command(cmd, args)
}

pub fn run_command<S: AsRef<std::ffi::OsStr>>(mut cmd: Command, args: &[S]) -> Run {
    let shown: Vec<String> = args
        .iter()
        .map(|a| {
            let a = a.as_ref().to_string_lossy();
            // Keep failure messages readable when an argument is huge.
            if a.chars().count() > 200 {
                format!("{}…", a.chars().take(200).collect::<String>())
            } else {
                a.into_owned()
            }
        })
        .collect();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start the binary");
    // Drain both pipes concurrently so a chatty child never blocks on a full pipe.
    let out = drain(child.stdout.take().expect("stdout is piped"));
    let err = drain(child.stderr.take().expect("stderr is piped"));
    let status = wait_with_watchdog(&mut child, &shown);
    let stdout_bytes = out.join().expect("stdout reader");
    let stderr_bytes = err.join().expect("stderr reader");
    let stdout = String::from_utf8(stdout_bytes.clone())
        .unwrap_or_else(|e| panic!("{shown:?}: stdout is not UTF-8: {e}"));
    let stderr = String::from_utf8(stderr_bytes)
        .unwrap_or_else(|e| panic!("{shown:?}: stderr is not UTF-8: {e}"));
    Run {
        args: shown,
        code: status.code(),
        stdout_bytes,
        stdout,
        stderr,
    }
}

fn drain<R: Read + Send + 'static>(mut pipe: R) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = pipe.read_to_end(&mut buf);
        buf
    })
}

/// Waits for the child; kills it and fails the test after [`WATCHDOG`].
pub fn wait_with_watchdog(child: &mut Child, what: &dyn std::fmt::Debug) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("cannot wait for the binary") {
            return status;
        }
        if start.elapsed() > WATCHDOG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what:?} did not finish within {WATCHDOG:?}; killed");
        }
        thread::sleep(Duration::from_millis(5));
    }
}

/// A fresh, empty scratch directory for one test, under Cargo's target tmpdir.
pub fn scratch_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("cannot create scratch dir");
    dir
}

/// The repository's own files.
pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// A copy of the real dataset in a scratch directory.
pub fn dataset_copy(test: &str) -> PathBuf {
    let dir = scratch_dir(test);
    let path = dir.join("copy.ron");
    std::fs::copy(repo_path("data/shenyang.ron"), &path).expect("cannot copy the dataset");
    path
}
