"""Search benchmark: the handbook's search against Material's, on a fresh page, in Chromium. Prints figures.

    .venv/bin/python benchmarks/search_bench.py            # the real site and 2,000 records x 10 plans
    .venv/bin/python benchmarks/search_bench.py 5000 --plans 1

For each project it builds the handbook (its own search: macros/search/, search/engine.js, the
field of overrides/partials/search.html) and, in the same run, the same project with Material's
search plugin and Material's search box instead (`material_floor`). On a fresh page (nothing
cached), over HTTP and from file://, it measures:
  - first results: ms from the search field's focus, the query typed at once, to the first result
    shown (the handbook loads its index only then);
  - KB (gzip) of the search files loaded before those first results (search/*.js for the
    handbook; search_index.json for Material), as gzip -6 of the files on disk;
  - keystroke to results: each query typed one key at a time, ms from the `input` event (Material:
    `keyup`) to the results list changing (median / p95 / max).
Material's search is measured over HTTP only: from file:// it needs the offline plugin and its
iframe-worker shim, which the handbook no longer ships.
Functions here serve build_bench.py too. Not a test: nothing here asserts a timing.
Goals (2,000 records x 10 plans): first results <= 150 ms, p95 <= 30 ms, <= 300 KB before first
results; real site first results <= 50 ms.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from macros import settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))

from helpers import CHROMIUM, CHROMIUM_ARGS, SEARCH_BOX, copy_project, mkdocs_build  # noqa: E402
from helpers import serve_directory as serve  # noqa: E402
from synthetic import write_project  # noqa: E402

QUERIES = ["16/CT-TTg", "quyet dinh 217", "giám sát và phản biện xã hội", "nghi dinh 1005"]
FIRST_QUERY = "chi thi 16"

# The two search boxes: (field, a result shown, the list that changes, event fired per keystroke)
HANDBOOK = (SEARCH_BOX, "#hb-search-list > li", "#hb-search-list", "input")
MATERIAL = ("input.md-search__input", ".md-search-result__list > li", ".md-search-result", "keyup")
# Material's files of the handbook's own search, left out of the Material floor
OUR_PARTIALS = ("header.html", "search.html")

# Focus the field, type the query at once; ms from the focus to the first result shown.
FIRST_JS = """async ([field, shownSelector, _, event, query]) => {
  const box = document.querySelector(field)
  const shown = () => document.querySelector(shownSelector)
  const start = performance.now()
  box.focus()
  box.value = query
  box.dispatchEvent(new KeyboardEvent(event, { key: query.slice(-1), bubbles: true }))
  await new Promise((resolve) => {
    if (shown()) return resolve()
    const observer = new MutationObserver(() => { if (shown()) { observer.disconnect(); resolve() } })
    observer.observe(document.body, { childList: true, subtree: true, attributes: true })
    setTimeout(() => { observer.disconnect(); resolve() }, 60000)
  })
  return shown() ? performance.now() - start : NaN
}"""

# Type `text` one character at a time; per keystroke, ms from the event to the results changing.
TYPE_JS = """async ([field, _, listSelector, event, text]) => {
  const box = document.querySelector(field)
  const output = document.querySelector(listSelector)
  const times = []
  for (let i = 1; i <= text.length; i++) {
    const rendered = new Promise(resolve => {
      const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now()) })
      observer.observe(output, { childList: true, subtree: true, characterData: true })
      setTimeout(() => { observer.disconnect(); resolve(NaN) }, 5000)
    })
    box.value = text.slice(0, i)
    const start = performance.now()
    box.dispatchEvent(new KeyboardEvent(event, { key: text[i - 1], bubbles: true }))
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


def material_config(config: dict) -> dict:
    """A mkdocs.yml with Material's search plugin and box instead of the handbook's search."""
    plugins = [p for p in config["plugins"] if p != "search" and not (isinstance(p, dict) and "search" in p)]
    config["plugins"] = ["search", *plugins]
    config["extra_javascript"] = [s for s in config.get("extra_javascript", []) if "javascripts/search/" not in str(s)]
    return config


def material_floor(project: Path, destination: Path) -> Path:
    """The same project with Material's own search (plugin and box), the handbook's hooks still on."""
    shutil.copytree(project, destination, ignore=shutil.ignore_patterns("site", "__pycache__"))
    for name in OUR_PARTIALS:
        (destination / "overrides/partials" / name).unlink(missing_ok=True)
    config_file = destination / "mkdocs.yml"
    config = material_config(yaml.safe_load(config_file.read_text(encoding="utf-8")))
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return destination


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def index_size(site: Path, box=HANDBOOK) -> tuple[int, int]:
    """(bytes, gzip bytes) of the whole search index: the handbook's search/*.js, or Material's
    search_index.json."""
    folder = site / settings.SEARCH_DIR
    if box is MATERIAL:
        files = [folder / "search_index.json"]
    else:
        files = [f for f in sorted(folder.glob("*.js")) if not f.name.startswith("search_index")]
    return sum(f.stat().st_size for f in files), sum(gzip_size(f) for f in files)


def _open(browser, site: Path, over_file: bool):
    url, server = serve(site)
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((site / "index.html").as_uri() if over_file else url + "index.html", wait_until="load")
    page.wait_for_timeout(300)                    # scripts loaded, page idle
    return context, server, page, requests


def _search_files(site: Path, requests: list[str]) -> list[Path]:
    base = site.resolve()
    paths = []
    for request in requests:
        path = unquote(urlsplit(request).path)
        name = path.rsplit("/search/", 1)[-1] if "/search/" in path else None
        if name and (base / "search" / name).is_file():
            paths.append(base / "search" / name)
    return list(dict.fromkeys(paths))


def first_results(browser, site: Path, over_file: bool = False, box=HANDBOOK) -> tuple[float, int]:
    """(ms from focus to the first result on a fresh page, gzip bytes of the search files loaded by then)."""
    context, server, page, requests = _open(browser, site, over_file)
    try:
        before = len(requests)
        ms = page.evaluate(FIRST_JS, [*box, FIRST_QUERY])
        return ms, sum(gzip_size(p) for p in _search_files(site, requests[before:]))
    finally:
        context.close()
        server.shutdown()


def median_first_results(browser, site: Path, over_file: bool = False, box=HANDBOOK, runs: int = 5) -> tuple[float, int]:
    found = [first_results(browser, site, over_file, box) for _ in range(runs)]
    return statistics.median(ms for ms, _ in found), max(size for _, size in found)


def keystroke_latency(browser, site: Path, over_file: bool = False, box=HANDBOOK) -> list[float]:
    """Per-keystroke ms from the key to the results changing, typing QUERIES in one page (index loaded)."""
    context, server, page, _ = _open(browser, site, over_file)
    try:
        page.evaluate(FIRST_JS, [*box, "ke hoach"])
        times: list[float] = []
        for query in QUERIES:
            page.fill(box[0], "")
            page.wait_for_timeout(200)
            times += page.evaluate(TYPE_JS, [*box, query])
        return times
    finally:
        context.close()
        server.shutdown()


def describe(times: list[float]) -> str:
    """median/p95/max ms; keystrokes after which the list did not change (an empty list staying empty) are
    counted as missed and left out."""
    valid = sorted(t for t in times if t == t)
    if not valid:
        return "n/a"
    p95 = valid[min(len(valid) - 1, int(0.95 * len(valid)))]
    missed = len(times) - len(valid)
    return f"{statistics.median(valid):.0f}/{p95:.0f}/{valid[-1]:.0f}" + (f" ({missed} missed)" if missed else "")


def compare(browser, ours: Path, floor: Path) -> dict[str, str]:
    """The figures of the handbook's search beside Material's, as table cells."""
    row = {}
    for label, site, box, over_file in (("handbook", ours, HANDBOOK, True), ("Material", floor, MATERIAL, False)):
        _, zipped = index_size(site, box)
        http, loaded = median_first_results(browser, site, False, box)
        if box is MATERIAL:
            loaded = zipped  # Material's worker loads the whole index (its requests are not the page's)
        file = f"{median_first_results(browser, site, True, box)[0]:.0f}" if over_file else "–"
        row[f"{label}: first results ms HTTP/file"] = f"{http:.0f}/{file}"
        row[f"{label}: KB gzip before first results / whole index"] = f"{loaded / 1000:.0f} / {zipped / 1000:.0f}"
        typed = describe(keystroke_latency(browser, site, False, box))
        if over_file:
            typed += "; " + describe(keystroke_latency(browser, site, True, box))
        row[f"{label}: keystroke ms median/p95/max HTTP; file"] = typed
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description="Đo tốc độ tìm kiếm, cạnh tìm kiếm của Material.")
    parser.add_argument("records", type=int, nargs="?", default=2000)
    parser.add_argument("--plans", type=int, default=10)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        tmp = Path(tmp)
        projects = {
            "real site": copy_project(tmp / "real"),
            f"{args.records} records x {args.plans} plans": write_project(tmp / "synthetic", args.records, args.plans),
        }
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for name, project in projects.items():
                ours = build(project)
                floor = build(material_floor(project, tmp / f"{project.name}-material"))
                print(f"== {name}")
                for column, value in compare(browser, ours, floor).items():
                    print(f"   {column}: {value}", flush=True)
            browser.close()


if __name__ == "__main__":
    main()
