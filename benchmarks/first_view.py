"""Bytes a reader's browser loads for the first view of a page (fonts included). Prints figures.

    .venv/bin/python benchmarks/first_view.py site/ index.html ke-hoach/ii-1-quan-triet-hoc-tap.html
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from helpers import CHROMIUM, CHROMIUM_ARGS
from helpers import serve_directory as serve


def first_view_bytes(browser, base_url: str, path: str) -> tuple[int, dict[str, int]]:
    """(total bytes, bytes per resource type) for one cold load, with an empty cache."""
    context = browser.new_context()
    page = context.new_page()
    sizes: dict[str, int] = {}

    def finished(request):
        body = request.sizes()["responseBodySize"]
        sizes[request.resource_type] = sizes.get(request.resource_type, 0) + max(body, 0)

    page.on("requestfinished", finished)
    # The catalogue's table at 10,000 documents is megabytes: more than Playwright's 30 s by default
    page.set_default_timeout(300_000)
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    context.close()
    return sum(sizes.values()), sizes


def measure(site: Path, paths: list[str]) -> dict[str, tuple[int, dict[str, int]]]:
    from playwright.sync_api import sync_playwright
    url, server = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            results = {path: first_view_bytes(browser, url, path) for path in paths}
            browser.close()
    finally:
        server.shutdown()
    return results


def main() -> None:
    site, *paths = sys.argv[1:]
    for path, (total, by_type) in measure(Path(site), paths or ["index.html"]).items():
        detail = ", ".join(f"{kind} {size / 1024:.0f} KB" for kind, size in sorted(by_type.items()))
        print(f"{path}: {total / 1024:.0f} KB ({detail})")


if __name__ == "__main__":
    main()
