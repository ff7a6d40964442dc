"""Pass: lift parameters out of the code; turn secrets into environment lookups.

Sources, in this order:

1. the papermill ``parameters`` cell (every ``name = <literal>`` in it);
2. findings of the lint rules that flag hard-coded values: hard-coded hyperparameters
   (NBP051) and data paths (NBP052). The finding's
   position locates the literal; a ``replace`` edit of its fix, when it holds an
   identifier, names the parameter. When a rule is not registered, a built-in heuristic
   takes its place, so export works before and after the rules land;
3. every remaining relative file the notebook reads (and did not write itself), so that
   data paths keep working from the package folder.

A lifted ``NAME = literal`` statement is removed (the step receives ``NAME``); a literal
inside an expression is replaced by the parameter's name. Secrets were moved to the
environment by the ``secrets`` pass before this one; a credential-named assignment it
left (a placeholder value) becomes ``os.environ["NAME"]`` here too.
"""

from __future__ import annotations

import ast
import dataclasses
import keyword
import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from ...analysis.io import written_file
from ...lint.diagnostic import Diagnostic
from ..resources import Param, Resources, Secret, WorkCell

HYPERPARAMETER_CODE = "NBP051"
DATA_PATH_CODE = "NBP052"

HYPERPARAMETER_KEYWORDS = frozenset(
    {
        "n_estimators",
        "max_depth",
        "min_samples_split",
        "min_samples_leaf",
        "max_features",
        "learning_rate",
        "test_size",
        "train_size",
        "C",
        "alpha",
        "l1_ratio",
        "gamma",
        "n_neighbors",
        "n_clusters",
        "max_iter",
        "epochs",
        "batch_size",
        "lr",
        "num_leaves",
        "subsample",
        "colsample_bytree",
        "n_components",
        "threshold",
        "random_state",
        "seed",
        "dropout",
        "tol",
    }
)
ML_MODULES = (
    "sklearn",
    "xgboost",
    "lightgbm",
    "catboost",
    "torch",
    "tensorflow",
    "keras",
)
SECRET_NAME = re.compile(
    r"(?i)(pass(word|wd)?|secret|token|api_?key|access_?key|private_?key|credential)"
)
LITERAL_TYPES = (int, float, str, bool, type(None), list, dict, tuple)


@dataclass
class _Edit:
    line: int  # 1-based
    col: int  # 0-based character column
    end_line: int
    end_col: int
    text: str


@dataclass
class _State:
    res: Resources
    params: list[Param]
    secrets: list[Secret]
    edits: dict[int, list[_Edit]]
    taken: set[str]
    written: set[str]
    lifted_spans: set[tuple[int, int, int]]
    secret_values: list[str] = dataclasses.field(default_factory=list)


def run(res: Resources) -> Resources:
    analysis = res.extra["analysis"]
    from ...lint.registry import active_rules

    registered = {rule.code: rule.spec.category for rule in active_rules()}
    state = _State(
        res,
        list(res.params),
        list(res.secrets),
        {},
        set(analysis.definitions),
        _written_files(res),
        set(),
        list(res.extra.get("secret_values", ())),
    )
    kept = {c.index for c in res.code_cells}
    diags = [d for d in res.diagnostics if d.cell_index in kept and d.line]

    _parameters_cell(state)
    # Secrets the rules detect were moved to the environment by the ``secrets`` pass;
    # credential-named assignments it left (placeholders) read the environment too.
    _secret_heuristic(state)
    if HYPERPARAMETER_CODE in registered:
        for d in diags:
            if d.code == HYPERPARAMETER_CODE:
                _lift_from_diagnostic(state, d, is_path=False)
    else:
        _hyperparameter_heuristic(state)
    if DATA_PATH_CODE in registered:
        for d in diags:
            if d.code == DATA_PATH_CODE:
                _lift_from_diagnostic(state, d, is_path=True)
    _read_paths(state)
    _indirect_read_paths(state)

    cells = tuple(_apply(c, state.edits.get(c.index, [])) for c in res.cells)
    extra = {**res.extra, "secret_values": tuple(state.secret_values)}
    return replace(
        res,
        cells=cells,
        params=tuple(state.params),
        secrets=tuple(state.secrets),
        extra=extra,
    )


# -- sources --------------------------------------------------------------------------


def _parameters_cell(state: _State) -> None:
    for cell in state.res.code_cells:
        if "parameters" not in cell.tags:
            continue
        tree = _parse(cell)
        if tree is None:
            continue
        for stmt in tree.body:
            if _is_literal_assignment(stmt):
                assert isinstance(stmt, ast.Assign) and isinstance(
                    stmt.targets[0], ast.Name
                )
                name = stmt.targets[0].id
                value = ast.literal_eval(stmt.value)
                if SECRET_NAME.search(name) and isinstance(value, str) and value:
                    _make_secret(state, cell, stmt.value, name)
                    continue
                is_path = isinstance(value, str) and name in _read_path_names(state)
                if is_path and isinstance(value, str):
                    value = _rebase(state, value)
                _add_param(state, cell, name, value, "parameters cell", is_path)
                _remove_statement(state, cell, stmt)


def _secret_heuristic(state: _State) -> None:
    for cell in state.res.code_cells:
        tree = _parse(cell)
        if tree is None:
            continue
        for stmt in tree.body:
            if (
                isinstance(stmt, ast.Assign)
                and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name)
                and SECRET_NAME.search(stmt.targets[0].id)
                and isinstance(stmt.value, ast.Constant)
                and isinstance(stmt.value.value, str)
                and stmt.value.value
                and not _span_taken(state, cell, stmt.value)
            ):
                _make_secret(state, cell, stmt.value, stmt.targets[0].id)


def _lift_from_diagnostic(state: _State, d: Diagnostic, *, is_path: bool) -> None:
    cell = state.res.cell(d.cell_index)  # type: ignore[arg-type]
    located = _locate(cell, d)
    if located is None:
        return
    node, parents = located
    fix_name = _fix_name(d)
    _lift(state, cell, node, parents, d.code, is_path, fix_name)


def _hyperparameter_heuristic(state: _State) -> None:
    analysis = state.res.extra["analysis"]
    kept = {c.index for c in state.res.code_cells}
    for cell in state.res.code_cells:
        if "parameters" in cell.tags:
            continue
        tree = _parse(cell)
        if tree is None:
            continue
        parents = _parents(tree)
        for stmt in tree.body:
            if _is_literal_assignment(stmt):
                assert isinstance(stmt, ast.Assign) and isinstance(
                    stmt.targets[0], ast.Name
                )
                name = stmt.targets[0].id
                if name.isupper() and not SECRET_NAME.search(name):
                    _lift(state, cell, stmt.value, parents, "heuristic", False, None)
    for site in analysis.calls:
        if site.cell.index not in kept or not site.qualname:
            continue
        if not site.qualname.startswith(ML_MODULES):
            continue
        cell = state.res.cell(site.cell.index)
        tree = _parse(cell)
        if tree is None:
            continue
        parents = _parents(tree)
        line, col, *_ = site.cell.span(site.node)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and _original_line(cell, node.lineno) == line
                and _char_col(cell, node) == col - 1
            ):
                for kw in node.keywords:
                    if (
                        kw.arg in HYPERPARAMETER_KEYWORDS
                        and isinstance(kw.value, ast.Constant)
                        and type(kw.value.value) in (int, float)
                    ):
                        _lift(state, cell, kw.value, parents, "heuristic", False, None)


def _read_paths(state: _State) -> None:
    analysis = state.res.extra["analysis"]
    kept = {c.index for c in state.res.code_cells}
    for site in analysis.io:
        if site.kind != "read" or site.path is None or site.call.cell.index not in kept:
            continue
        if not _is_relative_file(site.path) or _norm(site.path) in state.written:
            continue
        cell = state.res.cell(site.call.cell.index)
        tree = _parse(cell)
        if tree is None or site.target is None:
            continue
        line, col, *_ = site.call.cell.span(site.target)
        parents = _parents(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant | ast.JoinedStr | ast.Call)
                and hasattr(node, "lineno")
                and _original_line(cell, node.lineno) == line
                and _char_col(cell, node) == col - 1
            ):
                _lift(state, cell, node, parents, "data file read", True, None)
                break


def _indirect_read_paths(state: _State) -> None:
    """Reads whose file name is not one literal, rebased where the folder is known.

    ``path = "data/x.csv"; pd.read_csv(path)``: the variable's one literal binding becomes
    a path parameter. ``f"data/{name}.json"``, ``"data/" + name`` and
    ``os.path.join("data", name)``: the literal folder at the front is rebased in place.
    ``f"{folder}/x.csv"`` with ``folder = "data"`` bound once: ``folder`` becomes a path
    parameter. A read whose folder cannot be resolved stays as the notebook wrote it.
    """
    analysis = state.res.extra["analysis"]
    kept = {c.index for c in state.res.code_cells}
    written_names = _write_target_names(analysis)
    for site in analysis.io:
        if site.kind != "read" or site.path is not None or site.target is None:
            continue
        if site.call.cell.index not in kept:
            continue
        cell = state.res.cell(site.call.cell.index)
        tree = _parse(cell)
        if tree is None:
            continue
        line, col, *_ = site.call.cell.span(site.target)
        target = next(
            (
                n
                for n in ast.walk(tree)
                if isinstance(n, ast.expr)
                and type(n) is type(site.target)
                and _original_line(cell, n.lineno) == line
                and _char_col(cell, n) == col - 1
            ),
            None,
        )
        if target is None:
            continue
        _rebase_path_expression(state, cell, tree, target, written_names)


def _rebase_path_expression(
    state: _State,
    cell: WorkCell,
    tree: ast.Module,
    expr: ast.expr,
    written_names: set[str],
    depth: int = 0,
) -> None:
    """Rebase what decides the folder of ``expr``: a literal at its front in place, or
    the variable it starts from (followed through its one binding, a few levels deep:
    ``DATA = "data"; path = os.path.join(DATA, "x.json"); pd.read_json(path)``).
    """
    kind, node = _path_root(expr)
    if kind == "name" and isinstance(node, ast.Name):
        if node.id not in written_names:
            _lift_path_variable(state, node.id, written_names, depth)
    elif kind == "prefix" and node is not None:
        _rebase_prefix_in_place(state, cell, node, tree)


def _path_root(expr: ast.expr) -> tuple[str, ast.AST | None]:
    """What decides the folder of a path expression: a name, or a literal at its front."""
    if isinstance(expr, ast.Name):
        return "name", expr
    if isinstance(expr, ast.JoinedStr) and expr.values:
        first = expr.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return "prefix", expr
        if isinstance(first, ast.FormattedValue) and isinstance(first.value, ast.Name):
            return "name", first.value
        return "", None
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add | ast.Div):
        left = expr.left
        if isinstance(left, ast.Constant) and isinstance(left.value, str):
            return "prefix", left
        return _path_root(left)
    if (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Name | ast.Attribute)
        and (getattr(expr.func, "id", None) or getattr(expr.func, "attr", None))
        in {"join", "Path", "PurePath", "PosixPath"}
        and expr.args
        and not isinstance(expr.args[0], ast.Starred)
    ):
        first_arg = expr.args[0]
        if isinstance(first_arg, ast.Constant) and isinstance(first_arg.value, str):
            return "prefix", first_arg
        return _path_root(first_arg)
    return "", None


def _lift_path_variable(
    state: _State, name: str, written_names: set[str], depth: int = 0
) -> None:
    """Make ``name = "<relative path>"`` (bound once, at top level) a path parameter;
    when ``name`` is bound once to a path expression, rebase what that one starts from.
    """
    if any(p.name == name for p in state.params):
        return
    bindings = state.res.extra["analysis"].definitions.get(name, ())
    if len(bindings) != 1:
        return
    for cell in state.res.code_cells:
        tree = _parse(cell)
        if tree is None:
            continue
        for stmt in tree.body:
            if (
                depth < 3
                and isinstance(stmt, ast.Assign)
                and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name)
                and stmt.targets[0].id == name
                and not isinstance(stmt.value, ast.Constant)
            ):
                _rebase_path_expression(
                    state, cell, tree, stmt.value, written_names, depth + 1
                )
                return
            if (
                isinstance(stmt, ast.Assign)
                and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name)
                and stmt.targets[0].id == name
                and isinstance(stmt.value, ast.Constant)
                and isinstance(stmt.value.value, str)
                and _is_relative_file(stmt.value.value)
                and _looks_like_file(stmt.value.value)
            ):
                parents = _parents(tree)
                _lift(state, cell, stmt.value, parents, "data file read", True, None)
                return


def _rebase_prefix_in_place(
    state: _State, cell: WorkCell, node: ast.AST, tree: ast.Module
) -> None:
    """Rebase the literal folder at the front of a path expression, keeping the rest."""
    if _span_taken(state, cell, node):
        return
    if isinstance(node, ast.JoinedStr):
        first = node.values[0]
        assert isinstance(first, ast.Constant) and isinstance(first.value, str)
        rebased = _rebase_prefix(state, first.value)
        if rebased is None:
            return
        copy = ast.JoinedStr(values=[ast.Constant(rebased), *node.values[1:]])
        _replace_node(state, cell, node, ast.unparse(copy))
    elif isinstance(node, ast.Constant) and isinstance(node.value, str):
        rebased = _rebase_prefix(state, node.value)
        if rebased is None:
            return
        _replace_node(state, cell, node, repr(rebased))


def _rebase_prefix(state: _State, prefix: str) -> str | None:
    """A folder (or the start of a file name) relative to the package folder, or None."""
    if not prefix or not _is_relative_file(prefix) or not _looks_like_file(prefix):
        return None
    res = state.res
    if not res.notebook_dir or not res.output_dir:
        return None
    folder = _norm(prefix)
    if any(
        w == folder or w.startswith(folder.rstrip("/") + "/") for w in state.written
    ):
        return None  # the notebook writes there itself: it stays package-relative
    trailing = "/" if prefix.endswith(("/", "\\")) else ""
    target = os.path.join(res.notebook_dir, prefix)
    return os.path.relpath(target, res.output_dir).replace(os.sep, "/") + trailing


def _looks_like_file(text: str) -> bool:
    """Text that can be a file name (``pd.read_json('{"a": 1}')`` reads no file)."""
    return (
        0 < len(text) <= 260
        and not text.lstrip().startswith(("{", "[", "<"))
        and not any(ch in text for ch in "\n\r\t")
    )


def _write_target_names(analysis) -> set[str]:
    """Names used in the file name of some write: a folder the notebook writes to."""
    found: set[str] = set()
    for site in analysis.io:
        if site.kind == "write" and site.target is not None:
            found.update(n.id for n in ast.walk(site.target) if isinstance(n, ast.Name))
    return found


# -- lifting --------------------------------------------------------------------------


def _lift(
    state: _State,
    cell: WorkCell,
    node: ast.AST,
    parents: dict[ast.AST, ast.AST],
    origin: str,
    is_path: bool,
    fix_name: str | None,
) -> None:
    literal = _literal_node(node, parents)
    if literal is None or _span_taken(state, cell, literal):
        return
    node = literal
    value = _literal_value(node)
    if value is _MISSING:
        return
    if is_path and isinstance(value, str) and _norm(value) in state.written:
        return  # a file the notebook writes itself: it stays, and orders the steps
    parent = parents.get(node)
    if (
        isinstance(parent, ast.Assign)
        and parent.value is node
        and len(parent.targets) == 1
        and isinstance(parent.targets[0], ast.Name)
        and parent in _top_level(parents)
    ):
        name = parent.targets[0].id
        bindings = state.res.extra["analysis"].definitions.get(name, ())
        if len(bindings) > 1 or any(p.name == name for p in state.params):
            return  # reassigned elsewhere: lifting would change what the code does
        if is_path and isinstance(value, str):
            value = _rebase(state, value)
        _add_param(state, cell, name, value, origin, is_path)
        _remove_statement(state, cell, parent)
        return
    base = fix_name or _context_name(node, parents)
    if base is None and is_path and isinstance(value, str):
        base = _path_name(value)
    if base is None:
        return
    name = _unique(state, base)
    if is_path and isinstance(value, str):
        value = _rebase(state, value)
    _add_param(state, cell, name, value, origin, is_path)
    _replace_node(state, cell, node, name)


def _make_secret(state: _State, cell: WorkCell, node: ast.AST, name: str) -> None:
    env = re.sub(r"[^A-Z0-9_]", "_", name.upper()).strip("_") or "SECRET"
    if env[0].isdigit():
        env = "_" + env
    if any(s.env_var == env for s in state.secrets):
        env = _unique_env(state, env)
    state.secrets.append(Secret(name, env, cell.index))
    value = _literal_value(node)
    if isinstance(value, str) and value:
        state.secret_values.append(value)
    _replace_node(state, cell, node, f"os.environ[{env!r}]")


def _add_param(
    state: _State, cell: WorkCell, name: str, value: object, origin: str, is_path: bool
) -> None:
    if isinstance(value, tuple):
        value = list(value)
    for existing in state.params:
        if existing.name == name:
            return
    state.params.append(
        Param(name, value, _type_name(value), cell.index, origin, is_path)
    )
    state.taken.add(name)


# -- editing --------------------------------------------------------------------------


def _replace_node(state: _State, cell: WorkCell, node: ast.AST, text: str) -> None:
    lines = cell.source.splitlines()
    start = _char_col(cell, node)
    end_line = node.end_lineno or node.lineno  # type: ignore[attr-defined]
    end_text = lines[end_line - 1].encode("utf-8")
    end = len(end_text[: node.end_col_offset].decode("utf-8", "ignore"))  # type: ignore[attr-defined]
    state.edits.setdefault(cell.index, []).append(
        _Edit(node.lineno, start, end_line, end, text)  # type: ignore[attr-defined]
    )
    state.lifted_spans.add((cell.index, node.lineno, start))  # type: ignore[attr-defined]


def _remove_statement(state: _State, cell: WorkCell, stmt: ast.stmt) -> None:
    lines = cell.source.splitlines()
    end_line = stmt.end_lineno or stmt.lineno
    state.edits.setdefault(cell.index, []).append(
        _Edit(stmt.lineno, 0, end_line, len(lines[end_line - 1]), "")
    )
    state.lifted_spans.add((cell.index, stmt.lineno, 0))
    if isinstance(stmt, ast.Assign):
        state.lifted_spans.add(
            (cell.index, stmt.value.lineno, _char_col(cell, stmt.value))
        )


def _span_taken(state: _State, cell: WorkCell, node: ast.AST) -> bool:
    key = (cell.index, node.lineno, _char_col(cell, node))  # type: ignore[attr-defined]
    if key in state.lifted_spans:
        return True
    for edit in state.edits.get(cell.index, []):
        if edit.line <= node.lineno <= edit.end_line and edit.col == 0 and edit.text == "":  # type: ignore[attr-defined]
            return True
    return False


def _apply(cell: WorkCell, edits: list[_Edit]) -> WorkCell:
    if not edits:
        return cell
    lines = cell.source.splitlines()
    origin = list(cell.origin)
    for edit in sorted(edits, key=lambda e: (e.line, e.col), reverse=True):
        first = lines[edit.line - 1][: edit.col]
        last = lines[edit.end_line - 1][edit.end_col :]
        merged = first + edit.text + last
        lines[edit.line - 1 : edit.end_line] = [merged]
        origin[edit.line - 1 : edit.end_line] = [origin[edit.line - 1]]
    return replace(cell, source="\n".join(lines), origin=tuple(origin))


# -- helpers --------------------------------------------------------------------------

_MISSING = object()


def _parse(cell: WorkCell) -> ast.Module | None:
    try:
        return ast.parse(cell.source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    return parents


def _top_level(parents: dict[ast.AST, ast.AST]) -> set[ast.AST]:
    return {n for n, p in parents.items() if isinstance(p, ast.Module)}


def _locate(
    cell: WorkCell, d: Diagnostic
) -> tuple[ast.AST, dict[ast.AST, ast.AST]] | None:
    """The node a finding points at: one starting there, else the smallest literal
    whose span contains the position (rules differ on whether a quote counts)."""
    line = cell.line_of(d.line or 0)
    tree = _parse(cell)
    if line is None or tree is None:
        return None
    parents = _parents(tree)
    column = (d.column or 1) - 1
    starting = [
        n
        for n in ast.walk(tree)
        if getattr(n, "lineno", None) == line and _char_col(cell, n) == column
    ]
    for n in starting:  # prefer the literal itself
        if isinstance(n, ast.Constant | ast.JoinedStr):
            return n, parents
    containing = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant | ast.JoinedStr)
        and _contains(cell, n, line, column)
    ]
    if containing:
        containing.sort(key=lambda n: (n.end_lineno - n.lineno, n.end_col_offset - n.col_offset))  # type: ignore[operator]
        return containing[0], parents
    if starting:
        return starting[0], parents
    return None


def _contains(cell: WorkCell, node: ast.AST, line: int, column: int) -> bool:
    start = (node.lineno, _char_col(cell, node))  # type: ignore[attr-defined]
    lines = cell.source.splitlines()
    end_line = node.end_lineno or node.lineno  # type: ignore[attr-defined]
    end_text = (
        lines[end_line - 1].encode("utf-8") if 0 < end_line <= len(lines) else b""
    )
    end = (end_line, len(end_text[: node.end_col_offset].decode("utf-8", "ignore")))  # type: ignore[attr-defined]
    return start <= (line, column) < end


def _literal_node(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> ast.AST | None:
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        return node.value
    if isinstance(node, ast.Name) and isinstance(parents.get(node), ast.Assign):
        return parents[node].value  # type: ignore[attr-defined]
    if isinstance(node, ast.Constant | ast.JoinedStr | ast.List | ast.Tuple | ast.Dict):
        return node
    if isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant):
        return node
    if isinstance(node, ast.Call) and _literal_value(node) is not _MISSING:
        return node
    return None


def _literal_value(node: ast.AST) -> object:
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name | ast.Attribute)
        and (getattr(node.func, "id", None) or getattr(node.func, "attr", None))
        == "Path"
        and len(node.args) == 1
        and not node.keywords
    ):
        node = node.args[0]
    if isinstance(node, ast.JoinedStr) and all(
        isinstance(v, ast.Constant) for v in node.values
    ):
        return "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return _MISSING
    if not isinstance(value, LITERAL_TYPES) or isinstance(value, set | bytes | complex):
        return _MISSING
    return value


def _string_literal(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> ast.AST | None:
    literal = _literal_node(node, parents)
    if isinstance(literal, ast.Constant) and isinstance(literal.value, str):
        return literal
    if isinstance(literal, ast.JoinedStr):
        return literal
    return None


def _context_name(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> str | None:
    parent = parents.get(node)
    if isinstance(parent, ast.keyword) and parent.arg:
        return parent.arg
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1:
        target = parent.targets[0]
        if isinstance(target, ast.Name):
            return target.id
        if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
            key = target.slice.value
            if isinstance(key, str) and key.isidentifier():
                return key
    return None


def _fix_name(d: Diagnostic) -> str | None:
    if d.fix is None:
        return None
    for edit in d.fix.edits:
        content = edit.content
        if (
            edit.kind == "replace"
            and content.isidentifier()
            and not keyword.iskeyword(content)
        ):
            return content
    return None


def _is_literal_assignment(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Assign)
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], ast.Name)
        and _literal_value(stmt.value) is not _MISSING
    )


def _unique(state: _State, base: str) -> str:
    name = re.sub(r"\W", "_", base).strip("_").lower() or "param"
    if name[0].isdigit() or keyword.iskeyword(name):
        name = "p_" + name
    candidate, n = name, 2
    while candidate in state.taken:
        candidate, n = f"{name}_{n}", n + 1
    state.taken.add(candidate)
    return candidate


def _unique_env(state: _State, env: str) -> str:
    n = 2
    while any(s.env_var == f"{env}_{n}" for s in state.secrets):
        n += 1
    return f"{env}_{n}"


def _path_name(path: str) -> str:
    stem = PurePosixPath(path.replace("\\", "/")).stem
    stem = re.sub(r"\W", "_", stem).strip("_").lower()
    return f"{stem}_path" if stem else "data_path"


def _type_name(value: object) -> str:
    return "None" if value is None else type(value).__name__


def _is_relative_file(path: str) -> bool:
    return bool(path) and not (
        path.startswith(("/", "~", "\\"))
        or re.match(r"^[A-Za-z]:", path)
        or "://" in path
    )


def _norm(path: str) -> str:
    return posixpath.normpath(path.replace("\\", "/"))


def _rebase(state: _State, value: str) -> str:
    """A path relative to the notebook's folder, made relative to the package folder."""
    res = state.res
    if not _is_relative_file(value) or _norm(value) in state.written:
        return value
    if not res.notebook_dir or not res.output_dir:
        return value
    target = os.path.join(res.notebook_dir, value)
    return os.path.relpath(target, res.output_dir).replace(os.sep, "/")


def _read_path_names(state: _State) -> set[str]:
    """Names a file read takes its path from (``pd.read_csv(data_path)``)."""
    found: set[str] = set()
    for site in state.res.extra["analysis"].io:
        if site.kind == "read" and site.target is not None:
            found.update(n.id for n in ast.walk(site.target) if isinstance(n, ast.Name))
    return found


def _written_files(res: Resources) -> set[str]:
    analysis = res.extra["analysis"]
    # The name as written and the file the writer creates (``np.save("a")``: a.npy).
    written = {_norm(s.path) for s in analysis.io if s.kind == "write" and s.path}
    written |= {_norm(p) for s in analysis.io if (p := written_file(s))}
    for cell in res.notebook.cells:
        first = cell.source.split("\n", 1)[0].strip()
        if first.startswith("%%writefile"):
            words = [w for w in first.split()[1:] if not w.startswith("-")]
            if words:
                written.add(_norm(words[0].strip("'\"")))
    return written


def _original_line(cell: WorkCell, line: int) -> int:
    return cell.origin[line - 1] if 0 < line <= len(cell.origin) else 0


def _char_col(cell: WorkCell, node: ast.AST) -> int:
    lines = cell.source.splitlines()
    lineno = getattr(node, "lineno", 1)
    text = lines[lineno - 1] if 0 < lineno <= len(lines) else ""
    return len(
        text.encode("utf-8")[: getattr(node, "col_offset", 0)].decode("utf-8", "ignore")
    )


def names(params: Iterable[Param]) -> list[str]:
    return [p.name for p in params]
