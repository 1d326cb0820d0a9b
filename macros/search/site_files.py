"""Write the ready-made search index next to Material's search_index.json, in a built site.

Two files with the same index: ready_index.json, which the search worker reads over HTTP, and
ready_index.js, which a page opened from a folder (file://, where nothing can be read with a
request) loads as a script when a search starts (search-on-demand.js). Then search_index.json
(and the offline plugin's copy, search_index.js) is written again carrying the ready index's id,
in Material's own format. Each is written to a temporary file and renamed, so a reader never
sees half of one. When there is no search index (search turned off), or the index holds what the
port does not cover, the old files are removed: the worker then builds the index itself, as
Material does.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from macros import settings
from macros.search.ready_index import build, dumps, marked

# Where the script puts the index for the search worker (lunr.vi.min.js reads it there)
SCRIPT_GLOBAL = "__readyIndex"


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


def remove_ready_index(site_dir: Path) -> None:
    for name in (settings.READY_INDEX, settings.READY_INDEX_SCRIPT):
        (site_dir / name).unlink(missing_ok=True)


def write_ready_index(site_dir: Path) -> int | None:
    """Build and write the ready index of the site's search index; the number of its terms, or None
    when the site has no search index. ValueError (old files removed) when it cannot be made."""
    source = site_dir / settings.SEARCH_INDEX
    if not source.is_file():
        remove_ready_index(site_dir)
        return None
    try:
        search_index = json.loads(source.read_text(encoding="utf-8"))
        ready = build(search_index)
    except (ValueError, KeyError, TypeError) as error:
        remove_ready_index(site_dir)
        raise ValueError(str(error)) from None
    ready_text = dumps(ready)
    # A JSON string literal is a JavaScript one too; JSON.parse reads it faster than an object literal
    script = f"self.{SCRIPT_GLOBAL}=JSON.parse({json.dumps(ready_text, ensure_ascii=False)})\n"
    _write(site_dir / settings.READY_INDEX, ready_text)
    _write(site_dir / settings.READY_INDEX_SCRIPT, script)
    # As Material's search plugin and offline plugin write them
    search_text = json.dumps(marked(search_index, ready), separators=(",", ":"), default=str)
    _write(source, search_text)
    if (site_dir / settings.SEARCH_INDEX_SCRIPT).is_file():
        _write(site_dir / settings.SEARCH_INDEX_SCRIPT, f"var __index = {search_text}")
    return len(ready["terms"])
