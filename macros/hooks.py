"""MkDocs hooks: wire the handbook model into the build. No logic lives here."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

# The hook is loaded by file path; make the `macros` package importable as a package.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from macros import pages, slugs  # noqa: E402
from macros.errors import DataError  # noqa: E402
from macros.reference import load_reference  # noqa: E402
from macros.views import calendar_file  # noqa: E402

log = logging.getLogger("mkdocs.plugins.handbook")


def on_config(config):
    # Readable Vietnamese anchors: đ → d, no letter dropped.
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugs.slugify
    try:
        # The handbook and the reference data of issue 6, validated before any page renders
        handbook = load_reference(Path(config.config_file_path).parent).handbook
    except DataError as error:
        raise PluginError(f"Dữ liệu sổ tay không hợp lệ: {error}") from None
    config.nav = pages.expand_nav(config.nav, handbook)
    # No 404 page: it links by absolute paths, which break under an unknown sub-path and
    # from a folder (file://); the web server shows its own "not found" page instead.
    config.theme.static_templates.discard("404.html")
    log.debug("handbook: %d documents, %d citations", len(handbook.catalogue.documents), len(handbook.citations))
    return config


def on_files(files, config):
    reference = load_reference(Path(config.config_file_path).parent)
    for path, content in pages.generated_pages(reference.handbook):
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} trùng với một trang được tạo tự động: xóa tệp docs/{path}")
        files.append(File.generated(config, path, content=content))
    # The deadlines calendar (issue 6), linked from the duties page
    path, content = calendar_file(reference)
    files.append(File.generated(config, path, content=content))
    return files
