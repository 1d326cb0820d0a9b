"""Intranet-ready: no request leaves the host, any sub-path, a shared folder (file://).

Chromium opens every page of the built site, once from a web server under a sub-path and once
straight from a folder whose name has spaces and Vietnamese letters, and records every request.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from publishing import publish as publishing

from helpers import RESULTS, ROOT, serve_directory, site_pages, type_query

SUB_PATH = "noi-bo/so-tay-dan-van/"
# Requests that fetch nothing from anywhere
LOCAL_SCHEMES = ("data:", "blob:", "about:")


class Recorder:
    """Every request of a browser context; anything not under `base` is recorded and blocked."""

    def __init__(self, context, base: str):
        self.base = base
        self.requests: list[str] = []
        self.outside: list[str] = []
        self.failed: list[str] = []
        context.on("request", self._request)
        # A request cut short by the crawl's next page (net::ERR_ABORTED: Chromium may ask for the
        # favicon after network idle) is not a missing file; a missing one fails otherwise (404, not found)
        context.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED"
                   and self.failed.append(f"{request.url} {request.failure}"))
        context.on("response", lambda response: response.status >= 400
                   and self.failed.append(f"{response.url} {response.status}"))
        # Nothing may leave even by accident: block it, and record it above
        context.route(lambda url: not url.startswith((base, *LOCAL_SCHEMES)), lambda route: route.abort())

    def _request(self, request):
        url = request.url
        self.requests.append(url)
        if not url.startswith((self.base, *LOCAL_SCHEMES)):
            self.outside.append(url)


def crawl(browser, base: str, pages: list[str]) -> Recorder:
    """Open every page and search once, waiting each time until the network is idle."""
    context = browser.new_context()
    recorder = Recorder(context, base)
    page = context.new_page()
    try:
        page.goto(base + "index.html", wait_until="networkidle")
        assert type_query(page, "chi thi 16"), "search answered nothing"
        for path in pages:
            page.goto(base + path, wait_until="networkidle")
    finally:
        context.close()
    return recorder


@pytest.fixture(scope="module")
def sub_path_url(built_site, tmp_path_factory):
    """The built site served by a plain web server under /noi-bo/so-tay-dan-van/."""
    root = tmp_path_factory.mktemp("www")
    (root / SUB_PATH).parent.mkdir(parents=True)
    (root / SUB_PATH.rstrip("/")).symlink_to(built_site, target_is_directory=True)
    url, server = serve_directory(root)
    yield url + SUB_PATH
    server.shutdown()


@pytest.fixture(scope="module")
def shared_folder(built_site, tmp_path_factory) -> Path:
    """The built site copied to a shared drive folder, as a unit would."""
    folder = tmp_path_factory.mktemp("o-chung") / "Ổ chung của Sở" / "Sổ tay dân vận 2022"
    shutil.copytree(built_site, folder)
    return folder


def test_no_request_leaves_the_host_or_the_sub_path(browser, built_site, sub_path_url):
    pages = site_pages(built_site)
    recorder = crawl(browser, sub_path_url, pages)
    assert recorder.outside == []
    assert recorder.failed == []
    fetched = {urlsplit(url).path.removeprefix("/" + SUB_PATH) for url in recorder.requests}
    assert set(pages) <= fetched
    # The search engine and its index came from the site too
    assert {"assets/javascripts/search/engine.js", "search/manifest.js"} <= fetched


def test_no_request_leaves_the_folder_when_opened_as_files(browser, shared_folder):
    base = shared_folder.as_uri() + "/"
    pages = site_pages(shared_folder)
    recorder = crawl(browser, base, pages)
    assert recorder.outside == []
    assert recorder.failed == []
    assert len({url for url in recorder.requests if url.endswith(".html")}) >= len(pages)


def test_a_reader_navigates_and_searches_from_a_shared_folder(browser, shared_folder):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(shared_folder.joinpath("index.html").as_uri())
        # The sidebar leads to the catalogue, the home page's contents to a section of the plan
        page.click("nav.md-nav--primary a[href$='van-ban/index.html']")
        page.wait_for_url("**/van-ban/index.html")
        assert page.locator("article table tbody tr").count() >= 25
        page.go_back()
        page.click("article a[href$='ke-hoach/dan-van-2022/ii-1-quan-triet-hoc-tap.html'] >> nth=0")
        page.wait_for_url("**/ke-hoach/dan-van-2022/ii-1-quan-triet-hoc-tap.html")
        assert page.inner_text("article h1").startswith("1.")
        # A citation leads to the document's page, and its backlink back to the paragraph
        page.click("article p.hb-para a[href$='van-ban/chi-thi-16-ct-ttg.html']")
        page.wait_for_url("**/van-ban/chi-thi-16-ct-ttg.html")
        assert "16/CT-TTg" in page.inner_text("article h1")
        page.click("article a.hb-backlink >> nth=0")
        page.wait_for_url("**/ke-hoach/dan-van-2022/*.html#*")
        fragment = urlsplit(page.url).fragment
        assert page.locator(f"[id='{fragment}'] a[href$='van-ban/chi-thi-16-ct-ttg.html']").count() >= 1
        # The footer's "next" link, and search typed without diacritics
        page.click("a.md-footer__link--next")
        page.wait_for_load_state()
        results = type_query(page, "quy che dan chu")
        assert results and all(r["href"].startswith(shared_folder.as_uri()) for r in results)
        assert all("h=&" not in r["href"] and not r["href"].endswith("h=") for r in results)
        page.click(f"{RESULTS}[href*='/ke-hoach/'] >> nth=0")     # the first plan section found
        page.wait_for_selector("article mark[data-hb-found]")    # the words typed, marked
        assert page.locator("article p.hb-para").count() > 0
    finally:
        context.close()


def test_the_published_zip_opens_from_a_usb_stick(browser, tmp_path):
    archive = publishing.publish(tmp_path / "www" / "so-tay-dan-van", ROOT)
    stick = tmp_path / "USB"
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(stick)
    home = stick / "so-tay-dan-van" / "index.html"
    context = browser.new_context()
    recorder = Recorder(context, stick.as_uri() + "/")
    page = context.new_page()
    try:
        page.goto(home.as_uri())
        results = type_query(page, "nd-cp")
        assert urlsplit(results[0]["href"]).path.endswith(".html")
        assert "/van-ban/" in results[0]["href"]
    finally:
        context.close()
    assert recorder.outside == [] and recorder.failed == []
