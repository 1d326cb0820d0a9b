"""The search index made from the model (macros/search/) and the engine answering from it
(docs/assets/javascripts/search/engine.js, run in Node by tests/js/engine_harness.mjs).

No MkDocs build: the index of the real handbook is written into a temporary folder, as the build's
hook does, and the engine reads it there. The queries are the suite of tests/test_search.py, which
types the same ones into the page's search field in Chromium.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_search import DOC, MARKED, QUERIES, SCALE_QUERIES, SUBJECT_QUERIES

from macros import settings
from macros.model import load_handbook
from macros.search.index import SPAN, build, shard_key
from macros.search.records import all_records, page_url
from macros.search.site_files import MANIFEST_PREFIX, index_problems, manifest_script, read_index, write_search_index
from macros.search.tokens import words

from helpers import ROOT

HARNESS = ROOT / "tests/js/engine_harness.mjs"
# What a result must never show: button labels, navigation, diagram text run together
NOT_CONTENT = ("In trang này", "In mục này", "Bỏ qua", "Chuyển sang nền", "Liên kết tới mục này")
LOAD_ERROR = "Không tải được một phần chỉ mục tìm kiếm"


@pytest.fixture(scope="module")
def records(handbook):
    return all_records(handbook, directory_urls=False)


@pytest.fixture(scope="module")
def index_site(tmp_path_factory, handbook) -> Path:
    site = tmp_path_factory.mktemp("search-index")
    write_search_index(handbook, site, directory_urls=False)
    return site


@pytest.fixture(scope="module")
def index_in_parts(tmp_path_factory, handbook) -> Path:
    """The real handbook's index written in shard files, as a large index is."""
    site = tmp_path_factory.mktemp("search-index-parts")
    write_search_index(handbook, site, directory_urls=False, whole=False)
    return site


def ask(site: Path, queries: list) -> list[dict]:
    """The engine's answers to [[text, options], …] from the index in `site`."""
    node = shutil.which("node")
    assert node, "Node.js is needed for the engine checks"
    result = subprocess.run([node, str(HARNESS), str(site)], input=json.dumps(queries), capture_output=True,
                            text=True, encoding="utf-8", timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def urls(answer: dict) -> list[str]:
    return [r["url"].split("#")[0] for r in answer["results"]]


# --- the index, in Python ---

@pytest.mark.parametrize(("text", "expected"), [
    ("217- QĐ/TW", ["217", "qd", "tw"]),
    ("217/QĐ-TW", ["217", "qd", "tw"]),
    ("QD 217", ["qd", "217"]),
    ("16 / CT - TTg", ["16", "ct", "ttg"]),
    ("Nghị định 04/2015/NĐ-CP", ["nghi", "dinh", "4", "2015", "nd", "cp"]),
    ("“Trọng dân, gần dân…”", ["trong", "dan", "gan", "dan"]),
])
def test_words_as_the_search_cuts_them(text, expected):
    assert [term for term, _ in words(text)] == expected


def test_accents_are_kept_beside_the_folded_word():
    assert words("Chỉ thị 16 QĐ") == [("chi", "chỉ"), ("thi", "thị"), ("16", ""), ("qd", "qđ")]


def test_shard_keys():
    assert [shard_key(t) for t in ("chi", "c", "16", "a'b", "x*", "7")] == ["ch", "__", "16", "a_", "x_", "__"]
    assert [shard_key(t, 1) for t in ("chi", "c", "'b")] == ["c", "_", "_"]


def test_page_url():
    assert page_url("van-ban/chi-thi-16-ct-ttg.md", False) == "van-ban/chi-thi-16-ct-ttg.html"
    assert page_url("ke-hoach/x/index.md", True) == "ke-hoach/x/"
    assert page_url("van-ban/a.md", True) == "van-ban/a/"


def test_every_document_section_and_abbreviation_is_a_record(handbook, records):
    kinds = [r.kind for r in records]
    assert kinds.count("document") == len(handbook.catalogue.all)
    assert kinds.count("glossary") == len(handbook.glossary)
    sections = {r.group for r in records if r.kind == "section"}
    assert sections == {f"{p.id}/{s.id}" for p in handbook.plans for s in p.sections}


def test_records_hold_only_the_handbooks_words(records):
    for record in records:
        text = " ".join(record.fields) + json.dumps(record.card, ensure_ascii=False)
        assert not any(label in text for label in NOT_CONTENT), record.card["url"]
        assert "*" not in record.card.get("paragraph", ""), record.card["url"]


def test_a_documents_card_says_what_a_legal_reference_says(handbook, records):
    cards = {r.card["url"]: r.card for r in records if r.kind == "document"}
    ids = {r.card["url"]: r.group for r in records if r.kind == "document"}
    card = cards[DOC + "chi-thi-16-ct-ttg.html"]
    assert card["title"] == "Chỉ thị số 16/CT-TTg" and card["date"] == "16/05/2016"
    assert card["issuer"] == "Thủ tướng Chính phủ" and card["plans_citing"] == 1
    assert card["status"] == "Chưa kiểm tra" and "standing" not in card
    replaced = [c for url, c in cards.items() if handbook.status.standing(ids[url]) == "Đã được thay thế"]
    assert replaced and all(c["status"].startswith("Được thay thế bởi") for c in replaced)


def test_a_sections_card_links_to_its_paragraph(handbook, records):
    for record in records:
        if record.kind != "section":
            continue
        card = record.card
        plan = handbook.plans[card["plan"]]
        section, block = plan.block(card["anchor"])
        assert card["url"].endswith(f".html#{block.anchor}") and section.id in record.group


def test_postings_point_at_the_words(records):
    manifest, shards = build(records, [])
    assert manifest["records"] == len(records) and manifest["span"] == SPAN
    entry = shards[f"t-{shard_key('thi', manifest['keylen'])}"]["thi"]
    variants = dict(zip(entry[::2], entry[1::2], strict=True))
    assert set(variants) >= {"thị"}
    record, impact, *steps = variants["thị"].split(";")[0].split(",")
    number, position = int(record), int(steps[0])
    assert words(records[number].fields[position // SPAN])[position % SPAN] == ("thi", "thị")
    assert int(impact) > 0
    assert shards["records"]["kinds"]["document"][0] == 0
    assert build(records, [])[1] == shards    # the same index gives the same shards


def test_writing_replaces_an_earlier_index(tmp_path, handbook):
    folder = tmp_path / settings.SEARCH_DIR
    folder.mkdir()
    (folder / "t-zz.js").write_text("old", encoding="utf-8")
    (folder / "all.js").write_text("old", encoding="utf-8")                # an earlier format's file
    (folder / "search_index.json").write_text("{}", encoding="utf-8")      # not ours: left alone
    manifest = write_search_index(handbook, tmp_path, directory_urls=False, whole=False)
    assert not (folder / "t-zz.js").exists() and (folder / "search_index.json").exists()
    names = {p.name for p in folder.iterdir()}
    assert names == {f"t-{key}.js" for key in manifest["shards"]} | {"manifest.js", "records.js", "search_index.json"} | {
        f"c-{n}.js" for n in range(-(-manifest["records"] // manifest["chunk"]))}
    script = (folder / "t-c.js").read_text(encoding="utf-8")     # the real handbook: one letter per shard
    assert re.fullmatch(r'window\.__handbookSearchShard\("t-c",JSON\.parse\(".*"\)\)\n', script, re.S)
    in_parts = read_index(tmp_path)
    # The real handbook's index is small: it is written whole, into the manifest, and the parts go
    assert write_search_index(handbook, tmp_path, directory_urls=False)["whole"] is True
    assert {p.name for p in folder.iterdir()} == {"manifest.js", "search_index.json"}
    whole = read_index(tmp_path)
    assert whole[1] == in_parts[1] and {**whole[0], "whole": False} == in_parts[0]
    assert index_problems(tmp_path) == []


# --- the engine, in Node, on the index ---

@pytest.fixture(scope="module")
def suite(index_site):
    queries = [q for q, _, _ in QUERIES] + [q for q, _ in SUBJECT_QUERIES]
    return dict(zip(queries, ask(index_site, [[q, {}] for q in queries]), strict=True))


@pytest.mark.parametrize(("query", "rank", "expected"), QUERIES, ids=[q for q, _, _ in QUERIES])
def test_query_finds_the_expected_page(suite, query, rank, expected):
    found = urls(suite[query])
    shown = found[:1] if rank == "first" else found[:3]
    assert set(shown) & set(expected), f"{query!r}: expected {expected} {rank}, got {found[:5]}"


@pytest.mark.parametrize(("query", "expected"), SUBJECT_QUERIES, ids=[q for q, _ in SUBJECT_QUERIES])
def test_subject_puts_the_document_in_the_top_3(suite, query, expected):
    found = urls(suite[query])
    assert expected in found[:3], f"{query!r}: {found[:5]}"
    assert not [u for u in found[:found.index(expected)] if u.startswith("ke-hoach/")]


@pytest.fixture(scope="module")
def marked_answers(index_site):
    return dict(zip([q for q, _ in MARKED], ask(index_site, [[q, {}] for q, _ in MARKED]), strict=True))


@pytest.mark.parametrize(("query", "written"), MARKED)
def test_results_mark_words_as_written(marked_answers, query, written):
    answer = marked_answers[query]
    assert any(written in r["words"] for r in answer["results"]), [r["words"] for r in answer["results"][:5]]


def marked(result: dict) -> list[str]:
    text = result.get("paragraph") or result.get("subject") or result.get("definition") or ""
    return [text[a:b] for a, b in result["marks"]] + [result["title"][a:b] for a, b in result["title_marks"]]


def test_typed_accents_rank_and_mark_exact_words_only(index_site):
    [answer] = ask(index_site, [["Hồ Chí Minh", {}]])
    assert answer["query"]["accented"] and answer["results"]
    words_marked = {w for r in answer["results"] for w in marked(r)}
    assert {"Chí", "Minh"} <= words_marked and not {"Chỉ", "chỉ", "mình"} & words_marked
    [folded] = ask(index_site, [["ho chi minh", {}]])
    assert {"Chỉ", "Chí"} <= {w for r in folded["results"] for w in marked(r)}


def test_filters_by_kind_and_plan(index_site, handbook):
    plan = handbook.plans[0].id
    answers = ask(index_site, [["dân vận", {"kind": "section"}], ["dân vận", {"kind": "document", "plan": plan}],
                               ["dân vận", {"plan": "khong-co"}], ["UBND", {"kind": "glossary"}]])
    assert answers[0]["results"] and {r["kind"] for r in answers[0]["results"]} == {"section"}
    assert all(r["plan"]["id"] == plan for r in answers[0]["results"])
    assert {r["kind"] for r in answers[1]["results"]} == {"document"}
    assert answers[2]["results"] == []
    assert answers[3]["results"][0]["term"] == "UBND" and answers[3]["results"][0]["definition"]


def test_a_section_result_is_one_paragraph(index_site):
    [answer] = ask(index_site, [["kinh phí", {"kind": "section"}]])
    first = answer["results"][0]
    assert first["url"].endswith("#" + first["anchor"]) and first["section_number"] == "III"
    assert first["plan"]["year"] == 2022 and "\n" not in first["paragraph"]
    assert len({r["url"].split("#")[0] for r in answer["results"]}) == len(answer["results"])


BAD_INPUT = ["", "   ", "x" * 500, "dân " * 125, "?!.,;:", "<script>alert(1)</script>", "/", "-", "\u0301", "😀",
             "16 / CT - TTg", None]


def test_bad_input_gets_an_answer(index_site):
    answers = ask(index_site, [[text, {}] for text in BAD_INPUT])
    assert all("error" not in a for a in answers), answers
    by_text = dict(zip(map(str, BAD_INPUT), answers, strict=True))
    assert by_text[""]["results"] == [] and by_text["/"]["results"] == [] and by_text["-"]["results"] == []
    assert urls(by_text["16 / CT - TTg"])[0] == DOC + "chi-thi-16-ct-ttg.html"
    assert by_text["dân " * 125]["results"]


WRONG = {"missing": None, "broken": "window.__handbookSearchShard(", "empty": "",
         "other data": 'window.__handbookSearchShard("t-c",{"chi":[0,5]})'}


@pytest.mark.parametrize("damage", list(WRONG))
def test_a_missing_or_damaged_shard_gives_a_short_message(tmp_path, index_in_parts, damage):
    site = tmp_path / "site"
    shutil.copytree(index_in_parts, site)
    shard = site / settings.SEARCH_DIR / "t-c.js"
    if WRONG[damage] is None:
        shard.unlink()
    else:
        shard.write_text(WRONG[damage], encoding="utf-8")
    answers = ask(site, [["chi thi", {}], ["kinh phi", {}]])
    assert answers[0]["error"].startswith(LOAD_ERROR) and len(answers[0]["error"]) < 150
    assert answers[1]["results"]        # the other shards still answer
    assert {file for file, _ in index_problems(site)} == {f"{settings.SEARCH_DIR}/t-c.js"}


def test_a_whole_index_without_one_of_its_parts_is_reported(tmp_path, index_site):
    site = tmp_path / "site"
    shutil.copytree(index_site, site)
    manifest_file = site / settings.SEARCH_DIR / settings.SEARCH_MANIFEST
    manifest = json.loads(json.loads(manifest_file.read_text(encoding="utf-8").removeprefix(MANIFEST_PREFIX)[:-2]))
    del manifest["parts"]["t-c"]
    manifest_file.write_text(manifest_script(manifest), encoding="utf-8")
    assert [file for file, _ in index_problems(site)] == [f"{settings.SEARCH_DIR}/{settings.SEARCH_MANIFEST}"]
    answers = ask(site, [["chi thi", {}], ["kinh phi", {}]])
    assert answers[0]["error"].startswith(LOAD_ERROR) and answers[1]["results"]


@pytest.mark.parametrize("damage", ["missing", "broken"])
def test_a_missing_or_damaged_manifest_gives_the_same_message(tmp_path, index_site, damage):
    site = tmp_path / "site"
    shutil.copytree(index_site, site)
    manifest_file = site / settings.SEARCH_DIR / settings.SEARCH_MANIFEST
    if damage == "missing":
        manifest_file.unlink()
    else:
        manifest_file.write_text(manifest_file.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    [answer] = ask(site, [["chi thi", {}]])
    assert answer["error"].startswith(LOAD_ERROR)
    assert [file for file, _ in index_problems(site)] == [f"{settings.SEARCH_DIR}/{settings.SEARCH_MANIFEST}"]


# At scale: the real documents plus 1,975 synthetic ones (tests/synthetic.py), the index written as the
# build writes it (no MkDocs build: the model is enough)

@pytest.fixture(scope="module")
def synthetic_index(tmp_path_factory) -> Path:
    from synthetic import write_project
    project = write_project(tmp_path_factory.mktemp("synthetic") / "project", 2000)
    site = project / "site"
    write_search_index(load_handbook(project), site, directory_urls=False)
    return site


def test_numbers_and_subjects_among_2000_documents(synthetic_index):
    queries = [q for q, _ in SCALE_QUERIES] + [q for q, _ in SUBJECT_QUERIES]
    answers = dict(zip(queries, ask(synthetic_index, [[q, {}] for q in queries]), strict=True))
    problems = [f"{q!r}: {urls(answers[q])[:3]}" for q, expected in SCALE_QUERIES if urls(answers[q])[0] != expected]
    for query, expected in SUBJECT_QUERIES:
        found = urls(answers[query])
        if expected not in found[:3] or [u for u in found[:found.index(expected)] if u.startswith("ke-hoach/")]:
            problems.append(f"{query!r}: {found[:3]}")
    assert problems == []


def test_the_first_results_come_before_the_cards_of_the_others(synthetic_index):
    """A query whose 50 results have cards in many files hands over the first screen's results first."""
    [answer] = ask(synthetic_index, [["chi thi", {"progress": True}]])
    assert len(answer["results"]) == 50 and answer["total"] > 50
    assert answer["early"], "no results were handed over before the whole answer"
    for early in answer["early"]:
        assert 10 <= len(early["results"]) < 50 and early["total"] == answer["total"]
        assert early["results"] == answer["results"][:len(early["results"])]



def test_words_of_one_character_share_one_shard(synthetic_index):
    """Every word typed starts as one character: those words are in one shard, loaded with the records."""
    manifest, shards = read_index(synthetic_index)
    assert manifest["keylen"] == 2 and "__" in manifest["shards"]
    assert shards["t-__"] and all(len(term) == 1 for term in shards["t-__"])
    assert [t for name, terms in shards.items() if name.startswith("t-") and name != "t-__" for t in terms if len(t) == 1] == []
    [answer] = ask(synthetic_index, [["chi thi 1", {}]])
    assert answer["query"]["terms"] == ["chi", "thi", "1"] and answer["results"]
