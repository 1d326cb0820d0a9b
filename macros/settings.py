"""Where the handbook's data lives and where its generated pages go: every path and name, once."""

from __future__ import annotations

# The data folder, relative to the project root, and the files in it
DATA_DIR = "data"
SCHEMA_DIR = "schema"
PLANS_DIR = "plans"  # one header per plan: data/plans/<plan id>.yml
SOURCE_DIR = "source"  # each plan's text as received: data/source/<name>.txt
PLAN_SCHEMA = "plan.yml"  # the headers' schema: schema/plan.schema.json
REDIRECTS_FILE = "redirects.yml"
CATALOGUE_FILE = "documents.yml"
GLOSSARY_FILE = "glossary.yml"
DUTIES_FILE = "duties.yml"
MOVEMENTS_FILE = "movements.yml"
STATUS_FILE = "status.yml"
ISSUERS_FILE = "issuers.yml"


def shown(file: str) -> str:
    """How an error message names a data file: "data/documents.yml"."""
    return f"{DATA_DIR}/{file}"


def schema_file(file: str) -> str:
    """The JSON Schema of a data file, under the data folder: "schema/documents.schema.json"."""
    return f"{SCHEMA_DIR}/{file.rsplit('.', 1)[0]}.schema.json"


# Generated pages, as paths under docs/
DOCUMENTS_DIR = "van-ban"
PLANS_FOLDER = "ke-hoach"  # each plan's pages: ke-hoach/<plan id>/
WHOLE_PLAN_PAGE = "toan-van"  # every section of one plan on one page, for printing
CALENDAR_FILE = "tra-cuu/han-hoan-thanh.ics"
STATUS_PAGE = "tra-cuu/hien-trang.md"
# Each plan's overview page shows its identity lines (number, place and date, title) under this id
IDENTITY_ANCHOR = "ke-hoach"

# mkdocs.yml's nav names the plan's pages by this placeholder; the build puts the sections there
PLAN_NAV_PLACEHOLDER = "ke-hoach/"

# The calendar's UIDs must stay the same from build to build: a fixed domain of the handbook's own, per plan
CALENDAR_UID_DOMAIN = "so-tay-{plan}.svhttdl.binhphuoc"
CALENDAR_NAME = "han-hoan-thanh.ics"  # each plan's calendar, in its folder
CALENDAR_PRODUCT = "-//So tay cong tac dan van//Tra cuu//VI"

# The handbook's search index (macros/search/), written by the build into this folder of the site:
# manifest.js, then shard scripts that engine.js loads by <script> (file:// reads no other way)
SEARCH_DIR = "search"
SEARCH_MANIFEST = "manifest.js"
SEARCH_ENGINE = "assets/javascripts/search/engine.js"  # a site that ships it must ship the index
GLOSSARY_PAGE = "tra-cuu/chu-viet-tat.md"  # the glossary's results open this page

# A link that leaves the intranet on purpose (a cited source, a database to check a document in) is
# marked so: the publish check lets only such links out, and print shows their address
OUTBOUND_CLASS = "hb-outbound"
OUTBOUND_REL = "external noopener"
