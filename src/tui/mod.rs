//! The interactive explorer: terminal set-up and restore, and the event loop.
//!
//! The loop blocks on input: it redraws after a key, mouse or resize event
//! and otherwise sleeps, so an idle explorer uses no CPU.

pub mod app;
pub mod export;
pub mod i18n;
pub mod keymap;
pub mod layout;
pub mod map;
pub mod theme;
pub mod ui;

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub use app::{App, Options};

/// Whether the terminal is currently in explorer mode (so restore runs once).
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back as it was: main screen, cooked mode, cursor shown,
/// mouse reporting off. Safe to call more than once and from any thread.
pub fn restore_terminal() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout();
        let _ = execute!(
            out,
            DisableMouseCapture,
            LeaveAlternateScreen,
            crossterm::cursor::Show
        );
        let _ = terminal::disable_raw_mode();
        let _ = out.flush();
    }
}

fn enter_terminal() -> io::Result<Terminal<CrosstermBackend<io::Stdout>>> {
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    if let Err(e) = execute!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        crossterm::cursor::Hide
    ) {
        restore_terminal();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(out)).inspect_err(|_| restore_terminal())
}

/// Held while a frame is written, so a termination signal restores the
/// terminal between frames rather than in the middle of one.
static DRAWING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Restores the terminal before a panic message is printed, and on
/// SIGTERM, SIGHUP and SIGINT (Ctrl-c arrives as a key in raw mode).
fn install_guards() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) {
            std::thread::spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    // Wait for a frame in progress to finish, but not forever:
                    // a terminal that stopped reading must not keep us alive.
                    let deadline =
                        std::time::Instant::now() + std::time::Duration::from_millis(500);
                    let _frame = loop {
                        match DRAWING.try_lock() {
                            Ok(guard) => break Some(guard),
                            Err(std::sync::TryLockError::Poisoned(p)) => {
                                break Some(p.into_inner());
                            }
                            Err(std::sync::TryLockError::WouldBlock)
                                if std::time::Instant::now() < deadline =>
                            {
                                std::thread::sleep(std::time::Duration::from_millis(5));
                            }
                            Err(std::sync::TryLockError::WouldBlock) => break None,
                        }
                    };
                    restore_terminal();
                    std::process::exit(128 + sig);
                }
            });
        }
    }
}

/// Runs the explorer until the user quits. The terminal is restored on
/// every way out: quit, error, panic and termination signals.
pub fn run(app: App) -> io::Result<()> {
    install_guards();
    let mut terminal = enter_terminal()?;
    let result = event_loop(&mut terminal, app);
    restore_terminal();
    result
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
    mut app: App,
) -> io::Result<()> {
    // Start crossterm's input reader (and its SIGWINCH handler) before the
    // first frame, so a resize during that frame is not lost.
    event::poll(std::time::Duration::ZERO)?;
    loop {
        // The size is read before every frame: cheap, and it keeps the app's
        // layout right even if a resize event was missed.
        let size = terminal.size()?;
        if (size.width, size.height) != app.size {
            app.resize(size.width, size.height);
        }
        {
            let _frame = DRAWING.lock().unwrap_or_else(|p| p.into_inner());
            terminal.draw(|frame| ui::draw(&app, frame))?;
        }
        if app.should_quit() {
            return Ok(());
        }
        // Block until something happens, then take everything already
        // queued before drawing again (fast typing, mouse drags, resizes).
        app.handle_event(event::read()?);
        while !app.should_quit() && event::poll(std::time::Duration::ZERO)? {
            app.handle_event(event::read()?);
        }
    }
}
