//! The event loop: the terminal's set-up and restore, and the cycle
//! key ─▶ [`Action`] ─▶ [`State::update`] ─▶ [`Effect`](super::state::Effect)s performed, then
//! [`ui::draw`] ─▶ [`Measured`](super::state::Measured) stored in the state.
//!
//! The loop blocks on input: it redraws after a key, mouse or resize event
//! and otherwise sleeps, so an idle explorer uses no CPU.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};

use super::effect::World;
use super::state::{Action, Effect, State};
use super::{effect, keymap, ui};

/// Feeds one terminal event to the explorer: the action it stands for goes
/// to [`State::update`], and every effect that asks for is performed and
/// its outcome fed back. A resize needs nothing here: the next frame is
/// drawn at the new size and measures it. Effects that reach outside the
/// program (a browser, the clipboard, suspending, the state file) are
/// performed offline: see [`step_in`].
pub fn step(state: &mut State, event: Event) {
    step_in(state, event, World::Offline);
}

/// [`step`] in a given world.
pub fn step_in(state: &mut State, event: Event, world: World) {
    let action = match event {
        Event::Key(key) => keymap::action_for(state, &key),
        Event::Mouse(mouse) => Some(Action::Mouse(mouse)),
        _ => None,
    };
    if let Some(action) = action {
        dispatch_in(state, action, world);
    }
}

/// Applies an action and performs the effects it asks for (offline).
pub fn dispatch(state: &mut State, action: Action) {
    dispatch_in(state, action, World::Offline);
}

/// Applies an action and performs the effects it asks for in `world`.
pub fn dispatch_in(state: &mut State, action: Action, world: World) {
    let mut pending: VecDeque<_> = state.update(action).into();
    while let Some(effect) = pending.pop_front() {
        if effect == Effect::Suspend {
            if world == World::Real {
                suspend();
            }
            continue;
        }
        if let Some(report) = effect::perform(effect, &state.data, world) {
            pending.extend(state.update(report));
        }
    }
}

/// Draws one frame and keeps what it measured: the loop's half of
/// "drawing reports back".
pub fn draw<B: Backend>(terminal: &mut Terminal<B>, state: &mut State) -> Result<(), B::Error> {
    let mut measured = None;
    terminal.draw(|frame| measured = Some(ui::draw(state, frame)))?;
    if let Some(m) = measured {
        state.apply(m);
    }
    Ok(())
}

/// Whether the terminal is currently in explorer mode (so restore runs once).
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back as it was: main screen, cooked mode, cursor shown,
/// mouse reporting off. Safe to call more than once and from any thread.
fn restore_terminal() {
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

/// Raw mode, the alternate screen, mouse reporting, no cursor.
fn enter_modes() -> io::Result<()> {
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
    Ok(())
}

fn enter_terminal() -> io::Result<Terminal<CrosstermBackend<io::Stdout>>> {
    enter_modes()?;
    Terminal::new(CrosstermBackend::new(io::stdout())).inspect_err(|_| restore_terminal())
}

/// Set after the process was stopped and continued: the next frame must
/// repaint the whole screen (the shell drew over it meanwhile).
static REPAINT: AtomicBool = AtomicBool::new(false);

/// Ctrl-z: stop the way an outside `kill -TSTP` does, through the one
/// SIGTSTP handler (which leaves the screen, stops, and comes back).
fn suspend() {
    #[cfg(unix)]
    {
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    }
}

/// Waits (half a second at most) for a frame being written to finish.
fn frame_guard() -> Option<std::sync::MutexGuard<'static, ()>> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(500);
    loop {
        match DRAWING.try_lock() {
            Ok(guard) => return Some(guard),
            Err(std::sync::TryLockError::Poisoned(p)) => return Some(p.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(std::sync::TryLockError::WouldBlock) => return None,
        }
    }
}

/// Held while a frame is written, so a termination signal restores the
/// terminal between frames rather than in the middle of one.
static DRAWING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Restores the terminal before a panic message is printed, and on
/// SIGTERM, SIGHUP, SIGINT (Ctrl-c arrives as a key in raw mode), SIGQUIT,
/// SIGUSR1 and SIGALRM before exiting. SIGTSTP (Ctrl-z, or `kill -TSTP`)
/// leaves the screen and stops; SIGCONT (`fg`) re-enters it and redraws.
fn install_guards() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
    #[cfg(unix)]
    {
        use signal_hook::consts::{
            SIGALRM, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGWINCH,
        };
        let wanted = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGALRM, SIGTSTP];
        if let Ok(mut signals) = signal_hook::iterator::Signals::new(wanted) {
            std::thread::spawn(move || {
                for sig in signals.forever() {
                    // Wait for a frame in progress to finish, but not forever:
                    // a terminal that stopped reading must not keep us alive.
                    let frame = frame_guard();
                    if sig == SIGTSTP {
                        let was_active = ACTIVE.load(Ordering::SeqCst);
                        restore_terminal();
                        drop(frame);
                        // Stop as the default action would; returns on SIGCONT.
                        let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
                        if was_active {
                            let _frame = frame_guard();
                            let _ = enter_modes();
                            REPAINT.store(true, Ordering::SeqCst);
                        }
                        // Wake the loop (blocked reading input) to redraw:
                        // crossterm turns SIGWINCH into a resize event.
                        let _ = signal_hook::low_level::raise(SIGWINCH);
                        continue;
                    }
                    restore_terminal();
                    std::process::exit(128 + sig);
                }
            });
        }
    }
}

/// Runs the explorer until the user quits. The terminal is restored on
/// every way out: quit, error, panic and termination signals.
pub fn run(state: State) -> io::Result<()> {
    install_guards();
    let mut terminal = enter_terminal()?;
    let result = event_loop(&mut terminal, state);
    restore_terminal();
    result
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
    mut state: State,
) -> io::Result<()> {
    // Start crossterm's input reader (and its SIGWINCH handler) before the
    // first frame, so a resize during that frame is not lost.
    event::poll(std::time::Duration::ZERO)?;
    loop {
        {
            let _frame = DRAWING.lock().unwrap_or_else(|p| p.into_inner());
            if REPAINT.swap(false, Ordering::SeqCst) {
                terminal.clear()?;
            }
            // `Terminal::draw` reads the size before every frame: cheap, and
            // it keeps the layout right even if a resize event was missed.
            draw(terminal, &mut state)?;
        }
        if state.should_quit() {
            return Ok(());
        }
        // Block until something happens (a transient message expires after
        // a few seconds), then take everything already queued before
        // drawing again (fast typing, mouse drags, resizes).
        if state.status.is_some() && !event::poll(MESSAGE_LIFE)? {
            dispatch_in(&mut state, Action::Expire, World::Real);
            continue;
        }
        step_in(&mut state, event::read()?, World::Real);
        while !state.should_quit() && event::poll(std::time::Duration::ZERO)? {
            step_in(&mut state, event::read()?, World::Real);
        }
    }
}

/// How long a status message (exported, copied, unknown key) stays.
const MESSAGE_LIFE: std::time::Duration = std::time::Duration::from_secs(4);
