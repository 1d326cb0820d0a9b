"""Documents in order of issue, grouped by year: the whole catalogue, or what one plan cites."""

from __future__ import annotations

from collections.abc import Sequence

from .catalogue import Document


def timeline(documents: Sequence[Document]) -> tuple[list[tuple[int, list[Document]]], list[Document]]:
    """([(year, documents in date order)], documents without a date, in the order given)."""
    dated = sorted((d for d in documents if d.date), key=lambda d: d.date.sort_key)
    years: dict[int, list[Document]] = {}
    for document in dated:
        years.setdefault(document.date.year, []).append(document)
    return list(years.items()), [d for d in documents if d.date is None]
