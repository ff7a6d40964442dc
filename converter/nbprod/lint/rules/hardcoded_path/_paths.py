"""What the hardcoded-path rules share: which string literals are file system paths.

A string that starts with ``/`` is not necessarily a path: it can be a URL route
(``"/predict"``), a regular expression, an XPath, or the tail of a joined path
(``root + "/train.csv"``). A literal counts as a path when it is used as one (passed to
``open``, ``Path``, ``os.path``, ``shutil``, a file read or write, or bound to a name like
``data_dir``), or when it looks like one on its own (a known file extension, or a
well-known root such as ``/data/...`` or ``/mnt/...`` with at least two parts).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ....analysis import CellAnalysis, NotebookAnalysis
from ....analysis.parse import magic_call
from ....analysis.symbols import qualified_name

#: Extensions that make a string a file name on their own.
FILE_EXTENSIONS = frozenset(
    [
        "csv",
        "tsv",
        "txt",
        "json",
        "jsonl",
        "ndjson",
        "parquet",
        "pq",
        "feather",
        "arrow",
        "xlsx",
        "xls",
        "xlsm",
        "ods",
        "h5",
        "hdf5",
        "hdf",
        "pkl",
        "pickle",
        "joblib",
        "npy",
        "npz",
        "pt",
        "pth",
        "ckpt",
        "onnx",
        "pb",
        "tflite",
        "keras",
        "safetensors",
        "sav",
        "db",
        "sqlite",
        "sqlite3",
        "zip",
        "gz",
        "tar",
        "tgz",
        "bz2",
        "xz",
        "7z",
        "png",
        "jpg",
        "jpeg",
        "gif",
        "bmp",
        "tif",
        "tiff",
        "pdf",
        "yaml",
        "yml",
        "toml",
        "ini",
        "cfg",
        "conf",
        "xml",
        "avro",
        "orc",
        "log",
        "py",
        "ipynb",
        "sql",
        "mat",
        "wav",
        "mp3",
        "mp4",
        "nc",
        "zarr",
        "dta",
        "sas7bdat",
        "rds",
        "geojson",
        "shp",
        "dat",
        "bin",
        "model",
    ]
)

#: First parts of absolute POSIX paths that are file system locations, not URL routes.
KNOWN_ROOTS = frozenset(
    [
        "data",
        "datasets",
        "mnt",
        "tmp",
        "var",
        "opt",
        "srv",
        "media",
        "Volumes",
        "content",
        "kaggle",
        "dbfs",
        "Workspace",
        "workspace",
        "scratch",
        "nfs",
        "gpfs",
        "lustre",
        "storage",
        "home",
        "Users",
        "root",
    ]
)

#: Calls whose path-like arguments are file system paths (by qualified-name prefix).
PATH_CALL_PREFIXES = (
    "os.path.",
    "shutil.",
    "glob.",
    "pathlib.",
    "tarfile.",
    "zipfile.",
)
PATH_CALLS = frozenset(
    {
        "builtins.open",
        "io.open",
        "codecs.open",
        "os.listdir",
        "os.makedirs",
        "os.mkdir",
        "os.remove",
        "os.unlink",
        "os.rename",
        "os.replace",
        "os.walk",
        "os.scandir",
        "os.stat",
        "os.rmdir",
        "os.chmod",
        "os.chdir",
        "h5py.File",
        "sqlite3.connect",
        "sys.path.append",
        "sys.path.insert",
        "site.addsitedir",
    }
)

#: Calls whose arguments are URLs, routes or patterns, not paths.
NON_PATH_CALL_PREFIXES = (
    "re.",
    "regex.",
    "requests.",
    "httpx.",
    "urllib.",
    "aiohttp.",
    "fnmatch.",
    "flask.",
    "fastapi.",
)
#: ``app.get("/items")``-style route registration and HTTP client methods.
ROUTE_METHODS = frozenset(
    {
        "route",
        "get",
        "post",
        "put",
        "delete",
        "patch",
        "head",
        "options",
        "add_url_rule",
        "api_route",
        "websocket",
        "add_api_route",
        "include_router",
        "mount",
        "request",
        "urljoin",
    }
)
#: Keyword arguments that take a path.
PATH_KEYWORD = re.compile(
    r"(?:^|_)(?:path|paths|file|filename|fname|filepath|dir|dirname|directory|folder|"
    r"root|location|dest|destination|output|logdir)$",
    re.I,
)
#: Names (variables, attributes, dict keys) that hold a path.
PATH_NAME = re.compile(
    r"(?:path|paths|dir|dirs|directory|file|filename|fname|folder|root|location)$", re.I
)

_WINDOWS = re.compile(r"^[A-Za-z]:[\\/](?=.)")
_UNC = re.compile(r"^\\\\[\w.$-]+\\[^\\]")
_POSIX = re.compile(r"^/[\w.~@+-]")
_NOT_IN_POSIX_PATH = re.compile(r"[\s\\^$|()<>\[\]?#&;\"'`]")
_EXTENSION = re.compile(r"\.([A-Za-z0-9]{1,10})$")

USER_HOME = re.compile(
    r"^(?:file://)?(?:/mnt/[a-zA-Z])?/(?P<dir>Users|home)/(?P<user>[^/\\\s]+)"
    r"|^(?:file:///?)?[A-Za-z]:[\\/]+(?P<wdir>[Uu]sers)[\\/]+(?P<wuser>[^/\\\s]+)"
    r"|^/(?P<root>root)(?:/|$)"
)
#: Home directories that are shared, not a person's.
SHARED_HOMES = frozenset({"shared", "public", "default", "all users", "default user"})
#: ``~/x``, ``~alice/x``, ``$HOME/x``, ``%USERPROFILE%\\x``; ``sep`` is set when a path follows.
HOME_SHORTHAND = re.compile(
    r"^(?:~[\w.-]*|\$HOME\b|\$\{HOME\}|%USERPROFILE%|%HOMEPATH%)(?P<sep>[/\\])?"
)


@dataclass(frozen=True)
class StringLiteral:
    """A string literal of a cell, with what its surroundings say about it."""

    cell: CellAnalysis
    node: ast.expr
    #: The leading text (for an f-string, the part before the first field).
    head: str
    #: The trailing text (for an f-string, the part after the last field).
    tail: str
    #: Used as a path: a path argument or keyword, or bound to a path-like name.
    path_context: bool
    #: Used as a URL, route or pattern, or as the tail of a joined path.
    excluded: bool
    #: The qualified name of the call it is an argument of, if any.
    call: str | None


def string_literals(
    analysis: NotebookAnalysis, ca: CellAnalysis
) -> tuple[StringLiteral, ...]:
    """Every path-like string literal (and f-string) of the cell outside magics and
    docstrings. Computed once per cell and shared by the path rules."""
    return analysis.memo((string_literals, ca.index), lambda: _literals(analysis, ca))


#: Characters without which a string cannot be a path the path rules care about.
_PATH_CHARS = ("/", "\\", "~")


def _literals(
    analysis: NotebookAnalysis, ca: CellAnalysis
) -> tuple[StringLiteral, ...]:
    tree = ca.tree
    if tree is None:
        return ()
    if not any(
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and any(char in node.value for char in _PATH_CHARS)
        for node in ca.nodes
    ):
        return ()  # the common case: no literal in the cell can be a path
    return tuple(_path_literals(analysis, ca, tree))


def _path_literals(
    analysis: NotebookAnalysis, ca: CellAnalysis, tree: ast.Module
) -> Iterator[StringLiteral]:
    parents: dict[int, ast.AST] = {}
    for node in ca.nodes:
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
    io_targets = _io_targets(analysis, ca)
    skip: set[int] = set()
    for node in ca.nodes:
        if magic_call(node) is not None or isinstance(node, ast.JoinedStr):
            skip.update(id(n) for n in ast.walk(node) if n is not node)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skip.add(id(node.value))  # docstrings and bare strings do nothing
    for node in ca.nodes:
        if id(node) in skip:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            head = tail = node.value
        elif isinstance(node, ast.JoinedStr):
            head, tail = _fstring_ends(node)
        else:
            continue
        path_context, excluded, call = _context(analysis, node, parents, io_targets)
        yield StringLiteral(ca, node, head, tail, path_context, excluded, call)


def _fstring_ends(node: ast.JoinedStr) -> tuple[str, str]:
    values = node.values
    head = ""
    for value in values:
        if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
            break
        head += value.value
    tail = ""
    for value in reversed(values):
        if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
            break
        tail = value.value + tail
    if all(isinstance(v, ast.Constant) for v in values):
        tail = head  # no fields at all
    return head, tail


def _io_targets(analysis: NotebookAnalysis, ca: CellAnalysis) -> set[int]:
    found: set[int] = set()
    for site in analysis.io:
        if site.call.cell is ca and site.target is not None:
            found.add(id(site.target))
            if isinstance(site.target, ast.Call):
                found.update(id(a) for a in site.target.args)
    return found


def _context(
    analysis: NotebookAnalysis,
    node: ast.expr,
    parents: dict[int, ast.AST],
    io_targets: set[int],
) -> tuple[bool, bool, str | None]:
    """(path context, excluded context, qualified name of the enclosing call)."""
    if id(node) in io_targets:
        return True, False, None
    ancestor = parents.get(id(node))
    while ancestor is not None and not isinstance(ancestor, ast.stmt):
        if isinstance(ancestor, ast.Call) and _non_path_call(
            ancestor, qualified_name(ancestor.func, analysis.aliases)
        ):
            return False, True, None  # inside requests.get(...), re.sub(...), routes
        ancestor = parents.get(id(ancestor))
    child: ast.AST = node
    parent = parents.get(id(node))
    # climb through expressions that keep the literal at the start of the value:
    # "/data/" + name, "/data/%s.csv" % name, "/data/{}.csv".format(name)
    while parent is not None:
        if isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Add | ast.Mod):
            if parent.right is child:
                # `root + "/x.csv"` is a relative tail; `"%s" % "/x"` is unusual
                return False, isinstance(parent.op, ast.Add), None
            child, parent = parent, parents.get(id(parent))
            continue
        outer = parents.get(id(parent))
        if (
            isinstance(parent, ast.Attribute)
            and parent.attr == "format"
            and isinstance(outer, ast.Call)
            and outer.func is parent
        ):
            child, parent = outer, parents.get(id(outer))
            continue
        break
    if parent is None:
        return False, False, None
    if isinstance(parent, ast.keyword):
        call = parents.get(id(parent))
        name = (
            qualified_name(call.func, analysis.aliases)
            if isinstance(call, ast.Call)
            else None
        )
        if isinstance(call, ast.Call) and _non_path_call(call, name):
            return False, True, name
        return bool(parent.arg and PATH_KEYWORD.search(parent.arg)), False, name
    if isinstance(parent, ast.Call):
        if parent.func is child:
            return False, False, None  # "a/b".join(...)
        name = qualified_name(parent.func, analysis.aliases)
        if _non_path_call(parent, name):
            return False, True, name
        if name is not None and (
            name in PATH_CALLS or name.startswith(PATH_CALL_PREFIXES)
        ):
            first = [a for a in parent.args if not isinstance(a, ast.Starred)][:1]
            is_first = bool(first) and first[0] is child
            if name.endswith(".join") and not is_first:
                return False, True, name  # os.path.join(root, "/x"): meant as a tail
            return True, False, name
        return False, False, name
    if isinstance(parent, ast.Assign | ast.AnnAssign) and parent.value is child:
        targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
        return any(_path_like_target(t) for t in targets), False, None
    if isinstance(parent, ast.Dict):
        for key, value in zip(parent.keys, parent.values, strict=True):
            if (
                value is child
                and isinstance(key, ast.Constant)
                and isinstance(key.value, str)
            ):
                return bool(PATH_NAME.search(key.value)), False, None
    return False, False, None


def _non_path_call(call: ast.Call, name: str | None) -> bool:
    if name is not None and name.startswith(NON_PATH_CALL_PREFIXES):
        return True
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in ROUTE_METHODS:
        receiver = qualified_name(func.value, {}) or ""
        return not receiver.startswith("os")  # os.environ.get(k, "/default/path")
    return False


def _path_like_target(target: ast.expr) -> bool:
    if isinstance(target, ast.Name):
        return bool(PATH_NAME.search(target.id))
    if isinstance(target, ast.Attribute):
        return bool(PATH_NAME.search(target.attr))
    if isinstance(target, ast.Subscript):
        key = target.slice
        return (
            isinstance(key, ast.Constant)
            and isinstance(key.value, str)
            and bool(PATH_NAME.search(key.value))
        )
    if isinstance(target, ast.Tuple | ast.List):
        return False
    return False


def user_home(text: str, *, bare_shorthand: bool = False) -> str | None:
    """The user whose home directory ``text`` is inside, or None.

    ``"~"`` stands for whoever runs the code (``~/x``, ``$HOME/x``); a shorthand with
    nothing after it (``"~"``, ``"$HOME"``) only counts with ``bare_shorthand``, since a
    lone ``~`` is more often an operator or a separator than a path.
    """
    if "\n" in text:
        return None
    match = USER_HOME.match(text)
    if match is not None:
        user = match.group("user") or match.group("wuser") or match.group("root") or ""
        if user.lower() in SHARED_HOMES or user.startswith(("{", "%", "$", "<")):
            return None
        return user
    short = HOME_SHORTHAND.match(text)
    if short is not None and (
        short.group("sep") or (bare_shorthand and short.end() == len(text))
    ):
        return "~"
    return None


def is_absolute_path(lit: StringLiteral) -> bool:
    """Whether a literal is an absolute file system path (POSIX, drive or UNC)."""
    head = lit.head
    if lit.excluded or "://" in head or "\n" in head:
        return False
    if _WINDOWS.match(head) or _UNC.match(head):
        return True
    if not _POSIX.match(head) or head.startswith("//"):
        return False
    if _NOT_IN_POSIX_PATH.search(head.replace(" ", "")) or "\t" in head:
        return False
    parts = [p for p in head.split("/") if p]
    if not parts or parts[0] in ("dev", "proc", "sys"):
        return False
    if lit.path_context:
        return True
    if _has_extension(lit.tail):
        return True
    complete = isinstance(lit.node, ast.Constant)
    return parts[0] in KNOWN_ROOTS and (len(parts) >= 2 or not complete)


def _has_extension(text: str) -> bool:
    last = text.rstrip("/").rsplit("/", 1)[-1]
    match = _EXTENSION.search(last)
    return match is not None and match.group(1).lower() in FILE_EXTENSIONS


def display(lit: StringLiteral) -> str:
    """The literal as a message shows it: f-string fields become ``{...}``."""
    node = lit.node
    if isinstance(node, ast.JoinedStr):
        text = "".join(
            str(v.value) if isinstance(v, ast.Constant) else "{...}"
            for v in node.values
        )
        return shorten(text)
    return shorten(lit.head)


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
