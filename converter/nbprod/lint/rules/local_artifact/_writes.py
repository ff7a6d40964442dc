"""Helpers shared by the local-artifact rules: which file writes land on local disk.

A write is *local* unless its target is a URL (``s3://``, ``gs://``, ``abfs://`` ...) or a
Databricks ``dbfs`` path, an in-memory buffer (``io.BytesIO()``), ``sys.stdout``, a
temporary file or folder (``tempfile``), or a file that a later call hands to MLflow,
Weights & Biases or a cloud upload (``mlflow.log_artifact("model.pkl")``): those are
already on their way to a product or registry. Variables are followed to their bindings
anywhere in the notebook; when any binding is not local, the write is given the benefit of
the doubt.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ....analysis import CellAnalysis, IOSite, NotebookAnalysis, dotted
from ....analysis.io import literal_path
from ....analysis.symbols import qualified_name
from .._bindings import bindings

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
#: Functions and methods that ship a local file somewhere durable.
UPLOAD_PREFIXES = ("mlflow.", "wandb.", "neptune.", "clearml.", "dvc.", "comet_ml.")
UPLOAD_METHODS = frozenset(
    {
        "log_artifact",
        "log_artifacts",
        "log_model",
        "upload_file",
        "upload_from_filename",
        "upload",
        "put_file",
        "add_file",
        "save_artifact",
    }
)
_BUFFER_CALLS = frozenset({"io.BytesIO", "io.StringIO"})


@dataclass(frozen=True)
class LocalWrite:
    """A file write that stays on local disk."""

    site: IOSite
    #: The literal file name, when known.
    path: str | None
    #: The target as a message names it: ``the local file 'model.pkl'`` or
    #: ``a local path (`out_path`)``.
    shown: str


def remote_text(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered.startswith("file://"):
        return False
    return bool(_URL.match(lowered)) or lowered.startswith(("dbfs:", "/dbfs/"))


def writes_of(analysis: NotebookAnalysis) -> Writes:
    """The :class:`Writes` of a notebook, built once and shared by the rules."""
    return analysis.memo(Writes, lambda: Writes(analysis))


class Writes:
    """The local writes of a notebook, with what is needed to judge their targets."""

    def __init__(self, analysis: NotebookAnalysis) -> None:
        self.analysis = analysis
        self.bindings = bindings(analysis)
        self.uploaded_names, self.uploaded_paths = _uploads(analysis)

    def local(self, apis: Iterable[str] | None = None) -> Iterator[LocalWrite]:
        """Local writes whose ``api`` is in ``apis`` (all writes when None)."""
        wanted = None if apis is None else frozenset(apis)
        for site in self.analysis.io:
            if site.kind != "write" or (wanted is not None and site.api not in wanted):
                continue
            found = self.classify(site)
            if found is not None:
                yield found

    def classify(self, site: IOSite) -> LocalWrite | None:
        target = self._through_handle(site.call.cell, site.target)
        if target is None:
            return None
        if isinstance(target, ast.Name) and target.id not in self.bindings:
            return None  # a function parameter or a name bound elsewhere: unknown
        path = literal_path(target)
        if path is not None:
            if remote_text(path) or path in self.uploaded_paths or not path.strip():
                return None
            return LocalWrite(site, path, f"the local file {path!r}")
        if not self._local_expression(target):
            return None
        return LocalWrite(site, None, f"a local path (`{_short(target)}`)")

    def _through_handle(
        self, cell: CellAnalysis, target: ast.expr | None
    ) -> ast.expr | None:
        """``with open(p, "wb") as f: dump(x, f)`` writes ``p``."""
        if not isinstance(target, ast.Name):
            return target
        for value in self.bindings.get(target.id, ()):
            if _is_open(value, self.analysis.aliases) and isinstance(value, ast.Call):
                return value.args[0] if value.args else None
        return target

    def _local_expression(self, expr: ast.expr, depth: int = 0) -> bool:
        """False when any part of ``expr`` is remote, a buffer, stdout or temporary."""
        if depth > 5:
            return True
        aliases = self.analysis.aliases
        for node in ast.walk(expr):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and remote_text(node.value)
            ):
                return False
            name = qualified_name(node, aliases) if isinstance(node, ast.expr) else None
            if name is not None and (
                name in _BUFFER_CALLS
                or name.startswith("tempfile.")
                or name in {"sys.stdout", "sys.stderr"}
            ):
                return False
            if isinstance(node, ast.Name):
                if node.id in self.uploaded_names:
                    return False
                for value in self.bindings.get(node.id, ()):
                    if value is not expr and not self._local_expression(
                        value, depth + 1
                    ):
                        return False
        return True


def _short(expr: ast.expr) -> str:
    text = dotted(expr) or ast.unparse(expr)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_open(value: ast.expr, aliases: dict[str, str]) -> bool:
    if not isinstance(value, ast.Call):
        return False
    name = qualified_name(value.func, aliases)
    return name in {"builtins.open", "io.open", "codecs.open"}


def _uploads(analysis: NotebookAnalysis) -> tuple[frozenset[str], frozenset[str]]:
    """Names and literal paths handed to an artifact store or cloud upload."""
    names: set[str] = set()
    paths: set[str] = set()
    for site in analysis.calls:
        uploads = (site.qualname or "").startswith(UPLOAD_PREFIXES) or (
            site.method in UPLOAD_METHODS
        )
        if not uploads:
            continue
        for arg in [*site.node.args, *(kw.value for kw in site.node.keywords)]:
            for node in ast.walk(arg):
                if isinstance(node, ast.Name):
                    names.add(node.id)
            path = literal_path(arg)
            if path is not None:
                paths.add(path)
    return frozenset(names), frozenset(paths)


def dumped_object(site: IOSite) -> str | None:
    """The dumped object as written in ``dump(obj, path)`` (shortened), or None."""
    args = site.call.node.args
    if not args:
        return None
    text = ast.unparse(args[0])
    return text if len(text) <= 40 else None
