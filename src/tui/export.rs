//! `e` in the Partners view: the listed partners to a CSV file, written
//! atomically and never over an existing file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::cli::output::{PARTNER_FIELDS, PartnerRecord, write_csv};
use crate::data::{Dataset, PartnerIx};

/// Base name of export files: `shenyang-partners.csv`, then `-2`, `-3`, ….
const STEM: &str = "shenyang-partners";
const MAX_ATTEMPTS: u32 = 1000;

/// Writes the given partners (same columns as `list --format csv`) to a new
/// file in `dir` and returns its path. The data goes to a temporary file that
/// is then linked into place only if the name is still free, so a reader never
/// sees a partial file and an existing file is never replaced.
pub fn export_partners(data: &Dataset, partners: &[PartnerIx], dir: &Path) -> io::Result<PathBuf> {
    let records: Vec<PartnerRecord> = partners
        .iter()
        .map(|&i| PartnerRecord::new(data, i, None))
        .collect();
    let mut tmp = tempfile::Builder::new()
        .prefix(".shenyang-partners-")
        .suffix(".csv.tmp")
        .tempfile_in(dir)?;
    write_csv(tmp.as_file_mut(), &records, PARTNER_FIELDS)?;
    tmp.as_file_mut().flush()?;
    tmp.as_file().sync_all()?;
    for n in 1..=MAX_ATTEMPTS {
        let name = if n == 1 {
            format!("{STEM}.csv")
        } else {
            format!("{STEM}-{n}.csv")
        };
        let path = dir.join(name);
        match tmp.persist_noclobber(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(e.error),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{STEM}.csv … {STEM}-{MAX_ATTEMPTS}.csv all exist"),
    ))
}
