"""Commands an editor runs from the Makefile (python -m macros.commands.<name>)."""
