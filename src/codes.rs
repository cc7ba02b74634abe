//! Every diagnostic code: its stable name, a one-line summary and a longer explanation.
//! `carebook check --explain CODE` prints them, and README.md's table of codes is checked
//! against this list (tests/codes.rs), so neither can drift from the codes carebook emits.

/// Declares [`Code`] and what each code says about itself.
macro_rules! codes {
    ($($variant:ident = $name:literal { $summary:expr, $explanation:expr $(,)? })*) => {
        /// What kind of problem a diagnostic reports.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            /// Every code, in the order README.md's table lists them.
            pub const ALL: &[Code] = &[$(Code::$variant,)*];

            /// The stable name printed with each diagnostic, e.g. `unknown-field`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// One line: what the problem is.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Code::$variant => $summary,)*
                }
            }

            /// Why it matters and how to fix it.
            pub fn explanation(self) -> &'static str {
                match self {
                    $(Code::$variant => $explanation,)*
                }
            }
        }
    };
}

impl Code {
    /// The code with this name.
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.name() == name)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

codes! {
    Config = "config" {
        "book.toml is missing, unreadable, has an unknown key or a bad value.",
        "carebook reads book.toml before anything else. Unknown keys are errors, so a typo never silently switches a setting off; the message names the nearest valid key. Values such as [site] url must be complete (https://owner.github.io/guide/).",
    }
    Io = "io" {
        "A file or folder could not be read or written.",
        "Check that the file exists and that you may read it, and that the output folder can be written.",
    }
    Template = "template" {
        "A theme template does not compile or failed to render.",
        "A file in themes/<name>/templates/ overrides the built-in theme. Fix the template syntax (Tera 2), or delete the file to use the built-in one.",
    }
    DangerousOutputDir = "dangerous-output-dir" {
        "The output folder would replace the guide, its content or themes, or files carebook did not write.",
        "carebook replaces its output folder on every build. To make sure that can never delete your work, it refuses an output folder that is, or contains, the guide folder, the content folder or the themes folder, one inside the content folder, one outside the guide without an explicit --dest, and an existing folder without its .carebook-output marker.",
    }
    NotUtf8 = "not-utf8" {
        "A Markdown file is not saved as UTF-8 text.",
        "Save the file as UTF-8 in your editor (most editors offer it under 'Save with encoding').",
    }
    PageTooLarge = "page-too-large" {
        "A page is larger than 2 MiB.",
        "carebook refuses a page over 2 MiB before it parses it: no self-care page needs that much text, and a file that large is usually a mistake (a pasted export, a generated file). Split it into several pages.",
    }
    Symlink = "symlink" {
        "A file or folder in the content folder is a symbolic link, which carebook does not follow.",
        "carebook never follows symbolic links in the content folder, so a guide can only publish what is inside its own folder. The link is reported, not silently skipped: replace it with the file or folder itself.",
    }
    TableTooLarge = "table-too-large" {
        "A table has more than 5,000 cells.",
        "A table this large cannot be read on a phone, and rendering it would take a great deal of memory. Split it into smaller tables, or write it as a list.",
    }
    CodeBlockTooLarge = "code-block-too-large" {
        "A code block is longer than 2,000 lines or 128 KiB.",
        "Highlighting a very long code block is slow, and a self-care guide has no need for one. Shorten it, or link to the file.",
    }
    NestingTooDeep = "nesting-too-deep" {
        "Quotes, lists or raw HTML elements nest more than 64 levels deep.",
        "Nesting that deep is never needed for a reader (two or three levels are hard enough to follow), and it makes parsing the page slow. Close every HTML element you open, and flatten the structure.",
    }
    ReservedPath = "reserved-path" {
        "A page or file would be published where carebook writes one of its own files.",
        "carebook writes some files itself: 404.html, print.html, search-index.js, robots.txt, sitemap.xml, CNAME, .nojekyll, the theme's files under theme/ and the step cards under cards/. A page or file of the guide that would be published at the same address is an error that names both, instead of one silently replacing the other. Rename or move the page or file.",
    }
    UnsafeHtml = "unsafe-html" {
        "Raw HTML holds an element carebook removes with its content (`<script>`, `<style>`, `<iframe>`, `<textarea>`...).",
        "Scripts, styles, embedded frames and text areas never reach a published page. Their content goes with them, up to their end tag, and one left open would swallow the rest of the page (in Markdown, an unclosed <script>, <style> or <textarea> makes everything after it raw HTML). So a page that holds one does not build: remove it.",
    }
    CalloutInHtml = "callout-in-html" {
        "A care card or warning callout sits inside raw HTML that would hide it or change how it reads.",
        "A callout inside an open <details> is folded away until the reader opens it; inside <del>, <s>, <small>, <sub>, <sup>, <q> or a link it is struck through, shrunk or made a link. Care cards and warnings must show as they are: close the HTML element before the callout.",
    }
    MissingFrontMatter = "missing-front-matter" {
        "A page does not start with a `---` front matter block.",
        "Every page starts with a block of fields between two lines of three dashes: ---, then title: Your title, then ---.",
    }
    UnclosedFrontMatter = "unclosed-front-matter" {
        "A front matter block has no closing `---` line.",
        "Add a line with only --- after the last field; everything after it is the page body.",
    }
    FrontMatterTooLarge = "front-matter-too-large" {
        "A front matter block is over 64 KiB.",
        "Front matter holds short fields. Move long text into the page body.",
    }
    YamlSyntax = "yaml-syntax" {
        "The front matter is not valid YAML.",
        "Each line is `key: value`. Put text in quotes when it contains `: ` or starts with a symbol such as [, {, * or &. Indent list items under their key.",
    }
    UnknownField = "unknown-field" {
        "The front matter has a field carebook does not know (often a typo).",
        "carebook rejects fields it does not know, so a misspelt safety field is never ignored. The message suggests the nearest valid field.",
    }
    WrongType = "wrong-type" {
        "A front matter field has the wrong kind of value (text, number, date or list).",
        "order is a whole number; reviewed and next-review are dates; sources, related, equipment and contraindications are lists; kind is page, technique or faq.",
    }
    BadDate = "bad-date" {
        "A date is not a real date written as YYYY-MM-DD.",
        "Write dates as year-month-day with leading zeros, e.g. 2026-11-20. The day must exist in that month.",
    }
    MissingTitle = "missing-title" {
        "A page has no `title`.",
        "Add `title: Your page title` to the front matter; it is the page's heading and its name in menus.",
    }
    TechniqueField = "technique-field" {
        "A technique-only field is used on a page that is not `kind: technique`.",
        "duration, position, equipment, repetitions, hold and contraindications describe techniques. Add `kind: technique` or remove the field.",
    }
    ReviewOrder = "review-order" {
        "`next-review` is not after `reviewed`.",
        "The next review must come after the last one.",
    }
    BadSourceUrl = "bad-source-url" {
        "A source's `url` is not a complete https address.",
        "Sources let readers and reviewers check the advice. Give the full address, starting with https://.",
    }
    BrokenRelated = "broken-related" {
        "A `related` entry names a page that does not exist.",
        "Write the path of another page's .md file, relative to this page, e.g. ../prevention.md.",
    }
    DuplicateSlug = "duplicate-slug" {
        "Two files would be published at the same address.",
        "File names become web addresses, ignoring case and punctuation, so a_b.md and a-b.md clash. Rename one.",
    }
    MissingHomePage = "missing-home-page" {
        "The content folder has no index.md.",
        "The home page introduces the guide. Add content/index.md with a title.",
    }
    ExtraH1 = "extra-h1" {
        "A page body uses a level-1 heading; the title is the page's only one.",
        "Each page has exactly one top-level heading, made from its title. Start headings in the body at ##.",
    }
    DuplicateId = "duplicate-id" {
        "Two headings on one page have the same explicit `{#id}`.",
        "Links use heading ids, so each must be unique on its page.",
    }
    MissingAlt = "missing-alt" {
        "An image has no alt text.",
        "Alt text is what people who cannot see an image get instead: a screen reader reads it, and it shows when the image does not load (WCAG 2.2, 1.1.1). In health advice the picture often shows how to hold a position, so say what it shows: ![Kneeling on all fours, back flat](kneel.svg).",
    }
    BrokenLink = "broken-link" {
        "A link points at a page or file that does not exist.",
        "Link to other pages by their .md file, relative to the page you are editing, e.g. [help](../when-to-get-help.md). The build turns these into web addresses.",
    }
    UnsafeLink = "unsafe-link" {
        "A link or image uses an address scheme other than http, https, mailto or tel (`javascript:`, `data:`...).",
        "Addresses such as javascript:, data:, vbscript: or file: can run code in the reader's browser, or open something other than what the text promises, so a guide that contains one does not build. This covers every way Markdown writes an address (links, images, reference definitions, autolinks, footnotes) and any spelling of the scheme (capitals, spaces, tabs or entities). Link to web pages, e-mail addresses, phone numbers, or files of the guide by their relative path.",
    }
    BrokenAnchor = "broken-anchor" {
        "A link's `#anchor` is not the id of a heading on the target page.",
        "A heading's id is its text in lowercase with hyphens (What you should feel -> #what-you-should-feel), or the {#id} written after it. The message suggests the nearest id.",
    }
    UnknownCallout = "unknown-callout" {
        "A `> [!KIND]` callout uses a kind carebook does not know.",
        "Callout kinds are EMERGENCY, URGENT, SEE-GP (care cards), STOP-IF, CAUTION, WARNING, IMPORTANT (warnings), NOTE and TIP. A misspelt kind would otherwise show as a plain quote, hiding a safety message.",
    }
    UnknownDirective = "unknown-directive" {
        "A `{{ ... }}` line is not a directive carebook knows.",
        "Directives place registry content: {{ red-flags emergency }} (or urgent, see-gp) lists the red flags of that level; {{ condition ID }} places a condition's entry. Each stands alone on its line.",
    }
    Registry = "registry" {
        "The safety registry file is not valid, or an entry's id is repeated or malformed.",
        "The registry (content/safety.yaml) is the one source of truth for conditions and red flags. Ids are lowercase words joined by hyphens and unique; each red flag has words that identify it in text.",
    }
    MissingSteps = "missing-steps" {
        "A technique page has no numbered list under its `## Steps` heading.",
        "A technique's steps are the numbered list under ## Steps; cards and print use it.",
    }
    TechniqueNoStopIf = "technique-no-stop-if" {
        "A technique page has no `> [!STOP-IF]` callout.",
        "Every technique must say when to stop at once: worse pain, numbness, tingling or weakness, pain spreading down a leg, dizziness.",
    }
    StopIfEmpty = "stop-if-empty" {
        "A technique's STOP-IF callout lists no signs.",
        "A STOP-IF callout tells the reader when to stop. Without signs listed as bullets (\"it makes your pain worse\", \"you feel dizzy\") it tells them nothing.",
    }
    StopIfLate = "stop-if-late" {
        "A technique's STOP-IF callout comes after its numbered steps.",
        "A reader follows the steps as they read them. Signs to stop for that come after the steps are read only once the technique is done; put the STOP-IF callout above the steps.",
    }
    PraisesContraindicated = "praises-contraindicated" {
        "A technique page praises itself for people it lists as contraindicated.",
        "\"Great during pregnancy\" on a technique that lists pregnancy tells the reader the opposite of its own safety advice. A sentence that names a listed condition (its name, its bracketed term or its `words` in the registry) with a praise word ([safety] praise) that is not negated is an error.",
    }
    ContraindicationUnlisted = "contraindication-unlisted" {
        "A technique page tells people with a registry condition not to do it, but its front matter does not list that condition.",
        "The step card, the handout and the conditions page show who should not do a technique from its front matter's `contraindications`, so advice that is only in the page's text (\"If you are pregnant, skip this stretch\") never reaches a reader of the card. A sentence on a technique page that names a registry condition (its name, its bracketed term or its `words`) with a word that says not to do it ([safety] avoid) that is not negated must name a listed condition. Add the condition to `contraindications`; a condition marked `general` is never reported.",
    }
    ContradictsGrade = "contradicts-grade" {
        "A technique page's text gives people with a condition other advice than its front matter's grade for it.",
        "A technique grades each condition it names: `contraindications` (do not do it), `adapt` (do it this way) or `ask-first` (ask this person before you start). The step card, the handout and the conditions page show that grade, so the page's text must agree: a sentence that tells people with an adapted or ask-first condition not to do it ([safety] avoid, with no [safety] ask-first word for an ask-first one), or that gives people with an avoided condition a way to do it (the condition after a [safety] conditionals word such as \"if\", with no avoid or ask-first word), contradicts it. Change the grade or the sentence.",
    }
    ConditionGradedTwice = "condition-graded-twice" {
        "A technique names the same condition in two of `contraindications`, `adapt` and `ask-first`.",
        "Each condition gets one grade per technique, so the card, the handout and the page say one thing. Keep it in the one field that is right: not at all (`contraindications`), another way (`adapt`) or only after advice (`ask-first`).",
    }
    GradeWithoutAdvice = "grade-without-advice" {
        "An `adapt` or `ask-first` entry does not say how, or whom to ask.",
        "`adapt: {pregnancy: \"Spread your knees wide so nothing presses on your bump.\"}` says how; `ask-first: {blood-thinners: \"your GP or pharmacist\"}` says whom. Without it the card tells the reader nothing they can act on.",
    }
    TechniqueNoContraindication = "technique-no-contraindication" {
        "A technique page lists no contraindications.",
        "Every technique must name who should not do it, or do it another way, or ask first: condition ids from the registry in `contraindications`, `adapt` or `ask-first`.",
    }
    TechniqueNoHelpLink = "technique-no-help-link" {
        "A technique page does not link to the help page.",
        "Every technique links to the page that explains when and where to get help ([safety] help-page).",
    }
    UnknownCondition = "unknown-condition" {
        "A contraindication or `{{ condition }}` names no condition in the registry.",
        "Contraindications are ids of conditions in the registry. The message suggests the nearest id.",
    }
    ConditionNotDescribed = "condition-not-described" {
        "A registry condition is not described on the conditions page.",
        "Each condition needs an entry at a stable anchor on the conditions page, so technique pages can link to it. Add {{ condition ID }} there.",
    }
    ConditionUnused = "condition-unused" {
        "No technique lists a registry condition, and it is not marked `general`.",
        "A condition no technique uses is either missing from a technique's contraindications, or applies generally: then mark it general: true.",
    }
    RedFlagMissing = "red-flag-missing" {
        "A red flag is not in any care card of its own level.",
        "Every red flag in the registry must appear in a care card of exactly its level (emergency, urgent or see-gp), usually on the help page via {{ red-flags LEVEL }}.",
    }
    RedFlagUnderGraded = "red-flag-under-graded" {
        "A red-flag sign sits in a care card of a lower level, or in text that sends the reader to a lower level of care. For a flag on a card of its own, the message names that card and its directive.",
        "Sending a red-flag sign to a lower level of care can delay treatment. Loss of bladder or bowel control, for example, is an emergency (999 or A&E now), never 'see a GP'. The check matches each red flag's words in care cards and in sentences that refer the reader to a level of care ([safety.referrals]).",
    }
    UnregisteredTriage = "unregistered-triage" {
        "A sentence sends a symptom to emergency or urgent care, but the sign is not a red flag in the registry (a warning).",
        "Triage comes from the registry: a sign that needs care belongs in safety.yaml as a red flag with its level, so it reaches the care cards, search, the step cards and print, and so the build can check every other place that names it. Add the sign as a red flag of the level the sentence gives (its `words` are how the text names it), and place it with {{ red-flags LEVEL }} in a care card. The check reads sentences outside care cards that name a word for a symptom in general ([safety] symptoms) and an emergency or urgent level of care ([safety.referrals]). Routine advice (\"talk to your GP if the pain lasts\") is not reported: it is everywhere, and a routine sign missing from a card delays no urgent care.",
    }
    RegistryChanged = "registry-changed" {
        "The red flags, conditions or safety settings changed since the reviewer signed them off, in a way that could weaken the advice.",
        "safety.lock records what a reviewer signed off: each red flag's id, level, sign and words, each condition, and the safety settings (care card headings, referral and wording phrases, catch-all words, the emergency care address). A red flag removed or lowered, a sign or condition reworded, a word or phrase removed or a heading changed fails the build until someone signs again with `carebook sign-off --reviewer \"Name, role\"`. Additions (a new red flag, word, phrase or condition, a level raised) need no new sign-off. If the change was a mistake, undo it; never lower a level to silence another error.",
    }
    BadSignOff = "bad-sign-off" {
        "safety.lock cannot be read as a sign-off record.",
        "safety.lock is written by `carebook sign-off` and should not be edited by hand. Restore it from version control, or ask the reviewer to sign off again.",
    }
    CareCardEmpty = "care-card-empty" {
        "A care card lists no signs.",
        "A care card is a call to action followed by the signs it applies to.",
    }
    CareCardTooLong = "care-card-too-long" {
        "A care card lists more than 5 signs.",
        "NHS care cards list at most about five signs so they can be read at a glance. An urgent card may have a sixth, catch-all sign (\"you're worried\").",
    }
    CardOverflow = "card-overflow" {
        "A technique's printable step card would not fit its paper, even on two sides.",
        "Each technique gets a step card sized to [cards] size. carebook estimates the card's height from its text; a card that does not fit on one side prints on two (steps on the front, safety on the back). If either side is still too tall, shorten or merge steps, or choose a larger card size.",
    }
    CardNoEmergencySigns = "card-no-emergency-signs" {
        "The guide has techniques, so step cards, but the registry has no emergency red flags for them.",
        "Every step card ends with the signs that need emergency care, taken from the registry, so a card is never printed without them. Add red flags with level: emergency to the registry.",
    }
    CareCardHeading = "care-card-heading" {
        "A care card's custom heading does not end with \"if:\" (a warning).",
        "NHS care cards start with one call to action that leads into the list of signs, such as \"Call 111 today if:\". Text after the marker replaces the default heading.",
    }
    CardHeadingService = "card-heading-service" {
        "A care card's heading does not name its level's service, or puts it off or hedges it.",
        "The heading is what the reader acts on. Each level's heading ([safety.headings], the locale's, or a card's own text after its marker) must name one of that level's [safety.referrals] phrases (999 or A&E for emergency, 111 or an urgent GP appointment for urgent, a GP for see-gp) and hold no delay or hedge ([safety] delays, hedges): a wrong number or \"at your next GP visit\" on an emergency card sends people to the wrong place.",
    }
    HelpPageCards = "help-page-cards" {
        "The help page has no care card placed from the registry for a level that has red flags.",
        "Every technique links to the help page, so it must hold a care card of each level with the registry's signs: `> [!EMERGENCY]` with `> {{ red-flags emergency }}`, and so on. A picture or a typed list in its place drifts from the registry.",
    }
    HandTypedSign = "hand-typed-sign" {
        "A care card types a registry red flag's sign by hand (a warning).",
        "Signs typed into a card drift from the registry, and search only finds the signs placed with {{ red-flags LEVEL }}. Place them with the directive.",
    }
    EmergencyCardLink = "emergency-card-link" {
        "An emergency care card contains a link other than the one to find emergency care.",
        "Emergency cards ask for action now. The only link allowed is [safety] emergency-care-url.",
    }
    TooManyWarnings = "too-many-warnings" {
        "A page has more warning-style callouts than `[safety] max-warnings`.",
        "Warnings lose their force when there are many. Keep at most two per page (configurable) for what could affect health.",
    }
    MissingReviewDate = "missing-review-date" {
        "A page has no `reviewed` or `next-review` date.",
        "Readers need to know how current health advice is. Every page shows when it was last reviewed and when the next review is due.",
    }
    ReviewInterval = "review-interval" {
        "`next-review` is further after `reviewed` than `[safety] max-review-years`.",
        "Health content is reviewed at least every three years by default.",
    }
    ReviewOverdue = "review-overdue" {
        "A page's `next-review` date has passed.",
        "Review the page against its sources, then update both dates. --allow-overdue, or [safety] overdue = \"warning\", reports this as a warning for local previews. CAREBOOK_TODAY=YYYY-MM-DD judges reviews against another date.",
    }
    ReviewInFuture = "review-in-future" {
        "A page's `reviewed` date is after today.",
        "Set reviewed to the date the page was actually reviewed.",
    }
    MissingSources = "missing-sources" {
        "A technique page or safety page lists no sources.",
        "Pages that give health advice list at least one source with a full https address.",
    }
    PictureNoAlt = "picture-no-alt" {
        "A picture in a page's `pictures` has no alt text, or a file name for it.",
        "Readers who cannot see a picture hear its alt text instead, and a drawing of how to kneel or bend is part of the instructions. Say in a short sentence what it shows: `alt: Kneeling on a mat, sitting back towards the heels, arms stretched forward`.",
    }
    BrokenPicture = "broken-picture" {
        "A picture in a page's `pictures` is not an image file of the guide.",
        "`src` is the path of an image in the content folder, relative to the page, like a link: `../images/childs-pose-start.svg`. SVG, PNG, JPEG, GIF, WebP and AVIF pictures can be shown.",
    }
    UnsafeAsset = "unsafe-asset" {
        "A file in the content folder could run script when a reader opens it: an HTML, script or XML file, or an SVG with a script, an event handler, embedded HTML or a javascript: link.",
        "carebook publishes the content folder's other files as they are, at the guide's own address, where a browser would run anything in them as part of the guide: it could change what a page says or show a forged care card. Pages are written in Markdown, so .html, .js, .xml and similar files are refused. Every SVG is read with an XML parser and refused if it has a <script>, <foreignObject>, <iframe>, <embed> or <object>, an on...= event handler, an <?xml-stylesheet?>, a link (href) that is not a web, email or relative address, or an animation that changes a link or a handler. Export the picture again as plain SVG, or use a PNG.",
    }
    AboutIncomplete = "about-incomplete" {
        "The about page cannot say something a health-information standard expects: who wrote the guide, how it was made and checked, who took part, conflicts of interest, funding or where to send feedback (a warning).",
        "carebook writes an about page (about.html) from book.toml's [about] table, linked from every page's footer. Standards for health information, such as the UK's PIF TICK, expect readers to find who wrote it and what each did (`authors`, each with a `role`), how it is written and checked (`process`), how the people it is for took part (`involvement`), interests that could sway it (`conflicts`), who pays (`funding`) and where to send comments (`feedback`, an https or mailto address). Clinical `reviewers` are never required: with none, the page says no health professional has reviewed the guide. Never name someone who did not review it.",
    }
    UnknownCertainty = "unknown-certainty" {
        "A page's `certainty` is not one of the [about] certainty labels.",
        "`certainty` says how sure the advice on a page is, with a label the about page explains. Use the id of one of [about] certainty (the locale's defaults are `strong`, `some` and `expert-opinion`), or add your own label there with what it means.",
    }
    UntrustedSource = "untrusted-source" {
        "A source is not on a trusted domain (a warning).",
        "Health advice should rest on health services, regulators, public health bodies and peer-reviewed research, not on blogs or shops. The trusted domains are the locale's defaults (nhs.uk, nice.org.uk, gov.uk, who.int, cdc.gov, nih.gov...) and [safety.sources] trusted in book.toml; a domain covers its subdomains.",
    }
    SourceTitleMismatch = "source-title-mismatch" {
        "A source's title names an organisation, but its address is not on that organisation's domain (a warning).",
        "A title such as \"NHS: back pain\" tells the reader the NHS said it. If the address is another site's, the reader is misled about who stands behind the advice. [safety.sources.names] lists each organisation's domains; addresses that forward to a publisher ([safety.sources] resolvers, such as doi.org) are not checked.",
    }
    Overpromise = "overpromise" {
        "A page uses wording that promises more than self-care advice can.",
        "Phrases such as 'completely safe' or 'cures it for good' promise what no self-care advice can. Say what is known and who should not do it. [safety.wording] extends or replaces the list.",
    }
    PushThrough = "push-through" {
        "Wording tells the reader to carry on through pain or warning signs.",
        "Self-care advice never continues through pain: \"push through it\" or \"even if it hurts\" undoes the STOP-IF callout. The phrases are [safety.push-through] (the locale's defaults and the guide's own); a negation just before one (\"do not push through the pain\") passes.",
    }
    UnlimitedDose = "unlimited-dose" {
        "Wording sets no limit on how long, how many or how often.",
        "A technique gives the dose a clinician would give (\"hold for 10 to 20 seconds\", \"5 times, up to 3 times a day\"); \"as long as you can\" invites overdoing it. The phrases are [safety.unlimited-dose].",
    }
    DoseTooHigh = "dose-too-high" {
        "A technique asks for more repetitions, a longer hold or more goes than a clinician would give.",
        "\"100 repetitions\", \"stay in the pose for 10 minutes\" or \"every 10 minutes\" invite overdoing it. [safety.dose] sets the most repetitions in one go, the longest hold and the most times a day (\"every hour\" counts as once for each waking hour), and the words a dose is written in. A length of time counts as a hold only in a sentence with a holding word ([safety.dose] holds) or in the `hold` field, and one followed by \"a day\" is a session, which is not checked. Numbers may be digits, number words or the locale's amounts (\"a dozen\").",
    }
    OnSomeoneElse = "on-someone-else" {
        "Wording has someone else do a self-care technique to the reader, or the reader to someone else.",
        "A self-care technique is done by the reader, who stops as soon as it hurts. A partner who pushes or presses cannot feel when to stop. The phrases are [safety.on-someone-else]; a negation just before one passes.",
    }
    Readability = "readability" {
        "A page, or the about page's texts from `[about]`, reads above the guide's maximum Flesch-Kincaid grade.",
        "NHS content aims at a reading age of 9 to 11. Use shorter sentences and everyday words. `carebook check` prints every page's grade; [safety] max-grade sets the limit (default 8). Pages under 100 words are not scored.",
    }
}
