"""mkdocs-macros entry point: it only registers macros; the logic lives in plain modules.

The macros serve the hand-written pages of docs/. The generated pages (plans' sections, documents)
arrive already rendered (macros/render/site.py) and are left alone by mkdocs-macros.

    macros/model/    the data, loaded and validated once per build
    macros/render/   Markdown for every page, from the templates in macros/templates/
    macros/hooks.py  the MkDocs hooks (generated pages, navigation)
"""

from functools import cache
from pathlib import Path

from .model import load_handbook
from .render import home, pages, status, views


def define_env(env):
    root = Path(env.project_dir)

    # define_env runs once per build (and per rebuild under `mkdocs serve`): load once, then reuse
    handbook = cache(lambda: load_handbook(root))

    def page() -> str:
        return env.page.file.src_uri

    def href(document) -> str:
        return views.document_url(env.variables["files"], document, env.page.file)

    def plan_id(given: str | None) -> str:
        """A plan's id; the newest plan when none is given (the home page)."""
        return given or handbook().plans[0].id

    @env.macro
    def document_index() -> str:
        """The table of every catalogued document."""
        return pages.document_index(handbook(), page())

    @env.macro
    def plan_contents(plan: str | None = None) -> str:
        """Links to every section of a plan (the newest plan's by default)."""
        return pages.plan_contents(handbook(), plan_id(plan), page())

    @env.macro
    def reference_table() -> str:
        """The catalogue as a sortable, filterable table."""
        return views.browse(handbook(), page())

    @env.macro
    def reference_timeline() -> str:
        """The cited documents by date, grouped by year."""
        return views.timeline(handbook(), page())

    @env.macro
    def reference_map() -> str:
        """The relation map (SVG) and its text alternative."""
        return views.relation_map(handbook(), page(), href)

    @env.macro
    def reference_glossary() -> str:
        """The abbreviations the plan uses."""
        return views.glossary(handbook(), page())

    @env.macro
    def reference_duties() -> str:
        """Section IV unit by unit, with deadlines and the calendar file."""
        return views.duties(handbook(), page())

    @env.macro
    def reference_movements() -> str:
        """Movements, campaigns and mottos, with the places the plan names them."""
        return views.movements(handbook(), page())

    @env.macro
    def home_start() -> str:
        """The home page's first screen: search, plans, the legal basis today, deadlines, the views."""
        return home.start(handbook(), page())

    @env.macro
    def reference_status() -> str:
        """Every cited document's standing today, with facts, sources and dates checked."""
        return status.status_page(handbook(), page())
