//! The command line: parse arguments, call the library, print diagnostics, choose the exit code.
//! Exit codes: 0 success, 1 content errors, 2 usage, config or I/O errors.

use crate::build::{BuildOptions, Failure, build, find_root};
use crate::diagnostics::Report;
use clap::{Parser, Subcommand};
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
        /// The guide's folder (default: the nearest folder with a book.toml).
        root: Option<PathBuf>,
        /// Output folder (default: book.toml's [build] output-dir, usually public/).
        #[arg(long, value_name = "DIR")]
        dest: Option<PathBuf>,
        /// Public URL of the site, e.g. https://owner.github.io/guide/ (overrides [site] url).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Load and validate everything, write nothing.
    Check {
        /// The guide's folder (default: the nearest folder with a book.toml).
        root: Option<PathBuf>,
        /// Print the explanation of a diagnostic code and exit.
        #[arg(long, value_name = "CODE")]
        explain: Option<String>,
    },
    /// Start a new guide in DIR (which must be empty or not exist).
    Init {
        /// Folder for the new guide.
        dir: PathBuf,
    },
}

pub const EXIT_CONTENT: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

pub fn run(cli: Cli) -> ExitCode {
    init_tracing(cli.quiet, cli.verbose);
    match cli.command {
        Command::Build {
            root,
            dest,
            base_url,
        } => run_build(root, dest, base_url, true, cli.quiet),
        Command::Check {
            explain: Some(code),
            ..
        } => explain(&code),
        Command::Check { root, .. } => run_build(root, None, None, false, cli.quiet),
        Command::Init { dir } => match crate::init::scaffold(&dir) {
            Ok(()) => {
                if !cli.quiet {
                    eprintln!(
                        "Created a new guide in {}. Build it with: carebook build {}",
                        dir.display(),
                        dir.display()
                    );
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprint!("{}", e.render_human());
                ExitCode::from(EXIT_USAGE)
            }
        },
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
    match crate::codes::find(code) {
        Some(c) => {
            println!("{}: {}", c.name, c.summary);
            ExitCode::SUCCESS
        }
        None => {
            let names = crate::codes::CODES.iter().map(|c| c.name);
            let hint = crate::diagnostics::did_you_mean(code, names)
                .map(|b| format!(" (did you mean `{b}`?)"))
                .unwrap_or_default();
            eprintln!("error: there is no diagnostic code `{code}`{hint}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn run_build(
    root: Option<PathBuf>,
    dest: Option<PathBuf>,
    base_url: Option<String>,
    write: bool,
    quiet: bool,
) -> ExitCode {
    let (root, display_root) = match locate_root(root) {
        Ok(found) => found,
        Err(message) => {
            eprintln!(
                "error[config]: {message}\n  = help: run carebook inside a guide folder, pass its path, or create one with `carebook init DIR`"
            );
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let options = BuildOptions {
        root,
        dest,
        base_url,
        write,
        display_root,
    };
    match build(&options) {
        Ok(outcome) => {
            print_report(&outcome.report, quiet);
            for (phase, took) in &outcome.timings {
                tracing::debug!("phase {phase}: {:.1} ms", took.as_secs_f64() * 1000.0);
            }
            if outcome.report.has_errors() {
                eprintln!(
                    "{}",
                    summary(
                        &outcome.report,
                        outcome.pages,
                        "build failed; nothing was written"
                    )
                );
                return ExitCode::from(EXIT_CONTENT);
            }
            if !quiet {
                let done = match &outcome.written {
                    Some(dest) => format!(
                        "built {} files into {}",
                        outcome.files,
                        shown(dest).display()
                    ),
                    None => "check passed".into(),
                };
                eprintln!("{}", summary(&outcome.report, outcome.pages, &done));
            }
            ExitCode::SUCCESS
        }
        Err(Failure::Config(problems)) => {
            let report = Report {
                diagnostics: problems,
            };
            print_report(&report, false);
            ExitCode::from(EXIT_USAGE)
        }
        Err(Failure::Io(problem)) => {
            eprint!("{}", problem.render_human());
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// A path relative to the current folder when it is inside it.
fn shown(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

fn print_report(report: &Report, quiet: bool) {
    for d in &report.diagnostics {
        if quiet && !d.is_error() {
            continue;
        }
        eprintln!("{}", d.render_human());
    }
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
            if !root.join(crate::config::CONFIG_FILE).is_file() {
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
