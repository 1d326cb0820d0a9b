"""The stylesheets and scripts that only some pages use: each page links them only if it uses them.

mkdocs.yml's extra_css and extra_javascript go on every page. The files here serve a few pages (the
reference views, the relation maps, the catalogue table, the home page), so overrides/page-assets.html links one only
where the page's content holds one of its marks: the class names it styles, the attribute its
script looks for. Every other page's first view is that much lighter. No MkDocs import.
"""

from __future__ import annotations

# A stylesheet -> the marks in a page's HTML that show the page uses it (each of its rules styles
# only inside an element of one of these classes: tests/test_views.py checks it against the file)
STYLESHEETS = {
    "assets/stylesheets/views.css": ("hb-browse", "hb-button", "hb-cards", "hb-sort", "hb-timeline"),
    "assets/stylesheets/map.css": ("hb-map",),
    "assets/stylesheets/home.css": ("hb-home",),
}

# A script -> the marks of the page elements it works on (after mkdocs.yml's extra_javascript,
# whose words.js it may use)
SCRIPTS = {
    "assets/javascripts/table-filter.js": ("data-hb-browse",),
}


def _used(assets: dict[str, tuple[str, ...]], html: str | None) -> list[str]:
    return [path for path, marks in assets.items() if html and any(mark in html for mark in marks)]


def stylesheets(html: str | None) -> list[str]:
    """The stylesheets of STYLESHEETS that a page with this content uses."""
    return _used(STYLESHEETS, html)


def scripts(html: str | None) -> list[str]:
    """The scripts of SCRIPTS that a page with this content uses."""
    return _used(SCRIPTS, html)
