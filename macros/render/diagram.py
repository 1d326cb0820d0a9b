"""The relation map ("Lược đồ") as inline SVG, drawn at build time in pure Python (no script, no CDN).

Documents that act (implement, continue) stand left of the documents they act on; an arrow labelled
with the relation joins them. Documents with no relation are listed in a grid below. Every node is
a link; the caller supplies `href(src_path)`, resolved by the build from MkDocs' own URLs.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from ..model.catalogue import RELATION_LABELS, Document
from ..model.status import LATER_RELATIONS

NODE_WIDTH = 270
COLUMN_GAP = 150
ROW_GAP = 18
MARGIN = 12
PADDING = 10
NAME_SIZE, NAME_LINE, NAME_CHARS = 13.5, 17, 32
META_SIZE, META_LINE, META_CHARS = 11.5, 15, 40
SYSTEM_BAR = 6
# An arrow leaves its box straight, under its label, then bends to its target: labels sit beside the
# box they belong to, never on another arrow. Arrows at one box side are this far apart.
LABEL_SIZE = 11.5
STUB = 100
PORT_GAP = 22
# The smallest text a reader is shown, in px: on screen the map is never scaled below it
# (map.css; a narrow screen scrolls the map sideways instead)
MIN_TEXT = 11
# Presentation attributes keep the map legible where the site's CSS is absent (a saved SVG, a
# printout); docs/assets/stylesheets/map.css restyles it for the colour schemes.
SYSTEM_COLOURS = {"Đảng": "#b3261e", "Nhà nước": "#1a4f8b", None: "#616161"}
DIRECT = "Kế hoạch viện dẫn trực tiếp"
NESTED = "Chỉ nêu trong viện dẫn văn bản khác"
OUTSIDE = "Kế hoạch không viện dẫn (tra cứu sau)"
# An arrow's words, from the acting document: what the plan states, then what was found later
EDGE_LABELS = {**{kind: labels[0].lower() for kind, labels in RELATION_LABELS.items()},
               **{kind: labels[1].lower() for kind, labels in LATER_RELATIONS.items()}}
LATER_COLOUR = "#9c4a00"


@dataclass(frozen=True)
class Edge:
    source: str  # the acting document's id
    kind: str  # a key of RELATION_LABELS
    target: str


@dataclass
class Box:
    document: Document
    lines: list[tuple[str, str]]  # (css class, text)
    x: float = 0
    y: float = 0
    ports: int = 1  # the most arrows at one of its sides

    @property
    def height(self) -> float:
        names = sum(1 for cls, _ in self.lines if cls == "hb-map-name")
        return max(2 * PADDING + names * NAME_LINE + (len(self.lines) - names) * META_LINE, (self.ports + 1) * PORT_GAP)


def node_lines(document: Document, direct: bool) -> list[tuple[str, str]]:
    """The box's lines: name, system · level · date, and how the plan names it (or that it does not)."""
    meta = " · ".join(p for p in (document.system, document.level,
                                  document.date.display if document.date else "không nêu ngày") if p)
    lines = [("hb-map-name", line) for line in textwrap.wrap(document.name, NAME_CHARS, break_long_words=False)]
    lines += [("hb-map-meta", line) for line in textwrap.wrap(meta, META_CHARS)]
    lines.append(("hb-map-status", OUTSIDE if not document.cited else DIRECT if direct else NESTED))
    return lines


def layers(ids: list[str], edges: list[Edge]) -> dict[str, int]:
    """0 for a document that acts on nothing; otherwise one more than the deepest document it acts on."""
    outgoing: dict[str, list[str]] = {}
    for edge in edges:
        outgoing.setdefault(edge.source, []).append(edge.target)
    depth: dict[str, int] = {}

    def visit(node: str, path: frozenset) -> int:
        if node not in depth:
            targets = [t for t in outgoing.get(node, []) if t not in path]  # a cycle never loops
            depth[node] = 1 + max((visit(t, path | {node}) for t in targets), default=-1)
        return depth[node]

    for node in ids:
        visit(node, frozenset())
    return depth


def components(ids: list[str], edges: list[Edge]) -> list[list[str]]:
    """Connected groups of documents, each in catalogue order, ordered by their first document."""
    group = {i: i for i in ids}

    def find(i: str) -> str:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    for edge in edges:
        group[find(edge.source)] = find(edge.target)
    found: dict[str, list[str]] = {}
    for i in ids:
        found.setdefault(find(i), []).append(i)
    return list(found.values())


def relation_map(documents: list[Document], edges: list[Edge], direct: dict[str, bool],
                 href: Callable[[Document], str | None], title: str, description: str, id_prefix: str,
                 current: str | None = None, loose_title: str | None = None) -> str:
    """The SVG. `documents` in catalogue order; those in no edge go to the grid under `loose_title`."""
    boxes = {d.id: Box(d, node_lines(d, direct.get(d.id, True))) for d in documents}
    for side in (Counter(e.source for e in edges), Counter(e.target for e in edges)):
        for doc_id, count in side.items():
            boxes[doc_id].ports = max(boxes[doc_id].ports, count)
    endpoints = {e.source for e in edges} | {e.target for e in edges}
    linked = [d.id for d in documents if d.id in endpoints]
    loose = [d.id for d in documents if d.id not in endpoints]
    depth = layers(linked, edges)
    columns = max(depth.values(), default=0) + 1
    columns_x = [MARGIN + c * (NODE_WIDTH + COLUMN_GAP) for c in range(max(columns, 2))]
    y = MARGIN
    for group in components(linked, edges):
        stacks: dict[int, list[Box]] = {}
        for i in group:
            stacks.setdefault(columns - 1 - depth[i], []).append(boxes[i])
        height = max(sum(b.height for b in s) + ROW_GAP * (len(s) - 1) for s in stacks.values())
        for column, stack in stacks.items():
            top = y + (height - sum(b.height for b in stack) - ROW_GAP * (len(stack) - 1)) / 2
            for box in stack:
                box.x, box.y = columns_x[column], top
                top += box.height + ROW_GAP
        y += height + ROW_GAP * 1.5
    parts: list[str] = []
    heading_y = None
    if loose:
        if linked and loose_title:
            heading_y = y + 10
            y += 30
        per_row = len(columns_x)
        for start in range(0, len(loose), per_row):
            row = [boxes[i] for i in loose[start:start + per_row]]
            for column, box in enumerate(row):
                box.x, box.y = columns_x[column], y
            y += max(b.height for b in row) + ROW_GAP
    width = columns_x[-1] + NODE_WIDTH + MARGIN
    height = y - ROW_GAP + MARGIN
    smallest = min(META_SIZE, LABEL_SIZE)
    parts.append(f'<svg xmlns="http://www.w3.org/2000/svg" class="hb-map" viewBox="0 0 {width:.0f} {height:.0f}" '
                 f'width="{width:.0f}" height="{height:.0f}" style="--hb-map-min-width: {width * MIN_TEXT / smallest:.0f}px" '
                 f'aria-labelledby="{id_prefix}-title {id_prefix}-desc">')
    parts.append(f'<title id="{id_prefix}-title">{escape(title)}</title>')
    parts.append(f'<desc id="{id_prefix}-desc">{escape(description)}</desc>')
    parts.append(f'<defs><marker id="{id_prefix}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
                 f'markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
                 f'class="hb-map-arrowhead" fill="#424242"/></marker></defs>')
    if heading_y is not None:
        parts.append(f'<text class="hb-map-heading" x="{MARGIN}" y="{heading_y:.0f}" font-size="13" '
                     f'font-weight="700" fill="#212121">{escape(loose_title)}</text>')
    ends = _ports(edges, boxes)
    for edge in edges:
        parts.append(_edge(*ends[edge], edge.kind, id_prefix))
    for box in boxes.values():
        parts.append(_node(box, None if box.document.id == current else href(box.document), box.document.id == current))
    parts.append("</svg>")
    return "".join(parts)


Point = tuple[float, float]


def _ports(edges: list[Edge], boxes: dict[str, Box]) -> dict[Edge, tuple[Point, Point]]:
    """Where each arrow leaves its source (right side) and reaches its target (left side): the arrows at
    one side spread evenly down it, in the order of the boxes at their other ends (fewer crossings)."""
    starts: dict[str, list[Edge]] = {}
    ends: dict[str, list[Edge]] = {}
    for edge in edges:
        starts.setdefault(edge.source, []).append(edge)
        ends.setdefault(edge.target, []).append(edge)

    def spread(box: Box, x: float, group: list[Edge], other) -> dict[Edge, Point]:
        group = sorted(group, key=lambda e: boxes[other(e)].y)
        step = box.height / (len(group) + 1)
        return {e: (x, box.y + step * (i + 1)) for i, e in enumerate(group)}

    out: dict[Edge, Point] = {}
    into: dict[Edge, Point] = {}
    for doc_id, group in starts.items():
        out.update(spread(boxes[doc_id], boxes[doc_id].x + NODE_WIDTH, group, lambda e: e.target))
    for doc_id, group in ends.items():
        into.update(spread(boxes[doc_id], boxes[doc_id].x, group, lambda e: e.source))
    return {e: (out[e], into[e]) for e in edges}


def _edge(start: Point, end: Point, kind: str, id_prefix: str) -> str:
    """A straight start under the label, beside the source box, then a curve to the target."""
    (x1, y1), (x2, y2) = start, end
    bend_x = x1 + STUB
    bend = (x2 - bend_x) / 2
    later = kind in LATER_RELATIONS
    style = f'stroke="{LATER_COLOUR}" stroke-dasharray="3 3"' if later else 'stroke="#424242"'
    return (f'<g class="hb-map-edge{" hb-map-edge--later" if later else ""}"><path d="M{x1:.1f},{y1:.1f} '
            f'H{bend_x:.1f} C{bend_x + bend:.1f},{y1:.1f} {x2 - bend:.1f},{y2:.1f} {x2 - 1:.1f},{y2:.1f}" fill="none" '
            f'{style} stroke-width="1.5" marker-end="url(#{id_prefix}-arrow)"/>'
            f'<text class="hb-map-label" x="{x1 + 6:.1f}" y="{y1 - 5:.1f}" font-size="{LABEL_SIZE}" '
            f'fill="#212121">{escape(EDGE_LABELS[kind])}</text></g>')


def _node(box: Box, href: str | None, current: bool) -> str:
    document = box.document
    how = box.lines[-1][1]
    kind = {DIRECT: "direct", NESTED: "nested", OUTSIDE: "outside"}[how]
    classes = ["hb-map-node", f"hb-map-node--{kind}"]
    if current:
        classes.append("hb-map-node--current")
    # Cited directly: solid; named only inside another citation: dashed; outside the plan: dotted, grey
    dash = {"direct": "", "nested": ' stroke-dasharray="6 4"', "outside": ' stroke-dasharray="2 3"'}[kind]
    fill = "#f2f2f2" if kind == "outside" else "#ffffff"
    shape = (f'<rect class="hb-map-box" x="{box.x:.1f}" y="{box.y:.1f}" width="{NODE_WIDTH}" height="{box.height:.1f}" '
             f'rx="6" fill="{fill}" stroke="#424242" stroke-width="{2.5 if current else 1.2}"{dash}/>'
             f'<rect class="hb-map-system" x="{box.x:.1f}" y="{box.y:.1f}" width="{SYSTEM_BAR}" height="{box.height:.1f}" '
             f'fill="{SYSTEM_COLOURS.get(document.system, SYSTEM_COLOURS[None])}"/>')
    text_x = box.x + SYSTEM_BAR + PADDING
    line_y = box.y + PADDING
    spans = []
    for cls, line in box.lines:
        size, step = (NAME_SIZE, NAME_LINE) if cls == "hb-map-name" else (META_SIZE, META_LINE)
        line_y += step
        style = ' font-weight="700"' if cls == "hb-map-name" else (' font-style="italic"' if cls == "hb-map-status" else "")
        spans.append(f'<text class="{cls}" x="{text_x:.1f}" y="{line_y - 4:.1f}" font-size="{size}" fill="#212121"{style}>'
                     f'{escape(line)}</text>')
    inner = shape + "".join(spans)
    if href is None:
        return f'<g class="{" ".join(classes)}" aria-current="page">{inner}</g>'
    # The link's name is its visible words (name, system, level, date, citation status).
    return f'<g class="{" ".join(classes)}"><a href="{escape(href)}">{inner}</a></g>'
