//! Built-in locales: the settings a guide starts from for its language and country (care card
//! headings with the country's numbers, the services and referral phrases of each level of
//! care, where to find emergency care, wording that overpromises). They are data, in
//! `locales/*.toml` (book.toml's own tables), not code: a guide's book.toml lays its settings
//! over them, key by key.

/// Each built-in locale's file.
const BUILT_IN: &[&str] = &[include_str!("../../locales/en-GB.toml")];

/// The languages with built-in settings, for messages.
pub fn known() -> Vec<String> {
    BUILT_IN
        .iter()
        .filter_map(|text| parse(text).map(|(language, _, _)| language))
        .collect()
}

/// The built-in settings for `language` (such as `en-GB`, or `en` when a locale says it also
/// serves it), as book.toml tables.
pub fn defaults_for(language: &str) -> Option<toml::Table> {
    BUILT_IN
        .iter()
        .filter_map(|text| parse(text))
        .find_map(|(name, also, table)| {
            let serves = name.eq_ignore_ascii_case(language)
                || also.iter().any(|a| a.eq_ignore_ascii_case(language));
            serves.then_some(table)
        })
}

/// A locale file: its language, the languages it also serves, and its settings.
fn parse(text: &str) -> Option<(String, Vec<String>, toml::Table)> {
    let mut table: toml::Table = toml::from_str(text).ok()?;
    let toml::Value::Table(locale) = table.remove("locale")? else {
        return None;
    };
    let language = locale.get("language")?.as_str()?.to_string();
    let also = locale
        .get("also-for")
        .and_then(toml::Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    Some((language, also, table))
}

/// Lay `over` onto `base`: tables are merged key by key, any other value replaces the base's.
pub fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(value)) => merge(inner, value),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_locale_reads_as_settings() {
        assert_eq!(known(), ["en-GB"]);
        for language in ["en-GB", "en-gb", "en"] {
            let table = defaults_for(language).expect(language);
            let config: super::super::Config = toml::Value::Table(table).try_into().unwrap();
            assert!(config.safety.headings.emergency.ends_with("if:"));
            assert!(!config.safety.referrals.see_gp.is_empty());
        }
        assert!(
            defaults_for("en-US").is_none(),
            "no country's numbers for another country"
        );
        assert!(defaults_for("fr").is_none());
    }

    #[test]
    fn a_guides_settings_win_key_by_key() {
        let mut base: toml::Table = toml::from_str("[a]\nx = 1\ny = [1]\n[b]\nz = 1\n").unwrap();
        merge(&mut base, toml::from_str("[a]\ny = [2]\n").unwrap());
        assert_eq!(base.to_string(), "[a]\nx = 1\ny = [2]\n\n[b]\nz = 1\n");
    }
}
