//! Settling a build before it reads any content: book.toml with the command line's
//! overrides, the content and output folders (an unsafe output folder is refused), and the
//! theme.

use super::{BuildOptions, Failure};
use crate::codes::Code;
use crate::config::{self, Config};
use crate::diagnostics::Diagnostic;
use crate::output;
use crate::render::theme::Theme;
use std::path::PathBuf;

/// What a build needs before it reads any content: the configuration with the command line's
/// overrides, the content folder, the output folder (refused if unsafe), and the theme.
pub(super) struct Settled {
    pub(super) config: Config,
    pub(super) content_dir: PathBuf,
    pub(super) dest: PathBuf,
    pub(super) theme: Theme,
}

pub(super) fn settle(options: &BuildOptions) -> Result<Settled, Failure> {
    let mut config = Config::load(&options.root)
        .map_err(|d| Failure::Config(display_config_paths(d, options)))?;
    if let Some(url) = &options.base_url {
        config::base_path_of(url).map_err(|why| {
            Failure::Config(vec![Diagnostic::error(
                Code::Config,
                format!("--base-url {why}"),
            )])
        })?;
        config.site.url = Some(url.clone());
    }
    let content_dir = options.root.join(&config.build.content_dir);
    if !content_dir.is_dir() {
        return Err(Failure::Config(vec![
            Diagnostic::error(
                Code::Config,
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
        Code::Config,
        format!("[build] theme `{name}` does not exist: there is no folder themes/{name}/"),
    )
    .help(help);
    Err(Failure::Config(vec![located_in_config(
        problem,
        options,
        &["build", "theme"],
    )]))
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
