"""What the search finds, taken from the model (never from the built HTML): one record per document,
per paragraph or heading of a plan section, per abbreviation.

A record has the fields it is searched by (each a text, with a weight per kind of record) and its
card: what a result shows, plain text. Navigation, button labels and diagram text never enter a
record: only the catalogue, the plan's own words and the glossary do.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from macros import settings
from macros.model import Handbook
from macros.model.catalogue import Document
from macros.model.plan import Plan, Section
from macros.render.status import facts_about

# The kinds of record, in the order their records are numbered, and each field's weight: a word in
# a document's number counts 10 times a word of its issuer or status, a section's heading 4 times its text.
FIELDS = {
    "document": (("name", 10), ("subject", 6), ("about", 2)),
    "section": (("heading", 4), ("text", 1)),
    "glossary": (("term", 10), ("definition", 3)),
}
# A document no plan cites (found later, e.g. the one that repealed a cited document) counts less
# than one the plans cite: the handbook is a reference to what the plans cite
LATER_WEIGHT = 0.7
_EMPHASIS = re.compile(r"\*+")


@dataclass(frozen=True)
class Record:
    kind: str  # a key of FIELDS
    fields: tuple[str, ...]  # the texts searched, in the order of FIELDS[kind]
    card: dict  # what the result shows
    group: str  # records of one group make one result (the paragraphs of one section)
    plans: tuple[int, ...]  # the plans (index in Handbook.plans) it belongs to or is cited by
    weight: float = 1.0  # how much its words count, against other records of its kind


def page_url(src_path: str, directory_urls: bool) -> str:
    """The address of a page, relative to the site root, as MkDocs writes it."""
    stem = src_path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if posixpath.basename(stem) == "index":
        return posixpath.dirname(stem) + "/" if posixpath.dirname(stem) else ""
    return stem + "/"


def plain(text: str) -> str:
    """The plan's words without its *emphasis* marks."""
    return _EMPHASIS.sub("", text)


def document_records(handbook: Handbook, directory_urls: bool) -> list[Record]:
    indices = {plan.id: i for i, plan in enumerate(handbook.plans)}
    records = []
    # By type, then number: the documents a query finds together ("chi thi …") share card files
    for document in sorted(handbook.catalogue.all, key=lambda d: (d.type, d.number or "", d.id)):
        citing = handbook.plans_citing(document.id)
        standing = handbook.status.standing(document.id)
        facts = [fact.text for fact in facts_about(handbook, document.id)]
        status = facts[0] if facts and handbook.status.affected(document.id) else standing
        date = document.date.display if document.date else None
        card = {"url": page_url(document.src_path, directory_urls), "title": document.name,
                "type": document.type, "number": document.number, "subject": document.subject,
                "date": date, "issuer": document.issuer, "status": status,
                "plans_citing": len(citing)}
        about = [document.issuer or "", date or "", document.term or "", standing, *facts]
        records.append(Record("document", (_names(document), document.subject or "", " ; ".join(about)),
                              card, document.id, tuple(indices[p.id] for p in citing),
                              1.0 if citing else LATER_WEIGHT))
    return records


def _names(document: Document) -> str:
    """Every way the document is named: "Chỉ thị số 16/CT-TTg", each spelling, the plan's citing words."""
    return " ; ".join(dict.fromkeys([document.name, *document.citing_phrases]))


def section_records(handbook: Handbook, directory_urls: bool) -> list[Record]:
    records = []
    for index, plan in enumerate(handbook.plans):
        for section in plan.sections:
            records += _section_records(plan, index, section, directory_urls)
    return records


def _section_records(plan: Plan, index: int, section: Section, directory_urls: bool) -> list[Record]:
    heading = plain(f"{section.number} {section.title}".strip())  # searched: the plan's own heading
    url = page_url(section.file, directory_urls)
    blocks = [b for b in section.blocks if b.kind != "title"] or list(section.blocks[:1])
    records = []
    for block in blocks:
        text = plain(block.text)
        card = {"url": f"{url}#{block.anchor}", "anchor": str(block.anchor), "plan": index,
                "section_number": section.number, "section_title": plain(section.short_title),
                "title": plain(section.label), "paragraph": text}
        records.append(Record("section", (heading, text), card, f"{plan.id}/{section.id}", (index,)))
    return records


def glossary_records(handbook: Handbook, directory_urls: bool) -> list[Record]:
    url = page_url(settings.GLOSSARY_PAGE, directory_urls)
    return [Record("glossary", (entry.abbr, entry.meaning),
                   {"url": url, "title": entry.abbr, "term": entry.abbr, "definition": entry.meaning},
                   f"glossary/{entry.abbr}", ()) for entry in handbook.glossary]


def all_records(handbook: Handbook, directory_urls: bool) -> list[Record]:
    """Every record, numbered in this order: documents, then sections plan by plan, then the glossary."""
    return (document_records(handbook, directory_urls) + section_records(handbook, directory_urls)
            + glossary_records(handbook, directory_urls))
