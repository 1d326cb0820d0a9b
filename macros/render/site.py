"""The pages the build generates and the plans' place in the navigation, from the model."""

from __future__ import annotations

import json

from ..model import Handbook
from ..model.plan import Plan
from ..settings import PLAN_NAV_PLACEHOLDER
from . import printing
from .calendar import calendar_file


def _page(title: str, body: str, search: bool = True) -> str:
    """A generated page: front matter (the browser tab's and search result's title), then its macro."""
    front = f"title: {json.dumps(title, ensure_ascii=False)}\n"
    if not search:  # a page that repeats others' words: each paragraph is found once, on its own page
        front += "search:\n  exclude: true\n"
    return f"---\n{front}---\n\n{body}\n"


def compare_file(plan: Plan) -> str:
    return f"{plan.folder}/{printing.COMPARE_PAGE}.md"


def plan_pages(handbook: Handbook, plan: Plan) -> list[tuple[str, str | bytes]]:
    """A plan's overview, its sections, its whole text, its comparison with the previous plan, its calendar."""
    key = json.dumps(plan.id)
    pages: list = [(plan.overview_file, _page(plan.title, f"{{{{ plan_overview({key}) }}}}"))]
    pages += [(s.file, f'{{{{ plan_section({key}, "{s.id}") }}}}\n') for s in plan.sections]
    pages.append((plan.whole_plan_file, _page(f"{printing.WHOLE_PLAN_TITLE}: {plan.title}",
                                              f"{{{{ whole_plan({key}) }}}}", search=False)))
    if handbook.previous(plan):
        pages.append((compare_file(plan), _page(f"So sánh: {plan.title}", f"{{{{ plan_compare({key}) }}}}",
                                                search=False)))
    pages.append(calendar_file(handbook, plan))
    return pages


def generated_pages(handbook: Handbook) -> list[tuple[str, str | bytes]]:
    """(path under docs/, content) for every page of every plan, every catalogued document and the
    deadlines calendar of all plans. Pages are Markdown that calls the macros of macros/__init__.py."""
    generated: list = [page for plan in handbook.plans for page in plan_pages(handbook, plan)]
    generated += [(d.src_path, _page(d.name, f'{{{{ document_page("{d.id}") }}}}')) for d in handbook.catalogue.all]
    generated.append(calendar_file(handbook))
    return generated


def plan_nav(handbook: Handbook, plan: Plan) -> list:
    nav: list = [{printing.OVERVIEW_NAV: plan.overview_file}]
    groups: dict[str, list] = {}
    for section in plan.sections:
        entry = {section.nav: section.file}
        if section.parent:
            groups[section.parent].append(entry)
        elif plan.children(section.id):
            groups[section.id] = [{printing.PART_OVERVIEW_NAV: section.file}]
            nav.append({section.nav: groups[section.id]})
        else:
            nav.append(entry)
    nav.append({printing.WHOLE_PLAN_NAV: plan.whole_plan_file})  # the whole plan, to print
    previous = handbook.previous(plan)
    if previous:
        nav.append({f"{printing.COMPARE_NAV} {previous.year}": compare_file(plan)})
    return nav


def plans_nav(handbook: Handbook) -> list:
    """Every plan, newest first, with its sections beneath it."""
    return [{plan.title: plan_nav(handbook, plan)} for plan in handbook.plans]


def expand_nav(nav: list | None, handbook: Handbook) -> list | None:
    """Replace the placeholder "ke-hoach/" in mkdocs.yml's nav by the plans' pages."""
    if not nav:
        return nav
    expanded = []
    for item in nav:
        if isinstance(item, dict) and list(item.values()) == [PLAN_NAV_PLACEHOLDER]:
            expanded.append({next(iter(item)): plans_nav(handbook)})
        else:
            expanded.append(item)
    return expanded

