"""The legal basis today: facts found outside the plan, each with its source, shown apart everywhere."""

from __future__ import annotations

import posixpath
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from macros import settings
from macros.errors import DataError
from macros.model import load_handbook
from macros.model.lookups import lookups_for
from macros.render import status as shown_status
from macros.render.status import appendix_line, checked_span, citation_tooltip

from helpers import copy_project, failing_build, type_query

STATUS = "data/status.yml"
STATUS_PAGE = "tra-cuu/hien-trang.html"
REPLACED, REPLACING = "quyet-dinh-290-qd-tw", "quyet-dinh-23-qd-tw"
REPEALED, REPEALING = "nghi-dinh-04-2015-nd-cp", "nghi-dinh-285-2025-nd-cp"


def html(document) -> str:
    return document.src_path[:-3] + ".html"


def resolve(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(urlsplit(href).path)))


# ---------------------------------------------------------------- the model

def test_every_fact_found_later_has_a_source_checked_by_today(handbook):
    status = handbook.status
    evidence = status.evidence() + [d.found_later for d in handbook.catalogue.later]
    assert len(evidence) >= 5
    for found in evidence:
        assert found.source.title and found.source.address.startswith("https://") and found.where
        assert found.checked <= date.today()


def test_290_qd_tw_is_replaced_by_23_qd_tw(handbook):
    status = handbook.status
    assert [(r.kind, r.later) for r in status.relations_from(REPLACED)] == [("replaced_by", REPLACING)]
    assert status.status(REPLACED).value == "het-hieu-luc"
    assert status.standing(REPLACED) == "Đã được thay thế"
    replacing = handbook.catalogue.get(REPLACING)
    assert not replacing.cited and replacing.found_later.where


def test_04_2015_nd_cp_is_repealed_with_no_replacement(handbook):
    status = handbook.status
    assert [(r.kind, r.later) for r in status.relations_from(REPEALED)] == [("repealed_by", REPEALING)]
    assert status.standing(REPEALED) == "Đã bị bãi bỏ"
    assert status.affected(REPEALED) and status.ended(REPEALED) and not status.status(REPEALED)
    repealing = handbook.catalogue.get(REPEALING)
    assert repealing.name == "Nghị định số 285/2025/NĐ-CP" and repealing.date.display == "03/11/2025"
    assert not repealing.cited and repealing.found_later.checked == date(2026, 12, 6)
    fact = shown_status.facts_about(handbook, REPEALED)[0]
    assert fact.text == "Bị bãi bỏ bởi Nghị định số 285/2025/NĐ-CP ngày 03/11/2025 của Chính phủ"


def test_documents_outside_the_plan_are_never_counted_as_cited(handbook):
    catalogue = handbook.catalogue
    outside = {d.id for d in catalogue.later}
    assert REPLACING in outside
    assert not outside & {d.id for d in catalogue.documents}
    assert not outside & {c.document_id for c in handbook.citations}
    assert len(catalogue.documents) == 25  # what the plan cites, as before


def test_unchecked_is_the_default(handbook):
    checked = set(handbook.status.statuses) | {r.earlier for r in handbook.status.relations}
    for document in handbook.catalogue.documents:
        if document.id not in checked:
            assert handbook.status.standing(document.id) == "Chưa kiểm tra"
            assert not handbook.status.affected(document.id)


# ---------------------------------------------------------------- bad input: one clear error

FACT_290 = """  - document: quyet-dinh-290-qd-tw
    replaced_by: quyet-dinh-23-qd-tw
    source: {from: tvpl-quyet-dinh-23-qd-tw-2021, where: "Điều 3", checked: "2026-11-29"}
"""
FACT_04 = "    repealed_by: nghi-dinh-285-2025-nd-cp\n"
UNKNOWN_SOURCE_AT = '{{from: {source}, where: "Điều 3", checked: "2026-11-29"}}\n  - document: quyet-dinh-290-qd-tw\n    status'
BROKEN = {
    # name: (text to replace, replacement, parts the one error must contain)
    "status-without-source": (
        FACT_290, FACT_290 + "  - document: chi-thi-16-ct-ttg\n    status: con-hieu-luc\n",
        ["bản ghi 'chi-thi-16-ct-ttg'", "thiếu trường bắt buộc 'source'", "ghi nguồn"]),
    "checked-in-the-future": (
        'where: "Điều 3", checked: "2026-11-29"', 'where: "Điều 3", checked: "2999-01-01"',
        ["bản ghi 'quyet-dinh-290-qd-tw'", "trường 'checked'", "ở tương lai", "không muộn hơn hôm nay"]),
    "replacement-dated-before": (
        'number: "23-QĐ/TW"\n    issuer: Bộ Chính trị\n    date: "2021-07-30"',
        'number: "23-QĐ/TW"\n    issuer: Bộ Chính trị\n    date: "2009-07-30"',
        ["bản ghi 'quyet-dinh-290-qd-tw'", "trường 'replaced_by'", "ban hành trước", "kiểm tra lại ngày"]),
    "unknown-id": (
        "replaced_by: quyet-dinh-23-qd-tw\n", "replaced_by: quyet-dinh-24-qd-tw\n",
        ["bản ghi 'quyet-dinh-290-qd-tw'", "trường 'replaced_by'", "'quyet-dinh-24-qd-tw'", "sửa id"]),
    "replacement-cycle": (
        FACT_290, FACT_290 + """  - document: ke-hoach-dan-van-2021
    replaced_by: nghi-quyet-dai-hoi-xii
    source: {from: tvpl-quyet-dinh-23-qd-tw-2021, where: "x", checked: "2026-11-29"}
  - document: nghi-quyet-dai-hoi-xii
    replaced_by: ke-hoach-dan-van-2021
    source: {from: tvpl-quyet-dinh-23-qd-tw-2021, where: "x", checked: "2026-11-29"}
""", ["trường 'replaced_by'", "tạo thành vòng", "ke-hoach-dan-van-2021 → nghi-quyet-dai-hoi-xii → ke-hoach-dan-van-2021"]),
    "outside-document-linked-by-nothing": (
        FACT_290, "",
        ["bản ghi 'quyet-dinh-23-qd-tw'", "trường 'id'", "không có quan hệ", "thêm một dữ kiện"]),
    "replaced-and-repealed": (
        FACT_290, FACT_290 + """  - document: quyet-dinh-290-qd-tw
    repealed_by: nghi-dinh-285-2025-nd-cp
    source: {from: sggp-tam-nghi-dinh-bi-bai-bo, where: "x", checked: "2026-12-06"}
""", ["bản ghi 'quyet-dinh-290-qd-tw'", "trường 'repealed_by'", "vừa được thay thế vừa bị bãi bỏ",
      "giữ replaced_by hoặc repealed_by"]),
    "repeal-dated-before": (
        'number: "285/2025/NĐ-CP"\n    issuer: Chính phủ\n    date: "2025-11-03"',
        'number: "285/2025/NĐ-CP"\n    issuer: Chính phủ\n    date: "2014-11-03"',
        ["bản ghi 'nghi-dinh-04-2015-nd-cp'", "trường 'repealed_by'", "ban hành trước", "kiểm tra lại ngày"]),
    "repeal-by-unknown-id": (
        FACT_04, "    repealed_by: nghi-dinh-286-2025-nd-cp\n",
        ["bản ghi 'nghi-dinh-04-2015-nd-cp'", "trường 'repealed_by'", "'nghi-dinh-286-2025-nd-cp'", "sửa id"]),
    "repeal-with-a-status-word": (
        FACT_04, "    status: bi-bai-bo\n",
        ["bản ghi 'nghi-dinh-04-2015-nd-cp'", "'status'"]),
    "unknown-source": (
        UNKNOWN_SOURCE_AT.format(source="tvpl-quyet-dinh-23-qd-tw-2021"), UNKNOWN_SOURCE_AT.format(source="tvpl-khong-co"),
        ["trường 'from'", "nguồn 'tvpl-khong-co' không có"]),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_bad_status_data_gets_one_clear_error(case, tmp_path):
    old, new, parts = BROKEN[case]
    project = copy_project(tmp_path / "project")
    target = project / STATUS
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the fixture no longer matches {STATUS}: {old!r}"
    target.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_handbook(project)
    message = str(raised.value)
    assert message.startswith(STATUS + ":"), message
    for part in [*parts, "Cách sửa"]:
        assert part in message, f"'{part}' missing from the error of '{case}':\n{message}"


@pytest.mark.build
def test_a_status_without_a_source_fails_the_build(tmp_path):
    old, new, parts = BROKEN["status-without-source"]
    output = failing_build(tmp_path, STATUS, old, new)
    assert "Dữ liệu sổ tay không hợp lệ" in output and STATUS in output
    assert all(part in output for part in parts), output
    assert "Traceback" not in output and output.count("Cách sửa") == 1, output


# ---------------------------------------------------------------- where the reader sees it

def test_document_page_opens_with_the_notice_and_its_source(built_site, page_html, handbook):
    article = page_html(built_site / html(handbook.catalogue.get(REPLACED))).select_one("article")
    notice = article.select_one(".hb-later")
    # At the top: before the plan's own facts, and titled as found outside the plan
    assert notice.find_next(class_="hb-attributes") is not None
    assert notice.select_one(".hb-later-title").get_text().startswith("Tra cứu ngoài Kế hoạch")
    text = " ".join(notice.get_text(" ").split())
    assert "Được thay thế bởi Quyết định số 23-QĐ/TW ngày 30/07/2021 của Bộ Chính trị" in text
    assert "trước khi Kế hoạch ban hành" in text
    assert "Thư viện Pháp luật (thuvienphapluat.vn)" in text and "Điều 3" in text
    assert "kiểm tra ngày 29/11/2026" in text
    link = notice.find("a", string="Quyết định số 23-QĐ/TW")
    assert resolve(html(handbook.catalogue.get(REPLACED)), link["href"]) == f"van-ban/{REPLACING}.html"
    # The source: its site and page title as a link to it; named in full once, then "như trên"
    source = handbook.status.relations_from(REPLACED)[0].evidence.source
    linked = notice.select(f"a[href='{source.address}']")
    assert [a.get_text() for a in linked] == [f"{source.publisher}: “{source.title}”"]
    assert "Nguồn: như trên, Điều 3 (hiệu lực" in text
    # No address is shown as text (a short notice on a phone); every link off the intranet is marked
    assert "http" not in text
    for a in article.select("a[href^='http']"):
        assert settings.OUTBOUND_CLASS in a["class"] and set(a["rel"]) >= {"external", "noopener"}, a


def test_a_document_outside_the_plan_says_so(built_site, page_html, handbook):
    replacing = handbook.catalogue.get(REPLACING)
    article = page_html(built_site / html(replacing)).select_one("article")
    notice = " ".join(article.select_one(".hb-later").get_text(" ").split())
    assert "Kế hoạch không viện dẫn văn bản này" in notice
    assert "Thay thế Quyết định số 290-QĐ/TW" in notice
    header = article.select_one(".hb-attributes th:nth-of-type(2)").get_text()
    assert header == "Theo nguồn"
    # Never counted as cited: not in the index, the table or the timeline
    for page in ("van-ban/index.html", "tra-cuu/bang-tra-van-ban.html", "tra-cuu/dong-thoi-gian.html"):
        hrefs = [resolve(page, a["href"]) for a in page_html(built_site / page).select("article a[href]")]
        assert html(replacing) not in hrefs, page


def test_a_cited_document_without_facts_says_not_checked(built_site, page_html, handbook):
    document = handbook.catalogue.get("quyet-dinh-217-qd-tw")
    notice = page_html(built_site / html(document)).select_one("article .hb-later").get_text(" ")
    assert "Tình trạng hiệu lực: chưa kiểm tra" in " ".join(notice.split())
    assert "theo nguồn kiểm tra ngày" not in notice


def test_document_page_links_to_where_to_check_it_today(built_site, page_html, handbook):
    for doc_id, checked in (("chi-thi-16-ct-ttg", None), (REPEALED, "06/12/2026"), (REPLACED, "29/11/2026")):
        document = handbook.catalogue.get(doc_id)
        recheck = page_html(built_site / html(document)).select_one("article .hb-later .hb-recheck")
        expected = lookups_for(document)
        assert len(expected) == 2
        links = recheck.select("a")
        assert [(a["href"], a.get_text()) for a in links] == [(x.url, x.short) for x in expected]
        for a, lookup in zip(links, expected, strict=True):
            # An ordinary link: the reader's click is the only request; marked as leaving the intranet
            assert a["class"] == [settings.OUTBOUND_CLASS] and a["rel"] == ["external", "noopener"]
            assert a["title"] == f"{lookup.site}: {lookup.how}" and not a.has_attr("target")
        text = " ".join(recheck.get_text(" ").split())
        assert text.startswith("Tra lại hiện trạng (cần Internet)")
        if checked:
            assert f"Hiện trạng trên đúng theo nguồn kiểm tra ngày {checked}, có thể đã đổi sau đó." in text
        else:
            assert "theo nguồn kiểm tra" not in text
    assert lookups_for(handbook.catalogue.get("chi-thi-16-ct-ttg"))[0].url == (
        "https://vbpl.vn/TW/Pages/vbpq-timkiem.aspx?Keyword=16/CT-TTg")


def test_a_repealed_documents_page_and_the_map(built_site, page_html, handbook):
    article = page_html(built_site / html(handbook.catalogue.get(REPEALED))).select_one("article")
    notice = " ".join(article.select_one(".hb-later").get_text(" ").split())
    assert "Bị bãi bỏ bởi Nghị định số 285/2025/NĐ-CP ngày 03/11/2025 của Chính phủ" in notice
    assert "en.sggp.org.vn" in notice and "kiểm tra ngày 06/12/2026" in notice
    assert "chưa kiểm tra" not in notice  # repealed: its force is no open question
    repealing = " ".join(page_html(built_site / html(handbook.catalogue.get(REPEALING)))
                         .select_one("article .hb-later").get_text(" ").split())
    assert "Bãi bỏ Nghị định số 04/2015/NĐ-CP" in repealing and "Kế hoạch không viện dẫn văn bản này" in repealing
    svg = page_html(built_site / "tra-cuu/luoc-do.html").select_one("article svg.hb-map")
    labels = [t.get_text() for g in svg.select(".hb-map-edge--later") for t in g.select("text")]
    assert "bãi bỏ" in labels


def test_every_citation_of_an_affected_document_carries_a_marker(built_site, page_html, handbook):
    marked = 0
    for section in handbook.plans[0].sections:
        page = section.file[:-3] + ".html"
        for link in page_html(built_site / page).select("article p.hb-para a[href*='van-ban/']"):
            document = handbook.catalogue.get(Path(resolve(page, link["href"])).stem)
            if handbook.status.affected(document.id):
                marked += 1
                assert "hb-cite-marked" in link["class"]
                assert link["data-hb-marker"] == handbook.status.standing(document.id).lower()
                assert link["title"] == citation_tooltip(handbook, document)
                assert "Tra cứu ngoài Kế hoạch" in link["title"] and "kiểm tra ngày" in link["title"]
            else:
                assert "hb-cite-marked" not in (link.get("class") or []) and not link.has_attr("data-hb-marker")
    assert marked >= 3


def test_home_page_counts_the_affected_cited_documents(built_site, page_html, handbook):
    line = page_html(built_site / "index.html").select_one("article .hb-later-summary")
    affected = shown_status.affected_documents(handbook)
    text = " ".join(line.get_text(" ").split())
    assert f"{len(affected)} trong số {len(handbook.catalogue.documents)} văn bản Kế hoạch viện dẫn đã thay đổi" in text
    assert len(affected) == 4 and checked_span(handbook) in text
    assert ("(1 đã được thay thế; 1 đã bị bãi bỏ; 1 đã được sửa đổi, bổ sung; 1 có văn bản tiếp tục thực hiện), "
            "21 chưa kiểm tra") in text
    assert resolve("index.html", line.a["href"]) == STATUS_PAGE


def test_status_page_lists_each_affected_document_with_its_sources(built_site, page_html, handbook):
    article = page_html(built_site / STATUS_PAGE).select_one("article")
    for document in shown_status.affected_documents(handbook):
        heading = article.find(id=document.id)
        assert heading and heading.get_text().startswith(document.name)
    sources = " ".join(article.get_text(" ").split())
    listed = {a["href"]: a.get_text() for a in article.select(f"#nguon ~ ul a.{settings.OUTBOUND_CLASS}")}
    for found in handbook.status.evidence():
        assert listed[found.source.address] == f"{found.source.publisher}: “{found.source.title}”"
    assert "Chưa kiểm tra" in sources and "không có nghĩa là văn bản còn hiệu lực" in sources
    assert article.find(id=REPEALED).get_text().startswith("Nghị định số 04/2015/NĐ-CP: đã bị bãi bỏ")
    assert "Nghị quyết số 202/2025/QH15" in sources  # the provinces' reorganisation, as context


def test_table_has_a_status_column_and_filter(built_site, page_html, handbook):
    article = page_html(built_site / "tra-cuu/bang-tra-van-ban.html").select_one("article")
    headers = [th.get_text() for th in article.select("table thead th")]
    column = next(i for i, h in enumerate(headers) if h.startswith("Hiện trạng"))
    cells = [tr.find_all("td")[column].get_text() for tr in article.select("table tbody tr")]
    assert cells == [handbook.status.standing(d.id) for d in handbook.catalogue.documents]
    options = [o.get_text() for o in article.select("select#loc-hien-trang option")][1:]
    assert sorted(options) == sorted(set(cells)) and {"Đã được thay thế", "Đã bị bãi bỏ"} <= set(options)


def test_map_draws_later_relations_and_outside_documents_apart(built_site, page_html, handbook):
    svg = page_html(built_site / "tra-cuu/luoc-do.html").select_one("article svg.hb-map")
    assert len(svg.select(".hb-map-edge--later")) == len(handbook.status.relations)
    assert len(svg.select(".hb-map-node--outside")) == len(handbook.catalogue.later)
    names = {" ".join(t.get_text() for t in g.select("text.hb-map-name")) for g in svg.select(".hb-map-node--outside")}
    assert "Quyết định số 23-QĐ/TW" in names


def test_print_appendix_line_names_the_replacement():
    handbook = load_handbook(Path(__file__).resolve().parent.parent)
    line = appendix_line(handbook, handbook.catalogue.get(REPLACED))
    assert line.startswith("Được thay thế bởi Quyết định số 23-QĐ/TW ngày 30/07/2021 của Bộ Chính trị")
    assert "kiểm tra ngày 29/11/2026" in line
    assert appendix_line(handbook, handbook.catalogue.get("quyet-dinh-217-qd-tw")) == "tình trạng hiệu lực chưa kiểm tra"


# ---------------------------------------------------------------- in Chromium

def test_the_marker_shows_and_the_tooltip_tells_the_source(browser, site_url, handbook):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(site_url + "ke-hoach/dan-van-2022/ii-1-quan-triet-hoc-tap.html")
        link = page.locator(f"article a.hb-cite-marked[href$='{REPLACED}.html']").first
        marker = link.evaluate("a => getComputedStyle(a, '::after').content")
        assert marker == '"đã được thay thế"'
        assert link.evaluate("a => getComputedStyle(a, '::after').display") != "none"
        # The plan's words are unchanged: the marker is not part of the text
        words = next(c.words for c in handbook.citations_of(REPLACED) if c.section_id == "ii-1")
        assert link.inner_text().replace("\n", "") == words
        link.hover()
        tooltip = page.locator(".md-tooltip2, .md-tooltip").filter(has_text="Được thay thế bởi")
        tooltip.first.wait_for(state="visible", timeout=5_000)
        assert "kiểm tra ngày 29/11/2026" in tooltip.first.inner_text()
    finally:
        context.close()


def test_searching_the_replacing_number_finds_both_pages(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(site_url + "index.html")
        results = [urlsplit(r["href"]).path.rsplit("/", 1)[-1] for r in type_query(page, "23-QĐ/TW")]
        assert f"{REPLACING}.html" in results[:3] and f"{REPLACED}.html" in results
    finally:
        context.close()
