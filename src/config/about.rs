//! `[about]`: what the generated about page says about who made the guide, how it was checked
//! and how to reach them. Health-information standards (the UK's PIF TICK among them) expect a
//! reader to find this; the build warns for each part a guide leaves out (`checks/about.rs`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct AboutConfig {
    /// The page's title and the footer link's text (the locale's default).
    pub title: String,
    /// Who wrote the guide, each with what they did.
    pub authors: Vec<Contributor>,
    /// Health professionals who reviewed the content, with when. None: the page says so.
    pub reviewers: Vec<Reviewer>,
    /// How the guide is written, checked and kept up to date.
    pub process: String,
    /// How the people the guide is for took part in making it.
    pub involvement: String,
    /// Interests that could sway the advice, or that there are none.
    pub conflicts: String,
    /// Who pays for the guide.
    pub funding: String,
    /// Where readers send comments and corrections: an https or mailto address.
    pub feedback: String,
    /// Where readers ask for another format (large print, audio, easy read); the feedback
    /// address when empty.
    pub formats: String,
    /// What each certainty label a page may carry (front matter `certainty`) means.
    pub certainty: Vec<Certainty>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Contributor {
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Reviewer {
    pub name: String,
    /// Their profession and registration, as a reader could check it.
    pub role: String,
    /// When they reviewed it, YYYY-MM-DD.
    pub date: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Certainty {
    /// What front matter writes: `certainty: expert-opinion`.
    pub id: String,
    /// What the page shows.
    pub label: String,
    /// What it means, in plain words.
    pub meaning: String,
}

impl AboutConfig {
    /// The address for asking for another format.
    pub fn formats_address(&self) -> &str {
        match self.formats.trim() {
            "" => self.feedback.trim(),
            formats => formats,
        }
    }

    pub fn certainty(&self, id: &str) -> Option<&Certainty> {
        self.certainty.iter().find(|c| c.id == id)
    }
}

/// An address readers can follow from the about page: https, or mailto with an address.
pub fn check_contact(address: &str) -> Result<(), String> {
    let shown = address.escape_debug();
    let parsed = url::Url::parse(address.trim())
        .map_err(|e| format!("`{shown}` is not a web or email address ({e})"))?;
    match parsed.scheme() {
        "https" if parsed.host_str().is_some_and(|h| h.contains('.')) => Ok(()),
        "mailto" if parsed.path().contains('@') => Ok(()),
        "https" | "mailto" => Err(format!("`{shown}` is not a complete address")),
        other => Err(format!(
            "`{shown}` starts with {other}:, not https:// or mailto:"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_email_addresses_are_contacts() {
        assert!(check_contact("https://example.org/feedback").is_ok());
        assert!(check_contact("mailto:guide@example.org").is_ok());
        assert!(check_contact("javascript:alert(1)").is_err());
        assert!(check_contact("http://example.org").is_err());
        assert!(check_contact("mailto:nobody").is_err());
        assert!(check_contact("example.org").is_err());
    }

    #[test]
    fn formats_fall_back_to_feedback() {
        let mut about = AboutConfig {
            feedback: "mailto:a@b.org".into(),
            ..AboutConfig::default()
        };
        assert_eq!(about.formats_address(), "mailto:a@b.org");
        about.formats = "https://b.org/formats".into();
        assert_eq!(about.formats_address(), "https://b.org/formats");
    }
}
