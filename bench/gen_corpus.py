#!/usr/bin/env python3
"""Deterministic synthetic Markdown corpus for the static-site-generator benchmark.

Usage:
    gen_corpus.py --pages N --format FORMAT --out DIR [--seed S]

FORMAT is one of:
    hugo            Hugo site: config.toml, content/, layouts/ (own minimal theme), static/
    zola            Zola site: config.toml, content/, templates/, static/
    mdbook          mdBook: book.toml (search + print disabled), src/SUMMARY.md, src/*.md
    mdbook-default  mdBook with default book.toml (search + print enabled)
    carebook        carebook: book.toml + content/*.md (YAML front matter)

Every format gets the *same* pages (same seed, same text); only the wrapping
(front matter, link syntax, site/template files) differs.  Same seed + same N
=> byte-identical output, so runs on different days are comparable.

Per page: YAML front matter (title, order/weight, summary, reviewed date),
~600-900 words of body, 3-6 h2/h3 headings, paragraphs with *emphasis* and
**strong** text, 3 inline links to other pages (about half carry a
#heading-anchor that exists in the target page), one bulleted list, one ordered
list of 5-7 steps, a GitHub alert blockquote (> [!WARNING]) on every page, a
table on 1 page in 5 and a fenced code block (yaml or bash) on 1 page in 10.

Navigation in the templates is deliberately O(1) per page: prev/next plus a
link to the section index. The section index (one page) lists all N pages.
A nav of all pages on every page would make output O(N^2) and measure template
loops rather than the generator.
"""

import argparse
import re
import os
import random
import shutil
import sys

# ---------------------------------------------------------------- vocabulary

TOPIC_A = """medication resident family falls nutrition hydration wound pressure
infection oral continence mobility sleep pain skin night morning visitor
consent record handover shift transfer discharge admission escalation
safeguarding dementia palliative hygiene equipment hoist bed chair bathroom
kitchen laundry fire evacuation incident complaint training supervision
audit rota agency laundry allergy diabetes catheter stoma feeding""".split()

TOPIC_B = """round check review plan routine assessment procedure chart log
protocol response rota audit handover briefing care support monitoring
observation follow-up escalation checklist guide record summary
inspection""".split()

ADJ = """daily weekly routine urgent safe calm careful gentle clear accurate
timely consistent personal shared local written verbal clinical practical
quiet regular brief full initial final standard updated""".split()

NOUNS = """resident carer nurse manager family team record chart plan shift
room note form dose medicine meal drink call bell sling hoist bed chair
report entry signature handover rota window door corridor lounge garden
appointment doctor pharmacist therapist visitor advocate relative
checklist alarm device policy risk goal outcome preference""".split()

VERBS = """check record confirm review explain agree update report escalate
support encourage offer ask reassure observe note share discuss repeat
document prepare position assist monitor measure store return sign""".split()

ADVERBS = """carefully promptly clearly calmly quietly gently always usually
regularly immediately accurately politely""".split()

CONNECT = """before after while when unless because once until""".split()

HEADING_VERBS = """Check Record Confirm Review Prepare Plan Explain Agree Update
Report Escalate Support Share Document Monitor Measure Store Sign Return
Assist""".split()

HEADING_TAILS = """the resident record|the care plan|the medication chart|before
you start|at the end of the shift|with the family|with the nurse in
charge|when something changes|for new staff|during the night|after a
fall|for visitors|when the resident refuses|with the pharmacist|in the
daily log|at handover|for agency staff|after admission|before
discharge|with the doctor|in an emergency|for the next shift""".replace("\n", " ").split("|")

FILLER_SENTENCES = [
    "This keeps the {n1} and the {n2} in step.",
    "Nobody should have to guess what happened on the previous shift.",
    "If in doubt, stop and ask the {n1} before going further.",
    "The aim is a {a1} {n1} that anyone on the team can follow.",
    "Write down what you did, not what you meant to do.",
]


def words_of(text):
    return len(text.split())


def fix_articles(s):
    """'A accurate' -> 'An accurate' (cosmetic; keeps prose readable)."""
    return re.sub(r"\b([Aa]) ([aeiouAEIOU*])", lambda m: m.group(1) + "n " + m.group(2), s)


class Page:
    __slots__ = ("idx", "slug", "title", "summary", "reviewed", "order",
                 "headings", "body_blocks")


def make_title(rng, idx):
    words = [rng.choice(TOPIC_A).capitalize(), rng.choice(TOPIC_A), rng.choice(TOPIC_B)]
    # Unique by construction: the index is part of the title and the slug.
    return " ".join(words) + " " + str(idx + 1)


def slugify(text):
    out = []
    for ch in text.lower():
        if ch.isalnum():
            out.append(ch)
        elif ch in " -":
            out.append("-")
    s = "".join(out)
    while "--" in s:
        s = s.replace("--", "-")
    return s.strip("-")


def make_headings(rng):
    """3-6 headings, text only letters+spaces so every tool's anchor slug agrees."""
    count = rng.randint(3, 6)
    seen = set()
    heads = []
    for i in range(count):
        while True:
            text = rng.choice(HEADING_VERBS) + " " + rng.choice(HEADING_TAILS).strip()
            if text.lower() not in seen:
                break
        seen.add(text.lower())
        level = 2 if i == 0 or heads[-1][0] == 3 or rng.random() < 0.6 else 3
        heads.append((level, text))
    return heads


def sentence(rng, emphasis=True):
    n1, n2 = rng.choice(NOUNS), rng.choice(NOUNS)
    a1 = rng.choice(ADJ)
    v1, v2 = rng.choice(VERBS), rng.choice(VERBS)
    shape = rng.randrange(7)
    if shape == 0:
        s = f"The {n1} should {v1} the {a1} {n2} {rng.choice(ADVERBS)}"
    elif shape == 1:
        s = f"{rng.choice(CONNECT).capitalize()} you {v1} the {n1}, {v2} the {a1} {n2} and tell the {rng.choice(NOUNS)}"
    elif shape == 2:
        s = f"Always {v1} the {n1} with the {rng.choice(NOUNS)} {rng.choice(CONNECT)} the {a1} {n2} is due"
    elif shape == 3:
        s = f"A {a1} {n1} helps the {n2} {v1} what matters to the {rng.choice(NOUNS)}"
    elif shape == 4:
        s = f"Do not {v1} the {n1} {rng.choice(CONNECT)} the {n2} has been {rng.choice(ADJ)} and {rng.choice(ADJ)}"
    elif shape == 5:
        s = f"Ask the {n1} to {v1} the {a1} {n2} and {v2} any change in the {rng.choice(NOUNS)}"
    else:
        s = rng.choice(FILLER_SENTENCES).format(n1=n1, n2=n2, a1=a1).rstrip(".")
    if emphasis:
        r = rng.random()
        ws = s.split(" ")
        if r < 0.18 and len(ws) > 3:
            k = rng.randrange(1, len(ws))
            ws[k] = "*" + ws[k].rstrip(",") + "*" + ("," if ws[k].endswith(",") else "")
        elif r < 0.30 and len(ws) > 3:
            k = rng.randrange(1, len(ws))
            ws[k] = "**" + ws[k].rstrip(",") + "**" + ("," if ws[k].endswith(",") else "")
        s = " ".join(ws)
    return fix_articles(s) + "."


def paragraph(rng, target_words):
    out, n = [], 0
    while n < target_words:
        s = sentence(rng)
        out.append(s)
        n += words_of(s)
    return " ".join(out)


def bullet_list(rng):
    items = []
    for _ in range(rng.randint(3, 6)):
        items.append(f"- {rng.choice(VERBS).capitalize()} the {rng.choice(ADJ)} {rng.choice(NOUNS)} "
                     f"and the {rng.choice(NOUNS)}")
    return "\n".join(items)


def ordered_list(rng):
    items = []
    for i in range(rng.randint(5, 7)):
        s = sentence(rng)
        items.append(f"{i + 1}. {s}")
    return "\n".join(items)


def table(rng):
    cols = rng.choice([["Check", "Who", "When"], ["Item", "Owner", "Frequency", "Notes"]])
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    for _ in range(rng.randint(3, 6)):
        row = []
        for c in cols:
            if c in ("Who", "Owner"):
                row.append(rng.choice(["Carer", "Nurse", "Manager", "Team leader", "Night staff"]))
            elif c in ("When", "Frequency"):
                row.append(rng.choice(["Daily", "Weekly", "Each shift", "Monthly", "On admission"]))
            else:
                row.append(f"{rng.choice(ADJ).capitalize()} {rng.choice(NOUNS)}")
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def code_block(rng, idx):
    if rng.random() < 0.5:
        return ("```yaml\n"
                f"check: {rng.choice(TOPIC_A)}-{rng.choice(TOPIC_B)}\n"
                f"owner: {rng.choice(['carer', 'nurse', 'manager'])}\n"
                f"frequency: {rng.choice(['daily', 'weekly', 'each-shift'])}\n"
                "steps:\n"
                f"  - {rng.choice(VERBS)} the {rng.choice(NOUNS)}\n"
                f"  - {rng.choice(VERBS)} the {rng.choice(NOUNS)}\n"
                f"escalate_after_minutes: {rng.choice([15, 30, 60])}\n"
                "```")
    return ("```bash\n"
            f"# export the {rng.choice(NOUNS)} log for page {idx + 1}\n"
            f"care-export --from 2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)} --format csv \\\n"
            f"  --unit {rng.choice(['north', 'south', 'east', 'west'])} > {rng.choice(NOUNS)}.csv\n"
            "wc -l *.csv\n"
            "```")


ALERT_TEXTS = [
    "Never {v} a {n} on your own if the care plan says two people are needed.",
    "If the {n} looks different from the record, stop and tell the nurse in charge before you {v} anything.",
    "Do not {v} the {n} from memory; read the current plan every time.",
    "Report any {a} change in the {n} straight away, even if it seems small.",
]


def alert(rng):
    t = rng.choice(ALERT_TEXTS).format(v=rng.choice(VERBS), n=rng.choice(NOUNS), a=rng.choice(ADJ))
    return "> [!WARNING]\n> " + fix_articles(t) + "\n> " + sentence(rng, emphasis=False)


# ---------------------------------------------------------------- corpus

def build_pages(n, seed):
    rng = random.Random(seed)
    pages = []
    for i in range(n):
        p = Page()
        p.idx = i
        p.title = make_title(rng, i)
        p.slug = slugify(p.title)
        p.order = i + 1
        p.summary = sentence(rng, emphasis=False).rstrip(".") + "."
        p.reviewed = f"20{rng.randint(23, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        p.headings = make_headings(rng)
        pages.append(p)
    # File order on disk is alphabetical by slug, which is NOT the reading
    # order (order/weight) — every tool has to sort by the front matter field.
    for p in pages:
        p.body_blocks = make_body(rng, p, pages, n)
    return pages


def make_body(rng, p, pages, n):
    """Return a list of blocks; links are ('link', slug, anchor, text) placeholders."""
    target = rng.randint(600, 900)
    heads = p.headings
    blocks = []
    # Skeleton: intro, alert, then per heading: heading + 1-2 paragraphs.
    paras = []  # indices into blocks of paragraph placeholders

    def add_para():
        blocks.append(["para", None])
        paras.append(len(blocks) - 1)

    add_para()
    blocks.append(["raw", alert(rng)])
    sec_for_bullets = rng.randrange(len(heads))
    sec_for_steps = rng.randrange(len(heads))
    sec_for_table = rng.randrange(len(heads))
    sec_for_code = rng.randrange(len(heads))
    for si, (level, text) in enumerate(heads):
        blocks.append(["raw", "#" * level + " " + text])
        add_para()
        if si == sec_for_bullets:
            blocks.append(["raw", bullet_list(rng)])
        if si == sec_for_steps:
            blocks.append(["raw", ordered_list(rng)])
        if p.idx % 5 == 0 and si == sec_for_table:
            blocks.append(["raw", table(rng)])
        if p.idx % 10 == 3 and si == sec_for_code:
            blocks.append(["raw", code_block(rng, p.idx)])
        if rng.random() < 0.5:
            add_para()
    # Three links to three distinct other pages.
    others = set()
    if n > 1:
        while len(others) < min(3, n - 1):
            j = rng.randrange(n)
            if j != p.idx:
                others.add(j)
    links = []
    for j in sorted(others):
        q = pages[j]
        if rng.random() < 0.5:
            _, htext = rng.choice(q.headings)
            links.append(("link", q.slug, slugify(htext), htext.lower()))
        else:
            links.append(("link", q.slug, None, q.title))
    # Word budget: what's left after the non-paragraph blocks.
    fixed = sum(words_of(b[1]) for b in blocks if b[0] == "raw")
    fixed += sum(3 + words_of(l[3]) for l in links)
    per_para = max(20, (target - fixed) // len(paras))
    for k in paras:
        blocks[k] = ["para_parts", [paragraph(rng, per_para - 6)]]
    # Attach links to (distinct where possible) paragraphs.
    link_paras = rng.sample(paras, k=min(len(links), len(paras)))
    for li, l in enumerate(links):
        k = link_paras[li % len(link_paras)]
        blocks[k][1].append(l)
    return blocks


def render_body(p, link_fmt):
    out = []
    for kind, val in p.body_blocks:
        if kind == "raw":
            out.append(val)
        else:
            text = val[0]
            for l in val[1:]:
                _, slug, anchor, ltext = l
                text += f" See [{ltext}]({link_fmt(slug, anchor)}) for the details."
            out.append(text)
    return "\n\n".join(out) + "\n"


def yaml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------- writers

def w(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


SITE_TITLE = "Bench corpus"
CSS = "body{font-family:sans-serif;max-width:46rem;margin:auto}nav.pager{display:flex;gap:1rem}\n"


def md_link(slug, anchor):
    return f"{slug}.md" + (f"#{anchor}" if anchor else "")


def write_hugo(pages, out):
    w(f"{out}/config.toml", f"""baseURL = "https://example.org/"
title = "{SITE_TITLE}"
languageCode = "en"
# Comparable work: no taxonomies and no RSS (Zola makes no feed by default either).
disableKinds = ["taxonomy", "term", "RSS"]
[markup.goldmark.renderer]
unsafe = false
[markup.highlight]
# No server-side syntax highlighting (Zola's default is none, mdBook does it in JS).
codeFences = false
""")
    L = f"{out}/layouts/_default"
    w(f"{L}/baseof.html", """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}"></head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""")
    w(f"{L}/single.html", """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ with .Params.reviewed }}<p class="reviewed">Reviewed {{ dateFormat "2 January 2006" . }}</p>{{ end }}
{{ .Content }}
</article>
<nav class="pager">
{{ with .NextInSection }}<a rel="prev" href="{{ .RelPermalink }}">&larr; {{ .Title }}</a>{{ end }}
<a href="{{ .CurrentSection.RelPermalink }}">Index</a>
{{ with .PrevInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }} &rarr;</a>{{ end }}
</nav>
{{ end }}
""")
    w(f"{L}/list.html", """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ol class="index">
{{ range .RegularPages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> — {{ .Params.summary }}</li>
{{ end }}</ol>
{{ end }}
""")
    # Resolve `page.md#anchor` links to real URLs (Hugo leaves .md hrefs alone otherwise).
    w(f"{L}/_markup/render-link.html", """{{- $u := urls.Parse .Destination -}}
{{- $href := .Destination -}}
{{- if and (not $u.IsAbs) (strings.HasSuffix $u.Path ".md") -}}
{{- with $.Page.GetPage (strings.TrimSuffix ".md" $u.Path) -}}
{{- $href = .RelPermalink -}}{{- with $u.Fragment }}{{ $href = printf "%s#%s" $href . }}{{ end -}}
{{- else -}}{{- errorf "broken link %q in %s" $.Destination $.Page.File.Path -}}{{- end -}}
{{- end -}}
<a href="{{ $href | safeURL }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text | safeHTML }}</a>""")
    w(f"{out}/static/style.css", CSS)
    w(f"{out}/content/_index.md", f"---\ntitle: {yaml_str(SITE_TITLE + ' index')}\n---\n\nAll pages, in reading order.\n")
    for p in pages:
        fm = (f"---\ntitle: {yaml_str(p.title)}\nweight: {p.order}\nsummary: {yaml_str(p.summary)}\n"
              f"reviewed: {p.reviewed}\n---\n\n")
        w(f"{out}/content/{p.slug}.md", fm + render_body(p, md_link))


def write_zola(pages, out):
    w(f"{out}/config.toml", f"""base_url = "https://example.org"
title = "{SITE_TITLE}"
compile_sass = false
build_search_index = false
generate_feeds = false

[markdown]
# Render > [!WARNING] as an alert (off by default in Zola).
github_alerts = true
""")
    T = f"{out}/templates"
    w(f"{T}/base.html", """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{% block title %}{{ config.title }}{% endblock %}</title>
<link rel="stylesheet" href="{{ get_url(path='style.css') }}"></head>
<body>
<header><a href="{{ config.base_url }}/">{{ config.title }}</a></header>
<main>{% block main %}{% endblock %}</main>
</body>
</html>
""")
    w(f"{T}/page.html", """{% extends "base.html" %}
{% block title %}{{ page.title }} · {{ config.title }}{% endblock %}
{% block main %}
<article>
<h1>{{ page.title }}</h1>
{% if page.description %}<p class="summary">{{ page.description }}</p>{% endif %}
{% if page.extra.reviewed %}<p class="reviewed">Reviewed {{ page.extra.reviewed | date(format="%-d %B %Y") }}</p>{% endif %}
{{ page.content | safe }}
</article>
<nav class="pager">
{% if page.lower %}<a rel="prev" href="{{ page.lower.permalink }}">&larr; {{ page.lower.title }}</a>{% endif %}
<a href="{{ config.base_url }}/">Index</a>
{% if page.higher %}<a rel="next" href="{{ page.higher.permalink }}">{{ page.higher.title }} &rarr;</a>{% endif %}
</nav>
{% endblock %}
""")
    listing = """{% extends "base.html" %}
{% block title %}{{ section.title }} · {{ config.title }}{% endblock %}
{% block main %}
<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<ol class="index">
{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a> — {{ p.description }}</li>
{% endfor %}</ol>
{% endblock %}
"""
    w(f"{T}/index.html", listing)
    w(f"{T}/section.html", listing)
    w(f"{out}/static/style.css", CSS)
    # Zola accepts YAML front matter between --- lines (and TOML between +++).
    w(f"{out}/content/_index.md",
      f"---\ntitle: {yaml_str(SITE_TITLE + ' index')}\nsort_by: weight\n---\n\nAll pages, in reading order.\n")

    def zlink(slug, anchor):
        return f"@/{slug}.md" + (f"#{anchor}" if anchor else "")

    for p in pages:
        fm = (f"---\ntitle: {yaml_str(p.title)}\nweight: {p.order}\ndescription: {yaml_str(p.summary)}\n"
              f"extra:\n  reviewed: \"{p.reviewed}\"\n---\n\n")
        w(f"{out}/content/{p.slug}.md", fm + render_body(p, zlink))


def write_mdbook(pages, out, defaults):
    if defaults:
        book = f'[book]\ntitle = "{SITE_TITLE}"\nlanguage = "en"\nsrc = "src"\n'
    else:
        book = (f'[book]\ntitle = "{SITE_TITLE}"\nlanguage = "en"\nsrc = "src"\n\n'
                "# Comparable run: no search index and no print.html (which re-renders every page).\n"
                "[output.html.search]\nenable = false\n\n[output.html.print]\nenable = false\n")
    w(f"{out}/book.toml", book)
    ordered = sorted(pages, key=lambda p: p.order)
    summary = ["# Summary", "", "[Index](index.md)", ""]
    summary += [f"- [{p.title}]({p.slug}.md)" for p in ordered]
    w(f"{out}/src/SUMMARY.md", "\n".join(summary) + "\n")
    idx = [f"# {SITE_TITLE} index", "", "All pages, in reading order.", ""]
    idx += [f"1. [{p.title}]({p.slug}.md) — {p.summary}" for p in ordered]
    w(f"{out}/src/index.md", "\n".join(idx) + "\n")
    for p in pages:
        # mdBook has no front matter: title as h1, summary and date as text.
        head = f"# {p.title}\n\n*{p.summary}*\n\nReviewed {p.reviewed}\n\n"
        w(f"{out}/src/{p.slug}.md", head + render_body(p, md_link))


def write_carebook(pages, out):
    # Adapted for carebook's real front-matter schema (the page text is unchanged):
    # - next-review is three years after reviewed (carebook's default maximum interval);
    # - a home page (content/index.md) introduces the guide, as carebook requires;
    # - the corpus's own reading level is above an NHS guide's, so book.toml raises
    #   [safety] max-grade: the readability check still runs on every page;
    # - every guide has a safety registry; the corpus has no techniques or care cards, so its
    #   registry is empty (the red-flag rules still read every page).
    w(f"{out}/book.toml",
      f'[book]\ntitle = "{SITE_TITLE}"\n\n[safety]\nmax-grade = 30.0\n')
    w(f"{out}/content/safety.yaml", "conditions: []\nred-flags: []\n")
    ordered = sorted(pages, key=lambda p: p.order)
    home = [f"---\ntitle: {yaml_str(SITE_TITLE)}\norder: 0\nreviewed: 2024-01-01\nnext-review: 2026-12-31\n---\n",
            "## Pages\n"]
    home += [f"- [{p.title}]({p.slug}.md)" for p in ordered]
    w(f"{out}/content/index.md", "\n".join(home) + "\n")
    for p in pages:
        y, rest = p.reviewed.split("-", 1)
        fm = (f"---\ntitle: {yaml_str(p.title)}\norder: {p.order}\nsummary: {yaml_str(p.summary)}\n"
              f"reviewed: {p.reviewed}\nnext-review: {int(y) + 3}-{rest}\n---\n\n")
        w(f"{out}/content/{p.slug}.md", fm + render_body(p, md_link))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", "-n", type=int, required=True)
    ap.add_argument("--format", required=True,
                    choices=["hugo", "zola", "mdbook", "mdbook-default", "carebook"])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=20250101)
    ap.add_argument("--force", action="store_true", help="remove --out first if it exists")
    a = ap.parse_args(argv)
    if a.pages < 1:
        ap.error("--pages must be >= 1")
    if os.path.exists(a.out):
        if not a.force:
            ap.error(f"{a.out} exists (use --force)")
        shutil.rmtree(a.out)
    pages = build_pages(a.pages, a.seed)
    if a.format == "hugo":
        write_hugo(pages, a.out)
    elif a.format == "zola":
        write_zola(pages, a.out)
    elif a.format in ("mdbook", "mdbook-default"):
        write_mdbook(pages, a.out, defaults=(a.format == "mdbook-default"))
    else:
        write_carebook(pages, a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
