"""Bold and italic as the 2022 source writes them: `**…**` and `*…*` around the words, never around spaces.

A paragraph that is bold or italic from end to end (a heading, a title line) is formatted, not
emphasised: the source leaves it unmarked, and a heading must still start with its number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACES = re.compile(r"[ \t\u00a0]+")
_MARKS = {(True, True): "***", (True, False): "**", (False, True): "*"}


@dataclass
class Segment:
    text: str
    bold: bool = False
    italic: bool = False

    @property
    def style(self) -> tuple[bool, bool]:
        return (self.bold, self.italic)


def markdown(segments: list[Segment]) -> tuple[str, bool]:
    """(the paragraph as Markdown text, whether a whole-paragraph bold or italic was left unmarked)."""
    parts = [Segment(_SPACES.sub(" ", s.text), s.bold, s.italic) for s in segments if s.text]
    words = [s for s in parts if s.text.strip()]
    if not words:
        return "", False
    whole_bold, whole_italic = all(s.bold for s in words), all(s.italic for s in words)
    merged: list[Segment] = []
    for index, segment in enumerate(parts):
        style = (segment.bold and not whole_bold, segment.italic and not whole_italic)
        if not segment.text.strip():  # spaces between two runs of one style stay inside it
            after = next((s for s in parts[index + 1:] if s.text.strip()), None)
            before = merged[-1].style if merged else (False, False)
            after_style = (after.bold and not whole_bold, after.italic and not whole_italic) if after else None
            style = before if before == after_style else (False, False)
        if merged and merged[-1].style == style:
            merged[-1].text += segment.text
        else:
            merged.append(Segment(segment.text, *style))
    text = "".join(_marked(s) for s in merged)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line), whole_bold or whole_italic


def _marked(segment: Segment) -> str:
    mark = _MARKS.get(segment.style)
    if not mark:
        return segment.text
    out = []
    for line in segment.text.split("\n"):  # a mark never spans two lines of the source
        core = line.strip()
        if not core:
            out.append(line)
            continue
        lead, trail = line[:len(line) - len(line.lstrip())], line[len(line.rstrip()):]
        out.append(f"{lead}{mark}{core}{mark}{trail}")
    return "\n".join(out)


def segments_of(text: str) -> list[Segment]:
    """The reverse, for tests and checks: a source line's text split at its emphasis marks."""
    out, bold, italic = [], False, False
    for piece in re.split(r"(\*\*\*|\*\*|\*)", text):
        if piece == "***":
            bold, italic = not bold, not italic
        elif piece == "**":
            bold = not bold
        elif piece == "*":
            italic = not italic
        elif piece:
            out.append(Segment(piece, bold, italic))
    return out
