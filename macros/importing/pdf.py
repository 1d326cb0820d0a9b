"""A PDF with a text layer as the plan's paragraphs: running headers and footers removed, page breaks found.

pdfplumber reads each character with its place and font. A line belongs to a new paragraph when it
is indented (first-line indent), when the line before it stops short of the right margin, or when
the gap above it is wider than the usual line spacing. A paragraph that runs on from the foot of a
page to the top of the next is kept as two blocks and its end recorded in `page_breaks` (the build
joins them), as in the 2022 source. Bold and italic come from the font's name.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import DataError
from . import Reading
from .emphasis import Segment, markdown
from .encoding import check_unicode
from .text import SENTENCE_END, unique_ending

BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
ITALIC = re.compile(r"italic|oblique", re.IGNORECASE)
PAGE_NUMBER = re.compile(r"^\W*(?:trang\s*)?\d+(?:\s*/\s*\d+)?\W*$", re.IGNORECASE)
EDGE_LINES = 2  # running headers and footers are among a page's first and last lines
WRAPPED = re.compile(r"\w[-/]$")  # a line that ends inside a number such as 247-KH/TU
COLUMN_GAP = 3  # a gap wider than this many letter heights separates two columns
DAMAGED_FIX = "xin lại bản gốc, hoặc mở bằng trình đọc PDF và lưu lại thành tệp mới"
OCR_HINT = ("nếu chỉ có bản quét, nhận dạng chữ (OCR) trước, ví dụ bằng gói Debian tesseract-ocr-vie "
            "(tùy chọn, không cài sẵn), rồi rà soát kỹ bản nhận dạng; tốt nhất là xin bản .docx hoặc PDF xuất từ Word")


@dataclass
class Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    page_width: float
    segments: list[Segment] = field(default_factory=list)
    alone: bool = False  # a table cell's line: a paragraph of its own

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments).strip()


def read_pdf(path: Path, shown_as: str) -> Reading:
    try:
        with pdfplumber.open(path) as pdf:
            pages = [_rows(page, number) for number, page in enumerate(pdf.pages)]
    except PdfminerException as error:
        cause = error.args[0] if error.args else None
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(error).lower():
            raise DataError(shown_as, "tệp PDF được bảo vệ bằng mật khẩu",
                            "xin bản không đặt mật khẩu, hoặc mở bằng mật khẩu rồi in/lưu thành PDF mới") from None
        raise DataError(shown_as, f"tệp PDF bị hỏng, không đọc được ({cause or error})", DAMAGED_FIX) from None
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as error:
        raise DataError(shown_as, f"tệp PDF bị hỏng, không đọc được ({type(error).__name__})", DAMAGED_FIX) from None
    if not any(pages):
        raise DataError(shown_as, "tệp PDF không có lớp chữ (bản quét, chỉ có hình ảnh các trang)", OCR_HINT)
    reading = Reading([])
    rows = _drop_running(pages, reading.notes)
    _paragraphs(_reading_order(rows), reading)
    check_unicode("\n".join(reading.blocks), shown_as)
    return reading


def _rows(page, number: int) -> list[list[Line]]:
    """The page's text lines; a line with a wide gap (two table columns side by side) is two pieces."""
    rows = []
    for raw in page.extract_text_lines(return_chars=True, strip=True):
        chars = [c for c in raw["chars"] if c["text"].strip()]
        if not chars:
            continue
        size = statistics.median(c["size"] for c in chars)
        pieces = [Line(number, raw["top"], raw["bottom"], chars[0]["x0"], chars[0]["x1"], size, page.width)]
        previous = None
        for char in chars:
            gap = char["x0"] - previous["x1"] if previous is not None else 0
            if gap > COLUMN_GAP * size:
                pieces.append(Line(number, raw["top"], raw["bottom"], char["x0"], char["x1"], size, page.width))
            elif gap > 0.15 * size:
                pieces[-1].segments.append(Segment(" "))
            style = (bool(BOLD.search(char["fontname"])), bool(ITALIC.search(char["fontname"])))
            pieces[-1].segments.append(Segment(unicodedata.normalize("NFC", char["text"]), *style))
            pieces[-1].x1 = char["x1"]
            previous = char
        rows.append(pieces)
    return rows


def _reading_order(rows: list[list[Line]]) -> list[Line]:
    """Lines in reading order: where two columns stand side by side (the letterhead, the signature
    block), the left column's lines first, then the right's, each its own paragraph (a line wrapped
    inside a column, starting in lower case, joins the line before it)."""
    out: list[Line] = []
    i = 0
    while i < len(rows):
        if len(rows[i]) < 2:
            out.extend(rows[i])
            i += 1
            continue
        left_end, right_start = rows[i][0].x1, rows[i][1].x0
        mid = (left_end + right_start) / 2
        region = []  # it may run on to the next page, as a signature block often does
        while i < len(rows) and (len(rows[i]) > 1 or rows[i][0].x1 < right_start or rows[i][0].x0 > left_end):
            region += rows[i]
            i += 1
        for column in ([p for p in region if p.x0 < mid], [p for p in region if p.x0 >= mid]):
            for piece in column:
                if out and out[-1].alone and piece.text[:1].islower():
                    out[-1].segments += [Segment(" "), *piece.segments]
                    continue
                piece.alone = True
                out.append(piece)
    return out


def _drop_running(pages: list[list[list[Line]]], notes: list[str]) -> list[list[Line]]:
    """Every page's rows without the running headers, footers and page numbers."""
    def key(row: list[Line]) -> str:
        return re.sub(r"\d+", "#", " ".join(piece.text for piece in row))

    edges = Counter(key(rows[n]) for rows in pages for n in {*range(min(EDGE_LINES, len(rows))),
                                                                *range(max(0, len(rows) - EDGE_LINES), len(rows))})
    running = {k for k, count in edges.items() if count >= 2 and count >= len(pages) / 2}
    kept, dropped = [], Counter()
    for rows in pages:
        for n, row in enumerate(rows):
            at_edge = n < EDGE_LINES or n >= len(rows) - EDGE_LINES
            if at_edge and (key(row) in running or PAGE_NUMBER.match(key(row))):
                dropped[key(row)] += 1
            else:
                kept.append(row)
    for text, count in dropped.items():
        notes.append(f"Đã bỏ dòng đầu/chân trang '{text}' ({count} trang).")
    return kept


def _paragraphs(lines: list[Line], reading: Reading) -> None:
    """Lines joined into paragraphs; a paragraph cut by a page break stays two blocks, its end recorded."""
    body = [line for line in lines if not line.alone] or lines
    left = Counter(round(line.x0) for line in body).most_common(1)[0][0]
    right = max(line.x1 for line in body)
    pitches = [b.top - a.top for a, b in itertools.pairwise(body) if a.page == b.page and b.top > a.top]
    pitch = statistics.median(pitches) if pitches else 0
    groups: list[list[Line]] = []
    cut = []
    for line in lines:
        before = groups[-1][-1] if groups else None
        if before is None or line.alone or before.alone:
            groups.append([line])
            continue
        indented = line.x0 - left > line.size
        short = right - before.x1 > 3 * before.size
        ended = SENTENCE_END.search(before.text) and not line.text[:1].islower()
        if line.page != before.page and not (indented or short or ended or WRAPPED.search(before.text)):
            cut.append(len(groups) - 1)  # kept as two blocks, as the 2022 source keeps them
            groups.append([line])
        elif indented or short or (line.page != before.page and ended) or (
                line.page == before.page and pitch and line.top - before.top > 1.3 * pitch):
            groups.append([line])
        else:
            groups[-1].append(line)
    for group in groups:
        segments = list(group[0].segments)
        for before, line in itertools.pairwise(group):
            # a line broken after the hyphen of a number ("247-" / "KH/TU") joins without a space
            segments += [Segment(" ")] * (not WRAPPED.search(before.text)) + line.segments
        reading.blocks.append(markdown(segments)[0])
    reading.page_breaks = [unique_ending(reading.blocks, i) for i in cut]
    for i, ending in zip(cut, reading.page_breaks, strict=True):
        reading.notes.append(f"Câu bị ngắt trang {groups[i][-1].page + 1}–{groups[i + 1][0].page + 1}: "
                             f"'…{ending}' / '{reading.blocks[i + 1][:40]}…'; ghi vào page_breaks để bản dựng nối lại. "
                             "Đối chiếu với bản PDF.")
