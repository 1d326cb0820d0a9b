"""Reading a plan as the office receives it (.docx, .pdf, .txt) into the handbook's source text.

Readers by role: encoding (legacy Vietnamese text), emphasis and numbering (Word's formatting as the
2022 source writes it), docx, pdf, text (plain text and page breaks), header (the draft header),
references and drafts (the documents a plan cites). The commands in macros/commands/ wire them up.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Reading:
    """What a reader got from a file: the plan's paragraphs and what the editor must review."""

    blocks: list[str]  # the paragraphs, as the source file holds them (a page break leaves two blocks)
    page_breaks: list[str] = field(default_factory=list)  # ends of blocks the build joins to the next
    notes: list[str] = field(default_factory=list)  # for the review list, in Vietnamese
