//! Micro-benchmarks of the hot paths that profiling the 10,000-page corpus showed (see
//! bench/README.md): front matter, Markdown, the page rules, the whole-guide rules with the
//! link check, the page template, writing into the staging folder, and a whole build of the
//! shipped guide. They run on the shipped guide, so they measure real pages.
//!
//! `cargo bench --bench hot_paths`. No target is asserted here: bench/run races whole builds.

use carebook::checks::{CheckContext, PageRules};
use carebook::config::Config;
use carebook::content::{self, Date, Guide, PerPage};
use carebook::markdown::{CalloutHeadings, Highlighter};
use carebook::output::{OutputFile, Staging};
use carebook::render::{SiteContext, render_page, theme::Theme};
use carebook::source::SourceFile;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;

mod common;
use common::render_all;

fn root() -> PathBuf {
    common::repo()
}

fn shipped_guide() -> (Config, Guide) {
    common::load(&root())
}

fn benches(c: &mut Criterion) {
    let (config, guide) = shipped_guide();
    let highlighter = Highlighter::new();
    let headings = CalloutHeadings::from_config(&config.safety.headings);
    let theme = Theme::load(None).expect("the default theme");

    let sources: Vec<SourceFile> = guide.pages.iter().map(|p| p.source.clone()).collect();
    c.bench_function("front matter: split and parse every page", |b| {
        b.iter(|| {
            for source in &sources {
                let split = content::frontmatter::split(source).expect("front matter");
                black_box(content::frontmatter::parse(source, &split).ok());
            }
        })
    });

    c.bench_function("markdown: render every page", |b| {
        b.iter(|| black_box(render_all(&guide, &highlighter, (&headings, &theme.markup))))
    });

    let rendered = render_all(&guide, &highlighter, (&headings, &theme.markup));
    let rules = PageRules::new(&config, &guide);
    c.bench_function(
        "page rules: wording, readability, red flags, care cards",
        |b| {
            b.iter(|| {
                for (page, r) in guide.pages.iter().zip(&rendered) {
                    black_box(rules.check(page, &r.text, &r.facts));
                }
            })
        },
    );

    let findings: PerPage<_> = guide
        .pages
        .iter()
        .zip(&rendered)
        .map(|(page, r)| rules.check(page, &r.text, &r.facts))
        .collect();
    let facts: PerPage<_> = rendered.iter().map(|r| r.facts.clone()).collect();
    let cards: PerPage<_> = rendered.iter().map(|r| r.card.clone()).collect();
    c.bench_function(
        "guide rules: link check, techniques, conditions, cards, reviews",
        |b| {
            b.iter(|| {
                black_box(carebook::checks::run(&CheckContext {
                    config: &config,
                    guide: &guide,
                    facts: &facts,
                    cards: &cards,
                    pages: &findings,
                    today: Date::parse("2026-12-02").expect("date"),
                    allow_overdue: false,
                    book: None,
                }))
            })
        },
    );

    let site = SiteContext {
        live_reload: false,
        config: &config,
        guide: &guide,
        conditions_headings: &[],
        theme: &theme,
        site_url: config.site.url.clone(),
        base_path: "/".into(),
        backlinks: guide.pages.iter().map(|_| Vec::new()).collect(),
        has_cards: true,
    };
    c.bench_function("page template: every page", |b| {
        b.iter(|| {
            for (i, r) in rendered.iter_enumerated() {
                black_box(render_page(&site, i, &r.html, &r.facts).expect("template"));
            }
        })
    });

    let scratch = tempfile::tempdir().expect("temp dir");
    let dest = scratch.path().join("public");
    let files: Vec<OutputFile> = rendered
        .iter()
        .enumerate()
        .map(|(i, r)| OutputFile::new(format!("page-{i}.html"), r.html.clone().into_bytes()))
        .collect();
    c.bench_function("write: every page into the staging folder", |b| {
        b.iter(|| {
            let staging = Staging::create(&dest).expect("staging");
            for f in &files {
                staging.write(f).expect("write");
            }
            staging.commit().expect("commit");
        })
    });

    let out = scratch.path().join("site");
    c.bench_function("build: the shipped guide, every check on", |b| {
        b.iter(|| {
            let outcome = carebook::build(&carebook::BuildOptions {
                root: root(),
                dest: Some(out.clone()),
                write: true,
                display_root: PathBuf::from("."),
                today: Date::parse("2026-12-02").ok(),
                ..Default::default()
            })
            .expect("build");
            assert!(!outcome.report.has_errors());
        })
    });
}

criterion_group! {
    name = hot_paths;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(hot_paths);
