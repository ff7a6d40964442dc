"""Pass: each step's inputs, parameters and outputs, from the cross-cell dataflow.

Works on the rewritten cells (plain Python by now) with the analysis' own
:func:`~nbprod.analysis.names.name_events`. Along the way:

- top-level imports are hoisted to module level (``from __future__`` dropped);
- top-level functions and classes whose free names are only imports, builtins and other
  such definitions are *hoisted* to ``definitions.py`` (importable, picklable, testable);
- functions that read notebook globals stay inline, and a later step that calls one gets
  its definition re-emitted with the globals it reads passed in as that step's inputs (the
  prior art lost those values);
- a file written by one step and read by a later one orders the two steps and becomes a
  product of the writer.
"""

from __future__ import annotations

import ast
import bisect
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ...analysis import BUILTIN_NAMES, analyse, qualified_name
from ...analysis.io import written_file
from ...analysis.mutation import mutated_names
from ...analysis.names import name_events
from ...notebook import Cell, Notebook
from ..resources import Flow, Resources, Step, WorkCell

READ_PREFIXES = ("pandas.read_",)
FRAME_FUNCTIONS = frozenset({"pandas.concat", "pandas.merge"})
FRAME_METHODS = frozenset(
    {
        "dropna",
        "fillna",
        "copy",
        "drop",
        "assign",
        "merge",
        "rename",
        "query",
        "sort_values",
        "reset_index",
        "drop_duplicates",
        "astype",
        "replace",
        "join",
        "set_index",
        "sort_index",
    }
)
SCALAR_FUNCTIONS = frozenset(
    {
        "builtins.float",
        "builtins.int",
        "builtins.len",
        "builtins.round",
        "builtins.str",
        "builtins.bool",
        "sklearn.metrics.accuracy_score",
        "sklearn.metrics.roc_auc_score",
        "sklearn.metrics.r2_score",
        "sklearn.metrics.mean_squared_error",
        "sklearn.metrics.mean_absolute_error",
        "sklearn.metrics.log_loss",
    }
)


@dataclass
class _Def:
    name: str
    cell: int
    node: ast.stmt
    source: str
    free: set[str] = field(default_factory=set)
    #: the source written to definitions.py (a named lambda becomes a ``def``, so that
    #: pickle finds it by name) when it differs from ``source``
    module_source: str | None = None

    @property
    def key(self) -> str:
        """Tells apart the versions of a name the notebook defines more than once."""
        return f"{self.name}@{self.cell}"


def run(res: Resources) -> Resources:
    trees = {c.index: _parse(c) for c in res.code_cells}
    generators = _generator_functions(trees)  # before hoisted definitions are stripped
    aliases = res.extra["analysis"].aliases
    work = _work_analysis(res)  # before imports are stripped: aliases resolve
    written = _files(res, work)
    imports, star_imports = _imports(res, trees)
    versions = _definitions(res, trees)
    # A name also bound to a plain value somewhere is a value, not a definition.
    versions = {
        name: found
        for name, found in versions.items()
        if len(_binding_cells(res, name)) <= len({d.cell for d in found})
    }
    defs = {name: found[-1] for name, found in versions.items()}
    hoisted = _hoistable(defs, set(imports), res)
    cells = _strip(res, trees, hoisted)
    res = replace(res, cells=cells)
    trees = {c.index: _parse(c) for c in res.code_cells}
    res = _join_steps_sharing_unpicklables(res, trees, aliases, generators)
    params = {p.name for p in res.params}
    producer: dict[str, str] = {}
    formats: dict[str, str] = {}
    defined_in: dict[str, int] = {}
    needs: dict[str, dict[str, str]] = {}
    impure = {name: d for name, d in defs.items() if name not in hoisted}
    emitted_sources: dict[str, str] = {}
    local_defs: dict[str, tuple[str, ...]] = {}
    mutates: dict[str, tuple[str, ...]] = {}
    param_use: dict[str, tuple[str, ...]] = {}
    #: kept cell index -> which step holds each name once that cell has run
    snapshots: dict[int, dict[str, str]] = {}
    for step in res.steps:
        cells_here = [c for c in step.cells if trees.get(c) is not None]
        inputs: dict[str, str] = {}
        used_params: list[str] = []
        emitted: list[str] = []
        pending = [tree for c in cells_here if (tree := trees[c]) is not None]
        # Re-emit impure definitions this step calls but does not define.
        reads = _all_reads(pending)
        defined_here = _all_defines(pending)
        queue = [n for n in reads if n in impure and n not in defined_here]
        # The version of each definition the notebook had when the step's cells ran
        # (a function redefined further down must not reach an earlier step).
        first_cell = min(step.cells) if step.cells else 0
        chosen: dict[str, _Def] = {}
        while queue:
            name = queue.pop(0)
            if name in emitted:
                continue
            version = _version_at(versions[name], first_cell)
            chosen[name] = version
            emitted.append(name)
            for free in sorted(version.free):
                if free in impure and free not in defined_here and free not in emitted:
                    queue.append(free)
        extra_reads = (
            set().union(*(chosen[n].free for n in emitted)) if emitted else set()
        )
        events = [name_events(tree) for tree in pending]
        all_bound = set().union(*(set(e.defines) for e in events)) if events else set()
        all_bound |= set(emitted)
        bound = set(emitted)
        for e in events:
            for ref in e.uses:
                _classify(
                    ref.name,
                    bound,
                    all_bound,
                    False,
                    step,
                    inputs,
                    used_params,
                    params,
                    imports,
                    hoisted,
                    producer,
                )
            for ref in e.deferred_uses:
                _classify(
                    ref.name,
                    bound,
                    all_bound,
                    True,
                    step,
                    inputs,
                    used_params,
                    params,
                    imports,
                    hoisted,
                    producer,
                )
            bound.update(e.defines)
        for name in sorted(extra_reads):
            _classify(
                name,
                set(),
                all_bound,
                True,
                step,
                inputs,
                used_params,
                params,
                imports,
                hoisted,
                producer,
            )
        needs[step.name] = inputs
        changed = {n for tree in pending for n in mutated_names(tree, aliases)}
        mutates[step.name] = tuple(sorted(changed & set(inputs)))
        local_defs[step.name] = tuple(chosen[n].key for n in emitted)
        emitted_sources.update({chosen[n].key: chosen[n].source for n in emitted})
        param_use[step.name] = tuple(sorted(set(used_params)))
        if step.is_report:
            continue
        for cell_index in cells_here:
            tree = trees[cell_index]
            assert tree is not None
            for name in name_events(tree).defines:
                if name in imports or name in hoisted:
                    continue
                producer[name] = step.name
                defined_in[name] = cell_index
                formats[name] = _format(name, tree, aliases, formats)
            # A value changed in place (``df["b"] = ...``, ``model.fit(X, y)``) is
            # passed on by the step that changes it: later steps must see the change.
            for name in mutated_names(tree, aliases):
                if name in imports or name in hoisted:
                    continue
                if name in producer or name in params:
                    producer[name] = step.name
                    defined_in[name] = cell_index
            snapshots[cell_index] = dict(producer)
        for name in inputs:
            formats.setdefault(name, "pickle")
    # The report reads each name as the notebook had it at each report cell, not as the
    # last step left it: a name rebound further down is loaded again where it changes.
    loads: dict[str, tuple[tuple[int, str, str], ...]] = {
        s.name: _report_loads(s, trees, snapshots, needs[s.name])
        for s in res.steps
        if s.is_report
    }
    for report in loads:
        needs[report] = {}
    outputs: dict[str, list[str]] = {s.name: [] for s in res.steps}
    notes = list(res.notes)
    for step in res.steps:
        wanted = [*needs[step.name].items()]
        wanted += [(name, origin) for _, name, origin in loads.get(step.name, ())]
        for name, origin in wanted:
            if name not in outputs[origin]:
                outputs[origin].append(name)
    flows = []
    for step in res.steps:
        mine = outputs[step.name]
        if not mine and not step.is_report and not written.get(step.name):
            mine, skipped = _leaf_outputs(
                step, trees, imports, set(hoisted) | set(defs), aliases, generators
            )
            notes += [
                f"step {step.name}: `{name}` is not stored as a product ({what} "
                "cannot be pickled); no later step reads it"
                for name, what in skipped
            ]
        after = sorted(
            set(needs[step.name].values())
            | {origin for _, _, origin in loads.get(step.name, ())}
            | _file_edges(step, res, written, work)
        )
        flows.append(
            Flow(
                step=step.name,
                inputs=dict(sorted(needs[step.name].items())),
                params=param_use[step.name],
                secrets=tuple(
                    s.env_var for s in res.secrets if s.cell_index in step.cells
                ),
                outputs=tuple(mine),
                formats={n: formats.get(n, "pickle") for n in mine},
                defined_in={n: defined_in[n] for n in mine if n in defined_in},
                after=tuple(a for a in after if a != step.name),
                files=tuple(sorted(written.get(step.name, ()))),
                local_defs=local_defs[step.name],
                mutates=mutates[step.name],
                loads=loads.get(step.name, ()),
            )
        )
    extra = {
        **res.extra,
        "star_imports": tuple(star_imports),
        "definitions": tuple(
            (d.name, d.cell, d.module_source or d.source)
            for d in defs.values()
            if d.name in hoisted
        ),
        "impure": emitted_sources,
    }
    return replace(
        res,
        notes=tuple(notes),
        flows=tuple(flows),
        hoisted=tuple(n for n in defs if n in hoisted),
        imports=tuple(imports.items()),
        extra=extra,
    )


def _report_loads(
    step: Step, trees, snapshots: dict[int, dict[str, str]], inputs: dict[str, str]
) -> tuple[tuple[int, str, str], ...]:
    """``(cell, name, step)``: before each report cell, the products to load.

    ``inputs`` are the names the report reads from steps (the final producers). Before
    each report cell, a name it reads is loaded from the step that held it when that cell
    ran in the notebook, unless that value is already loaded (or a report cell rebound
    it since).
    """
    kept = sorted(snapshots)

    def held_before(cell: int) -> dict[str, str]:
        """Which step held each name when ``cell`` ran: after the last kept cell above."""
        above = bisect.bisect_left(kept, cell)
        return snapshots[kept[above - 1]] if above else {}

    loaded: dict[str, str | None] = {}
    found: list[tuple[int, str, str]] = []
    cells = sorted(c for c in step.cells if trees.get(c) is not None)
    for cell in cells:
        tree = trees[cell]
        at = held_before(cell)
        events = name_events(tree)
        for ref in (*events.uses, *events.deferred_uses):
            name = ref.name
            if name not in inputs:
                continue  # imports, parameters, builtins, the report's own names
            origin = at.get(name, inputs[name])
            if loaded.get(name) != origin:
                found.append((cell, name, origin))
                loaded[name] = origin
        for name in events.defines:
            loaded[name] = at.get(name)
    if cells:
        # Names only the definitions re-emitted in the report read: loaded up front.
        at = held_before(cells[0])
        seen = {name for _, name, _ in found}
        first = sum(1 for cell, _, _ in found if cell == cells[0])
        found[first:first] = [
            (cells[0], name, at.get(name, origin))
            for name, origin in sorted(inputs.items())
            if name not in seen
        ]
    return tuple(found)


def _classify(
    name,
    bound,
    all_bound,
    deferred,
    step,
    inputs,
    used_params,
    params,
    imports,
    hoisted,
    producer,
) -> None:
    if name in bound or (deferred and name in all_bound):
        return
    if name in imports or name in hoisted or name in BUILTIN_NAMES:
        return
    if name in producer:  # a later binding than the parameter's default
        inputs.setdefault(name, producer[name])
        return
    if name in params:
        used_params.append(name)


def _parse(cell: WorkCell) -> ast.Module | None:
    try:
        return ast.parse(cell.source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _imports(res, trees) -> tuple[dict[str, str], list[str]]:
    """Top-level imports by bound name, as source text; star imports apart."""
    table: dict[str, str] = {}
    stars: list[str] = []
    for cell in res.code_cells:
        tree = trees.get(cell.index)
        if tree is None:
            continue
        for stmt in tree.body:
            if isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__":
                continue
            if isinstance(stmt, ast.Import):
                for alias in stmt.names:
                    bound = alias.asname or alias.name.split(".")[0]
                    text = f"import {alias.name}" + (
                        f" as {alias.asname}" if alias.asname else ""
                    )
                    table.setdefault(bound, text)
            elif isinstance(stmt, ast.ImportFrom) and stmt.level == 0:
                for alias in stmt.names:
                    if alias.name == "*":
                        text = f"from {stmt.module} import *"
                        if text not in stars:
                            stars.append(text)
                        continue
                    bound = alias.asname or alias.name
                    text = f"from {stmt.module} import {alias.name}" + (
                        f" as {alias.asname}" if alias.asname else ""
                    )
                    table.setdefault(bound, text)
    return table, stars


def _definitions(res, trees) -> dict[str, list[_Def]]:
    """Top-level functions, classes and named lambdas (``f = lambda x: ...``), every
    version of a name in notebook order, and what each reads."""
    found: dict[str, list[_Def]] = {}
    for cell in res.code_cells:
        tree = trees.get(cell.index)
        if tree is None:
            continue
        for stmt in tree.body:
            lam = _named_lambda(stmt)
            if lam is not None:
                name, value = lam
                events = name_events(ast.Module(body=[stmt], type_ignores=[]))
                free = {r.name for r in (*events.uses, *events.deferred_uses)}
                free.discard(name)
                source = ast.get_source_segment(cell.source, stmt) or ast.unparse(stmt)
                module_source = (
                    f"def {name}({ast.unparse(value.args)}):\n"
                    f"    return {ast.unparse(value.body)}"
                )
                found.setdefault(name, []).append(
                    _Def(name, cell.index, stmt, source, free, module_source)
                )
                continue
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                events = name_events(ast.Module(body=[stmt], type_ignores=[]))
                free = {r.name for r in (*events.uses, *events.deferred_uses)}
                free.discard(stmt.name)
                source = ast.get_source_segment(
                    cell.source, stmt, padded=False
                ) or ast.unparse(stmt)
                if stmt.decorator_list:
                    first = min(d.lineno for d in stmt.decorator_list)
                    lines = cell.source.splitlines()[first - 1 : stmt.end_lineno]
                    source = _dedent(lines)
                found.setdefault(stmt.name, []).append(
                    _Def(stmt.name, cell.index, stmt, source, free)
                )
    return found


def _binding_cells(res: Resources, name: str) -> tuple[object, ...]:
    """The notebook cells that bind ``name`` (any kind of binding)."""
    return tuple(res.extra["analysis"].definitions.get(name, ()))


def _named_lambda(stmt: ast.stmt) -> tuple[str, ast.Lambda] | None:
    """``name = lambda ...`` at top level: a function under another spelling."""
    if (
        isinstance(stmt, ast.Assign)
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], ast.Name)
        and isinstance(stmt.value, ast.Lambda)
    ):
        return stmt.targets[0].id, stmt.value
    return None


def _version_at(found: list[_Def], cell: int) -> _Def:
    """The last version defined above ``cell`` (else the first one)."""
    before = [d for d in found if d.cell < cell]
    return before[-1] if before else found[0]


def _dedent(lines: list[str]) -> str:
    import textwrap

    return textwrap.dedent("\n".join(lines))


def _hoistable(defs: dict[str, _Def], imported: set[str], res: Resources) -> set[str]:
    report_cells = {c.index for c in res.code_cells if c.report}
    analysis = res.extra["analysis"]
    candidates = {
        n
        for n, d in defs.items()
        if d.cell not in report_cells and len(analysis.definitions.get(n, ())) <= 1
    }
    changed = True
    while changed:
        changed = False
        for name in sorted(candidates):
            free = defs[name].free
            if not all(
                f in imported or f in BUILTIN_NAMES or f in candidates for f in free
            ):
                candidates.discard(name)
                changed = True
    return candidates


def _strip(res: Resources, trees, hoisted: set[str]) -> tuple[WorkCell, ...]:
    """Remove hoisted definitions and top-level imports from the step cells."""
    cells = []
    for cell in res.cells:
        tree = trees.get(cell.index)
        if cell.kind != "code" or tree is None or cell.report:
            cells.append(cell)
            continue
        lines = cell.source.splitlines()
        origin = list(cell.origin)
        drop: list[tuple[int, int]] = []
        for stmt in tree.body:
            remove = isinstance(stmt, ast.Import | ast.ImportFrom) and not (
                isinstance(stmt, ast.ImportFrom) and stmt.level
            )
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                remove = stmt.name in hoisted
            lam = _named_lambda(stmt)
            if lam is not None:
                remove = lam[0] in hoisted
            if isinstance(stmt, ast.Global):
                remove = True
            if remove:
                start = min(
                    [
                        stmt.lineno,
                        *(d.lineno for d in getattr(stmt, "decorator_list", [])),
                    ]
                )
                drop.append((start, stmt.end_lineno or stmt.lineno))
        for start, end in sorted(drop, reverse=True):
            del lines[start - 1 : end]
            del origin[start - 1 : end]
        cells.append(replace(cell, source="\n".join(lines), origin=tuple(origin)))
    return tuple(cells)


def _all_reads(trees: Iterable[ast.Module]) -> list[str]:
    found: list[str] = []
    for tree in trees:
        e = name_events(tree)
        for ref in (*e.uses, *e.deferred_uses):
            if ref.name not in found:
                found.append(ref.name)
    return found


def _all_defines(trees: Iterable[ast.Module]) -> set[str]:
    return {n for tree in trees for n in name_events(tree).defines}


def _format(name: str, tree: ast.Module, aliases, formats: dict[str, str]) -> str:
    value = None
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if isinstance(target, ast.Name) and target.id == name:
                    value = stmt.value
                elif any(
                    isinstance(n, ast.Name) and n.id == name for n in ast.walk(target)
                ):
                    value = None  # tuple unpacking: type unknown
        elif (
            isinstance(stmt, ast.AugAssign | ast.AnnAssign)
            and isinstance(stmt.target, ast.Name)
            and stmt.target.id == name
        ):
            value = None
    if value is None:
        return formats.get(name, "pickle") if name in formats else "pickle"
    return _expr_format(value, aliases, formats)


def _expr_format(value: ast.expr, aliases, formats: dict[str, str]) -> str:
    if isinstance(value, ast.Constant) and isinstance(
        value.value, int | float | str | bool
    ):
        return "json"
    if isinstance(value, ast.Call):
        q = qualified_name(value.func, aliases)
        if (
            q
            and (q.startswith(READ_PREFIXES) or q in FRAME_FUNCTIONS)
            and not any(k.arg in ("iterator", "chunksize") for k in value.keywords)
        ):
            return "parquet"
        if q in SCALAR_FUNCTIONS and not value.keywords:
            return "json"
        func = value.func
        if isinstance(func, ast.Attribute) and func.attr in FRAME_METHODS:
            if any(k.arg == "inplace" for k in value.keywords):
                return "pickle"
            receiver = func.value
            if isinstance(receiver, ast.Name) and formats.get(receiver.id) == "parquet":
                return "parquet"
            if (
                isinstance(receiver, ast.Call | ast.Subscript)
                and _expr_format(receiver, aliases, formats) == "parquet"
            ):
                return "parquet"
    if (
        isinstance(value, ast.Subscript)
        and isinstance(value.slice, ast.List)
        and isinstance(value.value, ast.Name)
        and formats.get(value.value.id) == "parquet"
    ):
        return "parquet"
    return "pickle"


def _leaf_outputs(
    step: Step, trees, imports, hoisted, aliases, generators: frozenset[str]
) -> tuple[list[str], list[tuple[str, str]]]:
    """Every name a step with no reader assigns (its products show what it computed),
    and apart, the names whose value cannot be pickled (generators, open files)."""
    found: list[str] = []
    unstorable: dict[str, str] = {}
    splitters: set[str] = set()
    for index in step.cells:
        tree = trees.get(index)
        if tree is None:
            continue
        for stmt in tree.body:
            targets: list[ast.expr] = []
            if isinstance(stmt, ast.Assign):
                targets = list(stmt.targets)
            elif isinstance(stmt, ast.AnnAssign | ast.AugAssign):
                targets = [stmt.target]
            what = (
                _unpicklable(stmt.value, aliases, splitters, generators)
                if isinstance(stmt, ast.Assign)
                else None
            )
            for target in targets:
                if isinstance(stmt, ast.Assign) and isinstance(target, ast.Name):
                    if _is_splitter(stmt.value, aliases):
                        splitters.add(target.id)
                    if what:
                        unstorable[target.id] = what
                    else:
                        unstorable.pop(target.id, None)
                for node in ast.walk(target):
                    if (
                        isinstance(node, ast.Name)
                        and not node.id.startswith("_")
                        and node.id not in imports
                        and node.id not in hoisted
                        and node.id not in found
                    ):
                        found.append(node.id)
    kept = [n for n in found if n not in unstorable]
    return kept, [(n, unstorable[n]) for n in found if n in unstorable]


#: Calls whose result is an iterator or a handle, which pickle refuses.
UNPICKLABLE_CALLS = {
    "builtins.open": "an open file",
    "io.open": "an open file",
    "builtins.iter": "an iterator",
    "builtins.map": "an iterator",
    "builtins.filter": "an iterator",
    "builtins.zip": "an iterator",
    "builtins.enumerate": "an iterator",
    "builtins.reversed": "an iterator",
    "csv.reader": "a CSV reader",
    "csv.writer": "a CSV writer",
    "csv.DictReader": "a CSV reader",
    "sqlite3.connect": "a database connection",
}


def _unpicklable(
    value: ast.expr, aliases, splitters: set[str], generators: frozenset[str]
) -> str | None:
    """What kind of unpicklable value an expression surely gives, if it does.

    ``generators``: the notebook's own generator functions (a call gives a generator).
    """
    if isinstance(value, ast.GeneratorExp):
        return "a generator"
    if isinstance(value, ast.Lambda):
        return "a lambda"
    if isinstance(value, ast.Call):
        if isinstance(value.func, ast.Name) and value.func.id in generators:
            return f"a generator (from `{value.func.id}()`)"
        q = qualified_name(value.func, aliases)
        if q in UNPICKLABLE_CALLS:
            return UNPICKLABLE_CALLS[q]
        func = value.func
        if isinstance(func, ast.Attribute) and func.attr == "split":
            receiver = func.value
            if (
                isinstance(receiver, ast.Name) and receiver.id in splitters
            ) or _is_splitter(receiver, aliases):
                return "a generator (a cross-validation split)"
    return None


def _unpicklables_bound(
    step: Step, trees, aliases, generators: frozenset[str]
) -> dict[str, str]:
    """Names a step leaves bound to a value pickle refuses (name -> what it is)."""
    found: dict[str, str] = {}
    splitters: set[str] = set()
    for index in step.cells:
        tree = trees.get(index)
        if tree is None:
            continue
        for stmt in tree.body:
            if not isinstance(stmt, ast.Assign):
                for name in name_events(
                    ast.Module(body=[stmt], type_ignores=[])
                ).defines:
                    found.pop(name, None)
                continue
            what = _unpicklable(stmt.value, aliases, splitters, generators)
            if what == "a lambda":
                what = None  # named lambdas become functions (hoisted or re-emitted)
            for target in stmt.targets:
                if not isinstance(target, ast.Name):
                    continue
                if _is_splitter(stmt.value, aliases):
                    splitters.add(target.id)
                if what:
                    found[target.id] = what
                else:
                    found.pop(target.id, None)
    return found


def _generator_functions(trees) -> frozenset[str]:
    """Names of the notebook's top-level functions whose body yields (generator
    functions: calling one gives a generator)."""
    names = set()
    for tree in trees.values():
        for stmt in tree.body if tree is not None else ():
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) and _yields(
                stmt
            ):
                names.add(stmt.name)
    return frozenset(names)


def _yields(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether ``function`` itself yields (nested functions and classes do not count)."""
    pending: list[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Yield | ast.YieldFrom):
            return True
        if not isinstance(
            node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef
        ):
            pending.extend(ast.iter_child_nodes(node))
    return False


def _join_steps_sharing_unpicklables(
    res: Resources, trees, aliases, generators: frozenset[str]
) -> Resources:
    """Make one step of the steps from where a value pickle refuses is bound (a
    generator such as ``KFold(3).split(X)``, an open file) to where it is used.

    Such a value cannot be a product, and a generator is consumed as it is read: the
    steps that share it must run as one function. The notes say which steps were joined.
    """
    steps = list(res.steps)
    notes = list(res.notes)
    i = 0
    while i < len(steps):
        step = steps[i]
        joined = False
        if not step.is_report:
            unpicklable = _unpicklables_bound(step, trees, aliases, generators)
            for j in range(i + 1, len(steps)) if unpicklable else ():
                later = steps[j]
                if later.is_report:
                    break
                used = {
                    ref.name
                    for c in later.cells
                    if (tree := trees.get(c)) is not None
                    for ref in name_events(tree).uses
                }
                shared = sorted(set(unpicklable) & used)
                if shared:
                    names = "; ".join(f"`{n}` is {unpicklable[n]}" for n in shared)
                    notes.append(
                        f"steps {', '.join(s.name for s in steps[i : j + 1])} are one "
                        f"step `{step.name}` ({names}, which cannot be passed "
                        "between steps)"
                    )
                    cells = tuple(c for s in steps[i : j + 1] for c in s.cells)
                    steps[i : j + 1] = [replace(step, cells=cells)]
                    joined = True
                    break
                rebound = {
                    n
                    for c in later.cells
                    if (tree := trees.get(c)) is not None
                    for n in name_events(tree).defines
                }
                for name in rebound:
                    unpicklable.pop(name, None)
                if not unpicklable:
                    break
        if not joined:
            i += 1
    return replace(res, steps=tuple(steps), notes=tuple(notes))


def _is_splitter(value: ast.expr, aliases) -> bool:
    """A scikit-learn cross-validator (``KFold(5)``), whose ``split`` is a generator."""
    if not isinstance(value, ast.Call):
        return False
    q = qualified_name(value.func, aliases) or ""
    tail = q.rsplit(".", 1)[-1]
    return q.startswith("sklearn.model_selection.") and (
        "Fold" in tail or "Split" in tail or tail.startswith("LeaveO")
    )


def _files(res: Resources, analysis) -> dict[str, list[str]]:
    """Relative files each (non-report) step writes, declared by their first writer."""
    step_of = {i: s.name for s in res.steps if not s.is_report for i in s.cells}
    seen: set[str] = set()
    files: dict[str, list[str]] = {}
    for site in analysis.io:
        name = written_file(site)
        if not name:
            continue
        path = posixpath.normpath(name.replace("\\", "/"))
        if path.startswith(("/", "..", "~")) or "://" in path or ":" in path:
            continue
        step = step_of.get(site.call.cell.index)
        if step is None or path in seen:
            continue
        seen.add(path)
        files.setdefault(step, []).append(path)
    return files


def _file_edges(
    step: Step, res: Resources, written: dict[str, list[str]], analysis
) -> set[str]:
    if step.is_report:
        return set()
    writer = {p: s for s, paths in written.items() for p in paths}
    edges = set()
    for site in analysis.io:
        if site.kind == "read" and site.path and site.call.cell.index in step.cells:
            path = posixpath.normpath(site.path.replace("\\", "/"))
            if path in writer and writer[path] != step.name:
                order = [s.name for s in res.steps]
                if order.index(writer[path]) < order.index(step.name):
                    edges.add(writer[path])
    return edges


def _work_analysis(res: Resources):
    """The analysis of the rewritten cells (magics masked, literals lifted)."""
    nb = Notebook(
        path=None,
        cells=tuple(Cell(c.index, c.id, "code", c.source) for c in res.code_cells),
        metadata={},
        nbformat=4,
        nbformat_minor=5,
    )
    return analyse(nb)
