"""The editor's commands (`make import`, `make check-citations`, `make status-report`): run as `python -m macros.commands.<name>`."""
