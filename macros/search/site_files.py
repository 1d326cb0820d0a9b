"""Write the search index into a built site: search/manifest.js and one script per shard.

Every file is a script (`<script src>` loads it from file://, where fetch and XHR read nothing):
a shard calls `__handbookSearchShard(name, data)`, which engine.js defines before loading any.
Each file is written to a temporary name and renamed, the manifest last, so a reader never sees
half of one; shards of an earlier build that this one no longer has are removed.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from macros import settings
from macros.model import Handbook
from macros.search.index import build, dumps
from macros.search.records import all_records

MANIFEST_GLOBAL = "__handbookSearchManifest"
SHARD_FUNCTION = "__handbookSearchShard"
# The files of ours in the search folder (Material's search plugin may write its own there too)
OURS = re.compile(r"\A(manifest|all|records|t-[a-z0-9_]{1,2}|c-[0-9]+)\.js\Z")


def _write(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o644)                 # readable by the web server, as the site's other files
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def shard_script(name: str, data) -> str:
    # A JSON string read by JSON.parse is faster for the browser than the same object as a literal
    return f"window.{SHARD_FUNCTION}({json.dumps(name)},JSON.parse({json.dumps(dumps(data), ensure_ascii=False)}))\n"


def manifest_script(manifest: dict) -> str:
    return f"window.{MANIFEST_GLOBAL}={dumps(manifest)}\n"


def plans_of(handbook: Handbook) -> list[dict]:
    return [{"id": p.id, "title": p.title, "year": p.year, "number": p.number} for p in handbook.plans]


def write_search_index(handbook: Handbook, site_dir: Path, directory_urls: bool) -> dict:
    """Build the handbook's search index and write it under site_dir/search/; returns the manifest."""
    folder = site_dir / settings.SEARCH_DIR
    folder.mkdir(parents=True, exist_ok=True)
    manifest, shards = build(all_records(handbook, directory_urls), plans_of(handbook))
    for name, data in shards.items():
        _write(folder / f"{name}.js", shard_script(name, data))
    names = {f"{name}.js" for name in shards} | {settings.SEARCH_MANIFEST}
    if manifest["bundle"]:
        _write(folder / f"{manifest['bundle']}.js", "".join(shard_script(n, d) for n, d in shards.items()))
        names.add(f"{manifest['bundle']}.js")
    _write(folder / settings.SEARCH_MANIFEST, manifest_script(manifest))
    for old in folder.iterdir():
        if OURS.match(old.name) and old.name not in names:
            old.unlink()
    return manifest


def _script_data(path: Path, prefix: str, suffix: str):
    text = path.read_text(encoding="utf-8")
    if not (text.startswith(prefix) and text.endswith(suffix)):
        raise ValueError("không đúng dạng")
    data = json.loads(text[len(prefix):len(text) - len(suffix)])
    return json.loads(data) if isinstance(data, str) else data


def _shard_names(manifest: dict) -> list[str]:
    return ["records", *(f"t-{key}" for key in manifest["shards"]),
            *(f"c-{n}" for n in range(-(-manifest["records"] // manifest["chunk"])))]


def _shard_data(folder: Path, name: str):
    return _script_data(folder / f"{name}.js", f"window.{SHARD_FUNCTION}({json.dumps(name)},JSON.parse(", "))\n")


def read_index(site_dir: Path) -> tuple[dict, dict]:
    """The manifest and every shard {name: data} of a built site's search index (for checks and tests)."""
    folder = site_dir / settings.SEARCH_DIR
    manifest = _script_data(folder / settings.SEARCH_MANIFEST, f"window.{MANIFEST_GLOBAL}=", "\n")
    return manifest, {name: _shard_data(folder, name) for name in _shard_names(manifest)}


# What to do about a damaged index: it is written whole by every build
REBUILD = "dựng lại trang (make build hoặc make publish) để lập lại chỉ mục"


def index_problems(site_dir: Path) -> list[tuple[str, str]]:
    """(file, problem) for each file of the search index that is missing or damaged in a built site."""
    folder = site_dir / settings.SEARCH_DIR
    shown = f"{settings.SEARCH_DIR}/{settings.SEARCH_MANIFEST}"
    try:
        manifest = _script_data(folder / settings.SEARCH_MANIFEST, f"window.{MANIFEST_GLOBAL}=", "\n")
        names = _shard_names(manifest)
        bundle = manifest.get("bundle")
    except (OSError, ValueError, KeyError, TypeError) as error:
        return [(shown, f"thiếu hoặc hỏng tệp chỉ mục tìm kiếm ({error}): {REBUILD}")]
    problems, whole = [], []
    for name in names:
        try:
            _shard_data(folder, name)
            whole.append((folder / f"{name}.js").read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            problems.append((f"{settings.SEARCH_DIR}/{name}.js", f"thiếu hoặc hỏng tệp chỉ mục tìm kiếm ({error}): {REBUILD}"))
    bundle_file = folder / f"{bundle}.js"
    if bundle and not problems and (not bundle_file.is_file()
                                    or sorted(bundle_file.read_text(encoding="utf-8").splitlines(True)) != sorted(whole)):
        problems.append((f"{settings.SEARCH_DIR}/{bundle}.js",
                         f"thiếu hoặc hỏng tệp chỉ mục tìm kiếm (không khớp các phần): {REBUILD}"))
    return problems
