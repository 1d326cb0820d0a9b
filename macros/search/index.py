"""The search index of the records, split into shards so that a query loads only what it needs.

Shards (each becomes search/<name>.js, see site_files.py):
  records   what ranking needs of every record besides its postings: kind (by number range), group, plans
  t-<key>   the postings of every term whose first one or two characters give <key> (shard_key); the
            terms of one character are together in t-_ or t-__, loaded with the records; a query
            loads the shards of its words only, and a word being typed finds every completion in one
  c-<n>     the cards of records n*CARD_CHUNK … : loaded for the results shown only
A small index is not split: every shard above comes inside the manifest (site_files.py), so that a
first query waits for one file only.
A term's entry in its shard: [variant, postings, variant, postings, …]; variant "" is the word
written without accents, others as written ("chỉ"). Postings: "record,impact,position,position;…",
the record as the step from the previous entry's, the impact (how much the word counts in the
record, _impact), positions as steps too. A position is field * SPAN + the word's index in that
field (words past SPAN share the last position).
"""

from __future__ import annotations

import hashlib
import json
import re

from macros.search.records import FIELDS, Record
from macros.search.tokens import SEPARATOR, words

FORMAT = 3  # engine.js reads only its own format: an index from another version is refused
SPAN = 4096
K1, B = 1.2, 0.75  # BM25: how fast repeats of a word stop counting; how much a field's length counts
# Cards per file: each keystroke's first results need their cards, and a file costs more to fetch than its
# bytes. At 2,000 x 10 (06/12/2026, loaded machine): 64 per file, p95 keystroke 30 / 28 ms (HTTP / file://);
# 128: 37 / 20; 256: 24 / 21; 512: 32 / 24 and slower first results
CARD_CHUNK = 256
SMALL_INDEX = 1000  # records: up to this, the whole index is in the manifest
ONE_LETTER_UP_TO = 1000  # records
_KEY_CHAR = re.compile("[^a-z0-9]")


def shard_key(term: str, length: int = 2) -> str:
    """The shard of a term: its first characters ("chi" → "ch"; "a'b" → "a_"), others as "_". The terms of
    one character share one shard ("_" * length): each word typed starts as one, and that shard, loaded
    with the records, spares a load per word."""
    if len(term) == 1:
        return "_" * length
    return _KEY_CHAR.sub("_", (term[:length] + "_" * length)[:length])


def key_length(records: int) -> int:
    """A small index is cut by first letter: the first letter of a word loads all it may become. A larger
    one by two letters: cut by one at 2,000 x 10 (parts up to 33 KB gzip), the first results came later
    (370 / 246 ms against 268 / 251, p95 82 / 167 ms against 158 / 86, HTTP / file://), reading bigger parts."""
    return 1 if records < ONE_LETTER_UP_TO else 2


def _impact(weights: tuple[int, ...], counts: dict[int, int], lengths: list[int], average: list[float],
            scale: float) -> int:
    """How much a word counts in a record: per field, its weight × BM25's saturated term frequency
    (shorter fields count more), summed, times the record's own weight; in hundredths."""
    score = 0.0
    for field, tf in counts.items():
        norm = K1 * (1 - B + B * max(lengths[field], 1) / average[field])
        score += weights[field] * tf * (K1 + 1) / (tf + norm)
    return round(100 * scale * score)


def _postings(records: list[Record]) -> dict[str, dict[str, list]]:
    """term → variant → [last record, entries "step,impact,position,…"]."""
    found = [[words(text) for text in record.fields] for record in records]
    average: dict[str, list[float]] = {}
    for kind, fields in FIELDS.items():
        lengths = [[len(w) for w in found[n]] for n, r in enumerate(records) if r.kind == kind]
        average[kind] = [max(1.0, sum(column) / len(lengths)) if lengths else 1.0
                         for column in zip(*lengths, strict=True)] if lengths else [1.0] * len(fields)
    weights = {kind: tuple(weight for _, weight in fields) for kind, fields in FIELDS.items()}
    terms: dict[str, dict[str, list]] = {}
    for number, record in enumerate(records):
        here: dict[tuple[str, str], list[int]] = {}
        for field, pairs in enumerate(found[number]):
            for position, pair in enumerate(pairs):
                here.setdefault(pair, []).append(field * SPAN + min(position, SPAN - 1))
        lengths = [len(pairs) for pairs in found[number]]
        for (word, written), positions in here.items():
            counts: dict[int, int] = {}
            for position in positions:
                counts[position // SPAN] = counts.get(position // SPAN, 0) + 1
            impact = _impact(weights[record.kind], counts, lengths, average[record.kind], record.weight)
            entry = terms.setdefault(word, {}).setdefault(written, [0, []])
            steps = [b - a for a, b in zip([0, *positions], positions, strict=False)]
            entry[1].append(",".join(map(str, [number - entry[0], impact, *steps])))
            entry[0] = number
    return terms


def build(records: list[Record], plans: list[dict], whole: bool | None = None) -> tuple[dict, dict[str, object]]:
    """The manifest and the shards {name: data} of these records (numbered in their order). `whole`: the
    shards go inside the manifest (by default, when the index is small)."""
    terms = _postings(records)
    length = key_length(len(records))
    shards: dict[str, dict] = {}
    for word in sorted(terms):
        variants = terms[word]
        entry = []
        for written in sorted(variants):
            entry += [written, ";".join(variants[written][1])]
        shards.setdefault(f"t-{shard_key(word, length)}", {})[word] = entry
    kinds, start = {}, 0
    for kind in FIELDS:
        count = sum(1 for r in records if r.kind == kind)
        kinds[kind] = [start, start + count]
        start += count
    if [r.kind for r in records] != sorted((r.kind for r in records), key=list(FIELDS).index):
        raise ValueError("records must come kind by kind, in the order of FIELDS")
    groups: dict[str, int] = {}
    out: dict[str, object] = dict(shards)
    out["records"] = {
        "kinds": kinds,
        "group": [groups.setdefault(r.group, len(groups)) for r in records],
        "plans": [list(r.plans) for r in records],
    }
    for chunk in range(0, len(records), CARD_CHUNK):
        out[f"c-{chunk // CARD_CHUNK}"] = [r.card for r in records[chunk:chunk + CARD_CHUNK]]
    digest = hashlib.sha256()
    for name in sorted(out):
        digest.update(name.encode() + dumps(out[name]).encode())
    manifest = {
        "format": FORMAT, "id": digest.hexdigest()[:12], "separator": SEPARATOR, "span": SPAN,
        "chunk": CARD_CHUNK, "keylen": length,
        "plans": plans, "shards": sorted(k.removeprefix("t-") for k in shards), "records": len(records),
        "whole": len(records) < SMALL_INDEX if whole is None else whole,
    }
    return manifest, out


def dumps(data) -> str:
    """Compact, deterministic JSON (the same index gives the same bytes)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
