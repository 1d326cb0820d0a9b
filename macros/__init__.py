"""mkdocs-macros entry point: it only registers macros; the logic lives in plain modules.

    macros/model/    the data, loaded and validated once per build
    macros/render/   Markdown for every page, from the templates in macros/templates/
    macros/hooks.py  the MkDocs hooks (generated pages, navigation)
"""

from functools import cache
from pathlib import Path

from .model import load_handbook
from .render import compare, pages, status, views
from .render.markdown import abbreviation_definitions


def define_env(env):
    root = Path(env.project_dir)

    # define_env runs once per build (and per rebuild under `mkdocs serve`): load once, then reuse
    handbook = cache(lambda: load_handbook(root))
    abbreviations = cache(lambda: abbreviation_definitions(handbook().glossary))

    def page() -> str:
        return env.page.file.src_uri

    def href(document) -> str:
        """MkDocs' own URL of a document's page, relative to this page (for links inside SVG)."""
        target = env.variables["files"].get_file_from_path(document.src_path)
        if target is None:
            raise ValueError(f"no page {document.src_path} for a link on {page()}")
        return target.url_relative_to(env.page.file)

    def with_abbreviations(markdown: str) -> str:
        """A page of the plan's words, with a tooltip on each abbreviation (abbr extension)."""
        return markdown + abbreviations()

    def plan_id(given: str | None) -> str:
        """A plan's id; the newest plan when none is given (the home page)."""
        return given or handbook().plans[0].id

    @env.macro
    def plan_section(plan: str, section_id: str) -> str:
        """A section of a plan, verbatim, with its citations linked."""
        return with_abbreviations(pages.plan_section(handbook(), plan, section_id, page()))

    @env.macro
    def plan_overview(plan: str) -> str:
        """A plan's first page: number, date, title and signer, its sections, its legal basis today."""
        return with_abbreviations(compare.overview(handbook(), plan, page(), href))

    @env.macro
    def plan_compare(plan: str) -> str:
        """A plan beside the previous plan of its kind: documents, sections, duties."""
        return compare.comparison(handbook(), plan, page())

    @env.macro
    def plan_list() -> str:
        """Every plan of the handbook, newest first."""
        return pages.plan_list(handbook(), page())

    @env.macro
    def document_page(doc_id: str) -> str:
        """The page of one catalogued document."""
        return pages.document_page(handbook(), doc_id, page(),
                                   neighbourhood=views.neighbourhood(handbook(), doc_id, href))

    @env.macro
    def document_index() -> str:
        """The table of every catalogued document."""
        return pages.document_index(handbook(), page())

    @env.macro
    def plan_identity(plan: str | None = None) -> str:
        """A plan's number, place and date, title and signer, as issued (the newest plan's by default)."""
        return with_abbreviations(pages.plan_identity(handbook(), plan_id(plan), page()))

    @env.macro
    def whole_plan(plan: str) -> str:
        """Every section of a plan on one page, for printing."""
        return with_abbreviations(pages.whole_plan(handbook(), plan, page()))

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
    def legal_status_summary(plan: str | None = None) -> str:
        """One line: how many documents a plan cites were replaced, amended or continued since."""
        return status.summary(handbook(), plan_id(plan), page())

    @env.macro
    def reference_status() -> str:
        """Every cited document's standing today, with facts, sources and dates checked."""
        return status.status_page(handbook(), page())
