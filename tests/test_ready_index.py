"""The search index made at build time (macros/search/) against the one the browser builds.

Node runs Material's own search worker (tests/js/lunr_index_harness.mjs) to build the index as the
browser does, and to load the ready-made one: both must be the same lunr index, object for object
(terms, postings, positions, scores, block sizes). In Chromium, every query of tests/test_search.py
must give the same results (places, order, scores, highlighted HTML) with and without the ready
index, over HTTP; from file:// the ready index must be the one used. A ready index that does not
match the documents is not used.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import test_search
from test_search import QUERIES, SUBJECT_QUERIES, VI_SCRIPT

from macros.search.ready_index import ID_ATTRIBUTE, LUNR_VERSION, build, content_id, mark_of, marked
from macros.search.site_files import write_ready_index
from macros.search.tokens import js_regex, term, tokenize
from publishing.sitecheck import check_site

from helpers import ROOT, type_query

HARNESS = ROOT / "tests/js/lunr_index_harness.mjs"
MATERIAL = Path(__import__("material").__file__).parent / "templates/assets/javascripts"
CASES = json.loads((ROOT / "tests/fixtures/search_cases.json").read_text(encoding="utf-8"))
SEPARATOR = CASES["config"]["separator"]


def highlight_queries() -> list[str]:
    """The queries of test_search.py's highlight test, read from its parametrize mark."""
    marks = test_search.test_results_highlight_words_as_written.pytestmark
    return [query for mark in marks if mark.name == "parametrize" for query, _ in mark.args[1]]


def every_query() -> list[str]:
    queries = [q for q, _, _ in QUERIES] + [q for q, _ in SUBJECT_QUERIES] + highlight_queries()
    return list(dict.fromkeys(queries))


def worker_index(search_index: dict, ready: dict | None, scripts: Path = MATERIAL) -> dict:
    """Material's worker in Node: {"index": Index#toJSON(), "blocks", "source": "ready" or "built"}."""
    node = shutil.which("node")
    assert node, "Node.js is needed for this check"
    request = {
        "worker": str(next((scripts / "workers").glob("search.*.min.js"))),
        "scripts": {"lunr.stemmer.support.min.js": str(scripts / "lunr/min/lunr.stemmer.support.min.js"),
                    "lunr.vi.min.js": str(VI_SCRIPT)},
        "index": search_index, "ready": ready,
    }
    result = subprocess.run([node, str(HARNESS)], input=json.dumps(request), capture_output=True,
                            text=True, encoding="utf-8", timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def same_index(search_index: dict) -> tuple[dict, dict]:
    built = worker_index(search_index, None)
    ready = build(search_index)
    return built, worker_index(marked(search_index, ready), json.loads(json.dumps(ready)))


# Fast: no build, no browser. tests/fixtures/search_cases.json holds sections as Material writes
# them, and the odd ones: nested and self-closing tags, "<" in text, lists (tags), missing fields,
# characters beyond U+FFFF, leading zeros, punctuation at a word's edges, an empty section.
def test_ready_index_is_the_browsers_index():
    built, ready = same_index(CASES)
    assert built["source"] == "built" and ready["source"] == "ready"
    assert json.dumps(ready["index"]) == json.dumps(built["index"])
    assert json.dumps(ready["blocks"]) == json.dumps(built["blocks"])
    assert len(built["index"]["invertedIndex"]) > 50


@pytest.mark.parametrize("change", ["text", "location", "count", "separator", "boost", "damaged", "unmarked"])
def test_a_ready_index_that_does_not_match_is_not_used(change):
    """A search index from another build carries that build's id; one not marked, none."""
    ready = build(CASES)
    docs = [dict(doc) for doc in CASES["docs"]]
    config = dict(CASES["config"])
    if change == "text":          # the same letters, two words swapped
        assert "ban hành" in docs[2]["text"]
        docs[2]["text"] = docs[2]["text"].replace("ban hành", "hành ban", 1)
    elif change == "location":
        docs[0]["location"] += "x"
    elif change == "count":
        docs.pop()
    elif change == "damaged":     # the stamp matches, a part is cut short
        ready["vectors"][0].pop()
    elif change == "separator":
        config["separator"] = "[\\s\\-]+"
    elif change == "boost":
        config["fields"] = dict(config["fields"], title={"boost": 11})
    changed = dict(CASES, docs=docs, config=config)
    served = changed if change == "unmarked" else marked(changed, build(changed))
    result = worker_index(served, ready)
    assert result["source"] == "built"
    assert json.dumps(result["index"]) == json.dumps(worker_index(changed, None)["index"])


def test_javascript_whitespace_is_spelt_out():
    """The separator's \\s matches what JavaScript's does, not what Python's does."""
    node = shutil.which("node")
    assert node, "Node.js is needed for the JavaScript checks (it also installs tests/node_modules)"
    script = "let s=[];for(let c=0;c<65536;c++)if(/\\s/.test(String.fromCharCode(c)))s.push(c);console.log(JSON.stringify(s))"
    javascript = json.loads(subprocess.run([node, "-e", script], capture_output=True, text=True, check=True).stdout)
    pattern = js_regex("\\s")
    assert [c for c in range(65536) if pattern.fullmatch(chr(c))] == javascript
    assert js_regex("[\\s\\-]+").fullmatch(" -\ufeff") and not js_regex("[\\s\\-]+").search("\x1c\x85")


def test_tokens_and_positions():
    separator = js_regex(SEPARATOR)
    tokens = tokenize("<p>Chỉ thị <b>16/CT-TTg</b></p><ul><li>Hai</li></ul>tail", separator)
    # Only top-level tags take a place in the block: <p> is 0, <b> none
    assert tokens == [("chỉ", 1), ("thị", 2), ("16", 3), ("ct", 4), ("ttg", 5),
                      ("hai", 1 << 20 | 1), ("tail", 2 << 20)]
    assert tokenize(["a b", "c"], separator) == [("a", 0), ("b", 1), ("c", 1 << 20)]
    assert [term(t) for t in ("QĐ,", "04", "0", "(2015)", "…", "Đảng")] == ["qd", "4", "0", "2015", "", "dang"]
    config = {"fields": {"title": {}}}
    assert content_id(config, [{"location": "a", "title": "\U0001f600"}]) != content_id(
        config, [{"location": "a", "title": "\U0001f601"}])


def test_the_search_index_carries_the_ready_index_id():
    ready = build(CASES)
    served = marked(CASES, ready)
    assert mark_of(CASES) is None and mark_of(served) == ready["stamp"]["id"]
    # Only the first field carries it; the stamp and a new ready index are the same with or without it
    first, *others = served["config"]["fields"].values()
    assert first[ID_ATTRIBUTE] == ready["stamp"]["id"] and all(ID_ATTRIBUTE not in spec for spec in others)
    assert build(served) == ready and marked(served, ready) == served
    assert served["docs"] is CASES["docs"] and ID_ATTRIBUTE not in CASES["config"]["fields"]["title"]
    # lunr.vi.min.js reads the same attribute
    assert f'var ID_ATTRIBUTE = "{ID_ATTRIBUTE}"' in VI_SCRIPT.read_text(encoding="utf-8")


def test_the_publish_check_wants_the_ready_index_of_this_search_index(tmp_path):
    (tmp_path / "index.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "search").mkdir()
    source = tmp_path / "search/search_index.json"
    source.write_text(json.dumps(CASES), encoding="utf-8")
    assert [p.page for p in check_site(tmp_path)] == ["search/ready_index.json", "search/ready_index.js"]
    assert write_ready_index(tmp_path) and check_site(tmp_path) == []
    assert oct((tmp_path / "search/ready_index.json").stat().st_mode & 0o777) == oct(0o644)
    assert mark_of(json.loads(source.read_text(encoding="utf-8"))) is not None
    # The search index as Material wrote it, without the id: the browser would not use the ready index
    source.write_text(json.dumps(CASES), encoding="utf-8")
    assert "không mang mã" in str(check_site(tmp_path)[0])
    source.write_text(json.dumps(dict(CASES, docs=CASES["docs"][1:])), encoding="utf-8")
    assert "không khớp" in str(check_site(tmp_path)[0])
    # A search index the port does not cover: no ready index (the worker builds), none left behind
    source.write_text(json.dumps(dict(CASES, docs=[*CASES["docs"], CASES["docs"][0]])), encoding="utf-8")
    with pytest.raises(ValueError, match="not unique"):
        write_ready_index(tmp_path)
    assert not (tmp_path / "search/ready_index.json").exists() and not (tmp_path / "search/ready_index.js").exists()


def test_material_internals_the_ready_index_relies_on():
    """What lunr.vi.min.js's ready index relies on in Material 9.8.2's worker (README, Tìm kiếm).

    Checked here as text, because when one goes the ready index is silently not used (the
    worker builds) or results lose their highlighting; test_ready_index_is_the_browsers_index
    and the browser tests check that it works."""
    worker = next((MATERIAL / "workers").glob("search.*.min.js")).read_text(encoding="utf-8")
    # Each field's extractor sets the section's entry in a Map, then Material's tokenizer fills it
    assert ".set(n,lunr.tokenizer.table=[]),r[e]}" in worker
    assert "this.table.get([c.location,l].join(\":\"))" in worker
    # The plug-in runs on the builder before Material sets its tokenizer, fields and documents
    use, tokenizer, add = (worker.index(s) for s in ("this.use(lunr[e.lang[0]])", "this.tokenizer=ae",
                                                     "this.add(o,{boost:o.boost})"))
    assert use < tokenizer < add
    # From file:// the worker is an iframe of the page: it can read the page
    assert '"IFrameWorker"in parent' in worker
    # lunr 2.3.9's builder, as the ready index's scores are computed
    assert f'version="{LUNR_VERSION}"' in worker
    assert "w=E*((this._k1+1)*y)/(this._k1*(1-this._b+this._b*(u/this.averageFieldLength[a]))+y)" in worker


# The real site, built once per session
def test_the_site_ships_the_ready_index(built_site, tmp_path):
    search_index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    shipped = json.loads((built_site / "search/ready_index.json").read_text(encoding="utf-8"))
    assert shipped == build(search_index)
    script = (built_site / "search/ready_index.js").read_text(encoding="utf-8")
    prefix = "self.__readyIndex=JSON.parse("
    assert script.startswith(prefix) and script.endswith(")\n")
    assert json.loads(json.loads(script[len(prefix):-2])) == shipped
    # Deterministic: made again (in a copy: the session's site stays as built), the same bytes
    shutil.copytree(built_site / "search", tmp_path / "search")
    assert write_ready_index(tmp_path)
    for name in ("ready_index.json", "search_index.json", "search_index.js"):
        assert (tmp_path / "search" / name).read_bytes() == (built_site / "search" / name).read_bytes(), name
    # Material's own search index, with the id added to its first field, in Material's format
    assert mark_of(search_index) == shipped["stamp"]["id"]
    offline = (built_site / "search/search_index.js").read_text(encoding="utf-8")
    assert offline == "var __index = " + (built_site / "search/search_index.json").read_text(encoding="utf-8")
    built = worker_index(search_index, None, built_site / "assets/javascripts")
    ready = worker_index(search_index, shipped, built_site / "assets/javascripts")
    assert ready["source"] == "ready" and json.dumps(ready) == json.dumps(dict(built, source="ready"))


# In Chromium: Material's worker, set up as its page does, with and without the ready index
SEARCH_JS = """async ([worker, queries]) => {
  const index = await (await fetch('search_index.json')).json()
  const search = new Worker(worker)
  const replies = []
  let waiting = null
  search.onmessage = (event) => waiting(event.data)
  const ask = (message) => new Promise((resolve) => { waiting = resolve; search.postMessage(message) })
  await ask({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: true } } })
  for (const query of queries)
    replies.push((await ask({ type: 2, data: query })).data)
  return replies
}"""


def worker_results(browser, site_url: str, worker: str, queries: list[str], ready: bool) -> tuple[list, str]:
    context = browser.new_context()
    page = context.new_page()
    try:
        if not ready:
            page.route("**/ready_index.json", lambda route: route.fulfill(status=404, body=""))
        page.goto(site_url + "search/search_index.json")
        replies = page.evaluate(SEARCH_JS, ["../" + worker, queries])
        source = page.workers[-1].evaluate("() => self.lunr.vi.source")
        return replies, source
    finally:
        context.close()


def test_same_results_with_the_ready_index(browser, built_site, site_url):
    queries = every_query()
    assert len(queries) > 60
    worker = next((built_site / "assets/javascripts/workers").glob("search.*.min.js")).relative_to(built_site)
    with_ready, source = worker_results(browser, site_url, worker.as_posix(), queries, ready=True)
    assert source == "ready"
    without, source = worker_results(browser, site_url, worker.as_posix(), queries, ready=False)
    assert source == "built"
    assert sum(len(reply["items"]) for reply in without) > len(queries)
    for query, ours, theirs in zip(queries, with_ready, without, strict=True):
        assert ours == theirs, query


def test_the_ready_index_is_used_from_a_folder(browser, built_site):
    """file://: the page loads search/ready_index.js with the search index, the worker (an iframe) reads it."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto((built_site / "index.html").as_uri())
        results = type_query(page, "chi thi 16")
        assert urlsplit(results[0]["href"]).path.endswith("/van-ban/chi-thi-16-ct-ttg.html")
        assert "<mark>" in results[0]["html"]
        frame = next(f for f in page.frames if f != page.main_frame and f.evaluate("() => 'lunr' in self"))
        assert frame.evaluate("() => lunr.vi.source") == "ready"
        assert page.evaluate("() => self.__readyIndex") is None     # handed over, not kept twice
    finally:
        context.close()
