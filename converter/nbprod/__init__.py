"""nbprod: flag demo-only patterns in notebooks and export them as production pipelines.

The public API is small and shared by the CLI, the Jupyter server extension and the tests:

- :func:`nbprod.lint` lints one notebook and returns its findings.
- :func:`nbprod.read_notebook` reads and validates a notebook without executing it.
- :func:`nbprod.export` exports a notebook as a runnable pipeline package.
"""

from __future__ import annotations

from ._version import __version__
from .errors import ConfigError, NbprodError, NotebookReadError

# `nbprod.lint` is both the function and the subpackage `nbprod/lint/`. Importing the
# function here, after the subpackage is loaded, makes the attribute the function for good
# (later submodule imports set attributes on `nbprod.lint`, not on `nbprod`). The import
# is light: nbformat, IPython and detect-secrets load only when a notebook is read.
# `nbprod.export` likewise (the passes, Jinja and black load only when exporting).
from .export import export
from .lint.api import lint
from .notebook import read_notebook

__all__ = [
    "ConfigError",
    "NbprodError",
    "NotebookReadError",
    "__version__",
    "export",
    "lint",
    "read_notebook",
]


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    # Cheap on purpose: Jupyter calls this at start-up; the handlers load later.
    return [{"module": "nbprod.server"}]


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    return [{"src": "labextension", "dest": "nbprod"}]
