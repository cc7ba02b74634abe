//! The command line: parse arguments, call the library, print diagnostics, choose the exit code.
//! Exit codes: 0 success, 1 content errors (or warnings with --deny-warnings), 2 usage, config or
//! I/O errors.

use crate::build::{BuildOptions, BuildOutcome, build, find_root};
use crate::codes::Code;
use crate::content::Date;
use crate::diagnostics::{Diagnostic, Format, Report};
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "carebook",
    version,
    about = "Build step-by-step self-care guides with checked safety advice"
)]
pub struct Cli {
    /// Print only errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print what each phase did and how long it took.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the guide into a static site.
    Build {
        #[command(flatten)]
        check: CheckArgs,
        /// Output folder (default: book.toml's [build] output-dir, usually public/).
        #[arg(long, value_name = "DIR")]
        dest: Option<PathBuf>,
        /// Public URL of the site, e.g. https://owner.github.io/guide/ (overrides [site] url).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Load and check everything, write nothing, and report each page's readability.
    Check {
        #[command(flatten)]
        check: CheckArgs,
        /// Print the explanation of a diagnostic code and exit.
        #[arg(long, value_name = "CODE")]
        explain: Option<String>,
    },
    /// Build, serve on this computer, and rebuild and reload open pages on every save.
    Serve {
        #[command(flatten)]
        check: CheckArgs,
        /// Port to listen on (the next free one is used if it is taken; 0 picks any).
        #[arg(long, default_value_t = 3000)]
        port: u16,
        /// Address to listen on. Only change it to share the preview on your network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Public URL whose path the preview uses as its base path (default: [site] url).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Open the guide in a browser.
        #[arg(long)]
        open: bool,
    },
    /// Record that a reviewer approved the red flags, conditions and safety settings as they
    /// are now (writes safety.lock beside book.toml). Later changes that could weaken them
    /// fail the build until someone signs again.
    SignOff {
        /// The guide's folder (default: the nearest folder with a book.toml).
        root: Option<PathBuf>,
        /// Who signs: a name with a role or registration.
        #[arg(long, value_name = "NAME")]
        reviewer: String,
    },
    /// Start a new guide in DIR (which must be empty or not exist).
    Init {
        /// Folder for the new guide.
        dir: PathBuf,
    },
}

/// Options shared by build and check.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The guide's folder (default: the nearest folder with a book.toml).
    pub root: Option<PathBuf>,
    /// How to print diagnostics: human (standard error), json (one object per line) or github
    /// (workflow annotations); json and github go to standard output.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Fail (exit 1) when there are warnings.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Report overdue reviews as warnings instead of errors (for local previews).
    #[arg(long)]
    pub allow_overdue: bool,
    /// Print how long each phase of the build took, to see where the time goes.
    #[arg(long)]
    pub timings: bool,
}

pub const EXIT_CONTENT: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// Reviews are judged against this date instead of today, when set (YYYY-MM-DD).
pub const TODAY_VARIABLE: &str = "CAREBOOK_TODAY";

pub fn run(cli: Cli) -> ExitCode {
    init_tracing(cli.quiet, cli.verbose);
    let quiet = cli.quiet;
    match cli.command {
        Command::Build {
            check,
            dest,
            base_url,
        } => run_build(check, dest, base_url, true, quiet),
        Command::Check {
            explain: Some(code),
            ..
        } => explain(&code),
        Command::Check { check, .. } => run_build(check, None, None, false, quiet),
        Command::Init { dir } => init(&dir, quiet),
        Command::SignOff { root, reviewer } => sign_off(root, &reviewer, quiet),
        Command::Serve {
            check,
            port,
            bind,
            base_url,
            open,
        } => run_serve(check, port, bind, base_url, open, quiet),
    }
}

fn init(dir: &Path, quiet: bool) -> ExitCode {
    match crate::init::scaffold(dir) {
        Ok(()) => {
            if !quiet {
                eprintln!(
                    "Created a new guide in {0}. Build it with: carebook build {0}",
                    dir.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            print_diagnostics(&[e], Format::Human, false);
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn sign_off(root: Option<PathBuf>, reviewer: &str, quiet: bool) -> ExitCode {
    let usage = |d: Vec<Diagnostic>| {
        print_diagnostics(&d, Format::Human, false);
        ExitCode::from(EXIT_USAGE)
    };
    let (root, display_root) = match locate_root(root) {
        Ok(found) => found,
        Err(m) => return usage(vec![Diagnostic::error(Code::Config, m)]),
    };
    let today = match today() {
        Ok(today) => today.unwrap_or_else(Date::today),
        Err(d) => return usage(vec![d]),
    };
    match crate::signoff::sign(&root, &display_root, reviewer, today) {
        Ok(lock) => {
            if !quiet {
                eprintln!(
                    "Signed off {} red flags, {} conditions and the safety settings for {} on {}: wrote {}. Commit it with the guide.",
                    lock.flags.len(),
                    lock.conditions.len(),
                    lock.signed.reviewer,
                    lock.signed.date,
                    display_root.join(crate::signoff::FILE).display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(crate::signoff::Refused::Usage(d)) => usage(d),
        Err(crate::signoff::Refused::Content(d)) => {
            print_diagnostics(&d, Format::Human, false);
            eprintln!("sign-off refused: fix the registry first; nothing was written");
            ExitCode::from(EXIT_CONTENT)
        }
    }
}

/// `CAREBOOK_TODAY`, when set.
fn today() -> Result<Option<Date>, Diagnostic> {
    match std::env::var(TODAY_VARIABLE) {
        Ok(text) => Date::parse(&text).map(Some).map_err(|why| {
            Diagnostic::error(Code::Config, format!("{TODAY_VARIABLE}: {why}"))
                .help("unset it to judge reviews against today's date")
        }),
        Err(_) => Ok(None),
    }
}

fn init_tracing(quiet: bool, verbose: bool) {
    let level = if verbose {
        "carebook=debug"
    } else if quiet {
        "error"
    } else {
        "warn"
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("CAREBOOK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .without_time()
        .try_init();
}

fn explain(code: &str) -> ExitCode {
    match Code::from_name(code) {
        Some(c) => {
            println!("{}: {}\n\n{}", c.name(), c.summary(), c.explanation());
            ExitCode::SUCCESS
        }
        None => {
            let names = Code::ALL.iter().map(|c| c.name());
            let hint = crate::diagnostics::did_you_mean(code, names)
                .map(|b| format!(" (did you mean `{b}`?)"))
                .unwrap_or_default();
            eprintln!("error: there is no diagnostic code `{code}`{hint}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Build options from the command line, or the usage problem that prevents them.
fn options(
    args: &CheckArgs,
    dest: Option<PathBuf>,
    base_url: Option<String>,
    write: bool,
) -> Result<BuildOptions, Diagnostic> {
    let (root, display_root) = locate_root(args.root.clone()).map_err(|m| {
        Diagnostic::error(Code::Config, m).help("run carebook inside a guide folder, pass its path, or create one with `carebook init DIR`")
    })?;
    let today = today()?;
    Ok(BuildOptions {
        root,
        dest,
        base_url,
        write,
        display_root,
        today,
        allow_overdue: args.allow_overdue,
        live_reload: false,
    })
}

fn run_serve(
    args: CheckArgs,
    port: u16,
    bind: std::net::IpAddr,
    base_url: Option<String>,
    open: bool,
    quiet: bool,
) -> ExitCode {
    let preview = match crate::serve::claim_preview() {
        Ok(p) => p,
        Err(d) => {
            print_diagnostics(&[d], args.format, quiet);
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let mut build = match options(&args, Some(preview.dir.clone()), base_url, true) {
        Ok(o) => o,
        Err(d) => {
            print_diagnostics(&[d], args.format, quiet);
            return ExitCode::from(EXIT_USAGE);
        }
    };
    build.live_reload = true;
    match crate::serve::serve(crate::serve::ServeOptions {
        build,
        bind,
        port,
        open,
        quiet,
    }) {
        Ok(()) => {
            drop(preview);
            ExitCode::SUCCESS
        }
        Err(d) => {
            print_diagnostics(&[d], args.format, false);
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn run_build(
    args: CheckArgs,
    dest: Option<PathBuf>,
    base_url: Option<String>,
    write: bool,
    quiet: bool,
) -> ExitCode {
    let options = match options(&args, dest, base_url, write) {
        Ok(o) => o,
        Err(d) => {
            print_diagnostics(&[d], args.format, quiet);
            return ExitCode::from(EXIT_USAGE);
        }
    };
    match build(&options) {
        Ok(outcome) => finish(&outcome, &args, write, quiet),
        Err(failure) => {
            print_diagnostics(&failure.into_diagnostics(), args.format, false);
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// The `--timings` table: each phase, its share of the total, and whether syntect was loaded.
fn timings_table(outcome: &BuildOutcome) -> String {
    let total: f64 = outcome.timings.iter().map(|(_, t)| t.as_secs_f64()).sum();
    let mut table = format!("Timings for {} pages:\n", outcome.pages);
    for (phase, took) in &outcome.timings {
        let secs = took.as_secs_f64();
        let share = if total > 0.0 {
            100.0 * secs / total
        } else {
            0.0
        };
        table.push_str(&format!(
            "  {phase:<22} {:>9.1} ms {share:>4.0}%\n",
            secs * 1000.0
        ));
    }
    table.push_str(&format!("  {:<22} {:>9.1} ms\n", "total", total * 1000.0));
    if let Some(kib) = peak_memory_kib() {
        table.push_str(&format!("  peak memory: {} MiB\n", kib.div_ceil(1024)));
    }
    table.push_str(if outcome.highlighter_loaded {
        "  syntax highlighting: loaded once (the guide has code blocks)\n"
    } else {
        "  syntax highlighting: not loaded (no code blocks)\n"
    });
    table
}

/// The process's peak resident memory so far, where the system reports it (Linux).
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn finish(outcome: &BuildOutcome, args: &CheckArgs, write: bool, quiet: bool) -> ExitCode {
    let report = &outcome.report;
    print_diagnostics(&report.diagnostics, args.format, quiet);
    for (phase, took) in &outcome.timings {
        tracing::debug!("phase {phase}: {:.1} ms", took.as_secs_f64() * 1000.0);
    }
    if args.timings {
        eprint!("{}", timings_table(outcome));
    }
    if !write && !quiet && args.format == Format::Human {
        print_readability(outcome);
    }
    let failed = report.has_errors() || (args.deny_warnings && report.warning_count() > 0);
    let done = match (&outcome.written, failed) {
        (_, true) if write => "build failed; nothing was written".to_string(),
        (_, true) => "check failed".to_string(),
        (Some(dest), false) => format!(
            "built {} files into {} (search index {} KiB; HTML {} KiB)",
            outcome.files,
            shown(dest).display(),
            outcome.search_index_bytes.div_ceil(1024),
            outcome.html_bytes.div_ceil(1024)
        ),
        (None, false) => "check passed".to_string(),
    };
    if failed || !quiet {
        eprintln!("{}", summary(report, outcome.pages, &done));
    }
    if failed {
        ExitCode::from(EXIT_CONTENT)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_readability(outcome: &BuildOutcome) {
    if outcome.readability.is_empty() {
        return;
    }
    println!("Readability (Flesch-Kincaid grade; words per sentence; words):");
    let width = outcome
        .readability
        .iter()
        .map(|(p, _)| p.len())
        .max()
        .unwrap_or(0);
    for (path, r) in &outcome.readability {
        println!(
            "  {path:width$}  grade {:>4.1}  {:>4.1} words/sentence  {:>5} words",
            r.grade, r.words_per_sentence, r.words
        );
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic], format: Format, quiet: bool) {
    crate::diagnostics::print(diagnostics, format, quiet);
}

/// A path relative to the current folder when it is inside it.
fn shown(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

fn summary(report: &Report, pages: usize, outcome: &str) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {} checked: {outcome}",
        plural(report.error_count(), "error"),
        plural(report.warning_count(), "warning"),
        plural(pages, "page")
    )
}

/// The guide root and how to show it in messages.
fn locate_root(root: Option<PathBuf>) -> Result<(PathBuf, PathBuf), String> {
    match root {
        Some(root) => {
            // Whatever is there is read (or refused, saying why) when the settings load.
            if !root.join(crate::config::CONFIG_FILE).exists() {
                return Err(format!("`{}` has no book.toml", root.display()));
            }
            let display = if root == Path::new(".") {
                PathBuf::new()
            } else {
                root.clone()
            };
            Ok((root, display))
        }
        None => {
            let cwd = std::env::current_dir()
                .map_err(|e| format!("cannot read the current folder: {e}"))?;
            let found =
                find_root(&cwd).ok_or("no book.toml in this folder or any folder above it")?;
            let display = found
                .strip_prefix(&cwd)
                .map(Path::to_path_buf)
                .unwrap_or_else(|_| found.clone());
            Ok((found, display))
        }
    }
}
