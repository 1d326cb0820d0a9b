"""Scale benchmark: the handbook at N documents against a plain-Material floor. Prints figures.

    .venv/bin/python benchmarks/build_bench.py              # N = 200, 2000, 10000
    .venv/bin/python benchmarks/build_bench.py 2000         # one size
    .venv/bin/python benchmarks/build_bench.py --no-browser 2000 10000   # builds only

For each N it generates the synthetic handbook (benchmarks/synthetic.py: the real project plus
N - 25 documents with citations and relations) and builds it; then it builds the floor: the very
same pages, already rendered to Markdown by the handbook's own functions, built by plain Material
(same theme, search, offline plugin and navigation; no macros, no hooks). It prints:
build wall time and peak memory (each build in its own process), time per record, the ratio
to the floor, the search-index size, bytes loaded for the first view of the home page and of a
document page (empty cache, over HTTP), and keystroke-to-results latency in Chromium.
Not a test: nothing here asserts a timing. Goals: ratio <= 1.3 at 2,000; linear in N;
<= 100 ms per keystroke at 2,000; first view <= 400 KB.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import posixpath
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jinja2
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))

from first_view import first_view_bytes  # noqa: E402
from helpers import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from helpers import serve_directory as serve  # noqa: E402
from search_bench import describe, latencies  # noqa: E402
from synthetic import write_project  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def timed_build(project: Path) -> tuple[float, float]:
    """(wall seconds, peak resident MiB) of one `mkdocs build` in its own process."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")],
                               env=ENV, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"build failed in {project}:\n{process.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024


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

    def macro(self, function):
        self.macros[function.__name__] = function
        return function


def _split_front_matter(text: str) -> tuple[str, str]:
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4) + 5
        return text[:end], text[end:]
    return "", text


def write_floor(handbook_project: Path, destination: Path) -> None:
    """Every page of the handbook as plain Markdown (macros already expanded), for plain Material."""
    import macros
    from macros.model import load_handbook
    from macros.render import site
    from macros.settings import PLAN_NAV_PLACEHOLDER

    handbook = load_handbook(handbook_project)
    env = _FloorEnv(handbook_project)
    macros.define_env(env)
    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined)

    if destination.exists():
        shutil.rmtree(destination)
    docs = destination / "docs"
    shutil.copytree(handbook_project / "docs" / "assets", docs / "assets")
    shutil.copytree(handbook_project / "overrides", destination / "overrides")
    sources = {p.relative_to(handbook_project / "docs").as_posix(): p.read_text(encoding="utf-8")
               for p in (handbook_project / "docs").rglob("*.md")}
    sources.update(site.generated_pages(handbook))
    for path, text in sources.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):  # the calendar
            (docs / path).write_bytes(text)
            continue
        front, body = _split_front_matter(text)
        env.page = _Page(path)
        (docs / path).write_text(front + jinja.from_string(body).render(**env.macros), encoding="utf-8")

    config = yaml.safe_load((handbook_project / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("hooks", "watch"):
        config.pop(key, None)
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "macros" in p)]
    config["nav"] = [{key: site.plan_nav(handbook) if value == PLAN_NAV_PLACEHOLDER else value}
                     for item in config["nav"] for key, value in item.items()]
    (destination / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                            encoding="utf-8")


# ---------------------------------------------------------------- measuring one size

def index_bytes(site: Path) -> tuple[int, int]:
    data = (site / "search" / "search_index.json").read_bytes()
    return len(data), len(gzip.compress(data, 6))


def measure(count: int, workdir: Path, browser) -> dict:
    project = write_project(workdir / f"handbook-{count}", count)
    floor = workdir / f"floor-{count}"
    write_floor(project, floor)
    wall, memory = timed_build(project)
    floor_wall, _floor_memory = timed_build(floor)
    documents = len(yaml.safe_load((project / "data" / "documents.yml").read_text(encoding="utf-8"))["documents"])
    site = project / "site"
    size, zipped = index_bytes(site)
    row = {
        "N": documents,
        "pages": sum(1 for _ in site.rglob("*.html")),
        "build s": f"{wall:.1f}",
        "peak MiB": f"{memory:.0f}",
        "ms/record": f"{1000 * wall / documents:.2f}",
        "floor s": f"{floor_wall:.1f}",
        "ratio": f"{wall / floor_wall:.2f}",
        "index KiB (gzip)": f"{size / 1024:.0f} ({zipped / 1024:.0f})",
    }
    if browser is not None:
        url, server = serve(site)
        try:
            home, _ = first_view_bytes(browser, url, "index.html")
            document, _ = first_view_bytes(browser, url, "van-ban/chi-thi-16-ct-ttg.html")
        finally:
            server.shutdown()
        times, ready = latencies(browser, site)
        row["first view KB home/doc"] = f"{home / 1000:.0f}/{document / 1000:.0f}"
        row["keystroke ms median/p95/max"] = describe(times, short=True)
        row["first results ms"] = f"{ready:.0f}"
    return row


def print_table(rows: list[dict]) -> None:
    columns = list(rows[0])
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
    parser.add_argument("sizes", nargs="*", type=int, default=[200, 2000, 10000])
    parser.add_argument("--no-browser", action="store_true", help="chỉ đo phần dựng")
    parser.add_argument("--keep", type=Path, help="giữ các dự án thử trong thư mục này")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    print(f"Machine: {machine()}", flush=True)
    rows = []
    try:
        if args.no_browser:
            rows = [measure(n, workdir, None) for n in args.sizes]
        else:
            from playwright.sync_api import sync_playwright
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                for n in args.sizes:
                    rows.append(measure(n, workdir, browser))
                    print(rows[-1], flush=True)
                browser.close()
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print_table(rows)


if __name__ == "__main__":
    main()
