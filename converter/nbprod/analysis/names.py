"""Which global names a cell defines, reads, and deletes, in evaluation order.

A cell runs at module scope, so the dataflow between cells is the flow of module-level
names. This visitor follows Python's scoping: comprehensions and functions have their own
scopes; a function body reads globals only when it is called (a *deferred* use), while
decorators, default values and class bodies run immediately. Within a cell, order matters:
``x = 1; print(x)`` reads nothing from other cells, ``print(x); x = 1`` does.
"""

from __future__ import annotations

import ast
import builtins
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

#: Names the IPython kernel puts in the user namespace (``_1``, ``_i1``... are numbered
#: variants of ``_`` and ``_i``; see :func:`is_ipython_name`).
IPYTHON_NAMES = frozenset(
    {
        "get_ipython",
        "display",
        "In",
        "Out",
        "exit",
        "quit",
        "_",
        "__",
        "___",
        "_i",
        "_ii",
    }
    | {"_iii", "_ih", "_oh", "_dh", "_exit_code", "__IPYTHON__", "__builtins__"}
    | {"__builtin__"}
)
BUILTIN_NAMES = frozenset(dir(builtins)) | IPYTHON_NAMES | {"__file__", "__name__"}

_NUMBERED_HISTORY = re.compile(r"_i?\d+")


def is_ipython_name(name: str) -> bool:
    """Whether the kernel defines ``name``: a builtin, an IPython name, ``_12`` or ``_i12``."""
    return name in BUILTIN_NAMES or _NUMBERED_HISTORY.fullmatch(name) is not None


@dataclass(frozen=True)
class NameRef:
    """One occurrence of a global name, with the node for its position."""

    name: str
    node: ast.AST = field(compare=False, repr=False)


@dataclass(frozen=True)
class NameEvents:
    """The module-level name traffic of one cell."""

    #: Global names bound by the cell, in first-binding order.
    defines: tuple[str, ...] = ()
    #: Reads of global names not bound earlier in the same cell (first read per name).
    uses: tuple[NameRef, ...] = ()
    #: Global names read inside function or lambda bodies (first read per name).
    deferred_uses: tuple[NameRef, ...] = ()
    #: ``del name`` statements at module level.
    deletes: tuple[NameRef, ...] = ()

    @property
    def used_names(self) -> frozenset[str]:
        return frozenset(ref.name for ref in self.uses)


def name_events(tree: ast.Module) -> NameEvents:
    """Compute the :class:`NameEvents` of a parsed cell."""
    visitor = _ModuleVisitor()
    for stmt in tree.body:
        visitor.visit(stmt)
    return NameEvents(
        defines=tuple(dict.fromkeys(visitor.defines)),
        uses=_first_per_name(visitor.uses),
        deferred_uses=_first_per_name(visitor.deferred),
        deletes=tuple(visitor.deletes),
    )


def _first_per_name(refs: Iterable[NameRef]) -> tuple[NameRef, ...]:
    seen: dict[str, NameRef] = {}
    for ref in refs:
        seen.setdefault(ref.name, ref)
    return tuple(seen.values())


class _FastVisitor(ast.NodeVisitor):
    """``ast.NodeVisitor``'s traversal, same order and same methods, with the method for
    each (visitor class, node class) looked up once instead of at every node, and without
    the generators of ``ast.iter_fields``. The analysis visits every node of every cell:
    the stock dispatch was a third of its time."""

    def visit(self, node: ast.AST) -> Any:
        key = (type(self), type(node))
        try:
            method = _DISPATCH[key]
        except KeyError:
            found = getattr(type(self), "visit_" + type(node).__name__, None)
            method = _DISPATCH[key] = found or type(self).generic_visit
        return method(self, node)

    def generic_visit(self, node: ast.AST) -> None:
        for name in node._fields:
            try:
                value = getattr(node, name)
            except AttributeError:
                continue
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST):
                        self.visit(item)
            elif isinstance(value, ast.AST):
                self.visit(value)

    def visit_Constant(self, node: ast.Constant) -> None:
        # The stock method only forwards to the deprecated visit_Num/visit_Str...,
        # which no visitor here defines; a constant has no child node.
        return None


#: (visitor class, node class) -> the unbound method that visits it.
_DISPATCH: dict[tuple[type, type], Callable[[Any, Any], Any]] = {}


class _ModuleVisitor(_FastVisitor):
    """Visits module-level code in evaluation order."""

    def __init__(self) -> None:
        self.bound: set[str] = set()
        self.defines: list[str] = []
        self.uses: list[NameRef] = []
        self.deferred: list[NameRef] = []
        self.deletes: list[NameRef] = []

    # -- bindings ---------------------------------------------------------------------
    def bind(self, name: str) -> None:
        self.bound.add(name)
        self.defines.append(name)

    def load(self, name: str, node: ast.AST) -> None:
        if name not in self.bound:
            self.uses.append(NameRef(name, node))

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            self.load(node.id, node)
        elif isinstance(node.ctx, ast.Store):
            self.bind(node.id)
        else:  # Del
            self.deletes.append(NameRef(node.id, node))
            self.bound.discard(node.id)

    # -- statements in evaluation order -----------------------------------------------
    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        for target in node.targets:
            self.visit(target)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)
        self.visit(node.annotation)
        if node.value is not None or not isinstance(node.target, ast.Name):
            self.visit(node.target)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.visit(node.value)
        if isinstance(node.target, ast.Name):
            self.load(node.target.id, node.target)
            self.bind(node.target.id)
        else:
            self.visit(node.target)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        self.bind(node.target.id)

    def visit_For(self, node: ast.For | ast.AsyncFor) -> None:
        self.visit(node.iter)
        self.visit(node.target)
        for stmt in [*node.body, *node.orelse]:
            self.visit(stmt)

    visit_AsyncFor = visit_For

    def visit_With(self, node: ast.With | ast.AsyncWith) -> None:
        for item in node.items:
            self.visit(item.context_expr)
            if item.optional_vars is not None:
                self.visit(item.optional_vars)
        for stmt in node.body:
            self.visit(stmt)

    visit_AsyncWith = visit_With

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.type is not None:
            self.visit(node.type)
        if node.name:
            self.bind(node.name)
        for stmt in node.body:
            self.visit(stmt)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.bind(alias.asname or alias.name.split(".")[0])

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            if alias.name != "*":
                self.bind(alias.asname or alias.name)

    def visit_Global(self, node: ast.Global) -> None:
        return None

    def visit_MatchAs(self, node: ast.MatchAs) -> None:
        if node.pattern is not None:
            self.visit(node.pattern)
        if node.name:
            self.bind(node.name)

    def visit_MatchStar(self, node: ast.MatchStar) -> None:
        if node.name:
            self.bind(node.name)

    def visit_MatchMapping(self, node: ast.MatchMapping) -> None:
        for key in node.keys:
            self.visit(key)
        for pattern in node.patterns:
            self.visit(pattern)
        if node.rest:
            self.bind(node.rest)

    # -- new scopes -------------------------------------------------------------------
    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for decorator in node.decorator_list:
            self.visit(decorator)
        self._visit_arguments_defaults(node.args)
        for expr in _annotations(node):
            self.visit(expr)
        self.bind(node.name)
        self._deferred_scope(node.args, node.body)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._visit_arguments_defaults(node.args)
        self._deferred_scope(node.args, [node.body])

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for expr in [*node.decorator_list, *node.bases]:
            self.visit(expr)
        for keyword in node.keywords:
            self.visit(keyword.value)
        # A class body runs now, in its own namespace that falls back to globals.
        class_scope = _ClassVisitor(self)
        for stmt in node.body:
            class_scope.visit(stmt)
        self.bind(node.name)

    def _comprehension(
        self, generators: list[ast.comprehension], elements: list[ast.expr]
    ) -> None:
        # The first iterable is evaluated in the enclosing scope; the rest inside.
        self.visit(generators[0].iter)
        local = _local_bindings_of_targets(g.target for g in generators)
        inner = _FreeNames(local)
        for index, gen in enumerate(generators):
            if index:
                inner.visit(gen.iter)
            for cond in gen.ifs:
                inner.visit(cond)
        for element in elements:
            inner.visit(element)
        for ref in inner.free:
            self.load(ref.name, ref.node)
        for name in inner.walrus:
            self.bind(name)

    def visit_ListComp(self, node: ast.ListComp) -> None:
        self._comprehension(node.generators, [node.elt])

    visit_SetComp = visit_ListComp  # type: ignore[assignment]
    visit_GeneratorExp = visit_ListComp  # type: ignore[assignment]

    def visit_DictComp(self, node: ast.DictComp) -> None:
        self._comprehension(node.generators, [node.key, node.value])

    def _visit_arguments_defaults(self, args: ast.arguments) -> None:
        for default in [*args.defaults, *(d for d in args.kw_defaults if d)]:
            self.visit(default)

    def _deferred_scope(
        self, args: ast.arguments, body: list[ast.stmt] | list[ast.expr]
    ):
        local = _function_locals(args, body)
        inner = _FreeNames(local)
        for stmt in body:
            inner.visit(stmt)
        self.deferred.extend(inner.free)
        for name in inner.globals_assigned:
            self.bind(name)


class _ClassVisitor(_ModuleVisitor):
    """A class body: names it binds stay in the class; free reads are global reads."""

    def __init__(self, module: _ModuleVisitor) -> None:
        super().__init__()
        self.module = module
        self.deferred = module.deferred

    def load(self, name: str, node: ast.AST) -> None:
        if name not in self.bound:
            self.module.load(name, node)

    def bind(self, name: str) -> None:
        self.bound.add(name)


class _FreeNames(_FastVisitor):
    """Collects names read in a nested scope that are not local to it."""

    def __init__(self, local: set[str]) -> None:
        self.local = local
        self.free: list[NameRef] = []
        self.walrus: list[str] = []
        self.globals_assigned: list[str] = []
        self.declared_global: set[str] = set()

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load) and (
            node.id not in self.local or node.id in self.declared_global
        ):
            self.free.append(NameRef(node.id, node))
        elif not isinstance(node.ctx, ast.Load) and node.id in self.declared_global:
            self.globals_assigned.append(node.id)

    def visit_Global(self, node: ast.Global) -> None:
        self.declared_global.update(node.names)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        self.walrus.append(node.target.id)

    def _nested(self, args: ast.arguments | None, body: list) -> None:
        local = self.local | (_function_locals(args, body) if args else set())
        inner = _FreeNames(local)
        for item in body:
            inner.visit(item)
        self.free.extend(inner.free)
        self.globals_assigned.extend(inner.globals_assigned)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for expr in [*node.decorator_list, *node.args.defaults, *_annotations(node)]:
            self.visit(expr)
        self._nested(node.args, node.body)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        for expr in node.args.defaults:
            self.visit(expr)
        self._nested(node.args, [node.body])

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for expr in [*node.decorator_list, *node.bases]:
            self.visit(expr)
        self._nested(None, node.body)

    def _comprehension(self, generators: list[ast.comprehension], elements: list):
        local = self.local | _local_bindings_of_targets(g.target for g in generators)
        inner = _FreeNames(local)
        inner.declared_global = self.declared_global
        for gen in generators:
            inner.visit(gen.iter)
            for cond in gen.ifs:
                inner.visit(cond)
        for element in elements:
            inner.visit(element)
        self.free.extend(inner.free)
        self.walrus.extend(inner.walrus)

    def visit_ListComp(self, node: ast.ListComp) -> None:
        self._comprehension(node.generators, [node.elt])

    visit_SetComp = visit_ListComp  # type: ignore[assignment]
    visit_GeneratorExp = visit_ListComp  # type: ignore[assignment]

    def visit_DictComp(self, node: ast.DictComp) -> None:
        self._comprehension(node.generators, [node.key, node.value])


def _annotations(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.expr]:
    args = node.args
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    every += [a for a in (args.vararg, args.kwarg) if a]
    found = [a.annotation for a in every if a.annotation is not None]
    if node.returns is not None:
        found.append(node.returns)
    return found


def _local_bindings_of_targets(targets: Iterable[ast.AST]) -> set[str]:
    return {
        n.id
        for target in targets
        for n in ast.walk(target)
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    }


def _function_locals(args: ast.arguments | None, body: list) -> set[str]:
    """Names local to a function: parameters plus everything it binds (not globals)."""
    local: set[str] = set()
    if args is not None:
        every = [*args.posonlyargs, *args.args, *args.kwonlyargs]
        every += [a for a in (args.vararg, args.kwarg) if a]
        local.update(a.arg for a in every)
    declared: set[str] = set()
    stack = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Global | ast.Nonlocal):
            declared.update(node.names)
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            local.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            local.add(node.name)
            continue  # its body is another scope
        elif isinstance(node, ast.Lambda):
            continue
        elif isinstance(node, ast.Import | ast.ImportFrom):
            local.update(
                (a.asname or a.name.split(".")[0]) for a in node.names if a.name != "*"
            )
        elif (
            isinstance(node, ast.ExceptHandler | ast.MatchAs | ast.MatchStar)
            and node.name
        ):
            local.add(node.name)
        stack.extend(ast.iter_child_nodes(node))
    return local - declared
