"""The handbook model: plan + catalogue + citations, loaded and validated once per change of data."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .catalogue import Catalogue, Document, load_catalogue
from .citations import Citation, find_citations
from .plan import Block, Plan, Section, load_plan

DATA_DIR = "data"
CATALOGUE_FILE = "documents.yml"
PLAN_FILE = "plan.yml"


@dataclass(frozen=True)
class Handbook:
    plan: Plan
    catalogue: Catalogue
    citations: tuple[Citation, ...]
    _by_document: dict = field(default_factory=dict, repr=False, compare=False)
    _by_paragraph: dict = field(default_factory=dict, repr=False, compare=False)
    _by_section: dict = field(default_factory=dict, repr=False, compare=False)
    _blocks: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        # Indexes derived once from the citations: backlinks are never typed twice.
        for citation in self.citations:
            self._by_document.setdefault(citation.document_id, []).append(citation)
            self._by_paragraph.setdefault(citation.anchor, []).append(citation)
            self._by_section.setdefault(citation.section_id, {})[citation.document_id] = None
        for section in self.plan.sections:
            for block in section.blocks:
                self._blocks[block.anchor] = (section, block)

    def citations_of(self, doc_id: str) -> list[Citation]:
        return self._by_document.get(doc_id, [])

    def citations_in_paragraph(self, anchor: str) -> list[Citation]:
        return self._by_paragraph.get(anchor, [])

    def block(self, anchor: str) -> tuple[Section, Block]:
        return self._blocks[anchor]

    def documents_cited_in(self, section_id: str) -> list[Document]:
        """The documents a section cites, in order of first citation."""
        return [self.catalogue.get(i) for i in self._by_section.get(section_id, {})]


def data_fingerprint(root: Path) -> tuple:
    """Changes whenever a data file changes, so `mkdocs serve` reloads edited data."""
    files = sorted((root / DATA_DIR).rglob("*"))
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.is_file())


def load_handbook(root: Path) -> Handbook:
    root = Path(root).resolve()
    return _load(root, data_fingerprint(root))


@lru_cache(maxsize=4)
def _load(root: Path, _fingerprint: tuple) -> Handbook:
    data = root / DATA_DIR
    plan = load_plan(data / PLAN_FILE, data / "schema" / "plan.schema.json", f"{DATA_DIR}/{PLAN_FILE}")
    catalogue = load_catalogue(data / CATALOGUE_FILE, data / "schema" / "documents.schema.json",
                               f"{DATA_DIR}/{CATALOGUE_FILE}", latest=plan.issued)
    return Handbook(plan, catalogue, find_citations(plan, catalogue, f"{DATA_DIR}/{CATALOGUE_FILE}"))
