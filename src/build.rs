//! One build (or check) of a guide, from book.toml to the written site.

use crate::checks::{CheckContext, PageFindings, readability::Readability};
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
    let (rendered, findings, page_bytes) = pass.run(search.as_mut(), handout.as_mut())?;
    timer.lap("markdown and pages");
    for (r, f) in rendered.iter().zip(&findings) {
        problems.extend(r.diagnostics.iter().cloned());
        problems.extend(f.diagnostics.iter().cloned());
    }
    let check_context = CheckContext {
        config: &config,
        guide: &guide,
        rendered: &rendered,
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
        ..BuildOutcome::default()
    };
    outcome.report.extend(problems);
    outcome.report.sort();
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
        .finish(&ctx, &rendered)
        .map_err(|e| io_failure(&dest, e))?;
    timer.lap("search index");
    let stats = other_files(&ctx, &rendered, &staging)?;
    drop(rendered);
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
    staging.commit(&dest).map_err(|e| io_failure(&dest, e))?;
    timer.lap("swap");
    outcome.highlighter_loaded = highlighter.is_loaded();
    outcome.files += guide.pages.len() + stats.files + 1;
    outcome.html_bytes += page_bytes + stats.html_bytes;
    outcome.search_index_bytes = search_index_bytes;
    outcome.written = Some(dest);
    outcome.timings = timer.laps;
    Ok(outcome)
}

/// The handout's outline. Only pages with a directive can place registry sources.
fn print_outline(
    setup: &MarkdownSetup<'_>,
    ctx: &SiteContext<'_>,
    mode: &PrintMode,
) -> Result<render::print::Shell, render::print::PrintError> {
    let placed_sources = (0..setup.guide.pages.len())
        .map(|i| {
            if setup.guide.pages[i].body().contains("{{") {
                markdown::page_refs(&setup.context(i)).1
            } else {
                Vec::new()
            }
        })
        .collect();
    render::print::Shell::render(ctx, placed_sources, mode)
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

/// What every page's Markdown rendering shares, for the site or (with `print`) the handout.
struct MarkdownSetup<'a> {
    guide: &'a Guide,
    highlighter: &'a Highlighter,
    print: Option<&'a PrintMode>,
    conditions_page: Option<usize>,
    /// The techniques each condition rules out, inserted after its heading on the conditions page.
    ruled_out: HashMap<String, String>,
    none: HashMap<String, String>,
    callout_headings: markdown::CalloutHeadings,
}

impl<'a> MarkdownSetup<'a> {
    fn new(
        config: &Config,
        guide: &'a Guide,
        highlighter: &'a Highlighter,
        print: Option<&'a PrintMode>,
    ) -> Self {
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
        MarkdownSetup {
            guide,
            highlighter,
            print,
            conditions_page,
            ruled_out,
            none: HashMap::new(),
            callout_headings: markdown::CalloutHeadings::from_config(&config.safety.headings),
        }
    }

    fn context(&self, i: usize) -> RenderContext<'_> {
        RenderContext {
            guide: self.guide,
            page: &self.guide.pages[i],
            index: i,
            highlighter: self.highlighter,
            after_heading: if Some(i) == self.conditions_page {
                &self.ruled_out
            } else {
                &self.none
            },
            callout_headings: &self.callout_headings,
            print: self.print,
        }
    }

    fn render(&self, i: usize) -> Rendered {
        markdown::render(&self.context(i))
    }
}

/// What the page templates share, before any page is rendered.
struct SiteSetup<'a> {
    config: &'a Config,
    guide: &'a Guide,
    theme: &'a Theme,
    live_reload: bool,
    conditions_page: Option<usize>,
}

impl<'a> SiteSetup<'a> {
    fn new(config: &'a Config, guide: &'a Guide, theme: &'a Theme, live_reload: bool) -> Self {
        SiteSetup {
            config,
            guide,
            theme,
            live_reload,
            conditions_page: crate::checks::conditions_page(config, guide),
        }
    }

    fn context(
        &self,
        backlinks: Vec<Vec<usize>>,
        conditions: Option<&'a Rendered>,
    ) -> SiteContext<'a> {
        let site_url = self
            .config
            .site
            .url
            .as_ref()
            .map(|u| format!("{}/", u.trim_end_matches('/')));
        let base_path = site_url
            .as_deref()
            .and_then(|u| config::base_path_of(u).ok())
            .unwrap_or_else(|| "/".into());
        SiteContext {
            live_reload: self.live_reload,
            config: self.config,
            guide: self.guide,
            conditions_headings: conditions.map(|r| r.headings.as_slice()).unwrap_or(&[]),
            theme: self.theme,
            site_url,
            base_path,
            backlinks,
            conditions_page: self.conditions_page,
        }
    }
}

/// Pages rendered together (in parallel) before their search entries are written in order.
const CHUNK: usize = 64;

/// What one page's pass left: its rendering (without its HTML or words), what the page rules
/// found, the bytes written, its search entries and its print handout body.
struct PageResult {
    rendered: Rendered,
    findings: PageFindings,
    written: Result<usize, render::PageError>,
    search: Vec<u8>,
    print: Option<String>,
}

/// What the pass keeps of each page, and the template errors and bytes so far.
struct Kept {
    done: Vec<Option<(Rendered, PageFindings)>>,
    templates: Vec<Diagnostic>,
    bytes: usize,
}

/// Where the pass writes, in reading order.
struct Sinks<'s, 'h> {
    search: Option<&'s mut render::search::SearchWriter>,
    handout: Option<&'s mut render::print::HandoutWriter<'h>>,
}

impl Kept {
    /// Take in a rendered chunk: count it, and add its search entries and chapters in order.
    fn absorb(
        &mut self,
        pages: &[usize],
        results: Vec<PageResult>,
        sinks: &mut Sinks<'_, '_>,
    ) -> Result<(), Failure> {
        let failed = |what: &str, e: std::io::Error| {
            Failure::Io(Diagnostic::error(
                "io",
                format!("cannot write the {what}: {e}"),
            ))
        };
        for (&i, result) in pages.iter().zip(results) {
            match result.written {
                Ok(n) => self.bytes += n,
                Err(render::PageError::Template(d)) => self.templates.push(d),
                Err(render::PageError::Io(d)) => return Err(Failure::Io(d)),
            }
            if let Some(search) = sinks.search.as_deref_mut() {
                search
                    .add(&result.search)
                    .map_err(|e| failed("search index", e))?;
            }
            if let (Some(handout), Some(body)) = (sinks.handout.as_deref_mut(), &result.print) {
                handout.add(body).map_err(|e| failed("print handout", e))?;
            }
            self.done[i] = Some((result.rendered, result.findings));
        }
        Ok(())
    }
}

/// The one pass over every page, in reading order, a chunk at a time: render its Markdown (for
/// the site and, from the same parse, for the handout), write it (when `staging` is given), run
/// the page rules, add its search entries and handout chapter, and keep only what the
/// whole-guide rules need.
struct Pass<'a> {
    setup: &'a MarkdownSetup<'a>,
    /// Set when the handout's chapter bodies are rendered in the pass.
    print: Option<&'a MarkdownSetup<'a>>,
    site: &'a SiteContext<'a>,
    conditions: Option<&'a Rendered>,
    rules: &'a crate::checks::PageRules<'a>,
    staging: Option<&'a output::Staging>,
}

impl Pass<'_> {
    fn run(
        &self,
        search: Option<&mut render::search::SearchWriter>,
        handout: Option<&mut render::print::HandoutWriter<'_>>,
    ) -> Result<(Vec<Rendered>, Vec<PageFindings>, usize), Failure> {
        let guide = self.setup.guide;
        let n = guide.pages.len();
        let mut in_order = vec![false; n];
        for &p in &guide.reading_order {
            in_order[p] = true;
        }
        let order: Vec<usize> = guide
            .reading_order
            .iter()
            .copied()
            .chain((0..n).filter(|&p| !in_order[p]))
            .collect();
        let with_search = search.is_some();
        let mut kept = Kept {
            done: (0..n).map(|_| None).collect(),
            templates: Vec::new(),
            bytes: 0,
        };
        let mut sinks = Sinks { search, handout };
        // Each chunk renders while the one before it is written in order.
        let mut previous: Option<(&[usize], Vec<PageResult>)> = None;
        for chunk in order.chunks(CHUNK).map(Some).chain([None]) {
            let (results, absorbed) = rayon::join(
                || {
                    chunk.map(|chunk| {
                        chunk
                            .par_iter()
                            .map(|&i| self.page(i, with_search && in_order[i], in_order[i]))
                            .collect::<Vec<_>>()
                    })
                },
                || match previous.take() {
                    Some((pages, results)) => kept.absorb(pages, results, &mut sinks),
                    None => Ok(()),
                },
            );
            absorbed?;
            previous = chunk.zip(results);
        }
        if !kept.templates.is_empty() {
            return Err(Failure::Config(kept.templates));
        }
        let (rendered, findings) = kept.done.into_iter().flatten().unzip();
        Ok((rendered, findings, kept.bytes))
    }

    /// One page: `search` adds its search entries, `chapter` renders its handout body.
    fn page(&self, i: usize, search: bool, chapter: bool) -> PageResult {
        let print = self.print.filter(|_| chapter);
        let (mut rendered, print) = match (self.conditions, print) {
            (Some(r), _) if self.setup.conditions_page == Some(i) => {
                (r.clone(), print.map(|p| p.render(i).html))
            }
            (_, Some(p)) => {
                let (site, printed) = markdown::render_pair(&self.setup.context(i), &p.context(i));
                (site, Some(printed))
            }
            (_, None) => (self.setup.render(i), None),
        };
        let written = match self.staging {
            Some(staging) => render::write_page(self.site, i, &rendered, staging),
            None => Ok(0),
        };
        rendered.html = String::new();
        let findings = self.rules.check(&self.setup.guide.pages[i], &rendered);
        let search = if search {
            render::search::page_sections(i, &rendered)
        } else {
            Vec::new()
        };
        rendered.blocks = Vec::new();
        PageResult {
            rendered,
            findings,
            written,
            search,
            print,
        }
    }
}

/// What rendering wrote besides the pages and the search index, for the build summary.
struct SiteStats {
    files: usize,
    html_bytes: usize,
}

/// Write the site files and step cards into `staging`.
fn other_files(
    ctx: &SiteContext<'_>,
    rendered: &[Rendered],
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
    files.extend(render::cards::files(ctx, rendered).map_err(one)?);
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
        .find(|dir| dir.join(config::CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
}
