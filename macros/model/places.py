"""Where the plan's words say something: its text with the marks removed, and quotes cut from it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..settings import IDENTITY_ANCHOR
from .anchors import Anchor
from .plan import Block, Plan, Section

if TYPE_CHECKING:
    from collections.abc import Iterable

IDENTITY_LABEL = "Số, ngày và tên Kế hoạch"


def plain(text: str) -> str:
    """The plan's words as a reader sees them: emphasis marks and a leading list dash removed."""
    text = text.replace("*", "")
    return text[2:] if text.startswith("- ") else text


def plain_offsets(text: str) -> tuple[str, list[int]]:
    """The text without "*" marks, and for each source offset its offset in that text."""
    out, offsets = [], []
    for char in text:
        offsets.append(len(out))
        if char != "*":
            out.append(char)
    offsets.append(len(out))
    return "".join(out), offsets


def excerpt(text: str, start: int, end: int, width: int) -> tuple[str, str, str]:
    """(before, words, after): text[start:end] with up to `width` characters of context on each
    side, cut at word boundaries, emphasis marks removed from the context."""
    before, after = text[max(0, start - width):start], text[end:end + width]
    if start > width:
        before = "…" + before.split(" ", 1)[-1]
    if end + width < len(text):
        after = after.rsplit(" ", 1)[0] + "…"
    return before.replace("*", ""), text[start:end], after.replace("*", "")


@dataclass(frozen=True)
class Place:
    """A paragraph (or heading) of a section page; or, with no section, the plan's identity lines."""

    plan: Plan
    section: Section | None
    anchor: str
    quote: tuple[str, str, str]

    @property
    def page(self) -> str:
        return self.section.file if self.section else self.plan.overview_file

    @property
    def label(self) -> str:
        if self.section is None:
            return IDENTITY_LABEL
        number = Anchor(self.anchor).paragraph_number
        return f"{self.section.label}, đoạn {number}" if number else self.section.label


def plan_units(plan: Plan) -> list[tuple[Section | None, Block | None, str]]:
    """Every piece of a plan's text: (section, block, plain text); the identity lines have no section."""
    units: list = [(None, None, line.replace("*", "")) for line in plan.identity]
    for section in plan.sections:
        units += [(section, block, block.text.replace("*", "")) for block in section.blocks]
    return units


QUOTE_WIDTH = 60  # characters of context on each side of a phrase found in the plan


def find_places(plans: tuple[Plan, ...], phrases: str | Iterable[str], whole_word: bool = False) -> list[Place]:
    """Every paragraph whose text (marks removed) contains one of the phrases: plan by plan, in each
    plan's order, once."""
    phrases = [phrases] if isinstance(phrases, str) else list(phrases)
    body = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{body})\b" if whole_word else f"(?:{body})")
    places, seen = [], set()
    for plan in plans:
        for section, block, text in plan_units(plan):
            anchor = block.anchor if block else IDENTITY_ANCHOR
            match = pattern.search(text)
            if match and (plan.id, anchor) not in seen:
                seen.add((plan.id, anchor))
                places.append(Place(plan, section, anchor, excerpt(text, match.start(), match.end(), QUOTE_WIDTH)))
    return places
