"""Scale benchmark: the handbook at N records and P plans against plain-Material floors. Prints figures.

    .venv/bin/python benchmarks/build_bench.py                    # N = 200, 2000, 10000 x P = 1, 10
    .venv/bin/python benchmarks/build_bench.py 2000 --plans 10    # one cell
    .venv/bin/python benchmarks/build_bench.py --real 2000 --plans 10   # the real site, then one cell
    .venv/bin/python benchmarks/build_bench.py --no-browser 2000 10000 --plans 1 10   # builds only

For each cell it generates the synthetic handbook (tests/synthetic.py: the real project plus
N - 25 documents with citations and relations, and P - 1 copies of the fictional test plan) and
builds it; then, in the same run, two floors, each built by plain Material (same theme, overrides,
search, offline plugin and navigation; no macros, no hooks):

- same-text floor: the same pages at the same paths, each holding the same text as the handbook's
  built page (the text of its article, heading by heading and paragraph by paragraph, as plain
  Markdown paragraphs: no links, tables, abbreviations, attribute lists or raw HTML), with the
  same navigation; no abbr extension;
- Markdown floor (up to 2,000 records): the very same Markdown the handbook renders (the generated
  pages and the hand-written pages with their macros expanded), same extensions (abbr, attr_list,
  md_in_html).

It prints: build wall time, CPU time (user + system: steadier than wall time on a shared machine)
and peak memory (each build in its own process), wall time per page, the ratios to each floor
(wall and CPU), the size of the handbook's search index (search/*.js) and of Material's
(search_index.json of the same-text floor), bytes loaded for the first view of the home page and of
a document page (empty cache, over HTTP), and the search figures of search_bench.compare: first
results after the first keystroke on a fresh page (HTTP and file://, median of 5), KB (gzip) loaded
before them, keystroke-to-results latency, for the handbook's search field and, beside it, for
Material's search on the same-text floor (Material's search plugin and box, built in the same run).
Not a test: nothing here asserts a timing. Goals: build <= 2 x the same-text floor at 2,000
records and 10 plans, linear in plans x sections + records; at 2,000 x 10 first results <= 150 ms,
keystroke p95 <= 30 ms, <= 300 KB (gzip) before first results; at 10,000 x 10 first results
<= 300 ms; first view <= 400 KB.
"""

from __future__ import annotations

import argparse
import os
import platform
import posixpath
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))

from first_view import first_view_bytes  # noqa: E402
from helpers import BUILD_ENV, CHROMIUM, CHROMIUM_ARGS, copy_project, site_pages  # noqa: E402
from helpers import serve_directory as serve  # noqa: E402
from search_bench import MATERIAL, OUR_PARTIALS, compare, index_size, material_config  # noqa: E402
from synthetic import write_project  # noqa: E402

# The Markdown floor is built up to this many records: at 10,000 it adds minutes to the matrix
MARKDOWN_FLOOR_UP_TO = 2000


def timed_build(project: Path) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak resident MiB) of one `mkdocs build` in its own process. On a
    shared machine the CPU time (user + system) compares builds better than the wall time."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")],
                               env=BUILD_ENV, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"build failed in {project}:\n{process.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


# ---------------------------------------------------------------- the floor: same Markdown, plain Material

class _File:
    def __init__(self, src_uri: str):
        self.src_uri = src_uri

    def url_relative_to(self, other: _File) -> str:
        url = posixpath.splitext(self.src_uri)[0] + ".html"
        return posixpath.relpath(url, posixpath.dirname(other.src_uri) or ".")


class _Files:
    def get_file_from_path(self, path: str) -> _File:
        return _File(path)


class _Page:
    def __init__(self, src_uri: str):
        self.file = _File(src_uri)


class _FloorEnv:
    """Just enough of mkdocs-macros' `env` to call the handbook's own macros outside MkDocs."""

    def __init__(self, project: Path):
        self.project_dir = str(project)
        self.variables = {"files": _Files()}
        self.macros: dict = {}
        self.page: _Page | None = None
        self.markdown = ""  # the page's own Markdown, as mkdocs-macros gives it

    def macro(self, function):
        self.macros[function.__name__] = function
        return function


def _split_front_matter(text: str) -> tuple[str, str]:
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4) + 5
        return text[:end], text[end:]
    return "", text


def _floor_config(handbook_project: Path, destination: Path, handbook, drop_extensions: tuple = ()) -> None:
    """The handbook's mkdocs.yml without macros and hooks, its navigation expanded as the hooks do."""
    from macros.render import site

    config = material_config(yaml.safe_load((handbook_project / "mkdocs.yml").read_text(encoding="utf-8")))
    for key in ("hooks", "watch"):
        config.pop(key, None)
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "macros" in p)]
    config["nav"] = site.expand_nav(config["nav"], handbook)
    config["markdown_extensions"] = [e for e in config["markdown_extensions"]
                                     if (e if isinstance(e, str) else next(iter(e))) not in drop_extensions]
    (destination / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                            encoding="utf-8")


def _floor_skeleton(handbook_project: Path, destination: Path) -> Path:
    if destination.exists():
        shutil.rmtree(destination)
    docs = destination / "docs"
    shutil.copytree(handbook_project / "docs" / "assets", docs / "assets")
    shutil.copytree(handbook_project / "overrides", destination / "overrides")
    for name in OUR_PARTIALS:  # Material's own search box on the floors
        (destination / "overrides/partials" / name).unlink(missing_ok=True)
    return docs


def write_floor(handbook_project: Path, destination: Path) -> None:
    """Markdown floor: every page of the handbook as the Markdown it renders (macros expanded), for plain Material."""
    import macros
    from macros.model import load_handbook
    from macros.render import site

    handbook = load_handbook(handbook_project)
    env = _FloorEnv(handbook_project)
    macros.define_env(env)
    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined)
    docs = _floor_skeleton(handbook_project, destination)
    sources = {p.relative_to(handbook_project / "docs").as_posix(): p.read_text(encoding="utf-8")
               for p in (handbook_project / "docs").rglob("*.md")}
    sources.update(site.generated_pages(handbook))
    for path, text in sources.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):  # the calendar
            (docs / path).write_bytes(text)
            continue
        if callable(text):  # a generated page, rendered by the handbook's own code
            page = _File(path)
            text = text(lambda document, page=page: _File(document.src_path).url_relative_to(page))
        front, body = _split_front_matter(text)
        if "render_macros: false" not in front:  # pages already rendered are kept as they are
            env.page, env.markdown = _Page(path), body
            body = jinja.from_string(body).render(**env.macros)
        (docs / path).write_text(front + body, encoding="utf-8")
    _floor_config(handbook_project, destination, handbook)


class _ArticleText(HTMLParser):
    """The text of a built page's article: (heading level or 0, text) per heading and paragraph."""

    BLOCKS = frozenset({"p", "li", "td", "th", "dt", "dd", "pre", "div", "tr", "caption", "figcaption", "br", "title",
              "text", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "summary", "details"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[int, str]] = []
        self.depth = 0  # inside <article>
        self.skip = 0  # inside <script>, <style> or a heading's permalink
        self.level = 0
        self.words: list[str] = []

    def flush(self):
        text = " ".join("".join(self.words).split())
        if text:
            self.blocks.append((self.level, text))
        self.words, self.level = [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif (self.depth and tag in ("script", "style")) or ("class", "headerlink") in attrs:
            self.skip += 1
        elif self.depth and tag in self.BLOCKS:
            self.flush()
            if tag[0] == "h" and tag[1:].isdigit():
                self.level = int(tag[1:])

    def handle_endtag(self, tag):
        if tag == "article":
            self.flush()
            self.depth -= 1
        elif self.skip and tag in ("script", "style", "a"):
            self.skip -= 1
        elif self.depth and tag in self.BLOCKS:
            self.flush()

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.words.append(data)


def write_text_floor(handbook_project: Path, built_site: Path, destination: Path) -> None:
    """Same-text floor: each page of the built handbook at its own path, holding its article's text as
    plain Markdown (headings and paragraphs), with the handbook's navigation, for plain Material."""
    from macros.model import load_handbook
    from macros.render.markdown import md_text

    docs = _floor_skeleton(handbook_project, destination)
    for page in site_pages(built_site):
        parser = _ArticleText()
        parser.feed((built_site / page).read_text(encoding="utf-8"))
        lines = [("#" * level + " " if level else "") + md_text(text) for level, text in parser.blocks]
        target = docs / (page[:-len(".html")] + ".md")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    _floor_config(handbook_project, destination, load_handbook(handbook_project),
                  drop_extensions=("abbr", "attr_list", "md_in_html"))


# ---------------------------------------------------------------- measuring one size

def measure(count: int, plans: int, workdir: Path, browser, markdown_floor: bool = True) -> dict:
    """One cell: N = count records and P = plans; count 0 is the real site as it is."""
    folder = workdir / f"handbook-{count}-{plans}"
    project = copy_project(folder) if count == 0 else write_project(folder, count, plans)
    wall, cpu, memory = timed_build(project)
    site = project / "site"
    text_floor = workdir / f"text-floor-{count}-{plans}"
    write_text_floor(project, site, text_floor)
    text_wall, text_cpu, _ = timed_build(text_floor)
    documents = len(yaml.safe_load((project / "data" / "documents.yml").read_text(encoding="utf-8"))["documents"])
    pages = len(site_pages(site))
    row = {
        "N": documents,
        "plans": plans,
        "pages": pages,
        "build s (CPU s)": f"{wall:.1f} ({cpu:.1f})",
        "peak MiB": f"{memory:.0f}",
        "ms/page": f"{1000 * wall / pages:.1f}",
        "same-text floor s (CPU s)": f"{text_wall:.1f} ({text_cpu:.1f})",
        "ratio to same-text floor (CPU)": f"{wall / text_wall:.2f} ({cpu / text_cpu:.2f})",
    }
    if markdown_floor and count <= MARKDOWN_FLOOR_UP_TO:
        floor = workdir / f"floor-{count}-{plans}"
        write_floor(project, floor)
        floor_wall, floor_cpu, _ = timed_build(floor)
        row["Markdown floor s (CPU s)"] = f"{floor_wall:.1f} ({floor_cpu:.1f})"
        row["ratio to Markdown floor (CPU)"] = f"{wall / floor_wall:.2f} ({cpu / floor_cpu:.2f})"
    sizes = (index_size(site), index_size(text_floor / "site", MATERIAL))
    row["index KiB (gzip): handbook / Material"] = " / ".join(f"{raw / 1024:.0f} ({packed / 1024:.0f})" for raw, packed in sizes)
    if browser is not None:
        url, server = serve(site)
        try:
            home, _ = first_view_bytes(browser, url, "index.html")
            document, _ = first_view_bytes(browser, url, "van-ban/chi-thi-16-ct-ttg.html")
        finally:
            server.shutdown()
        row["first view KB home/doc"] = f"{home / 1000:.0f}/{document / 1000:.0f}"
        row.update(compare(browser, site, text_floor / "site"))
    for folder in (project, text_floor, workdir / f"floor-{count}-{plans}"):  # disk: 10,000 records x 10 plans
        shutil.rmtree(folder / "site", ignore_errors=True)
    return row


def print_table(rows: list[dict]) -> None:
    columns = list(dict.fromkeys(column for row in rows for column in row))
    print("| " + " | ".join(columns) + " |")
    print("|" + "|".join(" --- " for _ in columns) + "|")
    for row in rows:
        print("| " + " | ".join(str(row.get(c, "")) for c in columns) + " |")


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    return (f"{os.cpu_count()} cores, {memory:.0f} GiB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, {chromium or 'no Chromium'}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Đo thời gian dựng, bộ nhớ, chỉ mục, lượt xem đầu, độ trễ tìm kiếm.")
    parser.add_argument("sizes", nargs="*", type=int, default=[200, 2000, 10000], help="số văn bản (N)")
    parser.add_argument("--plans", nargs="+", type=int, default=[1, 10], help="số Kế hoạch (P)")
    parser.add_argument("--real", action="store_true", help="đo cả trang thật (trước các cỡ thử)")
    parser.add_argument("--no-browser", action="store_true", help="chỉ đo phần dựng")
    parser.add_argument("--no-markdown-floor", action="store_true", help="bỏ mức sàn Markdown (vốn chỉ dựng tới 2.000 văn bản)")
    parser.add_argument("--keep", type=Path, help="giữ các dự án thử trong thư mục này")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    print(f"Machine: {machine()}", flush=True)
    started = time.perf_counter()
    rows = []
    cells = [(0, 1)] if args.real else []
    cells += [(n, p) for n in args.sizes for p in args.plans]
    try:
        if args.no_browser:
            for n, p in cells:
                rows.append(measure(n, p, workdir, None, not args.no_markdown_floor))
                print(rows[-1], flush=True)
        else:
            from playwright.sync_api import sync_playwright
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                for n, p in cells:
                    rows.append(measure(n, p, workdir, browser, not args.no_markdown_floor))
                    print(rows[-1], flush=True)
                browser.close()
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print_table(rows)
    print(f"Whole run: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
