//! Helpers shared by the integration tests: running the real binary with
//! stdin closed and a watchdog (CLI tests), and building an explorer `App`
//! on the embedded dataset, typing keys at it and reading the screen (TUI
//! tests). Each test crate uses a different subset.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// A generous limit against hangs (an endless loop, a blocked pipe). It is not
/// a speed requirement: every run normally finishes in well under a second.
pub const WATCHDOG: Duration = Duration::from_secs(10);

/// The binary under test, with stdin closed, colour settings neutral and no
/// configuration file (none named, and the default location empty), so the
/// developer's own configuration changes nothing.
pub fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shenyang-partners"));
    cmd.stdin(Stdio::null())
        .env_remove("NO_COLOR")
        .env_remove("SHENYANG_PARTNERS_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent/shenyang-partners-tests");
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

    /// Exit code 0 for a command whose summary lines go to stderr: no
    /// error, warning or panic there. Returns the run for its stdout and
    /// its stderr (the prose).
    pub fn table(self) -> Self {
        assert_eq!(
            self.code,
            Some(0),
            "{:?} failed\nstderr:\n{}",
            self.args,
            self.stderr
        );
        assert!(
            !self.stderr.contains("error") && !self.stderr.contains("warning"),
            "{:?}: {}",
            self.args,
            self.stderr
        );
        assert_no_panic(&self.stderr);
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

// ---- Explorer helpers ----

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shenyang_partners::data::Dataset;
use shenyang_partners::present::Lang;
use shenyang_partners::theme::Theme;
use shenyang_partners::tui::event_loop;
use shenyang_partners::tui::state::measured::PartnerPanes;
use shenyang_partners::tui::state::{Options, State};
use std::sync::OnceLock;
use unicode_width::UnicodeWidthStr;

/// The explorer as the tests drive it: its state and the size of the
/// terminal it is drawn on. Every event is followed by a frame, as in the
/// real loop when keys arrive one at a time, so the state always holds the
/// measurements of what the user sees.
pub struct App {
    pub state: State,
    pub size: (u16, u16),
}

impl std::ops::Deref for App {
    type Target = State;
    fn deref(&self) -> &State {
        &self.state
    }
}

impl std::ops::DerefMut for App {
    fn deref_mut(&mut self) -> &mut State {
        &mut self.state
    }
}

impl App {
    /// Draws a frame at the current size, as the loop does after input,
    /// and keeps what it measured.
    pub fn frame(&mut self) -> Terminal<TestBackend> {
        let (w, h) = self.size;
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        event_loop::draw(&mut terminal, &mut self.state).expect("draw");
        terminal
    }

    /// One terminal event through the loop (action, update, effects), then a frame.
    pub fn handle_event(&mut self, event: Event) {
        if let Event::Resize(w, h) = event {
            self.size = (w, h);
        }
        event_loop::step(&mut self.state, event);
        self.frame();
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        self.handle_event(Event::Key(key));
    }

    /// The terminal changes size; the next frame is drawn at the new size.
    pub fn resize(&mut self, w: u16, h: u16) {
        self.handle_event(Event::Resize(w, h));
    }

    /// The Partners view's panes as the last frame laid them out.
    pub fn layout(&self) -> PartnerPanes {
        self.state.measured.partners
    }

    /// The area between the header and the status bar in the last frame.
    pub fn body(&self) -> ratatui::layout::Rect {
        self.state.measured.body
    }

    pub fn screen(&self) -> ratatui::layout::Rect {
        self.state.measured.screen
    }
}

/// The explorer on the embedded dataset, dark theme, English, at `w`x`h`.
pub fn app(w: u16, h: u16) -> App {
    app_with(
        Options {
            theme: Theme::dark(),
            lang: Lang::En,
            export_dir: None,
            no_state: true,
            keep_lang: false,
        },
        w,
        h,
    )
}

/// The embedded dataset, loaded and validated once per test binary.
pub fn dataset() -> Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| shenyang_partners::data::load_embedded().expect("embedded dataset loads"))
        .clone()
}

pub fn app_with(options: Options, w: u16, h: u16) -> App {
    let mut app = App {
        state: State::new(dataset(), options),
        size: (w, h),
    };
    app.frame();
    app
}

/// One key press with modifiers.
pub fn press(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    app.handle_key(KeyEvent::new(code, mods));
}

/// The key event a terminal sends for a typed character (Shift for capitals).
pub fn char_key(c: char) -> KeyEvent {
    let mods = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), mods)
}

/// A named key as written in [`keys`]: `<Enter>`, `<Esc>`, `<Tab>`,
/// `<BackTab>`, `<Up>`, `<Down>`, `<Left>`, `<Right>`, `<Home>`, `<End>`,
/// `<PgUp>`, `<PgDn>`, `<Bs>`, `<C-x>` (Ctrl), `<lt>` (a literal `<`).
pub fn named_key(name: &str) -> KeyEvent {
    let none = KeyModifiers::NONE;
    let (code, mods) = match name {
        "Enter" => (KeyCode::Enter, none),
        "Esc" => (KeyCode::Esc, none),
        "Tab" => (KeyCode::Tab, none),
        "BackTab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
        "Up" => (KeyCode::Up, none),
        "Down" => (KeyCode::Down, none),
        "Left" => (KeyCode::Left, none),
        "Right" => (KeyCode::Right, none),
        "Home" => (KeyCode::Home, none),
        "End" => (KeyCode::End, none),
        "PgUp" => (KeyCode::PageUp, none),
        "PgDn" => (KeyCode::PageDown, none),
        "Bs" => (KeyCode::Backspace, none),
        "lt" => (KeyCode::Char('<'), none),
        other => match other
            .strip_prefix("C-")
            .map(|s| s.chars().collect::<Vec<_>>())
        {
            Some(c) if c.len() == 1 => (KeyCode::Char(c[0]), KeyModifiers::CONTROL),
            _ => panic!("unknown key name <{other}>"),
        },
    };
    KeyEvent::new(code, mods)
}

/// Types `s` at the app: characters as typed, `<Name>` as a named key.
pub fn keys(app: &mut App, s: &str) {
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
            && end > 1
        {
            app.handle_key(named_key(&rest[1..end]));
            rest = &rest[end + 1..];
            continue;
        }
        app.handle_key(char_key(c));
        rest = &rest[c.len_utf8()..];
    }
}

/// Draws the app on a fresh test terminal of its current size. The state
/// is as the last frame left it, so drawing it again changes nothing.
pub fn draw(app: &App) -> Terminal<TestBackend> {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| {
            shenyang_partners::tui::ui::draw(&app.state, f);
        })
        .expect("draw");
    terminal
}

/// The screen's text, one string per row (wide characters once).
pub fn lines(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buf = terminal.backend().buffer();
    let area = buf.area;
    (area.top()..area.bottom())
        .map(|y| {
            let mut row = String::new();
            let mut skip = 0;
            for x in area.left()..area.right() {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let sym = buf[(x, y)].symbol();
                row.push_str(sym);
                skip = UnicodeWidthStr::width(sym).saturating_sub(1);
            }
            row
        })
        .collect()
}

/// The whole screen as one string.
pub fn screen(app: &App) -> String {
    lines(&draw(app)).join("\n")
}

/// The last row of the screen: the status bar.
pub fn status_line(app: &App) -> String {
    lines(&draw(app)).pop().unwrap_or_default()
}

/// A partner's index by id.
pub fn partner(app: &App, id: &str) -> usize {
    app.data
        .partner_index(id)
        .unwrap_or_else(|| panic!("no partner {id}"))
}

/// Ids of the listed partners, in order.
pub fn listed_ids(app: &App) -> Vec<String> {
    app.partners
        .rows
        .iter()
        .map(|h| app.data.partners[h.ix].id.clone())
        .collect()
}
