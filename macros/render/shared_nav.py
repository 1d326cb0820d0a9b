"""The site navigation's HTML: without its indentation, and written once for the pages outside it.

A page outside the navigation (a catalogued document's page: `not_in_nav`) marks no entry of it as
its own, so its navigation differs from another's only by the folder its relative links start
from. Material writes the whole navigation on every page, a cost of pages x navigation entries;
partials/nav.html asks here first, so it is written once per folder instead. One object per build.

Material's templates indent the navigation: with ten plans a third of its bytes, on every page's
first view. A run of white space that starts a line is one line break to the browser (the
navigation holds no <pre>), so it becomes just that. A line break between two tags, or around an
entry's title inside its box, shows nothing either (the items are blocks, the links flex boxes, the
toggles hidden), so it goes too; a break between a tag and other text stays.
"""

from __future__ import annotations

import posixpath
import re

_INDENT = re.compile(r"\n\s+")
_BETWEEN_TAGS = re.compile(r">\n<")
_TITLE = re.compile(r'(<span class="md-ellipsis">)\n(.*)\n(</span>)')


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

    def keep(self, key: str | None, html: str) -> str:
        """The navigation a page gets: `html` without its indentation, kept for `key` (unless None)."""
        html = _BETWEEN_TAGS.sub("><", _INDENT.sub("\n", html))
        html = _TITLE.sub(r"\1\2\3", html)
        if key is not None:
            self._html[key] = html
        return html
