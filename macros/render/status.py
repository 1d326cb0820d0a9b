"""Facts found after the plan, as the reader meets them: notices, citation markers, the status page.

Always shown apart from what the plan states, each with its source and the day it was checked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model import Handbook
from ..model.catalogue import Document
from ..model.status import LATER_RELATIONS, NOT_CHECKED, STANDINGS, Evidence, LaterRelation, Note, StatusFact
from . import markdown  # a module, not names: markdown registers this module in its templates

LATER_HEADING = "Tra cứu ngoài Kế hoạch"
NOT_STATED_BY_SOURCE = "Nguồn không nêu"
BEFORE_PLAN = "trước khi Kế hoạch ban hành"  # a related document's facts come from its source, not the plan


def day(value) -> str:
    return f"{value:%d/%m/%Y}"


def evidence_text(evidence: Evidence) -> str:
    """"Nguồn: “title”, publisher (kind), where; kiểm tra ngày d/m/y" in plain text (tooltips, prints)."""
    source = evidence.source
    return (f"Nguồn: “{source.title}”, {source.publisher} ({source.kind_label}), {evidence.where}; "
            f"kiểm tra ngày {day(evidence.checked)}")


def dated_name(document: Document) -> str:
    """"Quyết định số 23-QĐ/TW ngày 30/07/2021 của Bộ Chính trị"."""
    text = document.name
    if document.date:
        text += f" ngày {document.date.display}" if document.date.month else f" {document.date.display}"
    if document.issuer:
        text += f" của {document.issuer}"
    return text


@dataclass(frozen=True)
class Fact:
    """One fact found later about a document, ready to show: what, the other document if any, evidence."""

    label: str  # "Được thay thế bởi", "Tình trạng hiệu lực: Hết hiệu lực toàn bộ từ ngày 30/07/2021"
    other: Document | None
    evidence: Evidence
    before_plan: bool = False  # the other document was issued before the plan was signed

    @property
    def text(self) -> str:
        text = f"{self.label} {dated_name(self.other)}" if self.other else self.label
        return text + (f" ({BEFORE_PLAN})" if self.before_plan else "")


def facts_about(handbook: Handbook, doc_id: str) -> list[Fact]:
    """Everything found later about a document, from its own side, relations first."""
    status = handbook.status
    catalogue = handbook.catalogue
    citing = handbook.plans_citing(doc_id)
    year, month = citing[-1].issued if citing else (0, 0)  # the first plan to cite it
    facts = [_relation_fact(r, catalogue.get(r.later), from_earlier=True, signed=(year, month, 1))
             for r in status.relations_from(doc_id)]
    facts += [_relation_fact(r, catalogue.get(r.earlier), from_earlier=False) for r in status.relations_to(doc_id)]
    if status.status(doc_id):
        facts.append(_status_fact(status.status(doc_id)))
    return facts


def _relation_fact(relation: LaterRelation, other: Document, from_earlier: bool, signed=None) -> Fact:
    labels = LATER_RELATIONS[relation.kind]
    before = bool(signed and other.date and other.date.last_day < signed)
    return Fact(labels[0] if from_earlier else labels[1], other, relation.evidence, before)


def _status_fact(fact: StatusFact) -> Fact:
    since = f" từ ngày {fact.since.display}" if fact.since and fact.since.month else ""
    return Fact(f"Tình trạng hiệu lực: {fact.label}{since}", None, fact.evidence)


def notes_for(handbook: Handbook, document: Document) -> list[Note]:
    return [n for n in handbook.status.notes if n.level and n.level == document.level]


def citation_tooltip(handbook: Handbook, document: Document) -> str:
    """The tooltip of a citation: the document's name and subject, then what was found later."""
    tooltip = markdown.document_tooltip(document)
    facts = facts_about(handbook, document.id)
    if not handbook.status.affected(document.id) or not facts:
        return tooltip
    later = "; ".join(f"{f.text} ({evidence_text(f.evidence)})" for f in facts)
    return f"{tooltip}. {LATER_HEADING}: {later}."


def appendix_line(handbook: Handbook, document: Document) -> str:
    """What a print appendix says of a document's standing, with sources, in plain text."""
    facts = facts_about(handbook, document.id)
    if not facts:
        return f"tình trạng hiệu lực {NOT_CHECKED.lower()}"
    return "; ".join(f"{f.text} ({evidence_text(f.evidence)})" for f in facts)


def standing_marker(handbook: Handbook, document: Document) -> str | None:
    """The words shown after a citation of an affected document ("đã được thay thế"), or None."""
    if not handbook.status.affected(document.id):
        return None
    return handbook.status.standing(document.id).lower()


def checked_span(handbook: Handbook) -> str:
    """"ngày 29/11/2026", or "từ ngày … đến ngày …" when the sources were checked on several days."""
    span = handbook.status.checked
    if span is None:
        return ""
    first, last = span
    return f"ngày {day(first)}" if first == last else f"từ ngày {day(first)} đến ngày {day(last)}"


def affected_documents(handbook: Handbook) -> list[Document]:
    """The documents the plan cites that were replaced, amended, continued or lost force since."""
    return [d for d in handbook.catalogue.documents if handbook.status.affected(d.id)]


def summary(handbook: Handbook, plan_id: str, page: str) -> str:
    """One line: how many of the documents a plan cites are affected, checked when."""
    cited = handbook.documents_cited_by(plan_id)
    return markdown.render("components/status_summary.md.j2", affected=[d for d in cited if handbook.status.affected(d.id)],
                           cited=cited, checked=checked_span(handbook), page=page)


def status_page(handbook: Handbook, page: str) -> str:
    """Every cited document's standing, with facts and sources; the context notes; the sources."""
    status = handbook.status
    rows = [(d, status.standing(d.id), facts_about(handbook, d.id)) for d in handbook.catalogue.documents]
    sources = {e.source.id: e.source for e in status.evidence()}
    sources.update({d.found_later.source.id: d.found_later.source for d in handbook.catalogue.later})
    return markdown.render("components/view_status.md.j2", affected=[r for r in rows if status.affected(r[0].id)],
                  other=[r for r in rows if not status.affected(r[0].id)], later=handbook.catalogue.later,
                  notes=status.notes, sources=sorted(sources.values(), key=lambda s: s.title),
                  checked=checked_span(handbook), NOT_CHECKED=NOT_CHECKED, page=page)


def standing_counts(handbook: Handbook, plan_id: str) -> list[tuple[str, int]]:
    """How many of the documents a plan cites stand each way today ("Đã được thay thế", 1), most telling
    first, "Chưa kiểm tra" last: the home page's summary, from the same standing as the table's column."""
    counts = Counter(handbook.status.standing(d.id) for d in handbook.documents_cited_by(plan_id))
    order = [label for _, label in STANDINGS] + [NOT_CHECKED]
    return [(label, counts[label]) for label in order if counts[label]]
