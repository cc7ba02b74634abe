//! Sources a reader can trust: each source of a page or of a registry entry is on a trusted
//! domain (`[safety.sources]`), and a title that names an organisation is on one of that
//! organisation's domains (a blog titled "NHS advice" is not the NHS). Both are warnings: a
//! guide may rely on a publisher carebook does not know, once it says so in book.toml.

use super::CheckContext;
use crate::codes::Code;
use crate::config::Sources;
use crate::content::SourceRef;
use crate::content::registry::Entry;
use crate::content::value_location;
use crate::diagnostics::{Diagnostic, Location};

pub(super) fn check(ctx: &CheckContext<'_>) -> Vec<Diagnostic> {
    let rules = &ctx.config.safety.sources;
    let mut found = Vec::new();
    for page in ctx
        .guide
        .pages
        .iter()
        .filter(|p| p.front_ok && !p.generated)
    {
        for (n, source) in page.front.sources.iter().enumerate() {
            let at = |field: &str| {
                Some(value_location(
                    page,
                    &["sources".into(), n.into(), field.into()],
                ))
            };
            found.extend(problems(source, rules, at));
        }
    }
    let registry = &ctx.guide.registry;
    let flags = registry.registry.red_flags.iter_enumerated();
    let entries = registry
        .registry
        .conditions
        .iter()
        .enumerate()
        .map(|(i, c)| (Entry::Condition(i), &c.sources))
        .chain(flags.map(|(f, flag)| (Entry::Flag(f), &flag.sources)));
    for (entry, sources) in entries {
        for (n, source) in sources.iter().enumerate() {
            let at = |field: &str| {
                let path = ["sources".into(), n.into(), field.into()];
                registry.at_path(entry, &path)
            };
            found.extend(problems(source, rules, at));
        }
    }
    found
}

/// The warnings for one source; `at(field)` says where its `url` or `title` is written.
fn problems(
    source: &SourceRef,
    rules: &Sources,
    at: impl Fn(&str) -> Option<Location>,
) -> Vec<Diagnostic> {
    let placed = |d: Diagnostic, field: &str| match at(field) {
        Some(location) => d.at(location),
        None => d,
    };
    // An address that does not parse is already a `bad-source-url` error.
    let Some(host) = host(&source.url) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    if !rules.trusted().any(|d| on(&host, d)) {
        found.push(placed(untrusted(&host, rules), "url"));
    }
    if let Some((name, domains)) = misnamed(&source.title, &host, rules) {
        let d = Diagnostic::warning(
            Code::SourceTitleMismatch,
            format!(
                "this source's title names {name}, but its address is on {host}, not {}",
                domains.join(" or ")
            ),
        )
        .help(format!(
            "link to {name}'s own page (on {}), or retitle the source with who published it",
            domains.join(" or ")
        ));
        found.push(placed(d, "title"));
    }
    found
}

fn untrusted(host: &str, rules: &Sources) -> Diagnostic {
    let mut trusted: Vec<&str> = rules.trusted().take(6).collect();
    if rules.trusted().nth(6).is_some() {
        trusted.push("...");
    }
    Diagnostic::warning(
        Code::UntrustedSource,
        format!("{host} is not a trusted source of health advice for this guide"),
    )
    .help(format!(
        "cite a page of a health service or public health body that supports the claim ({}); if this publisher is trustworthy, add `{host}` to [safety.sources] trusted in book.toml",
        trusted.join(", ")
    ))
}

/// The first organisation the title names whose domains the address is not on (unless the
/// address is a resolver such as doi.org, which forwards to the publisher).
fn misnamed<'r>(title: &str, host: &str, rules: &'r Sources) -> Option<(&'r str, &'r [String])> {
    if rules.resolvers.iter().any(|d| on(host, d)) {
        return None;
    }
    rules
        .names
        .iter()
        .filter(|(name, _)| names(title, name))
        .find(|(_, domains)| !domains.iter().any(|d| on(host, d)))
        .map(|(name, domains)| (name.as_str(), domains.as_slice()))
}

/// Whether `title` has `name` as a whole word (organisation names are proper nouns: case
/// counts, so "a nice guide" does not name NICE).
fn names(title: &str, name: &str) -> bool {
    title.match_indices(name).any(|(i, _)| {
        let before = title[..i].chars().next_back();
        let after = title[i + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The address's host in lowercase, without a trailing dot.
fn host(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    let host = parsed
        .host_str()?
        .trim_end_matches('.')
        .to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

/// Whether `host` is `domain` or one of its subdomains.
fn on(host: &str, domain: &str) -> bool {
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|rest| rest.ends_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_domain_covers_its_subdomains_only() {
        assert!(on("www.nhs.uk", "nhs.uk"));
        assert!(on("nhs.uk", "nhs.uk"));
        assert!(!on("fakenhs.uk", "nhs.uk"));
        assert!(!on("nhs.uk.example.com", "nhs.uk"));
        assert_eq!(host("https://WWW.NHS.UK./x").as_deref(), Some("www.nhs.uk"));
    }

    #[test]
    fn names_are_whole_words_and_case_counts() {
        assert!(names("NHS: Back pain", "NHS"));
        assert!(names("Advice from the NHS.", "NHS"));
        assert!(!names("A nice guide", "NICE"));
        assert!(!names("NHSX blog", "NHS"));
        assert!(names("Who we are (WHO)", "WHO"));
    }
}
