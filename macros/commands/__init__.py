"""The editor's commands (`make import`, `make check-citations`): run as `python -m macros.commands.<name>`."""
