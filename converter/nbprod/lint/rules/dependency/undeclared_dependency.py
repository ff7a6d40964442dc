"""
## What it does
Flags a third-party import that the project's dependency files do not declare. The files
are found by walking up from the notebook's folder to the repository root:
`requirements*.txt`, `pyproject.toml` (`[project]` dependencies and optional
dependencies, `[dependency-groups]`, `[tool.poetry]` dependencies and groups),
`environment.yml` (when PyYAML is installed), `setup.cfg` and `Pipfile`; the nearest
folder that has any of them is used. Import names are mapped to distribution names where
they differ (`sklearn` is `scikit-learn`, `cv2` is `opencv-python`, `PIL` is `pillow`,
`yaml` is `pyyaml`, `bs4` is `beautifulsoup4` ...), falling back to the installed
distributions' metadata.

Not flagged: the standard library, relative imports, modules next to the notebook or in
the project (`utils.py`, `src/mypkg`), modules the notebook writes itself
(`%%writefile helpers.py`), the project itself, the kernel's own modules
(`IPython`, `ipywidgets`, `google.colab`), and optional imports guarded by `try: ...
except ImportError`. When the notebook is not a file on disk (no path), the rule cannot
look and reports nothing; when no dependency file exists at all, NBP123 reports that once
instead.

## Why is this bad?
The notebook runs only in the environment it was written in. A colleague, CI or a
production image built from the declared dependencies fails with `ModuleNotFoundError`,
often many cells (and minutes of computation) in. A package that arrives only as a
dependency of another one (numpy through pandas) can disappear or change version when
that package is upgraded.

## Example
```python
# requirements.txt declares only pandas
import pandas as pd
from sklearn.linear_model import LogisticRegression
```

## Use instead
Declare every package the notebook imports directly, with a version
(`scikit-learn==1.5.2`), in the project's dependency file.

## What export does
Writes every third-party import of the notebook into the generated package's
`pyproject.toml`, pinned to the version of the environment that ran the notebook where
known; declaring them in the project keeps that environment reproducible.
"""

from __future__ import annotations

import ast
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from ....analysis import CellAnalysis, ImportRecord
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._declarations import (
    KERNEL_MODULES,
    Declarations,
    declarations_for,
    is_declared,
    normalise,
    notebook_folder,
    suggested_distribution,
)
from ._imports import guarded_imports

SPEC = RuleSpec(
    code="NBP122",
    name="undeclared-dependency",
    category=Category.DEPENDENCY,
    severity=Severity.WARNING,
)


def third_party_imports(
    ctx: LintContext, folder: Path, declarations: Declarations | None
) -> Iterator[tuple[CellAnalysis, ImportRecord]]:
    """The first import of each third-party module (by top-level name), top to bottom."""
    seen: set[str] = set()
    written = _modules_written_by_notebook(ctx)
    roots = [folder]
    if declarations is not None:
        roots += [declarations.folder, declarations.folder / "src"]
    for ca in ctx.analysis.cells:
        # Only a cell with a ``try`` can guard an import: skip the walk otherwise.
        has_try = ca.of_type(ast.Try, ast.TryStar, ordered=False)
        guarded = guarded_imports(ca.tree) if has_try else set()
        for record in ca.imports:
            module = record.module
            top = record.top_level
            if not top or module.startswith(".") or id(record.node) in guarded:
                continue
            if top in seen or top in sys.stdlib_module_names or top == "__future__":
                continue
            seen.add(top)
            if any(module == k or module.startswith(k + ".") for k in KERNEL_MODULES):
                continue
            if top in written or _is_local(top, roots):
                continue
            if declarations is not None and declarations.project == normalise(top):
                continue
            yield ca, record


def _modules_written_by_notebook(ctx: LintContext) -> set[str]:
    """Modules the notebook writes itself with ``%%writefile x.py`` / ``%%file x.py``:
    local code, not a dependency to declare."""
    found: set[str] = set()
    for _ca, magic in ctx.analysis.magics:
        if magic.kind == "cell" and magic.name in ("writefile", "file"):
            words = [w for w in magic.args.split() if not w.startswith("-")]
            if words and words[-1].endswith(".py"):
                found.add(Path(words[-1]).stem)
    return found


def _is_local(top: str, roots: list[Path]) -> bool:
    for root in roots:
        try:
            if (root / f"{top}.py").is_file() or (root / top).is_dir():
                return True
        except OSError:
            continue
    return False


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    folder = notebook_folder(ctx.notebook.path)
    if folder is None:
        return
    declarations = declarations_for(ctx.analysis, folder)
    if declarations is None or declarations.incomplete:
        return
    files = ", ".join(_relative(file, folder) for file in declarations.files)
    for ca, record in third_party_imports(ctx, folder, declarations):
        if is_declared(record.module, declarations.names):
            continue
        top = record.top_level
        distribution = suggested_distribution(record.module)
        if distribution == normalise(top):
            named = f"`{top}`"
        else:
            named = f"`{top}` (distribution `{distribution}`)"
        yield ctx.at_node(
            SPEC,
            ca,
            record.node,
            f"{named} is imported but not declared in {files}; an environment built "
            "from the declared dependencies will not have it",
        )


def _relative(file: Path, folder: Path) -> str:
    try:
        return Path(os.path.relpath(file, folder)).as_posix()
    except ValueError:  # another drive on Windows
        return file.name
