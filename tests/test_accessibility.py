"""WCAG 2.1 AA gates over every built page: axe-core in Chromium, language, console, no-JS reading."""

from __future__ import annotations

import pytest

from helpers import RESULTS, RESULTS_READY, SEARCH_BOX, axe_violations, site_pages

# A wide screen: every page. A phone: the pages whose layout changes there (the compact home page, a
# section, tables as cards, maps scrolling sideways), to keep the suite's time
SIZES = {"390x844": {"width": 390, "height": 844}, "1366x900": {"width": 1366, "height": 900}}
PHONE_PAGES = ["index.html", "ke-hoach/dan-van-2022/index.html", "ke-hoach/dan-van-2022/ii-1-quan-triet-hoc-tap.html",
               "van-ban/index.html", "van-ban/quyet-dinh-290-qd-tw.html", "tra-cuu/bang-tra-van-ban.html",
               "tra-cuu/nhiem-vu-thoi-han.html", "tra-cuu/luoc-do.html"]


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_violation_on_any_page(browser, site_url, built_site, scheme, size):
    context = browser.new_context(color_scheme=scheme, locale="vi-VN", viewport=SIZES[size])
    page = context.new_page()
    problems = {}
    pages = PHONE_PAGES if size == "390x844" else site_pages(built_site)
    try:
        for path in pages:
            page.goto(site_url + path)
            page.wait_for_load_state("load")
            violations = axe_violations(page)
            if violations:
                problems[path] = violations
    finally:
        context.close()
    assert not problems, "\n".join(f"{p}: {v}" for p, v in list(problems.items())[:5])


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("width", "height"), [(1366, 900), (390, 844)])
def test_axe_finds_no_wcag_violation_with_the_search_panel_open(browser, site_url, scheme, width, height):
    """The search panel open on its results, one of them chosen with the arrow keys."""
    context = browser.new_context(color_scheme=scheme, locale="vi-VN", viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(site_url + "index.html?q=chi+thi+16")
        page.wait_for_function(RESULTS_READY, arg="chi thi 16")
        page.keyboard.press("ArrowDown")
        assert page.is_visible(RESULTS) and page.is_visible(".hb-search__filters")
        violations = axe_violations(page)
    finally:
        context.close()
    assert violations == []


def test_no_page_logs_a_console_error(browser, site_url, built_site):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append((page.url, message.text)))
    page.on("pageerror", lambda error: errors.append((page.url, str(error))))
    try:
        for path in site_pages(built_site):
            page.goto(site_url + path)
            page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert errors == []


def test_every_page_is_vietnamese_and_readable_without_javascript(browser, site_url, built_site, page_html):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        for path in site_pages(built_site):
            assert page_html(built_site / path).html["lang"] == "vi", path
            page.goto(site_url + path)
            article = page.locator("article")
            assert article.is_visible(), path
            assert len(article.inner_text()) > 40, path
    finally:
        context.close()


FOCUS_STATE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {tag: el.tagName, text: (el.innerText || el.getAttribute("aria-label") || "").slice(0, 40),
            outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
            shadow: style.boxShadow !== "none", underline: style.textDecorationLine.includes("underline"),
            visible: box.width > 0 && box.height > 0};
}"""


@pytest.mark.parametrize("path", ["index.html", "ke-hoach/dan-van-2022/ii-1-quan-triet-hoc-tap.html", "van-ban/index.html",
                                  "tra-cuu/luoc-do.html", "tra-cuu/bang-tra-van-ban.html"])
def test_keyboard_focus_is_always_visible(browser, site_url, path):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        seen = []
        for _ in range(40):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS_STATE)
            if state is None:
                continue
            seen.append(state)
            if state["visible"]:
                assert state["outline"] or state["shadow"], f"{path}: focus not visible on {state}"
        assert len([s for s in seen if s["visible"]]) >= 10
    finally:
        context.close()


def test_search_works_from_the_keyboard_alone(browser, site_url):
    """"/" focuses the search box, the arrow keys choose a result, Enter opens it."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(site_url + "ke-hoach/dan-van-2022/can-cu.html", wait_until="networkidle")
        page.keyboard.press("/")
        assert page.evaluate(f"document.activeElement.matches('{SEARCH_BOX}')")
        page.keyboard.type("chi thi 16", delay=30)
        page.wait_for_function(RESULTS_READY, arg="chi thi 16")
        page.keyboard.press("ArrowDown")
        active = page.evaluate(f"document.querySelector('{SEARCH_BOX}').getAttribute('aria-activedescendant')")
        assert "chi-thi-16-ct-ttg.html" in page.get_attribute(f"#{active}", "href")
        page.keyboard.press("Enter")
        page.wait_for_url("**/van-ban/chi-thi-16-ct-ttg.html*")
    finally:
        context.close()
