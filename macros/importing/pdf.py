"""A PDF with a text layer as the plan's paragraphs: running headers and footers removed, page breaks found.

pdfplumber reads each character with its place and font. A line belongs to a new paragraph when it
is indented (first-line indent), when the line before it stops short of the right margin, or when
the gap above it is wider than the usual line spacing. A paragraph that runs on from the foot of a
page to the top of the next is kept as two blocks and its end recorded in `page_breaks` (the build
joins them), as in the 2022 source. Bold and italic come from the font's name.
"""

from __future__ import annotations

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
from .text import NEW_ITEM, continues, unique_ending

BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
ITALIC = re.compile(r"italic|oblique", re.IGNORECASE)
PAGE_NUMBER = re.compile(r"^\W*(?:trang\s*)?\d+(?:\s*/\s*\d+)?\W*$", re.IGNORECASE)
EDGE_LINES = 2  # running headers and footers are among a page's first and last lines
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
    segments: list[Segment] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments).strip()


def read_pdf(path: Path, shown_as: str) -> Reading:
    try:
        with pdfplumber.open(path) as pdf:
            pages = [(page.width, _lines(page, number)) for number, page in enumerate(pdf.pages)]
    except PdfminerException as error:
        cause = error.args[0] if error.args else None
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(error).lower():
            raise DataError(shown_as, "tệp PDF được bảo vệ bằng mật khẩu",
                            "xin bản không đặt mật khẩu, hoặc mở bằng mật khẩu rồi in/lưu thành PDF mới") from None
        raise DataError(shown_as, f"tệp PDF bị hỏng, không đọc được ({cause or error})",
                        "xin lại bản gốc, hoặc mở bằng trình đọc PDF và lưu lại thành tệp mới") from None
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as error:
        raise DataError(shown_as, f"tệp PDF bị hỏng, không đọc được ({type(error).__name__})",
                        "xin lại bản gốc, hoặc mở bằng trình đọc PDF và lưu lại thành tệp mới") from None
    if not any(lines for _, lines in pages):
        raise DataError(shown_as, "tệp PDF không có lớp chữ (bản quét, chỉ có hình ảnh các trang)", OCR_HINT)
    reading = Reading([])
    lines = _drop_running(pages, reading.notes)
    _paragraphs(lines, pages, reading)
    check_unicode("\n".join(reading.blocks), shown_as)
    return reading


def _lines(page, number: int) -> list[Line]:
    """The page's lines, each made of runs of one style; a space where the gap between letters is wide."""
    out = []
    for raw in page.extract_text_lines(return_chars=True, strip=True):
        chars = [c for c in raw["chars"] if c["text"].strip()]
        if not chars:
            continue
        size = statistics.median(c["size"] for c in chars)
        line = Line(number, raw["top"], raw["bottom"], chars[0]["x0"], chars[-1]["x1"], size)
        previous = None
        for char in chars:
            style = (bool(BOLD.search(char["fontname"])), bool(ITALIC.search(char["fontname"])))
            if previous is not None and char["x0"] - previous["x1"] > 0.15 * size:
                line.segments.append(Segment(" "))
            line.segments.append(Segment(unicodedata.normalize("NFC", char["text"]), *style))
            previous = char
        out.append(line)
    return out


def _drop_running(pages, notes: list[str]) -> list[Line]:
    """Every page's lines without the running headers, footers and page numbers."""
    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text)

    edges = Counter(key(line) for _, lines in pages for line in {id(x): x for x in lines[:EDGE_LINES] + lines[-EDGE_LINES:]}.values())
    running = {k for k, count in edges.items() if count >= 2 and count >= len(pages) / 2}
    kept, dropped = [], Counter()
    for _, lines in pages:
        for n, line in enumerate(lines):
            at_edge = n < EDGE_LINES or n >= len(lines) - EDGE_LINES
            if at_edge and (key(line) in running or PAGE_NUMBER.match(line.text)):
                dropped[key(line)] += 1
            else:
                kept.append(line)
    for text, count in dropped.items():
        notes.append(f"Đã bỏ dòng đầu/chân trang '{text}' ({count} trang).")
    return kept


def _paragraphs(lines: list[Line], pages, reading: Reading) -> None:
    if not lines:
        return
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
    right = max(line.x1 for line in lines)
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False) if a.page == b.page and b.top > a.top]
    pitch = statistics.median(pitches) if pitches else 0
    groups: list[list[Line]] = []
    for line in lines:
        if not groups:
            groups.append([line])
            continue
        before = groups[-1][-1]
        indented = line.x0 - left > line.size
        short = right - before.x1 > 3 * before.size
        if line.page != before.page:
            new = indented or short or not continues(before.text, line.text)
            if not new:
                reading.page_breaks.append(len(groups) - 1)  # a block index for now: replaced by its end below
                groups.append([line])
                continue
        else:
            new = indented or short or (pitch and line.top - before.top > 1.3 * pitch) or NEW_ITEM.match(line.text)
        if new:
            groups.append([line])
        else:
            groups[-1].append(line)
    unmarked = 0
    for group in groups:
        segments = []
        for line in group:
            if segments:
                segments.append(Segment(" "))
            segments.extend(line.segments)
        text, whole = markdown(segments)
        reading.blocks.append(text)
        unmarked += whole
    cut = reading.page_breaks
    reading.page_breaks = [unique_ending(reading.blocks, i) for i in cut]
    for i, ending in zip(cut, reading.page_breaks, strict=True):
        reading.notes.append(f"Nối câu bị ngắt trang: '…{ending}' / '{reading.blocks[i + 1][:40]}…' (trang {pages_of(i, groups)}); "
                             "ghi vào page_breaks. Đối chiếu với bản PDF.")


def pages_of(index: int, groups: list[list[Line]]) -> str:
    return f"{groups[index][-1].page + 1}–{groups[index + 1][0].page + 1}"
