"""Rendering: Markdown for every page, from the model and small Jinja templates. No MkDocs import."""
