"""The legal basis as it stands today (data/status.yml): facts found after or outside the plan.

Every fact here carries its evidence: the source (a document or a public page), where in it, and
the day it was checked. These facts never mix with what the plan states (documents.yml); pages
show them apart, as "found later". A document the plan does not cite (the one that replaced a
cited document, say) enters the catalogue only through a fact that relates it to a cited one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import DataError
from .catalogue import Catalogue, Document, IssueDate, parse_date
from .loading import LINE_KEY, load_yaml
from .validation import validate

# Status of a document (tình trạng hiệu lực), in the words of vbpl.vn and thuvienphapluat.vn
STATUS_LABELS = {
    "con-hieu-luc": "Còn hiệu lực",
    "het-hieu-luc": "Hết hiệu lực toàn bộ",
    "het-hieu-luc-mot-phan": "Hết hiệu lực một phần",
}
NOT_CHECKED = "Chưa kiểm tra"
# Relations found later, from the cited (earlier) document's side: (label there, label on the later one)
LATER_RELATIONS = {
    "replaced_by": ("Được thay thế bởi", "Thay thế"),
    # Bãi bỏ: the document ceases to apply and no new document takes its place (unlike thay thế)
    "repealed_by": ("Bị bãi bỏ bởi", "Bãi bỏ"),
    "amended_by": ("Được sửa đổi, bổ sung bởi", "Sửa đổi, bổ sung"),
    "continued_by": ("Được tiếp tục thực hiện bởi", "Tiếp tục thực hiện"),
}
# A document's standing in one phrase, most telling first: the table's status column and filter,
# and the marker its citations carry on the plan's pages. "Chưa kiểm tra" when nothing is known.
STANDINGS = (("replaced_by", "Đã được thay thế"), ("repealed_by", "Đã bị bãi bỏ"),
             ("het-hieu-luc", "Hết hiệu lực toàn bộ"),
             ("het-hieu-luc-mot-phan", "Hết hiệu lực một phần"), ("amended_by", "Đã được sửa đổi, bổ sung"),
             ("continued_by", "Có văn bản tiếp tục thực hiện"), ("con-hieu-luc", "Còn hiệu lực"))
# Standings that change how a reader should use the cited document: its citations are marked
AFFECTED = frozenset(key for key, _ in STANDINGS) - {"con-hieu-luc"}
SOURCE_KINDS = {
    "van-ban": "toàn văn văn bản",
    "co-so-du-lieu": "cơ sở dữ liệu văn bản pháp luật",
    "cong-thong-tin": "cổng thông tin chính thức",
    "bao-chi": "báo chí",
}
FIXES = {
    "source": "ghi nguồn: source: {from: <id một nguồn trong 'sources'>, where: \"Điều 3\", checked: \"YYYY-MM-DD\"}",
    "from": "ghi id của một nguồn khai báo trong 'sources'",
    "where": "ghi chỗ nêu dữ kiện trong nguồn: điều, khoản, mục hay đoạn",
    "checked": "ghi ngày kiểm tra nguồn, dạng \"YYYY-MM-DD\"",
    "status": "ghi một trong: con-hieu-luc, het-hieu-luc, het-hieu-luc-mot-phan",
    "since": "ghi ngày bắt đầu của tình trạng, dạng \"YYYY-MM-DD\", hoặc bỏ trường này nếu nguồn không nêu",
    "title": "ghi tên trang hay tên văn bản của nguồn, văn bản thuần",
    "publisher": "ghi nơi đăng nguồn, ví dụ \"Thư viện Pháp luật (thuvienphapluat.vn)\"",
    "address": "ghi địa chỉ đầy đủ của trang, bắt đầu bằng https://",
    "kind": "ghi một trong: van-ban, co-so-du-lieu, cong-thong-tin, bao-chi",
    "document": "ghi id của một văn bản trong data/documents.yml",
    "text": "ghi dữ kiện bằng lời của mình, văn bản thuần (không chép nguyên câu của nguồn)",
}
_RELATION_KEYS = tuple(LATER_RELATIONS)
_ENDINGS = frozenset({"replaced_by", "repealed_by"})  # a document ends one way or the other, not both


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    address: str
    kind: str

    @property
    def kind_label(self) -> str:
        return SOURCE_KINDS[self.kind]


@dataclass(frozen=True)
class Evidence:
    """Where a fact found later is stated, and when that was checked."""

    source: Source
    where: str
    checked: date


@dataclass(frozen=True)
class StatusFact:
    document: str
    value: str  # a key of STATUS_LABELS
    since: IssueDate | None
    evidence: Evidence

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.value]


@dataclass(frozen=True)
class LaterRelation:
    kind: str  # a key of LATER_RELATIONS
    earlier: str  # the cited document's id
    later: str  # the id of the document that replaces, amends or continues it
    evidence: Evidence


@dataclass(frozen=True)
class Note:
    """A fact about the plan's context (a body reorganised, say), shown with the provincial documents."""

    text: str
    level: str | None  # the documents of this level it concerns ("Tỉnh"), or None
    evidence: Evidence


@dataclass(frozen=True)
class LegalStatus:
    statuses: dict[str, StatusFact]
    relations: tuple[LaterRelation, ...]
    notes: tuple[Note, ...]

    def __post_init__(self):
        # Indexed once: every citation of every page asks about its document
        by_earlier: dict[str, list[LaterRelation]] = {}
        by_later: dict[str, list[LaterRelation]] = {}
        for relation in self.relations:
            by_earlier.setdefault(relation.earlier, []).append(relation)
            by_later.setdefault(relation.later, []).append(relation)
        object.__setattr__(self, "_from", by_earlier)
        object.__setattr__(self, "_to", by_later)

    def status(self, doc_id: str) -> StatusFact | None:
        return self.statuses.get(doc_id)

    def relations_from(self, doc_id: str) -> list[LaterRelation]:
        """What happened to this document later: replaced, repealed, amended or continued by another."""
        return self._from.get(doc_id, [])

    def relations_to(self, doc_id: str) -> list[LaterRelation]:
        """What this (later) document did to earlier ones."""
        return self._to.get(doc_id, [])

    def _known(self, doc_id: str) -> set[str]:
        found = {r.kind for r in self.relations_from(doc_id)}
        if doc_id in self.statuses:
            found.add(self.statuses[doc_id].value)
        return found

    def standing(self, doc_id: str) -> str:
        """The document's standing in one phrase ("Đã được thay thế"), or "Chưa kiểm tra"."""
        known = self._known(doc_id)
        return next((label for key, label in STANDINGS if key in known), NOT_CHECKED)

    def affected(self, doc_id: str) -> bool:
        """Replaced, repealed, amended, continued or no longer (wholly or partly) in force."""
        return bool(self._known(doc_id) & AFFECTED)

    def ended(self, doc_id: str) -> bool:
        """Replaced or repealed: it no longer applies, whatever its recorded status."""
        return bool(self._known(doc_id) & _ENDINGS)

    def last_checked(self, doc_id: str) -> date | None:
        """The latest day a source about this document's own standing was checked, or None if never."""
        found = [r.evidence.checked for r in self.relations_from(doc_id)]
        if doc_id in self.statuses:
            found.append(self.statuses[doc_id].evidence.checked)
        return max(found, default=None)

    def evidence(self) -> list[Evidence]:
        return ([s.evidence for s in self.statuses.values()] + [r.evidence for r in self.relations]
                + [n.evidence for n in self.notes])

    @property
    def checked(self) -> tuple[date, date] | None:
        """The first and the last day a source was checked."""
        days = sorted(e.checked for e in self.evidence())
        return (days[0], days[-1]) if days else None


def _record_name(raw: dict, position: int) -> str:
    return str(raw.get("id") or raw.get("document") or f"thứ {position}")


def _parse_checked(value: str, fail) -> date:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        fail("checked", f"ngày kiểm tra '{value}' không tồn tại", FIXES["checked"])
    return day


def load_status(path: Path, schema_path: Path, shown_as: str, catalogue: Catalogue,
                today: date) -> tuple[tuple[Document, ...], LegalStatus]:
    """The related documents the plan does not cite, and every fact found later, cross-checked."""
    data = load_yaml(path, shown_as)
    validate(data, schema_path, shown_as, ("documents", "facts", "notes"), record_name=_record_name, fixes=FIXES,
             default_fix="sửa theo mẫu ở đầu tệp", missing_fix=None)
    sources = {key: Source(key, raw["title"], raw["publisher"], raw["address"], raw["kind"])
               for key, raw in (data.get("sources") or {}).items() if key != LINE_KEY}

    def evidence(raw: dict, record: str, line: int) -> Evidence:
        def fail(field, problem, fix):
            raise DataError(shown_as, problem, fix, record=record, field=field, line=line)

        ref = raw["source"]
        if ref["from"] not in sources:
            fail("from", f"nguồn '{ref['from']}' không có trong 'sources'", FIXES["from"])
        checked = _parse_checked(ref["checked"], fail)
        if checked > today:
            fail("checked", f"ngày kiểm tra {checked:%d/%m/%Y} ở tương lai (hôm nay là {today:%d/%m/%Y})",
                 "ghi ngày đã thật sự kiểm tra nguồn, không muộn hơn hôm nay")
        return Evidence(sources[ref["from"]], ref["where"], checked)

    later: list[Document] = []
    for raw in data.get("documents") or ():
        doc_id, line = raw["id"], raw[LINE_KEY]
        if doc_id in catalogue or doc_id in {d.id for d in later}:
            raise DataError(shown_as, f"id '{doc_id}' đã có trong danh mục", "đặt cho văn bản một id riêng",
                            record=doc_id, field="id", line=line)
        later.append(Document(
            id=doc_id, type=raw["type"], number=raw["number"], spellings=(), cited_as=(), issuer=raw["issuer"],
            date=parse_date(raw["date"], shown_as, doc_id, line), term=None, subject=raw["subject"],
            system=raw["system"], level=raw["level"], relations=(), line=line,
            found_later=evidence(raw, doc_id, line)))
    known = {d.id: d for d in catalogue.documents + tuple(later)}

    statuses: dict[str, StatusFact] = {}
    relations: list[LaterRelation] = []
    for raw in data.get("facts") or ():
        doc_id, line = raw["document"], raw[LINE_KEY]

        def fail(field, problem, fix, _id=doc_id, _line=line):
            raise DataError(shown_as, problem, fix, record=_id, field=field, line=_line)

        if doc_id not in catalogue:
            fail("document", f"không có văn bản '{doc_id}' trong data/documents.yml", FIXES["document"])
        kinds = [k for k in ("status", *_RELATION_KEYS) if k in raw]
        if len(kinds) != 1:
            fail(None, "mỗi dữ kiện phải ghi đúng một trong: status, " + ", ".join(_RELATION_KEYS),
                 "tách thành nhiều dữ kiện, mỗi dữ kiện một tình trạng hay một quan hệ, mỗi dữ kiện một nguồn")
        found = evidence(raw, doc_id, line)
        if kinds == ["status"]:
            if doc_id in statuses:
                fail("status", "văn bản đã có một tình trạng ở dữ kiện khác", "giữ một tình trạng cho mỗi văn bản")
            since = parse_date(raw.get("since"), shown_as, doc_id, line)
            statuses[doc_id] = StatusFact(doc_id, raw["status"], since, found)
            continue
        kind = kinds[0]
        other = raw[kind]
        if other not in known:
            fail(kind, f"quan hệ '{kind}' trỏ tới id '{other}' không có trong danh mục",
                 "sửa id cho đúng, hoặc khai báo văn bản đó trong phần 'documents' của tệp này")
        earlier, newer = catalogue.get(doc_id), known[other]
        if other == doc_id:
            fail(kind, "văn bản không thể tự thay thế hay sửa đổi chính nó", "ghi id của văn bản khác")
        if earlier.date and newer.date and newer.date.last_day < earlier.date.sort_key:
            fail(kind, f"{newer.name} ({newer.date.display}) ban hành trước {earlier.name} ({earlier.date.display})",
                 "kiểm tra lại ngày ban hành của hai văn bản, hoặc chiều của quan hệ")
        ended = {r.kind for r in relations if r.earlier == doc_id} & _ENDINGS
        if kind in _ENDINGS and ended - {kind}:
            fail(kind, "văn bản không thể vừa được thay thế vừa bị bãi bỏ",
                 "bãi bỏ là chấm dứt mà không có văn bản thay thế: giữ replaced_by hoặc repealed_by, theo lời của nguồn")
        relations.append(LaterRelation(kind, doc_id, other, found))

    _check_no_replacement_cycle(relations, shown_as, data)
    related = {r.later for r in relations}
    for document in later:
        if document.id not in related:
            raise DataError(shown_as, "văn bản ngoài Kế hoạch không có quan hệ với văn bản nào Kế hoạch viện dẫn",
                            "thêm một dữ kiện " + ", ".join(_RELATION_KEYS) + " trỏ tới nó, hoặc xóa bản ghi",
                            record=document.id, field="id", line=document.line)
    notes = tuple(Note(raw["text"], raw.get("level"), evidence(raw, f"ghi chú thứ {n}", raw[LINE_KEY]))
                  for n, raw in enumerate(data.get("notes") or (), start=1))
    return tuple(later), LegalStatus(statuses, tuple(relations), notes)


def _check_no_replacement_cycle(relations: list[LaterRelation], shown_as: str, data: dict) -> None:
    """A document cannot, through a chain of replacements, replace itself."""
    replaced_by: dict[str, str] = {}
    for relation in relations:
        if relation.kind == "replaced_by":
            replaced_by.setdefault(relation.earlier, relation.later)
    for start in replaced_by:
        chain, current = [start], replaced_by[start]
        while current in replaced_by and current not in chain:
            chain.append(current)
            current = replaced_by[current]
        if current == start:
            line = next(r[LINE_KEY] for r in data["facts"] if r.get("document") == start and "replaced_by" in r)
            raise DataError(shown_as, "các quan hệ thay thế tạo thành vòng: " + " → ".join([*chain, start]),
                            "một văn bản không thể (qua nhiều bước) thay thế chính nó: xóa hay sửa một quan hệ",
                            record=start, field="replaced_by", line=line)
