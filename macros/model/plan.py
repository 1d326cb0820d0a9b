"""The plan's source text, cut into pages of headings and paragraphs, never reworded."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from .anchors import Anchor
from .loading import LINE_KEY, load_yaml
from .validation import validate

_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n")
_PART_HEADING = re.compile(r"^[IVX]+\.\s")
_ITEM_HEADING = re.compile(r"^\d+\.\s")


@dataclass(frozen=True)
class Block:
    kind: str  # "title" (the page's own heading), "heading" (a numbered item) or "paragraph"
    text: str  # the plan's words, with its *emphasis* marks
    anchor: Anchor  # stable id of the element on the page
    number: str | None = None  # a heading's own number, as the plan writes it ("1", "II")


@dataclass(frozen=True)
class Section:
    id: str
    file: str
    nav: str
    heading: str | None  # the handbook's own heading, for parts the plan leaves unheaded
    parent: str | None
    blocks: tuple[Block, ...]

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
    def label(self) -> str:
        """How other pages refer to the section: "II.1. Quán triệt, …", or its short title."""
        short = re.sub(r"^([IVX]+|\d+)\.\s*", "", self.nav)
        return f"{self.number}. {short}" if self.number else self.nav

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind == "paragraph")


@dataclass(frozen=True)
class Plan:
    department: str  # the issuing Department, as the handbook's brief names it
    identity: tuple[str, ...]  # number, place and date, title: the blocks before the first page
    signature: tuple[str, ...]  # the signer's title and name
    sections: tuple[Section, ...]
    issued: tuple[int, int]  # (year, month)

    def __post_init__(self):
        blocks = {block.anchor: (section, block) for section in self.sections for block in section.blocks}
        object.__setattr__(self, "_blocks", blocks)

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


def load_plan(plan_path: Path, schema_path: Path, shown_as: str) -> Plan:
    config = load_yaml(plan_path, shown_as)
    validate(config, schema_path, shown_as, list_key="pages")
    source_path = plan_path.parent / config["source"]
    source_shown = f"{Path(shown_as).parent.as_posix()}/{config['source']}"
    try:
        source = source_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(shown_as, f"không tìm thấy tệp nguồn '{source_shown}'",
                        "đặt bản Kế hoạch nguyên văn vào đúng đường dẫn 'source'", field="source") from None
    blocks = join_page_breaks(split_source(source), list(config["page_breaks"]), shown_as)
    # Lines inside one block (lists of duties, recipients) are separate paragraphs.
    units = [line.strip() for block in blocks for line in block.split("\n") if line.strip()]
    for unit in units:
        if unit.count("*") % 2:
            raise DataError(source_shown, f"dấu nhấn mạnh '*' không khép lại trong: {unit[:60]}…",
                            "khôi phục đúng dấu '*' như bản nhận được")

    pages = config["pages"]
    ids = [p["id"] for p in pages]
    starts: list[int] = []
    cursor = 0
    for page in pages:
        if ids.count(page["id"]) > 1:
            raise DataError(shown_as, "id trang bị trùng", "đặt cho mỗi trang một id riêng",
                            record=page["id"], field="id", line=page[LINE_KEY])
        if page.get("parent") and page["parent"] not in ids:
            raise DataError(shown_as, f"trang cha '{page['parent']}' không tồn tại", "sửa 'parent' thành id của một trang",
                            record=page["id"], field="parent", line=page[LINE_KEY])
        found = next((i for i in range(cursor, len(units)) if units[i].startswith(page["starts_with"])), None)
        if found is None:
            raise DataError(shown_as, f"không tìm thấy đoạn bắt đầu bằng '{page['starts_with']}' sau trang trước",
                            "ghi đúng nguyên văn phần đầu đoạn mở đầu trang, theo thứ tự của Kế hoạch",
                            record=page["id"], field="starts_with", line=page[LINE_KEY])
        starts.append(found)
        cursor = found + 1

    sections = []
    for index, page in enumerate(pages):
        end = starts[index + 1] if index + 1 < len(pages) else len(units)
        sections.append(_section(page, units[starts[index]:end]))
    signature = tuple(units[-config["signature_blocks"]:])
    year, month = (int(p) for p in config["issued"].split("-"))
    return Plan(department=config["department"], identity=tuple(units[:starts[0]]), signature=signature, sections=tuple(sections),
                issued=(year, month))


def _section(page: dict, units: list[str]) -> Section:
    blocks = []
    paragraph = 0
    for position, unit in enumerate(units):
        heading = _PART_HEADING.match(unit) or _ITEM_HEADING.match(unit)
        if heading and position == 0 and not page.get("heading"):
            blocks.append(Block("title", unit, Anchor.title(page["id"])))
        elif heading:
            number = unit.split(".", 1)[0]
            blocks.append(Block("heading", unit, Anchor.heading(page["id"], number.lower()), number))
        else:
            paragraph += 1
            blocks.append(Block("paragraph", unit, Anchor.paragraph(page["id"], paragraph)))
    return Section(id=page["id"], file=page["file"], nav=page["nav"], heading=page.get("heading"),
                   parent=page.get("parent"), blocks=tuple(blocks))
