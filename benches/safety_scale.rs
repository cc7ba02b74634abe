//! What the safety layer costs, and how it grows: on the benchmark corpus (bench/gen_corpus.py,
//! the pages every tool in the race builds) with the shipped guide's registry, so every page's
//! text is searched for 15 red flags and their lay terms, the page rules and the whole-guide
//! rules are timed against a whole build (load, Markdown, every rule, search, print, write) at
//! N and 2N pages.
//! The safety rules should be a small share of the build (under a fifth) and grow no faster
//! than the pages. Results: bench/RESULTS.md.
//!
//! `cargo bench --bench safety_scale` runs 1,000 and 2,000 pages; `cargo test --all-targets`
//! runs each case once on 100 and 200, so it stays working.

use carebook::checks::{CheckContext, PageFindings, PageRules};
use carebook::config::Config;
use carebook::content::{Date, Guide, PerPage};
use carebook::markdown::{CalloutHeadings, Highlighter, RenderedPage};
use carebook::render::theme::Theme;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{load, render_all, repo};

/// The day reviews are judged against, as bench/run judges them.
fn today() -> Date {
    Date::parse("2026-01-01").expect("date")
}

/// The benchmark corpus of `pages` pages, with the shipped guide's red flags and a help page
/// that places them, so the guide is valid and every page's text is searched for them.
fn corpus(pages: usize, dir: &Path) {
    let status = Command::new("python3")
        .arg(repo().join("bench/gen_corpus.py"))
        .args([
            "--pages",
            &pages.to_string(),
            "--format",
            "carebook",
            "--out",
        ])
        .arg(dir)
        .arg("--force")
        .output()
        .expect("python3 runs bench/gen_corpus.py");
    assert!(status.status.success(), "gen_corpus.py failed");
    let shipped = std::fs::read_to_string(repo().join("content/safety.yaml")).expect("registry");
    let flags = &shipped[shipped.find("red-flags:").expect("red flags")..];
    let content = dir.join("content");
    std::fs::write(
        content.join("safety.yaml"),
        format!("conditions: []\n{flags}"),
    )
    .expect("registry");
    // Every card of every level: the main one, and each the registry names (`card:`).
    let (registry, _) =
        carebook::content::registry::load(&content.join("safety.yaml"), Path::new("safety.yaml"))
            .expect("the shipped registry");
    let registry = &registry.registry;
    let cards: String = carebook::content::registry::CareLevel::ALL
        .into_iter()
        .flat_map(|level| {
            let named = registry
                .cards_of(level)
                .into_iter()
                .map(|c| format!(" {c}"));
            std::iter::once(String::new())
                .chain(named)
                .map(move |card| {
                    let l = level.name();
                    format!(
                        "> [!{}]\n> {{{{ red-flags {l}{card} }}}}\n\n",
                        l.to_uppercase()
                    )
                })
        })
        .collect();
    let help = format!(
        "---\ntitle: When to get help\nreviewed: 2025-06-01\nnext-review: 2028-06-01\n\
         sources:\n  - title: \"NHS: Back pain\"\n    url: https://www.nhs.uk/conditions/back-pain/\n\
         ---\n\n{cards}"
    );
    std::fs::write(content.join("when-to-get-help.md"), help).expect("help page");
}

/// The page rules on every page, in parallel as the build runs them.
fn page_rules(
    config: &Config,
    guide: &Guide,
    rendered: &PerPage<RenderedPage>,
) -> PerPage<PageFindings> {
    use rayon::prelude::*;
    let rules = PageRules::new(config, guide);
    let findings: Vec<_> = (guide.pages.raw.par_iter())
        .zip(&rendered.raw)
        .map(|(page, r)| rules.check(page, &r.text, &r.facts))
        .collect();
    findings.into()
}

/// The whole-guide rules: links, techniques, conditions, cards, reviews, sources.
fn guide_rules(
    config: &Config,
    guide: &Guide,
    rendered: &PerPage<RenderedPage>,
    findings: &PerPage<PageFindings>,
) -> usize {
    let facts: PerPage<_> = rendered.iter().map(|r| r.facts.clone()).collect();
    let cards: PerPage<_> = rendered.iter().map(|r| r.card.clone()).collect();
    let whole = carebook::checks::run(&CheckContext {
        config,
        guide,
        facts: &facts,
        cards: &cards,
        pages: findings,
        today: today(),
        allow_overdue: true,
        book: None,
    });
    whole.len()
}

fn benches(c: &mut Criterion) {
    let full = std::env::args().any(|a| a == "--bench");
    let sizes: &[usize] = if full { &[1_000, 2_000] } else { &[100, 200] };
    let theme = Theme::load(None).expect("the default theme");
    let mut group = c.benchmark_group("safety layer");
    for &pages in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        corpus(pages, dir.path());
        let (config, guide) = load(dir.path());
        let headings = CalloutHeadings::from_config(&config.safety.headings);
        let rendered = render_all(&guide, &Highlighter::new(), (&headings, &theme.markup));
        group.bench_with_input(BenchmarkId::new("page rules", pages), &pages, |b, _| {
            b.iter(|| black_box(page_rules(&config, &guide, &rendered)))
        });
        group.bench_with_input(
            BenchmarkId::new("page rules set-up", pages),
            &pages,
            |b, _| b.iter(|| black_box(PageRules::new(&config, &guide))),
        );
        let findings = page_rules(&config, &guide, &rendered);
        group.bench_with_input(BenchmarkId::new("guide rules", pages), &pages, |b, _| {
            b.iter(|| black_box(guide_rules(&config, &guide, &rendered, &findings)))
        });
        let out = tempfile::tempdir().expect("temp dir");
        let options = carebook::BuildOptions {
            root: dir.path().to_path_buf(),
            dest: Some(out.path().join("site")),
            write: true,
            display_root: PathBuf::from("."),
            today: Some(today()),
            allow_overdue: true,
            ..Default::default()
        };
        let first = carebook::build(&options).expect("build");
        assert!(!first.report.has_errors(), "the corpus builds");
        group.bench_with_input(BenchmarkId::new("whole build", pages), &pages, |b, _| {
            b.iter(|| black_box(carebook::build(&options).expect("build")))
        });
    }
    group.finish();
}

criterion_group! {
    name = safety_scale;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(safety_scale);
