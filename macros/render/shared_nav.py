"""The site navigation's HTML, written once and reused on every page outside the navigation.

A page outside the navigation (a catalogued document's page: `not_in_nav`) marks no entry of it as
its own, so its navigation differs from another's only by the folder its relative links start
from. Material writes the whole navigation on every page, a cost of pages x navigation entries;
partials/nav.html asks here first, so it is written once per folder instead. One object per build.
"""

from __future__ import annotations

import posixpath


class SharedNavigation:
    def __init__(self):
        self._html: dict[str, str] = {}
        self._inside: set[int] | None = None

    def key(self, page, nav) -> str | None:
        """The folder of a page outside the navigation; None for a page in it (written each time)."""
        if self._inside is None:
            self._inside = {id(p) for p in nav.pages}
        if page is None or id(page) in self._inside:
            return None
        return posixpath.dirname(page.url)

    def has(self, key: str) -> bool:
        return key in self._html

    def get(self, key: str) -> str:
        return self._html[key]

    def keep(self, key: str, html: str) -> str:
        self._html[key] = html
        return html
