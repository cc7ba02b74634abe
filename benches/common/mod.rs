//! What the benchmarks share: a guide loaded as a build loads it, and its pages rendered.
#![allow(dead_code)]

use carebook::config::Config;
use carebook::content::{self, Guide, PerPage};
use carebook::markdown::{self, CalloutHeadings, Highlighter, Markup, RenderContext, RenderedPage};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The guide at `root`, loaded as a build loads it.
pub fn load(root: &Path) -> (Config, Guide) {
    let config = Config::load(root).expect("book.toml");
    let content = root.join("content");
    let (mut guide, _) = content::load(&content, Path::new("content"), &[]);
    let (registry, _) = content::registry::load(
        &content.join(&config.safety.registry),
        Path::new("content/safety.yaml"),
    )
    .expect("the registry");
    guide.registry = registry;
    guide.find_safety_pages(&config.safety.help_page, &config.safety.conditions_page);
    (config, guide)
}

/// Every page of `guide` rendered.
pub fn render_all(
    guide: &Guide,
    highlighter: &Highlighter,
    (headings, markup): (&CalloutHeadings, &Markup),
) -> PerPage<RenderedPage> {
    let none = HashMap::new();
    guide
        .pages
        .keys()
        .map(|i| {
            markdown::render(&RenderContext {
                guide,
                page: &guide.pages[i],
                index: i,
                highlighter,
                after_heading: &none,
                callout_headings: headings,
                markup,
                print: None,
            })
        })
        .collect()
}
