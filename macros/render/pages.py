"""The Markdown of each kind of page: a plan section, a document, the whole plan, the catalogue."""

from __future__ import annotations

from ..model import Handbook
from ..model.catalogue import NOT_STATED
from ..model.citations import Citation
from . import printing, status
from .markdown import link, link_title, plan_inline, render


def _context(handbook: Handbook, page: str) -> dict:
    return {"handbook": handbook, "plan": handbook.plan, "catalogue": handbook.catalogue, "page": page}


def _inline(handbook: Handbook, page: str):
    """The plan's words of a block, with each citation linked to its document's page."""

    def link_of(citation: Citation) -> str:
        document = handbook.catalogue.get(citation.document_id)
        target = f"({link(document.src_path, page)} {link_title(status.citation_tooltip(handbook, document))})"
        marker = status.standing_marker(handbook, document)
        # The marker is shown by CSS from the attribute, so the plan's words stay exactly as written
        return target + (f'{{ .hb-cite-marked data-hb-marker="{marker}" }}' if marker else "")

    return lambda block: plan_inline(block.text, handbook.citations_in_paragraph(block.anchor), link_of)


def plan_section(handbook: Handbook, section_id: str, page: str) -> str:
    section = handbook.plan.section(section_id)
    parent = handbook.plan.section(section.parent) if section.parent else None
    return render("pages/plan_section.md.j2", section=section, parent=parent, inline=_inline(handbook, page),
                  children=handbook.plan.children(section.id), **_context(handbook, page))


def document_page(handbook: Handbook, doc_id: str, page: str, neighbourhood: str = "") -> str:
    """`neighbourhood`: a small relation map (raw HTML) shown with the relations."""
    document = handbook.catalogue.get(doc_id)
    backlinks = []
    for citation in handbook.citations_of(doc_id):
        section, block = handbook.block(citation.anchor)
        backlinks.append((section, citation, citation.quote(block.text)))
    return render("pages/document.md.j2", document=document, backlinks=backlinks,
                  outgoing=[(r, handbook.catalogue.get(r.target)) for r in document.relations],
                  incoming=handbook.catalogue.incoming(doc_id), neighbourhood=neighbourhood,
                  facts=status.facts_about(handbook, doc_id), notes=status.notes_for(handbook, document),
                  not_stated=NOT_STATED if document.cited else status.NOT_STATED_BY_SOURCE,
                  **_context(handbook, page))


def document_index(handbook: Handbook, page: str) -> str:
    sections_citing: dict = {}
    for citation in handbook.citations:
        sections_citing.setdefault(citation.document_id, {}).setdefault(citation.section_id, citation)
    rows = [(d, [(handbook.plan.section(s), c) for s, c in sections_citing.get(d.id, {}).items()])
            for d in handbook.catalogue.documents]
    return render("components/document_table.md.j2", rows=rows, **_context(handbook, page))


def plan_identity(handbook: Handbook, page: str) -> str:
    return render("components/plan_identity.md.j2", **_context(handbook, page))


def plan_contents(handbook: Handbook, page: str) -> str:
    return render("components/plan_contents.md.j2", **_context(handbook, page))


def whole_plan(handbook: Handbook, page: str) -> str:
    """Every section of the plan on one page, in order, for printing (ids checked unique first)."""
    printing.check_whole_plan_ids(handbook.plan)
    return render("pages/whole_plan.md.j2", inline=_inline(handbook, page), **_context(handbook, page))
