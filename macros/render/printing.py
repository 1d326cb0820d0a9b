"""Printed handouts: how a printed page names itself, its appendix, and the whole plan on one page.

Plain Python, no MkDocs import. The print stylesheet is docs/assets/stylesheets/print.css.
"""

from __future__ import annotations

import re
from collections import Counter

from ..errors import DataError
from ..model.plan import Plan, Section
from ..settings import PLANS_DIR, shown

# How the page with every section of the plan, in order, for printing, names itself
HANDBOOK_NAME = "Sổ tay Kế hoạch công tác dân vận"
WHOLE_PLAN_TITLE = "Toàn văn Kế hoạch"
WHOLE_PLAN_NAV = "Toàn văn (để in)"
OVERVIEW_NAV = "Thông tin chung"
PART_OVERVIEW_NAV = "Tổng quan"
COMPARE_NAV = "So sánh với năm"
COMPARE_PAGE = "so-sanh"
WHOLE_PLAN_LINK = "Toàn văn Kế hoạch (để in)"
# Ids the whole-plan page adds to the plan's own anchors.
WHOLE_PLAN_OWN_IDS = ("ke-hoach", "van-ban-duoc-vien-dan")

_UPPER_WORD = re.compile(r"^\w+$")
# Beside a number or day the plan leaves blank, so the gap does not look like a fault of the handbook
BLANK = "để trống trong bản gốc"


def blank_note(plan: Plan, *parts: str) -> str:
    """"số để trống trong bản gốc" for the given parts ("số", "ngày") the plan leaves blank; "" if none."""
    blank = [part for part in parts if part in plan.blanks]
    return f"{' và '.join(blank)} {BLANK}" if blank else ""


def compare_file(plan: Plan) -> str:
    """A plan's page beside the previous plan of its kind."""
    return f"{plan.folder}/{COMPARE_PAGE}.md"


def plan_name(plan: Plan) -> str:
    """The plan's name as a sentence: "KẾ HOẠCH **Thực hiện …**" → "Kế hoạch thực hiện …"."""
    words = plan.identity[-1].replace("*", "").split()
    lead = []
    while words and _UPPER_WORD.match(words[0]) and words[0].isupper():
        lead.append(words.pop(0))
    if not lead or not words:
        return " ".join(lead + words)
    rest = " ".join(words)
    return " ".join(lead).capitalize() + " " + rest[0].lower() + rest[1:]


def section_caption(section: Section) -> str:
    """How a printed section names itself under the plan's name: "Mục II.1. Quán triệt, …"."""
    return f"Mục {section.label}"


def heading_depth(section: Section) -> int:
    """The heading level of a section's title on the whole-plan page (the plan's title is level 1)."""
    return 3 if section.parent else 2


def appendix_id(section: Section | None) -> str:
    """The id of the appendix heading: one per section page, one on the whole-plan page."""
    return f"{section.id}-van-ban-duoc-vien-dan" if section else "van-ban-duoc-vien-dan"


def whole_plan_ids(plan: Plan) -> list[str]:
    """Every id the whole-plan page gives an element, in page order (the plan's anchors, plus its own)."""
    ids = [WHOLE_PLAN_OWN_IDS[0]]
    for section in plan.sections:
        if section.heading:
            ids.append(section.id)
        ids += [block.anchor for block in section.blocks]
    return [*ids, WHOLE_PLAN_OWN_IDS[1]]


def check_whole_plan_ids(plan: Plan) -> None:
    """Stop the build if two elements of the whole-plan page would share an id."""
    repeated = sorted(i for i, n in Counter(whole_plan_ids(plan)).items() if n > 1)
    if repeated:
        raise DataError(shown(f"{PLANS_DIR}/{plan.id}.yml"),
                        f"trang toàn văn sẽ có id bị trùng: {', '.join(repeated)}",
                        "đặt cho mỗi trang một id riêng, không trùng với id của đề mục khác", field="id")


