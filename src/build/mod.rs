//! One build (or check) of a guide, from book.toml to the written site.

mod load;
mod pass;
mod settle;
mod setup;
mod sink;

use crate::checks::{CheckContext, readability::Readability};
use crate::config::{self, Config};
use crate::content::{Date, Guide};
use crate::diagnostics::{Diagnostic, Report};
use crate::markdown::{Highlighter, PrintMode};
use crate::render;
use pass::{Pass, Passed};
use settle::Settled;
use setup::{Markdown, SiteSetup, first_pass};
use sink::{Mode, Sink};
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

/// Build (or, without `options.write`, check) a guide: settle the configuration, load the
/// pages and the registry, learn the links between pages, render and check every page in one
/// pass, run the whole-guide rules, and (when nothing is wrong) finish writing the site.
pub fn build(options: &BuildOptions) -> Result<BuildOutcome, Failure> {
    let mut timer = Timer::start();
    let settled = settle::settle(options)?;
    timer.lap("config");
    let config = &settled.config;
    let (guide, mut problems) = match load::load_guide(options, config, &settled.content_dir)? {
        load::Loaded::Ready(guide, problems) => (*guide, problems),
        load::Loaded::RegistryBroken(first, rest, pages) => {
            timer.lap("load");
            return Ok(stopped(first, rest, pages, settled.config, timer));
        }
    };
    problems.extend(reserved_paths(options, &settled, &guide));
    timer.lap("load");
    let highlighter = Highlighter::new();
    let print_mode = PrintMode::new(&guide);
    let markdown = Markdown::new(config, &guide, (&highlighter, &settled.theme), &print_mode)?;
    let site = SiteSetup::new(config, &guide, &settled.theme, options.live_reload);
    let writing = options.write && !problems.iter().any(Diagnostic::is_error);
    let first = first_pass(&markdown, &site, writing)?;
    timer.lap("links and print outline");
    let conditions = guide
        .safety_pages
        .conditions
        .map(|cp| markdown.site.render(cp));
    let ctx = site.context(first.backlinks, conditions.as_ref());
    let mut mode = match writing {
        true => Mode::Write(Box::new(Sink::open(&settled.dest, &ctx, first.shell)?)),
        false => Mode::Check,
    };
    let rules = crate::checks::PageRules::new(config, &guide);
    let pass = Pass {
        markdown: &markdown,
        site: &ctx,
        conditions: conditions.as_ref(),
        rules: &rules,
    };
    let mut passed = pass.run(&mut mode)?;
    timer.lap("markdown and pages");
    problems.append(&mut passed.diagnostics);
    let mut outcome = whole_guide_checks(options, (config, &rules), &guide, &passed, problems);
    timer.lap("checks");
    if let (Mode::Write(sink), false) = (mode, outcome.report.has_errors()) {
        let written = sink.finish(&ctx, &markdown, passed.kept, &mut timer)?;
        outcome.files = guide.pages.len() + written.files;
        outcome.html_bytes = passed.bytes + written.html_bytes;
        outcome.search_index_bytes = written.search_index_bytes;
        outcome.written = Some(written.dest);
    }
    outcome.highlighter_loaded = highlighter.is_loaded();
    outcome.timings = timer.laps;
    Ok(outcome)
}

/// Output paths that clash with files carebook generates (search index, print handout...).
fn reserved_paths(options: &BuildOptions, settled: &Settled, guide: &Guide) -> Vec<Diagnostic> {
    let generated = render::reserved::generated(&settled.config, guide, &settled.theme);
    let shown_content = options.display_root.join(&settled.config.build.content_dir);
    render::reserved::check(&generated, guide, &shown_content)
}

/// Run the whole-guide rules over what the pass kept, and report them with the problems found
/// before, sorted and grouped.
fn whole_guide_checks(
    options: &BuildOptions,
    (config, rules): (&Config, &crate::checks::PageRules<'_>),
    guide: &Guide,
    passed: &Passed,
    mut problems: Vec<Diagnostic>,
) -> BuildOutcome {
    let book = crate::files::read_text(
        &options.root.join(config::CONFIG_FILE),
        crate::files::limit::CONFIG,
    )
    .ok()
    .map(|text| {
        crate::source::SourceFile::new(options.display_root.join(config::CONFIG_FILE), text)
    });
    problems.extend(rules.about(book.as_ref()));
    problems.extend(crate::checks::run(&CheckContext {
        config,
        guide,
        facts: &passed.kept.0,
        cards: &passed.kept.1,
        pages: &passed.findings,
        today: options.today.unwrap_or_else(Date::today),
        allow_overdue: options.allow_overdue,
        book: book.as_ref(),
    }));
    let mut outcome = BuildOutcome {
        readability: guide
            .reading_order
            .iter()
            .map(|&p| {
                (
                    guide.pages[p].rel_path.clone(),
                    passed.findings[p].readability,
                )
            })
            .filter(|(_, r)| r.words > 0)
            .collect(),
        pages: guide.pages.len(),
        config: config.clone(),
        ..BuildOutcome::default()
    };
    outcome.report.extend(problems);
    outcome.report.sort();
    outcome.report.group();
    outcome
}

/// The outcome of a build stopped after loading by `first` (reported first), with the
/// problems found before it.
fn stopped(
    first: Diagnostic,
    rest: Vec<Diagnostic>,
    pages: usize,
    config: Config,
    timer: Timer,
) -> BuildOutcome {
    let mut report = Report::default();
    report.extend(rest);
    report.sort();
    report.diagnostics.insert(0, first);
    report.group();
    BuildOutcome {
        report,
        pages,
        timings: timer.laps,
        config,
        ..BuildOutcome::default()
    }
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
