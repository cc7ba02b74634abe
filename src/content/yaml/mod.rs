//! The one place that knows which YAML library parses front matter (serde-saphyr), so it can
//! be swapped. Errors come back with line and column relative to the YAML text.

mod spans;

pub use spans::{Spans, Step};

/// Which part of a `key: value` pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Key,
    Value,
}

use serde::de::DeserializeOwned;

/// A YAML problem with a 1-based position inside the YAML text (0 when unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub line: usize,
    pub col: usize,
}

/// Parse YAML into `T`. Depth, alias and size limits come from serde-saphyr's default budget;
/// `yes`/`no` stay strings (strict booleans) and duplicate keys are errors.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let options = serde_saphyr::options! {
        with_snippet: false,
        strict_booleans: true,
    };
    serde_saphyr::from_str_with_options(text, options).map_err(|e| {
        let (line, col) = e
            .location()
            .map(|l| (l.line() as usize, l.column() as usize))
            .unwrap_or((0, 0));
        YamlError {
            message: clean_message(&e.to_string()),
            line,
            col,
        }
    })
}

/// serde-saphyr appends " at line L column C"; we print positions ourselves.
fn clean_message(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message);
    match first.find(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        a: String,
        n: Option<u32>,
    }

    #[test]
    fn reports_positions() {
        let e = from_str::<T>("a: x\nb: y\n").unwrap_err();
        assert!(e.message.contains("unknown field `b`"), "{e:?}");
        assert_eq!(e.line, 2);
        let e = from_str::<T>("a: x\nn: lots\n").unwrap_err();
        assert_eq!(e.line, 2, "{e:?}");
    }

    #[test]
    fn syntax_errors_have_lines() {
        let e = from_str::<T>("a: [x\nn: 1\n").unwrap_err();
        assert!(e.line >= 1, "{e:?}");
    }
}
