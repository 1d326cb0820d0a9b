"""Unit tests of the pure functions: catalogue, plan, citations, slugs, rendering."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from macros.errors import DataError
from macros.model.catalogue import Document, IssueDate, normalise_number
from macros.model.plan import join_page_breaks
from macros.render import markdown as render
from macros.slugs import fold, slugify


def test_real_catalogue_validates(handbook):
    ids = [d.id for d in handbook.catalogue.documents]
    assert len(ids) == len(set(ids)) == 25
    # Documents cited only inside another citation, unnumbered ones, the Constitution.
    for doc_id in ("chi-thi-30-ct-tw", "quyet-dinh-290-qd-tw", "ket-luan-114-kl-tw",
                   "nghi-quyet-dai-hoi-xii", "nghi-quyet-hoi-nghi-tw4-khoa-xii", "hien-phap-2013"):
        assert doc_id in handbook.catalogue


def test_every_citing_phrase_occurs_and_every_document_is_cited(handbook):
    cited = {c.document_id for c in handbook.citations}
    assert cited == {d.id for d in handbook.catalogue.documents}
    assert {c.words for c in handbook.citations} >= {"Quyết định số 217- QĐ/TW", "Kết luận số 03- KL/TW"}


def test_chi_thi_16_is_cited_twice_in_ii_1(handbook):
    places = [(c.section_id, c.words) for c in handbook.citations_of("chi-thi-16-ct-ttg")]
    assert places == [("ii-1", "Chỉ thị số 16/CT-TTg"), ("ii-1", "Chỉ thị số 16/CT-TTg")]


def test_facts_the_plan_does_not_state_stay_empty(handbook):
    hien_phap = handbook.catalogue.get("hien-phap-2013")
    assert (hien_phap.number, hien_phap.issuer, hien_phap.subject) == (None, None, None)
    assert hien_phap.date == IssueDate(2013)
    assert handbook.catalogue.get("de-an-01-da-tu").date is None


def test_relations_are_seen_from_both_sides(handbook):
    incoming = handbook.catalogue.incoming("chi-thi-16-ct-ttg")
    assert [(r.kind, d.id) for r, d in incoming] == [("implements", "ke-hoach-193-kh-ubnd")]


@pytest.mark.parametrize(("spelling", "number"), [
    ("217- QĐ/TW", "217-QĐ/TW"), ("03- KL/TW", "03-KL/TW"), ("04/2015/NĐ-CP", "04/2015/NĐ-CP"),
    (" 16 / CT - TTg ", "16/CT-TTg"),
])
def test_normalise_number(spelling, number):
    assert normalise_number(spelling) == number


def test_issue_date_display_and_order():
    assert IssueDate(2016, 5, 16).display == "16/05/2016"
    assert IssueDate(2013).display == "năm 2013"
    assert IssueDate(2013) < IssueDate(2013, 12, 12) < IssueDate(2016, 5, 16)


@pytest.mark.parametrize(("text", "slug"), [
    ("Được viện dẫn tại", "duoc-vien-dan-tai"),
    ("Đảng", "dang"),
    ("Quyết định số 217-QĐ/TW", "quyet-dinh-so-217-qd-tw"),
    ("hoà hòa", "hoa-hoa"),
])
def test_slugify_keeps_every_letter(text, slug):
    assert slugify(text) == slug


def test_fold_maps_d_bar_explicitly():
    assert fold("ĐĂNG ĐẢNG đ") == "dang dang d"


def test_page_break_join_needs_exactly_one_match():
    assert join_page_breaks(["a công tác", "dân vận", "x"], ["công tác"], "plan.yml") == ["a công tác dân vận", "x"]
    with pytest.raises(DataError, match="page_breaks"):
        join_page_breaks(["a", "b"], ["không có"], "plan.yml")


def _document(**changes) -> Document:
    fields = dict(id="x", type="Chỉ thị", number="1/CT-X", spellings=("1/CT-X",), cited_as=(), issuer=None,
                  date=None, term=None, subject=None, system=None, level=None, relations=(), line=1)
    fields.update(changes)
    return Document(**fields)


def test_catalogue_text_is_escaped_not_interpreted():
    hostile = "<script>alert(1)</script> *đậm* [liên kết](http://x) {{ macro }} | ô"
    html = markdown.markdown(f"| a |\n| - |\n| {render.md_text(hostile)} |\n\n{render.md_text(hostile)}",
                             extensions=["tables", "attr_list"])
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and soup.find("a") is None and soup.find("em") is None
    assert soup.find("p").get_text() == hostile
    assert soup.find("td").get_text() == hostile


def test_tooltip_titles_survive_quotes():
    document = _document(subject='về "Quy chế" mới')
    html = markdown.markdown(f"[x](y.md {render.link_title(render.document_tooltip(document))})")
    assert BeautifulSoup(html, "html.parser").find("a")["title"] == 'Chỉ thị số 1/CT-X: về "Quy chế" mới'


def test_relative_links_are_computed_from_the_page():
    assert render.link("van-ban/a.md", "ke-hoach/b.md") == "../van-ban/a.md"
    assert render.link("van-ban/a.md", "index.md", "x") == "van-ban/a.md#x"
    assert render.link("van-ban/a.md", "van-ban/index.md") == "a.md"


def test_trie_regex_matches_each_phrase_and_prefers_the_longest():
    import re

    from macros.model.citations import trie_regex
    phrases = ["Chỉ thị số 16/CT", "Chỉ thị số 16/CT-TTg", "Kế hoạch số 05-KH/BCS", "Hiến pháp năm 2013"]
    pattern = re.compile(trie_regex(phrases))
    for phrase in phrases:
        assert pattern.fullmatch(phrase)
    assert pattern.search("theo Chỉ thị số 16/CT-TTg ngày").group(0) == "Chỉ thị số 16/CT-TTg"
    assert not pattern.fullmatch("Chỉ thị số 16")
