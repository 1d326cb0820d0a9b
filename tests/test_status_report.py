"""`make status-report`: which cited documents to check next, and where (no build, no browser).

The documents, sources and dates below are FICTIONAL test data, made for these tests only.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from macros.commands.status_report import NEVER, RECENT, STALE, by_need, main, report, year_before
from macros.model.catalogue import Document
from macros.model.lookups import ASK_THE_ISSUER, lookups_for
from macros.model.status import Evidence, LaterRelation, LegalStatus, Source, StatusFact

from helpers import BUILD_ENV, ROOT

TODAY = date(2027, 3, 10)
FICTIONAL_SOURCE = Source("thu-nghiem", "Trang thử nghiệm (không có thật)", "Nơi đăng thử nghiệm",
                          "https://thu-nghiem.example/trang", "bao-chi")


def document(doc_id: str, number: str | None = None, system: str | None = "Nhà nước", level: str | None = "Trung ương",
             cited_as: tuple[str, ...] = ()) -> Document:
    return Document(id=doc_id, type="Chỉ thị", number=number, spellings=(), cited_as=cited_as, issuer=None, date=None,
                    term=None, subject=None, system=system, level=level, relations=(), line=1)


def checked(day: date) -> Evidence:
    return Evidence(FICTIONAL_SOURCE, "đoạn 1", day)


# Catalogue order: a, b, c, d, e, f. a and e never checked; c checked long ago by a relation,
# b a little over a year ago by a status, f exactly a year ago (not more), d last week.
DOCUMENTS = [document("a", "1/CT-TN"), document("b", "2/CT-TN"), document("c", "3/CT-TN"),
             document("d", "4/CT-TN"), document("e", "5/CT-TN"), document("f", "6/CT-TN")]
STATUS = LegalStatus(
    statuses={"b": StatusFact("b", "con-hieu-luc", None, checked(date(2026, 3, 9))),
              "d": StatusFact("d", "con-hieu-luc", None, checked(date(2026, 1, 1)))},
    relations=(LaterRelation("replaced_by", "c", "x", checked(date(2024, 5, 1))),
               LaterRelation("amended_by", "d", "y", checked(date(2027, 3, 3))),
               LaterRelation("continued_by", "f", "z", checked(date(2026, 3, 10)))),
    notes=())


def test_the_report_orders_never_checked_then_stale_then_the_rest():
    needs = by_need(DOCUMENTS, STATUS, TODAY)
    assert [(n.document.id, n.group) for n in needs] == [
        ("a", NEVER), ("e", NEVER), ("c", STALE), ("b", STALE), ("f", RECENT), ("d", RECENT)]
    # A document's last check is its latest source, whichever fact it backs
    assert {n.document.id: n.checked for n in needs}["d"] == date(2027, 3, 3)


def test_twelve_months_are_counted_from_the_day_given():
    assert year_before(date(2028, 2, 29)) == date(2027, 2, 28)
    later = by_need(DOCUMENTS, STATUS, date(2028, 3, 4))  # d's check (3/3/2027) is now over a year old
    assert [n.document.id for n in later if n.group == STALE] == ["c", "b", "f", "d"]


def test_the_report_says_where_to_check_each_document():
    text = report([*DOCUMENTS, document("g", "7-KH/TU", system="Đảng", level="Tỉnh")], STATUS, TODAY)
    lines = text.splitlines()
    assert lines[0].endswith("(hôm nay 10/03/2027).")
    assert "Chưa kiểm tra: 3 văn bản" in lines and "Kiểm tra đã quá 12 tháng (trước ngày 10/03/2026): 2 văn bản" in lines
    first = lines.index("Chưa kiểm tra: 3 văn bản") + 1
    assert lines[first].startswith("  1. Chỉ thị số 1/CT-TN (Nhà nước, Trung ương)")
    assert lines[first + 1] == ("     Tra: Cơ sở dữ liệu quốc gia về văn bản pháp luật (vbpl.vn), tìm theo số hiệu: "
                                "https://vbpl.vn/TW/Pages/vbpq-timkiem.aspx?Keyword=1/CT-TN")
    assert f"     {ASK_THE_ISSUER}." in lines  # a provincial Party document: no public database known
    assert "     Hiện nay: Đã được thay thế; kiểm tra lần cuối 01/05/2024" in lines


def test_lookups_by_system_and_level():
    party = lookups_for(document("p", "9-QĐ/TW", system="Đảng"))
    assert [x.short for x in party] == ["Tư liệu văn kiện Đảng", "Thư viện Pháp luật"]
    assert party[1].url == "https://thuvienphapluat.vn/page/tim-van-ban.aspx?keyword=9-QĐ/TW&match=True&area=0"
    provincial = lookups_for(document("q", "8/KH-UBND", level="Tỉnh"))
    assert [x.short for x in provincial] == ["Thư viện Pháp luật"]
    unnumbered = lookups_for(document("r", cited_as=("Hiến pháp năm 2013",)))
    assert unnumbered[0].how == "tìm theo tên văn bản" and unnumbered[0].url.endswith("Keyword=Hiến%20pháp%20năm%202013")
    assert lookups_for(document("s", system=None, level=None, cited_as=("Kế hoạch năm trước",))) == []


def test_the_command_reads_the_real_data(capsys):
    assert main(["--today", "2027-12-07", "--root", str(ROOT)]) == 0
    out = capsys.readouterr().out
    assert "Kiểm tra đã quá 12 tháng (trước ngày 07/12/2026): 4 văn bản" in out
    assert "Nghị định số 04/2015/NĐ-CP (Nhà nước, Trung ương)" in out


def test_the_command_refuses_a_day_it_cannot_read():
    result = subprocess.run([sys.executable, "-m", "macros.commands.status_report", "--today", "10/03/2027"], cwd=ROOT,
                            capture_output=True, text=True, env=BUILD_ENV, timeout=60)
    assert result.returncode == 2 and "ngày '10/03/2027' không đọc được: ghi dạng YYYY-MM-DD" in result.stderr
