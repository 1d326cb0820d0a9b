"""How the search cuts text into words and compares them: one rule for the index and for engine.js.

The separator is a JavaScript regex source that Python's `re` reads the same way (no \\s, no
shorthand classes: every space character spelt out), so the manifest hands the very same source to
the browser. "217- QĐ/TW", "217/QĐ-TW" and "QĐ 217" all give the words 217, qd, tw.
`term` is a word as indexed: the accent fold of macros/slugs.py, punctuation off both edges,
leading zeros off a number ("04" → "4"); tests/folding_cases.json checks it against engine.js.
`variant` is the word as written (lower case), kept only when it carries accents, so that a reader
who types accents gets the exact matches first.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from macros.slugs import fold

# JavaScript's \s (ECMAScript WhiteSpace and LineTerminator); Python's differs (\x1c-\x1f, \x85, no \ufeff)
JS_SPACE = "\\t\\n\\x0b\\x0c\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
SEPARATOR = f"[{JS_SPACE}\\-\\u2013\\u2014/,.;:!?()\\[\\]{{}}\"\\u201c\\u201d\\u2018\\u2019\\u2026]+"
_SPLIT = re.compile(SEPARATOR)
_EDGES = re.compile(r"\A[^a-z0-9*]+|[^a-z0-9*]+\Z")
_NUMBER = re.compile(r"[0-9]+\*?")
_ZEROS = re.compile(r"\A0+(?=[0-9])")
_WORD_EDGES = re.compile(r"\A\W+|\W+\Z")


def term(token: str) -> str:
    """A word as indexed and searched ("Chỉ" → "chi", "QĐ," → "qd", "04" → "4"); "" drops it."""
    folded = _EDGES.sub("", fold(token))
    return _ZEROS.sub("", folded) if _NUMBER.fullmatch(folded) else folded


def variant(token: str) -> str:
    """The word as written, lower case, when it has accents ("Chỉ" → "chỉ"); "" when it has none."""
    lower = _WORD_EDGES.sub("", unicodedata.normalize("NFC", token).lower())
    return lower if fold(lower) != lower else ""


@lru_cache(maxsize=1 << 16)
def _pair(piece: str) -> tuple[str, str]:
    """(term, variant) of one piece of text; a handbook has a few thousand distinct words, met many times."""
    return term(piece), variant(piece)


def words(text: str) -> list[tuple[str, str]]:
    """(term, variant) of each word of a text, in order; words whose term is empty are left out."""
    return [pair for pair in map(_pair, _SPLIT.split(unicodedata.normalize("NFC", text))) if pair[0]]
