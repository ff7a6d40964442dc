"""File reads and writes: which calls touch disk, in which direction, and where.

Matching is by resolved qualified name for functions (``pandas.read_csv``) and by method
name for methods on data (``df.to_parquet``), since the receiver's type is not known
without running the code.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import CallSite

#: Functions that read a file named by their first argument (or ``keyword``).
READ_FUNCTIONS = {
    "numpy.load": "file",
    "numpy.loadtxt": "fname",
    "numpy.genfromtxt": "fname",
    "numpy.fromfile": "file",
    "joblib.load": "filename",
    "torch.load": "f",
    "PIL.Image.open": "fp",
    "cv2.imread": "filename",
    "yaml.safe_load": "stream",
    "polars.read_csv": "source",
    "polars.read_parquet": "source",
    "polars.scan_csv": "source",
    "polars.scan_parquet": "source",
    "datasets.load_from_disk": "dataset_path",
    "tensorflow.keras.models.load_model": "filepath",
    "keras.models.load_model": "filepath",
    "xgboost.DMatrix": "data",
}

#: Functions that write a file named by their first argument (or ``keyword``).
WRITE_FUNCTIONS = {
    "numpy.save": "file",
    "numpy.savez": "file",
    "numpy.savez_compressed": "file",
    "numpy.savetxt": "fname",
    "matplotlib.pyplot.savefig": "fname",
}

#: Functions whose *second* argument names the file written (``dump(obj, path)``).
DUMP_FUNCTIONS = {
    "joblib.dump": "filename",
    "torch.save": "f",
    "pickle.dump": "file",
    "dill.dump": "file",
    "cloudpickle.dump": "file",
    "json.dump": "fp",
    "yaml.dump": "stream",
    "yaml.safe_dump": "stream",
    "pandas.to_pickle": "filepath_or_buffer",
    "torch.jit.save": "f",
    "tensorflow.saved_model.save": "export_dir",
    "keras.models.save_model": "filepath",
    "tensorflow.keras.models.save_model": "filepath",
    "onnx.save": "f",
    "onnx.save_model": "f",
}

#: Functions whose first argument is the file read (``load(open(path))`` unwraps open).
LOAD_FROM_HANDLE = {"pickle.load", "dill.load", "cloudpickle.load", "json.load"}

#: ``df.to_csv(path)``-style methods on data frames, arrays and models.
WRITE_METHODS = frozenset(
    {
        "to_csv",
        "to_parquet",
        "to_pickle",
        "to_feather",
        "to_excel",
        "to_json",
        "to_hdf",
        "to_stata",
        "to_orc",
        "write_csv",
        "write_parquet",
        "save_model",
        "save_weights",
        "save_pretrained",
        "savefig",
        "save",
        "tofile",
    }
)


@dataclass(frozen=True)
class IOSite:
    """A call that reads or writes a file."""

    call: CallSite = field(compare=False, repr=False)
    kind: str  # "read" or "write"
    #: The expression naming the file, when there is one.
    target: ast.expr | None = field(compare=False, repr=False)
    #: The file name when it is a string literal (or an f-string with no fields).
    path: str | None
    #: What was called: a qualified name or ``.method``.
    api: str


def io_sites(calls: Iterable[CallSite]) -> Iterator[IOSite]:
    """Classify calls as file reads and writes."""
    for site in calls:
        found = _classify(site)
        if found is not None:
            kind, target, api = found
            yield IOSite(site, kind, target, literal_path(target), api)


def _classify(site: CallSite) -> tuple[str, ast.expr | None, str] | None:
    q = site.qualname
    node = site.node
    if q is not None:
        if q == "builtins.open" or q in {"io.open", "codecs.open"}:
            mode = _argument(node, 1, "mode")
            text = mode.value if isinstance(mode, ast.Constant) else "r"
            kind = (
                "write" if isinstance(text, str) and set(text) & set("wax+") else "read"
            )
            return kind, _argument(node, 0, "file"), q
        if q.startswith(("pandas.read_", "dask.dataframe.read_")):
            return "read", _argument(node, 0, "filepath_or_buffer"), q
        if q in READ_FUNCTIONS:
            return "read", _argument(node, 0, READ_FUNCTIONS[q]), q
        if q in LOAD_FROM_HANDLE:
            return "read", _unwrap_open(_argument(node, 0, "file")), q
        if q in WRITE_FUNCTIONS:
            return "write", _argument(node, 0, WRITE_FUNCTIONS[q]), q
        if q in DUMP_FUNCTIONS:
            return "write", _unwrap_open(_argument(node, 1, DUMP_FUNCTIONS[q])), q
        return None
    if site.method in WRITE_METHODS:
        target = next(
            (
                kw.value
                for kw in node.keywords
                if kw.arg
                in {"path", "path_or_buf", "filepath", "save_directory", "fname"}
            ),
            _argument(node, 0, "path"),
        )
        if target is None and site.method in {"to_csv", "to_json"}:
            return None  # to_csv() with no path returns a string
        return "write", target, f".{site.method}"
    if site.method in {"read_csv", "read_parquet", "read_excel", "read_json"}:
        return "read", _argument(node, 0, "path"), f".{site.method}"
    return None


#: Writers that add an extension to a file name that has none (``np.save("a")``
#: writes ``a.npy``).
IMPLIED_EXTENSIONS = {
    "numpy.save": ".npy",
    "numpy.savez": ".npz",
    "numpy.savez_compressed": ".npz",
}


def written_file(site: IOSite) -> str | None:
    """The file a write site creates, as the writer names it (extension added)."""
    if site.kind != "write" or site.path is None:
        return None
    implied = IMPLIED_EXTENSIONS.get(site.api)
    if implied and not site.path.endswith(implied):
        return site.path + implied
    return site.path


def _argument(node: ast.Call, position: int, keyword: str) -> ast.expr | None:
    for kw in node.keywords:
        if kw.arg == keyword:
            return kw.value
    positional = [a for a in node.args if not isinstance(a, ast.Starred)]
    return positional[position] if len(positional) > position else None


def _unwrap_open(expr: ast.expr | None) -> ast.expr | None:
    """``pickle.dump(m, open("m.pkl", "wb"))`` writes ``"m.pkl"``."""
    if (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Name)
        and expr.func.id == "open"
        and expr.args
    ):
        return expr.args[0]
    return expr


def literal_path(expr: ast.expr | None) -> str | None:
    """The string value of a literal file name (``Path("x")`` and ``"a" / "b"`` too)."""
    if expr is None:
        return None
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, ast.JoinedStr) and all(
        isinstance(v, ast.Constant) for v in expr.values
    ):
        return "".join(str(v.value) for v in expr.values if isinstance(v, ast.Constant))
    if (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Name | ast.Attribute)
        and (getattr(expr.func, "id", None) or getattr(expr.func, "attr", None))
        in {"Path", "PurePath", "PosixPath"}
        and len(expr.args) == 1
    ):
        return literal_path(expr.args[0])
    return None
