"""Helpers shared by the tests and the benchmarks: build a project, copy it, serve a site, drive search.

Plain functions, no fixtures (those are in conftest.py).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a build needs; the Python code itself is the installed package (pyproject.toml), so a copy
# of the project builds its own data with the repository's code.
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "macros", "overrides")
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}

# Debian's Chromium, as the tests and benchmarks launch it: no sandbox (root), no background traffic
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def copy_project(destination: Path) -> Path:
    """A throw-away copy of what the project needs in order to build."""
    if destination.exists():
        shutil.rmtree(destination)
    destination.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination


FIXTURE_PLANS = ROOT / "tests" / "fixtures" / "plans"
TEST_PLAN = "thu-nghiem-2023"


def add_test_plan(project: Path, plan_id: str = TEST_PLAN, year: int | None = None) -> Path:
    """Put the fictional test plan (tests/fixtures/plans/, never published) into a copy of the project,
    with its catalogue record and duties. `year`: another copy of it, numbered and dated for that year."""
    plans = project / "data" / "plans"
    header = (FIXTURE_PLANS / f"{TEST_PLAN}.yml").read_text(encoding="utf-8")
    text = (FIXTURE_PLANS / TEST_PLAN / "ke-hoach.txt").read_text(encoding="utf-8")
    if year:  # the same words, another number and year: "five plans cite it"
        for old, new in (("07/KH-THUNGHIEM", f"{year % 100:02d}/KH-THUNGHIEM"), ("năm 2023", f"năm {year}")):
            header, text = header.replace(old, new), text.replace(old, new)
        header = header.replace(f"source: {TEST_PLAN}/", f"source: {plan_id}/")
    (plans / plan_id).mkdir(parents=True, exist_ok=True)
    (plans / plan_id / "ke-hoach.txt").write_text(text, encoding="utf-8")
    (plans / f"{plan_id}.yml").write_text(header, encoding="utf-8")
    if plan_id == TEST_PLAN:
        for extra, target in (("catalogue-extra.yml", "documents.yml"), ("duties-extra.yml", "duties.yml"),
                              ("issuers-extra.yml", "issuers.yml")):
            lines = (FIXTURE_PLANS / extra).read_text(encoding="utf-8").splitlines(keepends=True)
            with (project / "data" / target).open("a", encoding="utf-8") as out:
                out.write("\n" + "".join(line for line in lines if not line.startswith("#")))
    return project


def mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Build a project with the same MkDocs as the README commands; never raises."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"),
                           "-d", str(site_dir)], capture_output=True, text=True, env=BUILD_ENV, timeout=600)


def failing_build(tmp_path: Path, file: str, old: str, new: str) -> str:
    """Build a copy of the project with `old` replaced once by `new` in `file`: it must fail. Its output."""
    project = copy_project(tmp_path / "project")
    target = project / file
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the fixture no longer matches {file}: {old!r}"
    target.write_text(text.replace(old, new), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build should fail:\n{output}"
    return output


REDIRECT_MARK = '<meta http-equiv="refresh"'


def _is_redirect(path: Path) -> bool:
    return REDIRECT_MARK in path.read_text(encoding="utf-8")[:600]


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site that is a page of the handbook, as paths under it (the small
    pages that send an old address on to its new page are left out: see redirect_pages)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if not _is_redirect(p))


def redirect_pages(site: Path) -> list[str]:
    """The pages written at old addresses (mkdocs-redirects), as paths under the site."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if _is_redirect(p))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the output readable
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # a page closed while a script was on its way: not a failure of the site
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def served_page(browser, site: Path, path: str = "index.html"):
    """A Chromium page open at `path` of a built site served on the loopback; closed afterwards."""
    url, server = serve_directory(site)
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(url + path)
        yield page
    finally:
        context.close()
        server.shutdown()


def serve_directory(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve a folder on 127.0.0.1 (a free port); returns (base URL ending in '/', server to shut down)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


# The handbook's search box (overrides/partials/search.html, assets/javascripts/search/ui.js)
SEARCH_BOX = "#hb-search-input"
RESULTS = "#hb-search-list [role=option]"   # each result is its link, in the role of an option
# The box shows its answer to `text` (results, "Không có kết quả", or a message that the index failed)
RESULTS_READY = """(text) => {
  const search = document.querySelector('[data-hb-search]')
  return search.dataset.query === text && ['done', 'failed'].includes(search.dataset.state)
}"""


def type_query(page, query: str) -> list[dict]:
    """Type a query into the search box (opened first on a phone); the results shown, best first."""
    box = page.locator(SEARCH_BOX)
    if not box.is_visible():
        page.click(".hb-search__open")
    box.fill(query)
    page.wait_for_function(RESULTS_READY, arg=query, timeout=10_000)
    return page.eval_on_selector_all(RESULTS, """options => options.map(option => ({
      href: option.href,
      html: option.innerHTML,
      text: option.innerText,
    }))""")


# axe-core (npm, tests/package.json) against WCAG 2.1 AA
AXE = ROOT / "tests" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 AA violations on the page open in Chromium (empty when there are none)."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " :: " + n.failureSummary)}));
        }""", WCAG_TAGS)
