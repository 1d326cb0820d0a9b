"""Readable ASCII slugs for Vietnamese text: diacritics folded, đ → d, no letter dropped."""

from __future__ import annotations

import re
import unicodedata

# Where folded text splits into words: slugs, and the catalogue table's text filter (table-filter.js reads
# it from the page, so a number typed there matches whole numbers only: "16" is not in "18/CT-UBND")
WORD_SEPARATOR = "[^a-z0-9]+"
_NON_ALNUM = re.compile(WORD_SEPARATOR)
_MARKS = re.compile("[\u0300-\u036f]")  # the combining marks the JavaScript folds drop, no others
MAX_WORDS = 8
# Đ/đ, and the look-alike Ð/ð that old converters leave in pasted text, have no decomposition
_D = str.maketrans("đĐðÐ", "dDdD")


def fold(text: str) -> str:
    """Lower-case ASCII form of Vietnamese text ("Đảng" → "dang"); tests/folding_cases.json is its table."""
    text = text.translate(_D)
    return _MARKS.sub("", unicodedata.normalize("NFD", text)).lower()


def words(value: str) -> list[str]:
    """The folded words of a text: "Chỉ thị số 16/CT-TTg" → ["chi", "thi", "so", "16", "ct", "ttg"]."""
    return [w for w in _NON_ALNUM.split(fold(value)) if w]


def slugify(value: str, separator: str = "-") -> str:
    """Slug for URLs and heading anchors (signature of Python-Markdown's toc slugify)."""
    return separator.join(words(value)[:MAX_WORDS])
