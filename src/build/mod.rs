//! One build (or check) of a guide, from book.toml to the written site.

mod load;
mod pass;
mod setup;

use crate::checks::{CheckContext, readability::Readability};
use crate::config::{self, Config};
use crate::content::Date;
use crate::diagnostics::{Diagnostic, Report};
use crate::markdown::{self, CardParts, Highlighter, PrintMode};
use crate::output::{self, OutputFile};
use crate::render::{self, SiteContext, theme::Theme, xref};
use pass::Pass;
use rayon::prelude::*;
use setup::{MarkdownSetup, SiteSetup, print_outline};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The guide's folder (holding book.toml).
    pub root: PathBuf,
    /// `--dest`: output folder, overriding book.toml's `output-dir`.
    pub dest: Option<PathBuf>,
    /// `--base-url`: public URL, overriding book.toml's `[site] url`.
    pub base_url: Option<String>,
    /// Write the site (build) or only validate (check).
    pub write: bool,
    /// How paths are shown in diagnostics (the root as the user wrote it).
    pub display_root: PathBuf,
    /// The date reviews are judged against (default: today).
    pub today: Option<Date>,
    /// Report overdue reviews as warnings, for local previews.
    pub allow_overdue: bool,
    /// Add the live-reload script of `carebook serve` to every page.
    pub live_reload: bool,
}

/// What a finished build or check found.
#[derive(Debug, Default)]
pub struct BuildOutcome {
    pub report: Report,
    pub pages: usize,
    pub files: usize,
    /// Where the site was written (None for check, or when content errors stopped the build).
    pub written: Option<PathBuf>,
    pub timings: Vec<(&'static str, Duration)>,
    pub highlighter_loaded: bool,
    /// Readability of each page with prose: (path in the content dir, scores).
    pub readability: Vec<(String, Readability)>,
    /// Bytes of the search index and of all HTML written, for the build summary.
    pub search_index_bytes: usize,
    pub html_bytes: usize,
    /// The settings the build ran with (book.toml with the command line's overrides).
    pub config: Config,
}

/// Problems that stop a build before the content can be judged: exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// book.toml, a command-line value or the theme is wrong.
    #[error("{} problem(s) with the configuration or theme", .0.len())]
    Config(Vec<Diagnostic>),
    /// The output folder is refused, or a file could not be read or written.
    #[error("{}", .0.message)]
    Io(Diagnostic),
}

impl Failure {
    /// The problems the failure stands for.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        match self {
            Failure::Config(problems) => problems,
            Failure::Io(problem) => vec![problem],
        }
    }
}

pub fn build(options: &BuildOptions) -> Result<BuildOutcome, Failure> {
    let mut timer = Timer::start();
    let Settled {
        config,
        content_dir,
        dest,
        theme,
    } = settle(options)?;
    timer.lap("config");

    let (guide, mut problems) = match load::load_guide(options, &config, &content_dir)? {
        load::Loaded::Ready(guide, problems) => (*guide, problems),
        load::Loaded::RegistryBroken(first, rest, pages) => {
            timer.lap("load");
            let mut outcome = stopped(first, rest, pages, timer);
            outcome.config = config;
            return Ok(outcome);
        }
    };
    let generated = render::reserved::generated(&config, &guide, &theme);
    let shown_content = options.display_root.join(&config.build.content_dir);
    problems.extend(render::reserved::check(&generated, &guide, &shown_content));
    timer.lap("load");
    let highlighter = Highlighter::new();
    let setup = MarkdownSetup::new(&config, &guide, &highlighter, None);
    // Pages are written into a staging folder as they are rendered (so a large guide never holds
    // them all), and the folder only replaces the output once every check has passed.
    let staging = if options.write && !problems.iter().any(Diagnostic::is_error) {
        Some(output::Staging::create(&dest).map_err(|e| io_failure(&dest, e))?)
    } else {
        None
    };
    let site = SiteSetup::new(&config, &guide, &theme, options.live_reload);
    let print_mode = PrintMode::new(&guide);
    // The links of every page, for "pages that link here"; meanwhile, on the other core, the
    // handout's outline (its template with a stand-in for each chapter body).
    let (links, shell) = match &staging {
        Some(_) => {
            let outline_ctx = site.context(Vec::new(), None);
            let (links, shell) = rayon::join(
                || {
                    (0..guide.pages.len())
                        .into_par_iter()
                        .map(|i| markdown::page_refs(&setup.context(i)).0)
                        .collect::<Vec<_>>()
                },
                || {
                    config
                        .print
                        .enable
                        .then(|| print_outline(&setup, &outline_ctx, &print_mode))
                },
            );
            (links, shell.transpose().map_err(print_failure)?)
        }
        None => (Vec::new(), None),
    };
    let backlinks = xref::backlinks(&guide, &links);
    drop(links);
    timer.lap("links and print outline");
    let conditions = site.conditions_page.map(|cp| setup.render(cp));
    let ctx = site.context(backlinks, conditions.as_ref());
    let rules = crate::checks::PageRules::new(&config, &guide);
    let mut search = match &staging {
        Some(staging) => Some(
            render::search::SearchWriter::start(&guide, staging)
                .map_err(|e| io_failure(&dest, e))?,
        ),
        None => None,
    };
    let print_setup = MarkdownSetup::new(&config, &guide, &highlighter, Some(&print_mode));
    let mut handout = match (&shell, &staging) {
        (Some(shell), Some(staging)) => shell
            .writer(&ctx, staging)
            .map_err(|e| io_failure(&dest, e))?,
        _ => None,
    };
    let pass = Pass {
        setup: &setup,
        print: handout.is_some().then_some(&print_setup),
        site: &ctx,
        conditions: conditions.as_ref(),
        rules: &rules,
        staging: staging.as_ref(),
    };
    let passed = pass.run(search.as_mut(), handout.as_mut())?;
    let page_bytes = passed.bytes;
    timer.lap("markdown and pages");
    problems.extend(passed.diagnostics);
    let findings = passed.findings;
    let check_context = CheckContext {
        config: &config,
        guide: &guide,
        facts: &passed.facts,
        cards: &passed.cards,
        pages: &findings,
        today: options.today.unwrap_or_else(Date::today),
        allow_overdue: options.allow_overdue,
    };
    problems.extend(crate::checks::run(&check_context));
    timer.lap("checks");

    let readability = guide
        .reading_order
        .iter()
        .map(|&p| (guide.pages[p].rel_path.clone(), findings[p].readability))
        .filter(|(_, r)| r.words > 0)
        .collect();
    let mut outcome = BuildOutcome {
        readability,
        pages: guide.pages.len(),
        config: config.clone(),
        ..BuildOutcome::default()
    };
    outcome.report.extend(problems);
    outcome.report.sort();
    outcome.report.group();
    let (staging, search) = match (staging, search) {
        (Some(staging), Some(search)) if !outcome.report.has_errors() => (staging, search),
        // Dropping the staging folder removes it: the previous output stays as it was.
        _ => {
            outcome.highlighter_loaded = highlighter.is_loaded();
            outcome.timings = timer.laps;
            return Ok(outcome);
        }
    };
    let search_index_bytes = search
        .finish(&ctx, &passed.facts)
        .map_err(|e| io_failure(&dest, e))?;
    timer.lap("search index");
    let stats = other_files(&ctx, &passed.cards, &staging)?;
    drop(passed.facts);
    timer.lap("cards and site files");
    if let Some(shell) = &shell {
        let bytes = match handout {
            Some(handout) => handout.finish().map_err(|e| io_failure(&dest, e))?,
            None => {
                let body = |p: usize| print_setup.render(p).html;
                shell
                    .write_whole(&ctx, &print_mode, &body, &staging)
                    .map_err(print_failure)?
            }
        };
        outcome.html_bytes += bytes;
        outcome.files += 1;
        timer.lap("print handout");
    }
    staging.commit().map_err(|e| io_failure(&dest, e))?;
    timer.lap("swap");
    outcome.highlighter_loaded = highlighter.is_loaded();
    outcome.files += guide.pages.len() + stats.files + 1;
    outcome.html_bytes += page_bytes + stats.html_bytes;
    outcome.search_index_bytes = search_index_bytes;
    outcome.written = Some(dest);
    outcome.timings = timer.laps;
    Ok(outcome)
}

/// What a build needs before it reads any content: the configuration with the command line's
/// overrides, the content folder, the output folder (refused if unsafe), and the theme.
struct Settled {
    config: Config,
    content_dir: PathBuf,
    dest: PathBuf,
    theme: Theme,
}

/// The outcome of a build stopped after loading by `first` (reported first), with the
/// problems found before it.
fn stopped(first: Diagnostic, rest: Vec<Diagnostic>, pages: usize, timer: Timer) -> BuildOutcome {
    let mut report = Report::default();
    report.extend(rest);
    report.sort();
    report.diagnostics.insert(0, first);
    report.group();
    BuildOutcome {
        report,
        pages,
        timings: timer.laps,
        ..BuildOutcome::default()
    }
}

fn settle(options: &BuildOptions) -> Result<Settled, Failure> {
    let mut config = Config::load(&options.root)
        .map_err(|d| Failure::Config(display_config_paths(d, options)))?;
    if let Some(url) = &options.base_url {
        config::base_path_of(url).map_err(|why| {
            Failure::Config(vec![Diagnostic::error(
                "config",
                format!("--base-url {why}"),
            )])
        })?;
        config.site.url = Some(url.clone());
    }
    let content_dir = options.root.join(&config.build.content_dir);
    if !content_dir.is_dir() {
        return Err(Failure::Config(vec![
            Diagnostic::error(
                "config",
                format!(
                    "the content folder `{}` does not exist",
                    content_dir.display()
                ),
            )
            .help("create it, or set [build] content-dir in book.toml"),
        ]));
    }
    let dest = options
        .dest
        .clone()
        .unwrap_or_else(|| options.root.join(&config.build.output_dir));
    output::check_dest(
        &options.root,
        &config.build.content_dir,
        &dest,
        options.dest.is_some(),
    )
    .map_err(|d| match options.dest {
        Some(_) => Failure::Io(d),
        None => Failure::Io(located_in_config(d, options, &["build", "output-dir"])),
    })?;
    let theme = Theme::load(Some(&theme_dir(options, &config)?)).map_err(Failure::Config)?;
    Ok(Settled {
        config,
        content_dir,
        dest,
        theme,
    })
}

/// The folder of the configured theme; only the built-in `default` theme may have none.
fn theme_dir(options: &BuildOptions, config: &Config) -> Result<PathBuf, Failure> {
    let themes = options.root.join("themes");
    let name = &config.build.theme;
    let dir = themes.join(name);
    if name == "default" || dir.is_dir() {
        return Ok(dir);
    }
    let mut known = vec!["default".to_string()];
    known.extend(
        std::fs::read_dir(&themes)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned()),
    );
    let help = match crate::diagnostics::did_you_mean(name, known.iter().map(String::as_str)) {
        Some(best) => format!("did you mean `{best}`? Themes: {}", known.join(", ")),
        None => format!(
            "use the built-in theme `default`, or make a folder themes/{name}/ holding the templates and files it changes (themes: {})",
            known.join(", ")
        ),
    };
    let problem = Diagnostic::error(
        "config",
        format!("[build] theme `{name}` does not exist: there is no folder themes/{name}/"),
    )
    .help(help);
    Err(Failure::Config(vec![located_in_config(
        problem,
        options,
        &["build", "theme"],
    )]))
}

fn print_failure(e: render::print::PrintError) -> Failure {
    match e {
        render::print::PrintError::Template(d) => Failure::Config(vec![d]),
        render::print::PrintError::Io(e) => Failure::Io(Diagnostic::error(
            "io",
            format!("cannot write the print handout: {e}"),
        )),
    }
}

fn io_failure(dest: &Path, e: std::io::Error) -> Failure {
    Failure::Io(Diagnostic::error(
        "io",
        format!("cannot write the site to `{}`: {e}", dest.display()),
    ))
}

/// Point a problem with a value that came from book.toml at that key's line.
fn located_in_config(problem: Diagnostic, options: &BuildOptions, key: &[&str]) -> Diagnostic {
    let Ok(text) = std::fs::read_to_string(options.root.join(config::CONFIG_FILE)) else {
        return problem;
    };
    let source =
        crate::source::SourceFile::new(options.display_root.join(config::CONFIG_FILE), text);
    match config::key_location(&source, key) {
        Some(location) => problem.at(location),
        None => problem,
    }
}

fn display_config_paths(mut problems: Vec<Diagnostic>, options: &BuildOptions) -> Vec<Diagnostic> {
    for d in &mut problems {
        if let Some(loc) = &mut d.location {
            loc.file = options.display_root.join(&loc.file);
        }
    }
    problems
}

/// What rendering wrote besides the pages and the search index, for the build summary.
struct SiteStats {
    files: usize,
    html_bytes: usize,
}

/// Write the site files and step cards into `staging`.
fn other_files(
    ctx: &SiteContext<'_>,
    cards: &[CardParts],
    staging: &output::Staging,
) -> Result<SiteStats, Failure> {
    let one = |d: Diagnostic| Failure::Config(vec![d]);
    let write_failed = |e: std::io::Error| {
        Failure::Io(Diagnostic::error(
            "io",
            format!("cannot write the site: {e}"),
        ))
    };
    let mut files = render::site_files::all(ctx).map_err(one)?;
    files.extend(render::cards::files(ctx, cards).map_err(one)?);
    let html_bytes = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(OutputFile::len)
        .sum::<usize>();
    files
        .par_iter()
        .try_for_each(|f| staging.write(f))
        .map_err(write_failed)?;
    Ok(SiteStats {
        files: files.len(),
        html_bytes,
    })
}

#[derive(Default)]
struct Timer {
    laps: Vec<(&'static str, Duration)>,
    last: Option<Instant>,
}

impl Timer {
    fn start() -> Self {
        Timer {
            laps: Vec::new(),
            last: Some(Instant::now()),
        }
    }

    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        let start = *self.last.get_or_insert(now);
        self.laps.push((name, now - start));
        self.last = Some(now);
    }
}

/// Find the guide root: the nearest folder at or above `start` holding book.toml.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join(config::CONFIG_FILE).exists())
        .map(Path::to_path_buf)
}
