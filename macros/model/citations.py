"""Citations: where the plan's words name a catalogued document. Backlinks come from here only."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import DataError
from ..settings import CATALOGUE_FILE, shown
from .anchors import Anchor
from .catalogue import Catalogue
from .places import excerpt
from .plan import Plan

QUOTE_CONTEXT = 70  # characters of the plan's text quoted on each side of the citing words


@dataclass(frozen=True)
class Citation:
    document_id: str
    plan_id: str
    section_id: str
    anchor: Anchor  # the paragraph's anchor
    start: int  # offsets of the citing words in the paragraph's source text
    end: int
    words: str

    def quote(self, text: str) -> tuple[str, str, str]:
        """(before, words, after): the citing words with some of the paragraph's `text` around them."""
        return excerpt(text, self.start, self.end, QUOTE_CONTEXT)


def citation_pattern(catalogue: Catalogue) -> tuple[re.Pattern, dict[str, str]]:
    """One regex for every citing phrase (longest first), and phrase → document id."""
    owner: dict[str, str] = {}
    for document in catalogue.documents:
        for phrase in document.citing_phrases:
            if phrase in owner and owner[phrase] != document.id:
                raise DataError(shown(CATALOGUE_FILE), f"cụm từ viện dẫn '{phrase}' thuộc cả '{owner[phrase]}'",
                                "mỗi cụm từ viện dẫn chỉ thuộc một văn bản", record=document.id,
                                field="cited_as" if phrase in document.cited_as else "spellings", line=document.line)
            owner[phrase] = document.id
    # A phrase must not run on into a longer number ("05-KH/BCS" is not "05-KH/BCSD").
    return re.compile(rf"(?<!\w)(?:{trie_regex(owner)})(?![\w]|[-/]\w)"), owner


def trie_regex(phrases) -> str:
    """One regex for many phrases with shared prefixes factored out, longest match first.

    A flat alternation is tried phrase by phrase at every position of the text; with
    thousands of documents the trie keeps matching linear in the length of the plan.
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a phrase may end here; the greedy "?" still prefers the longer one
            return f"(?:{body})?"
        return body

    return pattern(trie)


def find_citations(plans: tuple[Plan, ...], catalogue: Catalogue,
                   shown_as: str = shown(CATALOGUE_FILE)) -> tuple[Citation, ...]:
    """Every citation in every plan, in each plan's order; each catalogued phrase must occur in one."""
    pattern, owner = citation_pattern(catalogue)
    citations = []
    for plan in plans:
        for section in plan.sections:
            for block in section.paragraphs:
                for match in pattern.finditer(block.text):
                    citations.append(Citation(owner[match.group(0)], plan.id, section.id, block.anchor,
                                              match.start(), match.end(), match.group(0)))
    found = {c.words for c in citations}
    for document in catalogue.documents:
        for phrase in document.citing_phrases:
            if phrase not in found:
                field = "cited_as" if phrase in document.cited_as else "spellings"
                raise DataError(shown_as, f"không Kế hoạch nào có cụm từ viện dẫn '{phrase}'",
                                "ghi cách viết đúng từng ký tự như trong Kế hoạch (kể cả dấu cách, chữ hoa)",
                                record=document.id, field=field, line=document.line)
    return tuple(citations)
