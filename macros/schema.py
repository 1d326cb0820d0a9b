"""JSON Schema validation whose first error becomes one DataError an editor can act on."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator

from .errors import DataError
from .yamlio import LINE_KEY, strip_lines

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
TEXT_FIX = ("ghi văn bản thuần, không có ký hiệu định dạng hay HTML (<, >, *, _, `, [, ], {, }, |, \\), "
            "hoặc null nếu Kế hoạch không nêu")


@lru_cache(maxsize=None)
def _validator(schema_path: Path) -> Draft202012Validator:
    return Draft202012Validator(json.loads(schema_path.read_text(encoding="utf-8")))


def validate(data, schema_path: Path, shown_as: str, list_key: str | None = None) -> None:
    """Raise a DataError for the first schema violation, naming record, field and fix."""
    plain = strip_lines(data)
    errors = sorted(_validator(schema_path).iter_errors(plain), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        return
    error = errors[0]
    path = list(error.absolute_path)
    record = line = field = None
    if list_key and len(path) >= 2 and path[0] == list_key and isinstance(path[1], int):
        raw = data[list_key][path[1]]
        if isinstance(raw, dict):
            line = raw.get(LINE_KEY)
            record = str(raw.get("id") or f"thứ {path[1] + 1} (chưa có id)")
        field = str(path[2]) if len(path) > 2 else None
    elif path:
        field = str(path[0])
    if error.validator == "required":
        missing = error.message.split("'")[1]
        raise DataError(shown_as, f"thiếu trường bắt buộc '{missing}'",
                        f"thêm '{missing}:' vào bản ghi (ghi null nếu Kế hoạch không nêu)",
                        record=record, line=line)
    if error.validator == "additionalProperties":
        raise DataError(shown_as, f"có trường không được biết: {error.message}",
                        "xóa trường đó hoặc sửa lại tên trường cho đúng", record=record, field=field, line=line)
    value = error.instance
    fix = FIELD_FIXES.get(field or "", TEXT_FIX)
    raise DataError(shown_as, f"giá trị {value!r} không hợp lệ", fix, record=record, field=field, line=line)
