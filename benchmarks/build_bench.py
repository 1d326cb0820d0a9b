"""Build benchmark: the handbook at N documents against a plain-Material floor. Prints figures.

    .venv/bin/python benchmarks/build_bench.py            # N = 200, 2000, 10000
    .venv/bin/python benchmarks/build_bench.py 2000       # one size

For each N it builds (1) the synthetic handbook (benchmarks/synthetic.py) and (2) the floor: the
same pages, already rendered to Markdown, built by plain Material with the same theme, search and
offline plugins and navigation, but without macros or hooks. It prints wall time, peak memory,
time per record, the search-index size and the ratio of the two build times. Not a test: nothing
here asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_project  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def timed_build(project: Path) -> tuple[float, float]:
    """(wall seconds, peak resident MiB) of one `mkdocs build` in its own process."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")],
                               env=ENV, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"build failed in {project}:\n{process.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024


def write_floor(handbook_project: Path, destination: Path) -> None:
    """The same pages as plain Markdown files, built by Material without macros or hooks."""
    from macros import pages, render
    from macros.model import load_handbook

    handbook = load_handbook(handbook_project)
    if destination.exists():
        shutil.rmtree(destination)
    docs = destination / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    shutil.copytree(ROOT / "overrides", destination / "overrides")
    rendered = {"index.md": render.plan_identity(handbook, "index.md") + render.plan_contents(handbook, "index.md"),
                "van-ban/index.md": "# Văn bản được viện dẫn\n\n" + render.document_index(handbook, "van-ban/index.md")}
    for section in handbook.plan.sections:
        rendered[section.file] = render.plan_section(handbook, section.id, section.file)
    for document in handbook.catalogue.documents:
        rendered[document.src_path] = render.document_page(handbook, document.id, document.src_path)
    for path, markdown in rendered.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(markdown, encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks", None)
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "macros" in p)]
    config["nav"] = [{"Trang chủ": "index.md"}, {"Kế hoạch": pages.plan_nav(handbook)},
                     {"Văn bản được viện dẫn": "van-ban/index.md"}]
    config["strict"] = False  # hand pages of the real site (views, glossary) are not part of the floor
    (destination / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                            encoding="utf-8")


def search_index_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in (site / "search").glob("search_index.*"))


def measure(count: int, workdir: Path) -> dict:
    project = write_project(workdir / f"handbook-{count}", count)
    floor = workdir / f"floor-{count}"
    write_floor(project, floor)
    wall, memory = timed_build(project)
    floor_wall, floor_memory = timed_build(floor)
    documents = len(yaml.safe_load((project / "data" / "documents.yml").read_text(encoding="utf-8"))["documents"])
    return {
        "records": documents,
        "build_s": round(wall, 2), "peak_mib": round(memory), "ms_per_record": round(1000 * wall / documents, 2),
        "floor_build_s": round(floor_wall, 2), "floor_peak_mib": round(floor_memory),
        "ratio": round(wall / floor_wall, 2),
        "search_index_kib": round(search_index_bytes(project / "site") / 1024),
        "floor_search_index_kib": round(search_index_bytes(floor / "site") / 1024),
        "pages": sum(1 for _ in (project / "site").rglob("*.html")),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[200, 2000, 10000])
    parser.add_argument("--keep", type=Path, help="keep the generated projects in this folder")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    results = [measure(n, workdir) for n in args.sizes]
    columns = list(results[0])
    print(" | ".join(columns))
    for row in results:
        print(" | ".join(str(row[c]) for c in columns))
    print(json.dumps(results, ensure_ascii=False))
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
