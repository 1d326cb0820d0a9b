"""Printing: sections, the whole plan and document pages print as clean A4 handouts.

PDFs come from headless Chromium (Playwright `page.pdf`), read back with poppler-utils.
"""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess

import pytest

from macros.errors import DataError
from macros.model.catalogue import NOT_STATED
from macros.render import printing
from macros.render import site as pages
from macros.render.status import appendix_line, facts_about
from macros.search.site_files import read_index

from helpers import ROOT

POPPLER = {tool: f"/usr/bin/{tool}" for tool in ("pdftotext", "pdfinfo", "pdffonts", "pdftoppm")}
A4_POINTS = (595.0, 842.0)
# Fonts of the print stack (Liberation Serif and Tinos are metric clones of Times New Roman).
PRINT_FONTS = re.compile(r"^(?:[A-Z]{6}\+)?(LiberationSerif|TimesNewRoman|Tinos)")
SITE_NAME = re.search(r"^site_name:\s*(.+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1).strip()
# Text of the site chrome and of the on-screen controls: none of it may be printed.
CHROME = [SITE_NAME, "Tìm kiếm", "Bỏ qua", "Trở lại mục lục", "Made with", "Material for MkDocs", "Trước",
          "Previous", "Next", "Trang chủ", "Tổng quan", "¶", "Liên kết tới mục này", "In mục này", "In toàn văn",
          "In trang này", printing.WHOLE_PLAN_NAV, printing.WHOLE_PLAN_LINK, ".html", "http"]


def html_path(src: str) -> str:
    return src[:-3] + ".html"


def flat(text: str) -> str:
    """Text with line breaks undone: one space between words, none after a line-breaking '-' or '/'."""
    return re.sub(r"([-/]) ", r"\1", re.sub(r"\s+", " ", text)).strip()


def plain(words: str) -> str:
    """The plan's words as printed: its *emphasis* marks are not characters on paper."""
    return flat(words.replace("*", ""))


def page_texts(raw: str) -> list[str]:
    """pdftotext -raw output, one text per page, each without its page number (printed at the top)."""
    texts = []
    for number, text in enumerate(raw.rstrip("\f").split("\f"), start=1):
        first, _, rest = text.partition("\n")
        texts.append(rest if first.strip() == str(number) else text)
    return texts


def poppler(tool: str, *args) -> str:
    return subprocess.run([POPPLER[tool], *args], capture_output=True, text=True, check=True, timeout=60).stdout


@dataclasses.dataclass
class Printed:
    path: object
    text: str  # pdftotext output without page numbers, whitespace flattened
    numbered: list[bool]  # whether each page starts with its page number
    pages: int
    size: tuple[float, float]
    fonts: list[str]


@pytest.fixture(scope="module")
def print_to_pdf(browser, site_url, tmp_path_factory):
    """print_to_pdf(site path, scheme) → Printed, as Chromium prints it on the CSS page size."""
    folder = tmp_path_factory.mktemp("pdf")
    contexts, cache = {}, {}

    def printed(path: str, scheme: str = "light") -> Printed:
        if (path, scheme) not in cache:
            if scheme not in contexts:
                contexts[scheme] = browser.new_context(color_scheme=scheme, locale="vi-VN")
            page = contexts[scheme].new_page()
            page.goto(site_url + path)
            page.wait_for_load_state("load")
            pdf = folder / f"{path.replace('/', '_')}.{scheme}.pdf"
            page.pdf(path=str(pdf), prefer_css_page_size=True)
            page.close()
            info = poppler("pdfinfo", str(pdf))
            width, height = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups()
            fonts = [line.split()[0] for line in poppler("pdffonts", str(pdf)).splitlines()[2:] if line.strip()]
            raw = poppler("pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-")
            texts = page_texts(raw)
            numbered = [text != page for text, page in zip(texts, raw.rstrip("\f").split("\f"), strict=True)]
            cache[(path, scheme)] = Printed(pdf, flat(" ".join(texts)), numbered,
                                            int(re.search(r"Pages:\s+(\d+)", info).group(1)),
                                            (float(width), float(height)), fonts)
        return cache[(path, scheme)]

    yield printed
    for context in contexts.values():
        context.close()


def assert_clean_a4(printed: Printed, where: str):
    assert abs(printed.size[0] - A4_POINTS[0]) <= 1 and abs(printed.size[1] - A4_POINTS[1]) <= 1, \
        f"{where}: paper is {printed.size}, not A4"
    # The addresses of sources and lookups print on purpose, as <https://…> after their names
    found = [chrome for chrome in CHROME if chrome in re.sub(r"<https?://[^>]*>", "", printed.text)]
    assert not found, f"{where}: site chrome printed: {found}"
    assert not re.search(r"\bSau\b", printed.text), f"{where}: the footer's 'Sau' (next page) printed"
    others = [font for font in printed.fonts if not PRINT_FONTS.match(font)]
    assert printed.fonts and not others, (
        f"{where}: text printed in {others}: a glyph is missing from the serif stack. Install Debian's "
        "fonts-liberation2 (Liberation Serif 2, with Vietnamese; fonts-liberation 1.x lacks ư, ơ, ạ …): make test")


def assert_appendix(printed: Printed, documents, where: str):
    text = printed.text
    heading = "Văn bản được viện dẫn trong mục này"
    assert heading in text, f"{where}: no appendix"
    appendix = text[text.index(heading):]
    for document in documents:
        assert flat(document.name) in appendix, f"{where}: appendix lacks {document.name}"
        assert flat(f"số hiệu: {document.number or NOT_STATED}") in appendix, f"{where}: {document.id} number"
        assert flat(document.issuer or NOT_STATED) in appendix
        assert flat(document.date.display if document.date else NOT_STATED) in appendix


# --- Printed sections --------------------------------------------------------------------------

@pytest.mark.parametrize(("section_id", "pages_range"), [("ii-1", (1, 4)), ("iii", (1, 2))])
def test_a_section_prints_as_an_a4_handout(print_to_pdf, handbook, section_id, pages_range):
    section = handbook.plans[0].section(section_id)
    printed = print_to_pdf(html_path(section.file))
    assert_clean_a4(printed, section_id)
    assert pages_range[0] <= printed.pages <= pages_range[1], f"{section_id}: {printed.pages} pages"
    # It names the Department, the plan with its number and date, and itself, then gives the plan's
    # words with every diacritic.
    plan = handbook.plans[0]
    header = flat(f"{plan.department.upper()} {printing.plan_name(plan)} Số: {plan.number}, {plan.place_date} "
                  f"{printing.section_caption(section)}")
    assert printed.text.startswith(header), printed.text[:200]
    for block in section.blocks:
        assert plain(block.text) in printed.text, f"{section_id}: missing {block.text[:60]}"
    cited = handbook.documents_cited_in(handbook.plans[0].id, section_id)
    if cited:
        assert_appendix(printed, cited, section_id)
    else:
        assert "Mục này không viện dẫn văn bản nào." in printed.text


def test_the_appendix_gives_each_documents_standing_found_outside_the_plan(print_to_pdf, handbook):
    text = print_to_pdf("ke-hoach/dan-van-2022/ii-1-quan-triet-hoc-tap.html").text
    appendix = text[text.index("Văn bản được viện dẫn trong mục này"):]
    cited = handbook.documents_cited_in(handbook.plans[0].id, "ii-1")
    assert any(handbook.status.affected(d.id) for d in cited)
    # Each source's address prints after its name, <https://…>: the words without them, then the addresses
    words = re.sub(r" ?<https?://[^>]*>", "", appendix)
    for document in cited:
        assert flat(f"Tra cứu ngoài Kế hoạch: {appendix_line(handbook, document)}") in words, document.id
    assert "Được thay thế bởi Quyết định số 23-QĐ/TW" in appendix
    addresses = {f.evidence.source.address for d in cited for f in facts_about(handbook, d.id)}
    assert addresses and all(f"<{a}>" in re.sub(r"\s", "", appendix) for a in addresses)


def test_a_replaced_documents_page_prints_its_notice_and_sources(print_to_pdf, handbook):
    printed = print_to_pdf("van-ban/quyet-dinh-290-qd-tw.html")
    assert_clean_a4(printed, "Quyết định 290-QĐ/TW")
    assert "Tra cứu ngoài Kế hoạch" in printed.text and "kiểm tra ngày 29/11/2026" in printed.text
    assert "Thư viện Pháp luật (thuvienphapluat.vn)" in printed.text
    # The source prints its address, once (then "như trên"); where to check it today is for a screen,
    # the day the standing holds from is for paper too
    text = re.sub(r"\s", "", printed.text)
    address = handbook.status.relations_from("quyet-dinh-290-qd-tw")[0].evidence.source.address
    assert text.count(f"<{address}>") == 1 and text.count("<http") == 1
    assert "Tra lại hiện trạng" not in printed.text
    assert "Hiện trạng trên đúng theo nguồn kiểm tra ngày 29/11/2026" in flat(printed.text)


def test_a_section_prints_the_appendix_after_the_plans_words(print_to_pdf, handbook):
    section = handbook.plans[0].section("ii-5")
    text = print_to_pdf(html_path(section.file)).text
    last_paragraph = plain(section.paragraphs[-1].text)
    assert text.index(last_paragraph) < text.index("Văn bản được viện dẫn trong mục này")
    assert "Quyết định số 1238-QĐ/TU" in text and "05/05/2010" in text
    # An empty fact prints as the catalogue says: Hiến pháp năm 2013 has no number nor issuer.
    assert f"Hiến pháp năm 2013: số hiệu: {NOT_STATED}; loại văn bản: Hiến pháp; cơ quan ban hành: {NOT_STATED}" \
        in text


def test_a_section_prints_black_on_white_in_the_dark_scheme(print_to_pdf, handbook):
    printed = print_to_pdf(html_path(handbook.plans[0].section("ii-1").file), "dark")
    assert_clean_a4(printed, "ii-1 (dark)")
    # Page 1 at 10 dpi in grey levels: a dark page would average far below white.
    pgm = subprocess.run([POPPLER["pdftoppm"], "-gray", "-r", "10", "-f", "1", "-l", "1", str(printed.path)],
                         capture_output=True, check=True, timeout=60).stdout
    width, height, pixels = _pgm(pgm)
    assert sum(pixels) / (width * height) > 235


def _pgm(data: bytes) -> tuple[int, int, bytes]:
    """A binary PGM (P5) image: width, height, one byte per pixel."""
    fields = data.split(maxsplit=4)
    assert fields[0] == b"P5" and fields[3] == b"255"
    width, height = int(fields[1]), int(fields[2])
    return width, height, fields[4][-width * height:]


# --- The whole plan ----------------------------------------------------------------------------

def test_the_whole_plan_prints_every_section_in_order(print_to_pdf, handbook):
    printed = print_to_pdf(html_path(handbook.plans[0].whole_plan_file))
    assert_clean_a4(printed, "toàn văn")
    assert 5 <= printed.pages <= 20, f"whole plan: {printed.pages} pages"
    # Page numbers at the top of every page but the first (Nghị định 30/2020/NĐ-CP).
    assert printed.numbered == [False] + [True] * (printed.pages - 1)
    text = printed.text
    assert text.startswith(flat(f"{handbook.plans[0].department.upper()} Số: /KH-SVHTTDL")), text[:120]
    assert "KẾ HOẠCH Thực hiện công tác dân vận năm 2022" in text
    position = 0
    for section in handbook.plans[0].sections:
        for block in section.blocks:
            found = text.find(plain(block.text), position)
            assert found >= position, f"{section.id}: '{block.text[:60]}' missing or out of order"
            position = found
    appendix = text[text.index("Văn bản được viện dẫn trong Kế hoạch", position):]
    for document in handbook.documents_cited_by(handbook.plans[0].id):
        assert flat(document.name) in appendix


def test_a_document_page_prints_cleanly(print_to_pdf, handbook):
    document = handbook.catalogue.get("chi-thi-16-ct-ttg")
    printed = print_to_pdf(html_path(document.src_path))
    assert_clean_a4(printed, document.id)
    assert printed.pages == 1
    assert printed.text.startswith(flat(f"{handbook.plans[0].department.upper()} {printing.plan_name(handbook.plans[0])} "
                                        "Văn bản được viện dẫn trong Kế hoạch Chỉ thị số 16/CT-TTg"))
    assert "Thủ tướng Chính phủ" in printed.text and "16/05/2016" in printed.text


def test_collapsed_content_prints_open(browser, site_url, handbook, tmp_path):
    """No page has a collapsed block yet; one added to a section must still print in full."""
    page = browser.new_page()
    try:
        page.goto(site_url + html_path(handbook.plans[0].section("iii").file))
        page.evaluate("""() => document.querySelector("article").insertAdjacentHTML("beforeend",
            '<details><summary>Tóm tắt</summary><p>Nội dung thu gọn vẫn được in.</p></details>')""")
        pdf = tmp_path / "details.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True)
    finally:
        page.close()
    assert "Nội dung thu gọn vẫn được in." in flat(poppler("pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"))


# --- The "In" button ---------------------------------------------------------------------------

def test_the_print_button_prints_and_never_prints_itself(browser, site_url, handbook):
    context = browser.new_context(locale="vi-VN")
    # Count calls instead of opening a print dialog.
    context.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    page = context.new_page()
    try:
        page.goto(site_url + html_path(handbook.plans[0].section("ii-1").file))
        button = page.get_by_role("button", name="In mục này")
        assert button.is_visible()
        button.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("window.__printed") == 1
        whole = page.locator("article").get_by_role("link", name=printing.WHOLE_PLAN_LINK)
        assert whole.get_attribute("href") == "toan-van.html"
        page.emulate_media(media="print")
        assert not button.is_visible() and not whole.is_visible()
        assert page.locator(".hb-print-header").is_visible()
        page.emulate_media(media="screen")
        assert not page.locator(".hb-print-header").is_visible()
    finally:
        context.close()


def test_without_javascript_no_dead_print_button_shows(browser, site_url, handbook):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + html_path(handbook.plans[0].section("ii-1").file))
        assert not page.locator("[data-hb-print]").is_visible()
        assert page.locator("article").get_by_role("link", name=printing.WHOLE_PLAN_LINK).is_visible()
    finally:
        context.close()


# --- The built pages ---------------------------------------------------------------------------

def test_the_whole_plan_page_has_unique_ids_and_every_anchor(built_site, page_html, handbook):
    article = page_html(built_site / html_path(handbook.plans[0].whole_plan_file)).select_one("article")
    ids = [element["id"] for element in article.select("[id]")]
    assert len(ids) == len(set(ids))
    assert ids == printing.whole_plan_ids(handbook.plans[0])
    # Its citations link to the document pages, as on the section pages.
    assert len(article.select('p.hb-para a[href^="../../van-ban/"]')) == len(handbook.citations)


def test_the_whole_plan_is_in_the_nav_and_out_of_search(built_site, page_html):
    sidebar = page_html(built_site / "index.html").select_one("nav.md-nav--primary")
    assert "ke-hoach/dan-van-2022/toan-van.html" in {a["href"] for a in sidebar.select("a[href]")}
    # The search index (macros/search/) holds the plan's paragraphs on their own pages only
    _, shards = read_index(built_site)
    cards = [card for name, data in shards.items() if name.startswith("c-") for card in data]
    locations = [card["url"] for card in cards]
    assert not [loc for loc in locations if loc.startswith("ke-hoach/dan-van-2022/toan-van.html")]
    assert any(loc.startswith("ke-hoach/dan-van-2022/ii-1-quan-triet-hoc-tap.html") for loc in locations)
    # Neither the print header nor the appendix is indexed: a document's number leads to its own page.
    assert not [loc for loc in locations if "van-ban-duoc-vien-dan" in loc]
    assert not [c for c in cards if "Mục II.1. Quán triệt" in json.dumps(c, ensure_ascii=False)]


def test_every_section_page_has_its_print_header_and_appendix(built_site, page_html, handbook):
    for section in handbook.plans[0].sections:
        article = page_html(built_site / html_path(section.file)).select_one("article")
        header = article.select_one(".hb-print-only.hb-print-header")
        assert header.get_text(" ", strip=True).endswith(printing.section_caption(section))
        appendix = article.select_one(f"#{printing.appendix_id(section)}").find_parent(class_="hb-cited")
        names = [a.get_text() for a in appendix.select("a.hb-cited-name")]
        assert names == [d.name for d in handbook.documents_cited_in(section.plan_id, section.id)], section.id


# --- Pure functions ----------------------------------------------------------------------------

def test_plan_name_is_the_title_as_a_sentence(handbook):
    assert printing.plan_name(handbook.plans[0]) == "Kế hoạch thực hiện công tác dân vận năm 2022"
    plan = dataclasses.replace(handbook.plans[0], identity=("Số: 1", "QUY CHẾ *Làm việc của Sở*"))
    assert printing.plan_name(plan) == "Quy chế làm việc của Sở"
    assert printing.plan_name(dataclasses.replace(plan, identity=("KẾ HOẠCH",))) == "KẾ HOẠCH"


def test_captions_and_heading_depths(handbook):
    assert printing.section_caption(handbook.plans[0].section("ii-1")) == "Mục II.1. Quán triệt, học tập, tuyên truyền"
    assert printing.section_caption(handbook.plans[0].section("can-cu")) == "Mục Căn cứ ban hành"
    assert printing.heading_depth(handbook.plans[0].section("ii")) == 2
    assert printing.heading_depth(handbook.plans[0].section("ii-1")) == 3
    assert printing.appendix_id(handbook.plans[0].section("iii")) == "iii-van-ban-duoc-vien-dan"


def test_documents_cited_in_plan_are_each_listed_once_in_plan_order(handbook):
    cited = handbook.documents_cited_by(handbook.plans[0].id)
    assert len(cited) == len({d.id for d in cited}) == len({c.document_id for c in handbook.citations})
    first = [d.id for s in handbook.plans[0].sections for d in handbook.documents_cited_in(s.plan_id, s.id)]
    assert [d.id for d in cited] == list(dict.fromkeys(first))
    assert cited[0].id == "ke-hoach-01-kh-bcsd-bdvtu"


def test_a_repeated_id_on_the_whole_plan_page_stops_the_build(handbook):
    printing.check_whole_plan_ids(handbook.plans[0])
    sections = list(handbook.plans[0].sections)
    # A page whose own heading takes the id of another page's title.
    sections[-1] = dataclasses.replace(sections[-1], id="ii-1", heading="Nơi nhận")
    with pytest.raises(DataError, match=r"data/plans/dan-van-2022.yml.*trường 'id'.*id bị trùng: ii-1.*Cách sửa"):
        printing.check_whole_plan_ids(dataclasses.replace(handbook.plans[0], sections=tuple(sections)))


def test_the_whole_plan_page_is_generated_out_of_search_and_put_in_the_nav(handbook):
    generated = dict(pages.generated_pages(handbook))
    source = generated[handbook.plans[0].whole_plan_file](lambda document: document.src_path)
    front = source[:source.index("\n---\n", 4)]
    assert source.startswith("---\n") and "search:\n  exclude: true" in front
    # Rendered here, once: mkdocs-macros leaves it as it is
    assert "render_macros: false" in front and "{{" not in source
    assert all(f"#{section.id} " in source for section in handbook.plans[0].sections)
    plan = handbook.plans[0]
    assert pages.plan_nav(handbook, plan)[-1] == {printing.WHOLE_PLAN_NAV: plan.whole_plan_file}
