"""The catalogue in order of issue, grouped by year."""

from __future__ import annotations

from .catalogue import Catalogue, Document


def timeline(catalogue: Catalogue) -> tuple[list[tuple[int, list[Document]]], list[Document]]:
    """([(year, documents in date order)], documents without a date, in catalogue order)."""
    dated = sorted((d for d in catalogue.documents if d.date), key=lambda d: d.date.sort_key)
    years: dict[int, list[Document]] = {}
    for document in dated:
        years.setdefault(document.date.year, []).append(document)
    return list(years.items()), [d for d in catalogue.documents if d.date is None]
