"""The import command and the citation finder, as the editor meets them.

Round trips: the 2022 plan as a Word file built here (real numbering in numbering.xml, bold and
italic runs, letterhead and signature tables), as a PDF printed from it in Chromium (running header,
page numbers, sentences cut by page breaks) and as plain text; each import gives back the 2022 text
line for line and the same header facts. Bad files: one clear error each, nothing written.
"""

from __future__ import annotations

import hashlib
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest
import yaml

from macros.commands import check_citations
from macros.commands.import_plan import import_plan, main
from macros.errors import DataError
from macros.importing.encoding import legacy_encoding
from macros.importing.references import find_references
from macros.model import load_handbook
from macros.model.plan import read_lines

from helpers import FIXTURE_PLANS, ROOT, TEST_PLAN
from plan_files import plan_docx, plan_html, print_pdf, word_numbers

HEADER_FACTS = ("kind", "title", "number", "place_date", "issuer", "signer")
REAL_HEADER = yaml.safe_load((ROOT / "data/plans/dan-van-2022.yml").read_text(encoding="utf-8"))
REAL_SOURCE = ROOT / "data/source/ke-hoach-cong-tac-dan-van-2022.txt"
REAL_LINES = read_lines(REAL_SOURCE, "nguồn", REAL_HEADER["page_breaks"], "phần đầu")
COPY = "ban-sao-2022"  # the imported copy's id, beside the real plan in a copy of data/

# The 2022 plan cites 24 documents by number or by name. The catalogue's 25th record, "Kế hoạch dân vận
# năm 2021", is only words inside the subject of Kế hoạch số 01-KH/BCSD-BDVTU: no number, issuer or
# date, the same form as the plan's own "Kế hoạch công tác dân vận năm 2022". It is no citation.
NOT_A_CITATION = "ke-hoach-dan-van-2021"


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's data: the import writes into it, never into data/."""
    shutil.copytree(ROOT / "data", tmp_path / "project" / "data")
    return tmp_path / "project"


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def imported(project: Path, plan_id: str = COPY) -> tuple[dict, list[str]]:
    """The imported header and its text's lines as the build reads them (page breaks joined)."""
    header = yaml.safe_load((project / f"data/plans/{plan_id}.yml").read_text(encoding="utf-8"))
    lines = read_lines(project / "data/plans" / header["source"], "nguồn", header["page_breaks"], "phần đầu")
    return header, lines


def assert_same_plan(project: Path, review: list[str]) -> dict:
    header, lines = imported(project)
    assert lines == REAL_LINES  # sentence for sentence, emphasis marks included
    assert {k: header[k] for k in HEADER_FACTS} == {k: REAL_HEADER[k] for k in HEADER_FACTS}
    assert any(line.startswith("  - Bản dựng đọc được Kế hoạch: 17 trang") for line in review), review
    assert "Văn bản được viện dẫn: 27 chỗ, 24 văn bản." in review and not any("[MỚI]" in r for r in review)
    return header


# ---------------------------------------------------------------- round trips

def test_a_word_file_with_automatic_numbering_gives_the_2022_text_back(project, tmp_path):
    docx = plan_docx(REAL_LINES, tmp_path / "ke-hoach-2022.docx")
    assert word_numbers(docx)  # "I.", "1.", "-" are Word's numbering, not typed text
    before = (project / "data/documents.yml").read_bytes()
    review = import_plan(project, docx, COPY)
    header = assert_same_plan(project, review)
    assert header["page_breaks"] == []
    assert (project / "data/documents.yml").read_bytes() == before  # nothing new cited: no drafts
    assert any("Bảng 1 hàng × 2 cột" in line for line in review)  # tables kept, and said so
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in line for line in review)  # letterhead reported


def test_a_printed_pdf_gives_the_2022_text_back_with_its_page_breaks(project, tmp_path, browser):
    pdf = print_pdf(browser, plan_html(REAL_LINES), tmp_path / "ke-hoach-2022.pdf")
    review = import_plan(project, pdf, COPY)
    header = assert_same_plan(project, review)
    source = (project / "data/plans" / header["source"]).read_text(encoding="utf-8")
    assert header["page_breaks"], "the printed plan has sentences cut by page breaks"
    for ending in header["page_breaks"]:  # each join kept in the source as received, and listed
        assert f"{ending}\n\n" in source and any(f"'…{ending}'" in line for line in review)
    assert "Trang " not in source and "Kế hoạch công tác dân vận\n" not in source  # running lines gone
    assert any("Đã bỏ dòng đầu/chân trang 'Trang #/#'" in line for line in review)


def test_the_2022_text_file_imports_as_it_is_with_its_four_page_breaks(project):
    review = import_plan(project, REAL_SOURCE, COPY)
    header = assert_same_plan(project, review)
    source = (project / "data/plans" / header["source"]).read_text(encoding="utf-8")
    assert source.split() == REAL_SOURCE.read_text(encoding="utf-8").split()
    assert len(header["page_breaks"]) == 4
    assert [e for e in header["page_breaks"] if any(r.endswith(e) for r in REAL_HEADER["page_breaks"])] \
        == header["page_breaks"]


def test_a_windows_1258_text_file_is_converted(project, tmp_path):
    file = tmp_path / "ke-hoach.txt"
    file.write_bytes(cp1258(REAL_SOURCE.read_text(encoding="utf-8")))
    review = import_plan(project, file, COPY)
    assert_same_plan(project, review)
    assert any("Windows-1258" in line for line in review)


TONES = "\u0300\u0301\u0303\u0309\u0323"  # the five tone marks, which Windows-1258 writes as combining marks


def cp1258(text: str) -> bytes:
    """Text as Windows-1258 writes it: letters such as ê, ơ whole, the tone mark after them."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            marks = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in TONES))
            out += (base + "".join(m for m in marks if m in TONES)).encode("cp1258")
    return out


# ---------------------------------------------------------------- bad files: one error, nothing written

def _docx_with_text(tmp_path: Path, text: str) -> Path:
    from docx import Document
    document = Document()
    document.add_paragraph(text)
    document.save(str(tmp_path / "ke-hoach.docx"))
    return tmp_path / "ke-hoach.docx"


def _encrypted_pdf(tmp_path: Path) -> Path:
    """A PDF encrypted with a user password (the standard handler; no empty password opens it)."""
    body = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
            b"4 0 obj << /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >> endobj\n")
    body += (b"trailer << /Root 1 0 R /Size 5 /Encrypt 4 0 R /ID [<" + b"ab" * 16 + b"><" + b"ab" * 16 + b">] >>\n"
             b"startxref\n" + str(len(body)).encode() + b"\n%%EOF\n")
    (tmp_path / "ke-hoach.pdf").write_bytes(body)
    return tmp_path / "ke-hoach.pdf"


def _scanned_pdf(tmp_path: Path) -> Path:
    from PIL import Image
    Image.new("RGB", (595, 842), "white").save(tmp_path / "ke-hoach.pdf")
    return tmp_path / "ke-hoach.pdf"


def _write(name: str, data: bytes):
    def make(tmp_path: Path) -> Path:
        (tmp_path / name).write_bytes(data)
        return tmp_path / name
    return make


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
BAD_FILES = {
    "old .doc": (_write("ke-hoach.doc", OLE + b"WordDocument"), "Word 97-2003 (.doc)", "Save As"),
    ".doc named .docx": (_write("ke-hoach.docx", OLE + b"W\0o\0r\0d\0"), "Word 97-2003 (.doc)", "Save As"),
    "password-protected .docx": (_write("ke-hoach.docx", OLE + "EncryptedPackage".encode("utf-16-le")),
                                 "bảo vệ bằng mật khẩu", "bỏ mật khẩu"),
    "damaged .docx": (_write("ke-hoach.docx", b"PK\x03\x04 this zip is cut short"), "bị hỏng", "bản gốc"),
    "empty file": (_write("ke-hoach.docx", b""), "tệp trống", "xin lại"),
    "empty text": (_write("ke-hoach.txt", b"\n \n"), "không có chữ nào", "kiểm tra lại"),
    "scanned PDF": (_scanned_pdf, "không có lớp chữ", "tesseract-ocr-vie"),
    "password-protected PDF": (_encrypted_pdf, "bảo vệ bằng mật khẩu", "xin bản không đặt mật khẩu"),
    "damaged PDF": (_write("ke-hoach.pdf", b"%PDF-1.4\n1 0 obj << /Type"), "bị hỏng", "bản gốc"),
    "TCVN3 text": (_write("ke-hoach.txt", "KÕ ho¹ch c«ng t¸c d©n vËn n¨m 2023 cña Së V¨n hãa".encode("cp1252")),
                   "TCVN3", "Unikey"),
    "VNI in Word": (lambda tmp: _docx_with_text(tmp, "Keá hoaïch coâng taùc daân vaän naêm 2023 cuûa Sôû"), "VNI", "Unikey"),
    "other kind": (_write("ke-hoach.odt", b"PK"), "không đọc được tệp kiểu '.odt'", ".docx"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_gives_one_clear_error_and_writes_nothing(case, project, tmp_path, capsys):
    make, problem, fix = BAD_FILES[case]
    file = make(tmp_path)
    before = snapshot(project)
    assert main([str(file), "--root", str(project), "--id", COPY]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"LỖI: {file}: ") and problem in error and "Cách sửa: " in error and fix in error, error
    assert "Không tệp nào được ghi." in error
    assert snapshot(project) == before


def test_nothing_is_overwritten_without_force(project, tmp_path, capsys):
    docx = plan_docx(REAL_LINES, tmp_path / "ke-hoach-2022.docx")
    assert main([str(docx), "--root", str(project)]) == 1  # the next id of its kind is dan-van-2022 itself
    error = capsys.readouterr().err
    assert "data/plans/dan-van-2022.yml: tệp đã có" in error and "FORCE=1" in error
    before = snapshot(project)
    assert main([str(docx), "--root", str(project), "--id", COPY]) == 0
    assert main([str(docx), "--root", str(project), "--id", COPY]) == 1
    assert main([str(docx), "--root", str(project), "--id", COPY, "--force"]) == 0
    assert set(snapshot(project)) - set(before) == {f"data/plans/{COPY}.yml", f"data/source/{COPY}.txt"}


def test_legacy_encodings_are_told_apart():
    assert legacy_encoding("KÕ ho¹ch c«ng t¸c d©n vËn n¨m 2023 cña Së V¨n hãa") == "TCVN3"
    assert legacy_encoding("Keá hoaïch coâng taùc daân vaän naêm 2023 cuûa Sôû Vaên hoùa") == "VNI"
    assert legacy_encoding(REAL_SOURCE.read_text(encoding="utf-8")) is None


# ---------------------------------------------------------------- the citation finder

def test_the_finder_finds_the_24_documents_the_2022_plan_cites_and_nothing_else(handbook):
    references = find_references(REAL_LINES, handbook.catalogue)
    found = {r.document_id for r in references}
    assert None not in found, [r.words for r in references if r.document_id is None]  # no false positives
    expected = {d.id for d in handbook.catalogue.documents} - {NOT_A_CITATION}
    assert len(expected) == 24 and found == expected
    # The drafts it would write read the plan's own facts
    by_words: dict = {}
    for reference in references:
        by_words.setdefault(reference.words, reference)
    chi_thi = by_words["Chỉ thị số 16/CT-TTg"]
    assert (chi_thi.date, chi_thi.issuer) == ("2016-05-16", "Thủ Tướng Chính phủ")  # as first written
    kl = by_words["Kết luận số 03- KL/TW"]
    assert (kl.number, kl.spelling, kl.date, kl.issuer) == ("03-KL/TW", "03- KL/TW", "2016-05-13", "Ban Bí thư")
    qd = by_words["Quyết định số 217-QĐ/TW"]
    assert (qd.issuer, qd.term, qd.subject) == ("Bộ Chính trị", "XI", handbook.catalogue.get("quyet-dinh-217-qd-tw").subject)


def test_check_citations_finds_the_test_plans_new_document_and_writes_one_draft(project, capsys):
    shutil.copy(FIXTURE_PLANS / f"{TEST_PLAN}.yml", project / "data/plans")
    shutil.copytree(FIXTURE_PLANS / TEST_PLAN, project / "data/plans" / TEST_PLAN)
    assert check_citations.main([TEST_PLAN, "--root", str(project)]) == 0
    out = capsys.readouterr().out
    assert "  [MỚI] Chỉ thị số 99/CT-THUNGHIEM" in out and out.count("[MỚI]") == 1
    assert "  [có] Hiến pháp năm 2013 → hien-phap-2013 (đã có trong danh mục)" in out
    assert "Cơ quan 'Ban Thử nghiệm' chưa có trong data/issuers.yml" in out
    records = yaml.safe_load((project / "data/documents.yml").read_text(encoding="utf-8"))["documents"]
    draft = records[-1]
    assert {k: draft[k] for k in ("id", "draft", "type", "number", "date", "issuer", "system")} == {
        "id": "chi-thi-99-ct-thunghiem", "draft": True, "type": "Chỉ thị", "number": "99/CT-THUNGHIEM",
        "date": "2023-01-05", "issuer": "Ban Thử nghiệm", "system": None}
    # Run again: the draft is known now, never written twice
    assert check_citations.main([TEST_PLAN, "--root", str(project)]) == 0
    assert "[có] Chỉ thị số 99/CT-THUNGHIEM → chi-thi-99-ct-thunghiem (bản nháp, chưa duyệt)" in capsys.readouterr().out
    assert len(yaml.safe_load((project / "data/documents.yml").read_text(encoding="utf-8"))["documents"]) == len(records)
    # The build refuses the draft with one error naming file, record, field and fix
    with pytest.raises(DataError) as error:
        load_handbook(project)
    message = str(error.value)
    assert message.startswith("data/documents.yml:") and "bản ghi 'chi-thi-99-ct-thunghiem', trường 'draft'" in message
    assert "xóa dòng 'draft: true'" in message
    text = (project / "data/documents.yml").read_text(encoding="utf-8").replace("    draft: true\n", "")
    (project / "data/documents.yml").write_text(text, encoding="utf-8")
    # Reviewed, with its issuing body added as the review list asked
    with (project / "data/issuers.yml").open("a", encoding="utf-8") as issuers:
        issuers.write((FIXTURE_PLANS / "issuers-extra.yml").read_text(encoding="utf-8"))
    assert "chi-thi-99-ct-thunghiem" in {d.id for d in load_handbook(project).catalogue.documents}


def test_word_numbering_levels_count_as_word_shows_them(tmp_path):
    from docx import Document

    from macros.importing.docx import read_docx
    lines = ["Số: 1/KH", "Nơi, ngày 1 tháng 1 năm 2023", "KẾ HOẠCH **Thử**", "Căn cứ …",
             "I. Một", "1. Mục", "a) Ý một", "b) Ý hai", "2. Mục hai", "a) Ý", "- Gạch", "II. Hai",
             "1. Mục", "Nơi nhận:", "- Lưu: VT.", "GIÁM ĐỐC", "Tên"]
    path = plan_docx(lines, tmp_path / "so.docx")
    assert not any(p.text.startswith(("a)", "1.")) for p in Document(str(path)).paragraphs)
    blocks = read_docx(path, "so.docx").blocks
    assert [b for b in blocks if b[:2] in {"I.", "II", "1.", "2.", "a)", "b)", "- "}] == [*lines[4:13], "- Lưu: VT."]


def test_a_footnote_is_kept_after_its_paragraph_and_reported(tmp_path):
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from macros.importing.docx import read_docx
    document = Document()
    paragraph = document.add_paragraph("Căn cứ Chỉ thị số 16/CT-TTg")
    paragraph.add_run()._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="1"/>'))
    paragraph.add_run(" của Thủ tướng Chính phủ,")
    document.add_paragraph("Đoạn sau.")
    plain = tmp_path / "plain.docx"
    document.save(str(plain))
    # python-docx writes no footnotes part: add one as Word does (part, relationship, content type)
    path = tmp_path / "chu-thich.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdNotes" Type="http://schemas.openxml'
                                    b'formats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                                    b"</Relationships>")
            target.writestr(item, data)
        target.writestr("word/footnotes.xml", f'<w:footnotes {nsdecls("w")}><w:footnote w:id="1"><w:p><w:r>'
                        "<w:t>Văn bản thử, chỉ dùng làm dữ liệu kiểm thử.</w:t></w:r></w:p></w:footnote></w:footnotes>")
    reading = read_docx(path, "chu-thich.docx")
    assert reading.blocks == ["Căn cứ Chỉ thị số 16/CT-TTg[1] của Thủ tướng Chính phủ,",
                              "[1] Văn bản thử, chỉ dùng làm dữ liệu kiểm thử.", "Đoạn sau."]
    assert any(note.startswith("Chú thích cuối trang [1]") for note in reading.notes)


def test_the_header_is_read_from_the_letterhead_and_the_signature_as_written():
    from macros.importing.header import read_header, split_letterhead
    received = ["UBND TỈNH BÌNH PHƯỚC", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Số: 15/KH-SVHTTDL",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "Bình Phước, ngày 10 tháng 3 năm 2023", "KẾ HOẠCH", "THỰC HIỆN CÔNG TÁC DÂN VẬN NĂM 2023",
                "Căn cứ Kế hoạch số 01-KH/BCSD-BDVTU,", "Sở Văn hoá, Thể thao và Du lịch xây dựng kế hoạch:",
                "I. Mục đích", "Nội dung.", "Nơi nhận:", "- Lưu: VT.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn A"]
    blocks, letterhead = split_letterhead(received)
    assert blocks[:3] == ["Số: 15/KH-SVHTTDL", "Bình Phước, ngày 10 tháng 3 năm 2023",
                          "KẾ HOẠCH THỰC HIỆN CÔNG TÁC DÂN VẬN NĂM 2023"]
    header = read_header(blocks, letterhead, known=[])
    assert (header.title, header.kind) == ("Kế hoạch thực hiện công tác dân vận năm 2023",
                                           "Kế hoạch thực hiện công tác dân vận")
    assert (header.number, header.place_date) == ("15/KH-SVHTTDL", "Bình Phước, ngày 10 tháng 3 năm 2023")
    # The body's name as the text spells it, and the province from the letterhead and the place
    assert header.issuer == "Sở Văn hoá, Thể thao và Du lịch tỉnh Bình Phước"
    assert (header.signer, header.signature_blocks) == ("Nguyễn Văn A", 3)
    assert any("chữ hoa" in note for note in header.notes)
