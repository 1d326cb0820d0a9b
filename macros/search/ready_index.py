"""The lunr index of search/search_index.json, made at build time as the browser would make it.

Material's search worker builds its lunr index in the browser when the search box first gets
focus (seconds with thousands of sections). This module builds the same index once, at build
time; lunr.vi.min.js loads it instead, after checking its stamp against the
documents the worker received, and builds as before when it is missing or does not match.

What is made here is the costly part of lunr.js 2.3.9's Builder#add: Material's tokenizer, lunr.vi's
token rule, each term's documents and positions, terms numbered in the order lunr first sees them.
The rest (scores, lunr's objects) the worker makes from it in a few milliseconds (lunr.vi.min.js),
with lunr's own code and numbers, so scores are the browser's bit for bit. lunr's Index#toJSON
was not shipped: with every position and document address spelt out it is 5 times the size of
search_index.json, longer to read than to build. The `lunr` package on PyPI was not used: it has
neither Material's tokenizer nor its positions, and rounds scores half to even where lunr.js
rounds half up.

The stamp: lunr's version, the separator and fields of the search configuration, the number of
documents and an Adler-32 checksum over their text (the same sum lunr.vi.min.js computes, over
UTF-16 code units, low byte first).
"""

from __future__ import annotations

import json
import zlib

from macros.search.tokens import js_regex, term, tokenize

LUNR_VERSION = "2.3.9"
MISSING, ITEM, END = "\x01", "\x02", "\x00"  # checksum markers: no value, between list items, end of a value


def _js_number(value: float | int) -> str:
    """A number as JavaScript's String() writes it, for the numbers search_index.json holds."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def checksum(config: dict, docs: list[dict]) -> int:
    """Adler-32 of each document's location, fields (in the configuration's order) and boost."""
    parts: list[str] = []
    for doc in docs:
        parts += [doc["location"], END]
        for name in config["fields"]:
            value = doc.get(name)
            if value is None:
                parts.append(MISSING)
            elif isinstance(value, list):
                parts.append(ITEM.join(value))
            else:
                parts.append(value)
            parts.append(END)
        boost = doc.get("boost")
        parts += [MISSING if boost is None else _js_number(boost), END]
    return zlib.adler32("".join(parts).encode("utf-16-le", "surrogatepass"))


def stamp(config: dict, docs: list[dict]) -> dict:
    return {"lunr": LUNR_VERSION, "separator": config["separator"], "fields": config["fields"],
            "count": len(docs), "checksum": checksum(config, docs)}


def build(search_index: dict) -> dict:
    """The ready index of search_index.json: what lunr's Builder#add gathers, compact.

    {"stamp", "terms": lunr's terms in the order it numbers them (first seen), "postings": per term,
    per field, [document number - previous one, occurrences, …], "positions": per term, per field,
    the positions of each document ("," between the differences from the previous position, ";"
    between documents), "lengths": per field, each document's number of words, "blocks": lunr.vi's
    viBlocks}. Documents are numbered in search_index.json's order. The worker computes the scores
    itself (lunr's createFieldVectors, Math.log): a float computed once, the same way, is the same.
    Raises ValueError when the index holds what the port does not cover (the worker then builds).
    """
    config, docs = search_index["config"], search_index["docs"]
    separator = js_regex(config["separator"])
    fields = list(config["fields"])
    if any("/" in name for name in fields):
        raise ValueError("a field name with '/'")
    numbers: dict[str, int] = {}
    terms: dict[str, str] = {}  # token -> term: a few thousand words make up the text
    inverted: dict[str, list[dict[int, list[int]]]] = {}  # term -> per field: document -> positions
    lengths: list[list[int]] = [[] for _ in fields]
    blocks: dict[str, list[int | None]] = {}
    for number, doc in enumerate(docs):
        ref = doc["location"]
        if not isinstance(ref, str) or ref in numbers:
            raise ValueError(f"location missing or not unique: {ref!r}")
        numbers[ref] = number
        for f, name in enumerate(fields):
            if name in doc and doc[name] is None:
                raise ValueError(f"{ref}: {name} is null")
            sizes: list[int | None] = []
            tokens = tokenize(doc.get(name), separator, sizes)
            if tokens:
                blocks[f"{name}/{ref}"] = sizes
            length = 0
            for word, position in tokens:
                word = terms[word] if word in terms else terms.setdefault(word, term(word))
                if not word:
                    continue
                length += 1
                postings = inverted.get(word)
                if postings is None:
                    postings = inverted[word] = [{} for _ in fields]
                postings[f].setdefault(number, []).append(position)
            lengths[f].append(length)
    return {
        "stamp": stamp(config, docs),
        "terms": list(inverted),
        "postings": [[_counts(found) for found in postings] for postings in inverted.values()],
        "positions": [[_positions(found) for found in postings] for postings in inverted.values()],
        "lengths": lengths,
        "blocks": blocks,
    }


def _counts(found: dict[int, list[int]]) -> list[int]:
    flat, previous = [], 0
    for number, positions in found.items():
        flat += [number - previous, len(positions)]
        previous = number
    return flat


def _positions(found: dict[int, list[int]]) -> str:
    return ";".join(",".join(str(b - a) for a, b in zip([0, *positions], positions, strict=False))
                    for positions in found.values())



def dumps(ready: dict) -> str:
    """The ready index as compact JSON (deterministic: the same index gives the same bytes)."""
    return json.dumps(ready, ensure_ascii=False, separators=(",", ":"))
