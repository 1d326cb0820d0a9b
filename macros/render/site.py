"""The pages the build generates, rendered to Markdown, and the plans' place in the navigation, from the model."""

from __future__ import annotations

import json
from collections.abc import Callable

from ..model import Handbook
from ..model.catalogue import Document
from ..model.glossary import Abbreviation
from ..model.plan import Plan
from ..settings import PLAN_NAV_PLACEHOLDER
from . import compare, printing, views
from . import pages as pages_
from .calendar import calendar_file
from .markdown import abbreviation_definitions
from .views import Href

# A generated page's Markdown, given how it reaches a document's page (MkDocs' URL, for links inside SVG)
PageMarkdown = Callable[[Href], str]


def _page(body: Callable[[Href], str], title: str | None = None, search: bool = True,
          glossary: tuple[Abbreviation, ...] | None = None) -> PageMarkdown:
    """A generated page: front matter (the browser tab's and search result's title), then its Markdown,
    already rendered here: mkdocs-macros leaves it as it is (`render_macros: false`), so no page
    compiles a template of its own. `glossary`: on a page of the plan's words, a tooltip on each
    abbreviation (abbr extension), defined for the abbreviations that occur on the page."""
    front = "render_macros: false\n"
    if title is not None:
        front += f"title: {json.dumps(title, ensure_ascii=False)}\n"
    if not search:  # a page that repeats others' words: each paragraph is found once, on its own page
        front += "search:\n  exclude: true\n"

    def markdown(href: Href) -> str:
        text = body(href)
        if glossary is not None:
            text += abbreviation_definitions(glossary, text)
        return f"---\n{front}---\n\n{text}\n"

    return markdown


def plan_pages(handbook: Handbook, plan: Plan) -> list[tuple[str, PageMarkdown | bytes]]:
    """A plan's overview, its sections, its whole text, its comparison with the previous plan, its calendar."""
    glossary = handbook.glossary
    pages: list = [(plan.overview_file, _page(lambda href: compare.overview(handbook, plan.id, plan.overview_file, href),
                                              plan.title, glossary=glossary))]
    pages += [(s.file, _page(lambda _, s=s: pages_.plan_section(handbook, plan.id, s.id, s.file),
                             glossary=glossary)) for s in plan.sections]
    pages.append((plan.whole_plan_file, _page(lambda _: pages_.whole_plan(handbook, plan.id, plan.whole_plan_file),
                                              f"{printing.WHOLE_PLAN_TITLE}: {plan.title}", search=False,
                                              glossary=glossary)))
    if handbook.previous(plan):
        path = printing.compare_file(plan)
        pages.append((path, _page(lambda _: compare.comparison(handbook, plan.id, path),
                                  f"So sánh: {plan.title}", search=False)))
    pages.append(calendar_file(handbook, plan))
    return pages


def _document_page(handbook: Handbook, document: Document, edges_of: views.EdgesByDocument) -> PageMarkdown:
    def body(href: Href) -> str:
        return pages_.document_page(handbook, document.id, document.src_path,
                                    neighbourhood=views.neighbourhood(handbook, document.id, href, edges_of))

    return _page(body, document.name)


def generated_pages(handbook: Handbook) -> list[tuple[str, PageMarkdown | bytes]]:
    """(path under docs/, content) for every page of every plan, every catalogued document and the
    deadlines calendar of all plans. A page's content is its Markdown given `href` (see PageMarkdown)."""
    generated: list = [page for plan in handbook.plans for page in plan_pages(handbook, plan)]
    edges_of = views.edges_by_document(handbook)
    generated += [(d.src_path, _document_page(handbook, d, edges_of)) for d in handbook.catalogue.all]
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
        nav.append({f"{printing.COMPARE_NAV} {previous.year}": printing.compare_file(plan)})
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

