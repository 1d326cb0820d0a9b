"""The deadlines calendar (RFC 5545 iCalendar): one all-day event per duty with a deadline."""

from __future__ import annotations

from datetime import date

from .. import settings
from ..model import Handbook
from ..model.duties import Unit, deadlines
from ..model.plan import Plan
from . import printing


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
            current, size = " ", 1
        current += char
        size += width
    pieces.append(current)
    return pieces


def ics_calendar(units: tuple[Unit, ...], name: str, stamp: str) -> str:
    """An RFC 5545 calendar: one all-day VEVENT per deadline, CRLF line endings.

    `stamp` is the DTSTAMP (UTC, "YYYYMMDDTHHMMSSZ"): fixed by the caller so that the same data
    always gives the same file. UIDs are derived from the unit and the deadline, so they stay stable.
    """
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{settings.CALENDAR_PRODUCT}",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{ics_text('Thời hạn - ' + name)}"]
    for unit, duty in deadlines(units):
        day = duty.deadline
        uid_domain = settings.CALENDAR_UID_DOMAIN.format(plan=unit.plan.id)
        plan_name = printing.plan_name(unit.plan)
        lines += ["BEGIN:VEVENT",
                  f"UID:{day:%Y%m%d}-{unit.heading.anchor}-{duty.block.anchor}@{uid_domain}",
                  f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{date.fromordinal(day.toordinal() + 1):%Y%m%d}",
                  f"SUMMARY:{ics_text(unit.name + ': ' + duty.quote)}",
                  f"DESCRIPTION:{ics_text(f'{plan_name}, mục {unit.section.label}, {unit.name}: “{duty.quote}”')}",
                  "TRANSP:TRANSPARENT",
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(piece + "\r\n" for line in lines for piece in ics_fold(line))


def calendar_file(handbook: Handbook, plan: Plan | None = None) -> tuple[str, bytes]:
    """(path under docs/, bytes) of one plan's deadlines calendar, or of all plans' (no `plan`).
    DTSTAMP is fixed by the newest plan's month, so the same data always gives the same file."""
    units = tuple(u for u in handbook.units if plan is None or u.plan is plan)
    year, month = (plan or handbook.plans[0]).issued
    name = printing.plan_name(plan) if plan else printing.HANDBOOK_NAME
    text = ics_calendar(units, name, f"{year:04d}{month:02d}01T000000Z")
    path = plan.calendar_file if plan else settings.CALENDAR_FILE
    return path, text.encode("utf-8")
