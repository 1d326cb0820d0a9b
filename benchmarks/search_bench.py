"""Search benchmark: keystroke-to-results latency and search-index size. Prints figures.

    .venv/bin/python benchmarks/search_bench.py            # the real site and 2,000 records
    .venv/bin/python benchmarks/search_bench.py 5000       # another synthetic size

For the real site and for the synthetic handbook (benchmarks/synthetic.py) it builds two sites:
the handbook's search (lunr.vi.min.js, separator, fields) and Material's plain search for the
same pages (plain `- search`, Material's own lunr.vi). It prints the size of search_index.json
(raw and gzip) of both, and, typing queries into the search box of each in Chromium one key at
a time, the time from each keyup to the results being rendered (median, p95, max), over HTTP
for both and from file:// (search worker in an iframe) for the handbook; and the time from the
search box's focus to the first results on a fresh page (first_results_after_focus), with the
size of the ready-made index (search/ready_index.json, README "Tìm kiếm").
`keystroke_latency(browser, site, over_file)` gives the per-keystroke times alone, for other benchmarks.
Not a test: nothing here asserts a timing. Goals: <= 100 ms per keystroke at 2,000
records; index <= 1.2 x Material's plain index.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

from macros import settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from helpers import CHROMIUM, CHROMIUM_ARGS, copy_project, mkdocs_build  # noqa: E402
from helpers import serve_directory as serve  # noqa: E402
from synthetic import write_project  # noqa: E402

QUERIES = ["16/CT-TTg", "quyet dinh 217", "giám sát và phản biện xã hội", "nghi dinh 1005"]

# Type `text` one character at a time; per keystroke, ms from keyup to results rendered.
TYPE_JS = """async (text) => {
  const box = document.querySelector('input.md-search__input')
  const output = document.querySelector('.md-search-result')
  const times = []
  for (let i = 1; i <= text.length; i++) {
    const rendered = new Promise(resolve => {
      const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now()) })
      observer.observe(output, { childList: true, subtree: true, characterData: true })
      setTimeout(() => { observer.disconnect(); resolve(NaN) }, 5000)
    })
    box.value = text.slice(0, i)
    const start = performance.now()
    box.dispatchEvent(new KeyboardEvent('keyup', { key: text[i - 1], bubbles: true }))
    times.push(await rendered - start)
  }
  return times
}"""


def build(project: Path) -> Path:
    site = project / "site"
    result = mkdocs_build(project, site)
    if result.returncode:
        raise SystemExit(f"build failed in {project}:\n{result.stderr}")
    return site


def make_plain(project: Path, destination: Path) -> Path:
    """The same project with Material's plain search: `- search`, Material's own lunr.vi."""
    shutil.copytree(project, destination, ignore=shutil.ignore_patterns("site", "__pycache__"))
    shutil.rmtree(destination / "overrides/assets/javascripts/lunr")
    config_file = destination / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["plugins"] = ["search" if isinstance(p, dict) and "search" in p else p for p in config["plugins"]]
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return destination


def _sizes(data: bytes) -> tuple[int, int]:
    return len(data), len(gzip.compress(data, 6)) if data else 0


def index_size(site: Path) -> tuple[int, int, int]:
    """(bytes, gzip bytes, entries) of search_index.json."""
    data = (site / settings.SEARCH_INDEX).read_bytes()
    return (*_sizes(data), data.count(b'"location"'))


def ready_index_size(site: Path) -> tuple[int, int]:
    """(bytes, gzip bytes) of the search index made at build time (0, 0 without one)."""
    path = site / settings.READY_INDEX
    return _sizes(path.read_bytes() if path.is_file() else b"")


def open_search(browser, site: Path, over_file: bool = False):
    """A page of `site` with the search index loaded (first results shown); (page, server, ms from
    the search box getting focus to the first results). Over HTTP from a local server, or from
    the folder (file://)."""
    url, server = serve(site)
    page = browser.new_page()
    page.goto((site / "index.html").as_uri() if over_file else url + "index.html")
    box = page.locator("input.md-search__input")
    box.evaluate("box => box.addEventListener('focus', () => { window.hbFocusAt = performance.now() }, "
                 "{ once: true })")
    box.click()
    box.fill("kế hoạch")
    box.press("End")
    page.wait_for_selector(".md-search-result__list > li", timeout=60_000)
    return page, server, page.evaluate("performance.now() - window.hbFocusAt")


def type_queries(page, queries: list[str] = QUERIES) -> list[float]:
    """Type each query one key at a time into an open search; per keystroke, ms to results."""
    box = page.locator("input.md-search__input")
    times: list[float] = []
    for query in queries:
        box.fill("")
        box.press("End")
        page.wait_for_timeout(200)
        times += page.evaluate(TYPE_JS, query)
    return times


def keystroke_latency(browser, site: Path, over_file: bool = False) -> list[float]:
    """Per-keystroke ms from keyup to results rendered, typing QUERIES in one page."""
    return latencies(browser, site, over_file)[0]


def latencies(browser, site: Path, over_file: bool = False) -> tuple[list[float], float]:
    """(per-keystroke ms over QUERIES, ms from the search box getting focus to the first results)."""
    page, server, ready = open_search(browser, site, over_file)
    try:
        return type_queries(page), ready
    finally:
        page.close()
        server.shutdown()


# Focus the search box, type the query at once; ms from the focus to the first result shown.
FOCUS_JS = """async (query) => {
  const box = document.querySelector('input.md-search__input')
  const shown = () => document.querySelector('.md-search-result__list > li')
  const start = performance.now()
  box.focus()
  box.value = query
  box.dispatchEvent(new KeyboardEvent('keyup', { key: query.slice(-1), bubbles: true }))
  await new Promise((resolve) => {
    const observer = new MutationObserver(() => { if (shown()) { observer.disconnect(); resolve() } })
    observer.observe(document.body, { childList: true, subtree: true })
    setTimeout(() => { observer.disconnect(); resolve() }, 60000)
  })
  return shown() ? performance.now() - start : NaN
}"""


def first_results_after_focus(browser, site: Path, over_file: bool = False, query: str = "chi thi 16") -> float:
    """ms from `focus` on the search box (the query typed right after) to the first result shown,
    on a fresh page (nothing cached), over HTTP or from file://. The index loads on focus
    (search-on-demand.js), so this is loading, building or reading the index, and searching."""
    url, server = serve(site)
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto((site / "index.html").as_uri() if over_file else url + "index.html", wait_until="load")
        page.wait_for_timeout(300)                # Material's worker script loaded, page idle
        return page.evaluate(FOCUS_JS, query)
    finally:
        context.close()
        server.shutdown()


def median_first_results(browser, site: Path, over_file: bool = False, runs: int = 3) -> float:
    """first_results_after_focus on `runs` fresh pages, the median."""
    return statistics.median(first_results_after_focus(browser, site, over_file) for _ in range(runs))


def describe(times: list[float], short: bool = False) -> str:
    valid = sorted(t for t in times if t == t)
    p95 = valid[min(len(valid) - 1, int(0.95 * len(valid)))]
    missed = len(times) - len(valid)
    if short:
        return f"{statistics.median(valid):.0f}/{p95:.0f}/{valid[-1]:.0f}" + (f" ({missed} missed)" if missed else "")
    return (f"median {statistics.median(valid):6.1f} ms, p95 {p95:6.1f} ms, max {valid[-1]:6.1f} ms "
            f"over {len(valid)} keystrokes" + (f" ({missed} without a re-render)" if missed else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description="Đo tốc độ tìm kiếm và kích thước chỉ mục.")
    parser.add_argument("records", type=int, nargs="?", default=2000)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        tmp = Path(tmp)
        projects = {
            "real site": copy_project(tmp / "real"),
            f"synthetic, {args.records} records": write_project(tmp / "synthetic", args.records),
        }
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for name, project in projects.items():
                ours = build(project)
                plain = build(make_plain(project, tmp / f"{project.name}-plain"))
                size, zipped, entries = index_size(ours)
                plain_size, plain_zipped, _ = index_size(plain)
                print(f"== {name}: {entries} index entries")
                print(f"   search_index.json  handbook {size / 1024:8.1f} KiB (gzip {zipped / 1024:6.1f} KiB)"
                      f"  | Material plain {plain_size / 1024:8.1f} KiB (gzip {plain_zipped / 1024:6.1f} KiB)"
                      f"  | ratio {size / plain_size:.3f}")
                ready_size, ready_zipped = ready_index_size(ours)
                print(f"   ready_index.json   handbook {ready_size / 1024:8.1f} KiB (gzip {ready_zipped / 1024:6.1f} KiB)")
                for label, site, over_file in (("handbook", ours, False), ("Material plain", plain, False),
                                               ("handbook file://", ours, True)):
                    times, ready = latencies(browser, site, over_file)
                    focus = median_first_results(browser, site, over_file)
                    print(f"   keystroke -> results, {label:16}: {describe(times)}; "
                          f"first results {ready:.0f} ms after focus, {focus:.0f} ms on a fresh page (median of 3)")
            browser.close()


if __name__ == "__main__":
    main()
