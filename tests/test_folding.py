"""Accent folding: the Python fold and every JavaScript fold against one table of cases.

Folding lives in two places that must agree: macros/slugs.py (slugs, anchors and the search index)
and docs/assets/javascripts/words.js, which the search engine.js (queries and marks),
search-highlight.js (words marked on the opened page) and table-filter.js (the catalogue table) all
use. tests/folding_cases.json is the table; the JavaScript fold runs in Node
(tests/js/fold_harness.mjs), no browser, no build. The table's
"terms" check the search's whole token rule (fold, edges, zeros) in engine.js and in
macros/search/tokens.py, which makes the search index at build time.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata

import pytest

from macros.search.tokens import term
from macros.slugs import fold

from helpers import ROOT

TABLE = json.loads((ROOT / "tests/folding_cases.json").read_text(encoding="utf-8"))
CASES = [tuple(case) for case in TABLE["cases"]]
TERMS = [tuple(case) for case in TABLE["terms"]]
HARNESS = ROOT / "tests/js/fold_harness.mjs"
SCRIPTS = ["docs/assets/javascripts/words.js"]


@pytest.fixture(scope="module")
def js_folded() -> dict[str, dict[str, str]]:
    """Every input of the table folded by each script: {script: {input: folded}}."""
    node = shutil.which("node")
    assert node, "Node.js is needed for the JavaScript checks (it also installs tests/node_modules)"
    inputs = list(dict.fromkeys(text for text, _ in CASES + TERMS))
    result = subprocess.run([node, str(HARNESS)], input=json.dumps(inputs), capture_output=True,
                            text=True, encoding="utf-8", timeout=30, check=False)
    assert result.returncode == 0, result.stderr
    outputs = json.loads(result.stdout)
    return {script: dict(zip(inputs, folded, strict=True)) for script, folded in outputs.items()}


def mismatches(folded: dict[str, str], cases) -> list[tuple[str, str, str]]:
    return [(text, expected, folded[text]) for text, expected in cases if folded[text] != expected]


def test_the_table_covers_what_readers_type():
    inputs = [text for text, _ in CASES]
    assert len(set(inputs)) == len(inputs)
    assert "" in inputs
    assert {"hoà", "hòa", "Đ", "đ", "Ư ơ", "217- QĐ/TW", "Nghị định 04/2015/NĐ-CP"} <= set(inputs)
    decomposed = [t for t in inputs if unicodedata.normalize("NFC", t) != t]
    precomposed = [t for t in inputs if t not in decomposed and not t.isascii()]
    assert len(decomposed) >= 5 and len(precomposed) >= 20
    # Every Vietnamese letter with every tone mark, lower and upper case
    letters = {unicodedata.normalize("NFC", c) for t in inputs for c in unicodedata.normalize("NFC", t)}
    for base in "aăâeêioôơuưy":
        for mark in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"):
            letter = unicodedata.normalize("NFC", base + mark)
            assert {letter, letter.upper()} <= letters, letter


def test_python_fold():
    assert mismatches({text: fold(text) for text, _ in CASES}, CASES) == []


@pytest.mark.parametrize("script", SCRIPTS)
def test_javascript_fold(js_folded, script):
    assert mismatches(js_folded[script], CASES) == []


def test_every_script_is_checked(js_folded):
    assert sorted(js_folded) == sorted([*SCRIPTS, "term"])


def test_python_term():
    assert mismatches({text: term(text) for text, _ in TERMS}, TERMS) == []


def test_javascript_term(js_folded):
    assert mismatches(js_folded["term"], TERMS) == []


@pytest.mark.build
@pytest.mark.browser
def test_table_filter_finds_words_however_they_are_typed(browser, site_url):
    """The catalogue table's text filter, in Chromium: every spelling shows the same rows."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(site_url + "tra-cuu/bang-tra-van-ban.html")
        box = page.get_by_label("Có chữ")
        rows = page.locator("article tbody tr")
        total = rows.count()
        for spellings in (["217- QĐ/TW", "217- qd/tw", "217- qđ/tw", "217- QÐ/TW"],
                          ["Chỉ thị", "chi thi", "CHỈ THỊ", "Chi\u0309 thi\u0323"],
                          ["Đảng", "dang"]):
            shown = []
            for typed in spellings:
                box.fill(typed)
                shown.append(page.locator("article tbody tr:visible").count())
            assert 0 < shown[0] < total and shown == [shown[0]] * len(spellings), dict(zip(spellings, shown, strict=True))
    finally:
        context.close()
