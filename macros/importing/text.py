"""Plain text as the handbook's source: paragraphs, and the sentences a page break cut in two.

A page break stays in the source as it was received (the end of one paragraph, the rest in the
next); the plan's header lists the end of the first half in `page_breaks` and the build joins the
two (macros/model/plan.py). This module finds such cuts in a text file and names each one by an
end that no other paragraph has.
"""

from __future__ import annotations

import re

from ..model.cut import CLOSING, PART, PREAMBLE, SUBSECTION
from ..model.plan import split_source

# A paragraph that opens a list item or a heading starts something new: "- ", "+ ", "1. ", "a) ", "II. "
NEW_ITEM = re.compile(r"^(?:[-+•–]\s|\d+[.)]\s|[a-zđ][).]\s|[IVXLC]+\.\s)")
# How a finished sentence or item ends (a quotation's closing mark too)
SENTENCE_END = re.compile(r"[.:;!?”\"')…]\**$")
MIN_ENDING_WORDS = 4


def continues(first: str, second: str) -> bool:
    """Whether a paragraph ending with `first` runs on in the next one, starting with `second`."""
    if first.rstrip().endswith(",") and not second[:1].islower():  # a list of grounds, one per paragraph
        return False
    return not (SENTENCE_END.search(first.rstrip()) or NEW_ITEM.match(second) or PART.match(second)
                or SUBSECTION.match(second) or CLOSING.match(second) or PREAMBLE.match(second)
                or PART.match(first) or SUBSECTION.match(first))


def suspected_breaks(blocks: list[str]) -> list[int]:
    """Indexes of the body's paragraphs that end mid-sentence and run on in the next paragraph."""
    start = next((i for i, b in enumerate(blocks) if PREAMBLE.match(b)), len(blocks))
    end = next((i for i in range(start, len(blocks)) if CLOSING.match(blocks[i])), len(blocks))
    return [i for i in range(start, end - 1)
            if continues(blocks[i].split("\n")[-1], blocks[i + 1].split("\n")[0])]


def unique_ending(blocks: list[str], index: int) -> str:
    """The shortest end of blocks[index], of at least a few words, that no other paragraph ends with."""
    words = blocks[index].split(" ")
    for count in range(min(MIN_ENDING_WORDS, len(words)), len(words) + 1):
        ending = " ".join(words[-count:])
        if sum(b.endswith(ending) for b in blocks[:-1]) == 1:
            return ending
    return blocks[index]


def read_text_blocks(text: str) -> tuple[list[str], list[str], list[str]]:
    """(paragraphs, page_breaks, notes) of a plan received as plain text, its words unchanged."""
    blocks = split_source(text)
    breaks = [unique_ending(blocks, i) for i in suspected_breaks(blocks)]
    notes = [f"Đoạn kết thúc bằng '…{ending}' có vẻ bị ngắt trang giữa câu: đã ghi vào page_breaks để bản dựng "
             "nối với đoạn sau. Xóa dòng đó nếu đây thật là hai đoạn." for ending in breaks]
    return blocks, breaks, notes
