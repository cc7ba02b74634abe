//! Every diagnostic code, with a one-line summary and a longer explanation.
//! `carebook check --explain CODE` prints both; the README's table is checked against this list.

pub struct Code {
    pub name: &'static str,
    pub summary: &'static str,
    pub explanation: &'static str,
}

pub const CODES: &[Code] = &[
    Code {
        name: "config",
        summary: "book.toml is missing, unreadable, has an unknown key or a bad value.",
        explanation: "carebook reads book.toml before anything else. Unknown keys are errors, so a typo never silently switches a setting off; the message names the nearest valid key. Values such as [site] url must be complete (https://owner.github.io/guide/).",
    },
    Code {
        name: "io",
        summary: "A file or folder could not be read or written.",
        explanation: "Check that the file exists and that you may read it, and that the output folder can be written.",
    },
    Code {
        name: "template",
        summary: "A theme template does not compile or failed to render.",
        explanation: "A file in themes/<name>/templates/ overrides the built-in theme. Fix the template syntax (Tera 2), or delete the file to use the built-in one.",
    },
    Code {
        name: "dangerous-output-dir",
        summary: "The output folder would replace the guide, its content or themes, or files carebook did not write.",
        explanation: "carebook replaces its output folder on every build. To make sure that can never delete your work, it refuses an output folder that is, or contains, the guide folder, the content folder or the themes folder, one inside the content folder, one outside the guide without an explicit --dest, and an existing folder without its .carebook-output marker.",
    },
    Code {
        name: "not-utf8",
        summary: "A Markdown file is not saved as UTF-8 text.",
        explanation: "Save the file as UTF-8 in your editor (most editors offer it under 'Save with encoding').",
    },
    Code {
        name: "page-too-large",
        summary: "A page is larger than 2 MiB.",
        explanation: "carebook refuses a page over 2 MiB before it parses it: no self-care page needs that much text, and a file that large is usually a mistake (a pasted export, a generated file). Split it into several pages.",
    },
    Code {
        name: "symlink",
        summary: "A file or folder in the content folder is a symbolic link, which carebook does not follow.",
        explanation: "carebook never follows symbolic links in the content folder, so a guide can only publish what is inside its own folder. The link is reported, not silently skipped: replace it with the file or folder itself.",
    },
    Code {
        name: "table-too-large",
        summary: "A table has more than 5,000 cells.",
        explanation: "A table this large cannot be read on a phone, and rendering it would take a great deal of memory. Split it into smaller tables, or write it as a list.",
    },
    Code {
        name: "code-block-too-large",
        summary: "A code block is longer than 2,000 lines or 128 KiB.",
        explanation: "Highlighting a very long code block is slow, and a self-care guide has no need for one. Shorten it, or link to the file.",
    },
    Code {
        name: "nesting-too-deep",
        summary: "Quotes, lists or raw HTML elements nest more than 64 levels deep.",
        explanation: "Nesting that deep is never needed for a reader (two or three levels are hard enough to follow), and it makes parsing the page slow. Close every HTML element you open, and flatten the structure.",
    },
    Code {
        name: "reserved-path",
        summary: "A page or file would be published where carebook writes one of its own files.",
        explanation: "carebook writes some files itself: 404.html, print.html, search-index.js, robots.txt, sitemap.xml, CNAME, .nojekyll, the theme's files under theme/ and the step cards under cards/. A page or file of the guide that would be published at the same address is an error that names both, instead of one silently replacing the other. Rename or move the page or file.",
    },
    Code {
        name: "unsafe-html",
        summary: "Raw HTML holds an element carebook removes with its content (<script>, <style>, <iframe>, <textarea>...).",
        explanation: "Scripts, styles, embedded frames and text areas never reach a published page. Their content goes with them, up to their end tag, and one left open would swallow the rest of the page (in Markdown, an unclosed <script>, <style> or <textarea> makes everything after it raw HTML). So a page that holds one does not build: remove it.",
    },
    Code {
        name: "callout-in-html",
        summary: "A care card or warning callout sits inside raw HTML that would hide it or change how it reads.",
        explanation: "A callout inside an open <details> is folded away until the reader opens it; inside <del>, <s>, <small>, <sub>, <sup>, <q> or a link it is struck through, shrunk or made a link. Care cards and warnings must show as they are: close the HTML element before the callout.",
    },
    Code {
        name: "missing-front-matter",
        summary: "A page does not start with a `---` front matter block.",
        explanation: "Every page starts with a block of fields between two lines of three dashes: ---, then title: Your title, then ---.",
    },
    Code {
        name: "unclosed-front-matter",
        summary: "A front matter block has no closing `---` line.",
        explanation: "Add a line with only --- after the last field; everything after it is the page body.",
    },
    Code {
        name: "front-matter-too-large",
        summary: "A front matter block is over 64 KiB.",
        explanation: "Front matter holds short fields. Move long text into the page body.",
    },
    Code {
        name: "yaml-syntax",
        summary: "The front matter is not valid YAML.",
        explanation: "Each line is `key: value`. Put text in quotes when it contains `: ` or starts with a symbol such as [, {, * or &. Indent list items under their key.",
    },
    Code {
        name: "unknown-field",
        summary: "The front matter has a field carebook does not know (often a typo).",
        explanation: "carebook rejects fields it does not know, so a misspelt safety field is never ignored. The message suggests the nearest valid field.",
    },
    Code {
        name: "wrong-type",
        summary: "A front matter field has the wrong kind of value (text, number, date or list).",
        explanation: "order is a whole number; reviewed and next-review are dates; sources, related, equipment and contraindications are lists; kind is page, technique or faq.",
    },
    Code {
        name: "bad-date",
        summary: "A date is not a real date written as YYYY-MM-DD.",
        explanation: "Write dates as year-month-day with leading zeros, e.g. 2026-11-20. The day must exist in that month.",
    },
    Code {
        name: "missing-title",
        summary: "A page has no `title`.",
        explanation: "Add `title: Your page title` to the front matter; it is the page's heading and its name in menus.",
    },
    Code {
        name: "technique-field",
        summary: "A technique-only field is used on a page that is not `kind: technique`.",
        explanation: "duration, position, equipment, repetitions, hold and contraindications describe techniques. Add `kind: technique` or remove the field.",
    },
    Code {
        name: "review-order",
        summary: "`next-review` is not after `reviewed`.",
        explanation: "The next review must come after the last one.",
    },
    Code {
        name: "bad-source-url",
        summary: "A source's `url` is not a complete https address.",
        explanation: "Sources let readers and reviewers check the advice. Give the full address, starting with https://.",
    },
    Code {
        name: "broken-related",
        summary: "A `related` entry names a page that does not exist.",
        explanation: "Write the path of another page's .md file, relative to this page, e.g. ../prevention.md.",
    },
    Code {
        name: "duplicate-slug",
        summary: "Two files would be published at the same address.",
        explanation: "File names become web addresses, ignoring case and punctuation, so a_b.md and a-b.md clash. Rename one.",
    },
    Code {
        name: "missing-home-page",
        summary: "The content folder has no index.md.",
        explanation: "The home page introduces the guide. Add content/index.md with a title.",
    },
    Code {
        name: "extra-h1",
        summary: "A page body uses a level-1 heading; the title is the page's only one.",
        explanation: "Each page has exactly one top-level heading, made from its title. Start headings in the body at ##.",
    },
    Code {
        name: "duplicate-id",
        summary: "Two headings on one page have the same explicit `{#id}`.",
        explanation: "Links use heading ids, so each must be unique on its page.",
    },
    Code {
        name: "broken-link",
        summary: "A link points at a page or file that does not exist.",
        explanation: "Link to other pages by their .md file, relative to the page you are editing, e.g. [help](../when-to-get-help.md). The build turns these into web addresses.",
    },
    Code {
        name: "unsafe-link",
        summary: "A link or image uses an address scheme other than http, https, mailto or tel.",
        explanation: "Addresses such as javascript:, data:, vbscript: or file: can run code in the reader's browser, or open something other than what the text promises, so a guide that contains one does not build. This covers every way Markdown writes an address (links, images, reference definitions, autolinks, footnotes) and any spelling of the scheme (capitals, spaces, tabs or entities). Link to web pages, e-mail addresses, phone numbers, or files of the guide by their relative path.",
    },
    Code {
        name: "broken-anchor",
        summary: "A link's `#anchor` is not the id of a heading on the target page.",
        explanation: "A heading's id is its text in lowercase with hyphens (What you should feel -> #what-you-should-feel), or the {#id} written after it. The message suggests the nearest id.",
    },
    Code {
        name: "unknown-callout",
        summary: "A `> [!KIND]` callout uses a kind carebook does not know.",
        explanation: "Callout kinds are EMERGENCY, URGENT, SEE-GP (care cards), STOP-IF, CAUTION, WARNING, IMPORTANT (warnings), NOTE and TIP. A misspelt kind would otherwise show as a plain quote, hiding a safety message.",
    },
    Code {
        name: "unknown-directive",
        summary: "A `{{ ... }}` line is not a directive carebook knows.",
        explanation: "Directives place registry content: {{ red-flags emergency }} (or urgent, see-gp) lists the red flags of that level; {{ condition ID }} places a condition's entry. Each stands alone on its line.",
    },
    Code {
        name: "registry",
        summary: "The safety registry file is not valid, or an entry's id is repeated or malformed.",
        explanation: "The registry (content/safety.yaml) is the one source of truth for conditions and red flags. Ids are lowercase words joined by hyphens and unique; each red flag has words that identify it in text.",
    },
    Code {
        name: "missing-steps",
        summary: "A technique page has no numbered list under its `## Steps` heading.",
        explanation: "A technique's steps are the numbered list under ## Steps; cards and print use it.",
    },
    Code {
        name: "technique-no-stop-if",
        summary: "A technique page has no `> [!STOP-IF]` callout.",
        explanation: "Every technique must say when to stop at once: worse pain, numbness, tingling or weakness, pain spreading down a leg, dizziness.",
    },
    Code {
        name: "technique-no-contraindication",
        summary: "A technique page lists no contraindications.",
        explanation: "Every technique must name who should not do it, as condition ids from the registry.",
    },
    Code {
        name: "technique-no-help-link",
        summary: "A technique page does not link to the help page.",
        explanation: "Every technique links to the page that explains when and where to get help ([safety] help-page).",
    },
    Code {
        name: "unknown-condition",
        summary: "A contraindication or `{{ condition }}` names no condition in the registry.",
        explanation: "Contraindications are ids of conditions in the registry. The message suggests the nearest id.",
    },
    Code {
        name: "condition-not-described",
        summary: "A registry condition is not described on the conditions page.",
        explanation: "Each condition needs an entry at a stable anchor on the conditions page, so technique pages can link to it. Add {{ condition ID }} there.",
    },
    Code {
        name: "condition-unused",
        summary: "No technique lists a registry condition, and it is not marked `general`.",
        explanation: "A condition no technique uses is either missing from a technique's contraindications, or applies generally: then mark it general: true.",
    },
    Code {
        name: "red-flag-missing",
        summary: "A red flag is not in any care card of its own level.",
        explanation: "Every red flag in the registry must appear in a care card of exactly its level (emergency, urgent or see-gp), usually on the help page via {{ red-flags LEVEL }}.",
    },
    Code {
        name: "red-flag-under-graded",
        summary: "A red-flag sign sits in a care card of a lower level, or in text that sends the reader to a lower level of care.",
        explanation: "Sending a red-flag sign to a lower level of care can delay treatment. Loss of bladder or bowel control, for example, is an emergency (999 or A&E now), never 'see a GP'. The check matches each red flag's words in care cards and in sentences that refer the reader to a level of care ([safety.referrals]).",
    },
    Code {
        name: "care-card-empty",
        summary: "A care card lists no signs.",
        explanation: "A care card is a call to action followed by the signs it applies to.",
    },
    Code {
        name: "care-card-too-long",
        summary: "A care card lists more than 5 signs.",
        explanation: "NHS care cards list at most about five signs so they can be read at a glance. An urgent card may have a sixth, catch-all sign (\"you're worried\").",
    },
    Code {
        name: "card-overflow",
        summary: "A technique's printable step card would not fit its paper, even on two sides.",
        explanation: "Each technique gets a step card sized to [cards] size. carebook estimates the card's height from its text; a card that does not fit on one side prints on two (steps on the front, safety on the back). If either side is still too tall, shorten or merge steps, or choose a larger card size.",
    },
    Code {
        name: "card-no-emergency-signs",
        summary: "The guide has techniques, so step cards, but the registry has no emergency red flags for them.",
        explanation: "Every step card ends with the signs that need emergency care, taken from the registry, so a card is never printed without them. Add red flags with level: emergency to the registry.",
    },
    Code {
        name: "care-card-heading",
        summary: "A care card's custom heading does not end with \"if:\" (a warning).",
        explanation: "NHS care cards start with one call to action that leads into the list of signs, such as \"Call 111 today if:\". Text after the marker replaces the default heading.",
    },
    Code {
        name: "emergency-card-link",
        summary: "An emergency care card contains a link other than the one to find emergency care.",
        explanation: "Emergency cards ask for action now. The only link allowed is [safety] emergency-care-url.",
    },
    Code {
        name: "too-many-warnings",
        summary: "A page has more warning-style callouts than `[safety] max-warnings`.",
        explanation: "Warnings lose their force when there are many. Keep at most two per page (configurable) for what could affect health.",
    },
    Code {
        name: "missing-review-date",
        summary: "A page has no `reviewed` or `next-review` date.",
        explanation: "Readers need to know how current health advice is. Every page shows when it was last reviewed and when the next review is due.",
    },
    Code {
        name: "review-interval",
        summary: "`next-review` is further after `reviewed` than `[safety] max-review-years`.",
        explanation: "Health content is reviewed at least every three years by default.",
    },
    Code {
        name: "review-overdue",
        summary: "A page's `next-review` date has passed.",
        explanation: "Review the page against its sources, then update both dates. --allow-overdue, or [safety] overdue = \"warning\", reports this as a warning for local previews. CAREBOOK_TODAY=YYYY-MM-DD judges reviews against another date.",
    },
    Code {
        name: "review-in-future",
        summary: "A page's `reviewed` date is after today.",
        explanation: "Set reviewed to the date the page was actually reviewed.",
    },
    Code {
        name: "missing-sources",
        summary: "A technique page or safety page lists no sources.",
        explanation: "Pages that give health advice list at least one source with a full https address.",
    },
    Code {
        name: "overpromise",
        summary: "A page uses wording that promises more than self-care advice can.",
        explanation: "Phrases such as 'completely safe' or 'puts your spine back in place' promise what no self-care advice can. Say what is known and who should not do it. [safety.wording] extends or replaces the list.",
    },
    Code {
        name: "readability",
        summary: "A page reads above the guide's maximum Flesch-Kincaid grade.",
        explanation: "NHS content aims at a reading age of 9 to 11. Use shorter sentences and everyday words. `carebook check` prints every page's grade; [safety] max-grade sets the limit (default 8). Pages under 100 words are not scored.",
    },
];

pub fn find(name: &str) -> Option<&'static Code> {
    CODES.iter().find(|c| c.name == name)
}
