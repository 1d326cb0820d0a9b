"""JSON Schema validation whose first error becomes one DataError an editor can act on."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

from ..errors import DataError
from .loading import LINE_KEY, strip_lines

# What to do, per field, when its value does not fit the schema.
FIELD_FIXES = {
    "id": "dùng chữ thường không dấu, số và dấu '-', ví dụ \"chi-thi-16-ct-ttg\"",
    "type": "ghi loại văn bản bằng văn bản thuần, ví dụ \"Chỉ thị\"",
    "number": "ghi số hiệu đã chuẩn hóa (không khoảng trắng), ví dụ \"16/CT-TTg\", hoặc null nếu Kế hoạch không ghi số",
    "spellings": "liệt kê các cách viết số hiệu đúng như trong Kế hoạch, ví dụ [\"217- QĐ/TW\"]",
    "cited_as": "liệt kê nguyên văn cụm từ Kế hoạch dùng để viện dẫn, ví dụ [\"Hiến pháp năm 2013\"]",
    "date": "ghi ngày dạng \"YYYY-MM-DD\" (ví dụ \"2016-05-16\"), \"YYYY\" nếu chỉ có năm, hoặc null",
    "term": "ghi khóa bằng số La Mã, ví dụ \"XI\", hoặc null",
    "system": "ghi \"Đảng\" hoặc \"Nhà nước\", hoặc null",
    "level": "ghi \"Trung ương\" hoặc \"Tỉnh\", hoặc null",
    "implements": "liệt kê id của các văn bản trong danh mục, ví dụ [chi-thi-16-ct-ttg]",
    "continues": "liệt kê id của các văn bản trong danh mục, ví dụ [chi-thi-30-ct-tw]",
}
MISSING_FIX = "thêm '{field}:' vào bản ghi (ghi null nếu Kế hoạch không nêu)"
TEXT_FIX = ("ghi văn bản thuần, không có ký hiệu định dạng hay HTML (<, >, *, _, `, [, ], {, }, |, \\), "
            "hoặc null nếu Kế hoạch không nêu")


@cache
def _validator(schema_path: Path) -> Draft202012Validator:
    return Draft202012Validator(json.loads(schema_path.read_text(encoding="utf-8")))


def _record_id(raw: dict, position: int) -> str:
    return str(raw.get("id") or f"thứ {position} (chưa có id)")


def validate(data, schema_path: Path, shown_as: str, list_key: str | tuple[str, ...] | None = None, *,
             record_name: Callable[[dict, int], str] = _record_id, fixes: dict[str, str] = FIELD_FIXES,
             default_fix: str = TEXT_FIX, missing_fix: str | None = MISSING_FIX) -> None:
    """Raise a DataError for the first schema violation, naming record, field and fix.

    `record_name(raw record, position from 1)` names a record of `list_key` (or of any of several keys); `fixes` says what to do
    per field; a missing field gets `missing_fix` (formatted with the field), or its entry in `fixes`.
    """
    plain = strip_lines(data)
    errors = sorted(_validator(schema_path).iter_errors(plain), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        return
    error = errors[0]
    path = list(error.absolute_path)
    record = line = None
    list_keys = (list_key,) if isinstance(list_key, str) else tuple(list_key or ())
    if len(path) >= 2 and path[0] in list_keys and isinstance(path[1], int):
        raw = data[path[0]][path[1]]
        if isinstance(raw, dict):
            line = raw.get(LINE_KEY)
            record = record_name(raw, path[1] + 1)
    # The innermost named field: "quote" in units[0].duties[1].quote, "spellings" in documents[3].spellings[0]
    fields = [str(p) for p in path if isinstance(p, str) and p not in list_keys]
    field = fields[-1] if fields else None
    if error.validator == "required":
        missing = error.message.split("'")[1]
        fix = missing_fix.format(field=missing) if missing_fix else fixes.get(missing, f"thêm '{missing}:'")
        raise DataError(shown_as, f"thiếu trường bắt buộc '{missing}'", fix, record=record, field=missing, line=line)
    if error.validator == "additionalProperties":
        raise DataError(shown_as, f"có trường không được biết: {error.message}",
                        "xóa trường đó hoặc sửa lại tên trường cho đúng", record=record, field=field, line=line)
    raise DataError(shown_as, f"giá trị {error.instance!r} không hợp lệ", fixes.get(field or "", default_fix),
                    record=record, field=field, line=line)
