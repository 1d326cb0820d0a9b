"""`make status-report`: the cited documents in the order their standing needs checking, each with
where to check it. Never checked first, then those checked more than 12 months ago, then the rest.

    python -m macros.commands.status_report [--today YYYY-MM-DD] [--root PATH]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .. import settings
from ..errors import DataError
from ..model import load_handbook
from ..model.catalogue import Document
from ..model.lookups import ASK_THE_ISSUER, lookups_for
from ..model.status import LegalStatus

STALE_AFTER_YEARS = 1
STALE_AFTER = f"{12 * STALE_AFTER_YEARS} tháng"  # as the report says it
NEVER, STALE, RECENT = range(3)


@dataclass(frozen=True)
class Need:
    document: Document
    checked: date | None  # the last day a source about its standing was checked
    group: int  # NEVER, STALE or RECENT


def year_before(today: date) -> date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return today.replace(year=today.year - STALE_AFTER_YEARS)
    except ValueError:
        return today.replace(year=today.year - STALE_AFTER_YEARS, day=28)


def by_need(documents: Sequence[Document], status: LegalStatus, today: date) -> list[Need]:
    """Never checked (in catalogue order), then checked before a year ago, then the rest, oldest check first."""
    cutoff = year_before(today)
    needs = []
    for document in documents:
        checked = status.last_checked(document.id)
        group = NEVER if checked is None else STALE if checked < cutoff else RECENT
        needs.append(Need(document, checked, group))
    return sorted(needs, key=lambda n: (n.group, n.checked or date.min))  # stable: catalogue order within ties


def report(documents: Sequence[Document], status: LegalStatus, today: date) -> str:
    """The report as text for the terminal, in Vietnamese."""
    needs = by_need(documents, status, today)
    headings = {
        NEVER: "Chưa kiểm tra",
        STALE: f"Kiểm tra đã quá {STALE_AFTER} (trước ngày {year_before(today):%d/%m/%Y})",
        RECENT: f"Đã kiểm tra trong {STALE_AFTER}",
    }
    lines = [f"Hiện trạng căn cứ: {len(needs)} văn bản Kế hoạch viện dẫn, việc cần kiểm tra trước đứng trước "
             f"(hôm nay {today:%d/%m/%Y})."]
    number = 0
    for group, heading in headings.items():
        members = [n for n in needs if n.group == group]
        lines += ["", f"{heading}: {len(members)} văn bản"]
        for need in members:
            number += 1
            document = need.document
            about = ", ".join(p for p in (document.system, document.level) if p)
            lines.append(f"{number:>3}. {document.name}" + (f" ({about})" if about else "") + f"  [{document.id}]")
            if need.checked:
                lines.append(f"     Hiện nay: {status.standing(document.id)}; kiểm tra lần cuối {need.checked:%d/%m/%Y}")
            found = lookups_for(document)
            for position, lookup in enumerate(found):
                lead = "Tra:" if position == 0 else "    "
                lines.append(f"     {lead} {lookup.site}, {lookup.how}: {lookup.url}")
            if not found:
                lines.append(f"     {ASK_THE_ISSUER}.")
    lines += ["", f"Ghi điều tìm được vào {settings.shown(settings.STATUS_FILE)}, kèm nguồn và ngày kiểm tra "
                  "(README, mục \"Hiện trạng căn cứ\")."]
    return "\n".join(lines) + "\n"


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày '{value}' không đọc được: ghi dạng YYYY-MM-DD, ví dụ 2027-12-07") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.commands.status_report",
                                     description="Liệt kê văn bản Kế hoạch viện dẫn theo thứ tự cần kiểm tra hiện trạng.")
    parser.add_argument("--today", type=_day, default=date.today(),
                        help=f"ngày tính {STALE_AFTER}, dạng YYYY-MM-DD (mặc định: hôm nay)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="thư mục gốc của sổ tay")
    arguments = parser.parse_args(argv)
    try:
        handbook = load_handbook(arguments.root)
    except DataError as error:
        sys.stderr.write(f"Dữ liệu sổ tay không hợp lệ: {error}\n")
        return 1
    sys.stdout.write(report(handbook.catalogue.documents, handbook.status, arguments.today))
    return 0


if __name__ == "__main__":
    sys.exit(main())
