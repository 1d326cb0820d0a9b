"""Reference views: table, timeline, relation map, glossary, duties and calendar, movements."""

from __future__ import annotations

import posixpath
import re
from datetime import date
from urllib.parse import unquote, urlsplit

import pytest

from macros.errors import DataError
from macros.model.duties import read_deadline
from macros.model.places import plan_units
from macros.model.timeline import timeline
from macros.render import diagram, page_assets
from macros.render.calendar import ics_fold, ics_text
from macros.slugs import slugify

from helpers import ROOT, failing_build

VIEWS = "tra-cuu/"
TABLE, TIMELINE, MAP = VIEWS + "bang-tra-van-ban.html", VIEWS + "dong-thoi-gian.html", VIEWS + "luoc-do.html"
DUTIES, MOVEMENTS, GLOSSARY = VIEWS + "nhiem-vu-thoi-han.html", VIEWS + "phong-trao.html", VIEWS + "chu-viet-tat.html"
CALENDAR = VIEWS + "han-hoan-thanh.ics"


def resolve(page: str, href: str) -> str:
    path = urlsplit(href).path
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(path)))


# ---------------------------------------------------------------- the built views

def test_timeline_is_in_date_order(built_site, page_html, handbook):
    article = page_html(built_site / TIMELINE).select_one("article .hb-timeline")
    stamps = [t["datetime"] for t in article.select("li time[datetime]")]
    keys = [(*tuple(int(p) for p in s.split("-")), 0, 0) for s in stamps]
    assert len(stamps) == sum(1 for d in handbook.catalogue.documents if d.date)
    assert keys == sorted(keys), stamps
    years = [int(h["id"].split("-")[1]) for h in article.select("h2[id^=nam-]")]
    assert years == sorted(set(years)) and years[0] == 1998
    # Every document once; the undated ones apart, under their own heading
    names = [li.a.get_text() for li in article.select("li")]
    assert sorted(names) == sorted(d.name for d in handbook.catalogue.documents)
    undated = article.find(id="khong-neu-ngay")
    assert undated.get_text().startswith("Kế hoạch không nêu ngày")
    assert [li.a.get_text() for li in undated.find_next_sibling("ul").select("li")] == \
        [d.name for d in handbook.catalogue.documents if d.date is None]


def _linked(soup) -> set[str]:
    """The stylesheets and scripts a page links, by their path under the site's root."""
    hrefs = [link["href"] for link in soup.select("link[rel=stylesheet]")] + [s["src"] for s in soup.select("script[src]")]
    return {re.sub(r"^(\.\./)+", "", href) for href in hrefs}


def test_page_only_stylesheets_and_scripts_are_linked_only_where_used(built_site, page_html):
    views_css, map_css, home_css = page_assets.STYLESHEETS
    table_js, = page_assets.SCRIPTS
    section, overview = "ke-hoach/dan-van-2022/ii-1-quan-triet-hoc-tap.html", "ke-hoach/dan-van-2022/index.html"
    with_map, without_map = "van-ban/chi-thi-16-ct-ttg.html", "van-ban/quyet-dinh-217-qd-tw.html"
    wanted = {TABLE: {views_css, table_js}, TIMELINE: {views_css}, MAP: {map_css},
              "index.html": {home_css, views_css},  # views.css: the search form's button
              overview: {views_css, map_css}, with_map: {map_css}, without_map: set(), section: set()}
    linked = {page: _linked(page_html(built_site / page)) for page in wanted}
    assert {page: paths & {views_css, map_css, home_css, table_js} for page, paths in linked.items()} == wanted
    # Loaded by search/ui.js on a page opened from a result only (test_search_ui.py opens one)
    assert not any("search-highlight" in path for paths in linked.values() for path in paths)


def _svg_links(page_html, built_site, page):
    return [(a, resolve(page, a["href"])) for a in page_html(built_site / page).select("article svg a[href]")]


def test_every_node_of_the_map_links_to_an_existing_page(built_site, page_html, handbook):
    links = _svg_links(page_html, built_site, MAP)
    assert len(links) == len(handbook.catalogue.all)  # the related documents outside the plan too
    for a, target in links:
        assert (built_site / target).is_file(), a["href"]
        title = page_html(built_site / target).select_one("article h1").get_text().rstrip("¶")
        assert " ".join(t.get_text() for t in a.select("text.hb-map-name")) == title  # the link's name
    # Each document page with relations shows its neighbourhood; its links resolve too
    status = handbook.status
    for document in handbook.catalogue.all:
        page = document.src_path[:-3] + ".html"
        related = (len(document.relations) + len(handbook.catalogue.incoming(document.id))
                   + len(status.relations_from(document.id)) + len(status.relations_to(document.id)))
        svg = page_html(built_site / page).select("article svg.hb-map")
        assert len(svg) == (1 if related else 0), page
        links = _svg_links(page_html, built_site, page)
        assert len(links) == related, page
        assert all((built_site / target).is_file() for _, target in links)


def test_the_map_has_a_text_alternative(built_site, page_html, handbook):
    article = page_html(built_site / MAP).select_one("article")
    svg = article.select_one("svg.hb-map")
    labelled = svg["aria-labelledby"].split()
    assert [svg.find(id=i).name for i in labelled] == ["title", "desc"]
    relations = article.find(id="quan-he").find_next_sibling("ul").select("li")
    stated = sum(len(d.relations) for d in handbook.catalogue.documents)
    assert stated == 8
    assert len(relations) == stated + len(handbook.status.relations)
    later = [li for li in relations if li.get_text().endswith("(tra cứu ngoài Kế hoạch)")]
    assert len(later) == len(handbook.status.relations) >= 1
    assert "Kế hoạch số 193/KH-UBND thực hiện Chỉ thị số 16/CT-TTg" in [li.get_text() for li in relations]
    nested = article.find(id="chi-neu-trong-vien-dan-khac").find_next_sibling("ul").get_text()
    assert "Chỉ thị số 30-CT/TW: trong viện dẫn Kết luận số 120-KL/TW" in nested
    assert "Chỉ thị số 16/CT-TTg" not in nested  # also cited directly in II.1


def test_every_glossary_entry_has_a_tooltip_in_the_plan(built_site, page_html, handbook):
    """Each page of the plan where an abbreviation occurs gives it its tooltip there.

    The plan's identity lines on its overview page ("Số: /KH-SVHTTDL") are raw HTML, which the abbr
    extension does not enter; that is the one place left without tooltips (see README "Tra cứu").
    """
    checked = 0
    for entry in handbook.glossary:
        assert entry.places, entry.abbr
        for page in {p.section.file[:-3] + ".html" for p in entry.places if p.section}:
            found = {(a.get_text(), a["title"]) for a in page_html(built_site / page).select("article abbr[title]")}
            assert (entry.abbr, entry.meaning) in found, (entry.abbr, page)
            checked += 1
    assert checked >= 20
    whole = page_html(built_site / "ke-hoach/dan-van-2022/toan-van.html").select("article abbr[title]")
    assert {(a.get_text(), a["title"]) for a in whole} >= {(e.abbr, e.meaning) for e in handbook.glossary if e.abbr != "SVHTTDL"}
    # The tooltips change no word of the plan and no citation's title
    ii1 = page_html(built_site / "ke-hoach/dan-van-2022/ii-1-quan-triet-hoc-tap.html")
    link = ii1.select_one('a[href="../../van-ban/chi-thi-16-ct-ttg.html"]')
    assert link.get_text() == "Chỉ thị số 16/CT-TTg" and link["title"].startswith("Chỉ thị số 16/CT-TTg: ")
    assert link.select("abbr")


def test_glossary_page_lists_every_entry(built_site, page_html, handbook):
    rows = page_html(built_site / GLOSSARY).select("article .hb-glossary tbody tr")
    assert [(r.td.get_text(), r.find_all("td")[1].get_text()) for r in rows] == [(e.abbr, e.meaning) for e in handbook.glossary]


def unfold(data: bytes) -> list[str]:
    """RFC 5545 content lines: CRLF-separated, continuation lines start with a space."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines: list[str] = []
    for raw in text.split("\r\n")[:-1]:
        assert len(raw.encode("utf-8")) <= 75, raw
        if raw.startswith(" "):
            lines[-1] += raw[1:]
        else:
            lines.append(raw)
    return lines


def parse_ics(data: bytes) -> list[dict]:
    events, current, stack = [], None, []
    for line in unfold(data):
        name, _, value = line.partition(":")
        key, *params = name.split(";")
        if key == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                current = {}
        elif key == "END":
            assert stack.pop() == value
            if value == "VEVENT":
                events.append(current)
                current = None
        elif current is not None:
            current[key] = (params, value)
    assert stack == []
    return events


def test_calendar_parses_and_holds_both_deadlines(built_site, page_html):
    data = (built_site / CALENDAR).read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    events = parse_ics(data)
    assert [e["DTSTART"] for e in events] == [(["VALUE=DATE"], "20220310"), (["VALUE=DATE"], "20221015")]
    assert [e["DTEND"][1] for e in events] == ["20220311", "20221016"]
    for event in events:
        assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"][1])
        assert event["UID"][1]
    assert len({e["UID"][1] for e in events}) == 2
    assert "trước ngày 10/3/2022" in events[0]["SUMMARY"][1]
    # The duties page links the calendar file
    link = page_html(built_site / DUTIES).select_one('article a[href="han-hoan-thanh.ics"]')
    assert link is not None and link.has_attr("download")


def test_duties_page_shows_each_unit_its_duties(built_site, page_html, handbook):
    article = page_html(built_site / DUTIES).select_one("article")
    for unit in handbook.units:
        heading = article.find(id=unit.anchor)
        assert heading.get_text().rstrip("¶") == unit.name
        items = heading.find_next_sibling("ol").select("li")
        assert len(items) == len(unit.duties)
        for li, duty in zip(items, unit.duties, strict=True):
            assert duty.quote in li.get_text()
            assert li.a["href"].endswith("#" + duty.block.anchor)
    deadlines = [t["datetime"] for t in article.select(".hb-deadlines time")]
    assert deadlines == ["2022-03-10", "2022-10-15"]


def test_movements_link_every_place_the_plan_names_them(built_site, page_html, handbook):
    article = page_html(built_site / MOVEMENTS).select_one("article")
    for movement in handbook.movements:
        heading = article.find(id=slugify(movement.name))
        assert heading.get_text().rstrip("¶") == f"“{movement.name}”"
        hrefs = [a["href"] for a in heading.find_next_sibling("ul").select("a")]
        assert [h.split("#")[1] for h in hrefs] == [p.anchor for p in movement.places]
        for href, place in zip(hrefs, movement.places, strict=True):
            paragraph = page_html(built_site / resolve(MOVEMENTS, href)).find(id=place.anchor)
            assert place.quote[1] in paragraph.get_text()


def test_every_view_renders_without_javascript(browser, site_url, handbook):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + TABLE)
        assert page.locator("article table tbody tr:visible").count() == len(handbook.catalogue.documents)
        assert page.locator("form[data-hb-filters]").is_hidden()
        page.goto(site_url + TIMELINE)
        assert page.locator(".hb-timeline li:visible").count() == len(handbook.catalogue.documents)
        page.goto(site_url + MAP)
        assert page.locator("svg.hb-map").is_visible()
        assert page.locator("svg.hb-map a").count() == len(handbook.catalogue.all)
        page.goto(site_url + DUTIES)
        assert page.locator("article ol li:visible").count() == 9
        for view in (GLOSSARY, MOVEMENTS):
            page.goto(site_url + view)
            assert len(page.locator("article").inner_text()) > 200
    finally:
        context.close()


def test_table_sorts_and_filters_from_the_keyboard(browser, site_url, handbook):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(site_url + TABLE)
        page.wait_for_load_state("networkidle")
        header = page.locator("article th", has_text="Ngày ban hành")
        header.locator("button").focus()
        page.keyboard.press("Enter")
        assert header.get_attribute("aria-sort") == "ascending"
        first = page.locator("article tbody tr").first.locator("td").first.inner_text()
        assert first == "Chỉ thị số 30-CT/TW"  # 18/02/1998
        page.keyboard.press("Enter")
        assert header.get_attribute("aria-sort") == "descending"
        page.get_by_label("Hệ thống").select_option("Nhà nước")
        state = sum(1 for d in handbook.catalogue.documents if d.system == "Nhà nước")
        assert page.locator("article tbody tr:visible").count() == state
        page.get_by_label("Năm ban hành").select_option("2016")
        both = sum(1 for d in handbook.catalogue.documents if d.system == "Nhà nước" and d.date and d.date.year == 2016)
        assert page.locator("article tbody tr:visible").count() == both
        assert f"Đang hiện {both} trên" in page.locator("[data-hb-filters] [role=status]").inner_text()
        page.get_by_role("button", name="Bỏ lọc").click()
        page.get_by_label("Có chữ").fill("ct-ttg")
        assert page.locator("article tbody tr:visible").count() == 1
    finally:
        context.close()


# ---------------------------------------------------------------- pure functions

def test_each_page_only_asset_names_the_marks_of_what_it_serves():
    """A page gets a stylesheet if it uses any class the file styles, a script if it has what the script looks for"""
    for path, marks in page_assets.STYLESHEETS.items():
        css = re.sub(r"/\*.*?\*/", "", (ROOT / "docs" / path).read_text(encoding="utf-8"), flags=re.S)
        selectors = [s.strip() for rule in re.findall(r"([^{}]+)\{", css) if not rule.strip().startswith("@")
                     for s in rule.split(",")]
        assert selectors and [s for s in selectors if not any(f".{mark}" in s for mark in marks)] == [], path
    for path, marks in page_assets.SCRIPTS.items():
        assert all(mark in (ROOT / "docs" / path).read_text(encoding="utf-8") for mark in marks), path
    # Not in mkdocs.yml's lists as well, which every page links
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert not [path for path in (*page_assets.STYLESHEETS, *page_assets.SCRIPTS) if f"- {path}" in config]
    assert page_assets.stylesheets('<div class="hb-map-figure">') == ["assets/stylesheets/map.css"]
    assert page_assets.scripts('<p class="hb-para">') == page_assets.stylesheets(None) == []


def test_direct_and_nested_citations_are_derived_from_the_text(handbook):
    direct = handbook.scopes.cited_directly
    assert direct["chi-thi-16-ct-ttg"]  # cited directly in II.1, and again inside Kế hoạch 193
    assert not direct["chi-thi-30-ct-tw"] and not direct["de-an-01-da-tu"]
    nested = handbook.scopes.nested_in
    assert nested["chi-thi-30-ct-tw"] == ["ket-luan-120-kl-tw"]
    # In the real data every nesting is also a catalogued relation (the subject says "thực hiện …")
    for inner, outers in nested.items():
        for outer in outers:
            assert inner in [r.target for r in handbook.catalogue.get(outer).relations]


def test_movement_places_are_found_not_typed(handbook):
    by_name = {m.name: m for m in handbook.movements}
    assert [p.anchor for p in by_name["Dân vận khéo"].places] == ["ii-3-doan-1"]  # not "Năm dân vận khéo"
    assert [p.anchor for p in by_name["Trọng dân, gần dân, hiểu dân"].places] == ["i-doan-7", "ii-2-doan-2", "ii-6-doan-1"]


def test_glossary_covers_every_abbreviation_of_the_plan(handbook):
    words = set()
    for _, _, text in plan_units(handbook.plans[0]):
        words |= set(re.findall(r"\b\w*[A-ZĐ]\w*[A-ZĐ]\w*\b|\b\w/\w\b", text))
    words -= {"II", "III", "IV", "VIII", "XI", "XII", "HOẠCH", "GIÁM", "ĐỐC", "NĐ", "CP"}
    assert words <= {e.abbr for e in handbook.glossary}, words - {e.abbr for e in handbook.glossary}


@pytest.mark.parametrize("line", ["SUMMARY:" + "Thủ trưởng các đơn vị " * 9, "X:" + "a" * 200])
def test_ics_fold_keeps_characters_whole(line):
    pieces = ics_fold(line)
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert pieces[0] + "".join(p[1:] for p in pieces[1:]) == line


def test_ics_text_escapes():
    assert ics_text("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne"


def test_deadline_is_read_from_the_quote():
    assert read_deadline("hoàn thành trước ngày 10/3/2022.", "f", "r", 1) == date(2022, 3, 10)
    assert read_deadline("Xây dựng Kế hoạch", "f", "r", 1) is None
    with pytest.raises(DataError, match="không tồn tại"):
        read_deadline("trước ngày 30/2/2022", "f", "r", 1)
    with pytest.raises(DataError, match="nhiều hơn một thời hạn"):
        read_deadline("trước ngày 1/3/2022 và ngày 2/3/2022", "f", "r", 1)


def test_map_layers_put_acting_documents_left(handbook):
    edges = [diagram.Edge("a", "implements", "b"), diagram.Edge("b", "continues", "c")]
    assert diagram.layers(["a", "b", "c", "d"], edges) == {"a": 2, "b": 1, "c": 0, "d": 0}
    assert diagram.components(["a", "b", "c", "d"], edges) == [["a", "b", "c"], ["d"]]
    cyclic = [diagram.Edge("a", "implements", "b"), diagram.Edge("b", "implements", "a")]
    assert set(diagram.layers(["a", "b"], cyclic)) == {"a", "b"}  # no endless recursion


def test_timeline_function_orders_and_separates(handbook):
    years, undated = timeline(handbook.catalogue.documents)
    assert [y for y, _ in years] == sorted(y for y, _ in years)
    assert years[2][1][0].id == "hien-phap-2013"  # year-only date first in its year
    assert {d.id for d in undated} == {d.id for d in handbook.catalogue.documents if d.date is None}


# ---------------------------------------------------------------- broken data fails the build

BROKEN = {
    "duty-quote": ("data/duties.yml", "Thủ trưởng các đơn vị xây dựng Kế hoạch hoàn thành trước ngày 10/3/2022.",
                   "Thủ trưởng các đơn vị xây dựng Kế hoạch hoàn thành trước ngày 15/3/2022.",
                   ["data/duties.yml", "bản ghi 'iv-3 (Các đơn vị sự nghiệp trực thuộc Sở)'", "trường 'quote'",
                    "không có nguyên văn", "Cách sửa"]),
    "duty-paragraph": ("data/duties.yml", "paragraph: iv-doan-6", "paragraph: iv-doan-2",
                       ["data/duties.yml", "trường 'paragraph'", "không nằm dưới đề mục", "iv-doan-6, iv-doan-7"]),
    "glossary-absent": ("data/glossary.yml", "abbr: CT\n", "abbr: CT-XH\n",
                        ["data/glossary.yml", "bản ghi 'CT-XH'", "trường 'abbr'", "Kế hoạch không có chữ viết tắt"]),
    "movement-phrase": ("data/movements.yml", '["Dân vận khéo"]', '["Dân vận khéo léo"]',
                        ["data/movements.yml", "bản ghi 'Dân vận khéo léo'", "trường 'phrases'"]),
}


@pytest.mark.build
@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_view_data_fails_the_build_with_one_message(case, tmp_path):
    file, old, new, parts = BROKEN[case]
    output = failing_build(tmp_path, file, old, new)
    for part in parts:
        assert part in output, f"'{part}' missing from the error of '{case}':\n{output}"
    assert "Traceback" not in output and output.count("Cách sửa") == 1, output
