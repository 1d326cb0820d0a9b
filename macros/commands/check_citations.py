"""`make check-citations PLAN=<id>`: every reference to a document in a plan, and drafts for the new ones.

Lists each reference, marks those the catalogue has, and appends a draft record (`draft: true`) to
data/documents.yml for each new document. Without PLAN, every plan is checked.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import settings
from ..errors import DataError
from ..importing.drafts import append_records, draft_records, review
from ..importing.references import Reference, find_references
from ..model.catalogue import load_catalogue
from ..model.issuers import load_issuers
from ..model.loading import load_yaml
from ..model.plan import read_lines

ANY_DATE = (9999, 12)  # the editor's tools read a catalogue whatever the plans' dates


@dataclass
class Found:
    """A plan's references, the drafts its new documents need, and what the editor should know."""

    references: list[Reference]
    records: list[dict]
    notes: list[str]
    drafts: set[str]  # ids of the catalogue's records still drafts
    issuers: dict[str, str]  # each spelling of data/issuers.yml → its body


def find(root: Path, lines: list[str]) -> Found:
    """Read the catalogue (drafts included) and find the plan's references; writes nothing."""
    data = root / settings.DATA_DIR
    catalogue = load_catalogue(data / settings.CATALOGUE_FILE, data / settings.schema_file(settings.CATALOGUE_FILE),
                               settings.shown(settings.CATALOGUE_FILE), latest=ANY_DATE, drafts=True)
    references = find_references(lines, catalogue)
    records, notes = draft_records(references, {d.id for d in catalogue.documents})
    return Found(references, records, notes, {d.id for d in catalogue.documents if d.draft},
                 load_issuers(data / settings.ISSUERS_FILE, data / settings.schema_file(settings.ISSUERS_FILE),
                              settings.shown(settings.ISSUERS_FILE)))


def write_drafts(root: Path, found: Found, source: str) -> None:
    """Append the new documents' drafts to the catalogue."""
    if found.records:
        append_records(root / settings.DATA_DIR / settings.CATALOGUE_FILE, found.records, source)
        found.notes.append(f"Đã ghi {len(found.records)} bản nháp vào {settings.shown(settings.CATALOGUE_FILE)} "
                           "(draft: true). Bản dựng không đăng bản nháp: đối chiếu từng bản với Kế hoạch rồi xóa "
                           "dòng 'draft: true'.")


def review_of(found: Found) -> list[str]:
    return review(found.references, found.records, found.notes, found.issuers, found.drafts)


def plan_lines(root: Path, plan_id: str) -> list[str]:
    """A plan's lines as the build reads them (page breaks joined)."""
    folder = root / settings.DATA_DIR / settings.PLANS_DIR
    shown_as = settings.shown(f"{settings.PLANS_DIR}/{plan_id}.yml")
    path = folder / f"{plan_id}.yml"
    if not path.is_file():
        known = ", ".join(p.stem for p in sorted(folder.glob("*.yml")))
        raise DataError(shown_as, f"không có Kế hoạch '{plan_id}'", f"ghi id của một Kế hoạch đã có: {known}")
    header = load_yaml(path, shown_as)
    if not isinstance(header, dict) or not isinstance(header.get("source"), str):
        raise DataError(shown_as, "không có trường 'source' (tệp nguồn của Kế hoạch)",
                        "ghi phần đầu theo mẫu data/plans/dan-van-2022.yml", field="source")
    return read_lines(folder / header["source"], header["source"], list(header.get("page_breaks") or []), shown_as)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.commands.check_citations",
                                     description="Liệt kê văn bản được viện dẫn; ghi bản nháp cho văn bản mới.")
    parser.add_argument("plan", nargs="?", help="id của Kế hoạch, ví dụ dan-van-2022 (bỏ trống: mọi Kế hoạch)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="thư mục gốc của dự án")
    parser.add_argument("--dry-run", action="store_true", help="chỉ liệt kê, không ghi bản nháp")
    arguments = parser.parse_args(argv)
    folder = arguments.root / settings.DATA_DIR / settings.PLANS_DIR
    plans = [arguments.plan] if arguments.plan else [p.stem for p in sorted(folder.glob("*.yml"))]
    try:
        for plan_id in plans:
            found = find(arguments.root, plan_lines(arguments.root, plan_id))
            if not arguments.dry_run:
                write_drafts(arguments.root, found, f"plan {plan_id}")
            sys.stdout.write(f"Kế hoạch {plan_id}\n" + "\n".join(review_of(found)) + "\n")
    except DataError as error:
        sys.stderr.write(f"LỖI: {error}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
