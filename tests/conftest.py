"""Shared fixtures: one build of the real site per session, a local server, one Chromium."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

# Shared with the benchmarks: a throw-away copy of the project; a folder served on the loopback; Chromium
from browsing import CHROMIUM, CHROMIUM_ARGS, serve as serve_directory  # noqa: E402
from synthetic import copy_project  # noqa: E402

BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Build a project with the same MkDocs as the README commands; never raises."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"),
                           "-d", str(site_dir)], capture_output=True, text=True, env=BUILD_ENV, timeout=600)


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths under it."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session (strict: any warning fails it)."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = mkdocs_build(ROOT, site)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return site


@pytest.fixture(scope="session")
def handbook():
    """The validated model of the real data, as the build sees it."""
    from macros.model import load_handbook
    return load_handbook(ROOT)


@functools.lru_cache(maxsize=None)
def _parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def page_html():
    """Parse a built page once: page_html(path) → BeautifulSoup."""
    return _parse


@pytest.fixture(scope="session")
def site_url(built_site):
    """Base URL (ending in '/') of the built site served on 127.0.0.1."""
    url, server = serve_directory(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()
