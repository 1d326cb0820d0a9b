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


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths under it."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the output readable
        pass


def serve_directory(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve a folder on 127.0.0.1 (a free port); returns (base URL ending in '/', server to shut down)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


# Material's search box, as a reader uses it
RESULTS_READY = """() => {
  const meta = document.querySelector('.md-search-result__meta')
  return document.querySelectorAll('.md-search-result__list > li').length > 0
    || (meta && meta.textContent.startsWith('Không'))
}"""
# Empty box, index loaded (the index loads on first focus): Material shows its "type to search" line
RESULTS_EMPTY = """() => document.querySelectorAll('.md-search-result__list > li').length === 0
  && document.querySelector('.md-search-result__meta').textContent.startsWith('Nhập')"""


def type_query(page, query: str) -> list[dict]:
    """Type a query into the search box; the result pages, best first, as Material shows them."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press("End")                       # Material searches on keyup
    page.wait_for_function(RESULTS_EMPTY)
    box.fill(query)
    box.press("End")
    page.wait_for_function(RESULTS_READY, timeout=10_000)
    return page.eval_on_selector_all(".md-search-result__list > li", """items => items.map(li => ({
      href: li.querySelector('a').href,
      html: li.innerHTML,
    }))""")
