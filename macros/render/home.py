"""The home page's first screen: search, the plans, the legal basis today, the next deadlines, the views."""

from __future__ import annotations

from datetime import date

from ..model import Handbook
from ..model.duties import deadlines
from .markdown import render

SHOWN_DEADLINES = 3


def next_deadlines(handbook: Handbook, today: date) -> tuple[list, bool]:
    """The first deadlines still to come; when every one has passed, the last ones (and False)."""
    every = deadlines(handbook.units)
    coming = [pair for pair in every if pair[1].deadline >= today]
    return (coming[:SHOWN_DEADLINES], True) if coming else (every[-SHOWN_DEADLINES:], False)


def start(handbook: Handbook, page: str, today: date | None = None) -> str:
    newest = handbook.plans[0]
    shown, coming = next_deadlines(handbook, today or date.today())
    return render("components/home_start.md.j2", handbook=handbook, plan=newest, page=page,
                  deadlines=shown, coming=coming)
