//! The explorer in a real pseudo-terminal.
//!
//! Each test runs the built binary on the slave side of its own pty (so it
//! also works where the test process has no terminal at all, as in CI with
//! stdin on /dev/null), types keys into the master side and reads what the
//! program draws through a `vt100` parser fed by a background thread. The
//! checks are about the terminal contract: the alternate screen while
//! running, and main screen, visible cursor and no mouse reporting after
//! every way out (q, Ctrl-c, SIGTERM).
//!
//! Nothing here waits a fixed time for the program: every step polls the
//! parsed screen until a condition holds, with a generous timeout after which
//! the test fails with a dump of the screen (the one fixed pause is the
//! settle time after a lone Esc that should change nothing). A watchdog kills
//! the child if a test hangs, and `Drop` kills it on any failure, so no
//! process outlives its test.

use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_shenyang-partners");

/// How long any single step may take before the test fails. Generous: this
/// is about hangs, not speed.
const TIMEOUT: Duration = Duration::from_secs(10);

/// After this long the watchdog kills the child whatever the test is doing.
const HARD_LIMIT: Duration = Duration::from_secs(120);

const ESC: &[u8] = b"\x1b";
const CTRL_C: &[u8] = b"\x03";

/// How every frame ratatui draws ends (crossterm's `cursor::Hide`, written
/// after the cells). Output that stops right after it is a whole frame.
const FRAME_END: &[u8] = b"\x1b[?25l";

/// Stands in for the terminal emulator's replies: `vt100` draws but never
/// answers a query, so a program that asked for the cursor position or the
/// device attributes would wait for ever. Every unhandled sequence is
/// recorded, and the usual queries are answered the way xterm would. (The
/// explorer sends none today.)
#[derive(Default)]
struct Replies {
    /// Unhandled CSI sequences, as text (e.g. `CSI 6 n`).
    unhandled: Vec<String>,
    /// Bytes to send back to the program.
    pending: Vec<u8>,
}

impl vt100::Callbacks for Replies {
    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        let lead: String = [i1, i2].iter().flatten().map(|&b| char::from(b)).collect();
        let params: Vec<String> = params
            .iter()
            .map(|p| p.iter().map(u16::to_string).collect::<Vec<_>>().join(":"))
            .collect();
        let params = params.join(";");
        self.unhandled.push(format!("CSI {lead}{params} {c}"));
        match (lead.as_str(), params.as_str(), c) {
            // Device status report: cursor position (1-based).
            ("", "6", 'n') => {
                let (row, col) = screen.cursor_position();
                self.pending
                    .extend(format!("\x1b[{};{}R", row + 1, col + 1).bytes());
            }
            // Primary device attributes: a VT220-ish terminal. Also what
            // ends crossterm's keyboard-enhancement probe ("not supported").
            ("", "" | "0", 'c') => self.pending.extend(b"\x1b[?62;22c"),
            _ => {}
        }
    }
}

type Predicate = Box<dyn Fn(&vt100::Screen) -> bool + Send>;

/// What the reader thread shares with the test.
struct Term {
    parser: vt100::Parser<Replies>,
    /// The last few bytes read, to tell whether output stopped at the end of
    /// a frame.
    tail: Vec<u8>,
    /// The reader stops reading once this holds (see `Explorer::hold_when`).
    hold_when: Option<Predicate>,
    /// The reader is stopped: the program blocks once the pty fills up.
    held: bool,
}

impl Term {
    fn at_frame_end(&self) -> bool {
        self.tail.ends_with(FRAME_END)
    }
}

type Shared = Arc<(Mutex<Term>, Condvar)>;

/// The explorer running in its own pty.
struct Explorer {
    child: Box<dyn Child + Send + Sync>,
    pid: u32,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Arc<Mutex<Option<Box<dyn Write + Send>>>>,
    term: Shared,
    eof: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    watchdog: Option<(mpsc::Sender<()>, JoinHandle<()>)>,
    /// Keeps the (empty) home directory alive for the child's lifetime.
    _home: tempfile::TempDir,
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("pty sizes are at least 1")
}

/// Reads the pty master into the parser until EOF (EIO on Linux once the
/// child is gone), sending back any replies to terminal queries.
fn read_pty(
    mut input: Box<dyn Read + Send>,
    term: Shared,
    writer: Arc<Mutex<Option<Box<dyn Write + Send>>>>,
    eof: Arc<AtomicBool>,
) {
    let mut buf = [0u8; 8192];
    loop {
        let len = {
            let (m, cv) = &*term;
            let t = cv
                .wait_while(lock(m), |t| t.held)
                .unwrap_or_else(|e| e.into_inner());
            // Small reads while a hold is armed, so that little is read
            // past the moment it should take effect.
            if t.hold_when.is_some() { 64 } else { buf.len() }
        };
        let n = match input.read(&mut buf[..len]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        };
        let replies = {
            let mut t = lock(&term.0);
            let t = &mut *t;
            t.parser.process(&buf[..n]);
            t.tail.extend_from_slice(&buf[..n]);
            let keep = t.tail.len().saturating_sub(FRAME_END.len());
            t.tail.drain(..keep);
            if t.hold_when.as_ref().is_some_and(|f| f(t.parser.screen())) {
                t.hold_when = None;
                t.held = true;
                term.1.notify_all();
            }
            std::mem::take(&mut t.parser.callbacks_mut().pending)
        };
        if !replies.is_empty()
            && let Some(w) = lock(&writer).as_mut()
        {
            let _ = w.write_all(&replies);
            let _ = w.flush();
        }
    }
    eof.store(true, Ordering::SeqCst);
}

impl Explorer {
    /// Starts the explorer (no arguments) at `cols`x`rows` with
    /// `TERM=xterm-256color`, a clean environment (no `NO_COLOR`, no user
    /// configuration) plus `extra_env`.
    fn start(cols: u16, rows: u16, extra_env: &[(&str, &str)]) -> Explorer {
        Explorer::start_holding(cols, rows, extra_env, None)
    }

    /// As `start`, but the reader stops reading once `hold_when` holds for
    /// the screen, until `release`.
    fn start_holding(
        cols: u16,
        rows: u16,
        extra_env: &[(&str, &str)],
        hold_when: Option<Predicate>,
    ) -> Explorer {
        let pair = native_pty_system()
            .openpty(size(rows, cols))
            .expect("open a pty");
        let home = tempfile::tempdir().expect("temporary home");
        let mut cmd = CommandBuilder::new(BIN);
        // A clean environment: nothing from the developer's or CI's shell
        // (NO_COLOR, COLORTERM, a config file) changes what is drawn.
        cmd.env_clear();
        cmd.env("TERM", "xterm-256color");
        // No configuration: the default location, under this empty home, has none.
        cmd.env("HOME", home.path());
        cmd.env("LANG", "C.UTF-8");
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        cmd.cwd(home.path());
        let child = pair.slave.spawn_command(cmd).expect("spawn the explorer");
        // Only the child may hold the slave side, so that reading the master
        // ends (EIO) once the child is gone.
        drop(pair.slave);
        let pid = child.process_id().expect("child pid");

        let term: Shared = Arc::new((
            Mutex::new(Term {
                parser: vt100::Parser::new_with_callbacks(
                    nz(rows),
                    nz(cols),
                    0,
                    Replies::default(),
                ),
                tail: Vec::new(),
                hold_when,
                held: false,
            }),
            Condvar::new(),
        ));
        let writer: Arc<Mutex<Option<Box<dyn Write + Send>>>> = Arc::new(Mutex::new(Some(
            pair.master.take_writer().expect("pty writer"),
        )));
        let eof = Arc::new(AtomicBool::new(false));
        let input = pair.master.try_clone_reader().expect("pty reader");
        let reader = {
            let (term, writer, eof) = (term.clone(), writer.clone(), eof.clone());
            thread::spawn(move || read_pty(input, term, writer, eof))
        };
        let watchdog = {
            let (tx, rx) = mpsc::channel::<()>();
            let handle = thread::spawn(move || {
                if let Err(mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(HARD_LIMIT) {
                    eprintln!("watchdog: killing explorer {pid} after {HARD_LIMIT:?}");
                    // Our child, not yet reaped: the watchdog is disarmed
                    // before every wait.
                    signal(pid, rustix::process::Signal::KILL);
                }
            });
            Some((tx, handle))
        };
        Explorer {
            child,
            pid,
            master: Some(pair.master),
            writer,
            term,
            eof,
            reader: Some(reader),
            watchdog,
            _home: home,
        }
    }

    /// Starts at 100x30 and waits until the first screen is completely
    /// drawn.
    fn start_ready(extra_env: &[(&str, &str)]) -> Explorer {
        let app = Explorer::start(100, 30, extra_env);
        app.wait_idle("the header and the partner list", shows_full_screen);
        app
    }

    fn term(&self) -> MutexGuard<'_, Term> {
        lock(&self.term.0)
    }

    /// Types bytes into the terminal.
    fn send(&self, bytes: &[u8]) {
        let mut w = lock(&self.writer);
        let w = w.as_mut().expect("writer is open while the child runs");
        w.write_all(bytes).expect("write to pty");
        w.flush().expect("flush pty");
    }

    /// Polls the screen until `cond` holds; panics with a dump after
    /// `TIMEOUT`.
    fn wait_for(&self, what: &str, cond: impl Fn(&vt100::Screen) -> bool) {
        self.wait_term(what, |t| cond(t.parser.screen()));
    }

    /// As `wait_for`, and the output so far ends with a whole frame: the
    /// program has finished drawing and is waiting for input.
    fn wait_idle(&self, what: &str, cond: impl Fn(&vt100::Screen) -> bool) {
        self.wait_term(what, |t| t.at_frame_end() && cond(t.parser.screen()));
    }

    fn wait_term(&self, what: &str, cond: impl Fn(&Term) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            {
                let t = self.term();
                if cond(&t) {
                    return;
                }
                if Instant::now() >= deadline {
                    panic!(
                        "timed out after {TIMEOUT:?} waiting for {what}\n{}",
                        dump(t.parser.screen())
                    );
                }
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until the reader has stopped (its `hold_when` held).
    fn wait_held(&self) {
        let (m, cv) = &*self.term;
        let (t, timeout) = cv
            .wait_timeout_while(lock(m), TIMEOUT, |t| !t.held)
            .unwrap_or_else(|e| e.into_inner());
        assert!(
            !timeout.timed_out(),
            "the reader was never held\n{}",
            dump(t.parser.screen())
        );
    }

    /// Lets a held reader go on reading.
    fn release(&self) {
        let (m, cv) = &*self.term;
        lock(m).held = false;
        cv.notify_all();
    }

    /// Whether the child is still running (it has not exited).
    fn running(&mut self) -> bool {
        self.child.try_wait().expect("try_wait").is_none()
    }

    /// Resizes the pty (which sends SIGWINCH to the child) and the parser.
    fn resize(&self, cols: u16, rows: u16) {
        {
            // The parser first, so that what the program draws for the new
            // size is read at the new size. It starts blank, so waits see
            // only what was drawn since, not the old screen cut to size.
            let mut t = self.term();
            t.parser.set_size(nz(rows), nz(cols));
            t.parser.process(b"\x1b[H\x1b[2J");
        }
        self.master
            .as_ref()
            .expect("master is open")
            .resize(size(rows, cols))
            .expect("resize pty");
    }

    fn disarm_watchdog(&mut self) {
        if let Some((tx, handle)) = self.watchdog.take() {
            drop(tx);
            let _ = handle.join();
        }
    }

    /// Waits for the child to exit (killing it and failing after `TIMEOUT`),
    /// then for everything it wrote to be parsed. Returns its exit status.
    fn wait_exit(&mut self) -> ExitStatus {
        // The child is about to be reaped; its pid must not be signalled
        // after that.
        self.disarm_watchdog();
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!(
                    "explorer did not exit within {TIMEOUT:?}\n{}",
                    dump(self.term().parser.screen())
                );
            }
            thread::sleep(Duration::from_millis(10));
        };
        // The slave side is closed now: the reader drains what is left and
        // stops at EIO.
        let deadline = Instant::now() + TIMEOUT;
        while !self.eof.load(Ordering::SeqCst) {
            assert!(
                Instant::now() < deadline,
                "pty output did not end within {TIMEOUT:?} of the child's exit"
            );
            thread::sleep(Duration::from_millis(10));
        }
        if let Some(r) = self.reader.take() {
            r.join().expect("reader thread");
        }
        status
    }

    /// The CSI sequences the program sent that the parser does not handle.
    fn unhandled(&self) -> Vec<String> {
        self.term().parser.callbacks().unhandled.clone()
    }
}

impl Drop for Explorer {
    fn drop(&mut self) {
        self.disarm_watchdog();
        // On a failed test the child may still be running: kill it before
        // the writer goes (dropping the writer types Enter and Ctrl-d).
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        self.release();
        lock(&self.writer).take();
        self.master.take();
        // The reader stops at EIO now that the child is gone; don't wait on
        // it in case something else still holds the slave side.
        if let Some(r) = self.reader.take()
            && r.is_finished()
        {
            let _ = r.join();
        }
    }
}

/// Locks even after a panic elsewhere poisoned the mutex, so a failing
/// test still reports its own message.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The screen as text with its terminal modes, for failure messages.
fn dump(screen: &vt100::Screen) -> String {
    let (rows, cols) = screen.size();
    let mut s = format!(
        "--- screen {cols}x{rows}, alternate={}, cursor hidden={}, mouse={:?} ---\n",
        screen.alternate_screen(),
        screen.hide_cursor(),
        screen.mouse_protocol_mode()
    );
    for (i, row) in screen.rows(0, cols.get()).enumerate() {
        s.push_str(&format!("{i:2}|{}\n", row.trim_end()));
    }
    s.push_str("---");
    s
}

fn screen_rows(screen: &vt100::Screen) -> Vec<String> {
    let (_, cols) = screen.size();
    screen.rows(0, cols.get()).collect()
}

/// The header (title and coverage line) and a partner list with rows.
fn shows_partner_list(screen: &vt100::Screen) -> bool {
    let text = screen.contents();
    text.contains("Shenyang")
        && text.contains("of 23 sister cities")
        && first_partner_row(screen).is_some()
}

/// The partner list and, on the last row, the status bar with its key hints.
fn shows_full_screen(screen: &vt100::Screen) -> bool {
    let rows = screen_rows(screen);
    shows_partner_list(screen) && rows.last().is_some_and(|r| r.contains("? help"))
}

/// The row index of the partner list's title line (` Partners n/m`).
fn list_title_row(screen: &vt100::Screen) -> Option<usize> {
    screen_rows(screen)
        .iter()
        .position(|r| r.contains(" Partners ") && r.contains('/'))
}

/// The partner list's title line (count and, while searching, `/query`).
fn list_title(screen: &vt100::Screen) -> String {
    list_title_row(screen)
        .and_then(|i| screen_rows(screen).get(i).cloned())
        .unwrap_or_default()
}

/// The first row of the partner list, as (row index, text).
fn first_partner_row(screen: &vt100::Screen) -> Option<(usize, String)> {
    let title = list_title_row(screen)?;
    let row = screen_rows(screen).get(title + 1)?.clone();
    // Inside the pane's border: a non-empty row that is not "No partners match".
    let inner = row.trim_matches(|c: char| c.is_whitespace() || "│┃║|".contains(c));
    (!inner.is_empty() && !inner.contains("No partners match")).then_some((title + 1, row))
}

/// While exploring: alternate screen, cursor hidden, mouse reported. Checked
/// before each way out so that the restore checks after it mean something.
fn assert_exploring(app: &Explorer) {
    let t = app.term();
    let s = t.parser.screen();
    assert!(
        s.alternate_screen(),
        "the explorer runs on the alternate screen\n{}",
        dump(s)
    );
    assert!(
        s.hide_cursor(),
        "cursor hidden while exploring\n{}",
        dump(s)
    );
    assert_ne!(
        s.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse reporting on while exploring\n{}",
        dump(s)
    );
}

/// Main screen, cursor shown, mouse reporting off: the terminal as it was.
fn assert_restored(app: &Explorer, how: &str) {
    let t = app.term();
    let s = t.parser.screen();
    assert!(
        !s.alternate_screen(),
        "{how}: still on the alternate screen\n{}",
        dump(s)
    );
    assert!(!s.hide_cursor(), "{how}: cursor left hidden\n{}", dump(s));
    assert_eq!(
        s.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "{how}: mouse reporting left on\n{}",
        dump(s)
    );
}

fn assert_clean_exit(status: &ExitStatus, how: &str) {
    assert!(
        status.success(),
        "{how}: explorer exited with {status:?}, expected 0"
    );
}

#[test]
fn search_escape_and_quit_restore_the_terminal() {
    let mut app = Explorer::start_ready(&[]);
    assert_exploring(&app);

    app.send(b"/");
    // The prompt: `/` and the input caret in the list title.
    app.wait_for("the search prompt", |s| list_title(s).contains("/▏"));
    app.send(b"dus");
    app.wait_for("Düsseldorf first for the query dus", |s| {
        list_title(s).contains("/dus▏")
            && first_partner_row(s).is_some_and(|(_, row)| row.contains("Düsseldorf"))
    });

    // A lone ESC byte: crossterm takes it for the Esc key only if nothing
    // follows it in the same read, so nothing more is sent until the screen
    // shows what it did.
    app.send(ESC);
    // Every partner listed again, Düsseldorf still the one selected.
    app.wait_idle("the query cleared by Esc", |s| {
        let title = list_title(s);
        !title.contains('▏')
            && !title.contains("/dus")
            && title.contains("40/40")
            && shows_full_screen(s)
            && first_partner_row(s).is_some_and(|(_, row)| row.contains("Belfast"))
            && s.contents().contains("Detail · Düsseldorf")
    });
    assert!(app.running(), "Esc quit the explorer");
    assert_exploring(&app);

    // Esc with nothing left to clear or close must not quit either. Nothing
    // on screen changes, so give it a moment to act.
    app.send(ESC);
    thread::sleep(Duration::from_millis(200));
    assert!(app.running(), "a second Esc quit the explorer");
    app.wait_idle("the list still shown after a second Esc", shows_full_screen);
    assert_exploring(&app);

    app.send(b"q");
    let status = app.wait_exit();
    assert_clean_exit(&status, "q");
    assert_restored(&app, "q");
    // For --nocapture runs: what the explorer sent that vt100 does not
    // handle. No query (cursor position, device attributes) so far; if one
    // appears, `Replies` answers the usual ones.
    eprintln!("unhandled CSI sequences: {:?}", app.unhandled());
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let mut app = Explorer::start_ready(&[]);
    assert_exploring(&app);
    app.send(CTRL_C);
    let status = app.wait_exit();
    assert_clean_exit(&status, "Ctrl-c");
    assert_restored(&app, "Ctrl-c");
}

#[test]
fn ctrl_c_quits_while_typing_a_search() {
    let mut app = Explorer::start_ready(&[]);
    app.send(b"/sap");
    app.wait_for("the query sap", |s| list_title(s).contains("/sap▏"));
    assert_exploring(&app);
    app.send(CTRL_C);
    let status = app.wait_exit();
    assert_clean_exit(&status, "Ctrl-c while typing a search");
    assert_restored(&app, "Ctrl-c while typing a search");
}

#[test]
fn sigterm_restores_the_terminal() {
    // Idle (a whole frame drawn) before the signal: a signal in the middle
    // of a redraw makes the handler's restore interleave with the rest of
    // the frame (pieces of it end up on the main screen), which is not
    // what this test is about.
    let mut app = Explorer::start_ready(&[]);
    assert_exploring(&app);
    // Our own child, which has not been reaped yet.
    assert!(
        signal(app.pid, rustix::process::Signal::TERM),
        "send SIGTERM"
    );
    let status = app.wait_exit();
    // The handler restores the terminal and exits 128 + 15; killed by the
    // default action the process would report the signal instead.
    assert_eq!(
        status.exit_code(),
        143,
        "SIGTERM: expected exit 143 from the handler, got {status:?}"
    );
    assert_restored(&app, "SIGTERM");
}

#[test]
fn resizing_down_to_one_cell_and_back() {
    let mut app = Explorer::start_ready(&[]);
    // The explorer hears of resizes only once it has waited for input the
    // first time (crossterm installs its SIGWINCH handler then), so one key
    // goes through first: `j` selects the second partner.
    app.send(b"j");
    app.wait_idle("the second partner selected", |s| {
        s.contents().contains("Detail · Braga")
    });

    app.resize(20, 6);
    app.wait_for("the too-small note at 20x6", |s| {
        s.contents().contains("Terminal too small") && s.contents().contains("30x8 needed")
    });
    assert!(app.running(), "crashed at 20x6");

    app.resize(1, 1);
    // One cell holds the first letter of the too-small note.
    app.wait_for("the note's first letter at 1x1", |s| {
        s.cell(0, 0).is_some_and(|c| c.contents() == "T")
    });
    assert!(app.running(), "crashed at 1x1");

    app.resize(100, 30);
    app.wait_idle("the partner list back at 100x30", |s| {
        shows_full_screen(s)
            && s.contents().contains("Detail · Braga")
            && !s.contents().contains("too small")
    });
    assert!(app.running(), "crashed after growing back");
    assert_exploring(&app);

    app.send(b"q");
    let status = app.wait_exit();
    assert_clean_exit(&status, "q after resizing");
    assert_restored(&app, "q after resizing");
}

/// A resize while the first screen is being drawn is lost: the explorer
/// keeps drawing for the old size until some key or mouse event arrives.
///
/// To hit that moment every time the terminal is made huge (a first frame of
/// about 120 KB, far more than a pty buffers) and the test stops reading as
/// soon as the frame starts, so the explorer blocks in the middle of drawing
/// it; the resize lands then, and reading resumes.
#[test]
fn resize_during_the_first_draw_is_not_lost() {
    let app = Explorer::start_holding(
        1000,
        300,
        &[],
        Some(Box::new(|s: &vt100::Screen| {
            s.contents().contains("Shenyang")
        })),
    );
    app.wait_held();
    app.resize(20, 6);
    app.release();
    app.wait_for("the too-small note at 20x6 with no key pressed", |s| {
        s.contents().contains("Terminal too small")
    });
}

#[test]
fn no_color_keeps_the_selection_visible_without_colour() {
    let mut app = Explorer::start_ready(&[("NO_COLOR", "1")]);
    {
        let t = app.term();
        let s = t.parser.screen();
        let (row, text) = first_partner_row(s).expect("a first list row");
        let row = u16::try_from(row).expect("row fits u16");
        let (rows, cols) = s.size();
        // The first letter of the selected partner's name.
        let col = (0..cols.get())
            .find(|&c| {
                s.cell(row, c)
                    .is_some_and(|cell| cell.contents().chars().any(char::is_alphabetic))
            })
            .unwrap_or_else(|| panic!("no name in the first row {text:?}"));
        let cell = s.cell(row, col).expect("cell in range");
        assert!(
            cell.inverse(),
            "NO_COLOR: the selected row ({row},{col}) is not in reverse video\n{}",
            dump(s)
        );
        for r in 0..rows.get() {
            for c in 0..cols.get() {
                let cell = s.cell(r, c).expect("cell in range");
                assert!(
                    cell.fgcolor() == vt100::Color::Default
                        && cell.bgcolor() == vt100::Color::Default,
                    "NO_COLOR: cell ({r},{c}) {:?} has fg {:?} bg {:?}\n{}",
                    cell.contents(),
                    cell.fgcolor(),
                    cell.bgcolor(),
                    dump(s)
                );
            }
        }
    }
    app.send(b"q");
    let status = app.wait_exit();
    assert_clean_exit(&status, "q under NO_COLOR");
    assert_restored(&app, "q under NO_COLOR");
}

/// Runs the binary with no command and stdout on a pipe, stdin as given.
fn run_piped(stdin: std::process::Stdio) -> std::process::Output {
    std::process::Command::new(BIN)
        .env_remove("NO_COLOR")
        .env("TERM", "xterm-256color")
        .env_remove("SHENYANG_PARTNERS_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent/shenyang-partners-tests")
        .stdin(stdin)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("run the binary")
}

fn assert_refused(out: &std::process::Output, how: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{how}: exit code; stderr: {stderr}"
    );
    assert!(
        stderr.contains("list"),
        "{how}: stderr should point to the `list` command: {stderr}"
    );
    assert!(
        !out.stdout.contains(&0x1b),
        "{how}: escape bytes on stdout: {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        !out.stderr.contains(&0x1b),
        "{how}: escape bytes on stderr: {stderr:?}"
    );
}

#[test]
fn without_a_terminal_it_refuses_and_writes_no_escapes() {
    // Nothing is a terminal (as in CI).
    let out = run_piped(std::process::Stdio::null());
    assert_refused(&out, "stdin /dev/null, stdout piped");

    // Only stdout is redirected; stdin is a real terminal, so the check
    // that fires is the one on stdout (`shenyang-partners > file`).
    let pair = native_pty_system()
        .openpty(size(30, 100))
        .expect("open a pty");
    let tty = pair.master.tty_name().expect("the slave's path");
    // O_NOCTTY: the test process must not adopt it as its own terminal.
    let stdin = std::fs::File::options()
        .read(true)
        .write(true)
        .custom_flags(rustix::fs::OFlags::NOCTTY.bits() as i32)
        .open(&tty)
        .expect("open the pty slave");
    assert!(std::io::IsTerminal::is_terminal(&stdin));
    let out = run_piped(stdin.into());
    assert_refused(&out, "stdin a terminal, stdout piped");
}

// ------------------------------------------------- commands on a terminal ---

/// Runs a command (not the explorer) with stdout and stderr on an 80-column
/// pty and returns everything it wrote, `\r\n` turned into `\n`.
fn command_on_a_terminal(args: &[&str], cols: u16, extra_env: &[(&str, &str)]) -> String {
    let pair = native_pty_system()
        .openpty(size(50, cols))
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(BIN);
    cmd.env_clear();
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    cmd.env("XDG_CONFIG_HOME", "/nonexistent/shenyang-partners-tests");
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    cmd.args(args);
    let mut child = pair.slave.spawn_command(cmd).expect("spawn the command");
    drop(pair.slave);
    let mut input = pair.master.try_clone_reader().expect("pty reader");
    let reader = thread::spawn(move || {
        let mut out = Vec::new();
        // Ends with EIO once the child is gone; what was read is kept.
        let _ = input.read_to_end(&mut out);
        out
    });
    let deadline = Instant::now() + TIMEOUT;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                assert!(status.success(), "{args:?} failed on a terminal");
                break;
            }
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(20)),
            _ => {
                let _ = child.kill();
                panic!("{args:?} did not finish on a terminal");
            }
        }
    }
    drop(pair.master);
    let bytes = reader.join().expect("reader thread");
    String::from_utf8_lossy(&bytes).replace("\r\n", "\n")
}

/// The same command with stdout and stderr on pipes.
fn command_piped(args: &[&str]) -> (String, String) {
    let out = std::process::Command::new(BIN)
        .args(args)
        .env_remove("NO_COLOR")
        .env("XDG_CONFIG_HOME", "/nonexistent/shenyang-partners-tests")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run the binary");
    assert!(out.status.success(), "{args:?}");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The cells of a table row: runs of text between gaps of two or more spaces.
fn cells(row: &str) -> Vec<&str> {
    row.split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

#[test]
fn tables_fit_an_80_column_terminal_and_cut_cells_end_in_an_ellipsis() {
    use unicode_width::UnicodeWidthStr;
    for cmd in ["timeline", "institutions"] {
        let (full, prose) = command_piped(&[cmd]);
        assert!(
            full.lines().any(|l| l.width() > 80),
            "{cmd}: piped output is not cut (and is wider than 80)"
        );
        let shown = command_on_a_terminal(&[cmd], 80, &[]);
        // A bold header on a terminal, and no other escape.
        assert!(shown.starts_with("\x1b[1m"), "{cmd}: {shown:?}");
        let plain = shown.replacen("\x1b[1m", "", 1).replacen("\x1b[0m", "", 1);
        assert!(!plain.contains('\x1b'), "{cmd}: stray escape");
        let lines: Vec<&str> = plain.lines().collect();
        for line in &lines {
            assert!(line.width() <= 80, "{cmd}: a row wraps at 80: {line:?}");
        }
        let table = full.lines().count();
        let mut cut = 0;
        for (wide, fitted) in full.lines().zip(&lines[..table]) {
            let (wide, fitted) = (cells(wide), cells(fitted));
            assert_eq!(wide.len(), fitted.len(), "{cmd}: {wide:?} / {fitted:?}");
            for (a, b) in wide.iter().zip(&fitted) {
                if a != b {
                    cut += 1;
                    let kept = b.strip_suffix('…').unwrap_or_else(|| {
                        panic!("{cmd}: a cut cell does not end in …: {b:?} (was {a:?})")
                    });
                    assert!(a.starts_with(kept), "{cmd}: {b:?} is not a cut of {a:?}");
                }
            }
        }
        assert!(
            cut > 0,
            "{cmd}: nothing was cut, so the check means nothing"
        );
        // The summary lines follow, wrapped at word boundaries: every date
        // the piped summary has is whole on one line.
        let footer = lines[table..].join("\n");
        for word in prose.split_whitespace() {
            let date = word.trim_matches(|c: char| !c.is_ascii_digit());
            if date.len() == 10 && date.as_bytes()[4] == b'-' {
                assert!(
                    lines[table..].iter().any(|l| l.contains(date)),
                    "{cmd}: the date {date} is split:\n{footer}"
                );
            }
        }
        assert_eq!(
            footer.split_whitespace().collect::<Vec<_>>(),
            prose.split_whitespace().collect::<Vec<_>>(),
            "{cmd}: the summary lines are the piped ones, rewrapped"
        );
    }
    // NO_COLOR: no bold header.
    let shown = command_on_a_terminal(&["institutions"], 80, &[("NO_COLOR", "1")]);
    assert!(!shown.contains('\x1b'), "{shown:?}");
}

/// Sends `sig` to process `pid` (kill(2) through rustix: no unsafe code in
/// the tree); whether it was delivered.
fn signal(pid: u32, sig: rustix::process::Signal) -> bool {
    i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
        .is_some_and(|pid| rustix::process::kill_process(pid, sig).is_ok())
}

/// Whether the process is stopped (state `T` in /proc).
fn stopped(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit_once(')')
                .map(|(_, rest)| rest.trim_start().starts_with('T'))
        })
        .unwrap_or(false)
}

fn wait_until(what: &str, cond: impl Fn() -> bool) {
    let deadline = Instant::now() + TIMEOUT;
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn sigquit_sigusr1_and_sigalrm_restore_the_terminal() {
    use rustix::process::Signal;
    for (sig, number) in [(Signal::QUIT, 3), (Signal::USR1, 10), (Signal::ALARM, 14)] {
        let mut app = Explorer::start_ready(&[]);
        assert_exploring(&app);
        assert!(signal(app.pid, sig), "send signal {sig:?}");
        let status = app.wait_exit();
        assert_eq!(
            status.exit_code(),
            128 + number,
            "signal {sig:?}: expected exit {} from the handler, got {status:?}",
            128 + number
        );
        assert_restored(&app, &format!("signal {sig:?}"));
    }
}

/// Stops the explorer by `stop`, checks it left the screen, continues it
/// and checks it came back and still works.
fn suspend_and_resume(stop: impl Fn(&Explorer), how: &str) {
    use rustix::process::Signal;
    let mut app = Explorer::start_ready(&[]);
    assert_exploring(&app);
    stop(&app);
    wait_until(&format!("{how}: the explorer stopped"), || stopped(app.pid));
    app.wait_term(&format!("{how}: the screen left"), |t| {
        !t.parser.screen().alternate_screen()
    });
    assert_restored(&app, how);
    // `fg` sends SIGCONT.
    assert!(signal(app.pid, Signal::CONT), "send SIGCONT");
    app.wait_idle(&format!("{how}: back, the whole screen redrawn"), |s| {
        s.alternate_screen() && shows_full_screen(s)
    });
    assert_exploring(&app);
    // Keys work again.
    app.send(b"j");
    app.wait_for(&format!("{how}: j moves after resuming"), |s| {
        s.contents().contains("Detail · Braga")
    });
    app.send(b"q");
    let status = app.wait_exit();
    assert_clean_exit(&status, how);
    assert_restored(&app, how);
}

#[test]
fn ctrl_z_suspends_and_fg_restores() {
    suspend_and_resume(|app| app.send(b"\x1a"), "Ctrl-z");
}

#[test]
fn sigtstp_from_outside_leaves_the_screen_and_sigcont_returns() {
    use rustix::process::Signal;
    suspend_and_resume(
        |app| assert!(signal(app.pid, Signal::TSTP), "send SIGTSTP"),
        "kill -TSTP",
    );
}

#[test]
fn language_and_selection_are_restored_and_a_bad_state_file_is_ignored() {
    let state = tempfile::tempdir().expect("a state directory");
    let dir = state.path().to_str().expect("a UTF-8 path").to_string();
    let env = [("XDG_STATE_HOME", dir.as_str())];
    let mut app = Explorer::start_ready(&env);
    // 中文, and the third partner.
    app.send(b"L");
    app.wait_for("Chinese labels", |s| s.contents().contains("友城"));
    app.send(b"jj");
    thread::sleep(Duration::from_millis(200));
    let selected = {
        let t = app.term();
        let contents = t.parser.screen().contents();
        contents
            .lines()
            .find_map(|l| {
                l.split("详情 · ")
                    .nth(1)
                    .map(|r| r.split_whitespace().next().unwrap_or("").to_string())
            })
            .expect("the detail title names the partner")
    };
    app.send(b"q");
    assert_clean_exit(&app.wait_exit(), "q");
    let file = state.path().join("shenyang-partners").join("state.ron");
    assert!(file.is_file(), "state saved at {}", file.display());

    let mut again = Explorer::start(100, 30, &env);
    again.wait_idle("Chinese and the same partner again", |s| {
        s.contents().contains("友城") && s.contents().contains(&format!("详情 · {selected}"))
    });
    again.send(b"q");
    assert_clean_exit(&again.wait_exit(), "q");

    // A garbage file: a one-line warning, a fresh start, never a failure.
    std::fs::write(&file, "garbage {{{").expect("write garbage");
    let mut fresh = Explorer::start(100, 30, &env);
    fresh.wait_idle("a fresh start in English", |s| {
        shows_full_screen(s) && s.contents().contains("Partners")
    });
    fresh.send(b"q");
    assert_clean_exit(&fresh.wait_exit(), "q");
    let t = fresh.term();
    assert!(
        t.parser
            .screen()
            .contents()
            .contains("ignoring the saved state"),
        "{}",
        dump(t.parser.screen())
    );
}
