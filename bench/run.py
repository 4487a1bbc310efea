"""The benchmark: build time and memory at 100, 1,000 and 5,000 activities, against plain Material.

Run with `make bench`. Every measure is repeated (3 times by default) and the
median reported; the table is printed and written, with the machine's cores and
memory, the budgets and a profile of one build, to docs/benchmarks.md.
Budgets are checked here, never by timed unit tests.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import pstats
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup
import yaml


HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

import tools.browser  # noqa: E402
from macros.common import PREVIEW_COMMAND  # noqa: E402
from macros.common.collections import COLLECTIONS  # noqa: E402
from macros.model import dataset  # noqa: E402

import lighthouse  # noqa: E402
from history import EDITS, history_share  # noqa: E402
from hugo_site import write as write_hugo_site  # noqa: E402
from synthetic import SITE_PARTS, copy_sources, make_project  # noqa: E402
from timing import ENV, build, median_of, stages, timed  # noqa: E402


SIZES = (100, 1000, 5000)
VALIDATE_RECORDS = 10_000
REPORT = REPO / "docs" / "benchmarks.md"
ANALYSIS = HERE / "analysis.md"


@dataclass
class Result:
    name: str
    value: float
    unit: str
    budget: str = ""
    holds: bool | None = None
    runs: list[float] = field(default_factory=list)
    goal: str = ""


def time_reports(project: Path, cache: Path, *options: str) -> tuple[float, int]:
    """(seconds, pages) of the annual reports of `project` with REPORTS_CACHE=`cache` (bench/reports.py): the
    seconds `reports.reports()` takes in a process that has loaded the data, and the pages of every report."""
    output = subprocess.run([sys.executable, str(HERE / "reports.py"), str(project), *options], cwd=REPO,
                            env={**ENV, "REPORTS_CACHE": str(cache)}, capture_output=True, text=True, check=True)
    measured = json.loads(output.stdout)
    return measured["seconds"], measured["pages"]


def print_reports(project: Path, cache: Path) -> tuple[float, int]:
    """Seconds to print every annual report of `project` (both languages) from scratch, filling the cache the
    builds then read (a build prints only the reports whose content changed: macros/files/reports.py), and
    the number of pages printed."""
    shutil.rmtree(cache, ignore_errors=True)
    ENV["REPORTS_CACHE"] = str(cache)
    return time_reports(project, cache)


def pages_per_second_on_one_core(project: Path, cache: Path) -> tuple[float, int]:
    """Pages per second of every report printed from scratch with the process and its worker on one core, and the
    number of pages (the JSON of each report included: what one core does for a page)."""
    shutil.rmtree(cache, ignore_errors=True)
    seconds, pages = time_reports(project, cache, "--one-core")
    return pages / seconds, pages


def reprint_after_edit(project: Path, cache: Path) -> tuple[float, int]:
    """Seconds the reports take after one activity's summary is edited, the cache holding every report printed
    before the edit (what a merge that changes one activity pays), and the pages it printed again: its year's
    report in both languages. The edit is undone afterwards; the cache keeps both versions."""
    path = project / "activities" / "a-00000.yml"
    original = path.read_text(encoding="utf-8")
    before = set(cache.glob("*.pdf"))
    record = yaml.safe_load(original)
    record["summary"] = {lang: f"{text} (edited)" for lang, text in record["summary"].items()}
    path.write_text(yaml.dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        seconds, _ = time_reports(project, cache)
    finally:
        path.write_text(original, encoding="utf-8")
    reprinted = set(cache.glob("*.pdf")) - before
    if not reprinted:
        raise SystemExit(f"the edit of {path} changed no report: the measurement would be empty")
    return seconds, pages_in(reprinted)


def pages_in(pdfs) -> int:
    """How many pages the PDF files hold together."""
    from pypdf import PdfReader

    return sum(len(PdfReader(path).pages) for path in pdfs)


def parser_floor(project: Path) -> float:
    """Seconds LibYAML's event parser alone takes over the project's data files in a fresh process: what any
    validator reading YAML through PyYAML pays before it builds or checks a single value."""
    code = ("import pathlib, time, yaml; files = sorted(pathlib.Path('.').glob('*/*.yml')); t = time.perf_counter()\n"
            "for path in files:\n"
            "    parser = yaml.CSafeLoader(path.read_bytes())\n"
            "    while type(parser.get_event()) is not yaml.StreamEndEvent: pass\n"
            "    parser.dispose()\n"
            "print(time.perf_counter() - t)")
    output = subprocess.run([sys.executable, "-c", code], cwd=project, env=ENV, capture_output=True, text=True,
                            check=True)
    return float(output.stdout)


def plain_project(target: Path, pages: int, like: Path) -> Path:
    """Plain mkdocs-material, `pages` ordinary Markdown pages of the size of `like`'s pages, a small nav."""
    if target.exists():
        shutil.rmtree(target)
    (target / "docs").mkdir(parents=True)
    sample = BeautifulSoup((like / "site" / "en" / "activities" / "a-00000" / "index.html").read_text(), "html.parser")
    text = sample.select_one("article").get_text("\n")
    paragraphs = [line for line in text.splitlines() if len(line) > 40]
    random.seed(3)
    for index in range(pages):
        body = "\n\n".join(random.sample(paragraphs, min(6, len(paragraphs))))
        (target / "docs" / f"page-{index:05d}.md").write_text(
            f"# Page {index}\n\n## Summary\n\n{body}\n\n## Sources\n\n- A source, 2024\n", encoding="utf-8")
    (target / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (target / "mkdocs.yml").write_text("site_name: Plain\ntheme:\n  name: material\n  font: false\n"
                                       "plugins:\n  - search\nnav:\n  - index.md\n", encoding="utf-8")
    return target


def hugo_build(project: Path, work: Path, repeats: int) -> tuple[float, float] | None:
    """(seconds, peak MB) of Hugo building the same records (bench/hugo_site.py); None without Debian's hugo."""
    if not shutil.which("hugo"):
        return None
    hugo = work / "hugo"
    write_hugo_site(project, hugo)
    seconds, _, runs = median_of(repeats, lambda: timed(["hugo", "--quiet", "-d", str(hugo / "public")], hugo))
    return seconds, max(memory for _, memory, _ in runs)


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def validate_time(project: Path, repeats: int) -> tuple[float, list[float]]:
    """Seconds `dataset.load` takes for the project's data, in a fresh process each time."""
    code = ("import time, pathlib; from macros.model import dataset; t = time.perf_counter(); "
            f"dataset.load(pathlib.Path({str(project)!r})); print(time.perf_counter() - t)")

    def once() -> float:
        output = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=ENV, capture_output=True, text=True, check=True)
        return float(output.stdout.strip())

    seconds, values, _ = median_of(repeats, once)
    return seconds, values


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_rebuild(repeats: int, synthetic: Path | None = None) -> tuple[float, list[float]]:
    """Seconds from saving one partner's YAML file to `make serve`'s preview (`PREVIEW_COMMAND`) showing the change
    on its English page.

    The real data (a copy) by default, or a synthetic project (its partner p-0001, "Partner agency 1").
    """
    with tempfile.TemporaryDirectory() as folder:
        project = synthetic or make_copy(Path(folder) / "real")
        partner, name = ("p-0001", "Partner agency 1") if synthetic else ("kr-mpm", "Ministry of Personnel Management of the Republic of Korea")
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", *PREVIEW_COMMAND, "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/en/partners/{partner}/"
        path = project / "partners" / f"{partner}.yml"
        original = path.read_text(encoding="utf-8")
        try:
            wait_until(url, name, 600)
            runs = []
            for attempt in range(repeats):
                marker = f"{name} (edit {attempt})"
                started = time.perf_counter()
                path.write_text(original.replace(name, marker, 1), encoding="utf-8")
                wait_until(url, marker, 300)
                runs.append(time.perf_counter() - started)
        finally:
            server.terminate()
            server.wait(timeout=10)
            path.write_text(original, encoding="utf-8")
    return statistics.median(runs), runs


def make_copy(target: Path) -> Path:
    """A copy of the real site, data included."""
    copy_sources(REPO, target, SITE_PARTS + tuple(COLLECTIONS))
    return target


def wait_until(url: str, wanted: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if wanted in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{wanted!r} never appeared at {url}")


def first_view_kb(site: Path, page: str) -> float:
    """KB (gzip) a first view of `page` transfers: its HTML and the CSS, scripts and fonts it loads."""
    html_path = site / page / "index.html"
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    files = [html_path]
    for tag, attribute in (("link", "href"), ("script", "src")):
        for element in soup.find_all(tag, attrs={attribute: True}):
            if tag == "link" and "stylesheet" not in element.get("rel", []):
                continue
            files.append((html_path.parent / element[attribute]).resolve())
    return sum(len(gzip.compress(path.read_bytes())) for path in files if path.is_file()) / 1024


def first_search_kb(site: Path, query: str = "hop tac") -> float:
    """KB (gzip) the first search transfers beyond the page: Pagefind's script, WebAssembly, index chunks."""
    from playwright.sync_api import sync_playwright

    server, base = lighthouse.serving(site)
    sizes: list[int] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=tools.browser.find(),
                                                 args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            page.on("response", lambda response: "/pagefind/" in response.url and sizes.append(
                len(gzip.compress(response.body()))))
            page.goto(base + "search/?q=" + query.replace(" ", "+"))
            page.wait_for_selector(".search-results li", timeout=30_000)
            page.wait_for_timeout(500)
            browser.close()
    finally:
        server.shutdown()
    return sum(sizes) / 1024


def lighthouse_performance(site: Path, pages: list[str]) -> dict[str, float]:
    """Lighthouse performance scores (mobile, served with gzip) against Debian's Chromium."""
    server, base = lighthouse.serving(site)
    try:
        reports = lighthouse.run(base, {page: ["performance"] for page in pages})
    finally:
        server.shutdown()
    return {page or "home": report.scores["performance"] for page, report in reports.items()}


def stages_table(ours: dict, plain: dict) -> str:
    """Our build's stages beside plain Material's, as Markdown."""
    labels = list(dict.fromkeys([*ours["stages"], *plain["stages"]]))
    labels.remove("rest")
    lines = ["| stage | ours s | plain Material s |", "|---|---:|---:|"]
    lines += [f"| {label} | {ours['stages'].get(label, 0):.2f} | {plain['stages'].get(label, 0):.2f} |"
              for label in [*labels, "rest"]]
    lines.append(f"| **whole build** | **{ours['total']:.2f}** | **{plain['total']:.2f}** |")
    return "\n".join(lines)


def profile_build(project: Path) -> str:
    """The most expensive functions of one build of `project`, as Markdown."""
    stats_file = project / "build.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "mkdocs", "build", "--quiet",
                    "--site-dir", str(project / "site-profiled")], cwd=project, env=ENV, check=True)
    stats = pstats.Stats(str(stats_file))
    total = stats.total_tt
    rows = []
    for (filename, line, function), (_, _, own, cumulative, _) in stats.stats.items():
        name = f"{Path(filename).parent.name}/{Path(filename).name}:{function}"
        rows.append((cumulative, own, name))
    wanted = ("macros/", "mkdocs/", "material/", "mkdocs_macros/", "jinja2/environment")
    rows = [row for row in sorted(rows, reverse=True) if any(part in row[2] for part in wanted)][:25]
    lines = ["| cumulative s | own s | function |", "|---:|---:|---|"]
    lines += [f"| {cumulative:.2f} | {own:.2f} | `{name}` |" for cumulative, own, name in rows]
    return f"Total profiled time {total:.1f} s (profiling slows Python code about twofold).\n\n" + "\n".join(lines)


def machine() -> str:
    memory = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores, {memory / 1024:.1f} GiB memory, Python {sys.version.split()[0]}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    args = parser.parse_args()
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    table: list[list[str]] = []
    results: list[Result] = []
    builds: dict[int, tuple[float, float, int, float]] = {}
    try:
        for size in args.sizes:
            print(f"N={size}: generating…", flush=True)
            project = make_project(REPO, work / f"n{size}", size)
            report_seconds, report_pages = print_reports(project, work / "reports-cache")
            ours = build(project, args.repeats)
            seconds, memory, runs = ours.seconds, ours.peak_mb, ours.runs
            pages = count_pages(project / "site")
            plain = plain_project(work / f"plain{size}", pages, project)
            material = build(plain, args.repeats)
            plain_seconds, plain_memory, plain_runs = material.seconds, material.peak_mb, material.runs
            records = sum(len(records) for records in dataset.load(project).raw.values())
            validate_seconds, _ = validate_time(project, args.repeats)
            builds[size] = (seconds, plain_seconds, pages, memory)
            table.append([f"{size:,}", f"{records:,}", f"{pages:,}", f"{seconds:.1f}",
                          f"{memory:.0f} ({ours.python_mb:.0f} / {ours.pagefind_mb:.0f})",
                          f"{plain_seconds:.1f}", f"{plain_memory:.0f}", f"{seconds / plain_seconds:.2f}",
                          f"{validate_seconds:.2f}", f"{report_seconds:.1f} ({report_pages:,})"])
            print(f"N={size}: {pages} pages, build {seconds:.1f} s ({runs}), plain {plain_seconds:.1f} s "
                  f"({plain_runs}), validate {validate_seconds:.2f} s", flush=True)
            if size == 1000:
                fresh = build(project, args.repeats, fresh_cache=True)
                ratio = fresh.seconds / plain_seconds
                results.append(Result("build at 1,000 activities on a fresh copy (no report cache) / plain Material, "
                                      "same page count", ratio, "×", "≤ 1.5", ratio <= 1.5, fresh.runs, "≤ 1.15"))
                ratio = seconds / plain_seconds
                results.append(Result("the same with the report cache warm", ratio, "×", "≤ 1.3", ratio <= 1.3, runs,
                                      "≤ 1.1"))
            if size == 5000:
                ratio = seconds / plain_seconds
                results.append(Result("build at 5,000 activities / plain Material, same page count", ratio, "×",
                                      "≤ 1.5", ratio <= 1.5, runs, "≤ 1.15"))
                ratio = memory / plain_memory
                results.append(Result("peak memory of the build, all its processes together, at 5,000 activities / "
                                      "plain Material", ratio, "×", "≤ 2", ratio <= 2, goal="≤ 1.5"))
            if size == 1000:
                results.append(Result(f"annual reports printed from scratch at 1,000 activities ({report_pages:,} "
                                      "pages) / build",
                                      report_seconds / seconds, "×", "≤ 0.25", report_seconds / seconds <= 0.25,
                                      goal="≤ 0.1"))
                edited_seconds, edited_pages = reprint_after_edit(project, work / "reports-cache")
                results.append(Result(f"annual reports after one activity is edited at 1,000 activities (its year "
                                      f"printed again, both languages, {edited_pages:,} pages) / build",
                                      edited_seconds / seconds, "×", "≤ 0.1", edited_seconds / seconds <= 0.1,
                                      goal="≤ 0.05"))
                rate, rate_pages = pages_per_second_on_one_core(project, work / "reports-one-core")
                results.append(Result(f"annual reports typeset on one core, every report from scratch at 1,000 "
                                      f"activities ({rate_pages:,} pages): pages per second", rate, "pages/s", "≥ 60",
                                      rate >= 60, goal="≥ 100"))
                results.append(Result("first view of an entity page (gzip)", first_view_kb(project / "site",
                                      "en/activities/a-00000"), "KB", "≤ 150", None))
                results[-1].holds = results[-1].value <= 150
                search_kb = first_search_kb(project / "site")
                results.append(Result("first search for the most frequent phrase at 1,000 activities (gzip)",
                                      search_kb, "KB", "≤ 300", search_kb <= 300))
                profile = ("Wall time of one build, stage by stage, at full speed (`bench/phases.py`; \"rest\" is "
                           "start-up, configuration, navigation and the theme's files):\n\n"
                           + stages_table(stages(project), stages(plain)) + "\n\nThe most expensive functions "
                           "(cProfile, of the Vietnamese build's process: the English build, forked from it, is its twin):\n\n"
                           + profile_build(project))
                hugo = hugo_build(project, work, args.repeats)
                if hugo:
                    results.append(Result(f"Hugo, same records at 1,000 activities ({hugo[1]:.0f} MB peak); our build "
                                          f"takes {seconds / hugo[0]:.1f}× as long", hugo[0], "s", "reported", True))
                print("serve rebuild at 1,000 activities…", flush=True)
                rebuild, rebuild_runs = serve_rebuild(args.repeats, project)
                results.append(Result("serve: one record edited → preview updated, 1,000 activities", rebuild, "s",
                                      "≤ 5", rebuild <= 5, rebuild_runs, "≤ 2"))
                print("record history at 1,000 activities…", flush=True)
                share = history_share(project, work, args.repeats)
                results.append(Result(f"record history at 1,000 activities with {share.commits - 1:,} commits of "
                                      f"edits: 1 + the {share.added:.2f} s it adds to the stages that do its work / "
                                      f"the build without it (whole builds: {share.wall_ratio:.2f} ×)", share.ratio,
                                      "×", "≤ 1.10", share.ratio <= 1.10,
                                      [report["total"] for report in share.with_history], "≤ 1.03"))
            if size != 1000:
                shutil.rmtree(plain, ignore_errors=True)
        if 1000 in builds and 5000 in builds:
            for index, measure in ((0, "time"), (3, "peak memory")):
                growth = builds[5000][index] / builds[1000][index]
                results.append(Result(f"growth 1,000 → 5,000 activities: {measure}", growth, "×", "≤ 5.5",
                                      growth <= 5.5))
        print(f"validate {VALIDATE_RECORDS:,} records…", flush=True)
        big = make_project(REPO, work / "validate", round(VALIDATE_RECORDS / 1.104))  # with partners and plans
        count = sum(len(records) for records in dataset.load(big).raw.values())
        validate_seconds, validate_runs = validate_time(big, args.repeats)
        results.append(Result(f"validate {count:,} records, cold (fresh process, nothing cached)", validate_seconds,
                              "s", "≤ 2.5", validate_seconds <= 2.5, validate_runs, "≤ 1"))
        results.append(Result(f"LibYAML's event parser alone over the same {count:,} files (no value built, "
                              "nothing checked): the floor under any validator reading YAML through PyYAML",
                              parser_floor(big), "s", "reported", True))
        print("serve rebuild…", flush=True)
        rebuild, rebuild_runs = serve_rebuild(args.repeats)
        results.append(Result("serve: one record edited → preview updated, real data", rebuild, "s", "≤ 1",
                              rebuild <= 1, rebuild_runs))
        print("lighthouse…", flush=True)
        real = make_copy(work / "real")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(real / "site")],
                       cwd=real, env=ENV, check=True)
        for page, score in lighthouse_performance(real / "site", ["", "partners/fr-mtfp/", "activities/2024-08-accsm-22-brunei/"]).items():
            results.append(Result(f"Lighthouse performance, mobile: {page}", score, "", "≥ 95", score >= 95))
        report = render_report(table, results, profile if 1000 in args.sizes else "", time.perf_counter() - started)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(report, encoding="utf-8")
    print(report.split("## Profile")[0])
    print(f"Written to {REPORT.relative_to(REPO)} in {time.perf_counter() - started:.0f} s.")
    return 0


def render_report(table: list[list[str]], results: list[Result], profile: str, seconds: float) -> str:
    header = ["activities", "records", "pages", "build s", "peak MB, all processes (Python / Pagefind)", "plain Material s",
              "plain MB", "ratio",
              "validate s", "reports s"]
    lines = ["# Benchmarks", "", "Written by `make bench` (bench/run.py); do not edit by hand.", "",
             f"Machine: {machine()}. Each figure is the median of the runs; the whole benchmark took "
             f"{seconds / 60:.1f} minutes.", "",
             "Synthetic datasets shaped like the real one (bench/synthetic.py): N activities, N/10 partners, one "
             "annual plan per year, N/5 plan items, sentences of the seed data. \"Plain Material\" builds the same "
             "number of ordinary Markdown pages of the same text with mkdocs-material and its search, pages kept "
             "out of the nav as ours are. \"reports s\" prints every annual report (PDF, both languages) from "
             "scratch (bench/reports.py: `reports.reports()` once the data is loaded, every core); the builds then "
             "find them in the report cache, as a rebuild of unchanged years does. Peak memory is the largest sum, "
             "over every process of a build at once, of each one's proportional share (bench/peak.py): both "
             "languages' builds and Pagefind. For the record history, a copy of the 1,000-activity dataset is made a "
             f"git repository (bench/history.py): one commit of every file, then {EDITS:,} commits of one edit each, of the "
             "kinds editors make (texts revised, plan items' status moved on, sources added, partners' fields "
             "changed, a few that change only the formatting), built in turns with and without its `.git`; what the "
             "history adds is measured on the two stages that do its work (the data read, the record pages and "
             "files made; bench/phases.py), which other work on a shared machine disturbs far less than it does two "
             "whole builds.", "",
             "| " + " | ".join(header) + " |", "|" + "---:|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in table]
    lines += ["", "## Budgets", "", "| measure | figure | must hold | goal | holds |", "|---|---:|---|---|---|"]
    for result in results:
        figure = f"{result.value:.2f} {result.unit}".strip() if result.unit != "" else f"{result.value:.0f}"
        lines.append(f"| {result.name} | {figure} | {result.budget} | {result.goal} | "
                     f"{'yes' if result.holds else '**no**'} |")
    analysis = ANALYSIS.read_text(encoding="utf-8") if ANALYSIS.exists() else ""
    return "\n".join(lines) + "\n\n" + analysis + ("\n## Profile of one build at 1,000 activities\n\n" + profile + "\n"
                                                  if profile else "")


if __name__ == "__main__":
    sys.exit(main())
