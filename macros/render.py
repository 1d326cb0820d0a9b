"""Markdown for every page, from small Jinja templates. No MkDocs import: any generator can call it."""

from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache
from pathlib import Path

import jinja2

from . import printing
from .catalogue import NOT_STATED, RELATION_LABELS, Document
from .citations import Citation
from .model import Handbook

TEMPLATES = Path(__file__).parent / "templates"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|#])")
_LINE_START = re.compile(r"^([-+]|\d+\.)(\s)")
_EMPHASIS = re.compile(r"(\*\*|\*)")


def md_text(value) -> str:
    """Plain text made safe inside Markdown: markup in data always shows as text."""
    text = html.escape(str(value), quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1).replace(".", "\\.").replace("-", "\\-").replace("+", "\\+") + m.group(2), text)


def link(target: str, page: str, anchor: str | None = None) -> str:
    """A relative link from one page's source path to another's (MkDocs resolves and checks it)."""
    relative = posixpath.relpath(target, posixpath.dirname(page) or ".")
    return relative + (f"#{anchor}" if anchor else "")


def link_title(text: str) -> str:
    """A Markdown link title, quoted so that the tooltip text survives unchanged."""
    text = html.escape(text, quote=False)
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace('"', "“") + '"'


def document_tooltip(document: Document) -> str:
    return f"{document.name}: {document.subject}" if document.subject else document.name


def plan_inline(text: str, citations: list[Citation], handbook: Handbook, page: str) -> str:
    """The plan's words as Markdown: its *emphasis* kept, each citation linked to its document."""
    cuts = sorted(citations, key=lambda c: c.start)
    out, position, open_marks = [], 0, []

    def words(segment: str) -> str:
        parts = []
        for piece in _EMPHASIS.split(segment):
            if piece in ("*", "**"):
                tag = "em" if piece == "*" else "strong"
                if open_marks and open_marks[-1] == tag:
                    open_marks.pop()
                    parts.append(f"</{tag}>")
                else:
                    open_marks.append(tag)
                    parts.append(f"<{tag}>")
            elif piece:
                parts.append(md_text(piece))
        return "".join(parts)

    for citation in cuts:
        out.append(words(text[position:citation.start]))
        document = handbook.catalogue.get(citation.document_id)
        out.append(f"[{md_text(citation.words)}]({link(document.src_path, page)} {link_title(document_tooltip(document))})")
        position = citation.end
    out.append(words(text[position:]))
    return "".join(out)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), undefined=jinja2.StrictUndefined,
                             autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = md_text
    env.filters["title"] = link_title
    env.filters["plan_words"] = lambda text: plan_inline(text, [], None, "")
    env.globals.update(NOT_STATED=NOT_STATED, RELATION_LABELS=RELATION_LABELS, link=link,
                       tooltip=document_tooltip, printing=printing)
    return env


def render(template: str, **context) -> str:
    return _environment().get_template(template).render(**context)


def _section_context(handbook: Handbook, page: str) -> dict:
    return {"handbook": handbook, "plan": handbook.plan, "catalogue": handbook.catalogue, "page": page}


def plan_section(handbook: Handbook, section_id: str, page: str) -> str:
    section = handbook.plan.section(section_id)
    parent = handbook.plan.section(section.parent) if section.parent else None

    def inline(block) -> str:
        return plan_inline(block.text, handbook.citations_in_paragraph(block.anchor), handbook, page)

    return render("pages/plan_section.md.j2", section=section, parent=parent, inline=inline,
                  children=handbook.plan.children(section.id), **_section_context(handbook, page))


def document_page(handbook: Handbook, doc_id: str, page: str, neighbourhood: str = "") -> str:
    """`neighbourhood`: a small relation map (raw HTML) shown with the relations (issue 6)."""
    document = handbook.catalogue.get(doc_id)
    backlinks = []
    for citation in handbook.citations_of(doc_id):
        section, block = handbook.block(citation.anchor)
        backlinks.append((section, citation, citation.quote(block.text)))
    return render("pages/document.md.j2", document=document, backlinks=backlinks,
                  outgoing=[(r, handbook.catalogue.get(r.target)) for r in document.relations],
                  incoming=handbook.catalogue.incoming(doc_id), neighbourhood=neighbourhood,
                  **_section_context(handbook, page))


def document_index(handbook: Handbook, page: str) -> str:
    sections_citing = {}
    for citation in handbook.citations:
        sections_citing.setdefault(citation.document_id, {}).setdefault(citation.section_id, citation)
    rows = [(d, [(handbook.plan.section(s), c) for s, c in sections_citing.get(d.id, {}).items()])
            for d in handbook.catalogue.documents]
    return render("components/document_table.md.j2", rows=rows, **_section_context(handbook, page))


def plan_identity(handbook: Handbook, page: str) -> str:
    return render("components/plan_identity.md.j2", **_section_context(handbook, page))


def plan_contents(handbook: Handbook, page: str) -> str:
    return render("components/plan_contents.md.j2", **_section_context(handbook, page))


def whole_plan(handbook: Handbook, page: str) -> str:
    """Every section of the plan on one page, in order, for printing (ids checked unique first)."""
    printing.check_whole_plan_ids(handbook.plan, "data/plan.yml")

    def inline(block) -> str:
        return plan_inline(block.text, handbook.citations_in_paragraph(block.anchor), handbook, page)

    return render("pages/whole_plan.md.j2", inline=inline, **_section_context(handbook, page))
