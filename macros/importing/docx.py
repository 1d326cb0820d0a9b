"""A Word file (.docx) as the plan's paragraphs: numbering as Word shows it, emphasis, tables, notes.

python-docx reads the file; this module only walks it in reading order. Tables (the letterhead and
the signature block are tables in most plans) are read cell by cell, left to right; footnotes are
kept after their paragraph; anything not read (text boxes) is reported, never dropped silently.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from lxml import etree

from ..errors import DataError
from . import Reading
from .emphasis import Segment, markdown
from .encoding import check_unicode
from .numbering import Numbering

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 files, and password-protected .docx
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def check_container(data: bytes, shown_as: str) -> None:
    """Refuse what is not a .docx before reading: an old .doc, a password-protected file."""
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED in data:
            raise DataError(shown_as, "tệp Word được bảo vệ bằng mật khẩu",
                            "mở tệp bằng Word, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ tài liệu → Mã hóa bằng mật khẩu: "
                            "xóa trống), lưu lại rồi chạy lại lệnh nhập")
        raise DataError(shown_as, "đây là tệp Word 97-2003 (.doc), không phải .docx",
                        "mở tệp bằng Word hoặc LibreOffice, Lưu thành (Save As) kiểu Word Document (.docx), "
                        "rồi nhập tệp .docx đó")


def read_docx(path: Path, shown_as: str) -> Reading:
    data = path.read_bytes()
    check_container(data, shown_as)
    try:
        document = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise DataError(shown_as, f"tệp .docx bị hỏng hoặc không phải tệp Word ({type(error).__name__})",
                        "mở tệp bằng Word: nếu Word sửa được thì lưu lại bản đã sửa; nếu không, xin lại bản gốc") from None
    body = document.element.body
    if body.find(f".//{qn('w:ins')}") is not None or body.find(f".//{qn('w:del')}") is not None:
        raise DataError(shown_as, "tài liệu còn những thay đổi chưa chấp nhận (Theo dõi thay đổi)",
                        "trong Word chọn Xem lại → Chấp nhận → Chấp nhận mọi thay đổi (hoặc từ chối), lưu lại rồi chạy lại")
    walker = _Walker(document)
    for item in document.iter_inner_content():
        walker.block(item)
    reading = Reading(walker.blocks, notes=walker.notes + walker.numbering.notes)
    check_unicode("\n".join(reading.blocks), shown_as)
    boxes = len(body.findall(f".//{qn('w:txbxContent')}"))
    if boxes:
        reading.notes.append(f"{boxes} khung chữ (text box) trong tệp Word không được đọc: nếu người đọc thấy chữ "
                             "trong đó, chép tay vào tệp nguồn.")
    return reading


class _Walker:
    """Collects paragraphs in reading order, counting Word's numbers as it goes."""

    def __init__(self, document):
        self.numbering = Numbering(document)
        self.notes: list[str] = []
        self.blocks: list[str] = []
        self.notes_text = _note_texts(document)
        self.styles = _Styles(document)

    def block(self, item) -> None:
        if isinstance(item, Table):
            self.table(item)
        else:
            self.paragraph(item)

    def table(self, table: Table) -> None:
        rows, columns = len(table.rows), len(table.columns)
        first = len(self.blocks)
        seen = set()
        for row in table.rows:
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell is listed once per column it spans
                    continue
                seen.add(id(cell._tc))
                for item in cell.iter_inner_content():
                    self.block(item)
        if len(self.blocks) > first:
            self.notes.append(f"Bảng {rows} hàng × {columns} cột (bắt đầu bằng '{self.blocks[first][:50]}'): "
                              "chữ trong các ô được giữ, mỗi ô thành đoạn, theo thứ tự trái sang phải, trên xuống dưới.")

    def paragraph(self, paragraph) -> None:
        label = self.numbering.label(paragraph)
        segments, notes = [], []
        for item in paragraph.iter_inner_content():
            for run in getattr(item, "runs", [item]):  # a hyperlink holds runs
                segments.append(Segment(run.text.replace("\t", " "), self.styles.flag(run, paragraph, "bold"),
                                        self.styles.flag(run, paragraph, "italic")))
                for kind in ("footnoteReference", "endnoteReference"):
                    for ref in run._r.findall(qn(f"w:{kind}")):
                        note_id = ref.get(qn("w:id"))
                        number = len(self.notes_text["seen"]) + 1
                        self.notes_text["seen"].append(note_id)
                        segments.append(Segment(f"[{number}]"))
                        notes.append(f"[{number}] {self.notes_text.get((kind, note_id), '')}".strip())
        text = markdown(segments)[0]
        if not text:
            return
        self.blocks.append(label + text)
        for note in notes:
            self.blocks.append(note)
            self.notes.append(f"Chú thích cuối trang {note[:60]}… được giữ thành đoạn ngay sau đoạn có dấu chú thích.")


class _Styles:
    """A run's effective bold or italic: its own, else its character style's, else its paragraph
    style's (each style inheriting from its base). Looked up once per style: python-docx scans."""

    def __init__(self, document):
        self.part = document.part
        self.known: dict = {}

    def flag(self, run, paragraph, name: str) -> bool:
        value = getattr(run.font, name)
        for kind, style_id in ((WD_STYLE_TYPE.CHARACTER, run._r.style), (WD_STYLE_TYPE.PARAGRAPH, paragraph._p.style)):
            if value is None:
                value = self._style(kind, style_id, name)
        return bool(value)

    def _style(self, kind, style_id, name: str):
        key = (kind, style_id, name)
        if key not in self.known:
            style, value = self.part.get_style(style_id, kind), None
            while value is None and style is not None:
                value, style = getattr(style.font, name), style.base_style
            self.known[key] = value
        return self.known[key]


def _note_texts(document) -> dict:
    """Footnote and endnote texts by (reference kind, id)."""
    texts: dict = {"seen": []}
    for rel in document.part.rels.values():
        for kind, part_name in (("footnoteReference", "footnotes"), ("endnoteReference", "endnotes")):
            if rel.is_external or not rel.reltype.endswith(f"/{part_name}"):
                continue
            root = etree.fromstring(rel.target_part.blob)
            for note in root.findall(qn(f"w:{part_name[:-1]}")):
                words = "".join(t.text or "" for t in note.iter(qn("w:t")))
                texts[(kind, note.get(qn("w:id")))] = " ".join(words.split())
    return texts
