"""The handbook model: everything the pages show, loaded and validated once per change of data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from .. import settings
from .catalogue import Catalogue, Document, load_catalogue
from .citations import Citation, find_citations
from .duties import Unit, load_duties
from .glossary import Abbreviation, load_glossary
from .movements import Movement, load_movements
from .plan import Block, Plan, Section, load_plan
from .scopes import Scopes, citation_scopes
from .status import LegalStatus, load_status


@dataclass(frozen=True)
class Handbook:
    plan: Plan
    catalogue: Catalogue
    citations: tuple[Citation, ...]
    glossary: tuple[Abbreviation, ...] = ()
    units: tuple[Unit, ...] = ()
    movements: tuple[Movement, ...] = ()
    status: LegalStatus = field(default_factory=lambda: LegalStatus({}, (), ()))  # found outside the plan
    # Indexes derived once from the citations: backlinks are never typed twice.
    _by_document: dict = field(default_factory=dict, repr=False, compare=False)
    _by_paragraph: dict = field(default_factory=dict, repr=False, compare=False)
    _by_section: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        for citation in self.citations:
            self._by_document.setdefault(citation.document_id, []).append(citation)
            self._by_paragraph.setdefault(citation.anchor, []).append(citation)
            self._by_section.setdefault(citation.section_id, {})[citation.document_id] = None

    def citations_of(self, doc_id: str) -> list[Citation]:
        return self._by_document.get(doc_id, [])

    def citations_in_paragraph(self, anchor: str) -> list[Citation]:
        return self._by_paragraph.get(anchor, [])

    def block(self, anchor: str) -> tuple[Section, Block]:
        return self.plan.block(anchor)

    def documents_cited_in(self, section_id: str) -> list[Document]:
        """The documents a section cites, in order of first citation."""
        return [self.catalogue.get(i) for i in self._by_section.get(section_id, {})]

    @property
    def scopes(self) -> Scopes:
        """Which citations are direct and which lie inside another: derived once, on first use."""
        cached = self.__dict__.get("_scopes")
        if cached is None:
            cached = citation_scopes(self.plan, self.catalogue, self._by_paragraph)
            object.__setattr__(self, "_scopes", cached)
        return cached


def data_fingerprint(root: Path) -> tuple:
    """Changes whenever a data file changes, so `mkdocs serve` reloads edited data."""
    files = sorted((root / settings.DATA_DIR).rglob("*"))
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.is_file())


def load_handbook(root: Path) -> Handbook:
    """The validated model of a project's data; the same object while the data is unchanged."""
    root = Path(root).resolve()
    return _load(root, data_fingerprint(root))


@lru_cache(maxsize=4)
def _load(root: Path, _fingerprint: tuple) -> Handbook:
    data = root / settings.DATA_DIR

    def where(file: str) -> tuple[Path, Path, str]:
        return data / file, data / settings.schema_file(file), settings.shown(file)

    plan = load_plan(*where(settings.PLAN_FILE))
    catalogue = load_catalogue(*where(settings.CATALOGUE_FILE), latest=plan.issued)
    citations = find_citations(plan, catalogue, settings.shown(settings.CATALOGUE_FILE))
    later, status = load_status(*where(settings.STATUS_FILE), catalogue, today=date.today())
    catalogue = Catalogue(catalogue.documents, later)
    return Handbook(plan, catalogue, citations, status=status,
                    glossary=load_glossary(*where(settings.GLOSSARY_FILE), plan),
                    units=load_duties(*where(settings.DUTIES_FILE), plan),
                    movements=load_movements(*where(settings.MOVEMENTS_FILE), plan))
