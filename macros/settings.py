"""Where the handbook's data lives and where its generated pages go: every path and name, once."""

from __future__ import annotations

# The data folder, relative to the project root, and the files in it
DATA_DIR = "data"
SCHEMA_DIR = "schema"
PLAN_FILE = "plan.yml"
CATALOGUE_FILE = "documents.yml"
GLOSSARY_FILE = "glossary.yml"
DUTIES_FILE = "duties.yml"
MOVEMENTS_FILE = "movements.yml"
STATUS_FILE = "status.yml"


def shown(file: str) -> str:
    """How an error message names a data file: "data/documents.yml"."""
    return f"{DATA_DIR}/{file}"


def schema_file(file: str) -> str:
    """The JSON Schema of a data file, under the data folder: "schema/documents.schema.json"."""
    return f"{SCHEMA_DIR}/{file.rsplit('.', 1)[0]}.schema.json"


# Generated pages, as paths under docs/
DOCUMENTS_DIR = "van-ban"
WHOLE_PLAN_FILE = "ke-hoach/toan-van.md"
CALENDAR_FILE = "tra-cuu/han-hoan-thanh.ics"
DUTIES_PAGE = "tra-cuu/nhiem-vu-thoi-han.md"
STATUS_PAGE = "tra-cuu/hien-trang.md"
# The home page shows the plan's identity lines (number, place and date, title) under this id
IDENTITY_PAGE = "index.md"
IDENTITY_ANCHOR = "ke-hoach"

# mkdocs.yml's nav names the plan's pages by this placeholder; the build puts the sections there
PLAN_NAV_PLACEHOLDER = "ke-hoach/"

# The calendar's UIDs must stay the same from build to build: a fixed domain of the handbook's own
CALENDAR_UID_DOMAIN = "so-tay-dan-van-2022.svhttdl.binhphuoc"
CALENDAR_PRODUCT = "-//So tay cong tac dan van 2022//Tra cuu//VI"
