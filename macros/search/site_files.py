"""Write the search index into a built site: search/manifest.js and one script per shard.

Every file is a script (`<script src>` loads it from file://, where fetch and XHR read nothing):
a shard calls `__handbookSearchShard(name, data)`, which engine.js defines before loading any. A
small index has no shard files: its shards are in the manifest ("parts"). Each file is written to a
temporary name and renamed, the manifest last, so a reader never sees half of one; shards of an
earlier build that this one no longer has are removed.
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
# Each file is one of these frames around the JSON string its data is written as (JSON.parse of a string
# is faster for the browser than the same object as a literal): written by *_script, read by _script_data
MANIFEST_FRAME = (f"window.{MANIFEST_GLOBAL}=JSON.parse(", ")\n")
MANIFEST_PREFIX = MANIFEST_FRAME[0]
PARTS = "parts"  # the manifest's field holding a small index's shards


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


def _shard_frame(name: str) -> tuple[str, str]:
    return f"window.{SHARD_FUNCTION}({json.dumps(name)},JSON.parse(", "))\n"


def _script(frame: tuple[str, str], data) -> str:
    return frame[0] + json.dumps(dumps(data), ensure_ascii=False) + frame[1]


def shard_script(name: str, data) -> str:
    return _script(_shard_frame(name), data)


def manifest_script(manifest: dict) -> str:
    return _script(MANIFEST_FRAME, manifest)


def plans_of(handbook: Handbook) -> list[dict]:
    return [{"id": p.id, "title": p.title, "year": p.year, "number": p.number} for p in handbook.plans]


def write_search_index(handbook: Handbook, site_dir: Path, directory_urls: bool, whole: bool | None = None) -> dict:
    """Build the handbook's search index and write it under site_dir/search/; returns the manifest.
    `whole`: in the manifest, or in shard files (by default, by its size: index.build)."""
    folder = site_dir / settings.SEARCH_DIR
    folder.mkdir(parents=True, exist_ok=True)
    manifest, shards = build(all_records(handbook, directory_urls), plans_of(handbook), whole)
    names = {settings.SEARCH_MANIFEST}
    if not manifest["whole"]:
        for name, data in shards.items():
            _write(folder / f"{name}.js", shard_script(name, data))
        names |= {f"{name}.js" for name in shards}
    _write(folder / settings.SEARCH_MANIFEST, manifest_script({**manifest, PARTS: shards} if manifest["whole"] else manifest))
    for old in folder.iterdir():
        if OURS.match(old.name) and old.name not in names:
            old.unlink()
    return manifest


def _script_data(path: Path, frame: tuple[str, str]):
    prefix, suffix = frame
    text = path.read_text(encoding="utf-8")
    if not (text.startswith(prefix) and text.endswith(suffix)):
        raise ValueError("không đúng dạng")
    return json.loads(json.loads(text[len(prefix):len(text) - len(suffix)]))


def _shard_names(manifest: dict) -> list[str]:
    return ["records", *(f"t-{key}" for key in manifest["shards"]),
            *(f"c-{n}" for n in range(-(-manifest["records"] // manifest["chunk"])))]


def _manifest(folder: Path) -> dict:
    manifest = _script_data(folder / settings.SEARCH_MANIFEST, MANIFEST_FRAME)
    if not isinstance(manifest, dict):
        raise ValueError("không đúng dạng")
    return manifest


def _shard_data(folder: Path, manifest: dict, name: str):
    if manifest["whole"]:
        if name not in manifest[PARTS]:
            raise ValueError(f"tệp chỉ mục không có phần {name}")
        return manifest[PARTS][name]
    return _script_data(folder / f"{name}.js", _shard_frame(name))


def read_index(site_dir: Path) -> tuple[dict, dict]:
    """The manifest (without a small index's parts) and every shard {name: data} of a built site's search
    index (for checks and tests)."""
    folder = site_dir / settings.SEARCH_DIR
    manifest = _manifest(folder)
    shards = {name: _shard_data(folder, manifest, name) for name in _shard_names(manifest)}
    manifest.pop(PARTS, None)
    return manifest, shards


# What to do about a damaged index: it is written whole by every build
REBUILD = "dựng lại trang (make build hoặc make publish) để lập lại chỉ mục"


def index_problems(site_dir: Path) -> list[tuple[str, str]]:
    """(file, problem) for each file of the search index that is missing or damaged in a built site."""
    folder = site_dir / settings.SEARCH_DIR
    shown = f"{settings.SEARCH_DIR}/{settings.SEARCH_MANIFEST}"
    try:
        manifest = _manifest(folder)
        names = _shard_names(manifest)
    except (OSError, ValueError, KeyError, TypeError) as error:
        return [(shown, f"thiếu hoặc hỏng tệp chỉ mục tìm kiếm ({error}): {REBUILD}")]
    problems = []
    for name in names:
        try:
            _shard_data(folder, manifest, name)
        except (OSError, ValueError, KeyError, TypeError) as error:
            file = shown if manifest.get("whole") else f"{settings.SEARCH_DIR}/{name}.js"
            problems.append((file, f"thiếu hoặc hỏng tệp chỉ mục tìm kiếm ({error}): {REBUILD}"))
    return problems
