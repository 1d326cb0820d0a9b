"""MkDocs hooks: wire the handbook model into the build. No logic lives here.

The package is installed into the virtual environment (`pip install -e .`, done by the Makefile),
so this file, which MkDocs loads by its path, imports it like any other package.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from macros import slugs
from macros.errors import DataError
from macros.model import load_handbook
from macros.render import page_assets
from macros.render.shared_nav import SharedNavigation
from macros.render.site import expand_nav, generated_pages
from macros.render.views import document_url
from macros.search import site_files

log = logging.getLogger("mkdocs.plugins.handbook")


def _handbook(config):
    try:
        return load_handbook(Path(config.config_file_path).parent)
    except DataError as error:
        raise PluginError(f"Dữ liệu sổ tay không hợp lệ: {error}") from None


def on_config(config):
    # Readable Vietnamese anchors: đ → d, no letter dropped.
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugs.slugify
    # Validated before any page renders
    handbook = _handbook(config)
    config.nav = expand_nav(config.nav, handbook)
    # Every address published before leads to its page now (mkdocs-redirects writes the pages)
    config.plugins["redirects"].config["redirect_maps"] = dict(handbook.redirects)
    # No 404 page: it links by absolute paths, which break under an unknown sub-path and
    # from a folder (file://); the web server shows its own "not found" page instead.
    config.theme.static_templates.discard("404.html")
    log.debug("handbook: %d documents, %d citations", len(handbook.catalogue.documents), len(handbook.citations))
    return config


# Before the plugins' on_files: mkdocs-redirects checks its targets against the pages it sees there
@event_priority(100)
def on_files(files, config):
    handbook = _handbook(config)
    rendered = []
    for path, content in generated_pages(handbook):
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} trùng với một trang được tạo tự động: xóa tệp docs/{path}")
        if isinstance(content, bytes):
            files.append(File.generated(config, path, content=content))
            continue
        file = File.generated(config, path, content="")
        files.append(file)
        rendered.append((file, content))
    # Once every page is a file, each generated page is written with MkDocs' own URLs (links inside SVG)
    for file, markdown in rendered:
        try:
            file.content_string = markdown(lambda document, page=file: document_url(files, document, page))
        except DataError as error:
            raise PluginError(f"Dữ liệu sổ tay không hợp lệ: {error}") from None
        except ValueError as error:
            raise PluginError(str(error)) from None
    return files


def on_env(env, config, files):
    # The navigation of the pages outside it, written once per folder (overrides/partials/nav.html)
    env.globals["handbook_nav"] = SharedNavigation()
    # The stylesheets and scripts only some pages use, linked on those (overrides/page-assets.html)
    env.globals["handbook_assets"] = page_assets
    return env


# The handbook's own search index, made from the model (macros/search/), once per build
def on_post_build(config):
    manifest = site_files.write_search_index(_handbook(config), Path(config.site_dir), config.use_directory_urls)
    log.debug("handbook: search index of %d records, %d term shards", manifest["records"], len(manifest["shards"]))
