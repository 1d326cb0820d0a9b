"""`make import FILE=ke-hoach-2023.docx`: a plan as the office receives it, into the handbook's data.

Writes the text into data/source/, a draft header into data/plans/<id>.yml and draft records for
newly cited documents into data/documents.yml, then prints what the editor must review. Everything
is read and checked before anything is written: on any error nothing is written. An existing
source or header is replaced only with --force.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

import yaml

from .. import settings
from ..errors import DataError
from ..importing import Reading
from ..importing.docx import read_docx
from ..importing.encoding import decode_text
from ..importing.header import Header, read_header, split_letterhead
from ..importing.pdf import read_pdf
from ..importing.text import read_text_blocks
from ..model.plan import load_plan, read_lines
from ..slugs import slugify
from .check_citations import find, review_of, write_drafts

READERS = {".docx": read_docx, ".pdf": read_pdf}
SUPPORTED = ".docx, .pdf (có lớp chữ) hoặc .txt (UTF-8)"


def read_file(path: Path) -> Reading:
    """The plan's paragraphs from a .docx, .pdf or .txt file; a DataError for anything unreadable."""
    shown_as = str(path)
    if not path.is_file():
        raise DataError(shown_as, "không tìm thấy tệp", "ghi đúng đường dẫn, ví dụ make import FILE=ke-hoach-2023.docx")
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise DataError(shown_as, "đây là tệp Word 97-2003 (.doc), lệnh nhập chỉ đọc .docx",
                        "mở tệp bằng Word hoặc LibreOffice, Lưu thành (Save As) kiểu Word Document (.docx), "
                        "rồi nhập tệp .docx đó")
    if suffix not in (*READERS, ".txt"):
        raise DataError(shown_as, f"không đọc được tệp kiểu '{suffix or 'không có đuôi'}'", f"nhập tệp {SUPPORTED}")
    if path.stat().st_size == 0:
        raise DataError(shown_as, "tệp trống (0 byte)", "xin lại tệp Kế hoạch; tệp có thể đã hỏng khi chép")
    if suffix == ".txt":
        text, notes = decode_text(path.read_bytes(), shown_as)
        blocks, breaks, break_notes = read_text_blocks(text)
        reading = Reading(blocks, breaks, notes + break_notes)
    else:
        reading = READERS[suffix](path, shown_as)
    if not any(block.strip() for block in reading.blocks):
        raise DataError(shown_as, "tệp không có chữ nào", "kiểm tra lại tệp: có thể nhầm tệp, hoặc nội dung nằm trong hình ảnh")
    return reading


def header_yaml(header: Header, source: str, page_breaks: list[str], file_name: str) -> str:
    def quoted(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = ["# yaml-language-server: $schema=../schema/plan.schema.json",
             f"# Written by `make import` from {file_name}: check each fact against the text.",
             f"kind: {quoted(header.kind)}", f"title: {quoted(header.title)}", f"number: {quoted(header.number)}",
             f"place_date: {quoted(header.place_date)}", f"issuer: {quoted(header.issuer)}",
             f"signer: {quoted(header.signer)}"]
    if header.signature_blocks != 2:
        lines.append(f"signature_blocks: {header.signature_blocks}")
    lines += ["", "# The plan as received, relative to this folder", f"source: {quoted(source)}", "",
              "# The exact end of each block that a page break cut off from the next (the build joins them)"]
    lines += ["page_breaks:", *(f"  - {quoted(e)}" for e in page_breaks)] if page_breaks else ["page_breaks: []"]
    return "\n".join(lines) + "\n"


def known_headers(folder: Path) -> list[dict]:
    """The other plans' headers, newest file name first (only the facts the import reuses)."""
    headers = []
    for path in sorted(folder.glob("*.yml"), reverse=True):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError:  # the build names that file's error; the import only borrows facts
            continue
        if isinstance(data, dict) and {"kind", "issuer"} <= data.keys():
            headers.append({**data, "id": path.stem})
    return headers


def plan_names(header: Header, known: list[dict], file: Path, wanted: str | None) -> tuple[str, str]:
    """(the plan's id, its source file's name): next year's id after the last plan of the same kind, and
    the source named like the 2022 one; a plan given its own id has its source named after that id."""
    year = re.search(r"năm\s+(\d{4})", header.place_date)
    year = year[1] if year else None
    plan_id = wanted
    if not plan_id:
        same = next((h["id"] for h in known if h["kind"] == header.kind and re.search(r"-\d{4}$", h["id"])), None)
        plan_id = f"{same[:-5]}-{year}" if same and year else slugify(file.stem)
    return plan_id, f"{slugify(header.kind)}-{year}.txt" if year and not wanted else f"{plan_id}.txt"


def import_plan(root: Path, file: Path, plan_id: str | None = None, force: bool = False) -> list[str]:
    """Import one plan; the review list. Raises DataError, having written nothing, on any problem."""
    reading = read_file(file)
    data = root / settings.DATA_DIR
    plans = data / settings.PLANS_DIR
    blocks, letterhead = split_letterhead(reading.blocks)
    known = known_headers(plans)
    header = read_header(blocks, letterhead, known)
    others = [h for h in known if h["id"] != plan_id]
    plan_id, source_name = plan_names(header, others, file, plan_id)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", plan_id):
        raise DataError(str(file), f"id '{plan_id}' không hợp lệ",
                        "đặt id bằng chữ thường không dấu nối bằng '-', ví dụ ID=dan-van-2023")
    header_path, source_path = plans / f"{plan_id}.yml", data / settings.SOURCE_DIR / source_name
    for target in (header_path, source_path):
        if target.exists() and not force:
            raise DataError(settings.shown(target.relative_to(data).as_posix()), "tệp đã có, lệnh nhập không ghi đè",
                            "chạy lại với FORCE=1 (make import FILE=… FORCE=1) để thay, hoặc đặt id khác bằng ID=…")
    text = "\n\n".join(blocks) + "\n"
    source_ref = f"../{settings.SOURCE_DIR}/{source_name}"
    yaml_text = header_yaml(header, source_ref, reading.page_breaks, file.name)
    checks, lines = _check_with_model(data, plan_id, source_name, yaml_text, text, reading.page_breaks)
    found = find(root, lines)
    source_path.parent.mkdir(parents=True, exist_ok=True)
    source_path.write_text(text, encoding="utf-8")
    header_path.write_text(yaml_text, encoding="utf-8")
    write_drafts(root, found, file.name)
    review = [f"Đã ghi {settings.shown(f'{settings.SOURCE_DIR}/{source_name}')} ({len(blocks)} đoạn) và "
              f"{settings.shown(f'{settings.PLANS_DIR}/{plan_id}.yml')}.", "", "Phần đầu (đối chiếu với văn bản):"]
    review += [f"  {key}: {getattr(header, key)}" for key in ("kind", "title", "number", "place_date", "issuer", "signer")]
    if letterhead:
        review.append(f"  Phần đầu văn bản (quốc hiệu, tên cơ quan) không chép vào tệp nguồn: {' / '.join(letterhead)}")
    review += ["", "Cần xem lại:", *(f"  - {n}" for n in header.notes + reading.notes + checks)]
    return [*review, "", *review_of(found)]


def _check_with_model(data: Path, plan_id: str, source_name: str, yaml_text: str, text: str,
                      page_breaks: list[str]) -> tuple[list[str], list[str]]:
    """What the build will say of the new plan (in a scratch copy), and its lines with page breaks joined."""
    with tempfile.TemporaryDirectory() as scratch:
        plans, sources = Path(scratch) / settings.PLANS_DIR, Path(scratch) / settings.SOURCE_DIR
        plans.mkdir()
        sources.mkdir()
        (plans / f"{plan_id}.yml").write_text(yaml_text, encoding="utf-8")
        (sources / source_name).write_text(text, encoding="utf-8")
        shown_as = settings.shown(f"{settings.PLANS_DIR}/{plan_id}.yml")
        try:
            plan = load_plan(plans / f"{plan_id}.yml", data / settings.schema_file(settings.PLAN_SCHEMA), shown_as)
            checks = [f"Bản dựng đọc được Kế hoạch: {len(plan.sections)} trang ({', '.join(s.id for s in plan.sections)})."]
        except DataError as error:
            checks = [f"Bản dựng sẽ dừng với lỗi sau, cần sửa: {error}"]
        try:
            lines = read_lines(sources / source_name, source_name, page_breaks, shown_as)
        except DataError:
            lines = [line for block in text.split("\n\n") for line in block.split("\n") if line.strip()]
    return checks, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.commands.import_plan",
                                     description="Nhập một Kế hoạch (.docx, .pdf, .txt) vào dữ liệu của sổ tay.")
    parser.add_argument("file", type=Path, help="tệp Kế hoạch, ví dụ ke-hoach-2023.docx")
    parser.add_argument("--force", action="store_true", help="ghi đè tệp nguồn và phần đầu đã có")
    parser.add_argument("--id", dest="plan_id", help="id của Kế hoạch (mặc định: theo Kế hoạch cùng loại năm trước)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="thư mục gốc của dự án")
    arguments = parser.parse_args(argv)
    try:
        review = import_plan(arguments.root, arguments.file, arguments.plan_id, arguments.force)
    except DataError as error:
        sys.stderr.write(f"LỖI: {error}\nKhông tệp nào được ghi.\n")
        return 1
    sys.stdout.write("\n".join(review) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
