"""Direct and nested citations: which citations lie inside the words of another citation.

A citation runs from its citing words through its date and issuer to its subject (trích yếu),
when the plan writes the catalogued subject right there. A document all of whose citations lie
inside another citation is only named there ("Chỉ thị số 30-CT/TW" inside Kết luận 120-KL/TW).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from .catalogue import Catalogue, Document
from .citations import Citation
from .places import plain_offsets
from .plan import Plan


def citation_span_end(citation: Citation, document: Document, text: str,
                      stripped_text: tuple[str, list[int]] | None = None) -> int:
    """Where the words that belong to a citation end, as an offset in the paragraph's source text.

    The first occurrence of the subject after the citing words, with no ";" and no other citation
    in between, closes the citation; otherwise it is only the citing words themselves.
    `stripped_text`: plain_offsets(text), when the caller has it.
    """
    if not document.subject:
        return citation.end
    stripped, offsets = stripped_text or plain_offsets(text)
    start = stripped.find(document.subject, offsets[citation.end])
    if start < 0 or ";" in stripped[offsets[citation.end]:start]:
        return citation.end
    end = start + len(document.subject)
    return bisect_left(offsets, end) if end < len(stripped) else len(text)


@dataclass(frozen=True)
class Scopes:
    """For every citation, the citation whose words contain it (None when the plan cites it directly)."""

    outer: dict[Citation, Citation | None]
    cited_directly: dict[str, bool]  # document id → at least one citation is direct
    nested_in: dict[str, list[str]]  # document id → outer documents, for documents cited only inside others


def citation_scopes(plans: tuple[Plan, ...], catalogue: Catalogue,
                    by_paragraph: dict[tuple[str, str], list[Citation]]) -> Scopes:
    """Example: "Kế hoạch số 193/KH-UBND … về việc thực hiện Chỉ thị số 16/CT-TTg …": the second
    citation lies inside the first one's subject, so it is nested; the plan's other citation of
    Chỉ thị 16/CT-TTg, earlier in the same paragraph, is direct."""
    outer: dict[Citation, Citation | None] = {}
    for section in (section for plan in plans for section in plan.sections):
        for block in section.paragraphs:
            cited = by_paragraph.get((section.plan_id, block.anchor), [])
            if not cited:
                continue
            stripped_text = plain_offsets(block.text)  # once per paragraph
            spans = [(c, citation_span_end(c, catalogue.get(c.document_id), block.text, stripped_text))
                     for c in cited]
            for citation in cited:
                outer[citation] = next((o for o, end in spans
                                        if o is not citation and o.start < citation.start and citation.end <= end),
                                       None)
    direct = {d.id: False for d in catalogue.documents}
    for citation, around in outer.items():
        direct[citation.document_id] |= around is None
    nested: dict[str, list[str]] = {}
    for citation, around in outer.items():
        if around is not None and not direct[citation.document_id]:
            ids = nested.setdefault(citation.document_id, [])
            if around.document_id not in ids:
                ids.append(around.document_id)
    return Scopes(outer, direct, nested)
