"""The abbreviations the plan uses (data/glossary.yml), each checked against the plan's own text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from .loading import LINE_KEY, load_yaml
from .places import Place, find_places
from .plan import Plan
from .validation import validate

FIXES = {
    "abbr": "ghi chữ viết tắt đúng như Kế hoạch viết, không có dấu cách, ví dụ \"UBND\"",
    "meaning": "ghi nghĩa đầy đủ bằng văn bản thuần, ví dụ \"Ủy ban nhân dân\"",
}


@dataclass(frozen=True)
class Abbreviation:
    abbr: str
    meaning: str
    places: tuple[Place, ...]


def load_glossary(path: Path, schema_path: Path, shown_as: str, plans: tuple[Plan, ...]) -> tuple[Abbreviation, ...]:
    data = load_yaml(path, shown_as)
    validate(data, schema_path, shown_as, "abbreviations", record_name=lambda raw, n: raw.get("abbr") or f"thứ {n}",
             fixes=FIXES, default_fix="sửa theo mẫu ở đầu tệp", missing_fix=None)
    entries, seen = [], {}
    for raw in data["abbreviations"]:
        abbr, line = raw["abbr"], raw[LINE_KEY]
        if abbr in seen:
            raise DataError(shown_as, f"chữ viết tắt bị lặp lại (đã có ở dòng {seen[abbr]})",
                            "giữ một bản ghi cho mỗi chữ viết tắt", record=abbr, field="abbr", line=line)
        seen[abbr] = line
        places = find_places(plans, abbr, whole_word=True)
        if not places:
            raise DataError(shown_as, f"Kế hoạch không có chữ viết tắt '{abbr}'",
                            "chỉ ghi chữ viết tắt có trong Kế hoạch, đúng từng ký tự (kể cả chữ hoa, dấu '/')",
                            record=abbr, field="abbr", line=line)
        entries.append(Abbreviation(abbr, raw["meaning"], tuple(places)))
    return tuple(entries)

