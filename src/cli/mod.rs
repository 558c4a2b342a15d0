//! The command line: argument parsing, dataset selection, and the
//! non-interactive commands (`check`, `list`, `search`, `timeline`,
//! `institutions`). Without a command it starts the explorer.

pub mod table;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::data::{self, CountryCode, Dataset, InstitutionKind, LoadError, PartnerKind};
use crate::present::records::{self as output, EventRecord, InstitutionRecord, PartnerRecord};
use crate::present::{Lang, words};
use crate::query::{
    self, EventFilter, PartnerFilter, SearchIndex, SortKey, UnknownCountry, Unresolved,
};
use table::Table;

/// Explore Shenyang's international partnerships: sister cities,
/// friendly-cooperation partners, foreign-affairs events and foreign
/// institutions. Run without a command to open the interactive explorer.
#[derive(Debug, Parser)]
#[command(name = "shenyang-partners", version, about, long_about = None)]
#[command(after_help = "Exit codes: 0 success, 1 invalid dataset, 2 usage error.")]
pub struct Cli {
    /// Use this dataset file instead of the embedded one (all commands).
    #[arg(long, global = true, value_name = "PATH")]
    pub data: Option<PathBuf>,

    /// Colour theme for the explorer: dark (default), light, high-contrast,
    /// or a path to a theme file. Also settable in the config file.
    #[arg(long, global = true, value_name = "NAME")]
    pub theme: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a dataset and summarize it against the official totals.
    Check {
        /// Dataset to check (default: --data, else the embedded dataset).
        path: Option<PathBuf>,
    },
    /// List partner cities.
    List {
        /// Only partners in this country: ISO code (KR) or English name
        /// (South Korea), any case. Repeat for several countries.
        #[arg(long, value_name = "C")]
        country: Vec<String>,
        /// Only sister cities or only cooperative cities.
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// Sort order.
        #[arg(long, value_enum, default_value_t = SortArg::Name)]
        sort: SortArg,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Fuzzy-search partners by name (any script) or country, best match first.
    Search {
        /// Text to look for; case and accents are ignored (dusseldorf finds Düsseldorf).
        query: String,
        /// Only partners in this country (repeatable).
        #[arg(long, value_name = "C")]
        country: Vec<String>,
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// Show at most this many results (at least 1).
        #[arg(long, value_name = "N", value_parser = parse_limit)]
        limit: Option<usize>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Foreign-affairs events in chronological order.
    Timeline {
        /// First year to include.
        #[arg(long, value_name = "YEAR")]
        from: Option<u16>,
        /// Last year to include.
        #[arg(long, value_name = "YEAR")]
        to: Option<u16>,
        /// Only events concerning this partner: its id (sapporo) or English
        /// name (Sapporo), any case.
        #[arg(long, value_name = "ID")]
        partner: Option<String>,
        /// Only events concerning this country (repeatable).
        #[arg(long, value_name = "C")]
        country: Vec<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Network statistics: partners by country and decade, growth, and
    /// coverage against the official totals.
    Stats {
        #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
        format: StatsFormat,
    },
    /// Foreign institutions in Shenyang: consulates, schools, hospitals, offices.
    Institutions {
        #[arg(long, value_enum)]
        kind: Option<InstitutionKindArg>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Print a shell completion script (see the README for where to put it).
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff); view it with `shenyang-partners man | man -l -`.
    Man,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Sister,
    Cooperative,
}

impl From<KindArg> for PartnerKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Sister => PartnerKind::Sister,
            KindArg::Cooperative => PartnerKind::Cooperative,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Name,
    Country,
    Established,
}

impl From<SortArg> for SortKey {
    fn from(s: SortArg) -> Self {
        match s {
            SortArg::Name => SortKey::Name,
            SortArg::Country => SortKey::Country,
            SortArg::Established => SortKey::Established,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InstitutionKindArg {
    Consulate,
    School,
    Hospital,
    Community,
    Office,
}

impl From<InstitutionKindArg> for InstitutionKind {
    fn from(k: InstitutionKindArg) -> Self {
        match k {
            InstitutionKindArg::Consulate => InstitutionKind::Consulate,
            InstitutionKindArg::School => InstitutionKind::School,
            InstitutionKindArg::Hospital => InstitutionKind::Hospital,
            InstitutionKindArg::Community => InstitutionKind::Community,
            InstitutionKindArg::Office => InstitutionKind::Office,
        }
    }
}

/// How a command ended, mapped to the exit code.
#[derive(Debug)]
pub enum Failure {
    /// The dataset is invalid or unreadable: exit 1.
    Data(LoadError),
    /// The command line asks for something impossible: exit 2.
    Usage(String),
    /// Writing the output failed (other than a closed pipe): exit 1.
    Output(io::Error),
    /// A theme file is broken: exit 1.
    Theme(String),
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Self {
        Failure::Data(e)
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Output(e)
    }
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            if !e.use_stderr() {
                // Help and version go to stdout with exit 0, unless they
                // cannot be written (a full disk); a closed pipe is fine.
                return match e.print() {
                    Err(err) if err.kind() != io::ErrorKind::BrokenPipe => ExitCode::from(1),
                    _ => ExitCode::SUCCESS,
                };
            }
            // Errors go to stderr with exit 2. Clap quotes the offending
            // argument as typed, so its message is made printable first: an
            // escape sequence or a bidi override typed as a value must not
            // reach the terminal.
            let message: Vec<String> = e
                .render()
                .to_string()
                .lines()
                .map(data::text::printable)
                .collect();
            let _ = writeln!(io::stderr().lock(), "{}", message.join("\n"));
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(failure) => {
            let (code, message) = match &failure {
                Failure::Data(e) => (e.exit_code(), format!("error: {e}")),
                Failure::Usage(m) => (2, format!("error: {m}")),
                Failure::Output(e) => (1, format!("error: cannot write output: {e}")),
                Failure::Theme(m) => (1, format!("error: {m}")),
            };
            let _ = writeln!(io::stderr().lock(), "{message}");
            ExitCode::from(code)
        }
    }
}

/// The program's name, as completions and the manual call it.
const BIN: &str = "shenyang-partners";

/// clap_complete 4.6 spells the bash script's state labels for a binary
/// whose name has a hyphen two ways (`shenyang__partners__subcmd__list` in
/// the loop, `shenyang__subcmd__partners__subcmd__list` in the case arms),
/// so nothing after a subcommand completes
/// (<https://github.com/clap-rs/clap/issues/6421>). The arms are respelled
/// the way the loop spells them.
fn mend_bash_completion(script: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(script);
    text.replace("shenyang__subcmd__partners", "shenyang__partners")
        .into_bytes()
}

/// Loads the dataset named by `--data`, or the embedded one.
pub fn load(path: Option<&Path>) -> Result<Dataset, LoadError> {
    match path {
        Some(p) => data::load_path(p),
        None => data::load_embedded(),
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<(), Failure> {
    let stdout = io::stdout();
    let styled = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut out = io::BufWriter::new(stdout.lock());
    // Completions and the manual come from the argument definitions alone:
    // no dataset, theme or configuration is read for them.
    match &cli.command {
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut cmd, BIN, &mut script);
            if *shell == clap_complete::Shell::Bash {
                script = mend_bash_completion(&script);
            }
            out.write_all(&script)?;
            out.flush()?;
            return Ok(());
        }
        Some(Command::Man) => {
            let cmd = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(cmd).render(&mut out)?;
            out.flush()?;
            return Ok(());
        }
        _ => {}
    }
    // The theme is checked for every command, so a typo is caught at once.
    // A broken configuration file is bad data (exit 1); only an unknown
    // `--theme` on the command line is a usage error (exit 2). `check` does
    // not use the configuration: a problem with the file is only a warning.
    let config_failure = |e: crate::config::ConfigError| match e {
        crate::config::ConfigError::Usage(m) => Failure::Usage(m),
        other => Failure::Theme(other.to_string()),
    };
    let settings = if matches!(cli.command, Some(Command::Check { .. })) {
        let (settings, ignored) = crate::config::Settings::load_or_defaults(cli.theme.as_deref())
            .map_err(config_failure)?;
        if let Some(e) = ignored {
            let _ = writeln!(
                io::stderr().lock(),
                "warning: {e}\nwarning: check does not use the configuration file; going on without it"
            );
        }
        settings
    } else {
        crate::config::Settings::load(cli.theme.as_deref()).map_err(config_failure)?
    };
    let Some(command) = cli.command else {
        drop(out);
        let crate::config::Settings { theme, lang } = settings;
        let options = crate::tui::Options {
            theme,
            lang,
            ..Default::default()
        };
        return explore(cli.data.as_deref(), options);
    };
    match command {
        Command::Check { path } => {
            let path = check_path(path, cli.data)?;
            let data = load(path.as_deref())?;
            let origin = path.map_or_else(
                || data::load::EMBEDDED_NAME.to_string(),
                |p| p.display().to_string(),
            );
            write_check(&mut out, &data, &origin)?;
        }
        Command::List {
            country,
            kind,
            sort,
            format,
        } => {
            let data = load(cli.data.as_deref())?;
            let filter = PartnerFilter {
                countries: resolve_countries(&country)?,
                kind: kind.map(Into::into),
            };
            let ixs = query::filter_partners(&data, &filter, sort.into());
            let records: Vec<PartnerRecord> = ixs
                .iter()
                .map(|&i| PartnerRecord::new(&data, i, None))
                .collect();
            write_partners(&mut out, &data, &records, format, styled, false)?;
        }
        Command::Search {
            query: text,
            country,
            kind,
            limit,
            format,
        } => {
            let data = load(cli.data.as_deref())?;
            let filter = PartnerFilter {
                countries: resolve_countries(&country)?,
                kind: kind.map(Into::into),
            };
            let candidates = query::filter_partners(&data, &filter, SortKey::Name);
            let index = SearchIndex::partners(&data);
            let mut hits = index.search(&text, &candidates);
            if let Some(n) = limit {
                hits.truncate(n);
            }
            let records: Vec<PartnerRecord> = hits
                .iter()
                .map(|h| PartnerRecord::new(&data, h.ix, Some(h.score)))
                .collect();
            write_partners(&mut out, &data, &records, format, styled, true)?;
        }
        Command::Timeline {
            from,
            to,
            partner,
            country,
            format,
        } => {
            let data = load(cli.data.as_deref())?;
            if let (Some(f), Some(t)) = (from, to)
                && f > t
            {
                return Err(Failure::Usage(format!("--from {f} is after --to {t}")));
            }
            let partner = match partner {
                None => None,
                Some(id) => Some(find_partner(&data, &id)?),
            };
            let filter = EventFilter {
                from_year: from,
                to_year: to,
                partner,
                countries: resolve_countries(&country)?,
            };
            let ixs = query::filter_events(&data, &filter);
            let records: Vec<EventRecord> = ixs
                .iter()
                .map(|&i| EventRecord::new(&data, i, Lang::En))
                .collect();
            write_events(&mut out, &data, &records, format, styled)?;
        }
        Command::Stats { format } => {
            let data = load(cli.data.as_deref())?;
            let stats = crate::stats::Stats::compute(&data);
            match format {
                StatsFormat::Json => {
                    // `io::Error::from` keeps a closed pipe a `BrokenPipe`.
                    serde_json::to_writer_pretty(&mut out, &stats).map_err(io::Error::from)?;
                    writeln!(out)?;
                }
                StatsFormat::Table => write_stats(&mut out, &data, &stats)?,
            }
        }
        Command::Institutions { kind, format } => {
            let data = load(cli.data.as_deref())?;
            let kind: Option<InstitutionKind> = kind.map(Into::into);
            let records: Vec<InstitutionRecord> = (0..data.institutions.len())
                .filter(|&i| kind.is_none_or(|k| data.institutions[i].kind == k))
                .map(|i| InstitutionRecord::new(&data, i))
                .collect();
            write_institutions(&mut out, &data, &records, kind, format, styled)?;
        }
        // Answered above, before any file is read.
        Command::Completions { .. } | Command::Man => {}
    }
    out.flush()?;
    Ok(())
}

/// Starts the interactive explorer, which needs a terminal on both ends.
fn explore(path: Option<&Path>, options: crate::tui::Options) -> Result<(), Failure> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(Failure::Usage(
            "the explorer needs an interactive terminal; for scripts use `list`, `search`, `timeline`, \
             `institutions` or `stats` (see --help)"
                .into(),
        ));
    }
    let data = load(path)?;
    crate::tui::run_explorer(data, options).map_err(Failure::Output)
}

fn resolve_countries(inputs: &[String]) -> Result<Vec<CountryCode>, Failure> {
    inputs
        .iter()
        .map(|c| {
            query::resolve_country(c)
                .map_err(|e| Failure::Usage(format!("--country: {}", unknown_country(&e))))
        })
        .collect()
}

/// Why a `--country` argument named no country, in words.
fn unknown_country(e: &UnknownCountry) -> String {
    let mut out = if e.input.trim().is_empty() {
        "empty country".to_string()
    } else {
        format!("unknown country {}", data::text::quote(&e.input))
    };
    out.push_str(": give an ISO 3166-1 alpha-2 code (KR) or an English name (South Korea)");
    if let Some((last, rest)) = e.suggestions.split_last() {
        if rest.is_empty() {
            out.push_str(&format!("; did you mean {last}?"));
        } else {
            out.push_str(&format!("; did you mean {} or {last}?", rest.join(", ")));
        }
    }
    out
}

/// `--limit N`: a count of at least one (zero would only ever print nothing).
fn parse_limit(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// The file `check` validates: its own PATH or `--data`, not two different ones.
fn check_path(path: Option<PathBuf>, data: Option<PathBuf>) -> Result<Option<PathBuf>, Failure> {
    match (path, data) {
        (Some(p), Some(d)) if !same_file(&p, &d) => Err(Failure::Usage(format!(
            "check was given two datasets, {} and --data {}; give one: `check PATH` or `--data PATH check`",
            data::text::quote(&p.display().to_string()),
            data::text::quote(&d.display().to_string())
        ))),
        (p, d) => Ok(p.or(d)),
    }
}

/// Whether two paths name the same file (the same text, or one file by two names).
fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
}

/// The partner `--partner` names (see [`query::resolve_partner`]), or the
/// error in words.
fn find_partner(data: &Dataset, input: &str) -> Result<usize, Failure> {
    let trimmed = input.trim();
    let ids = |ixs: &[usize]| -> String {
        ixs.iter()
            .map(|&i| data.partners[i].id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    query::resolve_partner(data, input).map_err(|why| {
        Failure::Usage(match why {
            Unresolved::Empty => {
                "--partner: empty partner id (`list --format csv` shows every id)".into()
            }
            Unresolved::Ambiguous(several) => format!(
                "--partner: several partners are called {}: give the id ({})",
                data::text::quote(trimmed),
                ids(&several)
            ),
            Unresolved::Unknown { suggestions } => {
                let mut msg = format!(
                    "--partner: no partner has the id {}",
                    data::text::quote(trimmed)
                );
                if !suggestions.is_empty() {
                    msg.push_str(&format!("; did you mean {}?", ids(&suggestions)));
                }
                msg.push_str(" (`list --format csv` shows every id)");
                msg
            }
        })
    })
}

fn opt(s: Option<&str>) -> String {
    s.unwrap_or("").to_string()
}

fn write_partners(
    out: &mut dyn Write,
    data: &Dataset,
    records: &[PartnerRecord],
    format: Format,
    styled: bool,
    search: bool,
) -> io::Result<()> {
    match format {
        Format::Json => output::write_json(out, records),
        Format::Csv => {
            // Search results carry their score as a last column.
            let mut header = output::PARTNER_FIELDS.to_vec();
            if search {
                header.push("score");
            }
            output::write_csv(out, records, &header)
        }
        Format::Table => {
            if records.is_empty() {
                return writeln!(out, "No partners match.");
            }
            let with_score = records.iter().any(|r| r.score.is_some());
            let mut headers = vec!["ID", "NAME", "中文", "COUNTRY", "KIND", "ESTABLISHED"];
            if with_score {
                headers.push("SCORE");
            }
            let mut table = Table::new(headers);
            for r in records {
                let mut kind = r.kind.to_string();
                if r.uncertain {
                    kind.push('?');
                }
                let mut row = vec![
                    r.id.to_string(),
                    r.name.to_string(),
                    opt(r.name_zh),
                    format!("{} {}", r.country, r.country_name),
                    kind,
                    r.established.map(|d| d.to_string()).unwrap_or_default(),
                ];
                if let Some(score) = r.score {
                    row.push(score.to_string());
                }
                table.row(row);
            }
            table.write(out, styled)?;
            let cov = data.coverage();
            writeln!(out)?;
            write!(
                out,
                "{} partner{} shown",
                records.len(),
                if records.len() == 1 { "" } else { "s" }
            )?;
            if records.iter().any(|r| r.uncertain) {
                write!(out, " (? = classification in doubt)")?;
            }
            writeln!(out, ".")?;
            writeln!(
                out,
                "The dataset documents {} and {}{}.",
                words::sister_phrase(&cov),
                words::cooperative_phrase(&cov),
                as_of_phrase(cov.as_of)
            )
        }
    }
}

fn as_of_phrase(as_of: Option<data::PartialDate>) -> String {
    as_of
        .map(|d| format!(" (official totals of {d})"))
        .unwrap_or_default()
}

fn write_events(
    out: &mut dyn Write,
    data: &Dataset,
    records: &[EventRecord],
    format: Format,
    styled: bool,
) -> io::Result<()> {
    match format {
        Format::Json => output::write_json(out, records),
        Format::Csv => output::write_csv(out, records, output::EVENT_FIELDS),
        Format::Table => {
            if records.is_empty() {
                return writeln!(out, "No events match.");
            }
            let mut table = Table::new(vec!["DATE", "KIND", "TITLE", "PARTNERS"]);
            for r in records {
                let partners: Vec<&str> = r
                    .partners
                    .iter()
                    .filter_map(|id| data.partner_by_id(id).map(|p| p.name.as_str()))
                    .collect();
                table.row(vec![
                    r.date.to_string(),
                    r.kind.to_string(),
                    r.title.to_string(),
                    partners.join(", "),
                ]);
            }
            table.write(out, styled)?;
            writeln!(out)?;
            writeln!(
                out,
                "{} event{} shown.",
                records.len(),
                if records.len() == 1 { "" } else { "s" }
            )
        }
    }
}

fn write_institutions(
    out: &mut dyn Write,
    data: &Dataset,
    records: &[InstitutionRecord],
    kind: Option<InstitutionKind>,
    format: Format,
    styled: bool,
) -> io::Result<()> {
    match format {
        Format::Json => output::write_json(out, records),
        Format::Csv => output::write_csv(out, records, output::INSTITUTION_FIELDS),
        Format::Table => {
            if records.is_empty() {
                writeln!(out, "No institutions match.")?;
            } else {
                let mut table = Table::new(vec!["KIND", "NAME", "COUNTRY", "OPENED", "DISTRICT"]);
                for r in records {
                    table.row(vec![
                        r.kind.to_string(),
                        r.name.to_string(),
                        r.country
                            .map(|c| format!("{c} {}", data.country_name(c)))
                            .unwrap_or_default(),
                        r.opened.map(|d| d.to_string()).unwrap_or_default(),
                        opt(r.district),
                    ]);
                }
                table.write(out, styled)?;
            }
            writeln!(out)?;
            let kinds: Vec<InstitutionKind> = match kind {
                Some(k) => vec![k],
                None => InstitutionKind::ALL.to_vec(),
            };
            for k in kinds {
                for line in institution_coverage_lines(data, k) {
                    writeln!(out, "{line}")?;
                }
            }
            Ok(())
        }
    }
}

/// "Schools: 4 of 6 international schools documented, …" for each kind the
/// dataset has records or official figures of.
fn institution_coverage_lines(data: &Dataset, kind: InstitutionKind) -> Vec<String> {
    words::institution_coverage(data, kind)
        .map(|text| format!("{}: {text}.", words::institution_heading(Lang::En, kind)))
        .into_iter()
        .collect()
}

fn write_check(out: &mut dyn Write, data: &Dataset, origin: &str) -> io::Result<()> {
    let cov = data.coverage();
    writeln!(out, "{}: OK", data::text::printable(origin))?;
    writeln!(
        out,
        "  partners      {} ({} sister, {} cooperative) in {} countries",
        data.partners.len(),
        cov.sister,
        cov.cooperative,
        cov.countries
    )?;
    let span = match (data.events.first(), data.events.last()) {
        (Some(a), Some(b)) => format!(" ({}–{})", a.date.year(), b.date.year()),
        _ => String::new(),
    };
    let derived = data.events.iter().filter(|e| e.is_derived()).count();
    writeln!(
        out,
        "  events        {} recorded, {derived} derived row{}{span}",
        data.events.len() - derived,
        if derived == 1 { "" } else { "s" }
    )?;
    let by_kind: Vec<String> = InstitutionKind::ALL
        .iter()
        .map(|&k| (k, data.institutions.iter().filter(|i| i.kind == k).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{n} {}", k.as_str()))
        .collect();
    let by_kind = if by_kind.is_empty() {
        String::new()
    } else {
        format!(" ({})", by_kind.join(", "))
    };
    writeln!(out, "  institutions  {}{by_kind}", data.institutions.len())?;
    match cov.as_of {
        Some(as_of) => {
            writeln!(out, "Coverage against the official totals of {as_of}:")?;
            for (phrase, documented, official) in [
                (words::sister_phrase(&cov), cov.sister, cov.official_sister),
                (
                    words::cooperative_phrase(&cov),
                    cov.cooperative,
                    cov.official_cooperative,
                ),
                (words::cities_phrase(&cov), cov.cities, cov.official_cities),
                (
                    words::countries_phrase(&cov),
                    cov.countries,
                    cov.official_countries,
                ),
            ] {
                let note = words::more_than(documented, official, "the official total");
                writeln!(out, "  {phrase}{note}")?;
            }
        }
        None => writeln!(
            out,
            "No official totals recorded; coverage cannot be stated."
        )?,
    }
    let lines: Vec<String> = InstitutionKind::ALL
        .iter()
        .flat_map(|&k| institution_coverage_lines(data, k))
        .collect();
    if !lines.is_empty() {
        writeln!(out, "Institutions:")?;
        for line in lines {
            writeln!(out, "  {line}")?;
        }
    }
    let stats = crate::stats::Stats::compute(data);
    write_unknowns(out, data, &stats.unknowns)?;
    write_source_grades(out, &stats.sources)
}

/// What is known not to be known, and what does not add up.
fn write_unknowns(
    out: &mut dyn Write,
    data: &Dataset,
    u: &crate::stats::Unknowns,
) -> io::Result<()> {
    let name = |id: &String| {
        data.partner_by_id(id)
            .map_or(id.as_str(), |p| p.name.as_str())
            .to_string()
    };
    let cov = data.coverage();
    let any = !u.unidentified.is_empty()
        || u.cooperative_unidentified.is_some_and(|n| n > 0)
        || !u.pending.is_empty()
        || !u.leads.is_empty();
    if any {
        writeln!(out, "Known unknowns:")?;
    }
    if !u.unidentified.is_empty() {
        let slots: Vec<String> = u
            .unidentified
            .iter()
            .map(|x| {
                let candidates: Vec<String> = x.candidates.iter().map(name).collect();
                let candidates = if candidates.is_empty() {
                    String::new()
                } else {
                    format!("; candidates: {}", candidates.join(", "))
                };
                format!(
                    "{} city No. {} (signed between {} and {}{candidates})",
                    x.kind, x.order, x.after, x.before
                )
            })
            .collect();
        writeln!(
            out,
            "  {} numbered relation{} not identified by any source: {}",
            slots.len(),
            if slots.len() == 1 { "" } else { "s" },
            slots.join("; ")
        )?;
    }
    if let (Some(n), Some(official)) = (u.cooperative_unidentified, cov.official_cooperative)
        && n > 0
    {
        writeln!(
            out,
            "  {n} of the official {official} cooperative cities not identified by any record"
        )?;
    }
    let list = |items: &[crate::stats::PendingFigures]| -> String {
        items
            .iter()
            .map(|p| {
                let date = p.date.map(|d| format!(", {d}")).unwrap_or_default();
                format!("{} {}{date}", p.name, p.country)
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    if !u.pending.is_empty() {
        writeln!(
            out,
            "  {} pending relation{} (not partners): {}",
            u.pending.len(),
            if u.pending.len() == 1 { "" } else { "s" },
            list(&u.pending)
        )?;
    }
    if !u.leads.is_empty() {
        writeln!(
            out,
            "  {} unconfirmed lead{} (not partners): {}",
            u.leads.len(),
            if u.leads.len() == 1 { "" } else { "s" },
            list(&u.leads)
        )?;
    }
    if u.sister_excess > 0 || !u.conflicts.is_empty() {
        writeln!(out, "Does not add up:")?;
    }
    if u.sister_excess > 0
        && let Some(official) = cov.official_sister
    {
        writeln!(
            out,
            "  {} sister cities are documented, {} more than the official {official}: at least {} of the {} sister {} in doubt must be wrong.",
            cov.sister,
            u.sister_excess,
            u.sister_excess,
            u.sister_in_doubt,
            if u.sister_in_doubt == 1 {
                "classification"
            } else {
                "classifications"
            }
        )?;
    }
    for c in &u.conflicts {
        let names: Vec<String> = c.partners.iter().map(name).collect();
        writeln!(out, "  {}: {}", names.join(", "), c.summary)?;
    }
    Ok(())
}

fn write_stats(out: &mut dyn Write, data: &Dataset, s: &crate::stats::Stats) -> io::Result<()> {
    let p = &s.partners;
    writeln!(
        out,
        "Partners: {} ({} sister, {} cooperative) in {} countries; {} with coordinates.",
        p.total, p.sister, p.cooperative, p.countries, p.with_coordinates
    )?;
    writeln!(
        out,
        "Events: {} recorded, {} derived rows. Institutions: {}.",
        p.events, p.derived_rows, p.institutions
    )?;
    writeln!(out)?;
    let c = &s.coverage;
    match c.as_of {
        Some(d) => writeln!(
            out,
            "Coverage, documented vs official (official totals of {d}):"
        )?,
        None => writeln!(out, "Coverage (no official totals recorded):")?,
    }
    let mut t = Table::new(vec!["", "DOCUMENTED", "OFFICIAL"]);
    for (label, cov) in [
        ("sister cities", c.sister),
        ("cooperative cities", c.cooperative),
        ("partner cities", c.cities),
        ("countries", c.countries),
    ] {
        t.row(vec![
            label.to_string(),
            cov.documented.to_string(),
            cov.official
                .map(|o| o.to_string())
                .unwrap_or_else(|| "–".into()),
        ]);
    }
    t.write(out, false)?;
    writeln!(out)?;
    writeln!(out, "Official totals over time:")?;
    let mut t = Table::new(vec![
        "AS OF",
        "SISTER",
        "COOPERATIVE",
        "CITIES",
        "COUNTRIES",
    ]);
    let n = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_else(|| "–".into());
    for o in &s.official_totals {
        t.row(vec![
            o.as_of.to_string(),
            n(o.sister),
            n(o.cooperative),
            n(o.cities),
            n(o.countries),
        ]);
    }
    t.write(out, false)?;
    writeln!(out)?;
    writeln!(out, "Partners by country:")?;
    let mut t = Table::new(vec!["COUNTRY", "", "TOTAL", "SISTER", "COOPERATIVE"]);
    for c in &s.by_country {
        t.row(vec![
            c.country.to_string(),
            c.country_name.clone(),
            c.total.to_string(),
            c.sister.to_string(),
            c.cooperative.to_string(),
        ]);
    }
    t.write(out, false)?;
    writeln!(out)?;
    writeln!(out, "Relations by the decade they began:")?;
    let mut t = Table::new(vec![
        "DECADE",
        "TOTAL",
        "SISTER",
        "COOPERATIVE",
        "CUMULATIVE",
    ]);
    for d in &s.by_decade {
        t.row(vec![
            format!("{}s", d.decade),
            d.total.to_string(),
            d.sister.to_string(),
            d.cooperative.to_string(),
            d.cumulative.to_string(),
        ]);
    }
    t.write(out, false)?;
    if s.undated > 0 {
        writeln!(out, "({} partners have no date.)", s.undated)?;
    }
    writeln!(out)?;
    writeln!(out, "Institutions:")?;
    let mut t = Table::new(vec!["KIND", "DOCUMENTED", "COUNTED", "OFFICIAL"]);
    for f in &s.institutions {
        let official: Vec<String> = f
            .official
            .iter()
            .map(|o| format!("{} {}", o.count, o.label))
            .collect();
        t.row(vec![
            f.kind.to_string(),
            f.documented.to_string(),
            f.counted.to_string(),
            if official.is_empty() {
                "–".into()
            } else {
                official.join(", ")
            },
        ]);
    }
    t.write(out, false)?;
    writeln!(out)?;
    write_unknowns(out, data, &s.unknowns)?;
    write_source_grades(out, &s.sources)
}

fn write_source_grades(out: &mut dyn Write, s: &crate::stats::SourceFigures) -> io::Result<()> {
    let grades: Vec<String> = s
        .by_grade
        .iter()
        .filter(|g| g.cited > 0)
        .map(|g| format!("{} {}", g.cited, g.grade.replace('-', " ")))
        .collect();
    writeln!(
        out,
        "Sources: {} citation{} on {} graded host{}: {}.",
        s.cited,
        if s.cited == 1 { "" } else { "s" },
        s.hosts,
        if s.hosts == 1 { "" } else { "s" },
        grades.join(", ")
    )
}
