"""The content tree read into a :class:`Project`: one reader per kind of file; translation status.

The entries a project holds are in :mod:`casebook.project.entries`.
"""

from casebook.project.entries import Project
from casebook.project.loading import load_project

__all__ = ["Project", "load_project"]
