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
search_index.json, longer to read than to build. The `lunr` package on PyPI (lunr.py) was not
used: it has neither Material's tokenizer nor its positions, and its builder (as read) does not
round scores as lunr.js does (Math.round(score * 1000) / 1000); scores are made in the worker.

The stamp: lunr's version and an id, a hash of the search index (configuration and documents) as
Material wrote it. The same id is written into
search_index.json (`marked`), as an attribute of its first field: Material's worker hands each
field's settings to lunr's Builder#field as they are, so lunr.vi.min.js compares the two ids
without reading the documents' text again. A search index from another build, or one this module
did not mark, carries another id or none, and the worker then builds the index itself.
"""

from __future__ import annotations

import hashlib
import json

from macros.search.tokens import js_regex, term, tokenize

LUNR_VERSION = "2.3.9"
# The attribute of a field, in search_index.json's configuration, that holds the ready index's id
ID_ATTRIBUTE = "readyIndex"


def _unmarked(config: dict) -> dict:
    fields = {name: {k: v for k, v in spec.items() if k != ID_ATTRIBUTE} for name, spec in config["fields"].items()}
    return dict(config, fields=fields)


def content_id(config: dict, docs: list[dict]) -> str:
    """A hash of the search index as Material wrote it (without the mark)."""
    text = json.dumps({"config": _unmarked(config), "docs": docs}, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def stamp(config: dict, docs: list[dict]) -> dict:
    return {"lunr": LUNR_VERSION, "id": content_id(config, docs)}


def marked(search_index: dict, ready: dict) -> dict:
    """search_index.json carrying its ready index's id, for lunr.vi.min.js to compare."""
    config = _unmarked(search_index["config"])
    first = next(iter(config["fields"]))
    config["fields"][first] = dict(config["fields"][first], **{ID_ATTRIBUTE: ready["stamp"]["id"]})
    return dict(search_index, config=config)


def mark_of(search_index: dict) -> str | None:
    """The ready index id search_index.json carries on its first field, if any."""
    return next(iter(search_index["config"]["fields"].values()), {}).get(ID_ATTRIBUTE)


def build(search_index: dict) -> dict:
    """The ready index of search_index.json: what lunr's Builder#add gathers, compact.

    Mostly text, which the browser reads fast, taken apart only for the terms and sections a
    search reaches. Documents are numbered in search_index.json's order, terms in the order lunr
    numbers them (first seen); "a,b,c" lists hold differences from the previous number.
      terms      the terms, numbered
      found      per term, how many sections have it (in any field): lunr's document frequency
      postings   per term, per field: "document,position,position,…;document,…" (the document's
                 number, then its positions of the term)
      vectors    per field, per document: "term,count,term,count,…", terms in increasing order
      lengths    per field, per document: its number of words (after lunr.vi's pipeline)
      blocks     lunr.vi's viBlocks
    The worker computes the scores itself (lunr's createFieldVectors, Math.log): a float computed
    once, the same way, is the same. Raises ValueError when the index holds what the port does
    not cover (the worker then builds).
    """
    config, docs = search_index["config"], search_index["docs"]
    separator = js_regex(config["separator"])
    fields = list(config["fields"])
    if not fields or any("/" in name for name in fields):
        raise ValueError("no fields, or a field name with '/'")
    numbers: dict[str, int] = {}
    terms: dict[str, str] = {}  # token -> term: a few thousand words make up the text
    # term -> per field: [last document, its entries "document step,position steps"], written as each
    # section is read: thousands of sections' positions are never all held as numbers at once
    inverted: dict[str, list[list]] = {}
    numbered: dict[str, int] = {}
    vectors: list[list[str]] = [[] for _ in fields]
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
            counts: dict[int, int] = {}
            here: dict[str, list[int]] = {}  # term -> its positions in this field of this section
            for word, position in tokens:
                word = terms[word] if word in terms else terms.setdefault(word, term(word))
                if not word:
                    continue
                if word not in inverted:
                    inverted[word] = [[0, []] for _ in fields]
                    numbered[word] = len(numbered)
                here.setdefault(word, []).append(position)
                at = numbered[word]
                counts[at] = counts.get(at, 0) + 1
            for word, positions in here.items():
                posting = inverted[word][f]
                posting[1].append(_entry(number - posting[0], positions))
                posting[0] = number
            vectors[f].append(_pair_differences([n for pair in sorted(counts.items()) for n in pair]))
            lengths[f].append(sum(counts.values()))
    return {
        "stamp": stamp(config, docs),
        "terms": list(inverted),
        "found": [sum(len(entries) for _, entries in postings) for postings in inverted.values()],
        "postings": [[";".join(entries) for _, entries in postings] for postings in inverted.values()],
        "vectors": vectors,
        "lengths": lengths,
        "blocks": blocks,
    }


def _pair_differences(numbers: list[int]) -> str:
    """"t,c,t,c,…" (term, count pairs) with each term as the difference from the term before."""
    return ",".join(str(n - numbers[i - 2]) if i % 2 == 0 and i >= 2 else str(n) for i, n in enumerate(numbers))


def _entry(step: int, positions: list[int]) -> str:
    """One section's entry in a posting: its number's step from the previous one, then position steps."""
    steps = [b - a for a, b in zip([0, *positions], positions, strict=False)]
    return ",".join(map(str, [step, *steps]))


def dumps(ready: dict) -> str:
    """The ready index as compact JSON (deterministic: the same index gives the same bytes)."""
    return json.dumps(ready, ensure_ascii=False, separators=(",", ":"))
