//! `e` in the Partners view: the listed partners to a CSV file, written
//! atomically and never over an existing file.

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::data::{Dataset, PartnerIx};
use crate::present::records::{PARTNER_FIELDS, PartnerRecord, UTF8_BOM, write_csv};

/// Base name of export files: `shenyang-partners.csv`, then `-2`, `-3`, ….
const STEM: &str = "shenyang-partners";
const MAX_ATTEMPTS: u32 = 1000;

/// Why an export failed, and the file it was meant to write.
#[derive(Debug)]
pub struct ExportError {
    pub path: PathBuf,
    pub error: io::Error,
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.error)
    }
}

impl std::error::Error for ExportError {}

fn candidate(dir: &Path, n: u32) -> PathBuf {
    if n == 1 {
        dir.join(format!("{STEM}.csv"))
    } else {
        dir.join(format!("{STEM}-{n}.csv"))
    }
}

/// Writes the given partners (same columns as `list --format csv`) to a new
/// file in `dir` and returns its path. The data goes to a temporary file that
/// is then linked into place only if the name is still free, so a reader never
/// sees a partial file and an existing file is never replaced. The file gets
/// the permissions of any new file (0666 less the umask), not the temporary
/// file's private 0600.
pub fn export_partners(
    data: &Dataset,
    partners: &[PartnerIx],
    dir: &Path,
) -> Result<PathBuf, ExportError> {
    let failed = |n: u32| {
        move |error: io::Error| ExportError {
            path: candidate(dir, n),
            error,
        }
    };
    let records: Vec<PartnerRecord> = partners
        .iter()
        .map(|&i| PartnerRecord::new(data, i, None))
        .collect();
    let mut builder = tempfile::Builder::new();
    builder.prefix(".shenyang-partners-").suffix(".csv.tmp");
    #[cfg(unix)]
    {
        // The kernel applies the umask to the mode asked for at creation,
        // exactly as for any file a program creates.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(failed(1))?;
    // A byte-order mark first, so spreadsheets read the Chinese columns as
    // UTF-8; `write_csv` neutralises cells a spreadsheet would run as a
    // formula.
    tmp.as_file_mut().write_all(UTF8_BOM).map_err(failed(1))?;
    write_csv(tmp.as_file_mut(), &records, PARTNER_FIELDS).map_err(failed(1))?;
    tmp.as_file_mut().flush().map_err(failed(1))?;
    tmp.as_file().sync_all().map_err(failed(1))?;
    for n in 1..=MAX_ATTEMPTS {
        let path = candidate(dir, n);
        match tmp.persist_noclobber(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(failed(n)(e.error)),
        }
    }
    Err(ExportError {
        path: candidate(dir, 1),
        error: io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{STEM}.csv … {STEM}-{MAX_ATTEMPTS}.csv all exist"),
        ),
    })
}
