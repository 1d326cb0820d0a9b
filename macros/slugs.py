"""Readable ASCII slugs for Vietnamese text: diacritics folded, đ → d, no letter dropped."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_MARKS = re.compile("[\u0300-\u036f]")  # the combining marks the JavaScript folds drop, no others
MAX_WORDS = 8
# Đ/đ, and the look-alike Ð/ð that old converters leave in pasted text, have no decomposition
_D = str.maketrans("đĐðÐ", "dDdD")


def fold(text: str) -> str:
    """Lower-case ASCII form of Vietnamese text ("Đảng" → "dang"); tests/folding_cases.json is its table."""
    text = text.translate(_D)
    return _MARKS.sub("", unicodedata.normalize("NFD", text)).lower()


def slugify(value: str, separator: str = "-") -> str:
    """Slug for URLs and heading anchors (signature of Python-Markdown's toc slugify)."""
    words = [w for w in _NON_ALNUM.split(fold(value)) if w]
    return separator.join(words[:MAX_WORDS])
