//! Which link and image addresses written in Markdown may reach the HTML: web and e-mail
//! addresses, phone numbers and relative paths. Anything with another scheme (`javascript:`,
//! `data:`, `vbscript:`, `file:`...) is refused, however its scheme is spelt: the address is
//! read the way a browser reads it (WHATWG URL parsing, which ignores case, surrounding
//! spaces and control characters, and tabs or line breaks inside the scheme).

/// The schemes a link or image may use. Raw HTML is held to the same list.
pub const ALLOWED: [&str; 4] = ["http", "https", "mailto", "tel"];

/// What kind of address a link destination is.
#[derive(Debug, PartialEq, Eq)]
pub enum Kind {
    /// An absolute address with an allowed scheme, or a protocol-relative `//host/...`.
    External,
    /// A path relative to the page (or to the guide root, with a leading `/`).
    Relative,
    /// An absolute address whose scheme is not allowed (lowercased).
    Refused(String),
    /// An absolute address a browser could not read, and why.
    Malformed(String),
}

pub fn kind(dest: &str) -> Kind {
    if !dest.contains(':') {
        // No scheme without a colon: most links are relative paths, and need no parsing.
        return match protocol_relative(dest) {
            true => Kind::External,
            false => Kind::Relative,
        };
    }
    match url::Url::parse(dest) {
        Ok(url) if ALLOWED.contains(&url.scheme()) => Kind::External,
        Ok(url) => Kind::Refused(url.scheme().to_string()),
        Err(url::ParseError::RelativeUrlWithoutBase) if protocol_relative(dest) => Kind::External,
        Err(url::ParseError::RelativeUrlWithoutBase) => Kind::Relative,
        Err(e) => Kind::Malformed(e.to_string()),
    }
}

/// `//host/path` (after the leading spaces and controls a browser ignores).
fn protocol_relative(dest: &str) -> bool {
    let start = dest.trim_start_matches(|c: char| c <= ' ');
    let mut slashes = start
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(2);
    matches!(
        (slashes.next(), slashes.next()),
        (Some('/' | '\\'), Some('/' | '\\'))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn executable_schemes_are_refused_however_they_are_spelt() {
        for dest in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "  javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox",
            "data:text/html,<script>alert(1)</script>",
            "DATA:image/png;base64,AAAA",
            "file:///etc/passwd",
        ] {
            assert!(matches!(kind(dest), Kind::Refused(_)), "{dest:?}");
        }
        assert_eq!(kind("javascript:x"), Kind::Refused("javascript".into()));
    }

    #[test]
    fn web_mail_phone_and_relative_addresses_are_allowed() {
        for dest in [
            "https://www.nhs.uk/",
            "HTTP://x.org",
            "mailto:a@b.org",
            "tel:111",
        ] {
            assert_eq!(kind(dest), Kind::External, "{dest}");
        }
        assert_eq!(kind("//cdn.example.org/x.png"), Kind::External);
        for dest in [
            "../a.md#x",
            "#steps",
            "img/a.png",
            "/faq.md",
            "a.md?x:y",
            "javascript%3Aalert(1)",
            "",
        ] {
            assert_eq!(kind(dest), Kind::Relative, "{dest}");
        }
        assert!(matches!(kind("https://[::1"), Kind::Malformed(_)));
    }
}
