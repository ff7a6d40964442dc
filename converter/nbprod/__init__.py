"""nbprod: flag demo-only patterns in notebooks and export them as production pipelines.

The public API is small and shared by the CLI, the Jupyter server extension and the tests:

- :func:`nbprod.lint` lints one notebook and returns its findings.
- :func:`nbprod.read_notebook` reads and validates a notebook without executing it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import ConfigError, NbprodError, NotebookReadError

if TYPE_CHECKING:
    from .lint.api import lint
    from .notebook import read_notebook

__all__ = [
    "ConfigError",
    "NbprodError",
    "NotebookReadError",
    "__version__",
    "lint",
    "read_notebook",
]


def __getattr__(name: str) -> Any:
    # Lazy: `import nbprod` stays cheap for the CLI and the server extension.
    if name == "lint":
        from .lint.api import lint

        return lint
    if name == "read_notebook":
        from .notebook import read_notebook

        return read_notebook
    raise AttributeError(f"module 'nbprod' has no attribute {name!r}")
