"""Small broken copies of the site: each must fail the build with one message an editor can act on."""

from __future__ import annotations

import pytest

from helpers import copy_project, failing_build, mkdocs_build

pytestmark = pytest.mark.build  # every test builds a broken copy of the project

CATALOGUE = "data/documents.yml"
FIRST_RECORD = """  - id: ke-hoach-01-kh-bcsd-bdvtu
    type: Kế hoạch
    number: "01-KH/BCSD-BDVTU"
"""
CT49 = """  - id: chi-thi-49-ct-tw
    type: Chỉ thị
    number: "49-CT/TW"
"""

# name: (file, text to replace, replacement, parts the one error message must contain)
BROKEN = {
    "yaml-syntax": (CATALOGUE, 'number: "16/CT-TTg"', 'number: "16/CT-TTg', [CATALOGUE, "lỗi cú pháp YAML", "Cách sửa"]),
    "duplicate-id": (CATALOGUE, "  - id: chi-thi-30-ct-tw\n", "  - id: chi-thi-16-ct-ttg\n",
                     [CATALOGUE, "bản ghi 'chi-thi-16-ct-ttg'", "trường 'id'", "id bị trùng", "Cách sửa"]),
    "missing-field": (CATALOGUE, CT49 + "    issuer: Ban Bí thư Trung ương Đảng\n", CT49,
                      [CATALOGUE, "bản ghi 'chi-thi-49-ct-tw'", "thiếu trường bắt buộc 'issuer'", "ghi null"]),
    "unknown-relation": (CATALOGUE, "implements: [chi-thi-16-ct-ttg]", "implements: [chi-thi-99-ct-ttg]",
                         [CATALOGUE, "bản ghi 'ke-hoach-193-kh-ubnd'", "trường 'implements'", "'chi-thi-99-ct-ttg'"]),
    "unknown-citation": (CATALOGUE, 'spellings: ["03- KL/TW"]', 'spellings: ["03 - KL/TW"]',
                         [CATALOGUE, "bản ghi 'ket-luan-03-kl-tw'", "trường 'spellings'", "Kế hoạch nào có cụm từ viện dẫn"]),
    "malformed-date": (CATALOGUE, 'date: "2016-05-16"', 'date: "16/05/2016"',
                       [CATALOGUE, "bản ghi 'chi-thi-16-ct-ttg'", "trường 'date'", "YYYY-MM-DD"]),
    "impossible-date": (CATALOGUE, 'date: "2016-05-16"', 'date: "2016-02-30"',
                        [CATALOGUE, "bản ghi 'chi-thi-16-ct-ttg'", "trường 'date'", "không tồn tại"]),
    "date-after-plan": (CATALOGUE, 'date: "2016-05-16"', 'date: "2022-04-01"',
                        [CATALOGUE, "bản ghi 'chi-thi-16-ct-ttg'", "trường 'date'", "muộn hơn ngày ban hành Kế hoạch"]),
    "wrong-type": (CATALOGUE, "term: XI\n    subject: về việc ban hành Quy chế giám sát",
                   "term: 11\n    subject: về việc ban hành Quy chế giám sát",
                   [CATALOGUE, "bản ghi 'quyet-dinh-217-qd-tw'", "trường 'term'", "số La Mã"]),
    "markup-in-field": (CATALOGUE, "subject: về việc tăng cường kỷ luật",
                        "subject: <script>alert(1)</script> về việc tăng cường kỷ luật",
                        [CATALOGUE, "bản ghi 'chi-thi-18-ct-ubnd'", "trường 'subject'", "không có ký hiệu định dạng hay HTML"]),
    "unknown-field": (CATALOGUE, FIRST_RECORD, FIRST_RECORD + "    nubmer: x\n",
                      [CATALOGUE, "bản ghi 'ke-hoach-01-kh-bcsd-bdvtu'", "nubmer", "sửa lại tên trường"]),
    "unreviewed-draft": (CATALOGUE, CT49, CT49.replace("    type:", "    draft: true\n    type:"),
                         [CATALOGUE, "bản ghi 'chi-thi-49-ct-tw'", "trường 'draft'", "bản nháp",
                          "xóa dòng 'draft: true'"]),
    "unknown-issuer": (CATALOGUE, "issuer: Thủ tướng Chính phủ", "issuer: Thủ tướng chính phủ",
                       [CATALOGUE, "bản ghi 'chi-thi-16-ct-ttg'", "trường 'issuer'", "'Thủ tướng chính phủ'",
                        "thêm cách viết này vào data/issuers.yml"]),
    "issuer-spelled-twice": ("data/issuers.yml", "spellings: [Quốc hội]", "spellings: [Quốc hội, Chính phủ]",
                             ["data/issuers.yml", "bản ghi 'Chính phủ'", "trường 'spellings'",
                              "'Chính phủ' đã thuộc cơ quan 'Quốc hội'"]),
    "undefined-macro": ("docs/index.md", "{{ plan_contents() }}", "{{ plan_contentz() }}",
                        ["index.md", "'plan_contentz' is undefined"]),
    "undefined-variable": ("docs/index.md", "{{ plan_contents() }}", "{{ so_hieu }}", ["index.md", "'so_hieu' is undefined"]),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_input_fails_with_its_message(case, tmp_path):
    file, old, new, message_parts = BROKEN[case]
    output = failing_build(tmp_path, file, old, new)
    for part in message_parts:
        assert part in output, f"'{part}' missing from the error of '{case}':\n{output}"
    if file.startswith("data/"):
        # Data errors are caught before any page is rendered: one message, no traceback.
        assert "Traceback" not in output, output
        assert output.count("Cách sửa") == 1, output


def test_a_failed_build_leaves_the_published_site_untouched(tmp_path):
    project = copy_project(tmp_path / "project")
    catalogue = project / CATALOGUE
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace('date: "2016-05-16"', 'date: "2016-13-01"'),
                         encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("phiên bản đang dùng", encoding="utf-8")
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "phiên bản đang dùng"


def test_a_generated_page_cannot_be_shadowed_by_a_hand_written_file(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "van-ban" / "chi-thi-16-ct-ttg.md").write_text("# viết tay\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/van-ban/chi-thi-16-ct-ttg.md" in output and "xóa tệp" in output

