"""The ids of a plan page's elements: built and read here only.

A page's title has the section's id ("ii-1"), a numbered heading "<section>-<number>" ("iv-1"),
and the n-th paragraph "<section>-doan-<n>" ("ii-1-doan-3"). Printed references and other sites
link to these ids, so the format never changes.
"""

from __future__ import annotations

import re

_PARAGRAPH = "doan"
_READ = re.compile(rf"^(?P<section>.+)-{_PARAGRAPH}-(?P<paragraph>\d+)$")


class Anchor(str):
    """An element id on a plan page; a str, so it serves as an HTML id and a dict key as it is."""

    __slots__ = ()

    @classmethod
    def title(cls, section: str) -> Anchor:
        return cls(section)

    @classmethod
    def heading(cls, section: str, number: str) -> Anchor:
        return cls(f"{section}-{number}")

    @classmethod
    def paragraph(cls, section: str, ordinal: int) -> Anchor:
        return cls(f"{section}-{_PARAGRAPH}-{ordinal}")

    @property
    def paragraph_number(self) -> int | None:
        """n for the n-th paragraph of its section; None for a title or a heading."""
        match = _READ.match(self)
        return int(match["paragraph"]) if match else None

    @property
    def is_paragraph(self) -> bool:
        return self.paragraph_number is not None
