"""Facts found after the plan, as the reader meets them: notices, citation markers, the status page.

Always shown apart from what the plan states, each with its source and the day it was checked.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from .. import settings
from ..model import Handbook
from ..model.catalogue import Document
from ..model.lookups import ASK_THE_ISSUER, Lookup, lookups_for
from ..model.status import LATER_RELATIONS, NOT_CHECKED, STANDINGS, Evidence, LaterRelation, Note, Source, StatusFact
from . import markdown  # a module, not names: markdown registers this module in its templates

LATER_HEADING = "Tra cứu ngoài Kế hoạch"
NOT_STATED_BY_SOURCE = "Nguồn không nêu"
BEFORE_PLAN = "trước khi Kế hoạch ban hành"  # a related document's facts come from its source, not the plan
SAME_SOURCE = "như trên"


def day(value) -> str:
    return f"{value:%d/%m/%Y}"


def source_name(source: Source) -> str:
    """The site's name and the page's title: "Thư viện Pháp luật (thuvienphapluat.vn): “Quyết định …”"."""
    return f"{source.publisher}: “{source.title}”"


def outbound(url: str, text: str, title: str | None = None) -> str:
    """A link off the intranet, on purpose and marked so (Markdown-safe inline HTML). Nothing is
    fetched until the reader follows it; print shows its address."""
    tooltip = f' title="{html.escape(title)}"' if title else ""
    return (f'<a class="{settings.OUTBOUND_CLASS}" href="{html.escape(url)}" rel="{settings.OUTBOUND_REL}"{tooltip}>'
            f"{markdown.md_text(text)}</a>")


def _evidence(evidence: Evidence, name: str, where: str) -> str:
    return f"Nguồn: {name} ({evidence.source.kind_label}), {where}; kiểm tra ngày {day(evidence.checked)}"


def evidence_text(evidence: Evidence, again: bool = False) -> str:
    """"Nguồn: site: “title” (kind), where; kiểm tra ngày d/m/y" in plain text (tooltips, prints); "như
    trên" for a source just named in full (`again`), which keeps a notice short on a phone."""
    if again:
        return f"Nguồn: {SAME_SOURCE}, {evidence.where}; kiểm tra ngày {day(evidence.checked)}"
    return _evidence(evidence, source_name(evidence.source), evidence.where)


def evidence_markdown(evidence: Evidence, again: bool = False) -> str:
    """The same words as evidence_text, the source a link to its page."""
    if again:
        return markdown.md_text(evidence_text(evidence, again))
    return _evidence(evidence, outbound(evidence.source.address, source_name(evidence.source)),
                     markdown.md_text(evidence.where))


class Named:
    """The sources one box or list has named in full: naming one again reads "như trên"."""

    def __init__(self):
        self._ids: set[str] = set()

    def again(self, evidence: Evidence) -> bool:
        """Whether this evidence's source was named before; from now on it is."""
        seen = evidence.source.id in self._ids
        self._ids.add(evidence.source.id)
        return seen


def _with_sources(facts: list[Fact], linked: bool) -> str:
    """"fact (Nguồn: …); fact (Nguồn: như trên, …)": each source named in full once."""
    parts, named = [], Named()
    for fact in facts:
        again = named.again(fact.evidence)
        if linked:
            parts.append(f"{markdown.md_text(fact.text)} ({evidence_markdown(fact.evidence, again)})")
        else:
            parts.append(f"{fact.text} ({evidence_text(fact.evidence, again)})")
    return "; ".join(parts)


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
    return f"{tooltip}. {LATER_HEADING}: {_with_sources(facts, linked=False)}."


def appendix_line(handbook: Handbook, document: Document, linked: bool = False) -> str:
    """What a print appendix says of a document's standing, with sources: plain text, or Markdown
    with each source a link (`linked`), whose address print shows."""
    facts = facts_about(handbook, document.id)
    if not facts:
        return f"tình trạng hiệu lực {NOT_CHECKED.lower()}"
    return _with_sources(facts, linked)


@dataclass(frozen=True)
class Recheck:
    """Where a reader checks a document's standing today, and what the handbook's own is worth."""

    lookups: list[Lookup]
    otherwise: str  # when no public database is known
    as_of: str  # "" when the handbook has not checked it


def recheck(handbook: Handbook, document: Document) -> Recheck:
    checked = handbook.status.last_checked(document.id)
    as_of = f"Hiện trạng trên đúng theo nguồn kiểm tra ngày {day(checked)}, có thể đã đổi sau đó." if checked else ""
    return Recheck(lookups_for(document), ASK_THE_ISSUER, as_of)


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


def standing_counts(handbook: Handbook, documents: list[Document]) -> list[tuple[str, int]]:
    """How many of these documents stand each way ("Đã được thay thế", 1), most telling first; none left out."""
    standings = [handbook.status.standing(d.id) for d in documents]
    order = [label for _, label in STANDINGS] + [NOT_CHECKED]
    return [(label, standings.count(label)) for label in order if label in standings]


def summary(handbook: Handbook, plan_id: str, page: str) -> str:
    """One line: how many of the documents a plan cites stand each way, checked when."""
    cited = handbook.documents_cited_by(plan_id)
    affected = [d for d in cited if handbook.status.affected(d.id)]
    counts = standing_counts(handbook, cited)
    changed = {handbook.status.standing(d.id) for d in affected}
    return markdown.render("components/status_summary.md.j2", affected=affected, cited=cited,
                           changed=[c for c in counts if c[0] in changed],
                           unchanged=[c for c in counts if c[0] not in changed],
                           checked=checked_span(handbook), page=page)


def status_page(handbook: Handbook, page: str) -> str:
    """Every cited document's standing, with facts and sources; the context notes; the sources."""
    status = handbook.status
    rows = [(d, status.standing(d.id), facts_about(handbook, d.id)) for d in handbook.catalogue.documents]
    sources = {e.source.id: e.source for e in status.evidence()}
    sources.update({d.found_later.source.id: d.found_later.source for d in handbook.catalogue.later})
    return markdown.render("components/view_status.md.j2", affected=[r for r in rows if status.affected(r[0].id)],
                  other=[r for r in rows if not status.affected(r[0].id)], outside=handbook.catalogue.later,
                  notes=status.notes, sources=sorted(sources.values(), key=lambda s: s.title),
                  checked=checked_span(handbook), NOT_CHECKED=NOT_CHECKED, page=page)
