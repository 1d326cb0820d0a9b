"""Draft catalogue records for the documents a plan cites that the catalogue lacks, and the review list.

A draft holds only what the plan writes (type, number, date, issuer, term, subject); what it does
not say is null. It carries `draft: true`, and the build refuses to publish it until the editor has
checked it against the plan and removed that line (macros/model/catalogue.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import settings
from .references import Reference


def draft_records(references: list[Reference], known_ids: set[str]) -> tuple[list[dict], list[str]]:
    """(the new records, notes) for references matched by no catalogue record, one record per document."""
    records: dict[str, dict] = {}
    notes = []
    for ref in references:
        if ref.document_id:
            continue
        if ref.number and not ref.has_so:
            notes.append(f"'{ref.words}' viết không có chữ \"số\": chưa ghi bản nháp (sổ tay nối cụm "
                         f"\"{ref.type} số …\"); nếu đây là văn bản được viện dẫn, thêm bản ghi bằng tay.")
            continue
        draft_id = ref.draft_id
        if draft_id in known_ids:
            notes.append(f"'{ref.words}': id '{draft_id}' đã có trong danh mục nhưng cách viết này chưa có; "
                         "thêm cách viết vào spellings (hoặc cited_as) của bản ghi đó.")
            continue
        record = records.setdefault(draft_id, _record(ref, draft_id))
        if ref.spelling and ref.spelling not in record.get("spellings", [ref.number]):
            record["spellings"] = [*record.get("spellings", [ref.number]), ref.spelling]
    return list(records.values()), notes


def _record(ref: Reference, draft_id: str) -> dict:
    record = {"id": draft_id, "draft": True, "type": ref.type, "number": ref.number}
    if ref.number and ref.spelling != ref.number:
        record["spellings"] = [ref.spelling]
    if not ref.number:
        record["cited_as"] = [ref.words]
    year = ref.words.rsplit(" ", 1)[-1] if not ref.number and ref.words[-4:].isdigit() else None
    record.update(issuer=_plain(ref.issuer), date=ref.date or year, term=ref.term, subject=_plain(ref.subject),
                  system=None, level=None)
    return record


def _plain(text: str | None) -> str | None:
    """A field is plain text: the plan's emphasis marks and stray markup left out."""
    if text is None:
        return None
    cleaned = " ".join(text.translate(str.maketrans("", "", "*_`<>[]{}|\\")).split())
    return cleaned or None


def records_yaml(records: list[dict], source: str) -> str:
    """The records as YAML to append under `documents:`, in the catalogue's own layout."""
    out = [f"\n  # Drafts written by the import from {source}: check each against the plan, then remove `draft: true`."]
    for record in records:
        for n, (key, value) in enumerate(record.items()):
            text = json.dumps(value, ensure_ascii=False) if isinstance(value, (str, list)) else _scalar(value)
            out.append(f"{'  - ' if n == 0 else '    '}{key}: {text}")
        out.append("")
    return "\n".join(out)


def _scalar(value) -> str:
    return {True: "true", False: "false", None: "null"}.get(value, str(value))


def append_records(path: Path, records: list[dict], source: str) -> None:
    text = path.read_text(encoding="utf-8")
    with path.open("a", encoding="utf-8") as out:
        out.write(("" if text.endswith("\n") else "\n") + records_yaml(records, source))


def review(references: list[Reference], records: list[dict], notes: list[str], issuers: dict[str, str],
           drafts: set[str]) -> list[str]:
    """The terminal's list: each reference, whether catalogued, and what each new draft says."""
    lines = [f"Văn bản được viện dẫn: {len(references)} chỗ, "
             f"{len({r.document_id or r.draft_id for r in references})} văn bản."]
    for ref in references:
        if ref.document_id:
            state = "bản nháp, chưa duyệt" if ref.document_id in drafts else "đã có trong danh mục"
            lines.append(f"  [có] {ref.words} → {ref.document_id} ({state})")
        else:
            lines.append(f"  [MỚI] {ref.words}")
    for record in records:
        facts = ", ".join(f"{k}: {record[k]}" for k in ("type", "number", "date", "issuer", "term", "subject")
                          if record.get(k))
        lines.append(f"  Bản nháp '{record['id']}' ({facts}). Kế hoạch không nêu: "
                     + ", ".join(k for k in ("date", "issuer", "subject", "system", "level") if not record.get(k)))
        issuer = record.get("issuer")
        if issuer and issuer not in issuers:
            lines.append(f"    Cơ quan '{issuer}' chưa có trong {settings.shown(settings.ISSUERS_FILE)}: thêm cách "
                         "viết này vào cơ quan của nó (hoặc một cơ quan mới), hoặc sửa cho đúng cách viết đã có.")
    lines += [f"  {note}" for note in notes]
    return lines
