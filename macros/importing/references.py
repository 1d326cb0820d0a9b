"""Every reference to a document in a plan's text, found by its form, and matched to the catalogue.

A reference is "<loại văn bản> [số] <số hiệu>" (Chỉ thị số 16/CT-TTg, Kết luận số 03- KL/TW), or a
document named without a number in one of the fixed forms plans use (Hiến pháp năm 2013, Luật …
năm 2022, Nghị quyết Đại hội / Hội nghị … khóa XII). What follows it in the plan gives the draft's
date ("ngày 16/5/2016"), issuer ("của Thủ tướng Chính phủ"), term ("khóa XI") and subject ("về …").
Whether a reference is already catalogued is decided by the model's own citing phrases
(macros/model/citations.py), so that a number's spellings are defined in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.catalogue import Catalogue, normalise_number
from ..model.citations import citation_pattern
from ..slugs import slugify

TYPES = ("Thông tư liên tịch", "Nghị quyết liên tịch", "Chỉ thị", "Nghị quyết", "Nghị định", "Quyết định",
         "Kết luận", "Kế hoạch", "Công văn", "Đề án", "Thông tư", "Luật", "Pháp lệnh", "Thông báo",
         "Hướng dẫn", "Quy định", "Chương trình", "Thông tri", "Công điện", "Báo cáo", "Tờ trình")
_TYPE = "|".join(sorted(TYPES, key=len, reverse=True))
_PIECE = r"[\wĐđ]+"
# A number has digits, then at least one "-" or "/" piece; one space around "-" or "/" is kept as written
NUMBERED = re.compile(rf"(?<!\w)(?P<type>{_TYPE})\s+(?P<so>số\s+)?(?P<number>\d+(?:\s?[-/]\s?{_PIECE})+)(?![\w/-])")
_ROMAN = r"[IVXLC]+"
_KHOA = r"kh(?:oá|óa|oa)"
NAMED = re.compile(
    rf"(?<!\w)(?P<name>Hiến pháp(?: nước Cộng hòa xã hội chủ nghĩa Việt Nam)? năm \d{{4}}"
    rf"|(?:Bộ )?Luật(?: [^\s,;.()]+){{1,12}}? năm \d{{4}}"
    rf"|Nghị quyết Hội nghị [^,;.()]{{0,80}}?{_KHOA} {_ROMAN}"
    rf"|Nghị quyết Đại hội [^,;.()]{{0,80}}?lần thứ {_ROMAN}(?: của Đảng)?)(?!\w)")
NAMED_TYPES = ("Hiến pháp", "Bộ luật", "Luật", "Nghị quyết")  # the type of a document named without a number
DATE = re.compile(r"^\s*ngày\s+(\d{1,2})\s*[/-]\s*(\d{1,2})\s*[/-]\s*(\d{4})")
ISSUER = re.compile(rf"^\s*,?\s*của\s+(?P<issuer>.+?)(?=\s*\(|\s+(?:{_KHOA}|về|ban hành|Kế hoạch|Quy định)\b|\s*[;,.“\"]|$)")
TERM = re.compile(rf"^\s*\(?\s*{_KHOA}\s+(?P<term>{_ROMAN})\s*\)?")
# The subject runs to the end of the clause, or to the next document listed after a comma
SUBJECT = re.compile(rf"^\s*(?P<subject>(?:về|ban hành)\s.+?)(?=;|,\s*(?:{_TYPE})\s|\.\s|\.$|$)")


@dataclass(frozen=True)
class Reference:
    line: int  # index of the plan's line (paragraph) that holds it
    start: int
    end: int
    words: str  # the citing words as written: "Chỉ thị số 16/CT-TTg", "Hiến pháp năm 2013"
    type: str
    number: str | None  # normalised ("03-KL/TW"); None for a document named without a number
    spelling: str | None  # the number as written ("03- KL/TW")
    has_so: bool  # written with "số": the only numbered form the catalogue links
    date: str | None  # "YYYY-MM-DD" as the plan states it
    issuer: str | None
    term: str | None
    subject: str | None
    document_id: str | None = None  # the catalogue record it matches, if any

    @property
    def draft_id(self) -> str:
        return slugify(f"{self.type} {self.number}" if self.number else self.words)


def find_references(lines: list[str], catalogue: Catalogue | None = None) -> list[Reference]:
    """Every reference in the plan's lines (page breaks joined), in reading order, matched to the catalogue."""
    pattern, owner = citation_pattern(catalogue) if catalogue and catalogue.documents else (None, {})
    by_number = {(d.type, d.number): d.id for d in catalogue.documents if d.number} if catalogue else {}
    found = []
    for index, raw in enumerate(lines):
        text = raw.replace("*", "")
        linked = [(m.start(), m.end(), owner[m.group(0)]) for m in pattern.finditer(text)] if pattern else []
        hits = [(m.start(), m.end(), m["type"], m["number"], bool(m["so"])) for m in NUMBERED.finditer(text)]
        hits += [(m.start(), m.end(), next(t for t in NAMED_TYPES if m["name"].startswith(t)), None, False)
                 for m in NAMED.finditer(text)]
        for start, end, kind, spelling, has_so in sorted(hits):
            number = normalise_number(spelling) if spelling else None
            document_id = next((doc for s, e, doc in linked if s < end and start < e), None)
            if document_id is None and number:
                document_id = by_number.get((kind, number))
            found.append(Reference(index, start, end, text[start:end], kind, number, spelling, has_so,
                                   *_details(text[end:]), document_id=document_id))
    return found


def _details(after: str) -> tuple[str | None, str | None, str | None, str | None]:
    """(date, issuer, term, subject) from the words that follow a reference."""
    date = issuer = term = subject = None
    if match := DATE.match(after):
        day, month, year = (int(g) for g in match.groups())
        date = f"{year:04d}-{month:02d}-{day:02d}"
        after = after[match.end():]
    if match := ISSUER.match(after):
        issuer = match["issuer"].strip()
        after = after[match.end():]
    if match := TERM.match(after):
        term = match["term"]
        after = after[match.end():]
    if match := SUBJECT.match(after):
        subject = match["subject"].strip().rstrip(",")
    return date, issuer, term, subject
