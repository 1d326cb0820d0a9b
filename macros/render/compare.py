"""A plan's overview page, and a plan beside the previous plan of its kind.

The comparison is derived, never typed: documents from the citations, sections matched by their
headings (numbers and case aside), duties and deadlines from data/duties.yml.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Handbook
from ..model.catalogue import Document
from ..model.cut import NUMBER_PREFIX
from ..model.duties import Unit
from ..model.plan import Plan, Section
from ..model.timeline import timeline
from ..slugs import fold
from . import printing, views
from .markdown import render


def overview(handbook: Handbook, plan_id: str, page: str, href) -> str:
    """`href(document)`: MkDocs' URL of a document's page, for the links inside the plan's map."""
    plan = handbook.plan(plan_id)
    units = [u for u in handbook.units if u.plan is plan]
    previous = handbook.previous(plan)
    years, undated = timeline(handbook.documents_cited_by(plan.id))
    return render("pages/plan_overview.md.j2", plan=plan, handbook=handbook, page=page, years=years,
                  undated=undated, depth=3, relation_map=views.relation_map(handbook, page, href, plan),
                  calendar=plan.calendar_file if units else None,
                  compare=printing.compare_file(plan) if previous else None, previous=previous)


def heading_key(section: Section) -> str:
    """What matches two plans' sections: the heading's words, without number, case or accents."""
    if section.heading:  # the preamble and the closing, which the handbook names itself
        return section.id
    words = NUMBER_PREFIX.sub("", section.title.replace("*", ""))
    return fold(" ".join(words.split())).strip(" .:")


@dataclass(frozen=True)
class Row:
    """One line of a side-by-side table: the older plan's item and the newer's (either may be missing)."""

    older: object | None
    newer: object | None


def _side_by_side(older: list, newer: list, key) -> list[Row]:
    """Items matched by key, in the newer plan's order; the older plan's unmatched items where they stood."""
    by_key = {key(item): item for item in older}
    matched = {key(item) for item in newer} & set(by_key)
    rows: list[Row] = []
    pending = [item for item in older]
    for item in newer:
        k = key(item)
        if k in matched:
            # the older items before its match that have no match of their own come first
            while pending and key(pending[0]) != k:
                head = pending.pop(0)
                if key(head) not in matched:
                    rows.append(Row(head, None))
            if pending:
                pending.pop(0)
            rows.append(Row(by_key[k], item))
        else:
            rows.append(Row(None, item))
    rows += [Row(item, None) for item in pending if key(item) not in matched]
    return rows


def documents(handbook: Handbook, older: Plan, newer: Plan) -> dict[str, list[Document]]:
    before = {d.id for d in handbook.documents_cited_by(older.id)}
    now = {d.id for d in handbook.documents_cited_by(newer.id)}
    return {
        "new": [d for d in handbook.documents_cited_by(newer.id) if d.id not in before],
        "dropped": [d for d in handbook.documents_cited_by(older.id) if d.id not in now],
        "both": [d for d in handbook.documents_cited_by(newer.id) if d.id in before],
    }


def comparison(handbook: Handbook, plan_id: str, page: str) -> str:
    newer = handbook.plan(plan_id)
    older = handbook.previous(newer)

    def unit_key(unit: Unit) -> str:
        return fold(unit.name)

    return render("pages/plan_compare.md.j2", newer=newer, older=older, handbook=handbook, page=page,
                  documents=documents(handbook, older, newer), standing=handbook.status.standing,
                  sections=_side_by_side(list(older.sections), list(newer.sections), heading_key),
                  units=_side_by_side([u for u in handbook.units if u.plan is older],
                                      [u for u in handbook.units if u.plan is newer], unit_key))
