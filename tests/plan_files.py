"""A plan's source lines as the office would receive them: a Word file with real automatic numbering,
and a PDF printed from it. Built in the tests, never stored.

The Word file has what a real plan has: the letterhead and the signature block as two-column tables,
headings numbered by Word (numbering.xml: "I.", "1.", "-"; the typed numbers are taken out of the
text), bold headings and the plan's own bold and italic words as run formatting.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from macros.importing.emphasis import segments_of

LETTERHEAD = (["UBND TỈNH BÌNH PHƯỚC", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"],
              ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"])
HEADINGS, BULLETS = "90", "91"  # the two lists of the Word file (w:numId)
NUMBERING = f"""
<w:numbering {nsdecls('w')}>
  <w:abstractNum w:abstractNumId="{HEADINGS}">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/><w:suff w:val="space"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="{BULLETS}">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="{HEADINGS}"><w:abstractNumId w:val="{HEADINGS}"/></w:num>
  <w:num w:numId="{BULLETS}"><w:abstractNumId w:val="{BULLETS}"/></w:num>
</w:numbering>"""
HEADING = re.compile(r"^([IVX]+|[0-9]+)\. ")
LIST_ITEM = re.compile(r"^(?:(?P<roman>[IVX]+)\.|(?P<number>\d+)\.|(?P<letter>[a-z])\)|(?P<dash>-)) (?P<text>.+)$")


def _runs(paragraph, text: str, bold_all: bool = False) -> None:
    for segment in segments_of(text):
        run = paragraph.add_run(segment.text)
        run.bold = segment.bold or bold_all or None
        run.italic = segment.italic or None


def _numbered(paragraph, num_id: str, level: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = int(num_id)


def _two_columns(document, left: list[str], right: list[str]) -> None:
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.paragraphs[0].text = ""
        for n, line in enumerate(lines):
            paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
            item = LIST_ITEM.match(line)
            if item and item["dash"]:
                _numbered(paragraph, BULLETS, 0)
                line = item["text"]
            _runs(paragraph, line)


def plan_docx(lines: list[str], path: Path) -> Path:
    """A Word file of a plan's lines (page breaks joined): identity, body, "Nơi nhận" and signature."""
    document = Document()
    numbering = document.part.numbering_part.element
    for child in parse_xml(NUMBERING):
        numbering.append(child)
    preamble = next(i for i, line in enumerate(lines) if line.startswith("Căn cứ"))
    closing = next(i for i, line in enumerate(lines) if line.startswith("Nơi nhận"))
    number, place_date, title = lines[:preamble]
    _two_columns(document, [*LETTERHEAD[0], number], [*LETTERHEAD[1], place_date])
    _runs(document.add_paragraph(), title)
    for line in lines[preamble:closing]:
        paragraph = document.add_paragraph()
        item = LIST_ITEM.match(line)
        if item is None:
            _runs(paragraph, line)
            continue
        level = 0 if item["roman"] else 1 if item["number"] else 2 if item["letter"] else None
        _numbered(paragraph, BULLETS if level is None else HEADINGS, level or 0)
        _runs(paragraph, item["text"], bold_all=level is not None)  # headings bold, as offices write them
    _two_columns(document, lines[closing:-2], lines[-2:])
    document.save(str(path))
    return path


def plan_html(lines: list[str]) -> str:
    """The same document as a page to print: A4, first-line indents, justified, numbers as Word shows them."""
    def inline(text: str) -> str:
        out = ""
        for segment in segments_of(text):
            words = html.escape(segment.text)
            words = f"<em>{words}</em>" if segment.italic else words
            out += f"<strong>{words}</strong>" if segment.bold else words
        return out

    def cell(rows: list[str]) -> str:
        return "<td>" + "".join(f"<div>{inline(r)}</div>" for r in rows) + "</td>"

    preamble = next(i for i, line in enumerate(lines) if line.startswith("Căn cứ"))
    closing = next(i for i, line in enumerate(lines) if line.startswith("Nơi nhận"))
    number, place_date, title = lines[:preamble]
    body = "".join(f"<p{' class=h' if HEADING.match(line) else ''}>{inline(line)}</p>" for line in lines[preamble:closing])
    return f"""<!doctype html><html lang="vi"><meta charset="utf-8"><style>
      @page {{ size: A4; margin: 20mm 15mm 20mm 30mm; }}
      body {{ font: 13pt/1.4 "Liberation Serif", serif; margin: 0; }}
      p {{ margin: 0 0 3pt; text-indent: 1cm; text-align: justify; }}
      p.h {{ font-weight: bold; }}
      table {{ width: 100%; border-collapse: collapse; }} td {{ vertical-align: top; width: 50%; padding: 0; }}
      .head td {{ text-align: center; font-size: 10.5pt; }} .head td:first-child {{ width: 45%; }}
      h1 {{ font-size: 13pt; text-align: center; font-weight: normal; margin: 12pt 0; }}
      .sign td + td {{ text-align: center; }}
    </style><body>
    <table class="head"><tr>{cell([*LETTERHEAD[0], number])}{cell([*LETTERHEAD[1], place_date])}</tr></table>
    <h1>{inline(title)}</h1>{body}
    <table class="sign"><tr>{cell(lines[closing:-2])}{cell(lines[-2:])}</tr></table></body></html>"""


def print_pdf(browser, page_html: str, path: Path) -> Path:
    """Print a page to PDF in Chromium, with a running header and page numbers in the margins."""
    page = browser.new_page()
    try:
        page.set_content(page_html)
        page.pdf(path=str(path), format="A4", display_header_footer=True, prefer_css_page_size=True,
                 header_template='<div style="font-size:9pt;width:100%;text-align:center">'
                                 'Sở Văn hóa, Thể thao và Du lịch - Kế hoạch công tác dân vận</div>',
                 footer_template='<div style="font-size:9pt;width:100%;text-align:center">'
                                 'Trang <span class="pageNumber"></span>/<span class="totalPages"></span></div>')
    finally:
        page.close()
    return path


def word_numbers(path: Path) -> bool:
    """Whether a Word file's numbers live in numbering.xml only (no paragraph types "I." or "1.")."""
    document = Document(str(path))
    typed = [p.text for p in document.paragraphs if LIST_ITEM.match(p.text)]
    numbered = [p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.find(qn("w:numPr")) is not None]
    return not typed and len(numbered) > 10
