"""Markdown from plain text: escaping, relative links, link titles, and the Jinja environment."""

from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache
from pathlib import Path

import jinja2

from .. import settings
from ..model.catalogue import NOT_STATED, RELATION_LABELS, Document
from ..model.citations import Citation
from ..model.glossary import Abbreviation
from . import printing, status

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|#])")
_LINE_START = re.compile(r"^([-+]|\d+\.)(\s)")
_EMPHASIS = re.compile(r"(\*\*|\*)")


def md_text(value) -> str:
    """Plain text made safe inside Markdown: markup in data always shows as text."""
    text = html.escape(str(value), quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1).replace(".", "\\.").replace("-", "\\-").replace("+", "\\+")
                           + m.group(2), text)


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


def document_name(document: Document) -> str:
    """The document's name as Markdown, its number in one piece: "Kế hoạch số 01-KH/BCSD-BDVTU" never
    breaks at its "-" or "/" (the name ends with the number, Document.name)."""
    name = md_text(document.name)
    if not document.number:
        return name
    number = md_text(document.number)
    return f'{name[:-len(number)]}<span class="hb-number">{number}</span>'


def plan_inline(text: str, citations: list[Citation], link_of) -> str:
    """The plan's words as Markdown: its *emphasis* kept as HTML, each citation made a link.

    `link_of(citation)` gives what follows the link's words: "(target "title")", and any attributes.
    """
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

    for citation in sorted(citations, key=lambda c: c.start):
        out.append(words(text[position:citation.start]))
        out.append(f"[{md_text(citation.words)}]{link_of(citation)}")
        position = citation.end
    out.append(words(text[position:]))
    return "".join(out)


def abbreviation_definitions(glossary: tuple[Abbreviation, ...], markdown: str) -> str:
    """Markdown abbreviation definitions (`*[UBND]: Ủy ban nhân dân`), to append to a page of the plan:
    those of the abbreviations that occur in the page's `markdown`.

    The abbr extension turns each whole-word occurrence in the page's text into <abbr title>;
    attributes (link titles, hrefs) are never touched, so citation links stay as they are. An
    abbreviation absent from the Markdown cannot match, so leaving its definition out changes
    nothing on the page, and the extension's pattern stays short.
    """
    return "\n" + "".join(f"*[{entry.abbr}]: {entry.meaning}\n" for entry in glossary if entry.abbr in markdown)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), undefined=jinja2.StrictUndefined,
                             autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = md_text
    env.filters["title"] = link_title
    env.filters["name"] = document_name
    env.filters["plan_words"] = lambda text: plan_inline(text, [], None)
    env.globals.update(NOT_STATED=NOT_STATED, RELATION_LABELS=RELATION_LABELS, link=link,
                       tooltip=document_tooltip, printing=printing, settings=settings,
                       later=status)
    return env


def render(template: str, **context) -> str:
    """A template under macros/templates/ ("pages/…" or "components/…") rendered to Markdown."""
    return _environment().get_template(template).render(**context)
