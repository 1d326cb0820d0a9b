"""The real site as a reader meets it: pages, citations, backlinks, links and anchors."""

from __future__ import annotations

import posixpath
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from macros.model.catalogue import NOT_STATED
from macros.render.status import citation_tooltip
from publishing.sitecheck import check_site, scan_site


def html_path(src: str) -> str:
    return src[:-3] + ".html"


def resolve(page: str, href: str) -> tuple[str, str]:
    """(site path, fragment) that a relative href on `page` points at."""
    parts = urlsplit(href)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path))) if parts.path else page
    return target, parts.fragment


def test_every_record_has_a_page_with_its_facts(built_site, page_html, handbook):
    for document in handbook.catalogue.documents:
        soup = page_html(built_site / html_path(document.src_path))
        assert soup.title.get_text().startswith(document.name + " - ")     # the browser tab
        article = soup.select_one("article")
        assert article.h1.get_text(strip=True).rstrip("¶") == document.name
        rows = {tr.th.get_text() if tr.th else tr.find_all("td")[0].get_text(): tr.find_all("td")[-1].get_text()
                for tr in article.select(".hb-attributes tr") if tr.find("td")}
        for label in ("Số hiệu", "Loại văn bản", "Cơ quan ban hành", "Ngày ban hành", "Khóa", "Hệ thống", "Cấp"):
            assert rows[label], f"{document.id}: {label} empty"
        assert rows["Cơ quan ban hành"] == (document.issuer or NOT_STATED)
        assert rows["Ngày ban hành"] == (document.date.display if document.date else NOT_STATED)
        assert rows["Khóa"] == (document.term or NOT_STATED)


def test_every_citation_links_to_its_document(built_site, page_html, handbook):
    expected = Counter((c.anchor, c.document_id, c.words) for c in handbook.citations)
    found = Counter()
    for section in handbook.plans[0].sections:
        page = html_path(section.file)
        for link in page_html(built_site / page).select("article p.hb-para a[href]"):
            target, _ = resolve(page, link["href"])
            if target.startswith("van-ban/"):
                doc_id = Path(target).stem
                found[(link.find_parent("p")["id"], doc_id, link.get_text())] += 1
                assert link["title"] == citation_tooltip(handbook, handbook.catalogue.get(doc_id))
    assert found == expected
    assert sum(expected.values()) == len(handbook.citations) >= 28


def test_every_backlink_lands_on_a_paragraph_that_cites_the_document(built_site, page_html, handbook):
    for document in handbook.catalogue.documents:
        page = html_path(document.src_path)
        backlinks = page_html(built_site / page).select("article a.hb-backlink")
        assert len(backlinks) == len(handbook.citations_of(document.id)) > 0
        for backlink in backlinks:
            target, fragment = resolve(page, backlink["href"])
            paragraph = page_html(built_site / target).find(id=fragment)
            assert paragraph is not None and paragraph.name == "p" and "hb-para" in paragraph["class"]
            cited = {resolve(target, a["href"])[0] for a in paragraph.select("a[href]")}
            assert page in cited


def test_relations_show_in_both_directions(built_site, page_html):
    kh193 = page_html(built_site / "van-ban/ke-hoach-193-kh-ubnd.html").select_one("article").get_text()
    ct16 = page_html(built_site / "van-ban/chi-thi-16-ct-ttg.html").select_one("article").get_text()
    assert "Thực hiện: Chỉ thị số 16/CT-TTg" in kh193
    assert "Được thực hiện bởi: Kế hoạch số 193/KH-UBND" in ct16


def test_index_lists_every_record(built_site, page_html, handbook):
    table = page_html(built_site / "van-ban/index.html").select_one("article .hb-document-table table")
    names = [row.find("td").get_text() for row in table.select("tbody tr")]
    assert names == [d.name for d in handbook.catalogue.documents]
    assert NOT_STATED in table.get_text()


def test_document_pages_stay_out_of_the_sidebar(built_site, page_html, handbook):
    sidebar = page_html(built_site / "index.html").select_one("nav.md-nav--primary")
    hrefs = {a["href"] for a in sidebar.select("a[href]")}
    assert "ke-hoach/dan-van-2022/ii-1-quan-triet-hoc-tap.html" in hrefs
    assert not any(h.startswith("van-ban/") and h != "van-ban/index.html" for h in hrefs)


def test_pages_are_vietnamese_with_readable_anchors(built_site, page_html):
    soup = page_html(built_site / "van-ban/chi-thi-16-ct-ttg.html")
    assert soup.html["lang"] == "vi"
    assert soup.find(id="duoc-vien-dan-tai") is not None


def test_no_internal_link_or_anchor_is_broken(built_site, handbook):
    """The publish command's own link check (publishing/sitecheck.py), over the real site."""
    scans = scan_site(built_site)
    assert len(scans) >= 2 + len(handbook.plans[0].sections) + len(handbook.catalogue.documents)
    assert sum(len(scan.links) for scan in scans.values()) > 1000
    assert check_site(built_site, scans) == []
    # No 404 page: Material's links it by absolute paths (see macros/hooks.py)
    assert "404.html" not in scans


@pytest.mark.parametrize("section_id", ["can-cu", "ii-1", "iv"])
def test_every_paragraph_has_a_stable_anchor(built_site, page_html, handbook, section_id):
    section = handbook.plans[0].section(section_id)
    article = page_html(built_site / html_path(section.file)).select_one("article")
    ids = [p["id"] for p in article.select("p.hb-para")]
    assert ids == [b.anchor for b in section.paragraphs]
    assert ids[0] == f"{section_id}-doan-1"


def test_the_navigation_is_written_once_per_folder_for_the_pages_outside_it():
    from types import SimpleNamespace

    from macros.render.shared_nav import SharedNavigation

    inside = SimpleNamespace(url="ke-hoach/dan-van-2022/can-cu.html")
    nav = SimpleNamespace(pages=[inside])
    outside = [SimpleNamespace(url=f"van-ban/{n}.html") for n in ("a", "b")]
    shared = SharedNavigation()
    assert shared.key(inside, nav) is None  # marks its own entry: written each time
    assert shared.key(outside[0], nav) == shared.key(outside[1], nav) == "van-ban"
    assert shared.key(SimpleNamespace(url="index.html"), nav) == ""
    assert not shared.has("van-ban")
    # Kept without its indentation, and without the line breaks between tags and around an entry's
    # title; a break between a tag and other text stays (it may be the space between them)
    written = ('<nav>\n  <ul>\n    \n    <li>\n      <span class="md-ellipsis">\n        Mục\n      </span>\n'
               '    </li>\n  </ul>\n  <label><a>logo</a>\n    Sổ tay\n  </label>\n</nav>')
    kept = '<nav><ul><li><span class="md-ellipsis">Mục</span></li></ul><label><a>logo</a>\nSổ tay\n</label></nav>'
    assert shared.keep("van-ban", written) == kept
    assert shared.has("van-ban") and shared.get("van-ban") == kept
    assert shared.keep(None, "<nav>\n  </nav>") == "<nav></nav>" and not shared.has("")
