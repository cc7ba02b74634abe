//! Loading a guide for a build: its pages and its safety registry. A registry that cannot be
//! used stops the build right after loading, with one error that names the file (and, when
//! book.toml names it, that line): the rules that need the registry would otherwise report
//! dozens of knock-on errors, or worse, pass because there was nothing to check against.

use super::{BuildOptions, Failure};
use crate::checks;
use crate::codes::Code;
use crate::config::{self, Config};
use crate::content::{self, Guide, registry};
use crate::diagnostics::{Diagnostic, Location};
use crate::files::ReadError;
use crate::signoff;
use crate::source::SourceFile;
use std::path::{Component, Path};

pub(super) enum Loaded {
    Ready(Box<Guide>, Vec<Diagnostic>),
    /// The registry cannot be used: its error, the pages' own problems, and the page count.
    RegistryBroken(Diagnostic, Vec<Diagnostic>, usize),
}

/// The pages and the safety registry, with every problem found reading them.
pub(super) fn load_guide(
    options: &BuildOptions,
    config: &Config,
    content_dir: &Path,
) -> Result<Loaded, Failure> {
    let display = options.display_root.join(&config.build.content_dir);
    let registry_path = &config.safety.registry;
    let inside = inside_content(registry_path);
    let (mut guide, mut problems) = content::load(content_dir, &display, &inside);
    guide.find_safety_pages(&config.safety.help_page, &config.safety.conditions_page);
    let shown = display.join(registry_path);
    match registry::load(&content_dir.join(registry_path), &shown) {
        Ok((loaded, registry_problems)) => {
            guide.registry = loaded;
            problems.extend(registry_problems);
            problems.extend(guide.registry.unknown_concepts(&config.safety.concepts));
            problems.extend(sign_off(options, config, &mut guide));
            Ok(Loaded::Ready(Box::new(guide), problems))
        }
        Err(registry::LoadError::Invalid(d)) => {
            Ok(Loaded::RegistryBroken(d, problems, guide.pages.len()))
        }
        Err(registry::LoadError::Read(e)) if e.is_encoding() => {
            let d = unreadable(&e, &shown, content_dir, options).at(line_of(&shown, &e));
            Ok(Loaded::RegistryBroken(d, problems, guide.pages.len()))
        }
        Err(registry::LoadError::Read(e)) => {
            let d = unreadable(&e, &shown, content_dir, options);
            Err(Failure::Config(vec![match registry_key(options) {
                Some(at) => d.at(at),
                None => d.at_file(&shown),
            }]))
        }
    }
}

/// The registry's path inside the content folder, `/`-separated, when it lies there.
fn inside_content(path: &Path) -> Vec<String> {
    let parts: Option<Vec<String>> = path
        .components()
        .filter(|c| *c != Component::CurDir)
        .map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    parts.map(|p| vec![p.join("/")]).unwrap_or_default()
}

fn unreadable(
    e: &ReadError,
    shown: &Path,
    content_dir: &Path,
    options: &BuildOptions,
) -> Diagnostic {
    let message = format!(
        "cannot read the safety registry `{}`: {}",
        shown.display(),
        e.describe()
    );
    let why = "the registry lists the conditions and red flags that every safety rule checks pages against; without it those rules cannot run, so nothing is built";
    let help = match (e, nearest_yaml(content_dir, shown)) {
        (ReadError::Missing, Some(best)) => format!(
            "did you mean `{best}`? Set [safety] registry in book.toml to the file's path inside the content folder; {why}"
        ),
        (ReadError::Missing, None) if registry_key(options).is_some() => format!(
            "correct [safety] registry in book.toml, or create the file (see \"The registry\" in README.md); {why}"
        ),
        (ReadError::Missing, None) => format!(
            "create it (see \"The registry\" in README.md), or set [safety] registry in book.toml to where it is; {why}"
        ),
        (ReadError::NotUtf8 { .. }, _) => format!("save the file as UTF-8 in your editor; {why}"),
        _ => format!("replace it with the registry file itself; {why}"),
    };
    Diagnostic::error(Code::Registry, message).help(help)
}

/// Compare the guide with its sign-off (`safety.lock`), when it has one, and keep who signed.
fn sign_off(options: &BuildOptions, config: &Config, guide: &mut Guide) -> Vec<Diagnostic> {
    let shown = options.display_root.join(signoff::FILE);
    let lock = match signoff::Lock::read(&options.root) {
        Ok(Some(lock)) => lock,
        Ok(None) => return Vec::new(),
        Err(why) => {
            return vec![
                Diagnostic::error(Code::BadSignOff, why)
                    .at_file(&shown)
                    .help("restore safety.lock from version control, or sign off again with `carebook sign-off --reviewer \"Name, role\"`"),
            ];
        }
    };
    let path = options.root.join(config::CONFIG_FILE);
    let book = crate::files::read_text(&path, crate::files::limit::CONFIG)
        .ok()
        .map(|text| SourceFile::new(options.display_root.join(config::CONFIG_FILE), text));
    let files = checks::signoff::Files {
        registry: &guide.registry,
        config: book.as_ref(),
        lock: &shown,
    };
    let problems = checks::signoff::check(&lock, &config.safety, &files);
    guide.sign_off = Some(lock.signed);
    problems
}

/// The `[safety] registry` line of book.toml, when the path is written there.
fn registry_key(options: &BuildOptions) -> Option<Location> {
    let path = options.root.join(config::CONFIG_FILE);
    let text = crate::files::read_text(&path, crate::files::limit::CONFIG).ok()?;
    let source = SourceFile::new(options.display_root.join(config::CONFIG_FILE), text);
    config::key_location(&source, &["safety", "registry"])
}

/// Where in the registry the first byte that is not UTF-8 is.
fn line_of(shown: &Path, e: &ReadError) -> Location {
    let line = match e {
        ReadError::NotUtf8 { line, .. } => *line,
        _ => 1,
    };
    Location {
        file: shown.to_path_buf(),
        line,
        col: 1,
        source_line: None,
        caret: 1,
        width: 1,
    }
}

/// The YAML file in the content folder whose name is nearest the missing registry's.
fn nearest_yaml(content_dir: &Path, shown: &Path) -> Option<String> {
    let wanted = shown.file_name()?.to_string_lossy().into_owned();
    let names: Vec<String> = std::fs::read_dir(content_dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
        .collect();
    crate::diagnostics::did_you_mean(&wanted, names.iter().map(String::as_str)).map(str::to_string)
}
