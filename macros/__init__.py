"""mkdocs-macros entry point: it only registers macros; the logic lives in plain modules."""

from pathlib import Path

from . import render, views
from .reference import abbreviation_definitions, load_reference


def define_env(env):
    root = Path(env.project_dir)
    build: dict = {}

    def reference_once():
        # define_env runs once per build (and per rebuild under `mkdocs serve`): load once, then reuse.
        if "reference" not in build:
            build["reference"] = load_reference(root)
            build["abbreviations"] = abbreviation_definitions(build["reference"].glossary)
        return build["reference"]

    def load_handbook_once():
        return reference_once().handbook

    def abbreviations() -> str:
        """Definitions that give each abbreviation of the plan's text a tooltip (abbr extension)."""
        reference_once()
        return build["abbreviations"]

    def page() -> str:
        return env.page.file.src_uri

    @env.macro
    def plan_section(section_id: str) -> str:
        """A section of the plan, verbatim, with its citations linked."""
        return render.plan_section(load_handbook_once(), section_id, page()) + abbreviations()

    @env.macro
    def document_page(doc_id: str) -> str:
        """The page of one catalogued document."""
        return render.document_page(load_handbook_once(), doc_id, page(),
                                    neighbourhood=views.neighbourhood(reference_once(), doc_id, href))

    @env.macro
    def document_index() -> str:
        """The table of every catalogued document."""
        return render.document_index(load_handbook_once(), page())

    @env.macro
    def plan_identity() -> str:
        """The plan's number, place and date, title and signer, as issued."""
        return render.plan_identity(load_handbook_once(), page()) + abbreviations()

    @env.macro
    def whole_plan() -> str:
        """Every section of the plan on one page, for printing."""
        return render.whole_plan(load_handbook_once(), page()) + abbreviations()

    @env.macro
    def plan_contents() -> str:
        """Links to every section of the plan."""
        return render.plan_contents(load_handbook_once(), page())

    # Reference views (issue 6): macros/views.py; pages under docs/tra-cuu/.
    def href(document) -> str:
        """MkDocs' own URL of a document's page, relative to this page (for links inside SVG)."""
        target = env.variables["files"].get_file_from_path(document.src_path)
        if target is None:
            raise ValueError(f"no page {document.src_path} for a link on {page()}")
        return target.url_relative_to(env.page.file)

    @env.macro
    def reference_table() -> str:
        """The catalogue as a sortable, filterable table."""
        return views.browse(reference_once(), page())

    @env.macro
    def reference_timeline() -> str:
        """The cited documents by date, grouped by year."""
        return views.timeline(reference_once(), page())

    @env.macro
    def reference_map() -> str:
        """The relation map (SVG) and its text alternative."""
        return views.relation_map(reference_once(), page(), href)

    @env.macro
    def reference_glossary() -> str:
        """The abbreviations the plan uses."""
        return views.glossary(reference_once(), page())

    @env.macro
    def reference_duties() -> str:
        """Section IV unit by unit, with deadlines and the calendar file."""
        return views.duties(reference_once(), page())

    @env.macro
    def reference_movements() -> str:
        """Movements, campaigns and mottos, with the places the plan names them."""
        return views.movements(reference_once(), page())
