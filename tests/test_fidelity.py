"""The plan is reproduced verbatim: every sentence of the source, in the plan's order."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

from macros.model import load_handbook

from helpers import ROOT

SOURCE = ROOT / "data" / "source" / "ke-hoach-cong-tac-dan-van-2022.txt"
HEADER = ROOT / "data" / "plans" / "dan-van-2022.yml"
# The plan as received (shared/source), so that the project's copy can never drift.
RECEIVED_SHA256 = "0697231a35c69105f0dfa0716159043db522f8c750e2b6ed347e3c6b4ff14402"


def source_sentences() -> list[str]:
    """The source's sentences with only the README's repairs: page breaks joined, emphasis marks dropped."""
    config = yaml.safe_load(HEADER.read_text(encoding="utf-8"))
    text = SOURCE.read_text(encoding="utf-8")
    for ending in config["page_breaks"]:
        text = re.sub(re.escape(ending) + r"\n[ \t]*\n", ending + " ", text)
    text = text.replace("*", "")
    sentences = []
    for line in text.splitlines():
        line = " ".join(line.split())
        sentences += [s for s in re.split(r"(?<=[.;:!?”])\s+", line) if s]
    return sentences


def site_text(built_site: Path, page_html) -> str:
    """The reading text of the plan's overview (its number, date and title) and every plan page, in order."""
    plan = load_handbook(ROOT).plan("dan-van-2022")
    texts = []
    for src in [plan.overview_file] + [s.file for s in plan.sections]:
        article = page_html(built_site / src.replace(".md", ".html")).select_one("article")
        for permalink in article.select("a.headerlink"):
            permalink.decompose()
        # Inline markup (links, emphasis) adds no spaces: read each block's text whole.
        for block in article.select("p, h1, h2, h3, li"):
            texts.append(" ".join(block.get_text("").split()))
    return " ".join(texts)


def test_project_copy_is_the_plan_as_received():
    digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    assert digest == RECEIVED_SHA256, "data/source/ must stay byte-for-byte the plan as received"


def test_every_sentence_appears_verbatim_in_order(built_site, page_html):
    text = site_text(built_site, page_html)
    sentences = source_sentences()
    assert len(sentences) > 100
    position = 0
    for sentence in sentences:
        found = text.find(sentence, position)
        assert found >= 0, f"missing or out of order: {sentence!r}"
        position = found + len(sentence)


def test_the_repaired_page_breaks_read_as_one_sentence(built_site, page_html):
    text = site_text(built_site, page_html)
    for joined in ["việc thực hiện công tác dân vận năm 2022 phải thường xuyên",
                   "Kế hoạch số 05-KH/BCS ngày 14/02/2017",
                   "phong cách Hồ Chí Minh\". Vận động",
                   "chấp hành tốt chủ trương, đường lối của Đảng"]:
        assert joined in text


def test_blanks_of_the_original_are_kept(built_site, page_html):
    home = page_html(built_site / "ke-hoach/dan-van-2022/index.html").select_one("article").get_text(" ")
    assert "Số: /KH-SVHTTDL" in home
    assert "Bình Phước, ngày tháng 3 năm 2022" in home
    assert "Trần Văn Chung" in home and "GIÁM ĐỐC" in home
