"""Shared fixtures: one build of the real site per session, a local server, one Chromium.

Helpers that are plain functions live in helpers.py (the benchmarks use them too).
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import CHROMIUM, CHROMIUM_ARGS, ROOT, mkdocs_build, serve_directory

# A test that uses one of these fixtures builds a site or opens Chromium: it is marked so, and
# `pytest -m "not build and not browser"` leaves it out of the fast subset.
BUILD_FIXTURES = {"built_site", "synthetic_site", "two_site", "five_plans"}
BROWSER_FIXTURES = {"browser"}


def pytest_collection_modifyitems(items):
    for item in items:
        used = set(item.fixturenames)
        if used & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)


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


@functools.cache
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
