"""Section IV's duties, unit by unit (data/duties.yml), and the deadlines read from their words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import DataError
from ..slugs import slugify
from .loading import LINE_KEY, load_yaml
from .places import plain
from .plan import Block, Plan, Section
from .validation import validate

FIXES = {
    "plan": "ghi id của một Kế hoạch (tên tệp trong data/plans/, không có .yml)",
    "heading": "ghi neo của đề mục nêu tên đơn vị trong mục IV, ví dụ \"iv-1\"",
    "paragraph": "ghi neo của đoạn Kế hoạch, dạng \"iv-doan-<số>\", ví dụ \"iv-doan-7\"",
    "quote": "chép nguyên văn nhiệm vụ từ Kế hoạch, văn bản thuần trên một dòng",
    "duties": "liệt kê ít nhất một nhiệm vụ: - paragraph: iv-doan-1 / quote: \"…\"",
}
_DEADLINE = re.compile(r"(?<!\w)ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})(?!\w)")


@dataclass(frozen=True)
class Duty:
    block: Block  # the plan's paragraph
    quote: str  # the plan's words
    deadline: date | None  # read from the quote ("trước ngày 10/3/2022")


@dataclass(frozen=True)
class Unit:
    plan: Plan
    name: str  # the plan's heading, without its number: "Văn phòng Sở"
    heading: Block
    section: Section
    duties: tuple[Duty, ...]

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def anchor(self) -> str:
        """The unit's id on the duties page: units of several plans share names."""
        return f"{self.plan.id}-{self.slug}"


def paragraphs_under(section: Section, heading_anchor: str) -> list[Block]:
    """The paragraphs between a heading and the next heading of the same section."""
    blocks, inside = [], False
    for block in section.blocks:
        if block.anchor == heading_anchor:
            inside = True
        elif block.kind != "paragraph":
            inside = False
        elif inside:
            blocks.append(block)
    return blocks


def read_deadline(quote: str, shown_as: str, record: str, line: int) -> date | None:
    found = _DEADLINE.findall(quote)
    if len(found) > 1:
        raise DataError(shown_as, "một nhiệm vụ nêu nhiều hơn một thời hạn",
                        "tách thành hai nhiệm vụ, mỗi nhiệm vụ một câu có một ngày", record=record, field="quote",
                        line=line)
    if not found:
        return None
    day, month, year = (int(p) for p in found[0])
    try:
        return date(year, month, day)
    except ValueError:
        raise DataError(shown_as, f"ngày {day}/{month}/{year} trong nhiệm vụ không tồn tại",
                        "chép đúng ngày như trong Kế hoạch", record=record, field="quote", line=line) from None


def load_duties(path: Path, schema_path: Path, shown_as: str, plans: dict[str, Plan]) -> tuple[Unit, ...]:
    data = load_yaml(path, shown_as)
    validate(data, schema_path, shown_as, "units", record_name=lambda raw, n: raw.get("heading") or f"thứ {n}",
             fixes=FIXES, default_fix="sửa theo mẫu ở đầu tệp", missing_fix=None)
    units = []
    for raw in data["units"]:
        anchor, line = raw["heading"], raw[LINE_KEY]
        plan = plans.get(raw["plan"])
        if plan is None:
            raise DataError(shown_as, f"không có Kế hoạch '{raw['plan']}'", FIXES["plan"],
                            record=anchor, field="plan", line=line)
        try:
            section, heading = plan.block(anchor)
        except KeyError:
            section = heading = None
        if heading is None or heading.kind != "heading":
            raise DataError(shown_as, f"không có đề mục nào của Kế hoạch có neo '{anchor}'",
                            "ghi neo của đề mục nêu tên đơn vị, ví dụ \"iv-1\" cho \"1. Văn phòng Sở\"",
                            record=anchor, field="heading", line=line)
        name = re.sub(r"^\d+\.\s*", "", heading.text.replace("*", ""))
        under = {block.anchor: block for block in paragraphs_under(section, anchor)}
        duties = []
        for item in raw["duties"]:
            record, item_line = f"{anchor} ({name})", item[LINE_KEY]
            block = under.get(item["paragraph"])
            if block is None:
                raise DataError(shown_as, f"đoạn '{item['paragraph']}' không nằm dưới đề mục \"{heading.text}\"",
                                f"ghi neo của một đoạn dưới đề mục đó: {', '.join(under) or '(không có đoạn nào)'}",
                                record=record, field="paragraph", line=item_line)
            if item["quote"] not in plain(block.text):
                raise DataError(shown_as, f"đoạn '{block.anchor}' không có nguyên văn \"{item['quote']}\"",
                                f"chép đúng từng chữ của đoạn: \"{plain(block.text)}\"",
                                record=record, field="quote", line=item_line)
            duties.append(Duty(block, item["quote"], read_deadline(item["quote"], shown_as, record, item_line)))
        units.append(Unit(plan, name, heading, section, tuple(duties)))
    return tuple(units)


def mentions(units: tuple[Unit, ...], unit: Unit) -> list[tuple[Unit, Duty]]:
    """Duties of other units whose words name this unit ("qua Văn phòng Sở")."""
    name = unit.name.lower()
    return [(other, duty) for other in units if other is not unit and other.plan is unit.plan
            for duty in other.duties if name in duty.quote.lower()]


def deadlines(units: tuple[Unit, ...]) -> list[tuple[Unit, Duty]]:
    """Every duty with a deadline, earliest first."""
    found = [(unit, duty) for unit in units for duty in unit.duties if duty.deadline]
    return sorted(found, key=lambda pair: pair[1].deadline)
