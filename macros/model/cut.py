"""The automatic cut: a plan's text split into pages at its own headings.

    identity      the blocks before the preamble (number, place and date, title)
    preamble      from the first "Căn cứ …" to the first part: page "can-cu"
    parts         "I. …", "II. …" (upper or sentence case): pages "i", "ii", …
    subsections   "1. …", "2. …" inside a part: pages "ii-1", "ii-2", … unless the plan's header
                  keeps that part whole (`cut.whole_parts`); the part's page then holds them
    closing       from "Nơi nhận" to the end, with the signature: page "noi-nhan"

Plain functions over the plan's lines; the header may name each page's short title and file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import DataError
from ..settings import WHOLE_PLAN_PAGE
from ..slugs import slugify
from .loading import LINE_KEY

PREAMBLE = re.compile(r"^Căn cứ\b")
CLOSING = re.compile(r"^Nơi nhận\b")
PART = re.compile(r"^([IVX]+)\.\s+\S")
NUMBER_PREFIX = re.compile(r"^([IVX]+|\d+)\.\s*")  # "II. ", "3." before a heading's words
SUBSECTION = re.compile(r"^(\d+)\.\s+\S")
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

# The pages the plan leaves without a heading of their own get the handbook's (shown as added)
PREAMBLE_PAGE = ("can-cu", "Căn cứ ban hành", "Căn cứ ban hành kế hoạch")
CLOSING_PAGE = ("noi-nhan", "Nơi nhận, chữ ký", "Nơi nhận và chữ ký")
NAV_WORDS = 8  # a heading longer than this is shortened in the navigation


@dataclass(frozen=True)
class Cut:
    """One page of the cut: where it starts and ends among the plan's lines, and how it is named."""

    id: str
    start: int
    end: int
    nav: str  # the short title in the navigation: "II. Nội dung thực hiện", "1. Quán triệt, …"
    file: str  # the page's file name in the plan's folder, without ".md"
    heading: str | None  # the handbook's own heading, for the preamble and the closing
    parent: str | None


def short_title(heading: str) -> str:
    """A heading without its number, in sentence case if written upper case, at most NAV_WORDS words."""
    words = NUMBER_PREFIX.sub("", heading.replace("*", "")).split()
    text = " ".join(words[:NAV_WORDS]) + (" …" if len(words) > NAV_WORDS else "")
    if text.isupper():
        text = text[0] + text[1:].lower()
    return text


def cut_plan(lines: list[str], header: dict, shown_as: str) -> tuple[int, list[Cut]]:
    """(index of the preamble's first line, the pages in order). `header` is the plan's YAML header."""

    def fail(problem: str, fix: str, field: str = "cut"):
        raise DataError(shown_as, problem, fix, field=field)

    options = header.get("cut") or {}
    named = {key: value for key, value in (options.get("pages") or {}).items() if key != LINE_KEY}
    whole = set(options.get("whole_parts") or ())
    named = {key: {k: v for k, v in value.items() if k != LINE_KEY} for key, value in named.items()}
    preamble = next((i for i, line in enumerate(lines) if PREAMBLE.match(line)), None)
    if preamble is None:
        fail("không tìm thấy phần căn cứ (đoạn bắt đầu bằng \"Căn cứ\")",
             "kiểm tra tệp nguồn: phần mở đầu của Kế hoạch phải bắt đầu bằng \"Căn cứ …\"")
    closing = next((i for i in range(preamble, len(lines)) if CLOSING.match(lines[i])), None)
    if closing is None:
        fail("không tìm thấy phần \"Nơi nhận:\"", "kiểm tra tệp nguồn: Kế hoạch phải kết thúc bằng \"Nơi nhận:\" và chữ ký")
    parts = _parts(lines, preamble, closing)
    if not parts:
        fail("không tìm thấy đề mục phần nào (\"I. …\", \"II. …\") giữa phần căn cứ và \"Nơi nhận\"",
             "kiểm tra tệp nguồn: mỗi đề mục phần đứng riêng một đoạn, bắt đầu bằng số La Mã và dấu chấm")
    unknown = whole - {ROMAN[n] for n, _ in enumerate(parts)}
    if unknown:
        fail(f"cut.whole_parts nêu phần không có: {', '.join(sorted(unknown))}",
             "chỉ ghi số La Mã của các phần có trong Kế hoạch, ví dụ [I, IV]", field="whole_parts")

    def page(page_id, start, end, default_nav, heading=None, parent=None, number=""):
        own = named.get(page_id) or {}
        title = own.get("nav") or default_nav
        nav = f"{number}. {title}" if number else title
        file = own.get("file") or slugify(f"{page_id} {title}" if number else page_id)
        return Cut(page_id, start, end, nav, file, heading, parent)

    cuts = [page(PREAMBLE_PAGE[0], preamble, parts[0], PREAMBLE_PAGE[1], heading=PREAMBLE_PAGE[2])]
    for n, start in enumerate(parts):
        end = parts[n + 1] if n + 1 < len(parts) else closing
        roman = ROMAN[n]
        part_id = roman.lower()
        subsections = [] if roman in whole else _subsections(lines, start + 1, end)
        cuts.append(page(part_id, start, subsections[0] if subsections else end, short_title(lines[start]),
                         number=roman))
        for k, sub_start in enumerate(subsections):
            sub_end = subsections[k + 1] if k + 1 < len(subsections) else end
            number = SUBSECTION.match(lines[sub_start]).group(1)
            cuts.append(page(f"{part_id}-{number}", sub_start, sub_end, short_title(lines[sub_start]),
                             parent=part_id, number=number))
    cuts.append(page(CLOSING_PAGE[0], closing, len(lines), CLOSING_PAGE[1], heading=CLOSING_PAGE[2]))
    _check(cuts, lines, set(named), shown_as)
    return preamble, cuts


def _parts(lines: list[str], start: int, end: int) -> list[int]:
    """The lines that open a part: "I. …", "II. …" in order (a Roman number out of order is text)."""
    found: list[int] = []
    for i in range(start, end):
        match = PART.match(lines[i])
        if match and len(found) < len(ROMAN) and match.group(1) == ROMAN[len(found)]:
            found.append(i)
    return found


def _subsections(lines: list[str], start: int, end: int) -> list[int]:
    """The lines that open a part's subsections: "1. …", "2. …" in order."""
    found: list[int] = []
    for i in range(start, end):
        match = SUBSECTION.match(lines[i])
        if match and int(match.group(1)) == len(found) + 1:
            found.append(i)
    return found


def _check(cuts: list[Cut], lines: list[str], named: set[str], shown_as: str) -> None:
    ids = {c.id for c in cuts}
    unknown = sorted(named - ids - {WHOLE_PLAN_PAGE})
    if unknown:
        raise DataError(shown_as, f"cut.pages nêu trang không có: {', '.join(unknown)}",
                        f"chỉ ghi id của các trang được cắt ra: {', '.join(c.id for c in cuts)}", field="pages")
    parents = {c.parent for c in cuts if c.parent}
    for c in cuts:
        body = lines[c.start + (0 if c.heading else 1):c.end]
        text = [line for line in body if not (PART.match(line) or SUBSECTION.match(line))]
        # A part whose subsections have their own pages may hold only its title (an overview page)
        if not text and c.id not in parents:
            raise DataError(shown_as, f"trang '{c.id}' ({c.nav}) không có đoạn văn nào",
                            "kiểm tra tệp nguồn (mỗi đề mục và mỗi đoạn đứng riêng, cách nhau một dòng trống), "
                            "hoặc giữ cả phần trên một trang bằng cut.whole_parts", record=c.id, field="cut")
    files = [c.file for c in cuts]
    repeated = sorted({f for f in files if files.count(f) > 1})
    if repeated:
        raise DataError(shown_as, f"hai trang cùng tên tệp: {', '.join(repeated)}",
                        "đặt tên tệp riêng cho mỗi trang trong cut.pages", field="pages")
