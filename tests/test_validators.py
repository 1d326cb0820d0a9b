"""Outside validators: the W3C Nu HTML Checker and Lighthouse 12, plus one guard per theme override.

Material 9.8.2 writes a few tags the Nu HTML Checker rejects; overrides/main.html and
overrides/partials/{nav-item,toc}.html correct them, and overrides/partials/header.html puts the
handbook's own search (partials/search.html) where Material's was. The guards below fail if a
Material upgrade (or a stale copy of a partial) brings one of those errors back.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from warnings import warn

import pytest

from helpers import CHROMIUM, CHROMIUM_ARGS, ROOT, site_pages

NODE_MODULES = ROOT / "tests" / "node_modules"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = NODE_MODULES / "lighthouse"
MATERIAL = Path(__import__("material").__file__).parent / "templates"

LIGHTHOUSE_PAGES = ["index.html", "ke-hoach/dan-van-2022/ii-1-quan-triet-hoc-tap.html", "van-ban/chi-thi-16-ct-ttg.html"]
LIGHTHOUSE_CATEGORIES = ["accessibility", "best-practices", "seo"]


def tool(name: str, hint: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} not found: {hint}")
    return path


# The Nu HTML Checker ----------------------------------------------------------------------------

@pytest.mark.build
def test_nu_html_checker_finds_no_error_on_any_page(built_site):
    java = tool("java", "run `make system-packages` (Debian package default-jre-headless)")
    assert VNU.is_file(), "vnu.jar missing: run `make test` (npm ci --prefix tests)"
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--skip-non-html", str(built_site)],
                            capture_output=True, text=True, timeout=300)
    assert result.stderr.startswith("{"), result.stderr[-2000:]
    messages = json.loads(result.stderr)["messages"]
    checked = len(site_pages(built_site))
    assert checked > 40, f"only {checked} pages built"

    def where(message: dict) -> str:
        file = message.get("url", "?").split(built_site.as_posix() + "/", 1)[-1]
        return f"{file}:{message.get('lastLine', '?')}: {message['message']}"

    warnings = [where(m) for m in messages if m["type"] == "info"]
    if warnings:    # allowed, and listed in the test report
        warn(f"{len(warnings)} warning(s) of the Nu HTML Checker:\n  " + "\n  ".join(warnings), stacklevel=1)
    errors = sorted(where(m) for m in messages if m["type"] != "info")
    assert not errors, f"{len(errors)} error(s) over {checked} pages:\n" + "\n".join(errors)


# One guard per override -------------------------------------------------------------------------

def every_page(built_site, page_html):
    for path in site_pages(built_site):
        yield path, page_html(built_site / path)


@pytest.mark.build
def test_drawer_and_search_checkboxes_have_no_autocomplete(built_site, page_html):
    """overrides/main.html: no autocomplete on a checkbox; a form with autocomplete=off owns the toggles."""
    for path, html in every_page(built_site, page_html):
        assert not html.select("input[type=checkbox][autocomplete]"), path
        for toggle in ("__drawer", "__search"):
            owner = html.find("form", id=html.find("input", id=toggle).get("form"))
            # Still no state restored on reload or Back (Material's reason for the attribute)
            assert owner is not None and owner.get("autocomplete") == "off", (path, toggle)


@pytest.mark.build
def test_no_label_has_an_empty_tabindex(built_site, page_html):
    """overrides/partials/nav-item.html: section labels have no tabindex; the others keep tabindex=0."""
    for path, html in every_page(built_site, page_html):
        labels = html.select("label.md-nav__link[for^=__nav_]")
        assert labels, path
        assert not html.select('label[tabindex=""], [tabindex=""]'), path
        assert all(label.get("tabindex") in (None, "0") for label in labels), path
        assert any(label.get("tabindex") == "0" for label in labels), path


@pytest.mark.build
def test_every_label_names_a_control_on_its_page(built_site, page_html):
    """overrides/partials/toc.html: label for="__toc" only where the __toc checkbox is."""
    pages_without_toc_toggle = 0
    for path, html in every_page(built_site, page_html):
        ids = {element["id"] for element in html.select("input[id], select[id], textarea[id]")}
        dangling = [str(label)[:80] for label in html.select("label[for]") if label["for"] not in ids]
        assert not dangling, (path, dangling)
        if html.select_one("nav.md-nav--secondary label.md-nav__title") and not html.find(id="__toc"):
            pages_without_toc_toggle += 1
    assert pages_without_toc_toggle >= 20, "the document pages (outside the nav) still have their TOC title"


@pytest.mark.build
def test_the_header_holds_the_handbooks_search_and_no_other(built_site, page_html):
    """overrides/partials/header.html and search.html: one search box, a combobox with its listbox;
    neither Material's search dialog nor its toggle."""
    for path, html in every_page(built_site, page_html):
        boxes = html.select('header form[role="search"] input[type="text"][role="combobox"][name="q"]')
        assert len(boxes) == 1, path
        assert html.find(id=boxes[0]["aria-controls"]).get("role") == "listbox", path
        assert not html.select('[data-md-component^="search"], label[for="__search"], [role="dialog"]'), path


# The copies of Material's partials differ from it only by their correction: on an upgrade, copy again.
HEADER_SEARCH = '    {% include "partials/search.html" %}\n'
MATERIAL_HEADER_SEARCH = """    {% if "material/search" in config.plugins %}
      {% set search = config.plugins["material/search"] | attr("config") %}
      {% if search.enabled %}
        <label class="md-header__button md-icon" for="__search">
          {% set icon = config.theme.icon.search or "material/magnify" %}
          {% include ".icons/" ~ icon ~ ".svg" %}
        </label>
        {% include "partials/search.html" %}
      {% endif %}
    {% endif %}
"""
OVERRIDES = {
    "nav-item.html": [('id="{{ path }}_label"{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>',
                       'id="{{ path }}_label" tabindex="{{ tabindex }}">')],
    "toc.html": [('<label class="md-nav__title"{% if page in nav.pages %} for="__toc"{% endif %}>',
                  '<label class="md-nav__title" for="__toc">')],
    "header.html": [(HEADER_SEARCH, MATERIAL_HEADER_SEARCH)],
    "language.html": [('{{ {"action.skip": "Bỏ qua, tới nội dung chính", "top": "Lên đầu trang"}[key] or lang.t(key)',
                       '{{ lang.t(key)')],
}


@pytest.mark.parametrize("name", sorted(OVERRIDES))
def test_override_is_material_partial_but_for_its_correction(name):
    ours = (ROOT / "overrides" / "partials" / name).read_text(encoding="utf-8")
    first_line, _, body = ours.partition("\n")
    assert first_line.startswith("{#- Material 9.8.2") and first_line.endswith("-#}"), first_line
    for corrected, original in OVERRIDES[name]:
        assert corrected in body, (name, corrected)
        body = body.replace(corrected, original)
    material = (MATERIAL / "partials" / name).read_text(encoding="utf-8").split("-#}\n", 1)[1]
    assert material == body, f"Material's {name} changed: copy it again into overrides/partials/ and re-apply"


def test_main_template_still_finds_the_checkboxes_it_corrects():
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    main = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    for toggle in ("__drawer", "__search"):
        tag = f'id="{toggle}" autocomplete="off">'
        assert base.count(tag) == 1 and tag in main, toggle


# Lighthouse 12 --------------------------------------------------------------------------------

# Runs Lighthouse on each URL in one Chromium (already started, on `port`); prints one JSON list.
LIGHTHOUSE_SCRIPT = """
import lighthouse from 'lighthouse';
const [port, categories, ...urls] = process.argv.slice(1);
const results = [];
for (const url of urls) {
  const {lhr} = await lighthouse(url, {port: Number(port), output: 'json', logLevel: 'error',
                                       onlyCategories: categories.split(',')});
  const failing = [];
  for (const category of Object.values(lhr.categories)) {
    for (const ref of category.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
        const items = ((audit.details && audit.details.items) || []).slice(0, 3)
          .map(item => JSON.stringify(item.node ? item.node.snippet : item).slice(0, 200));
        failing.push(`${category.id} / ${ref.id} (${audit.score}): ${audit.title} ${items.join(' ')}`);
      }
    }
  }
  results.push({url, version: lhr.lighthouseVersion, error: lhr.runtimeError ? lhr.runtimeError.message : null,
                scores: Object.fromEntries(Object.entries(lhr.categories).map(([id, c]) => [id, c.score])),
                failing});
}
console.log(JSON.stringify(results));
"""


def start_chromium(profile: Path) -> tuple[subprocess.Popen, int]:
    """Debian's Chromium with a DevTools port; host names resolve nowhere, so nothing can leave the host."""
    process = subprocess.Popen(
        [CHROMIUM, "--headless=new", *CHROMIUM_ARGS, "--remote-debugging-port=0", f"--user-data-dir={profile}",
         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 30
    while not (port_file.is_file() and port_file.read_text().strip()):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("Chromium did not start")
        time.sleep(0.1)
    return process, int(port_file.read_text().split()[0])


@pytest.mark.build
@pytest.mark.browser
def test_lighthouse_scores_100_on_three_pages(site_url):
    node = tool("node", "Node.js is needed for Lighthouse (npm ci --prefix tests)")
    assert LIGHTHOUSE.is_dir(), "Lighthouse missing: run `make test` (npm ci --prefix tests)"
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as profile:
        chromium, port = start_chromium(Path(profile))
        try:
            result = subprocess.run(
                [node, "--input-type=module", "-e", LIGHTHOUSE_SCRIPT, str(port), ",".join(LIGHTHOUSE_CATEGORIES),
                 *(site_url + path for path in LIGHTHOUSE_PAGES)],
                cwd=ROOT / "tests", capture_output=True, text=True, timeout=240)
        finally:
            chromium.terminate()
            chromium.wait(timeout=30)
    assert result.returncode == 0, result.stderr[-3000:]
    reports = json.loads(result.stdout.strip().splitlines()[-1])
    problems = []
    for report in reports:
        assert report["version"].startswith("12."), report["version"]
        if report["error"]:
            problems.append(f"{report['url']}: {report['error']}")
        below = {c: s for c, s in report["scores"].items() if s != 1}
        if below or report["failing"]:
            problems.append(f"{report['url']}: {below}\n    " + "\n    ".join(report["failing"]))
    assert [r["url"] for r in reports] == [site_url + path for path in LIGHTHOUSE_PAGES]
    assert all(sorted(r["scores"]) == sorted(LIGHTHOUSE_CATEGORIES) for r in reports)
    assert not problems, "\n".join(problems)
