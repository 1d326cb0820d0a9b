"""mkdocs-macros entry point: it only registers macros; the logic lives in plain modules."""

from pathlib import Path

from . import render
from .model import load_handbook


def define_env(env):
    root = Path(env.project_dir)
    build: dict = {}

    def load_handbook_once():
        # define_env runs once per build (and per rebuild under `mkdocs serve`).
        if "handbook" not in build:
            build["handbook"] = load_handbook(root)
        return build["handbook"]

    def page() -> str:
        return env.page.file.src_uri

    @env.macro
    def plan_section(section_id: str) -> str:
        """A section of the plan, verbatim, with its citations linked."""
        return render.plan_section(load_handbook_once(), section_id, page())

    @env.macro
    def document_page(doc_id: str) -> str:
        """The page of one catalogued document."""
        return render.document_page(load_handbook_once(), doc_id, page())

    @env.macro
    def document_index() -> str:
        """The table of every catalogued document."""
        return render.document_index(load_handbook_once(), page())

    @env.macro
    def plan_identity() -> str:
        """The plan's number, place and date, title and signer, as issued."""
        return render.plan_identity(load_handbook_once(), page())

    @env.macro
    def whole_plan() -> str:
        """Every section of the plan on one page, for printing."""
        return render.whole_plan(load_handbook_once(), page())

    @env.macro
    def plan_contents() -> str:
        """Links to every section of the plan."""
        return render.plan_contents(load_handbook_once(), page())
