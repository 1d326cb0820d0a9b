"""Issuing bodies (data/issuers.yml): one name per body, whatever spelling the plan used.

The catalogue keeps each document's issuer exactly as the plan (or status.yml) writes it; the body is
looked up once, at load time, for the tables and filters that group documents by who issued them.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..errors import DataError
from .catalogue import Catalogue, Document
from .loading import LINE_KEY, load_yaml
from .validation import validate

FIXES = {
    "name": "ghi tên cơ quan bằng văn bản thuần, ví dụ \"Ban Bí thư\"",
    "spellings": ("liệt kê mọi cách viết của cơ quan trong dữ liệu, đúng từng ký tự, "
                  "ví dụ [\"Ban Bí thư\", \"Ban Bí thư Trung ương Đảng\"]"),
}


def load_issuers(path: Path, schema_path: Path, shown_as: str) -> dict[str, str]:
    """Each spelling → its body's name. A spelling may belong to one body only."""
    data = load_yaml(path, shown_as)
    validate(data, schema_path, shown_as, list_key="bodies", record_name=lambda raw, n: str(raw.get("name") or n),
             fixes=FIXES)
    bodies: dict[str, str] = {}
    for raw in data["bodies"]:
        for spelling in raw["spellings"]:
            if spelling in bodies:
                raise DataError(shown_as, f"cách viết '{spelling}' đã thuộc cơ quan '{bodies[spelling]}'",
                                "mỗi cách viết chỉ ghi ở một cơ quan; gộp hai bản ghi nếu là một cơ quan",
                                record=raw["name"], field="spellings", line=raw[LINE_KEY])
            bodies[spelling] = raw["name"]
    return bodies


def with_bodies(catalogue: Catalogue, bodies: dict[str, str], issuers_file: str, catalogue_file: str,
                status_file: str) -> Catalogue:
    """The catalogue with each document's body set; a document whose issuer no body spells stops the build."""

    def checked(document: Document, shown_as: str) -> Document:
        if document.issuer is None:
            return document
        if document.issuer not in bodies:
            raise DataError(shown_as, f"cơ quan ban hành '{document.issuer}' không có trong {issuers_file}",
                            f"thêm cách viết này vào {issuers_file}, ở cơ quan của nó (hoặc thêm một cơ quan mới)",
                            record=document.id, field="issuer", line=document.line)
        return dataclasses.replace(document, body=bodies[document.issuer])

    return Catalogue(tuple(checked(d, catalogue_file) for d in catalogue.documents),
                     tuple(checked(d, status_file) for d in catalogue.later))
