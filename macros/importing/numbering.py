"""Word's automatic numbering as text, as Word shows it: "I.", "1.", "a)", "-".

Word stores a numbered paragraph's number only as a rule (word/numbering.xml: a list's levels, each
with its format and text such as "%1." or "%2)"), never as text; python-docx reads the XML and does
not count. This module counts, as Word does: each list (w:num) keeps one counter per level, and a
level starts again after any item of a higher level.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def letters(number: int) -> str:
    """Word's letter numbering: a … z, then aa … zz."""
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "upperRoman": roman,
    "lowerRoman": lambda n: roman(n).lower(),
    "upperLetter": lambda n: letters(n).upper(),
    "lowerLetter": letters,
}


@dataclass(frozen=True)
class Level:
    start: int
    format: str  # w:numFmt
    text: str  # w:lvlText: "%1.", "%1.%2.", "-"
    suffix: str  # after the number: " " (Word's tab or space) or ""


def _val(element, tag: str, default=None):
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val"), default) if child is not None else default


class Numbering:
    """The numbers of one document's paragraphs, counted in reading order."""

    def __init__(self, document):
        self.notes: list[str] = []
        self._lists: dict[str, tuple[dict[int, Level], dict[int, int]]] = {}
        self._counters: dict[str, list[int | None]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {a.get(qn("w:abstractNumId")): self._levels(a) for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            starts = {int(o.get(qn("w:ilvl"))): int(_val(o, "w:startOverride"))
                      for o in num.findall(qn("w:lvlOverride")) if _val(o, "w:startOverride") is not None}
            self._lists[num.get(qn("w:numId"))] = (abstract.get(_val(num, "w:abstractNumId"), {}), starts)

    @staticmethod
    def _levels(abstract) -> dict[int, Level]:
        levels = {}
        for lvl in abstract.findall(qn("w:lvl")):
            suffix = {"nothing": ""}.get(_val(lvl, "w:suff", "tab"), " ")
            levels[int(lvl.get(qn("w:ilvl")))] = Level(int(_val(lvl, "w:start", "1")), _val(lvl, "w:numFmt", "decimal"),
                                                     _val(lvl, "w:lvlText", ""), suffix)
        return levels

    def label(self, paragraph) -> str:
        """The number Word shows before this paragraph, with the space after it; "" if none.

        Call once per paragraph, in reading order: each call counts.
        """
        num_id, level = self._num_pr(paragraph)
        if num_id is None or num_id not in self._lists:
            return ""
        levels, starts = self._lists[num_id]
        if level not in levels:
            return ""
        counters = self._counters.setdefault(num_id, [None] * 9)
        current = counters[level]
        counters[level] = starts.get(level, levels[level].start) if current is None else current + 1
        for deeper in range(level + 1, 9):
            counters[deeper] = None
        lvl = levels[level]
        if lvl.format == "none":
            return ""
        text = lvl.text
        if lvl.format == "bullet":
            text = "•" if not text or "\uf000" <= text <= "\uf8ff" else text  # symbol-font bullets
            return text + lvl.suffix
        for k in range(level + 1):
            shown = counters[k] if counters[k] is not None else levels.get(k, lvl).start
            fmt = levels[k].format if k in levels else "decimal"
            if fmt not in FORMATS and f"%{k + 1}" in text:
                self.notes.append(f"Kiểu đánh số '{fmt}' của Word được ghi bằng chữ số thường; kiểm tra lại.")
            text = text.replace(f"%{k + 1}", FORMATS.get(fmt, str)(shown))
        return text + lvl.suffix

    @staticmethod
    def _num_pr(paragraph) -> tuple[str | None, int]:
        """The paragraph's list and level: its own, else its style's (styles inherit from their base)."""
        p_pr = paragraph._p.pPr
        num_pr = p_pr.numPr if p_pr is not None else None
        style = paragraph.style
        while num_pr is None and style is not None:
            s_pr = style.element.pPr
            num_pr = s_pr.numPr if s_pr is not None else None
            style = style.base_style
        if num_pr is None or num_pr.numId is None:
            return None, 0
        num_id = str(num_pr.numId.val)
        level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        return (None if num_id == "0" else num_id), level
