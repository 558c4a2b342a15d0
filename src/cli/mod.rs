//! The command line: argument parsing, dataset selection, and the
//! non-interactive commands (`check`, `list`, `search`, `timeline`,
//! `institutions`). Without a command it starts the explorer.
//!
//! Data goes to stdout, people get prose on stderr: a table (or JSON, or
//! CSV) is all stdout holds, and the summary and coverage lines under a
//! table go to stderr (`--quiet` drops them), so `list | wc -l` counts the
//! header and the partners.

pub mod table;

use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::data::{self, CountryCode, Dataset, InstitutionKind, LoadError, PartnerKind};
use crate::present::records::{self as output, EventRecord, InstitutionRecord, PartnerRecord};
use crate::present::{Label, Lang, commands as say, words};
use crate::query::{
    self, EventFilter, PartnerFilter, SearchIndex, SortKey, UnknownCountry, Unresolved,
};
use table::Table;

/// Explore Shenyang's international partnerships: sister cities,
/// friendly-cooperation partners, foreign-affairs events and foreign
/// institutions. Run without a command to open the interactive explorer.
#[derive(Debug, Parser)]
#[command(name = "shenyang-partners", version, about, long_about = None)]
#[command(
    after_help = "Tables go to stdout; the summary lines under them go to stderr.\n\
                  Exit codes: 0 success, 1 invalid dataset or failed output, 2 usage error."
)]
pub struct Cli {
    /// Use this dataset file instead of the embedded one (all commands).
    #[arg(long, global = true, value_name = "PATH")]
    pub data: Option<PathBuf>,

    /// Colour theme for the explorer: dark (default), light, high-contrast,
    /// or a path to a theme file. Also settable in the config file.
    #[arg(long, global = true, value_name = "NAME")]
    pub theme: Option<String>,

    /// Explorer: start fresh, neither restoring nor saving the remembered
    /// language, view, selection and map (also SHENYANG_PARTNERS_NO_STATE=1).
    #[arg(long)]
    pub no_state: bool,

    /// Language of names, country names, headers, summary lines and the
    /// reports of check and stats: en (default) or zh. JSON keys and CSV
    /// headers stay English. The explorer starts in it (else in the config
    /// file's).
    #[arg(
        long,
        global = true,
        value_enum,
        ignore_case = true,
        value_name = "LANG"
    )]
    pub lang: Option<LangArg>,

    /// Leave out the summary and coverage lines written to stderr after a table.
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// Fit tables and summary lines to N columns (default: the terminal's
    /// width; when stdout is not a terminal nothing is cut).
    #[arg(long, global = true, value_name = "N", value_parser = parse_width)]
    pub width: Option<usize>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The output options of the commands that print records.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format: an aligned table for people, or json or csv for scripts.
    #[arg(long, value_enum, ignore_case = true, default_value_t = Format::Table)]
    pub format: Format,
    /// Begin CSV output with a UTF-8 byte-order mark, for spreadsheets that
    /// need one to read Chinese (only with --format csv).
    #[arg(long)]
    pub bom: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a dataset and summarize it against the official totals.
    Check {
        /// Dataset to check (default: --data, else the embedded dataset).
        path: Option<PathBuf>,
        /// Not an option of check: answered with a plain message.
        #[arg(long, hide = true, num_args = 0..=1, default_missing_value = "")]
        format: Option<String>,
    },
    /// List partner cities.
    List {
        /// Only partners in this country: ISO code (KR) or English name
        /// (South Korea), any case. Repeat for several countries.
        #[arg(long, value_name = "C")]
        country: Vec<String>,
        /// Only sister cities or only cooperative cities.
        #[arg(long, value_enum, ignore_case = true)]
        kind: Option<KindArg>,
        /// Sort order: name, country, established (oldest first), order
        /// (the official numbering, sister cities first) or distance (from
        /// Shenyang, nearest first).
        #[arg(long, value_enum, ignore_case = true, default_value_t = SortArg::Name)]
        sort: SortArg,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Fuzzy-search partners by name (any script) or country, best match first.
    Search {
        /// Text to look for; case and accents are ignored (dusseldorf finds Düsseldorf).
        query: String,
        /// Only partners in this country (repeatable).
        #[arg(long, value_name = "C")]
        country: Vec<String>,
        /// Only sister cities or only cooperative cities.
        #[arg(long, value_enum, ignore_case = true)]
        kind: Option<KindArg>,
        /// Show at most this many results (at least 1).
        #[arg(long, value_name = "N", value_parser = parse_limit)]
        limit: Option<usize>,
        #[command(flatten)]
        output: OutputArgs,
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
        /// Only events whose title, place, date or partners match this text
        /// (the explorer's event search; still in chronological order).
        #[arg(long, value_name = "QUERY")]
        search: Option<String>,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Network statistics: partners by country and decade, growth, and
    /// coverage against the official totals.
    Stats {
        /// Output format: an aligned report for people, or json for scripts.
        #[arg(long, value_enum, ignore_case = true, default_value_t = StatsFormat::Table)]
        format: StatsFormat,
    },
    /// Foreign institutions in Shenyang: consulates, schools, hospitals, offices.
    Institutions {
        /// Only institutions of this kind.
        #[arg(long, value_enum, ignore_case = true)]
        kind: Option<InstitutionKindArg>,
        /// Only institutions of this country (repeatable).
        #[arg(long, value_name = "C")]
        country: Vec<String>,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Print a shell completion script (see the README for where to put it).
    Completions {
        /// The shell to complete in.
        #[arg(value_enum, ignore_case = true)]
        shell: clap_complete::Shell,
        /// Not an option of completions: answered with a plain message.
        #[arg(long, hide = true, num_args = 0..=1, default_missing_value = "")]
        format: Option<String>,
    },
    /// Print the manual page (roff); view it with `shenyang-partners man | man -l -`.
    Man {
        /// Not an option of man: answered with a plain message.
        #[arg(long, hide = true, num_args = 0..=1, default_missing_value = "")]
        format: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An aligned table; summary lines on stderr.
    Table,
    /// A JSON array of records.
    Json,
    /// CSV, one record a row; formula-like cells get a leading '.
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// Chinese (简体中文).
    Zh,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::En => Lang::En,
            LangArg::Zh => Lang::Zh,
        }
    }
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
    Order,
    Distance,
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

/// How the records of a command are shown.
struct View {
    /// Bold headers (stdout is a terminal and `NO_COLOR` is unset).
    styled: bool,
    /// The width tables fit: `--width`, else the terminal's; `None` in a pipe.
    width: Option<usize>,
    lang: Lang,
    format: Format,
    /// A UTF-8 byte-order mark before CSV (`--bom`).
    bom: bool,
}

/// The terminal's width in columns, if it can be told.
fn terminal_width() -> Option<usize> {
    crossterm::terminal::size()
        .ok()
        .map(|(w, _)| usize::from(w))
        .filter(|&w| w > 0)
}

/// Writes the summary lines to stderr, wrapped at word boundaries to
/// `width` (a date such as 2022-10-17 is never split).
fn write_notes(notes: &[String], width: Option<usize>) {
    if notes.is_empty() {
        return;
    }
    let mut err = io::stderr().lock();
    for note in notes {
        let lines: Vec<Cow<str>> = match width {
            Some(w) => textwrap::wrap(
                note,
                textwrap::Options::new(w.max(1))
                    .break_words(false)
                    .word_splitter(textwrap::WordSplitter::NoHyphenation),
            ),
            None => vec![Cow::Borrowed(note.as_str())],
        };
        for line in lines {
            // A closed stderr loses only the prose; the data is written.
            let _ = writeln!(err, "{line}");
        }
    }
}

/// The plain answer to `--format` on a command that has none.
fn no_format(command: &str) -> Failure {
    Failure::Usage(format!(
        "{command} has no --format option. --format table|json|csv is for list, search, \
         timeline and institutions; --format table|json for stats"
    ))
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<(), Failure> {
    let stdout = io::stdout();
    let to_terminal = stdout.is_terminal();
    let styled = to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut out = io::BufWriter::new(stdout.lock());
    // Completions and the manual come from the argument definitions alone:
    // no dataset, theme or configuration is read for them.
    match &cli.command {
        Some(Command::Completions {
            format: Some(_), ..
        }) => return Err(no_format("completions")),
        Some(Command::Man { format: Some(_) }) => return Err(no_format("man")),
        Some(Command::Check {
            format: Some(_), ..
        }) => return Err(no_format("check")),
        Some(Command::Completions { shell, .. }) => {
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
        Some(Command::Man { .. }) => {
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
            lang: cli.lang.map_or(lang, Into::into),
            // A language named on the command line wins over the remembered one.
            keep_lang: cli.lang.is_some(),
            no_state: cli.no_state,
            ..Default::default()
        };
        return explore(cli.data.as_deref(), options);
    };
    // The commands' output does not follow the configuration file's
    // language: a script gets the same output on every machine.
    let lang: Lang = cli.lang.map_or(Lang::En, Into::into);
    let table_width = cli
        .width
        .or_else(|| if to_terminal { terminal_width() } else { None });
    let view = |output: OutputArgs| -> Result<View, Failure> {
        if output.bom && output.format != Format::Csv {
            return Err(Failure::Usage("--bom applies only to --format csv".into()));
        }
        Ok(View {
            styled,
            width: table_width,
            lang,
            format: output.format,
            bom: output.bom,
        })
    };
    let mut notes: Vec<String> = Vec::new();
    match command {
        Command::Check { path, .. } => {
            let path = check_path(path, cli.data)?;
            let data = load(path.as_deref())?;
            let origin = path.map_or_else(
                || data::load::EMBEDDED_NAME.to_string(),
                |p| p.display().to_string(),
            );
            if !cli.quiet {
                write_check(&mut out, &data, &origin, lang)?;
            }
        }
        Command::List {
            country,
            kind,
            sort,
            output,
        } => {
            let view = view(output)?;
            let data = load(cli.data.as_deref())?;
            let filter = PartnerFilter {
                countries: resolve_countries(&country)?,
                kind: kind.map(Into::into),
            };
            let mut ixs = query::filter_partners(&data, &filter, SortKey::Name);
            let extra = match sort {
                SortArg::Name => Extra::None,
                SortArg::Country => {
                    query::sort_partners(&data, &mut ixs, SortKey::Country);
                    Extra::None
                }
                SortArg::Established => {
                    query::sort_partners(&data, &mut ixs, SortKey::Established);
                    Extra::None
                }
                SortArg::Order => {
                    query::sort_by_order(&data, &mut ixs);
                    Extra::Order
                }
                SortArg::Distance => {
                    query::sort_by_distance(&data, &mut ixs);
                    Extra::Distance
                }
            };
            let records: Vec<PartnerRecord> = ixs
                .iter()
                .map(|&i| PartnerRecord::new(&data, i, None))
                .collect();
            write_partners(&mut out, &mut notes, &data, &ixs, &records, &view, extra)?;
        }
        Command::Search {
            query: text,
            country,
            kind,
            limit,
            output,
        } => {
            let view = view(output)?;
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
            let ixs: Vec<usize> = hits.iter().map(|h| h.ix).collect();
            let records: Vec<PartnerRecord> = hits
                .iter()
                .enumerate()
                .map(|(rank, h)| PartnerRecord {
                    rank: Some(rank + 1),
                    ..PartnerRecord::new(&data, h.ix, Some(h.score))
                })
                .collect();
            write_partners(
                &mut out,
                &mut notes,
                &data,
                &ixs,
                &records,
                &view,
                Extra::Rank,
            )?;
        }
        Command::Timeline {
            from,
            to,
            partner,
            country,
            search,
            output,
        } => {
            let view = view(output)?;
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
            let mut ixs = query::filter_events(&data, &filter);
            if let Some(text) = &search {
                let title = |ix| words::event_title(&data, ix, lang);
                ixs = query::search_events(&data, title, text, &ixs);
            }
            let records: Vec<EventRecord> = ixs
                .iter()
                .map(|&i| EventRecord::new(&data, i, lang))
                .collect();
            write_events(&mut out, &mut notes, &data, &ixs, &records, &view)?;
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
                StatsFormat::Table => write_stats(&mut out, &data, &stats, lang)?,
            }
        }
        Command::Institutions {
            kind,
            country,
            output,
        } => {
            let view = view(output)?;
            let data = load(cli.data.as_deref())?;
            let kind: Option<InstitutionKind> = kind.map(Into::into);
            let countries = resolve_countries(&country)?;
            let ixs: Vec<usize> = (0..data.institutions.len())
                .filter(|&i| {
                    let inst = &data.institutions[i];
                    kind.is_none_or(|k| inst.kind == k)
                        && (countries.is_empty()
                            || inst.country.is_some_and(|c| countries.contains(&c)))
                })
                .collect();
            let records: Vec<InstitutionRecord> = ixs
                .iter()
                .map(|&i| InstitutionRecord::new(&data, i))
                .collect();
            write_institutions(&mut out, &mut notes, &data, &ixs, &records, kind, &view)?;
        }
        // Answered above, before any file is read.
        Command::Completions { .. } | Command::Man { .. } => {}
    }
    out.flush()?;
    drop(out);
    if !cli.quiet {
        let prose_width = cli.width.or_else(|| {
            if io::stderr().is_terminal() {
                terminal_width()
            } else {
                None
            }
        });
        write_notes(&notes, prose_width);
    }
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

/// `--width N`: at least one column.
fn parse_width(text: &str) -> Result<usize, String> {
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

/// A column `list` and `search` add to the partner table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Extra {
    None,
    /// `search`: the hit's place, first.
    Rank,
    /// `list --sort order`: the official number, last.
    Order,
    /// `list --sort distance`: km from Shenyang, last.
    Distance,
}

/// JSON or CSV, if the view asks for one; `true` when written.
fn write_records<T: serde::Serialize>(
    out: &mut dyn Write,
    records: &[T],
    view: &View,
    header: &[&str],
) -> io::Result<bool> {
    match view.format {
        Format::Json => output::write_json(out, records)?,
        Format::Csv => {
            if view.bom {
                out.write_all(output::UTF8_BOM)?;
            }
            output::write_csv(out, records, header)?;
        }
        Format::Table => return Ok(false),
    }
    Ok(true)
}

fn write_partners(
    out: &mut dyn Write,
    notes: &mut Vec<String>,
    data: &Dataset,
    ixs: &[usize],
    records: &[PartnerRecord],
    view: &View,
    extra: Extra,
) -> io::Result<()> {
    // Search results carry their rank and score as the last columns.
    let mut header = output::PARTNER_FIELDS.to_vec();
    if extra == Extra::Rank {
        header.extend(["rank", "score"]);
    }
    if write_records(out, records, view, &header)? {
        return Ok(());
    }
    let lang = view.lang;
    if records.is_empty() {
        notes.push(say::no_partners(lang).into());
        return Ok(());
    }
    let mut headers: Vec<&str> = say::partner_headers(lang).to_vec();
    let first = usize::from(extra == Extra::Rank);
    match extra {
        Extra::Rank => headers.insert(0, say::rank_header(lang)),
        Extra::Order => headers.push(say::order_header(lang)),
        Extra::Distance => headers.push(say::distance_header(lang)),
        Extra::None => {}
    }
    // The names and the country give way on a narrow terminal; the id, kind
    // and date keep their width.
    let mut table = Table::new(headers).cut(&[first + 1, first + 2, first + 3]);
    for (&ix, r) in ixs.iter().zip(records) {
        let p = &data.partners[ix];
        let mut kind = match lang {
            Lang::En => r.kind.to_string(),
            Lang::Zh => words::partner_kind(lang, p.kind).to_string(),
        };
        if r.uncertain {
            kind.push('?');
        }
        let (name, other, country) = match lang {
            Lang::En => (r.name.to_string(), opt(r.name_zh), r.country_name),
            Lang::Zh => (
                words::partner_name(data, ix, lang).to_string(),
                r.name.to_string(),
                r.country_name_zh,
            ),
        };
        let mut row = vec![
            r.id.to_string(),
            name,
            other,
            format!("{} {country}", r.country),
            kind,
            r.established.map(|d| d.to_string()).unwrap_or_default(),
        ];
        match extra {
            Extra::Rank => row.insert(0, r.rank.map(|n| n.to_string()).unwrap_or_default()),
            Extra::Order => row.push(r.order.map(|n| n.to_string()).unwrap_or_default()),
            Extra::Distance => row.push(
                query::distance_km(data, ix)
                    .map(|km| format!("{km:.0}"))
                    .unwrap_or_default(),
            ),
            Extra::None => {}
        }
        table.row(row);
    }
    table.write(out, view.styled, view.width)?;
    let cov = data.coverage();
    notes.push(say::partners_shown(
        lang,
        records.len(),
        records.iter().any(|r| r.uncertain),
    ));
    notes.push(say::dataset_documents(lang, &cov));
    Ok(())
}

fn write_events(
    out: &mut dyn Write,
    notes: &mut Vec<String>,
    data: &Dataset,
    ixs: &[usize],
    records: &[EventRecord],
    view: &View,
) -> io::Result<()> {
    if write_records(out, records, view, output::EVENT_FIELDS)? {
        return Ok(());
    }
    let lang = view.lang;
    if records.is_empty() {
        notes.push(say::no_events(lang).into());
        return Ok(());
    }
    // The title and the partners give way on a narrow terminal.
    let mut table = Table::new(say::event_headers(lang)).cut(&[2, 3]);
    for (&ix, r) in ixs.iter().zip(records) {
        let e = &data.events[ix];
        let partners: Vec<&str> = e
            .partners
            .iter()
            .map(|&p| words::partner_name(data, p, lang))
            .collect();
        let kind = match lang {
            Lang::En => r.kind,
            Lang::Zh => words::row_kind_name(lang, e),
        };
        table.row(vec![
            r.date.to_string(),
            kind.to_string(),
            r.title.to_string(),
            partners.join(", "),
        ]);
    }
    table.write(out, view.styled, view.width)?;
    notes.push(say::events_shown(lang, records.len()));
    Ok(())
}

fn write_institutions(
    out: &mut dyn Write,
    notes: &mut Vec<String>,
    data: &Dataset,
    ixs: &[usize],
    records: &[InstitutionRecord],
    kind: Option<InstitutionKind>,
    view: &View,
) -> io::Result<()> {
    if write_records(out, records, view, output::INSTITUTION_FIELDS)? {
        return Ok(());
    }
    let lang = view.lang;
    if records.is_empty() {
        notes.push(say::no_institutions(lang).into());
    } else {
        // The name, the country and the district give way on a narrow terminal.
        let mut table = Table::new(say::institution_headers(lang)).cut(&[1, 2, 4]);
        for (&ix, r) in ixs.iter().zip(records) {
            let inst = &data.institutions[ix];
            let (kind, name, country) = match lang {
                Lang::En => (
                    r.kind,
                    r.name,
                    r.country.map(|c| format!("{c} {}", data.country_name(c))),
                ),
                Lang::Zh => (
                    words::institution_kind(lang, inst.kind),
                    inst.name_zh.as_deref().unwrap_or(&inst.name),
                    r.country
                        .map(|c| format!("{c} {}", data.country_name_zh(c))),
                ),
            };
            table.row(vec![
                kind.to_string(),
                name.to_string(),
                country.unwrap_or_default(),
                r.opened.map(|d| d.to_string()).unwrap_or_default(),
                opt(r.district),
            ]);
        }
        table.write(out, view.styled, view.width)?;
    }
    let kinds: Vec<InstitutionKind> = match kind {
        Some(k) => vec![k],
        None => InstitutionKind::ALL.to_vec(),
    };
    for k in kinds {
        if words::institution_coverage(data, k).is_some() {
            notes.push(words::institution_summary(lang, data, k));
        }
    }
    Ok(())
}

fn write_check(out: &mut dyn Write, data: &Dataset, origin: &str, lang: Lang) -> io::Result<()> {
    let cov = data.coverage();
    writeln!(
        out,
        "{}",
        say::check_ok(lang, &data::text::printable(origin))
    )?;
    writeln!(
        out,
        "{}",
        say::check_partners(
            lang,
            data.partners.len(),
            cov.sister,
            cov.cooperative,
            cov.countries
        )
    )?;
    let span = match (data.events.first(), data.events.last()) {
        (Some(a), Some(b)) => Some((a.date.year(), b.date.year())),
        _ => None,
    };
    let derived = data.events.iter().filter(|e| e.is_derived()).count();
    writeln!(
        out,
        "{}",
        say::check_events(lang, data.events.len() - derived, derived, span)
    )?;
    let by_kind: Vec<(InstitutionKind, usize)> = InstitutionKind::ALL
        .iter()
        .map(|&k| (k, data.institutions.iter().filter(|i| i.kind == k).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    writeln!(
        out,
        "{}",
        say::check_institutions(lang, data.institutions.len(), &by_kind)
    )?;
    match cov.as_of {
        Some(as_of) => {
            writeln!(out, "{}", say::check_coverage_heading(lang, as_of))?;
            for line in say::check_coverage_lines(lang, &cov) {
                writeln!(out, "{line}")?;
            }
        }
        None => writeln!(out, "{}", say::no_official_totals(lang))?,
    }
    let lines: Vec<String> = InstitutionKind::ALL
        .iter()
        .filter_map(|&k| say::check_institution_line(lang, data, k))
        .collect();
    if !lines.is_empty() {
        writeln!(out, "{}", say::heading(lang, Label::Institutions))?;
        for line in lines {
            writeln!(out, "  {line}")?;
        }
    }
    let stats = crate::stats::Stats::compute(data);
    write_unknowns(out, data, &stats.unknowns, lang)?;
    write_source_grades(out, &stats.sources, lang)
}

/// What is known not to be known, and what does not add up.
fn write_unknowns(
    out: &mut dyn Write,
    data: &Dataset,
    u: &crate::stats::Unknowns,
    lang: Lang,
) -> io::Result<()> {
    let name = |id: &String| -> String {
        data.partner_index(id)
            .map_or(id.as_str(), |ix| words::partner_name(data, ix, lang))
            .to_string()
    };
    let cov = data.coverage();
    let any = !u.unidentified.is_empty()
        || u.cooperative_unidentified.is_some_and(|n| n > 0)
        || !u.pending.is_empty()
        || !u.leads.is_empty();
    if any {
        writeln!(out, "{}", say::heading(lang, Label::KnownUnknowns))?;
    }
    if !u.unidentified.is_empty() {
        let slots: Vec<String> = u
            .unidentified
            .iter()
            .map(|x| {
                let candidates: Vec<String> = x.candidates.iter().map(name).collect();
                let candidates: Vec<&str> = candidates.iter().map(String::as_str).collect();
                let kind = PartnerKind::ALL
                    .into_iter()
                    .find(|k| k.as_str() == x.kind)
                    .unwrap_or(PartnerKind::Sister);
                say::unidentified_slot(lang, kind, x.order, x.after, x.before, &candidates)
            })
            .collect();
        writeln!(out, "{}", say::unidentified_line(lang, &slots))?;
    }
    if let (Some(n), Some(official)) = (u.cooperative_unidentified, cov.official_cooperative)
        && n > 0
    {
        writeln!(out, "{}", say::cooperative_unidentified(lang, n, official))?;
    }
    let list = |items: &[crate::stats::PendingFigures]| -> Vec<String> {
        items
            .iter()
            .map(|p| {
                // The record's Chinese name where it has one.
                let zh = data
                    .pending
                    .iter()
                    .find(|q| q.id == p.id)
                    .and_then(|q| q.name_zh.as_deref());
                let name = match (lang, zh) {
                    (Lang::Zh, Some(zh)) => zh,
                    _ => p.name.as_str(),
                };
                say::not_partner_item(
                    lang,
                    name,
                    p.country,
                    data.country_name_zh(p.country),
                    p.date,
                )
            })
            .collect()
    };
    if !u.pending.is_empty() {
        writeln!(
            out,
            "{}",
            say::not_partners_line(lang, false, &list(&u.pending))
        )?;
    }
    if !u.leads.is_empty() {
        writeln!(
            out,
            "{}",
            say::not_partners_line(lang, true, &list(&u.leads))
        )?;
    }
    if u.sister_excess > 0 || !u.conflicts.is_empty() {
        writeln!(out, "{}", say::does_not_add_up(lang))?;
    }
    if u.sister_excess > 0
        && let Some(official) = cov.official_sister
    {
        writeln!(
            out,
            "{}",
            say::sister_excess(
                lang,
                cov.sister,
                u.sister_excess,
                official,
                u.sister_in_doubt
            )
        )?;
    }
    for c in &u.conflicts {
        let names: Vec<String> = c.partners.iter().map(name).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        // The summary is the dataset's own prose, not translated.
        writeln!(out, "{}", say::conflict_line(lang, &names, &c.summary))?;
    }
    Ok(())
}

fn write_stats(
    out: &mut dyn Write,
    data: &Dataset,
    s: &crate::stats::Stats,
    lang: Lang,
) -> io::Result<()> {
    for line in say::stats_totals(lang, &s.partners) {
        writeln!(out, "{line}")?;
    }
    writeln!(out)?;
    let c = &s.coverage;
    writeln!(out, "{}", say::stats_coverage_heading(lang, c.as_of))?;
    let mut t = Table::new(say::stats_coverage_columns(lang));
    for (label, cov) in words::stats::coverage_rows(lang).into_iter().zip([
        c.sister,
        c.cooperative,
        c.cities,
        c.countries,
    ]) {
        t.row(vec![
            label.to_string(),
            cov.documented.to_string(),
            cov.official
                .map(|o| o.to_string())
                .unwrap_or_else(|| "–".into()),
        ]);
    }
    t.write(out, false, None)?;
    writeln!(out)?;
    writeln!(out, "{}", say::heading(lang, Label::OfficialTotalsOverTime))?;
    let mut t = Table::new(say::stats_totals_columns(lang));
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
    t.write(out, false, None)?;
    writeln!(out)?;
    writeln!(out, "{}", say::heading(lang, Label::PartnersByCountry))?;
    let mut t = Table::new(say::stats_country_columns(lang));
    for c in &s.by_country {
        t.row(vec![
            c.country.to_string(),
            match lang {
                Lang::En => c.country_name.clone(),
                Lang::Zh => c.country_name_zh.clone(),
            },
            c.total.to_string(),
            c.sister.to_string(),
            c.cooperative.to_string(),
        ]);
    }
    t.write(out, false, None)?;
    writeln!(out)?;
    writeln!(out, "{}", say::stats_decades_heading(lang))?;
    let mut t = Table::new(say::stats_decade_columns(lang));
    for d in &s.by_decade {
        t.row(vec![
            words::stats::decade(lang, d.decade),
            d.total.to_string(),
            d.sister.to_string(),
            d.cooperative.to_string(),
            d.cumulative.to_string(),
        ]);
    }
    t.write(out, false, None)?;
    if s.undated > 0 {
        writeln!(out, "{}", say::stats_undated(lang, s.undated))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", say::heading(lang, Label::Institutions))?;
    let mut t = Table::new(say::stats_institution_columns(lang));
    for f in &s.institutions {
        let kind = InstitutionKind::ALL
            .into_iter()
            .find(|k| k.as_str() == f.kind);
        let official: Vec<String> = match (lang, kind) {
            // The dataset's Chinese label of each official figure.
            (Lang::Zh, Some(k)) => data
                .institution_coverage(k)
                .official
                .iter()
                .map(|o| format!("{} {}", words::figure_label(lang, o), o.count))
                .collect(),
            _ => f
                .official
                .iter()
                .map(|o| format!("{} {}", o.count, o.label))
                .collect(),
        };
        t.row(vec![
            kind.map_or(f.kind, |k| words::institution_kind(lang, k))
                .to_string(),
            f.documented.to_string(),
            f.counted.to_string(),
            if official.is_empty() {
                "–".into()
            } else {
                official.join(match lang {
                    Lang::En => ", ",
                    Lang::Zh => "，",
                })
            },
        ]);
    }
    t.write(out, false, None)?;
    writeln!(out)?;
    write_unknowns(out, data, &s.unknowns, lang)?;
    write_source_grades(out, &s.sources, lang)
}

fn write_source_grades(
    out: &mut dyn Write,
    s: &crate::stats::SourceFigures,
    lang: Lang,
) -> io::Result<()> {
    let by_grade: Vec<(data::Grade, usize)> = s
        .by_grade
        .iter()
        .filter_map(|g| {
            data::Grade::ALL
                .into_iter()
                .find(|k| k.as_str() == g.grade)
                .map(|k| (k, g.cited))
        })
        .collect();
    writeln!(
        out,
        "{}",
        say::source_grades(lang, s.cited, s.hosts, &by_grade)
    )
}
