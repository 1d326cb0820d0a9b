"""Material's search tokenizer and lunr.vi's token rule, in Python, exactly as the browser runs them.

The ready-made index (ready_index.py) must hold the very tokens the browser would index, at the
same positions. Ported from Material 9.8.2's search worker:
  - `html_blocks` is its `se`: the top-level HTML blocks of a field, each piece of text in them;
  - `split` is its `H`: a text cut by the search separator (a JavaScript regex, no `u` flag);
  - `tokenize` is its `ae`: every word, lower-cased, with `position = block << 20 | index`,
    the index counting the block's tags and words in order (Material highlights from it).
Offsets are UTF-16 code units, as in JavaScript. `term` is lunr.vi.min.js's token rule (the
accent fold of macros/slugs.py, punctuation off the edges, leading zeros of numbers);
tests/folding_cases.json checks it against the JavaScript one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from macros.slugs import fold

# JavaScript's \s (ECMAScript WhiteSpace and LineTerminator); Python's differs (\x1c-\x1f, \x85, no \ufeff)
JS_SPACE = "\\t\\n\\x0b\\x0c\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_TAGS = re.compile("[<>]")
_EDGES = re.compile(r"\A[^a-z0-9*]+|[^a-z0-9*]+\Z")
_NUMBER = re.compile(r"[0-9]+\*?")
_ZEROS = re.compile(r"\A0+(?=[0-9])")


def js_regex(source: str) -> re.Pattern:
    """A JavaScript regex source (no flags) as a Python pattern that matches the same text.

    Only what differs is translated: \\s and \\S spelt out, \\d \\w \\b ASCII as in JavaScript.
    Raises ValueError for what Python cannot read the same way (named groups, \\S in a class).
    """
    out, in_class, i = [], False, 0
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source):
            escape = source[i + 1]
            if escape == "s":
                out.append(JS_SPACE if in_class else f"[{JS_SPACE}]")
            elif escape == "S":
                if in_class:
                    raise ValueError(f"\\S inside a character class: {source}")
                out.append(f"[^{JS_SPACE}]")
            else:
                out.append(source[i:i + 2])
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif char == "(" and not in_class and source.startswith("(?<", i) and source[i + 3:i + 4] not in ("=", "!"):
            raise ValueError(f"named group: {source}")
        out.append(char)
        i += 1
    return re.compile("".join(out), re.ASCII)


def utf16(text: str) -> str:
    """The text with each character beyond U+FFFF as its two surrogates: indices are JavaScript's."""
    if not _ASTRAL.search(text):
        return text
    return _ASTRAL.sub(lambda m: _surrogates(ord(m[0]) - 0x10000), text)


def _surrogates(code: int) -> str:
    return chr(0xD800 + (code >> 10)) + chr(0xDC00 + (code & 0x3FF))


def _joined(units: str) -> str:
    """Back from utf16(): surrogate pairs to characters (a lone surrogate stays)."""
    return units.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def html_blocks(html: str) -> Iterator[tuple[int, int, int, int]]:
    """Material's `se`: (block, kind, start, end) for each piece; kind 0 opening tag at the top
    level, 1 text, 2 closing tag at the top level. Only '<' and '>' move it, so only they are visited."""
    block = start = depth = 0
    for match in _TAGS.finditer(html):
        i = match.start()
        if html[i] == "<":
            if i > start:
                yield block, 1, start, i
                start = i
            continue
        if html[start + 1:start + 2] == "/":
            depth -= 1
            if depth == 0:
                yield block, 2, start, i + 1
                block += 1
        elif html[i - 1:i] != "/":
            if depth == 0:
                yield block, 0, start, i + 1
            depth += 1
        start = i + 1
    if len(html) > start:
        yield block, 1, start, len(html)


def pieces(text: str, separator: re.Pattern) -> list[tuple[int, int]]:
    """Material's `H`: (start, end) of each piece of text between separator matches."""
    found, at = [], 0
    for match in separator.finditer(text):
        if match.end() == match.start():     # JavaScript steps past an empty match its own way
            return _pieces_stepwise(text, separator)
        if at < match.start():
            found.append((at, match.start()))
        at = match.end()
    if at < len(text):
        found.append((at, len(text)))
    return found


def _pieces_stepwise(text: str, separator: re.Pattern) -> list[tuple[int, int]]:
    """`H` step by step, as RegExp#exec with lastIndex moves (one past an empty match)."""
    found, at, position = [], 0, 0
    while True:
        match = separator.search(text, position) if position <= len(text) else None
        end = match.start() if match else len(text)
        if at < end:
            found.append((at, end))
        if not match:
            return found
        at = match.end()
        position = at if match.end() > match.start() else match.start() + 1


def tokenize(value: str | list[str] | None, separator: re.Pattern,
             sizes: list[int | None] | None = None) -> list[tuple[str, int]]:
    """Material's `ae`: (word lower-cased, position) for a field's value (a string, or a list).

    `sizes`, if given, receives lunr.vi's block sizes: words per block (None: a block without any)."""
    tokens: list[tuple[str, int]] = []
    if value is None:
        return tokens
    counts: list[int] = []                   # entries of each block in Material's highlight table
    words: list[int | None] = []
    for item in value if isinstance(value, list) else [value]:
        if not isinstance(item, str):
            raise ValueError(f"not text: {item!r}")
        units, offset = utf16(item), len(counts)
        astral = units is not item and len(units) != len(item)
        for block, kind, start, end in html_blocks(units):
            block += offset
            while len(counts) <= block:
                counts.append(0)
            if kind != 1:
                counts[block] += 1
                continue
            text, index, base = units[start:end], counts[block], _int32(block << 20)
            found = pieces(text, separator)
            for first, last in found:
                word = text[first:last]
                position = base | index if index < 0x100000 else _int32(base | index)
                tokens.append(((_joined(word) if astral else word).lower(), position))
                index += 1
            if found:
                counts[block] = index
                at = block_of(base)          # lunr.vi counts by `position >>> 20`
                words.extend([None] * (at + 1 - len(words)))
                words[at] = (words[at] or 0) + len(found)
    if sizes is not None:
        sizes[:] = _trimmed(words)
    return tokens


def _trimmed(words: list[int | None]) -> list[int | None]:
    while words and words[-1] is None:
        words.pop()
    return words


def _int32(value: int) -> int:
    """JavaScript's bitwise result: a signed 32-bit integer (block 2048 and beyond wrap)."""
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value >= 1 << 31 else value


def block_of(position: int) -> int:
    """JavaScript's `position >>> 20`."""
    return (position & 0xFFFFFFFF) >> 20


def term(token: str) -> str:
    """lunr.vi's `term`: a token as indexed ("Chỉ" → "chi", "QĐ," → "qd", "04" → "4"); "" drops it."""
    folded = _EDGES.sub("", fold(token))
    return _ZEROS.sub("", folded) if _NUMBER.fullmatch(folded) else folded
