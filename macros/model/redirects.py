"""Addresses published before (data/redirects.yml): each must still lead to a page of a plan."""

from __future__ import annotations

from pathlib import Path

from ..errors import DataError
from ..settings import WHOLE_PLAN_PAGE as WHOLE
from .loading import LINE_KEY, load_yaml
from .plan import Plan
from .validation import validate

OVERVIEW = "index"  # page ids beside the sections': the first page, and WHOLE, the whole plan


def target_file(plan: Plan, page_id: str) -> str | None:
    """The path under docs/ of a plan's page, or None when the plan has no such page."""
    if page_id == OVERVIEW:
        return plan.overview_file
    if page_id == WHOLE:
        return plan.whole_plan_file
    return next((s.file for s in plan.sections if s.id == page_id), None)


def load_redirects(path: Path, schema_path: Path, shown_as: str, plans: tuple[Plan, ...]) -> dict[str, str]:
    """Old address → new page, both as paths under docs/ (as mkdocs-redirects takes them)."""
    data = load_yaml(path, shown_as)
    validate(data, schema_path, shown_as, fixes={"redirects": "ghi <địa chỉ cũ>.md: <id Kế hoạch>/<id trang>"},
             default_fix="ghi <địa chỉ cũ>.md: <id Kế hoạch>/<id trang>, ví dụ dan-van-2022/ii-1")
    by_id = {plan.id: plan for plan in plans}
    own = {s.file for plan in plans for s in plan.sections} | {p.overview_file for p in plans}
    mapping: dict[str, str] = {}
    for old, new in data["redirects"].items():
        if old == LINE_KEY:
            continue
        plan_id, page_id = new.split("/")
        plan = by_id.get(plan_id)
        target = target_file(plan, page_id) if plan else None
        if target is None:
            pages = ", ".join([OVERVIEW, *(s.id for s in plan.sections), WHOLE]) if plan else ""
            raise DataError(shown_as, f"địa chỉ cũ '{old}' sẽ không còn mở được: không có trang '{new}'",
                            f"trỏ tới một trang có thật: <id Kế hoạch>/<id trang> ({pages or 'Kế hoạch: ' + ', '.join(by_id)})",
                            record=old, field="redirects", line=data["redirects"].get(LINE_KEY))
        if old in own:
            raise DataError(shown_as, f"'{old}' là địa chỉ của một trang đang có", "xóa dòng này",
                            record=old, field="redirects")
        mapping[old] = target
    return mapping
