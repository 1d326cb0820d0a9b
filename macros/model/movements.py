"""Movements, campaigns and mottos the plan names (data/movements.yml), found in its own text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from .loading import LINE_KEY, load_yaml
from .places import Place, find_places
from .plan import Plan
from .validation import validate

FIXES = {
    "group": "ghi \"phong-trao\" hoặc \"phong-cach\"",
    "kind": "ghi loại bằng văn bản thuần, ví dụ \"Phong trào thi đua\"",
    "phrases": "liệt kê nguyên văn các cụm từ trong Kế hoạch, ví dụ [\"Dân vận khéo\"]",
}


@dataclass(frozen=True)
class Movement:
    group: str
    kind: str
    phrases: tuple[str, ...]
    places: tuple[Place, ...]

    @property
    def name(self) -> str:
        return self.phrases[0]


def _record_name(raw: dict, position: int) -> str:
    phrases = raw.get("phrases")
    return phrases[0] if isinstance(phrases, list) and phrases else f"thứ {position}"


def load_movements(path: Path, schema_path: Path, shown_as: str, plans: tuple[Plan, ...]) -> tuple[Movement, ...]:
    data = load_yaml(path, shown_as)
    validate(data, schema_path, shown_as, "movements", record_name=_record_name, fixes=FIXES,
             default_fix="sửa theo mẫu ở đầu tệp", missing_fix=None)
    movements = []
    for raw in data["movements"]:
        for phrase in raw["phrases"]:
            if not find_places(plans, phrase):
                raise DataError(shown_as, f"Kế hoạch không có cụm từ \"{phrase}\"",
                                "chép đúng từng ký tự như trong Kế hoạch (kể cả chữ hoa, dấu phẩy)",
                                record=raw["phrases"][0], field="phrases", line=raw[LINE_KEY])
        movements.append(Movement(raw["group"], raw["kind"], tuple(raw["phrases"]),
                                  tuple(find_places(plans, raw["phrases"]))))
    return tuple(movements)
