"""The pages the build generates and the plan's place in the navigation, from the model."""

from __future__ import annotations

import json

from ..model import Handbook
from ..settings import PLAN_NAV_PLACEHOLDER, WHOLE_PLAN_FILE
from . import printing
from .calendar import calendar_file


def generated_pages(handbook: Handbook) -> list[tuple[str, str | bytes]]:
    """(path under docs/, content) for every plan section, every catalogued document, the whole
    plan and the deadlines calendar. Pages are Markdown that calls the macros of macros/__init__.py."""
    generated: list = [(s.file, f'{{{{ plan_section("{s.id}") }}}}\n') for s in handbook.plan.sections]
    # The front matter gives the browser tab and search result the document's name (not its file name)
    generated += [(d.src_path, f'---\ntitle: {json.dumps(d.name, ensure_ascii=False)}\n---\n\n'
                               f'{{{{ document_page("{d.id}") }}}}\n') for d in handbook.catalogue.all]
    generated.append((WHOLE_PLAN_FILE, printing.whole_plan_page()))
    generated.append(calendar_file(handbook))
    return generated


def plan_nav(handbook: Handbook) -> list:
    nav: list = []
    groups: dict[str, list] = {}
    for section in handbook.plan.sections:
        entry = {section.nav: section.file}
        if section.parent:
            groups[section.parent].append(entry)
        elif handbook.plan.children(section.id):
            groups[section.id] = [{"Tổng quan": section.file}]
            nav.append({section.nav: groups[section.id]})
        else:
            nav.append(entry)
    nav.append({printing.WHOLE_PLAN_NAV: WHOLE_PLAN_FILE})  # the whole plan, to print
    return nav


def expand_nav(nav: list | None, handbook: Handbook) -> list | None:
    """Replace the placeholder "ke-hoach/" in mkdocs.yml's nav by the plan's pages."""
    if not nav:
        return nav
    expanded = []
    for item in nav:
        if isinstance(item, dict) and list(item.values()) == [PLAN_NAV_PLACEHOLDER]:
            expanded.append({next(iter(item)): plan_nav(handbook)})
        else:
            expanded.append(item)
    return expanded
