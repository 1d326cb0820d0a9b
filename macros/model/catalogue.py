"""The catalogue of cited documents: loaded from YAML and validated once into dataclasses."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from ..settings import DOCUMENTS_DIR
from .loading import LINE_KEY, load_yaml
from .validation import validate

NOT_STATED = "Kế hoạch không nêu"

RELATION_LABELS = {
    # kind: (label on the acting document, label on the target document)
    "implements": ("Thực hiện", "Được thực hiện bởi"),
    "continues": ("Tiếp tục thực hiện", "Được tiếp tục thực hiện bởi"),
}

_SPACED_PUNCTUATION = re.compile(r"\s*([-/])\s*")


def normalise_number(spelling: str) -> str:
    """The number without spaces around '-' and '/' ("217- QĐ/TW" → "217-QĐ/TW")."""
    return _SPACED_PUNCTUATION.sub(r"\1", spelling.strip())


@dataclass(frozen=True)
class IssueDate:
    """A date of issue; `month` and `day` are None when the plan gives only the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """A year-only date sorts before the dated documents of that year."""
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: IssueDate) -> bool:
        return self.sort_key < other.sort_key

    @property
    def iso(self) -> str:
        return f"{self.year:04d}" if self.month is None else f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def display(self) -> str:
        """Vietnamese administrative style: 16/05/2016, or "năm 2013"."""
        return f"năm {self.year}" if self.month is None else f"{self.day:02d}/{self.month:02d}/{self.year}"

    @property
    def last_day(self) -> tuple[int, int, int]:
        return (self.year, self.month or 12, self.day or 31)


@dataclass(frozen=True)
class Relation:
    kind: str  # a key of RELATION_LABELS
    target: str  # a document id


@dataclass(frozen=True)
class Document:
    id: str
    type: str
    number: str | None
    spellings: tuple[str, ...]
    cited_as: tuple[str, ...]
    issuer: str | None
    date: IssueDate | None
    term: str | None
    subject: str | None
    system: str | None
    level: str | None
    relations: tuple[Relation, ...]
    line: int
    # None for a document the plan cites; for a related document the plan does not cite, where it was
    # found (a status.Evidence): it is shown as such and never counted as cited
    found_later: object | None = None
    draft: bool = False  # written by the import, not yet checked by the editor: never published
    # The issuing body's one name (data/issuers.yml), for tables and filters; `issuer` stays as written
    body: str | None = None

    @property
    def cited(self) -> bool:
        return self.found_later is None

    @property
    def name(self) -> str:
        """How the handbook names the document: "Chỉ thị số 16/CT-TTg", or its citing words."""
        return f"{self.type} số {self.number}" if self.number else self.cited_as[0]

    @property
    def citing_phrases(self) -> tuple[str, ...]:
        """Every exact phrase by which the plan cites this document."""
        return tuple(f"{self.type} số {s}" for s in self.spellings) + self.cited_as

    @property
    def src_path(self) -> str:
        """The generated page's path under docs/."""
        return f"{DOCUMENTS_DIR}/{self.id}.md"


@dataclass(frozen=True)
class Catalogue:
    documents: tuple[Document, ...]  # the documents the plan cites, in the order it first names them
    later: tuple[Document, ...] = ()  # related documents the plan does not cite (data/status.yml)

    def __post_init__(self):
        everything = self.documents + self.later
        object.__setattr__(self, "_by_id", {d.id: d for d in everything})
        object.__setattr__(self, "_position", {d.id: i for i, d in enumerate(everything)})

    @property
    def all(self) -> tuple[Document, ...]:
        """Every document that has a page: those the plan cites, then the related ones."""
        return self.documents + self.later

    def get(self, doc_id: str) -> Document:
        return self._by_id[doc_id]

    def in_order(self, doc_ids) -> list[Document]:
        """The documents with these ids, in catalogue order."""
        return [self._by_id[i] for i in sorted(doc_ids, key=self._position.__getitem__)]

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._by_id

    def incoming(self, doc_id: str) -> list[tuple[Relation, Document]]:
        """Relations that point at doc_id, with the document that holds them."""
        return self._incoming.get(doc_id, [])

    @property
    def _incoming(self) -> dict[str, list[tuple[Relation, Document]]]:
        cached = self.__dict__.get("_incoming_cache")
        if cached is None:
            cached = {}
            for document in self.documents:
                for relation in document.relations:
                    cached.setdefault(relation.target, []).append((relation, document))
            object.__setattr__(self, "_incoming_cache", cached)
        return cached


def parse_date(value: str | None, shown_as: str, record: str, line: int) -> IssueDate | None:
    if value is None:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return IssueDate(parts[0])
    year, month, day = parts
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise DataError(shown_as, f"ngày '{value}' không tồn tại",
                        "kiểm tra lại ngày và tháng theo đúng Kế hoạch, dạng \"YYYY-MM-DD\"",
                        record=record, field="date", line=line)
    return IssueDate(year, month, day)


def load_catalogue(path: Path, schema_path: Path, shown_as: str, latest: tuple[int, int],
                   drafts: bool = False) -> Catalogue:
    """Load, validate and cross-check the catalogue. `latest` is the plan's (year, month).

    A draft record (`draft: true`, written by the import) stops the build; the editor's tools read
    it with `drafts=True`.
    """
    data = load_yaml(path, shown_as)
    validate(data, schema_path, shown_as, list_key="documents")
    documents: list[Document] = []
    seen: dict[str, int] = {}
    for raw in data["documents"]:
        doc_id, line = raw["id"], raw[LINE_KEY]

        def fail(field, problem, fix, _id=doc_id, _line=line):
            raise DataError(shown_as, problem, fix, record=_id, field=field, line=_line)

        if doc_id in seen:
            fail("id", f"id bị trùng với bản ghi ở dòng {seen[doc_id]}", "đặt cho mỗi bản ghi một id riêng")
        seen[doc_id] = line
        if raw.get("draft") and not drafts:
            fail("draft", "bản ghi là bản nháp do lệnh nhập ghi, chưa được duyệt nên không được đăng",
                 "đối chiếu loại, số hiệu, ngày, cơ quan ban hành, khóa và trích yếu với lời văn Kế hoạch (điều "
                 "Kế hoạch không nêu để null), sửa nếu cần, rồi xóa dòng 'draft: true'")
        number = raw["number"]
        spellings = tuple(raw.get("spellings") or ([number] if number else []))
        if number is None and "spellings" in raw:
            fail("spellings", "văn bản không có số hiệu nhưng lại có cách viết số hiệu",
                 "ghi số hiệu vào 'number' hoặc xóa 'spellings'")
        for spelling in spellings:
            if normalise_number(spelling) != number:
                fail("spellings", f"cách viết '{spelling}' không ứng với số hiệu '{number}'",
                     "sửa 'number' hoặc cách viết cho khớp nhau")
        cited_as = tuple(raw.get("cited_as") or ())
        if number is None and not cited_as:
            fail("cited_as", "văn bản không có số hiệu thì phải có cụm từ viện dẫn",
                 "thêm cited_as: [\"<nguyên văn cụm từ trong Kế hoạch>\"]")
        date = parse_date(raw["date"], shown_as, doc_id, line)
        if date and date.last_day > (latest[0], latest[1], 31):
            fail("date", f"ngày {date.display} muộn hơn ngày ban hành Kế hoạch (tháng {latest[1]}/{latest[0]})",
                 "kiểm tra lại năm và tháng theo đúng Kế hoạch")
        relations = tuple(Relation(kind, target) for kind in RELATION_LABELS for target in raw.get(kind, ()))
        documents.append(Document(
            id=doc_id, type=raw["type"], number=number, spellings=spellings, cited_as=cited_as,
            issuer=raw["issuer"], date=date, term=raw["term"], subject=raw["subject"],
            system=raw["system"], level=raw["level"], relations=relations, line=line, draft=bool(raw.get("draft"))))
    for document in documents:
        for relation in document.relations:
            if relation.target not in seen:
                raise DataError(shown_as, f"quan hệ '{relation.kind}' trỏ tới id '{relation.target}' không có trong danh mục",
                                "sửa id cho đúng hoặc thêm bản ghi cho văn bản đó", record=document.id,
                                field=relation.kind, line=document.line)
            if relation.target == document.id:
                raise DataError(shown_as, "văn bản không thể tự thực hiện chính nó",
                                "xóa id của chính bản ghi khỏi danh sách", record=document.id,
                                field=relation.kind, line=document.line)
    return Catalogue(tuple(documents))
