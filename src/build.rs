//! One build (or check) of a guide, from book.toml to the written site.

use crate::checks::{
    CheckContext,
    readability::{self, Readability},
};
use crate::config::{self, Config};
use crate::content::{self, Date, Guide};
use crate::diagnostics::{Diagnostic, Report};
use crate::markdown::{self, Highlighter, PrintMode, RenderContext, Rendered};
use crate::output::{self, OutputFile};
use crate::render::{self, SiteContext, theme::Theme, xref};
use rayon::prelude::*;
use std::collections::HashMap;
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

pub fn build(options: &BuildOptions) -> Result<BuildOutcome, Failure> {
    let mut timer = Timer::start();
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
    .map_err(|d| Failure::Io(located_in_config(d, options, "output-dir")))?;
    let theme_dir = options.root.join("themes").join(&config.build.theme);
    let theme = Theme::load(Some(&theme_dir)).map_err(Failure::Config)?;
    timer.lap("config");

    let (mut guide, mut problems) = content::load(
        &content_dir,
        &options.display_root.join(&config.build.content_dir),
    );
    let (registry, registry_problems) = content::registry::load(
        &content_dir.join(&config.safety.registry),
        &options
            .display_root
            .join(&config.build.content_dir)
            .join(&config.safety.registry),
    );
    guide.registry = registry;
    problems.extend(registry_problems);
    timer.lap("load");
    let highlighter = Highlighter::new();
    let rendered = render_markdown(&config, &guide, &highlighter, None);
    timer.lap("markdown");
    for r in &rendered {
        problems.extend(r.diagnostics.iter().cloned());
    }
    let check_context = CheckContext {
        config: &config,
        guide: &guide,
        rendered: &rendered,
        today: options.today.unwrap_or_else(Date::today),
        allow_overdue: options.allow_overdue,
    };
    problems.extend(crate::checks::run(&check_context));
    timer.lap("checks");

    let readability = guide
        .reading_order
        .iter()
        .map(|&p| {
            (
                guide.pages[p].rel_path.clone(),
                readability::measure(&rendered[p]),
            )
        })
        .filter(|(_, r)| r.words > 0)
        .collect();
    let mut outcome = BuildOutcome {
        readability,
        pages: guide.pages.len(),
        highlighter_loaded: highlighter.is_loaded(),
        ..BuildOutcome::default()
    };
    outcome.report.extend(problems);
    outcome.report.sort();
    if outcome.report.has_errors() || !options.write {
        outcome.timings = timer.laps;
        return Ok(outcome);
    }
    let io_failure = |e: std::io::Error| {
        Failure::Io(Diagnostic::error(
            "io",
            format!("cannot write the site to `{}`: {e}", dest.display()),
        ))
    };
    let staging = output::Staging::create(&dest).map_err(io_failure)?;
    let stats = render_site(
        &config,
        &guide,
        &rendered,
        &theme,
        &highlighter,
        options.live_reload,
        &staging,
    )?;
    timer.lap("render and write");
    staging.commit(&dest).map_err(io_failure)?;
    timer.lap("swap");
    outcome.files = stats.files;
    outcome.html_bytes = stats.html_bytes;
    outcome.search_index_bytes = stats.search_index_bytes;
    outcome.written = Some(dest);
    outcome.timings = timer.laps;
    Ok(outcome)
}

/// Point a problem with a value that came from book.toml at that key's line.
fn located_in_config(problem: Diagnostic, options: &BuildOptions, key: &str) -> Diagnostic {
    if options.dest.is_some() {
        return problem;
    }
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

/// Render every page's Markdown in parallel, for the site or (with `print`) for the handout.
fn render_markdown(
    config: &Config,
    guide: &Guide,
    highlighter: &Highlighter,
    print: Option<&PrintMode>,
) -> Vec<Rendered> {
    let conditions_page = crate::checks::conditions_page(config, guide);
    let by_condition = xref::techniques_by_condition(guide);
    let ruled_out = conditions_page
        .map(|cp| {
            let root = markdown::links_root_prefix(&guide.pages[cp].url);
            xref::ruled_out_html(guide, &by_condition, |t| match print {
                Some(p) => p.href(t, None),
                None => format!("{root}{}", guide.pages[t].url),
            })
        })
        .unwrap_or_default();
    let none = HashMap::new();
    let callout_headings = markdown::CalloutHeadings::from_config(&config.safety.headings);
    (0..guide.pages.len())
        .into_par_iter()
        .map(|i| {
            let ctx = RenderContext {
                guide,
                page: &guide.pages[i],
                highlighter,
                after_heading: if Some(i) == conditions_page {
                    &ruled_out
                } else {
                    &none
                },
                callout_headings: &callout_headings,
                print,
            };
            markdown::render(&ctx)
        })
        .collect()
}

/// What rendering wrote, for the build summary.
struct SiteStats {
    files: usize,
    html_bytes: usize,
    search_index_bytes: usize,
}

/// Render the site into `staging`: pages as they are rendered, then the other files.
fn render_site(
    config: &Config,
    guide: &Guide,
    rendered: &[Rendered],
    theme: &Theme,
    highlighter: &Highlighter,
    live_reload: bool,
    staging: &output::Staging,
) -> Result<SiteStats, Failure> {
    let site_url = config
        .site
        .url
        .as_ref()
        .map(|u| format!("{}/", u.trim_end_matches('/')));
    let base_path = site_url
        .as_deref()
        .and_then(|u| config::base_path_of(u).ok())
        .unwrap_or_else(|| "/".into());
    let ctx = SiteContext {
        live_reload,
        config,
        guide,
        rendered,
        theme,
        site_url,
        base_path,
        backlinks: xref::backlinks(guide, rendered),
        conditions_page: crate::checks::conditions_page(config, guide),
    };
    let mut html_bytes = render::pages(&ctx, staging).map_err(Failure::Config)?;
    let one = |d: Diagnostic| Failure::Config(vec![d]);
    let mut files = render::site_files::all(&ctx).map_err(one)?;
    files.extend(render::cards::files(&ctx).map_err(one)?);
    let search = render::search::file(&ctx);
    let search_index_bytes = search.len();
    files.push(search);
    if config.print.enable {
        let mode = PrintMode::new(guide);
        let print_rendered = render_markdown(config, guide, highlighter, Some(&mode));
        files.push(render::print::file(&ctx, &print_rendered, &mode).map_err(one)?);
    }
    html_bytes += files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(OutputFile::len)
        .sum::<usize>();
    files
        .par_iter()
        .try_for_each(|f| staging.write(f))
        .map_err(|e| {
            Failure::Io(Diagnostic::error(
                "io",
                format!("cannot write the site: {e}"),
            ))
        })?;
    Ok(SiteStats {
        files: guide.pages.len() + files.len(),
        html_bytes,
        search_index_bytes,
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
        .find(|dir| dir.join(config::CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
}
