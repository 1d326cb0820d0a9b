"""The search box as a reader uses it, in Chromium: keys, announcements, filters, cards, bad input,
a damaged index, the page a result opens (overrides/partials/search.html, search/ui.js,
search-highlight.js). What the queries find: tests/test_search.py."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from helpers import RESULTS, RESULTS_READY, SEARCH_BOX, copy_project, mkdocs_build, type_query

STATUS = ".hb-search__status"
SECTION_PAGE = "ke-hoach/dan-van-2022/ii-1-quan-triet-hoc-tap.html"


@pytest.fixture(scope="module")
def ui_context(browser):
    context = browser.new_context(locale="vi-VN")
    yield context
    context.close()


@pytest.fixture
def page(ui_context):
    """A fresh page per test (one browser context per module); page.errors: its console errors."""
    page = ui_context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    yield page
    page.close()


def active_option(page) -> str | None:
    """The id of the result chosen with the arrow keys (the box's aria-activedescendant), if marked selected."""
    active = page.get_attribute(SEARCH_BOX, "aria-activedescendant")
    if active and page.get_attribute(f"#{active}", "aria-selected") == "true":
        return active
    return None


@pytest.mark.parametrize("over", ["http", "file"])
def test_the_box_follows_the_combobox_pattern_from_the_keyboard(page, site_url, built_site, over):
    page.goto(site_url + SECTION_PAGE if over == "http" else (built_site / SECTION_PAGE).as_uri())
    box = page.locator(SEARCH_BOX)
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "false"
    assert page.get_attribute("#" + box.get_attribute("aria-controls"), "role") == "listbox"
    page.keyboard.press("/")                                   # from anywhere on the page
    assert page.evaluate(f"document.activeElement.matches('{SEARCH_BOX}')")
    assert page.is_visible(".hb-search__hint") and box.get_attribute("aria-expanded") == "false"
    page.keyboard.type("chi thi 16")
    page.wait_for_function(RESULTS_READY, arg="chi thi 16")
    assert box.get_attribute("aria-expanded") == "true"        # the listbox shows results
    options = page.eval_on_selector_all(RESULTS, "os => os.map(o => o.id)")
    assert len(options) >= 3 and box.get_attribute("aria-activedescendant") is None
    page.keyboard.press("ArrowDown")
    assert active_option(page) == options[0]
    page.keyboard.press("ArrowDown")
    assert active_option(page) == options[1]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")                             # from the first, round to the last
    assert active_option(page) == options[-1]
    page.keyboard.press("ArrowDown")                           # and back to the first
    assert active_option(page) == options[0]
    assert page.evaluate(f"document.activeElement.matches('{SEARCH_BOX}')")   # focus stays in the box
    # Escape closes the list and keeps the words; a second Escape empties the box
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and box.input_value() == "chi thi 16"
    assert not page.is_visible(RESULTS)
    page.keyboard.press("Escape")
    assert box.input_value() == ""
    # Enter opens the chosen result
    page.keyboard.type("16/CT-TTg")
    page.wait_for_function(RESULTS_READY, arg="16/CT-TTg")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/van-ban/chi-thi-16-ct-ttg.html*")
    assert page.errors == []


def test_slash_is_typed_as_itself_in_another_field(page, site_url):
    page.goto(site_url + "tra-cuu/bang-tra-van-ban.html")
    field = page.locator("article input").first
    field.click()
    page.keyboard.type("16/CT")
    assert field.input_value() == "16/CT"
    assert page.locator(SEARCH_BOX).get_attribute("aria-expanded") == "false"
    # and in the search box itself
    page.click(SEARCH_BOX)
    page.keyboard.type("/")
    page.wait_for_function(RESULTS_READY, arg="/")
    assert page.input_value(SEARCH_BOX) == "/"


def test_no_invisible_tab_stops(page, site_url):
    """Closed, the panel holds no tab stop; open, Tab goes from the box through the filters and out
    (the results are reached with the arrow keys), and leaving closes it."""
    page.goto(site_url + "index.html")
    assert page.locator(".hb-search__panel").is_hidden()
    page.click(SEARCH_BOX)
    page.keyboard.type("kinh phi")
    page.wait_for_function(RESULTS_READY, arg="kinh phi")
    assert page.eval_on_selector_all(RESULTS, "os => os.every(o => o.tabIndex === -1)")
    stops = []
    for _ in range(4):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("""() => { const e = document.activeElement, box = e.getBoundingClientRect()
            return {inside: !!e.closest('[data-hb-search]'), name: e.name || e.tagName,
                    visible: box.width > 0 && box.height > 0 && getComputedStyle(e).visibility !== 'hidden'} }"""))
    inside = [stop["name"] for stop in stops if stop["inside"]]
    assert inside == ["hb-search-kind", "hb-search-plan"], stops
    assert all(stop["visible"] for stop in stops), stops
    assert page.locator(".hb-search__panel").is_hidden()      # focus left the box: the panel closed


def test_the_live_region_announces_the_number_of_results(page, site_url):
    page.goto(site_url + "index.html")
    status = page.locator(STATUS)
    assert status.get_attribute("role") == "status"
    results = type_query(page, "thi đua")
    assert 0 < len(results) < 50 and status.inner_text() == f"{len(results)} kết quả"
    type_query(page, "xyzxyzxyz")
    assert status.inner_text() == "Không có kết quả" and page.locator(RESULTS).count() == 0
    assert page.locator("#hb-search-list").is_hidden()         # no empty listbox


def test_filters_narrow_to_documents_sections_and_a_plan(page, site_url):
    page.goto(site_url + "index.html")
    everything = type_query(page, "dân vận")
    kinds = {urlsplit(r["href"]).path.split("/")[1] for r in everything}
    assert {"van-ban", "ke-hoach"} <= kinds
    page.get_by_label("Văn bản", exact=True).check()
    page.wait_for_function(RESULTS_READY, arg="dân vận")
    documents = page.eval_on_selector_all(RESULTS, "os => os.map(o => o.href)")
    assert documents and all("/van-ban/" in href for href in documents)
    page.get_by_label("Mục Kế hoạch", exact=True).check()
    page.wait_for_function(RESULTS_READY, arg="dân vận")
    sections = page.eval_on_selector_all(RESULTS, "os => os.map(o => o.href)")
    assert sections and all("/ke-hoach/" in href for href in sections)
    plans = page.locator("select[name=hb-search-plan] option")
    assert plans.first.inner_text() == "Mọi Kế hoạch" and plans.count() >= 2
    page.select_option("select[name=hb-search-plan]", index=1)
    page.wait_for_function(RESULTS_READY, arg="dân vận")
    plan = page.eval_on_selector("select[name=hb-search-plan]", "s => s.value")
    assert all(f"/ke-hoach/{plan}/" in href for href in page.eval_on_selector_all(RESULTS, "os => os.map(o => o.href)"))
    assert page.errors == []


BAD_INPUT = ["", "   ", "dân vận " * 63, "!!! ??? ... ,,, ;;;", "<script>alert(1)</script>", "/", "-",
             "<img src=x onerror=alert(1)>", "16 / CT - TTg"]


def test_the_first_cards_are_drawn_before_the_others(page, site_url):
    """A query with many results: the first ten cards appear (the answer still coming), then the rest."""
    page.goto(site_url + "index.html")
    page.evaluate("""() => {
      const list = document.querySelector('#hb-search-list'), search = document.querySelector('[data-hb-search]')
      window.drawn = []
      new MutationObserver(() => window.drawn.push([list.children.length, search.dataset.state]))
        .observe(list, { childList: true })
    }""")
    results = type_query(page, "dan van")
    drawn = page.evaluate("window.drawn")
    assert len(results) > 10 and drawn[0] == [10, "busy"] and drawn[-1] == [len(results), "done"], drawn
    assert page.inner_text(STATUS) == f"{len(results)} kết quả"


def test_emptying_the_box_while_cards_are_coming_leaves_no_card(page, site_url):
    page.goto(site_url + "index.html")
    left = page.evaluate("""() => new Promise(resolve => {
      const box = document.querySelector('#hb-search-input'), list = document.querySelector('#hb-search-list')
      new MutationObserver((_, observer) => {
        if (list.children.length !== 10) return
        observer.disconnect()
        box.value = ''                              // the first ten are drawn, the rest still to come
        box.dispatchEvent(new Event('input', { bubbles: true }))
        setTimeout(() => resolve(list.children.length), 500)
      }).observe(list, { childList: true })
      box.focus()
      box.value = 'dan van'
      box.dispatchEvent(new Event('input', { bubbles: true }))
    })""")
    assert left == 0 and page.get_attribute("[data-hb-search]", "data-state") == "done"


def test_bad_input_gets_an_answer_not_an_error(page, site_url):
    """Each query, typed in turn into one page: an answer, no error, nothing run, the page still answers."""
    page.goto(site_url + "index.html")
    page.evaluate("() => { window.alerted = false; window.alert = () => { window.alerted = true } }")
    for query in BAD_INPUT:
        results = type_query(page, query[:500])
        assert page.errors == [], query
        assert not page.evaluate("window.alerted"), query
        assert page.eval_on_selector_all("[data-hb-search] script, [data-hb-search] img", "es => es.length") == 0
        if not query.strip():
            assert results == [] and page.inner_text(STATUS) == "", query
        elif query == "16 / CT - TTg":
            assert urlsplit(results[0]["href"]).path.endswith("/van-ban/chi-thi-16-ct-ttg.html")
        else:
            assert page.inner_text(STATUS).endswith("kết quả"), query
        page.keyboard.press("Escape")                          # the page still answers
        assert page.get_attribute(SEARCH_BOX, "aria-expanded") == "false", query


def test_a_long_query_is_cut_at_500_characters(page, site_url):
    page.goto(site_url + "index.html")
    page.click(SEARCH_BOX)
    page.keyboard.insert_text("quy che dan chu " * 40)
    assert len(page.input_value(SEARCH_BOX)) == 500
    page.wait_for_function(RESULTS_READY, arg=page.input_value(SEARCH_BOX))
    assert page.errors == []


@pytest.fixture(scope="module", params=["damaged", "missing", "no engine"])
def broken_site(request, built_site, tmp_path_factory) -> Path:
    """A copy of the site whose index is damaged, or missing, or without the search engine (engine.js).
    The real handbook's index is small: it is whole in search/manifest.js (the shard files of a large
    one: tests/test_search_index.py)."""
    site = tmp_path_factory.mktemp(request.param.replace(" ", "-")) / "site"
    shutil.copytree(built_site, site)
    if request.param == "no engine":
        (site / "assets/javascripts/search/engine.js").unlink()
        return site
    files = list((site / "search").glob("*.js"))
    assert [path.name for path in files] == ["manifest.js"]
    for path in files:
        if request.param == "damaged":
            path.write_text("garbage(", encoding="utf-8")
        else:
            path.unlink()
    return site


def test_a_broken_index_shows_a_message_and_the_page_stays_usable(page, broken_site):
    page.goto((broken_site / "index.html").as_uri())
    for query in ("chi thi", "kinh phi"):                       # each query answers, none hangs
        assert type_query(page, query) == []
        assert page.get_attribute("[data-hb-search]", "data-state") == "failed"
        assert page.inner_text(STATUS).startswith("Không tải được")
        assert page.is_visible(STATUS)
    page.keyboard.press("Escape")
    assert page.get_attribute(SEARCH_BOX, "aria-expanded") == "false"
    page.click("nav.md-nav--primary a[href$='van-ban/index.html']")
    page.wait_for_url("**/van-ban/index.html")
    assert page.locator("article table tbody tr").count() >= 25


# Words a card must never show: buttons, diagram labels run together, navigation
NOT_CONTENT = ["In trang này", "In mục này", "In toàn văn", "Liên kết tới mục này", "193/KH-UBNDVăn bản",
               "16/CT-TTgNhà nước", "Trang chủ", "Tra cứu", "Bỏ qua"]


@pytest.mark.parametrize("query", ["16/CT-TTg", "193/KH-UBND", "in trang", "trang chu"])
def test_cards_read_like_a_legal_reference(page, site_url, query):
    page.goto(site_url + "index.html")
    results = type_query(page, query)
    assert results, query
    for result in results:
        assert not [label for label in NOT_CONTENT if label in result["text"]], result["text"]
    if query == "16/CT-TTg":
        card = results[0]["text"]
        assert card.splitlines()[0] == "Chỉ thị số 16/CT-TTg"           # the title, first
        for fact in ("Ngày ban hành: 16/05/2016", "Cơ quan ban hành: Thủ tướng Chính phủ", "Hiện trạng: ",
                     "Kế hoạch viện dẫn", "tăng cường và đổi mới công tác dân vận"):
            assert fact in card, (fact, card)
        first = page.locator(RESULTS).first
        assert first.locator(":scope > h3").first.evaluate("h => h === h.parentElement.firstElementChild")
        section = page.locator(f"{RESULTS}[href*='/ke-hoach/']").first
        text = section.inner_text()
        assert "Kế hoạch thực hiện công tác dân vận năm 2022" in text and text.startswith("II.")
        assert "#" in section.get_attribute("href")                      # it opens the paragraph
        excerpt = section.locator(".hb-result__text").inner_text()      # from where the words are
        assert "16/CT-TTg" in excerpt[:120], excerpt[:200]


def test_a_section_card_keeps_to_two_lines_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(site_url + "index.html")
        results = type_query(page, "quy che dan chu")
        assert results
        box = page.locator(".hb-search__box").bounding_box()
        assert box == {"x": 0, "y": 0, "width": 390, "height": 844}    # the panel fills the screen
        heights = page.eval_on_selector_all(".hb-result__text--clamped", """ps => ps.map(p =>
            p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight))""")
        assert heights and max(heights) <= 2.05, heights
        # marked words are within what is shown
        shown = page.eval_on_selector_all(".hb-result__text--clamped", """ps => ps.filter(p => p.querySelector('mark'))
            .map(p => p.querySelector('mark').getBoundingClientRect().bottom <= p.getBoundingClientRect().bottom + 1)""")
        assert shown and all(shown)
        page.keyboard.press("Escape")                                   # closes, focus back on the button
        assert page.locator(".hb-search__box").is_hidden()
        assert page.evaluate("document.activeElement.matches('.hb-search__open')")
    finally:
        context.close()


def test_the_opened_paragraph_is_in_view_with_the_words_marked(page, site_url):
    page.goto(site_url + "index.html")
    results = type_query(page, "một cửa")
    href = next(r["href"] for r in results if "/ke-hoach/" in r["href"])
    anchor = urlsplit(href).fragment
    assert anchor and "h=" in href
    page.goto(href)
    target = page.locator(f"[id='{anchor}']")
    page.wait_for_selector(f"[id='{anchor}'] mark[data-hb-found]")
    assert target.evaluate("paragraph => paragraph.matches(':target')")      # framed (handbook.css)
    assert set(target.locator("mark").all_inner_texts()) >= {"một", "cửa"}
    box = target.bounding_box()
    header = page.locator("header.md-header").bounding_box()
    assert header["height"] <= box["y"] < page.viewport_size["height"] / 2, (box, header)
    assert "h=" not in page.url and page.url.endswith("#" + anchor)
    assert page.errors == []


def test_a_link_with_q_opens_the_box_on_any_page(page, site_url):
    page.goto(site_url + "van-ban/chi-thi-30-ct-tw.html?q=16%2FCT-TTg")
    page.wait_for_function(RESULTS_READY, arg="16/CT-TTg")
    assert page.get_attribute(SEARCH_BOX, "aria-expanded") == "true"
    assert page.eval_on_selector(RESULTS, "o => o.href").split("?")[0].endswith("/van-ban/chi-thi-16-ct-ttg.html")


@pytest.mark.build
def test_the_search_works_with_materials_search_plugin_switched_on(browser, tmp_path):
    """The theme's own search switched on: its toggle never shows, our box answers."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("\nplugins:\n") == 1
    config.write_text(text.replace("\nplugins:\n", "\nplugins:\n  - search\n"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/search/search_index.json").is_file()      # Material's plugin did run
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto((tmp_path / "site/index.html").as_uri())
        assert page.locator("label[for=__search], [data-md-component=search]").count() == 0
        results = type_query(page, "16/CT-TTg")
        assert urlsplit(results[0]["href"]).path.endswith("/van-ban/chi-thi-16-ct-ttg.html")
    finally:
        context.close()
