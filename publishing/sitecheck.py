"""Checks of a built site before it is published: every link stays inside the site and resolves,
and the search index made at build time is there, every file of it whole.

Plain standard library (no MkDocs, no BeautifulSoup), so the publish command needs nothing more
than the build does. A link must be relative: the site is served under any sub-path and opened
from a folder (file://), where "/…" and "http://…" break or leave the intranet. The one exception
is a link the reader may follow off the intranet on purpose (a cited source, a database to check a
document in): an <a> marked with the class and rel the handbook's templates write
(settings.OUTBOUND_CLASS, OUTBOUND_REL). Nothing is ever loaded from outside: a script, style sheet,
image or frame with an outside address fails, marked or not.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from macros import settings
from macros.search.site_files import index_problems

# Attributes that make the browser fetch or navigate to another address
LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
                   ("source", "src"), ("iframe", "src"), ("video", "src"), ("audio", "src"),
                   ("form", "action")}
# Links that fetch nothing: e-mail, telephone, inline data, script actions
HARMLESS_SCHEMES = ("mailto:", "tel:", "data:", "javascript:")


@dataclass(frozen=True)
class Problem:
    page: str
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.reason}: {self.link}"


class Link(NamedTuple):
    tag: str
    url: str
    outbound: bool  # an <a> marked as leaving the intranet on purpose


def _marked_outbound(tag: str, attrs: dict) -> bool:
    classes = (attrs.get("class") or "").split()
    rel = set((attrs.get("rel") or "").split())
    return tag == "a" and settings.OUTBOUND_CLASS in classes and set(settings.OUTBOUND_REL.split()) <= rel


class PageScan(HTMLParser):
    """The anchors (id, a[name]) and the outgoing links of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.anchors: set[str] = set()
        self.links: list[Link] = []

    def handle_starttag(self, tag, attrs):
        outbound = _marked_outbound(tag, dict(attrs))
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.anchors.add(value)
            elif (tag, name) in LINK_ATTRIBUTES:
                self.links.append(Link(tag, value, outbound))


def _scan(path: Path) -> PageScan:
    scan = PageScan()
    scan.feed(path.read_text(encoding="utf-8"))
    scan.close()
    return scan


def scan_site(site: Path) -> dict[str, PageScan]:
    """Every HTML page of a built site (path under the site → its anchors and links)."""
    site = site.resolve()
    return {p.relative_to(site).as_posix(): _scan(p) for p in sorted(site.rglob("*.html"))}


def check_site(site: Path, scans: dict[str, PageScan] | None = None) -> list[Problem]:
    """Every problem with the links of every HTML page of a built site; [] when all is well."""
    site = site.resolve()
    scans = scans if scans is not None else scan_site(site)
    if "index.html" not in scans:
        return [Problem("index.html", "", "thiếu trang chủ")]
    problems = _search_problems(site)
    for page, scan in scans.items():
        for link in scan.links:
            reason = _link_problem(site, scans, page, link)
            if reason:
                problems.append(Problem(page, link.url, reason))
    return problems


def _search_problems(site: Path) -> list[Problem]:
    """The search index (macros/search/): the manifest and every shard it names, each a whole script."""
    if not (site / settings.SEARCH_ENGINE).is_file():
        return []  # a site without the search
    return [Problem(file, "", reason) for file, reason in index_problems(site)]


def _link_problem(site: Path, scans: dict[str, PageScan], page: str, found: Link) -> str | None:
    link = found.url
    parts = urlsplit(link)
    if found.outbound:
        if parts.scheme in ("http", "https") and parts.netloc:
            return None
        return "liên kết đánh dấu ra ngoài mạng nội bộ nhưng không phải địa chỉ http(s) đầy đủ"
    if link.lower().startswith(HARMLESS_SCHEMES):
        return None
    if parts.scheme or link.startswith("//"):
        if found.tag != "a":
            return "tài nguyên nạp từ ngoài mạng nội bộ (trang phải chạy không cần Internet)"
        return (f'liên kết ra ngoài mạng nội bộ không được đánh dấu (chỉ <a class="{settings.OUTBOUND_CLASS}" '
                f'rel="{settings.OUTBOUND_REL}"> được ra ngoài)')
    if link.startswith("/"):
        return "liên kết tuyệt đối (hỏng khi đặt trang dưới đường dẫn con hoặc mở từ thư mục)"
    if not parts.path:
        target = page
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        if target == ".." or target.startswith("../"):
            return "liên kết ra ngoài thư mục trang"
        path = site / target
        if path.is_dir():
            return "liên kết tới thư mục (mở từ thư mục file:// không tự mở index.html)"
        if not path.is_file():
            return "liên kết hỏng (không có tệp)"
    fragment = unquote(parts.fragment)
    if fragment and target in scans and fragment not in scans[target].anchors:
        return "neo hỏng (không có id này trên trang)"
    return None
