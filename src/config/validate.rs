//! Checks on book.toml's values after it is read, each pointing at its key's line and saying
//! what is allowed. A value that would switch a safety check off (`max-grade = nan`), reach the
//! published files broken (a site URL with a query or a newline) or be ignored (an empty
//! phrase) is refused.

use super::{Config, spans};
use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;

/// A problem with one setting: where it is, what is wrong, what is allowed.
struct Problem {
    key: &'static [&'static str],
    message: String,
    help: String,
}

impl Problem {
    fn new(key: &'static [&'static str], message: String, help: impl Into<String>) -> Self {
        Problem {
            key,
            message,
            help: help.into(),
        }
    }
}

pub(super) fn validate(config: &Config, source: &SourceFile) -> Vec<Diagnostic> {
    let mut problems: Vec<Problem> = Vec::new();
    problems.extend(book(config));
    problems.extend(theme(config));
    problems.extend(site(config));
    problems.extend(safety_numbers(config));
    problems.extend(locale_settings(config));
    problems.extend(safety_phrases(config));
    problems.extend(source_domains(config));
    problems.extend(cards(config));
    problems.extend(about(config));
    problems
        .into_iter()
        .map(|p| {
            Diagnostic::error(Code::Config, p.message)
                .at(spans::key_or_start(source, p.key))
                .help(p.help)
        })
        .collect()
}

/// `[section] key`, as the key is written in messages.
fn name(key: &[&str]) -> String {
    match key.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, table)) => format!("[{}] {last}", table.join(".")),
        None => String::new(),
    }
}

fn book(config: &Config) -> Option<Problem> {
    config.book.title.trim().is_empty().then(|| {
        Problem::new(
            &["book", "title"],
            "[book] title is required and must not be empty".into(),
            "give the guide a title: it is on every page, card and the handout's cover, e.g. title = \"Easing a stiff neck\"",
        )
    })
}

/// A theme is a folder of themes/, named plainly, so it can never point outside the guide.
fn theme(config: &Config) -> Option<Problem> {
    let name = &config.build.theme;
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.')
        && !name.starts_with('.');
    (!plain).then(|| {
        Problem::new(
            &["build", "theme"],
            format!("[build] theme `{}` is not a theme name", name.escape_debug()),
            "write the name of a folder in themes/, such as theme = \"clinic\", or \"default\" for the built-in theme",
        )
    })
}

fn site(config: &Config) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(url) = &config.site.url
        && let Err(why) = super::base_path_of(url)
    {
        problems.push(Problem::new(
            &["site", "url"],
            format!("[site] url {why}"),
            "write the full public address, with nothing after its path, e.g. url = \"https://owner.github.io/guide/\"",
        ));
    }
    if let Some(cname) = &config.site.cname
        && let Err(why) = check_domain(cname)
    {
        problems.push(Problem::new(
            &["site", "cname"],
            format!("[site] cname {why}"),
            "write only the domain name GitHub Pages serves the guide at, e.g. cname = \"guide.example.org\"",
        ));
    }
    problems
}

/// A custom domain for GitHub Pages: a host name with at least one dot, nothing else.
fn check_domain(cname: &str) -> Result<(), String> {
    let shown = cname.escape_debug();
    if cname.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("`{shown}` contains spaces or line breaks"));
    }
    match url::Host::parse(cname) {
        Ok(url::Host::Domain(d)) if d.contains('.') && !d.ends_with('.') => Ok(()),
        Ok(url::Host::Domain(_)) => Err(format!("`{shown}` is not a full domain name")),
        Ok(_) => Err(format!("`{shown}` is an IP address, not a domain name")),
        Err(e) => Err(format!("`{shown}` is not a domain name ({e})")),
    }
}

fn safety_numbers(config: &Config) -> Vec<Problem> {
    let safety = &config.safety;
    let mut problems = Vec::new();
    if !(safety.max_grade.is_finite() && safety.max_grade > 0.0) {
        problems.push(Problem::new(
            &["safety", "max-grade"],
            format!(
                "[safety] max-grade must be a number above 0 (it is {})",
                safety.max_grade
            ),
            "use a reading grade such as 8.0; plain patient information aims at about 6 to 8",
        ));
    }
    if safety.max_review_years == 0 {
        problems.push(Problem::new(
            &["safety", "max-review-years"],
            "[safety] max-review-years must be at least 1".into(),
            "use the longest time allowed between a page's reviews, e.g. 3",
        ));
    }
    if let Err(why) = crate::content::check_url(&safety.emergency_care_url) {
        problems.push(Problem::new(
            &["safety", "emergency-care-url"],
            format!("[safety] emergency-care-url {why}"),
            "give the full https address of the service that finds emergency care near the reader",
        ));
    }
    problems
}

/// The settings a guide's country and language decide, which come from its built-in locale
/// unless book.toml writes them: one error listing every one that is missing.
fn locale_settings(config: &Config) -> Option<Problem> {
    let s = &config.safety;
    let values: [(&str, bool); 12] = [
        (
            "[safety] headings.emergency",
            s.headings.emergency.trim().is_empty(),
        ),
        (
            "[safety] headings.urgent",
            s.headings.urgent.trim().is_empty(),
        ),
        (
            "[safety] headings.see-gp",
            s.headings.see_gp.trim().is_empty(),
        ),
        (
            "[safety] labels.emergency",
            s.labels.emergency.trim().is_empty(),
        ),
        ("[safety] labels.urgent", s.labels.urgent.trim().is_empty()),
        ("[safety] labels.see-gp", s.labels.see_gp.trim().is_empty()),
        (
            "[safety] referrals.emergency",
            s.referrals.emergency.is_empty(),
        ),
        ("[safety] referrals.urgent", s.referrals.urgent.is_empty()),
        ("[safety] referrals.see-gp", s.referrals.see_gp.is_empty()),
        (
            "[safety] emergency-care-url",
            s.emergency_care_url.trim().is_empty(),
        ),
        ("[safety] catch-all", s.catch_all.is_empty()),
        ("[about] title", config.about.title.trim().is_empty()),
    ];
    let missing: Vec<&str> = values.iter().filter(|(_, m)| *m).map(|(k, _)| *k).collect();
    if missing.is_empty() {
        return None;
    }
    let known = super::locale::known().join(", ");
    Some(Problem::new(
        &["book", "language"],
        format!(
            "these settings are missing: {} (carebook has no built-in settings for the language `{}`)",
            missing.join(", "),
            config.book.language
        ),
        format!(
            "write them in book.toml for your country and language (the README's [safety] settings show each one), or use a language with built-in settings: {known}"
        ),
    ))
}

fn safety_phrases(config: &Config) -> Vec<Problem> {
    let safety = &config.safety;
    let lists: [(&'static [&'static str], &[String]); 5] = [
        (&["safety", "catch-all"], &safety.catch_all),
        (&["safety", "wording", "phrases"], &safety.wording.phrases),
        (
            &["safety", "referrals", "emergency"],
            &safety.referrals.emergency,
        ),
        (&["safety", "referrals", "urgent"], &safety.referrals.urgent),
        (&["safety", "referrals", "see-gp"], &safety.referrals.see_gp),
    ];
    lists
        .into_iter()
        .filter(|(_, list)| list.iter().any(|p| p.trim().is_empty()))
        .map(|(key, _)| {
            Problem::new(
                key,
                format!("{} has an empty entry", name(key)),
                "remove the empty text: an empty phrase would match everything or nothing",
            )
        })
        .collect()
}

/// Domains in `[safety.sources]` are bare host names: `nhs.uk`, not `https://www.nhs.uk/`.
fn source_domains(config: &Config) -> Vec<Problem> {
    let sources = &config.safety.sources;
    let named = sources.names.values().flatten();
    let lists: [(&'static [&'static str], Vec<&String>); 3] = [
        (
            &["safety", "sources", "trusted"],
            sources.trusted.iter().collect(),
        ),
        (
            &["safety", "sources", "resolvers"],
            sources.resolvers.iter().collect(),
        ),
        (&["safety", "sources", "names"], named.collect()),
    ];
    lists
        .into_iter()
        .filter_map(|(key, list)| {
            let bad = list.into_iter().find(|d| !is_domain(d))?;
            Some(Problem::new(
                key,
                format!("{} has `{bad}`, which is not a domain name", name(key)),
                "write the domain alone, in lowercase, e.g. `nhs.uk` (it covers www.nhs.uk and other subdomains)",
            ))
        })
        .collect()
}

fn is_domain(text: &str) -> bool {
    !text.is_empty()
        && text.contains('.')
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && !text.starts_with('.')
        && !text.ends_with('.')
}

fn cards(config: &Config) -> Option<Problem> {
    if !config.cards.enable {
        return None;
    }
    let why = config.cards.layout().err()?;
    Some(Problem::new(
        &["cards", "per-sheet"],
        format!("[cards] {why}"),
        "use per-sheet = 1, 2 or 4, or a smaller card size or larger sheet",
    ))
}

/// `[about]`: addresses readers can follow, reviewers a reader could check, labels a page can
/// name.
fn about(config: &Config) -> Vec<Problem> {
    let about = &config.about;
    let mut problems = Vec::new();
    let contacts: [(&'static [&'static str], &str); 2] = [
        (&["about", "feedback"], &about.feedback),
        (&["about", "formats"], &about.formats),
    ];
    for (key, address) in contacts {
        if let (false, Err(why)) = (address.trim().is_empty(), super::check_contact(address)) {
            problems.push(Problem::new(
                key,
                format!("{} {why}", name(key)),
                "give a page or an email address readers can use, e.g. \"https://example.org/feedback\" or \"mailto:guide@example.org\"",
            ));
        }
    }
    problems.extend(about.reviewers.iter().filter_map(reviewer));
    problems.extend(certainty_labels(&about.certainty));
    if about.authors.iter().any(|a| a.name.trim().is_empty()) {
        problems.push(Problem::new(
            &["about", "authors"],
            "[about] authors has an entry without a name".into(),
            "give each author a name and a role, e.g. { name = \"A. Writer\", role = \"wrote the pages\" }",
        ));
    }
    problems
}

/// A reviewer the about page names: a name, a role a reader could check, a real date.
fn reviewer(r: &super::Reviewer) -> Option<Problem> {
    let why = if r.name.trim().is_empty() || r.role.trim().is_empty() {
        "has a reviewer without a name or a role".to_string()
    } else if let Err(e) = crate::content::Date::parse(&r.date) {
        format!("gives {} a wrong date: {e}", r.name)
    } else {
        return None;
    };
    Some(Problem::new(
        &["about", "reviewers"],
        format!("[about] reviewers {why}"),
        "write each reviewer as { name = \"Dr A. Reviewer\", role = \"physiotherapist, HCPC PH12345\", date = \"2026-11-30\" }; list only people who reviewed the guide",
    ))
}

fn certainty_labels(levels: &[super::Certainty]) -> Option<Problem> {
    let plain = |id: &str| {
        !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    let mut seen = std::collections::HashSet::new();
    let bad = levels.iter().find(|c| {
        !plain(&c.id)
            || c.label.trim().is_empty()
            || c.meaning.trim().is_empty()
            || !seen.insert(c.id.as_str())
    })?;
    Some(Problem::new(
        &["about", "certainty"],
        format!(
            "[about] certainty `{}` needs a unique id of lowercase letters, digits and dashes, a label and a meaning",
            bad.id.escape_debug()
        ),
        "write each label as { id = \"expert-opinion\", label = \"Expert opinion\", meaning = \"What experts advise; there are no good studies.\" }",
    ))
}

#[cfg(test)]
mod tests {
    use super::super::Config;
    use crate::source::SourceFile;

    fn problems(text: &str) -> Vec<(String, usize)> {
        let source = SourceFile::new("book.toml", text.into());
        match Config::parse(&source) {
            Ok(_) => Vec::new(),
            Err(ds) => ds
                .into_iter()
                .map(|d| (d.message, d.location.map(|l| l.line).unwrap_or(0)))
                .collect(),
        }
    }

    #[test]
    fn values_that_would_switch_a_check_off_are_refused_at_their_line() {
        for bad in ["nan", "inf", "-1.0", "0.0"] {
            let found = problems(&format!(
                "[book]\ntitle = \"T\"\n[safety]\nmax-grade = {bad}\n"
            ));
            assert_eq!(found.len(), 1, "{bad}: {found:?}");
            assert_eq!(found[0].1, 4, "{found:?}");
        }
        let found = problems("[book]\ntitle = \"T\"\n[safety]\ncatch-all = [\"worried\", \" \"]\n");
        assert!(
            found[0].0.contains("[safety] catch-all has an empty entry"),
            "{found:?}"
        );
        let found = problems("[book]\ntitle = \"T\"\n[safety.referrals]\nsee-gp = [\"\"]\n");
        assert_eq!(found[0].1, 4, "{found:?}");
    }

    #[test]
    fn a_title_is_required() {
        assert_eq!(problems("").len(), 1);
        assert!(problems("[book]\ntitle = \"  \"\n")[0].0.contains("title"));
    }

    #[test]
    fn site_urls_and_domains_are_whole_and_clean() {
        for bad in [
            "https://o.github.io/g/?x=1",
            "https://o.github.io/g/#top",
            "https://o.github.io/my guide/",
            "https://o.github.io/g/\\n",
            "https://o.github.io:99999/",
            "https://user:pw@o.github.io/",
            "ftp://o.github.io/",
            "o.github.io",
        ] {
            let text = format!("[book]\ntitle = \"T\"\n[site]\nurl = \"{bad}\"\n");
            let found = problems(&text);
            assert_eq!(found.len(), 1, "{bad}: {found:?}");
            assert_eq!(found[0].1, 4, "{bad}: {found:?}");
        }
        assert!(
            problems("[book]\ntitle = \"T\"\n[site]\nurl = \"https://o.github.io:8443/g\"\n")
                .is_empty()
        );
        for bad in [
            "guide.example.org\\nx",
            "guide",
            "1.2.3.4",
            "https://guide.example.org",
            "a b.org",
        ] {
            let text = format!("[book]\ntitle = \"T\"\n[site]\ncname = \"{bad}\"\n");
            assert_eq!(problems(&text).len(), 1, "{bad}");
        }
    }
}
