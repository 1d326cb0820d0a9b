"""The handbook model: everything the pages show, loaded and validated once per change of data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from .. import settings
from ..errors import DataError
from .catalogue import Catalogue, Document, load_catalogue
from .citations import Citation, find_citations
from .duties import Unit, load_duties
from .glossary import Abbreviation, load_glossary
from .issuers import load_issuers, with_bodies
from .movements import Movement, load_movements
from .plan import Block, Plan, Section, load_plan
from .redirects import load_redirects
from .scopes import Scopes, citation_scopes
from .status import LegalStatus, load_status


@dataclass(frozen=True)
class Handbook:
    plans: tuple[Plan, ...]  # newest first
    catalogue: Catalogue
    citations: tuple[Citation, ...]
    glossary: tuple[Abbreviation, ...] = ()
    units: tuple[Unit, ...] = ()
    movements: tuple[Movement, ...] = ()
    status: LegalStatus = field(default_factory=lambda: LegalStatus({}, (), ()))  # found outside the plan
    redirects: dict = field(default_factory=dict)  # old address → new page, both under docs/
    # Indexes derived once from the citations: backlinks are never typed twice.
    _by_document: dict = field(default_factory=dict, repr=False, compare=False)
    _by_paragraph: dict = field(default_factory=dict, repr=False, compare=False)
    _by_section: dict = field(default_factory=dict, repr=False, compare=False)
    _by_plan: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        for citation in self.citations:
            self._by_document.setdefault(citation.document_id, []).append(citation)
            self._by_paragraph.setdefault((citation.plan_id, citation.anchor), []).append(citation)
            self._by_section.setdefault((citation.plan_id, citation.section_id), {})[citation.document_id] = None
            self._by_plan.setdefault(citation.plan_id, {})[citation.document_id] = None
        object.__setattr__(self, "_plans", {plan.id: plan for plan in self.plans})

    def plan(self, plan_id: str) -> Plan:
        return self._plans[plan_id]

    def citations_of(self, doc_id: str) -> list[Citation]:
        return self._by_document.get(doc_id, [])

    def citations_in_paragraph(self, plan_id: str, anchor: str) -> list[Citation]:
        return self._by_paragraph.get((plan_id, anchor), [])

    def block(self, plan_id: str, anchor: str) -> tuple[Section, Block]:
        return self.plan(plan_id).block(anchor)

    def documents_cited_in(self, plan_id: str, section_id: str) -> list[Document]:
        """The documents a section cites, in order of first citation."""
        return [self.catalogue.get(i) for i in self._by_section.get((plan_id, section_id), {})]

    def documents_cited_by(self, plan_id: str) -> list[Document]:
        """The documents a plan cites, in the plan's order of first citation."""
        return [self.catalogue.get(i) for i in self._by_plan.get(plan_id, {})]

    def plans_citing(self, doc_id: str) -> list[Plan]:
        """The plans that cite a document, newest first."""
        ids = {c.plan_id for c in self.citations_of(doc_id)}
        return [plan for plan in self.plans if plan.id in ids]

    def previous(self, plan: Plan) -> Plan | None:
        """The plan of the same kind issued just before this one, if the handbook holds it."""
        older = [p for p in self.plans if p.kind == plan.kind and p.issued < plan.issued]
        return older[0] if older else None

    def plan_of_record(self, doc_id: str) -> Plan | None:
        """The plan whose text the handbook holds for a catalogue record (header `catalogue:`)."""
        return next((p for p in self.plans if p.catalogue_id == doc_id), None)

    @property
    def scopes(self) -> Scopes:
        """Which citations are direct and which lie inside another: derived once, on first use."""
        cached = self.__dict__.get("_scopes")
        if cached is None:
            cached = citation_scopes(self.plans, self.catalogue, self._by_paragraph)
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

    plans = load_plans(data / settings.PLANS_DIR, data / settings.schema_file(settings.PLAN_SCHEMA))
    catalogue = load_catalogue(*where(settings.CATALOGUE_FILE), latest=max(p.issued for p in plans))
    for plan in plans:
        if plan.catalogue_id and plan.catalogue_id not in catalogue:
            raise DataError(settings.shown(f"{settings.PLANS_DIR}/{plan.id}.yml"),
                            f"không có bản ghi '{plan.catalogue_id}' trong {settings.shown(settings.CATALOGUE_FILE)}",
                            "ghi id của bản ghi danh mục là chính Kế hoạch này, hoặc xóa dòng 'catalogue'",
                            field="catalogue", line=plan.line)
    citations = find_citations(plans, catalogue, settings.shown(settings.CATALOGUE_FILE))
    later, status = load_status(*where(settings.STATUS_FILE), catalogue, today=date.today())
    catalogue = with_bodies(Catalogue(catalogue.documents, later), load_issuers(*where(settings.ISSUERS_FILE)),
                            *map(settings.shown, (settings.ISSUERS_FILE, settings.CATALOGUE_FILE, settings.STATUS_FILE)))
    return Handbook(plans, catalogue, citations, status=status,
                    glossary=load_glossary(*where(settings.GLOSSARY_FILE), plans),
                    units=load_duties(*where(settings.DUTIES_FILE), {p.id: p for p in plans}),
                    movements=load_movements(*where(settings.MOVEMENTS_FILE), plans),
                    redirects=load_redirects(*where(settings.REDIRECTS_FILE), plans))


def load_plans(folder: Path, schema_path: Path) -> tuple[Plan, ...]:
    """Every plan whose header is in `folder`, newest first; two plans never share number and year."""
    headers = sorted(folder.glob("*.yml"))
    shown_folder = settings.shown(settings.PLANS_DIR)
    if not headers:
        raise DataError(shown_folder, "không có Kế hoạch nào", "thêm phần đầu của một Kế hoạch: data/plans/<id>.yml")
    plans = [load_plan(path, schema_path, f"{shown_folder}/{path.name}") for path in headers]
    seen: dict[tuple[str, int], Plan] = {}
    for plan in plans:
        key = (plan.number, plan.year)
        if key in seen:
            raise DataError(f"{shown_folder}/{plan.id}.yml",
                            f"số '{plan.number}' năm {plan.year} trùng với Kế hoạch '{seen[key].id}'",
                            "kiểm tra lại số và năm: mỗi Kế hoạch một số hiệu trong năm", field="number", line=plan.line)
        seen[key] = plan
    return tuple(sorted(plans, key=lambda p: (p.issued, p.id), reverse=True))
