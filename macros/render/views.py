"""The "Tra cứu" pages as Markdown, from small templates. No MkDocs import.

`href(document)` (for links inside SVG, which MkDocs does not rewrite) is supplied by the wiring
in macros/__init__.py from MkDocs' own page URLs; every other link is a `.md` path that MkDocs checks.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import settings
from ..model import Handbook
from ..model.catalogue import NOT_STATED, Document
from ..model.duties import deadlines, mentions
from ..model.places import Place
from ..model.plan import Plan
from ..model.status import LATER_RELATIONS
from ..model.timeline import timeline as documents_by_year
from ..slugs import WORD_SEPARATOR, slugify
from . import diagram
from .markdown import render

MAP_TITLE = "Lược đồ quan hệ giữa các văn bản được Kế hoạch viện dẫn"

Href = Callable[[Document], str]
# Shown on narrow screens only (map.css), where the map keeps a readable size and scrolls sideways
MAP_HINT = "Lược đồ rộng hơn màn hình: vuốt hoặc cuộn sang ngang để xem hết."


def _figure(svg: str, extra_class: str = "") -> str:
    """A map in its sideways-scrolling box, with the hint above it."""
    return (f'<p class="hb-map-hint">{MAP_HINT}</p>'
            f'<div class="hb-map-figure{extra_class}">{svg}</div>')


def document_url(files, document: Document, page_file) -> str:
    """MkDocs' own URL of a document's page, relative to a page (for links inside SVG): `files` and
    `page_file` are MkDocs' Files and File. ValueError when the document has no page."""
    target = files.get_file_from_path(document.src_path)
    if target is None:
        raise ValueError(f"Không có trang {document.src_path} cho một liên kết trên trang {page_file.src_uri}")
    return target.url_relative_to(page_file)


IDENTITY_LABEL = "Số, ngày, tên"


def _places_by_section(places: tuple[Place, ...], many_plans: bool) -> list[tuple[str, Place]]:
    """The first place in each section (or in a plan's identity), with the short label to show:
    the plan's year first when the handbook holds several plans."""
    seen: dict[str, Place] = {}
    for place in places:
        seen.setdefault(place.page, place)
    labels = [(p.section.number or p.section.nav if p.section else IDENTITY_LABEL, p) for p in seen.values()]
    return [(f"{p.plan.year}: {label}" if many_plans else label, p) for label, p in labels]


def browse(handbook: Handbook, page: str) -> str:
    """The catalogue as a sortable, filterable table (plain table without JavaScript)."""
    documents = handbook.catalogue.documents

    def options(values) -> list[str]:
        return sorted({v or NOT_STATED for v in values}, key=lambda v: (v == NOT_STATED, slugify(v), v))

    # (id, label, column, values, whether a cell may hold several values)
    filters = [
        ("loai", "Loại văn bản", 1, options(d.type for d in documents), False),
        ("co-quan", "Cơ quan ban hành", 2, options(d.body for d in documents), False),
        ("he-thong", "Hệ thống", 3, options(d.system for d in documents), False),
        ("cap", "Cấp", 4, options(d.level for d in documents), False),
        # Found outside the plan (data/status.yml), in one phrase per document
        ("hien-trang", "Hiện trạng", 6, sorted({handbook.status.standing(d.id) for d in documents}), False),
        # The plans that cite it, by year: one plan, or several
        ("ke-hoach", "Kế hoạch viện dẫn", 7, sorted({str(p.year) for p in handbook.plans}, reverse=True), True),
    ]
    years = sorted({d.date.year for d in documents if d.date})
    undated = any(d.date is None for d in documents)
    return render("components/view_browse.md.j2", documents=documents, filters=filters, years=years,
                  word_separator=WORD_SEPARATOR,
                  undated=undated, standing=handbook.status.standing,
                  affected=handbook.status.affected, citing=handbook.plans_citing, page=page)


def timeline(handbook: Handbook, page: str) -> str:
    years, undated = documents_by_year(handbook.catalogue.documents)
    return render("components/view_timeline.md.j2", years=years, undated=undated, page=page, depth=2)


def _edges(handbook: Handbook) -> list[diagram.Edge]:
    """What the plan states (implements, continues), then what was found later, from the acting side."""
    edges = [diagram.Edge(d.id, r.kind, r.target) for d in handbook.catalogue.documents for r in d.relations]
    return edges + [diagram.Edge(r.later, r.kind, r.earlier) for r in handbook.status.relations]


EdgesByDocument = dict[str, list[diagram.Edge]]


def edges_by_document(handbook: Handbook) -> EdgesByDocument:
    """Each document's edges, both ways, in _edges' order: made once per build, not once per document page."""
    index: EdgesByDocument = {}
    for edge in _edges(handbook):
        index.setdefault(edge.source, []).append(edge)
        if edge.target != edge.source:
            index.setdefault(edge.target, []).append(edge)
    return index


def relation_map(handbook: Handbook, page: str, href: Href, plan: Plan | None = None) -> str:
    """The map (SVG) with its text alternative: relations and nested citations as linked lists.
    Of every plan's documents, or of what one `plan` cites (with the documents related to them)."""
    catalogue = handbook.catalogue
    direct = handbook.scopes.cited_directly
    edges = _edges(handbook)
    cited = catalogue.documents
    if plan is not None:
        cited = tuple(handbook.documents_cited_by(plan.id))
        ids = {d.id for d in cited}
        # What the plan states between its own documents; what was found later about them
        edges = [e for e in edges if (e.source in ids and e.target in ids)
                 or (e.kind in LATER_RELATIONS and e.target in ids)]
    linked = {e.source for e in edges} | {e.target for e in edges}
    shown = linked | {d.id for d in cited}
    svg = diagram.relation_map(
        [d for d in catalogue.all if d.id in shown], edges, direct, href, MAP_TITLE,
        "Mũi tên đi từ văn bản thực hiện (hoặc tiếp tục thực hiện) tới văn bản được thực hiện. "
        "Khung liền: Kế hoạch viện dẫn trực tiếp; khung nét đứt: chỉ được nêu trong viện dẫn một văn bản khác. "
        "Mũi tên chấm màu nâu và khung chấm nền xám: tra cứu ngoài Kế hoạch (văn bản thay thế, sửa đổi, "
        "tiếp tục thực hiện văn bản Kế hoạch viện dẫn). Danh sách dưới lược đồ nêu cùng nội dung bằng chữ.",
        f"hb-luoc-do-{plan.id}" if plan else "hb-luoc-do", loose_title="Văn bản không có quan hệ nào trong danh mục")
    relations = [(catalogue.get(e.source), diagram.EDGE_LABELS[e.kind], catalogue.get(e.target),
                  e.kind in LATER_RELATIONS) for e in edges]
    nested = [(catalogue.get(i), [catalogue.get(o) for o in outers])
              for i, outers in handbook.scopes.nested_in.items() if i in shown]
    loose = [d for d in cited if d.id not in linked]
    return render("components/view_map.md.j2", figure=_figure(svg), relations=relations, nested=nested, loose=loose,
                  direct=direct, outside=len([d for d in catalogue.later if d.id in shown]), page=page)


def neighbourhood(handbook: Handbook, doc_id: str, href: Href, edges_of: EdgesByDocument) -> str:
    """A small SVG of one document and the documents it relates to, both ways ("" when there are none).
    `edges_of`: edges_by_document(handbook)."""
    catalogue = handbook.catalogue
    document = catalogue.get(doc_id)
    edges = edges_of.get(doc_id, [])
    if not edges:
        return ""
    ids = {doc_id} | {e.source for e in edges} | {e.target for e in edges}
    documents = catalogue.in_order(ids)
    svg = diagram.relation_map(
        documents, edges, handbook.scopes.cited_directly, href,
        f"Quan hệ của {document.name}",
        "Văn bản này (khung đậm) và các văn bản có quan hệ với nó; danh sách trên nêu cùng nội dung bằng chữ.",
        "hb-lan-can", current=doc_id)
    return _figure(svg, " hb-map-figure--small") + "\n"


def glossary(handbook: Handbook, page: str) -> str:
    rows = [(entry, _places_by_section(entry.places, len(handbook.plans) > 1)) for entry in handbook.glossary]
    return render("components/view_glossary.md.j2", rows=rows, page=page)


def duties(handbook: Handbook, page: str) -> str:
    """Every deadline of every plan; then plan by plan (newest first), unit by unit."""
    plans = []
    for plan in handbook.plans:
        units = [(unit, mentions(handbook.units, unit)) for unit in handbook.units if unit.plan is plan]
        if units:
            plans.append((plan, units, plan.calendar_file))
    return render("components/view_duties.md.j2", plans=plans, deadlines=deadlines(handbook.units),
                  calendar=settings.CALENDAR_FILE, page=page)


def movements(handbook: Handbook, page: str) -> str:
    groups = [("Phong trào thi đua, cuộc vận động", [m for m in handbook.movements if m.group == "phong-trao"]),
              ("Phong cách dân vận của Chủ tịch Hồ Chí Minh",
               [m for m in handbook.movements if m.group == "phong-cach"])]
    return render("components/view_movements.md.j2", groups=[g for g in groups if g[1]], page=page,
                  slugify=slugify, many_plans=len(handbook.plans) > 1)

