"""A plan: its header, and its source text cut into pages of headings and paragraphs, never reworded."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from ..settings import CALENDAR_NAME, PLANS_FOLDER, WHOLE_PLAN_PAGE
from ..slugs import fold
from .anchors import Anchor
from .cut import NUMBER_PREFIX, PART, SUBSECTION, Cut, cut_plan
from .loading import LINE_KEY, load_yaml
from .validation import validate

_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n")
# A plan signed before it was numbered and dated keeps the blanks: "Số: /KH-SVHTTDL", "ngày tháng 3"
_BLANK_NUMBER = re.compile(r"^[/-]")
_BLANK_DAY = re.compile(r"\bngày\s+tháng\b")


@dataclass(frozen=True)
class Block:
    kind: str  # "title" (the page's own heading), "heading" (a numbered item) or "paragraph"
    text: str  # the plan's words, with its *emphasis* marks
    anchor: Anchor  # stable id of the element on the page
    number: str | None = None  # a heading's own number, as the plan writes it ("1", "II")


@dataclass(frozen=True)
class Section:
    id: str
    file: str  # the page's path under docs/: "ke-hoach/<plan>/<file>.md"
    nav: str
    heading: str | None  # the handbook's own heading, for parts the plan leaves unheaded
    parent: str | None
    blocks: tuple[Block, ...]
    plan_id: str = ""

    @property
    def title(self) -> str:
        """The page title: the plan's heading, or the handbook's own for unheaded parts."""
        first = self.blocks[0]
        return first.text if first.kind == "title" else self.heading

    @property
    def number(self) -> str:
        """The section's numbering as a reader quotes it: "II.1", "III", or "" when unnumbered."""
        return self.id.upper().replace("-", ".") if re.fullmatch(r"[ivx]+(-\d+)?", self.id) else ""

    @property
    def short_title(self) -> str:
        """The short title without its number: "Quán triệt, học tập, tuyên truyền"."""
        return NUMBER_PREFIX.sub("", self.nav)

    @property
    def label(self) -> str:
        """How other pages refer to the section: "II.1. Quán triệt, …", or its short title."""
        return f"{self.number}. {self.short_title}" if self.number else self.nav

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind == "paragraph")


@dataclass(frozen=True)
class Plan:
    id: str  # the header file's name: the folder of the plan's pages
    kind: str  # plans of one kind are compared year to year
    title: str
    number: str  # as written, without "Số:"
    place_date: str
    department: str  # the issuing body
    signer: str
    identity: tuple[str, ...]  # number, place and date, title: the blocks before the preamble
    signature: tuple[str, ...]  # the signer's title and name
    sections: tuple[Section, ...]
    issued: tuple[int, int]  # (year, month), read from the place and date
    catalogue_id: str | None = None  # the catalogue record that is this plan, if any
    line: int = 0

    def __post_init__(self):
        blocks = {block.anchor: (section, block) for section in self.sections for block in section.blocks}
        object.__setattr__(self, "_blocks", blocks)

    @property
    def folder(self) -> str:
        """The folder of the plan's pages under docs/."""
        return f"{PLANS_FOLDER}/{self.id}"

    @property
    def overview_file(self) -> str:
        """The plan's first page: its number, date, title and signer, and its sections."""
        return f"{self.folder}/index.md"

    @property
    def whole_plan_file(self) -> str:
        return f"{self.folder}/{WHOLE_PLAN_PAGE}.md"

    @property
    def calendar_file(self) -> str:
        """The plan's deadlines as a calendar (.ics), in its folder."""
        return f"{self.folder}/{CALENDAR_NAME}"

    @property
    def year(self) -> int:
        return self.issued[0]

    @property
    def blanks(self) -> tuple[str, ...]:
        """What the original leaves blank, in the words a note uses: "số", "ngày" (or nothing)."""
        return tuple(word for word, blank in (("số", _BLANK_NUMBER.match(self.number)),
                                              ("ngày", _BLANK_DAY.search(self.place_date))) if blank)

    def block(self, anchor: str) -> tuple[Section, Block]:
        """The block with this anchor, and its section (KeyError when there is none)."""
        return self._blocks[anchor]

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    def children(self, section_id: str) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.parent == section_id)


def join_page_breaks(blocks: list[str], page_breaks: list[str], shown_as: str) -> list[str]:
    """Join the sentences the source README says a page break cut in two."""
    for ending in page_breaks:
        hits = [i for i, block in enumerate(blocks[:-1]) if block.endswith(ending)]
        if len(hits) != 1:
            raise DataError(shown_as, f"đoạn kết thúc bằng '{ending}' xuất hiện {len(hits)} lần (cần đúng 1 lần)",
                            "ghi đúng phần cuối của đoạn bị ngắt trang, như trong tệp nguồn", field="page_breaks")
        i = hits[0]
        blocks[i:i + 2] = [blocks[i] + " " + blocks[i + 1]]
    return blocks


def split_source(text: str) -> list[str]:
    return [b.strip() for b in _BLOCK_SPLIT.split(text.replace("\r\n", "\n")) if b.strip()]


def read_lines(source_path: Path, source_shown: str, page_breaks: list[str], shown_as: str) -> list[str]:
    """The plan's text as lines (paragraphs, list items), page breaks joined, marks checked."""
    try:
        source = source_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(shown_as, f"không tìm thấy tệp nguồn '{source_shown}'",
                        "đặt bản Kế hoạch nguyên văn vào đúng đường dẫn 'source'", field="source") from None
    if not source.strip():
        raise DataError(shown_as, f"tệp nguồn '{source_shown}' không có nội dung",
                        "chép toàn văn Kế hoạch như đã nhận vào tệp nguồn", field="source")
    blocks = join_page_breaks(split_source(source), page_breaks, shown_as)
    # Lines inside one block (lists of duties, recipients) are separate paragraphs.
    lines = [line.strip() for block in blocks for line in block.split("\n") if line.strip()]
    for line in lines:
        if line.count("*") % 2:
            raise DataError(source_shown, f"dấu nhấn mạnh '*' không khép lại trong: {line[:60]}…",
                            "khôi phục đúng dấu '*' như bản nhận được")
    return lines


_MONTH_YEAR = re.compile(r"tháng\s+(\d{1,2})\s+năm\s+(\d{4})")


def load_plan(header_path: Path, schema_path: Path, shown_as: str) -> Plan:
    """One plan from its header (data/plans/<id>.yml) and its text, cut at its own headings."""
    header = load_yaml(header_path, shown_as)
    if not isinstance(header, dict):
        raise DataError(shown_as, "tệp trống hoặc không phải phần đầu của một Kế hoạch",
                        "ghi phần đầu theo mẫu data/plans/dan-van-2022.yml")
    validate(header, schema_path, shown_as)
    plan_id = header_path.stem
    source_shown = posixpath.normpath(f"{Path(shown_as).parent.as_posix()}/{header['source']}")
    lines = read_lines(header_path.parent / header["source"], source_shown, list(header["page_breaks"]), shown_as)
    preamble, cuts = cut_plan(lines, header, shown_as)
    identity = tuple(lines[:preamble])
    signature = tuple(lines[-header.get("signature_blocks", 2):])

    def check(field: str, found: bool, problem: str, fix: str):
        if not found:
            raise DataError(shown_as, problem, fix, field=field, line=header.get(LINE_KEY))

    plain_identity = " ".join(line.replace("*", "") for line in identity)
    for field in ("number", "place_date"):
        check(field, header[field] in plain_identity, f"'{header[field]}' không có trong phần đầu văn bản",
              "chép đúng như văn bản ghi (phần trước \"Căn cứ\")")
    check("title", bool(identity) and fold(header["title"]) in fold(identity[-1].replace("*", "")),
          f"tên '{header['title']}' không khớp tên trong văn bản ('{identity[-1] if identity else ''}')",
          "chép đúng tên Kế hoạch như văn bản ghi (chữ hoa, chữ thường không quan trọng)")
    check("signer", header["signer"] == signature[-1].replace("*", ""),
          f"người ký '{header['signer']}' không khớp dòng cuối văn bản ('{signature[-1]}')",
          "chép đúng họ tên người ký, như dòng cuối của văn bản")
    issued = _MONTH_YEAR.search(header["place_date"])
    check("place_date", issued is not None, "không đọc được tháng và năm ban hành",
          "ghi địa danh, ngày tháng năm như văn bản, có \"tháng … năm …\"")
    sections = tuple(_section(cut, lines[cut.start:cut.end], plan_id) for cut in cuts)
    return Plan(id=plan_id, kind=header["kind"], title=header["title"], number=header["number"],
                place_date=header["place_date"], department=header["issuer"], signer=header["signer"],
                identity=identity, signature=signature, sections=sections,
                issued=(int(issued.group(2)), int(issued.group(1))), catalogue_id=header.get("catalogue"),
                line=header.get(LINE_KEY) or 0)


def _section(cut: Cut, lines: list[str], plan_id: str) -> Section:
    blocks = []
    paragraph = 0
    for position, line in enumerate(lines):
        heading = PART.match(line) or SUBSECTION.match(line)
        if heading and position == 0 and not cut.heading:
            blocks.append(Block("title", line, Anchor.title(cut.id)))
        elif heading:
            number = line.split(".", 1)[0]
            blocks.append(Block("heading", line, Anchor.heading(cut.id, number.lower()), number))
        else:
            paragraph += 1
            blocks.append(Block("paragraph", line, Anchor.paragraph(cut.id, paragraph)))
    return Section(id=cut.id, file=f"{PLANS_FOLDER}/{plan_id}/{cut.file}.md", nav=cut.nav, heading=cut.heading,
                   parent=cut.parent, blocks=tuple(blocks), plan_id=plan_id)
