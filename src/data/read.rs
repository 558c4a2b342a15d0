//! Reading a text file the program was told to read — a dataset, a theme, the
//! configuration: its type is checked before it is opened (a named pipe
//! would block the open, a directory cannot be read), the read stops at a
//! size cap, and it is refused as soon as a piece shows it is not text (so
//! `/dev/zero` or a binary file costs one piece, not memory until the cap).

use std::io::Read;
use std::path::Path;

use super::diagnostic::{Diagnostic, Excerpt};
use super::lexer::line_col;

/// Bytes read at a time; each piece is checked for binary content at once.
const READ_CHUNK: u64 = 1 << 20;

/// Why a file could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The file cannot be opened or read, or is no file to read (a
    /// directory, a named pipe, a socket); the words say which.
    Io(String),
    /// The file is larger than the cap, `max` (`bytes`, or more).
    TooLarge { bytes: u64, max: u64 },
    /// The file is not text: a NUL byte or invalid UTF-8 at `offset`, which
    /// is at `line` and `column` (in the text before it), with the text of
    /// that line up to it.
    NotText(NotText),
}

/// Where and why a file is not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotText {
    pub offset: usize,
    pub line: usize,
    pub column: usize,
    /// The line up to the bad byte (valid UTF-8).
    pub line_before: String,
    /// What is wrong, for a file that is `noun` ("a dataset").
    pub reason: Reason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Nul,
    /// The first byte of an invalid sequence.
    BadByte(u8),
    /// The text ends inside a character.
    Truncated,
}

impl NotText {
    /// The words for it, `noun` naming what the file should be ("a dataset").
    pub fn message(&self, noun: &str) -> String {
        let at = self.offset;
        match self.reason {
            Reason::Nul => format!(
                "the file contains a NUL byte (offset {at}); {noun} is text, not binary data"
            ),
            Reason::BadByte(bad) => {
                format!("the file is not valid UTF-8 (byte 0x{bad:02X} at offset {at})")
            }
            Reason::Truncated => {
                format!("the file is not valid UTF-8 (it ends inside a character, at offset {at})")
            }
        }
    }
}

impl ReadError {
    /// The report for a file named `origin` that should be `noun` ("a
    /// theme"): what went wrong, after `cannot read: ` unless it is the
    /// content that is not text (then with its place).
    pub fn diagnostic(&self, origin: &str, noun: &str, cannot_read: &str) -> Diagnostic {
        match self {
            ReadError::Io(message) => {
                Diagnostic::whole_file(origin, format!("{cannot_read}: {message}"))
            }
            ReadError::TooLarge { bytes, max } => Diagnostic::whole_file(
                origin,
                format!("{cannot_read}: the file is too large ({bytes} bytes; at most {max})"),
            ),
            ReadError::NotText(e) => e.diagnostic(origin, noun),
        }
    }
}

impl NotText {
    /// The report: the place of the bad byte, with the line up to it.
    pub fn diagnostic(&self, origin: &str, noun: &str) -> Diagnostic {
        Diagnostic {
            origin: origin.to_string(),
            position: Some((self.line, self.column)),
            message: self.message(noun),
            excerpt: Some(Excerpt::of(&self.line_before, 0, self.line_before.len())),
        }
    }
}

/// Reads the text file at `path`, of at most `max` bytes.
///
/// Only regular files are read: a directory, a named pipe (FIFO), a socket
/// or a device is refused before it is opened, with the reason (a pipe or a
/// terminal would wait for input, `/dev/zero` never ends).
pub fn read_text(path: &Path, max: u64) -> Result<String, ReadError> {
    let io = |e: std::io::Error| ReadError::Io(e.to_string());
    // Before opening: opening a named pipe waits for a writer.
    refuse_special(&std::fs::metadata(path).map_err(io)?)?;
    let file = std::fs::File::open(path).map_err(io)?;
    // The file opened may not be the one looked at (it may have been
    // replaced in between): check again.
    let meta = file.metadata().map_err(io)?;
    refuse_special(&meta)?;
    if meta.len() > max {
        return Err(ReadError::TooLarge {
            bytes: meta.len(),
            max,
        });
    }
    let bytes = read_checked(file, meta.len(), max)?;
    // `read_checked` has checked the encoding: this does not fail.
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        ReadError::NotText(not_text(e.as_bytes(), at))
    })
}

/// A directory, named pipe, socket or device, refused with what it is.
fn refuse_special(meta: &std::fs::Metadata) -> Result<(), ReadError> {
    let ft = meta.file_type();
    let what = if ft.is_dir() {
        "is a directory"
    } else if is_fifo(&ft) {
        "is a named pipe (FIFO), not a file"
    } else if is_socket(&ft) {
        "is a socket, not a file"
    } else if is_device(&ft) {
        "is a device, not a file"
    } else {
        return Ok(());
    };
    Err(ReadError::Io(what.to_string()))
}

#[cfg(unix)]
fn is_fifo(ft: &std::fs::FileType) -> bool {
    std::os::unix::fs::FileTypeExt::is_fifo(ft)
}

#[cfg(unix)]
fn is_device(ft: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    ft.is_char_device() || ft.is_block_device()
}

#[cfg(not(unix))]
fn is_device(_: &std::fs::FileType) -> bool {
    false
}

#[cfg(unix)]
fn is_socket(ft: &std::fs::FileType) -> bool {
    std::os::unix::fs::FileTypeExt::is_socket(ft)
}

#[cfg(not(unix))]
fn is_fifo(_: &std::fs::FileType) -> bool {
    false
}

#[cfg(not(unix))]
fn is_socket(_: &std::fs::FileType) -> bool {
    false
}

/// Reads at most `max` bytes in pieces, refusing the file as soon as a
/// piece shows it is not text (a NUL byte or invalid UTF-8).
fn read_checked(file: std::fs::File, size: u64, max: u64) -> Result<Vec<u8>, ReadError> {
    // One byte past the limit, in case the file grows or lies about its size.
    let mut reader = file.take(max + 1);
    let mut bytes = Vec::with_capacity(size.min(max) as usize);
    // Everything before `checked` is UTF-8 without NUL bytes.
    let mut checked = 0;
    loop {
        let n = (&mut reader)
            .take(READ_CHUNK)
            .read_to_end(&mut bytes)
            .map_err(|e| ReadError::Io(e.to_string()))?;
        let complete = n == 0;
        match first_binary_byte(&bytes[checked..], complete) {
            Ok(good) => checked += good,
            Err(bad) => return Err(ReadError::NotText(not_text(&bytes, checked + bad))),
        }
        if bytes.len() as u64 > max {
            return Err(ReadError::TooLarge {
                bytes: bytes.len() as u64,
                max,
            });
        }
        if complete {
            return Ok(bytes);
        }
    }
}

/// How many leading bytes are UTF-8 text without NUL bytes (stopping before
/// a character cut off at the end, unless the input is `complete`), or the
/// offset of the first byte that is not.
pub fn first_binary_byte(bytes: &[u8], complete: bool) -> Result<usize, usize> {
    let (valid, broken) = match std::str::from_utf8(bytes) {
        Ok(_) => (bytes.len(), false),
        // `error_len` is `None` for a sequence cut off by the end.
        Err(e) => (e.valid_up_to(), complete || e.error_len().is_some()),
    };
    match memchr::memchr(0, &bytes[..valid]) {
        Some(nul) => Err(nul),
        None if broken => Err(valid),
        None => Ok(valid),
    }
}

/// The bytes as text, or where they stop being text.
pub fn utf8(bytes: &[u8]) -> Result<&str, NotText> {
    match first_binary_byte(bytes, true) {
        Err(at) => Err(not_text(bytes, at)),
        Ok(_) => std::str::from_utf8(bytes).map_err(|e| not_text(bytes, e.valid_up_to())),
    }
}

/// The place of the byte at `at`: a NUL byte or the start of invalid UTF-8
/// (everything before it is text).
pub fn not_text(bytes: &[u8], at: usize) -> NotText {
    let at = at.min(bytes.len());
    let prefix = std::str::from_utf8(&bytes[..at]).unwrap_or("");
    let reason = match bytes.get(at) {
        Some(0) => Reason::Nul,
        Some(&bad) => Reason::BadByte(bad),
        None => Reason::Truncated,
    };
    let prefix = super::dialect::line_breaks(prefix);
    let (line, column) = line_col(&prefix, prefix.len());
    let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
    NotText {
        offset: at,
        line,
        column,
        line_before: prefix[line_start..].to_string(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_files_are_refused_before_they_are_opened() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            read_text(dir.path(), 100),
            Err(ReadError::Io("is a directory".into()))
        );
        #[cfg(unix)]
        {
            let fifo = dir.path().join("fifo");
            let made = std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .is_ok_and(|s| s.success());
            if made {
                // Opening it for reading would block until a writer came.
                assert_eq!(
                    read_text(&fifo, 100),
                    Err(ReadError::Io("is a named pipe (FIFO), not a file".into()))
                );
            }
        }
    }

    #[test]
    fn the_cap_and_the_encoding_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, "abc").unwrap();
        assert_eq!(read_text(&path, 3).as_deref(), Ok("abc"));
        assert_eq!(
            read_text(&path, 2),
            Err(ReadError::TooLarge { bytes: 3, max: 2 })
        );
        std::fs::write(&path, "a\nbé\0").unwrap();
        let Err(ReadError::NotText(e)) = read_text(&path, 100) else {
            panic!("binary")
        };
        assert_eq!(
            (e.offset, e.line, e.column, e.line_before.as_str()),
            (5, 2, 3, "bé")
        );
        assert_eq!(
            e.message("a theme"),
            "the file contains a NUL byte (offset 5); a theme is text, not binary data"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_before_it_is_read() {
        if Path::new("/dev/zero").exists() {
            let got = read_text(Path::new("/dev/zero"), u64::MAX / 2);
            assert!(
                matches!(&got, Err(ReadError::Io(why)) if why == "is a device, not a file"),
                "{got:?}"
            );
        }
    }
}
