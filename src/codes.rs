//! Every diagnostic code, with a one-line explanation. `carebook check --explain CODE` prints it,
//! and the README's table is checked against this list by a test.

pub struct Code {
    pub name: &'static str,
    pub summary: &'static str,
}

pub const CODES: &[Code] = &[
    Code {
        name: "config",
        summary: "book.toml is missing, unreadable, has an unknown key or a bad value.",
    },
    Code {
        name: "io",
        summary: "A file or folder could not be read or written.",
    },
    Code {
        name: "template",
        summary: "A theme template does not compile or failed to render.",
    },
    Code {
        name: "dangerous-output-dir",
        summary: "The output folder would replace the guide, its content or themes, or files carebook did not write.",
    },
    Code {
        name: "not-utf8",
        summary: "A Markdown file is not saved as UTF-8 text.",
    },
    Code {
        name: "missing-front-matter",
        summary: "A page does not start with a `---` front matter block.",
    },
    Code {
        name: "unclosed-front-matter",
        summary: "A front matter block has no closing `---` line.",
    },
    Code {
        name: "front-matter-too-large",
        summary: "A front matter block is over 64 KiB.",
    },
    Code {
        name: "yaml-syntax",
        summary: "The front matter is not valid YAML.",
    },
    Code {
        name: "unknown-field",
        summary: "The front matter has a field carebook does not know (often a typo).",
    },
    Code {
        name: "wrong-type",
        summary: "A front matter field has the wrong kind of value (text, number, date or list).",
    },
    Code {
        name: "bad-date",
        summary: "A date is not a real date written as YYYY-MM-DD.",
    },
    Code {
        name: "missing-title",
        summary: "A page has no `title`.",
    },
    Code {
        name: "technique-field",
        summary: "A technique-only field is used on a page that is not `kind: technique`.",
    },
    Code {
        name: "review-order",
        summary: "`next-review` is not after `reviewed`.",
    },
    Code {
        name: "bad-source-url",
        summary: "A source's `url` is not a complete https address.",
    },
    Code {
        name: "broken-related",
        summary: "A `related` entry names a page that does not exist.",
    },
    Code {
        name: "duplicate-slug",
        summary: "Two files would be published at the same address.",
    },
    Code {
        name: "missing-home-page",
        summary: "The content folder has no index.md.",
    },
    Code {
        name: "extra-h1",
        summary: "A page body uses a level-1 heading; the title is the page's only one.",
    },
    Code {
        name: "duplicate-id",
        summary: "Two headings on one page have the same explicit `{#id}`.",
    },
    Code {
        name: "broken-link",
        summary: "A link points at a page or file that does not exist.",
    },
    Code {
        name: "broken-anchor",
        summary: "A link's `#anchor` is not the id of a heading on the target page.",
    },
    Code {
        name: "unknown-callout",
        summary: "A `> [!KIND]` callout uses a kind carebook does not know.",
    },
    Code {
        name: "missing-steps",
        summary: "A technique page has no numbered list under its `## Steps` heading.",
    },
    Code {
        name: "unknown-condition",
        summary: "A contraindication is not described on the conditions page.",
    },
    Code {
        name: "missing-conditions-page",
        summary: "Techniques list contraindications but the conditions page is missing.",
    },
];

pub fn find(name: &str) -> Option<&'static Code> {
    CODES.iter().find(|c| c.name == name)
}
