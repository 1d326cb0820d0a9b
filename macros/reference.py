"""Reference views (issue 6): glossary, duties, movements, timeline, relation map, calendar.

Plain Python, no MkDocs import. Three small YAML files (data/glossary.yml, data/duties.yml,
data/movements.yml) are validated against the plan's own text; every other fact is derived
from the handbook model (plan, catalogue, citations), never typed again.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from . import schema
from .catalogue import Document
from .citations import Citation
from .errors import DataError
from .model import DATA_DIR, Handbook, data_fingerprint, load_handbook
from .plan import Block, Section
from .slugs import slugify
from .yamlio import LINE_KEY, load_yaml

GLOSSARY_FILE = "glossary.yml"
DUTIES_FILE = "duties.yml"
MOVEMENTS_FILE = "movements.yml"

# Where the identity lines (number, place and date, title) of the plan are shown.
IDENTITY_PAGE = "index.md"
IDENTITY_ANCHOR = "ke-hoach"
IDENTITY_LABEL = "Số, ngày và tên Kế hoạch"

_DEADLINE = re.compile(r"(?<!\w)ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})(?!\w)")


# ---------------------------------------------------------------- the plan's text, marks removed

def plain(text: str) -> str:
    """The plan's words as a reader sees them: emphasis marks and a leading list dash removed."""
    text = text.replace("*", "")
    return text[2:] if text.startswith("- ") else text


def plain_offsets(text: str) -> tuple[str, list[int]]:
    """The text without "*" marks, and for each source offset its offset in that text."""
    out, offsets = [], []
    for char in text:
        offsets.append(len(out))
        if char != "*":
            out.append(char)
    offsets.append(len(out))
    return "".join(out), offsets


def plan_units(handbook: Handbook) -> list[tuple[Section | None, Block | None, str]]:
    """Every piece of the plan's text: (section, block, plain text); the identity lines have no section."""
    units: list = [(None, None, line.replace("*", "")) for line in handbook.plan.identity]
    for section in handbook.plan.sections:
        units += [(section, block, block.text.replace("*", "")) for block in section.blocks]
    return units


def context(text: str, start: int, end: int, width: int = 60) -> tuple[str, str, str]:
    """(before, words, after): a phrase with some of its paragraph, cut at word boundaries."""
    before, after = text[max(0, start - width):start], text[end:end + width]
    if start > width:
        before = "…" + before.split(" ", 1)[-1]
    if end + width < len(text):
        after = after.rsplit(" ", 1)[0] + "…"
    return before, text[start:end], after


@dataclass(frozen=True)
class Place:
    """Where the plan's words say something: a paragraph (or heading) of a section page."""

    section: Section | None  # None: the plan's identity lines on the home page
    anchor: str
    quote: tuple[str, str, str]

    @property
    def page(self) -> str:
        return self.section.file if self.section else IDENTITY_PAGE

    @property
    def label(self) -> str:
        if self.section is None:
            return IDENTITY_LABEL
        if "-doan-" in self.anchor:
            return f"{self.section.label}, đoạn {self.anchor.rsplit('-', 1)[1]}"
        return self.section.label


def find_places(handbook: Handbook, phrases, whole_word: bool = False) -> list[Place]:
    """Every paragraph whose text (marks removed) contains one of the phrases, in the plan's order, once."""
    body = "|".join(re.escape(p) for p in sorted([phrases] if isinstance(phrases, str) else phrases, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{body})\b" if whole_word else f"(?:{body})")
    places, seen = [], set()
    for section, block, text in plan_units(handbook):
        anchor = block.anchor if block else IDENTITY_ANCHOR
        match = pattern.search(text)
        if match and anchor not in seen:
            seen.add(anchor)
            places.append(Place(section, anchor, context(text, match.start(), match.end())))
    return places


# ---------------------------------------------------------------- schema errors in the editor's words

_FIXES = {
    "abbr": "ghi chữ viết tắt đúng như Kế hoạch viết, không có dấu cách, ví dụ \"UBND\"",
    "meaning": "ghi nghĩa đầy đủ bằng văn bản thuần, ví dụ \"Ủy ban nhân dân\"",
    "heading": "ghi neo của đề mục nêu tên đơn vị trong mục IV, ví dụ \"iv-1\"",
    "paragraph": "ghi neo của đoạn Kế hoạch, dạng \"iv-doan-<số>\", ví dụ \"iv-doan-7\"",
    "quote": "chép nguyên văn nhiệm vụ từ Kế hoạch, văn bản thuần trên một dòng",
    "duties": "liệt kê ít nhất một nhiệm vụ: - paragraph: iv-doan-1 / quote: \"…\"",
    "group": "ghi \"phong-trao\" hoặc \"phong-cach\"",
    "kind": "ghi loại bằng văn bản thuần, ví dụ \"Phong trào thi đua\"",
    "phrases": "liệt kê nguyên văn các cụm từ trong Kế hoạch, ví dụ [\"Dân vận khéo\"]",
}


def validate(data, schema_path: Path, shown_as: str, list_key: str, name) -> None:
    """The shared schema check (macros/schema.py), with these files' fixes; `name(raw)` names a record."""
    schema.validate(data, schema_path, shown_as, list_key, record_name=lambda raw, position: name(raw) or f"thứ {position}",
                    fixes=_FIXES, default_fix="sửa theo mẫu ở đầu tệp", missing_fix=None)


# ---------------------------------------------------------------- glossary

@dataclass(frozen=True)
class Abbreviation:
    abbr: str
    meaning: str
    places: tuple[Place, ...]


def abbreviation_pattern(abbr: str) -> re.Pattern:
    """How Python-Markdown's abbr extension finds an abbreviation: the word, whole."""
    return re.compile(rf"\b{re.escape(abbr)}\b")


def load_glossary(path: Path, schema_path: Path, shown_as: str, handbook: Handbook) -> tuple[Abbreviation, ...]:
    data = load_yaml(path, shown_as)
    validate(data, schema_path, shown_as, "abbreviations", lambda raw: raw.get("abbr"))
    entries, seen = [], {}
    for raw in data["abbreviations"]:
        abbr, line = raw["abbr"], raw[LINE_KEY]
        if abbr in seen:
            raise DataError(shown_as, f"chữ viết tắt bị lặp lại (đã có ở dòng {seen[abbr]})",
                            "giữ một bản ghi cho mỗi chữ viết tắt", record=abbr, field="abbr", line=line)
        seen[abbr] = line
        places = find_places(handbook, abbr, whole_word=True)
        if not places:
            raise DataError(shown_as, f"Kế hoạch không có chữ viết tắt '{abbr}'",
                            "chỉ ghi chữ viết tắt có trong Kế hoạch, đúng từng ký tự (kể cả chữ hoa, dấu '/')",
                            record=abbr, field="abbr", line=line)
        entries.append(Abbreviation(abbr, raw["meaning"], tuple(places)))
    return tuple(entries)


def abbreviation_definitions(glossary: tuple[Abbreviation, ...]) -> str:
    """Markdown abbreviation definitions (`*[UBND]: Ủy ban nhân dân`), to append to a page of the plan.

    The abbr extension turns each whole-word occurrence in the page's text into <abbr title>;
    attributes (link titles, hrefs) are never touched, so citation links stay as they are.
    """
    return "\n" + "".join(f"*[{entry.abbr}]: {entry.meaning}\n" for entry in glossary)


# ---------------------------------------------------------------- duties and deadlines

@dataclass(frozen=True)
class Duty:
    paragraph: str  # anchor of the plan's paragraph
    quote: str  # the plan's words
    deadline: date | None  # read from the quote ("trước ngày 10/3/2022")


@dataclass(frozen=True)
class Unit:
    name: str  # the plan's heading, without its number: "Văn phòng Sở"
    heading: str  # the heading's anchor
    section: Section
    duties: tuple[Duty, ...]

    @property
    def slug(self) -> str:
        return slugify(self.name)


def _paragraphs_under(section: Section, heading_anchor: str) -> list[Block]:
    """The paragraphs between a heading and the next heading of the same section."""
    blocks, inside = [], False
    for block in section.blocks:
        if block.anchor == heading_anchor:
            inside = True
        elif block.kind != "paragraph":
            inside = False
        elif inside:
            blocks.append(block)
    return blocks


def read_deadline(quote: str, shown_as: str, record: str, line: int) -> date | None:
    found = _DEADLINE.findall(quote)
    if len(found) > 1:
        raise DataError(shown_as, "một nhiệm vụ nêu nhiều hơn một thời hạn",
                        "tách thành hai nhiệm vụ, mỗi nhiệm vụ một câu có một ngày", record=record, field="quote", line=line)
    if not found:
        return None
    day, month, year = (int(p) for p in found[0])
    try:
        return date(year, month, day)
    except ValueError:
        raise DataError(shown_as, f"ngày {day}/{month}/{year} trong nhiệm vụ không tồn tại",
                        "chép đúng ngày như trong Kế hoạch", record=record, field="quote", line=line) from None


def load_duties(path: Path, schema_path: Path, shown_as: str, handbook: Handbook) -> tuple[Unit, ...]:
    data = load_yaml(path, shown_as)
    validate(data, schema_path, shown_as, "units", lambda raw: raw.get("heading"))
    units = []
    for raw in data["units"]:
        anchor, line = raw["heading"], raw[LINE_KEY]
        try:
            section, heading = handbook.block(anchor)
        except KeyError:
            section = heading = None
        if heading is None or heading.kind != "heading":
            raise DataError(shown_as, f"không có đề mục nào của Kế hoạch có neo '{anchor}'",
                            "ghi neo của đề mục nêu tên đơn vị, ví dụ \"iv-1\" cho \"1. Văn phòng Sở\"",
                            record=anchor, field="heading", line=line)
        name = re.sub(r"^\d+\.\s*", "", heading.text.replace("*", ""))
        under = {block.anchor: block for block in _paragraphs_under(section, anchor)}
        duties = []
        for item in raw["duties"]:
            record, item_line = f"{anchor} ({name})", item[LINE_KEY]
            block = under.get(item["paragraph"])
            if block is None:
                raise DataError(shown_as, f"đoạn '{item['paragraph']}' không nằm dưới đề mục \"{heading.text}\"",
                                f"ghi neo của một đoạn dưới đề mục đó: {', '.join(under) or '(không có đoạn nào)'}",
                                record=record, field="paragraph", line=item_line)
            if item["quote"] not in plain(block.text):
                raise DataError(shown_as, f"đoạn '{block.anchor}' không có nguyên văn \"{item['quote']}\"",
                                f"chép đúng từng chữ của đoạn: \"{plain(block.text)}\"",
                                record=record, field="quote", line=item_line)
            duties.append(Duty(block.anchor, item["quote"], read_deadline(item["quote"], shown_as, record, item_line)))
        units.append(Unit(name, anchor, section, tuple(duties)))
    return tuple(units)


def mentions(units: tuple[Unit, ...], unit: Unit) -> list[tuple[Unit, Duty]]:
    """Duties of other units whose words name this unit ("qua Văn phòng Sở")."""
    name = unit.name.lower()
    return [(other, duty) for other in units if other is not unit
            for duty in other.duties if name in duty.quote.lower()]


def deadlines(units: tuple[Unit, ...]) -> list[tuple[Unit, Duty]]:
    """Every duty with a deadline, earliest first."""
    found = [(unit, duty) for unit in units for duty in unit.duties if duty.deadline]
    return sorted(found, key=lambda pair: pair[1].deadline)


# ---------------------------------------------------------------- the calendar (RFC 5545)

def ics_text(value: str) -> str:
    """An iCalendar TEXT value: backslash, semicolon, comma and newline escaped."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics_fold(line: str) -> list[str]:
    """Fold a content line into pieces of at most 75 octets (UTF-8), never inside a character."""
    pieces, current, size, limit = [], "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    pieces.append(current)
    return pieces


def calendar(units: tuple[Unit, ...], plan_name: str, stamp: str, uid_domain: str) -> str:
    """An RFC 5545 calendar: one all-day VEVENT per deadline, CRLF line endings.

    `stamp` is the DTSTAMP (UTC, "YYYYMMDDTHHMMSSZ"): fixed by the caller so that the same data
    always gives the same file. UIDs are derived from the unit and the deadline, so they stay stable.
    """
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//So tay cong tac dan van 2022//Tra cuu//VI",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{ics_text('Thời hạn - ' + plan_name)}"]
    for unit, duty in deadlines(units):
        day = duty.deadline
        lines += ["BEGIN:VEVENT",
                  f"UID:{day:%Y%m%d}-{unit.heading}-{duty.paragraph}@{uid_domain}",
                  f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{date.fromordinal(day.toordinal() + 1):%Y%m%d}",
                  f"SUMMARY:{ics_text(unit.name + ': ' + duty.quote)}",
                  f"DESCRIPTION:{ics_text(f'{plan_name}, mục {unit.section.label}, {unit.name}: “{duty.quote}”')}",
                  "TRANSP:TRANSPARENT",
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(piece + "\r\n" for line in lines for piece in ics_fold(line))


# ---------------------------------------------------------------- movements and mottos

@dataclass(frozen=True)
class Movement:
    group: str
    kind: str
    phrases: tuple[str, ...]
    places: tuple[Place, ...]

    @property
    def name(self) -> str:
        return self.phrases[0]


def load_movements(path: Path, schema_path: Path, shown_as: str, handbook: Handbook) -> tuple[Movement, ...]:
    data = load_yaml(path, shown_as)
    validate(data, schema_path, shown_as, "movements",
             lambda raw: (raw.get("phrases") or [None])[0] if isinstance(raw.get("phrases"), list) else None)
    movements = []
    for raw in data["movements"]:
        for phrase in raw["phrases"]:
            if not find_places(handbook, phrase):
                raise DataError(shown_as, f"Kế hoạch không có cụm từ \"{phrase}\"",
                                "chép đúng từng ký tự như trong Kế hoạch (kể cả chữ hoa, dấu phẩy)",
                                record=raw["phrases"][0], field="phrases", line=raw[LINE_KEY])
        places = find_places(handbook, raw["phrases"])
        movements.append(Movement(raw["group"], raw["kind"], tuple(raw["phrases"]), tuple(places)))
    return tuple(movements)


# ---------------------------------------------------------------- timeline

def timeline(handbook: Handbook) -> tuple[list[tuple[int, list[Document]]], list[Document]]:
    """([(year, documents in date order)], documents without a date, in catalogue order)."""
    dated = sorted((d for d in handbook.catalogue.documents if d.date), key=lambda d: d.date.sort_key)
    years: dict[int, list[Document]] = {}
    for document in dated:
        years.setdefault(document.date.year, []).append(document)
    return list(years.items()), [d for d in handbook.catalogue.documents if d.date is None]


# ---------------------------------------------------------------- direct and nested citations

def citation_span_end(citation: Citation, document: Document, text: str,
                      stripped_text: tuple[str, list[int]] | None = None) -> int:
    """Where the words that belong to a citation end, as an offset in the paragraph's source text.

    A citation runs from its citing words through its date and issuer to its subject (trích yếu),
    when the plan writes the catalogued subject right there: the first occurrence of the subject
    after the citing words, with no ";" and no other citation in between. Otherwise it is only
    the citing words themselves. `stripped_text`: plain_offsets(text), when the caller has it.
    """
    if not document.subject:
        return citation.end
    stripped, offsets = stripped_text or plain_offsets(text)
    start = stripped.find(document.subject, offsets[citation.end])
    if start < 0 or ";" in stripped[offsets[citation.end]:start]:
        return citation.end
    end = start + len(document.subject)
    return bisect_left(offsets, end) if end < len(stripped) else len(text)


def citation_scopes(handbook: Handbook) -> dict[Citation, Citation | None]:
    """For every citation, the citation whose words contain it, or None when the plan cites it directly.

    Example: "Kế hoạch số 193/KH-UBND … về việc thực hiện Chỉ thị số 16/CT-TTg …": the second
    citation lies inside the first one's subject, so it is nested; the plan's other citation of
    Chỉ thị 16/CT-TTg, earlier in the same paragraph, is direct.
    """
    scopes: dict[Citation, Citation | None] = {}
    for section in handbook.plan.sections:
        for block in section.paragraphs:
            cited = handbook.citations_in_paragraph(block.anchor)
            stripped_text = plain_offsets(block.text) if cited else None  # once per paragraph
            spans = [(c, citation_span_end(c, handbook.catalogue.get(c.document_id), block.text, stripped_text))
                     for c in cited]
            for citation in cited:
                scopes[citation] = next((outer for outer, end in spans
                                         if outer is not citation and outer.start < citation.start
                                         and citation.end <= end), None)
    return scopes


def cited_directly(handbook: Handbook, scopes: dict[Citation, Citation | None] | None = None) -> dict[str, bool]:
    """Document id → True when at least one of its citations is not inside another citation."""
    direct: dict[str, bool] = {d.id: False for d in handbook.catalogue.documents}
    for citation, outer in (scopes if scopes is not None else citation_scopes(handbook)).items():
        direct[citation.document_id] |= outer is None
    return direct


def nested_in(handbook: Handbook, scopes: dict[Citation, Citation | None] | None = None) -> dict[str, list[str]]:
    """Document id → ids of the documents inside whose citation it is named (cited only that way)."""
    scopes = scopes if scopes is not None else citation_scopes(handbook)
    direct = cited_directly(handbook, scopes)
    outers: dict[str, list[str]] = {}
    for citation, outer in scopes.items():
        if outer is not None and not direct[citation.document_id]:
            ids = outers.setdefault(citation.document_id, [])
            if outer.document_id not in ids:
                ids.append(outer.document_id)
    return outers


# ---------------------------------------------------------------- all of it, once per change of data

@dataclass(frozen=True)
class Reference:
    handbook: Handbook
    glossary: tuple[Abbreviation, ...]
    units: tuple[Unit, ...]
    movements: tuple[Movement, ...]
    # Derived once per build (every document page's small map needs them)
    cited_directly: dict[str, bool] = field(default_factory=dict, compare=False)
    nested_in: dict[str, list[str]] = field(default_factory=dict, compare=False)


def load_reference(root: Path) -> Reference:
    root = Path(root).resolve()
    return _load(root, data_fingerprint(root))


@lru_cache(maxsize=4)
def _load(root: Path, _fingerprint: tuple) -> Reference:
    handbook = load_handbook(root)
    data = root / DATA_DIR
    schemas = data / "schema"
    scopes = citation_scopes(handbook)
    return Reference(
        handbook,
        load_glossary(data / GLOSSARY_FILE, schemas / "glossary.schema.json", f"{DATA_DIR}/{GLOSSARY_FILE}", handbook),
        load_duties(data / DUTIES_FILE, schemas / "duties.schema.json", f"{DATA_DIR}/{DUTIES_FILE}", handbook),
        load_movements(data / MOVEMENTS_FILE, schemas / "movements.schema.json", f"{DATA_DIR}/{MOVEMENTS_FILE}",
                       handbook),
        cited_directly(handbook, scopes), nested_in(handbook, scopes))
