"""The editor's commands (`make import`, `make check-citations`, `make status-report`).

Each runs as `python -m macros.commands.<name>`.
"""
