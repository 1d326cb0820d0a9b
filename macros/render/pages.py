"""The Markdown of each kind of page: a plan's sections, overview and whole text, a document, the catalogue."""

from __future__ import annotations

from ..model import Handbook
from ..model.catalogue import NOT_STATED
from ..model.citations import Citation
from ..model.plan import Plan
from . import printing, status
from .markdown import link, link_title, plan_inline, render


def _context(handbook: Handbook, page: str, plan: Plan | None = None) -> dict:
    return {"handbook": handbook, "plan": plan, "catalogue": handbook.catalogue, "page": page}


def _inline(handbook: Handbook, plan: Plan, page: str):
    """The plan's words of a block, with each citation linked to its document's page."""

    def link_of(citation: Citation) -> str:
        document = handbook.catalogue.get(citation.document_id)
        target = f"({link(document.src_path, page)} {link_title(status.citation_tooltip(handbook, document))})"
        marker = status.standing_marker(handbook, document)
        # The marker is shown by CSS from the attribute, so the plan's words stay exactly as written
        return target + (f'{{ .hb-cite-marked data-hb-marker="{marker}" }}' if marker else "")

    return lambda block: plan_inline(block.text, handbook.citations_in_paragraph(plan.id, block.anchor), link_of)


def plan_section(handbook: Handbook, plan_id: str, section_id: str, page: str) -> str:
    plan = handbook.plan(plan_id)
    section = plan.section(section_id)
    parent = plan.section(section.parent) if section.parent else None
    return render("pages/plan_section.md.j2", section=section, parent=parent, inline=_inline(handbook, plan, page),
                  children=plan.children(section.id), **_context(handbook, page, plan))


def backlinks(handbook: Handbook, doc_id: str) -> list[tuple[Plan, list]]:
    """Where the plans cite a document, plan by plan (newest first): (plan, [(section, citation, quote)])."""
    by_plan: dict[str, list] = {}
    for citation in handbook.citations_of(doc_id):
        section, block = handbook.block(citation.plan_id, citation.anchor)
        by_plan.setdefault(citation.plan_id, []).append((section, citation, citation.quote(block.text)))
    return [(plan, by_plan[plan.id]) for plan in handbook.plans if plan.id in by_plan]


def document_page(handbook: Handbook, doc_id: str, page: str, neighbourhood: str = "") -> str:
    """`neighbourhood`: a small relation map (raw HTML) shown with the relations."""
    document = handbook.catalogue.get(doc_id)
    return render("pages/document.md.j2", document=document, backlinks=backlinks(handbook, doc_id),
                  outgoing=[(r, handbook.catalogue.get(r.target)) for r in document.relations],
                  incoming=handbook.catalogue.incoming(doc_id), neighbourhood=neighbourhood,
                  facts=status.facts_about(handbook, doc_id), notes=status.notes_for(handbook, document),
                  not_stated=NOT_STATED if document.cited else status.NOT_STATED_BY_SOURCE,
                  own_plan=handbook.plan_of_record(doc_id), **_context(handbook, page))


def document_index(handbook: Handbook, page: str) -> str:
    """Every document the plans cite, with the sections that cite it, plan by plan."""
    sections_citing: dict = {}
    for citation in handbook.citations:
        sections_citing.setdefault(citation.document_id, {}).setdefault((citation.plan_id, citation.section_id),
                                                                         citation)
    rows = [(d, [(handbook.plan(p), handbook.plan(p).section(s), c) for (p, s), c in sections_citing[d.id].items()])
            for d in handbook.catalogue.documents]
    return render("components/document_table.md.j2", rows=rows, many_plans=len(handbook.plans) > 1,
                  **_context(handbook, page))


def plan_contents(handbook: Handbook, plan_id: str, page: str) -> str:
    return render("components/plan_contents.md.j2", **_context(handbook, page, handbook.plan(plan_id)))


def whole_plan(handbook: Handbook, plan_id: str, page: str) -> str:
    """Every section of a plan on one page, in order, for printing (ids checked unique first)."""
    plan = handbook.plan(plan_id)
    printing.check_whole_plan_ids(plan)
    return render("pages/whole_plan.md.j2", inline=_inline(handbook, plan, page), **_context(handbook, page, plan))
