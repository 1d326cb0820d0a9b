"""Reading on a phone (390×844) and on a wide screen (1366×900): measured in Chromium on the session's build.

The plan's text starts on a phone's first screen; no page and no table scrolls sideways; a relation map's
text is never shown below 11 px and its arrows' labels touch no line, box or other label; the table's
filters group what is the same. The build's own HTML is read for what needs no layout.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from macros.model.duties import deadlines
from macros.render import diagram, printing
from macros.render.home import SHOWN_DEADLINES, next_deadlines
from macros.slugs import words

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
SIZES = {"phone": PHONE, "desktop": DESKTOP}
TABLE = "tra-cuu/bang-tra-van-ban.html"
# Pages with the wide things: tables, maps, the home page's first screen, a section with a long title
WIDE_PAGES = ["index.html", "ke-hoach/dan-van-2022/index.html", "ke-hoach/dan-van-2022/ii-1-quan-triet-hoc-tap.html",
              "van-ban/index.html", TABLE, "tra-cuu/nhiem-vu-thoi-han.html", "tra-cuu/luoc-do.html",
              "tra-cuu/hien-trang.html", "van-ban/quyet-dinh-290-qd-tw.html"]
MAP_PAGES = ["tra-cuu/luoc-do.html", "ke-hoach/dan-van-2022/index.html", "van-ban/quyet-dinh-290-qd-tw.html",
             "van-ban/chi-thi-49-ct-tw.html"]
FIRST_SCREEN = 450  # px from the top of a phone's screen

# The top of the plan's first paragraph (or, on a part's own page, of the list of its sections)
FIRST_TEXT = """() => (document.querySelector('article .hb-para') || document.querySelector('article .hb-children'))
    .getBoundingClientRect().top"""
# What scrolls sideways: the page, each table, each table's scroll box
OVERFLOW = """() => {
    const wider = el => el.scrollWidth > el.clientWidth + 1;
    const found = [];
    if (wider(document.documentElement)) found.push('page ' + document.documentElement.scrollWidth);
    document.querySelectorAll('article table, article .md-typeset__scrollwrap').forEach(el => {
        if (wider(el)) found.push(el.tagName + ' ' + el.scrollWidth + ' > ' + el.clientWidth);
    });
    return found;
}"""
# The smallest text of each map as shown: its font size times the map's scale
SMALLEST_MAP_TEXT = """() => [...document.querySelectorAll('svg.hb-map')].map(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return Math.min(...[...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize))) * scale;
})"""
# Each arrow label's box against the other labels, the boxes and every arrow's line (sampled)
LABEL_CLASHES = """() => [...document.querySelectorAll('svg.hb-map')].map(svg => {
    const matrix = svg.getScreenCTM();
    const labels = [...svg.querySelectorAll('.hb-map-edge text')];
    const boxes = [...svg.querySelectorAll('rect.hb-map-box')].map(r => r.getBoundingClientRect());
    const paths = [...svg.querySelectorAll('.hb-map-edge path')];
    const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const clashes = [];
    labels.forEach((label, i) => {
        const a = label.getBoundingClientRect();
        labels.forEach((other, j) => {
            if (j > i && overlap(a, other.getBoundingClientRect())) clashes.push(`${label.textContent} / ${other.textContent}`);
        });
        boxes.forEach(b => { if (overlap(a, b)) clashes.push(`${label.textContent} / a box`); });
        paths.forEach(path => {
            const length = path.getTotalLength();
            for (let k = 0; k <= 200; k++) {
                const p = path.getPointAtLength(length * k / 200).matrixTransform(matrix);
                if (p.x > a.left && p.x < a.right && p.y > a.top && p.y < a.bottom) {
                    clashes.push(`${label.textContent} / a line`);
                    break;
                }
            }
        });
    });
    return {labels: labels.length, clashes};
})"""


@pytest.fixture(scope="module")
def sized(browser, site_url):
    """One page per screen size for the whole module: sized("phone").goto(path)."""
    contexts = {name: browser.new_context(viewport=size, locale="vi-VN") for name, size in SIZES.items()}
    pages = {name: context.new_page() for name, context in contexts.items()}

    def page_at(name: str, path: str):
        page = pages[name]
        page.goto(site_url + path, wait_until="load")
        return page

    yield page_at
    for context in contexts.values():
        context.close()


def test_every_section_starts_its_text_on_a_phones_first_screen(sized, handbook):
    tops = {}
    for plan in handbook.plans:
        for section in plan.sections:
            page = sized("phone", section.file[:-3] + ".html")
            tops[section.file] = page.evaluate(FIRST_TEXT)
            assert page.evaluate(OVERFLOW) == [], section.file
    late = {file: round(top) for file, top in tops.items() if top >= FIRST_SCREEN}
    assert not late, f"the plan's text starts below {FIRST_SCREEN} px: {late}"
    assert len(tops) >= 12


@pytest.mark.parametrize("size", sorted(SIZES))
def test_no_page_or_table_scrolls_sideways(sized, size):
    found = {path: sized(size, path).evaluate(OVERFLOW) for path in WIDE_PAGES}
    assert not {path: what for path, what in found.items() if what}


@pytest.mark.parametrize("size", sorted(SIZES))
def test_map_text_is_never_shown_below_11_px(sized, size):
    for path in MAP_PAGES:
        smallest = sized(size, path).evaluate(SMALLEST_MAP_TEXT)
        assert smallest, path
        assert min(smallest) >= diagram.MIN_TEXT - 0.01, (path, smallest)


def test_a_phone_scrolls_a_wide_map_sideways_under_a_hint(sized):
    page = sized("phone", "tra-cuu/luoc-do.html")
    assert page.locator(".hb-map-hint").first.is_visible()
    figure = page.locator(".hb-map-figure").first
    assert figure.evaluate("el => el.scrollWidth > el.clientWidth")
    assert not sized("desktop", "tra-cuu/luoc-do.html").locator(".hb-map-hint").first.is_visible()


def test_map_labels_touch_no_line_box_or_other_label_on_a_desktop(sized):
    for path in MAP_PAGES:
        maps = sized("desktop", path).evaluate(LABEL_CLASHES)
        assert maps and all(m["labels"] for m in maps), path
        assert [m["clashes"] for m in maps] == [[]] * len(maps), path


def test_the_home_pages_first_screen_starts_the_readers_work(sized, built_site, page_html, handbook):
    page = sized("phone", "index.html")
    home = page.locator(".hb-home")
    assert home.evaluate("el => el.getBoundingClientRect().bottom") <= PHONE["height"]
    text = home.inner_text()
    for plan in handbook.plans:
        assert plan.title in text and plan.number in text
    assert "Hiện trạng căn cứ" in text and "chưa kiểm tra" in text
    assert "Thời hạn" in text and "/20" in text
    for link in ("Bảng tra văn bản", "Lược đồ quan hệ", "In toàn văn"):
        assert link in text
    form = page_html(built_site / "index.html").select_one("article form[role=search]")
    assert form["action"] == "index.html" and form.get("method", "get") == "get"
    field = form.select_one("input[type=search][name=q]")
    assert form.select_one(f"label[for={field['id']}]").get_text(strip=True)
    assert form.select_one("button[type=submit]").get_text(strip=True) == "Tìm"
    # The plan's own front matter is on its overview page, not here
    assert not page_html(built_site / "index.html").select(".hb-identity")


@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_table_filters_by_issuing_body_and_whole_numbers(sized, handbook, size):
    """At 390 px the table is one card per row: filters and sorting keep working."""
    page = sized(size, TABLE)
    rows = page.locator("article tbody tr:visible")
    page.get_by_label("Cơ quan ban hành").select_option("Ban Bí thư")
    same_body = [d for d in handbook.catalogue.documents if d.body == "Ban Bí thư"]
    assert {d.issuer for d in same_body} == {"Ban Bí thư", "Ban Bí thư Trung ương Đảng"}  # both spellings
    assert rows.count() == len(same_body)
    page.get_by_role("button", name="Bỏ lọc").click()
    page.get_by_label("Có chữ").fill("chi thi 16")
    shown = [row.locator("td").first.inner_text() for row in rows.all()]
    assert "Chỉ thị số 16/CT-TTg" in shown and "Chỉ thị số 18/CT-UBND" not in shown
    # The same rule in Python (macros/slugs.py): a number is a whole word, other words a word's start
    every = page.locator("article tbody tr").evaluate_all("rows => rows.map(r => r.textContent)")
    expected = [text for text in every if all(
        any(w == typed if typed.isdigit() else w.startswith(typed) for w in words(text))
        for typed in words("chi thi 16"))]
    assert len(shown) == len(expected) >= 1
    header = page.locator("article th", has_text="Ngày ban hành")
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"


def test_each_issuing_body_appears_once_in_the_filter(built_site, page_html, handbook):
    options = [o.get_text() for o in page_html(built_site / TABLE).select("#loc-co-quan option")][1:]
    assert len({o.casefold() for o in options}) == len(options)
    assert "Ban Bí thư Trung ương Đảng" not in options and "Ban chấp hành Trung ương Đảng" not in options
    assert {"Ban Bí thư", "Ban Chấp hành Trung ương Đảng"} <= set(options)
    # The document page keeps the plan's own wording
    ct49 = page_html(built_site / "van-ban/chi-thi-49-ct-tw.html").select_one(".hb-attributes").get_text(" ")
    assert "Ban Bí thư Trung ương Đảng" in ct49
    assert handbook.catalogue.get("chi-thi-49-ct-tw").body == "Ban Bí thư"


def test_a_document_number_never_breaks(built_site, page_html):
    link = page_html(built_site / TABLE).select_one("article tbody td a")
    assert link.select_one(".hb-number").get_text() == "01-KH/BCSD-BDVTU"
    assert link.get_text() == "Kế hoạch số 01-KH/BCSD-BDVTU"


def test_blanks_of_the_original_are_explained(built_site, page_html, handbook):
    plan = handbook.plans[0]
    assert plan.blanks == ("số", "ngày")
    overview = page_html(built_site / (plan.overview_file[:-3] + ".html"))
    lines = [p.get_text(" ", strip=True) for p in overview.select(".hb-identity-line")]
    assert lines == [f"Số: {plan.number} (số {printing.BLANK})", f"{plan.place_date} (ngày {printing.BLANK})"]
    header = page_html(built_site / (plan.sections[1].file[:-3] + ".html")).select_one(".hb-print-header")
    assert header.find_next_sibling("p", class_="hb-print-blank").get_text() == f"Ghi chú: số và ngày {printing.BLANK}."
    home = page_html(built_site / "index.html").select_one(".hb-home").get_text(" ")
    assert home.count(printing.BLANK) == 2


def test_the_home_page_shows_the_next_deadlines_or_else_the_last_ones(handbook):
    every = [duty.deadline for _, duty in deadlines(handbook.units)]
    before, coming = next_deadlines(handbook, date(2022, 1, 1))
    assert coming and [duty.deadline for _, duty in before] == every[:SHOWN_DEADLINES]
    between, coming = next_deadlines(handbook, every[0] + timedelta(days=1))
    assert coming and [duty.deadline for _, duty in between] == every[1:SHOWN_DEADLINES + 1]
    after, coming = next_deadlines(handbook, every[-1] + timedelta(days=1))
    assert not coming and [duty.deadline for _, duty in after] == every[-SHOWN_DEADLINES:]


def test_a_numbered_and_dated_plan_has_no_blank_note(handbook):
    filled = dataclasses.replace(handbook.plans[0], number="15/KH-SVHTTDL",
                                 place_date="Bình Phước, ngày 10 tháng 3 năm 2023")
    assert filled.blanks == () and printing.blank_note(filled, "số", "ngày") == ""
    undated = dataclasses.replace(filled, place_date="Bình Phước, ngày  tháng 3 năm 2023")
    assert undated.blanks == ("ngày",) and printing.blank_note(undated, "số", "ngày") == f"ngày {printing.BLANK}"


def test_the_interface_speaks_natural_vietnamese(built_site, page_html):
    page = page_html(built_site / "ke-hoach/dan-van-2022/ii-1-quan-triet-hoc-tap.html")
    assert page.select_one("a.md-skip").get_text(strip=True) == "Bỏ qua, tới nội dung chính"
    assert page.select_one("button.md-top").get_text(strip=True) == "Lên đầu trang"
    labels = [a.get_text(" ", strip=True) for a in page.select("nav.md-nav--primary a")]
    assert printing.OVERVIEW_NAV in labels and "Số, ngày, mục lục" not in labels
