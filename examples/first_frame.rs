//! Wall time from starting the explorer (embedded dataset) to its first
//! complete frame, in a real pseudo-terminal:
//!
//!     cargo build --release && cargo run --release --example first_frame -- [RUNS]
//!
//! Each run spawns `target/release/shenyang-partners` in a 120x40 pty and
//! stops the clock when the frame's last status-bar text has arrived; then
//! it sends `q`. Prints the median and the worst of the runs.
// A measuring or generating tool run by hand: failing loudly is fine here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let bin = std::env::current_exe()
        .ok()
        .and_then(|p| Some(p.parent()?.parent()?.join("shenyang-partners")))
        .filter(|p| p.exists())
        .unwrap_or_else(|| "target/release/shenyang-partners".into());
    let mut times = Vec::new();
    for _ in 0..runs {
        match once(&bin) {
            Ok(t) => times.push(t),
            Err(e) => {
                eprintln!("first_frame: {e}");
                std::process::exit(1);
            }
        }
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{}: first frame after {:.1} ms median, {:.1} ms worst ({runs} runs, 120x40 pty)",
        bin.display(),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
}

fn once(bin: &std::path::Path) -> Result<Duration, Box<dyn std::error::Error>> {
    let pty = native_pty_system().openpty(PtySize {
        rows: 40,
        cols: 120,
        pixel_width: 0,
        pixel_height: 0,
    })?;
    let mut cmd = CommandBuilder::new(bin);
    cmd.env("TERM", "xterm-256color");
    // No configuration file: none named, and an empty default location.
    cmd.env_remove("SHENYANG_PARTNERS_CONFIG");
    cmd.env(
        "XDG_CONFIG_HOME",
        "/nonexistent/shenyang-partners-first-frame",
    );
    let mut reader = pty.master.try_clone_reader()?;
    let mut writer = pty.master.take_writer()?;
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(cmd)?;
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    // The status bar's last hint ("help") is drawn at the end of the frame.
    let mut seen = Vec::new();
    let elapsed = loop {
        let chunk = rx.recv_timeout(Duration::from_secs(10))?;
        seen.extend_from_slice(&chunk);
        if String::from_utf8_lossy(&seen).contains("help") {
            break start.elapsed();
        }
    };
    writer.write_all(b"q")?;
    writer.flush()?;
    child.wait()?;
    Ok(elapsed)
}
