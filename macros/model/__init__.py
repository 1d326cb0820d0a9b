"""The model: the plan, the catalogue and the citations between them, with the data of the views.

Loaded from data/ and validated once per change of data (`load_handbook`), into frozen objects
that the rendering reads and never changes. No MkDocs import.
"""

from .handbook import Handbook, load_handbook

__all__ = ["Handbook", "load_handbook"]
