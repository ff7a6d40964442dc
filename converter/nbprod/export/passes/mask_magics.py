"""Pass: remove IPython magics and shell lines; collect shell installs as dependencies.

Works on the text, line by line, so every line that is not a magic keeps its comments and
layout. IPython's own transformer tells which lines are magics (the same one the analysis
uses). What replaces them:

- ``%time stmt`` / ``%%time`` / ``%%capture``: the Python they time or capture;
- ``%%writefile NAME``: a plain ``open(NAME, "w").write(BODY)`` (a file the notebook
  writes and reads back keeps working), with the name and body emitted through ``repr``;
- ``!pip install x==1`` / ``%pip`` / ``%conda``: nothing, and ``x==1`` joins the
  dependencies (an explicit pin in the notebook wins over the environment's version);
- every other magic or shell line (``%matplotlib inline``, ``!ls``, ``%%bash``,
  ``%%html``): nothing (``pass`` inside a block), noted in the README.
"""

from __future__ import annotations

import ast
import re
import shlex
from collections.abc import Sequence
from dataclasses import replace

from ...analysis.parse import _line_map, _transform, magic_call, magic_statement
from ...errors import ExportError
from ..resources import Requirement, Resources, WorkCell

PYTHON_LINE_MAGICS = frozenset({"time", "timeit", "prun"})
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun"})
INSTALLERS = ("pip", "pip3", "conda", "mamba", "micromamba", "uv")
REQUIREMENT = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?P<extras>\[[^\]]*\])?(?P<spec>[<>=!~].*)?$"
)


def run(res: Resources) -> Resources:
    cells: list[WorkCell] = []
    requirements: list[Requirement] = list(res.requirements)
    notes: list[str] = list(res.notes)
    for cell in res.cells:
        if cell.kind != "code":
            cells.append(cell)
            continue
        rewritten = _mask(cell, requirements, notes, res.options.force)
        if rewritten is not None:
            cells.append(rewritten)
    return replace(
        res, cells=tuple(cells), requirements=tuple(requirements), notes=tuple(notes)
    )


def _mask(
    cell: WorkCell, requirements: list[Requirement], notes: list[str], force: bool
) -> WorkCell | None:
    source = cell.source
    try:
        ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        pass
    else:
        if "get_ipython" not in source:
            return cell
        return _rewrite(cell, source, None, requirements, notes)
    python = _transform(source)
    tree = _try_parse(python) if python is not None else None
    if python is None or tree is None:
        if force:
            notes.append(
                f"cell {cell.number} is not valid Python (even with IPython syntax) "
                "and was left out"
            )
            return None
        raise ExportError(
            f"cell {cell.number} is not valid Python; fix it, tag it `nbprod:drop`, "
            "or export with --force to leave it out"
        )
    return _rewrite(cell, python, _line_map(source, python), requirements, notes)


def _try_parse(text: str) -> ast.Module | None:
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _rewrite(
    cell: WorkCell,
    python: str,
    line_map: tuple[int, ...] | None,
    requirements: list[Requirement],
    notes: list[str],
) -> WorkCell:
    tree = ast.parse(python)
    lines = python.splitlines()
    replacements: dict[int, tuple[int, list[tuple[str, int]]]] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Expr | ast.Assign):
            continue
        found = magic_call(node.value)
        if found is None:
            continue
        method, args = found
        strings = [a.value if isinstance(a, ast.Constant) else None for a in args]
        indent = re.match(r"\s*", lines[node.lineno - 1]).group(0)  # type: ignore[union-attr]
        new = _replacement(
            cell, method, strings, indent, line_map, requirements, notes, node
        )
        if not new and indent:
            new = [(indent + "pass", 0)]
        replacements[node.lineno] = (node.end_lineno or node.lineno, new)
    out: list[tuple[str, int]] = []
    number = 1
    while number <= len(lines):
        if number in replacements:
            end, new = replacements[number]
            out.extend(new)
            number = end + 1
            continue
        origin = line_map[number - 1] if line_map else number
        out.append((lines[number - 1], origin))
        number += 1
    text = "\n".join(text for text, _ in out)
    return replace(cell, source=text, origin=tuple(o for _, o in out))


def _replacement(
    cell: WorkCell,
    method: str,
    strings: Sequence[object],
    indent: str,
    line_map: tuple[int, ...] | None,
    requirements: list[Requirement],
    notes: list[str],
    node: ast.stmt,
) -> list[tuple[str, int]]:
    where = f"cell {cell.number}"
    if isinstance(node, ast.Assign):
        notes.append(f"{where}: a shell capture (`x = !cmd`) was removed")
        return []
    if method == "run_line_magic" and len(strings) >= 2:
        name, arg = str(strings[0]), str(strings[1] or "")
        statement = magic_statement(name, arg) if name in PYTHON_LINE_MAGICS else ""
        if statement:
            origin = line_map[node.lineno - 1] if line_map else node.lineno
            return [(indent + statement, origin)]
        if name in ("pip", "conda", "mamba"):
            _installs(f"{name} {arg}", requirements, f"%{name} install")
            return []
        if name not in ("matplotlib", "load_ext", "autoreload", "config"):
            notes.append(f"{where}: the magic `%{name}` was removed")
        return []
    if method == "system" and strings:
        command = str(strings[0] or "")
        if not _installs(command, requirements, "!pip install"):
            notes.append(f"{where}: a shell command was removed")
        return []
    if method == "run_cell_magic" and len(strings) >= 3:
        name, arg, body = (str(s or "") for s in strings[:3])
        if name in PYTHON_CELL_MAGICS:
            src = cell.source.splitlines()
            return [(text, number) for number, text in enumerate(src, 1)][1:]
        if name == "writefile":
            return _writefile(cell, arg, body, indent, notes)
        if name in ("bash", "sh", "script", "system"):
            for line in body.splitlines():
                _installs(line, requirements, f"%%{name} install")
        notes.append(f"{where}: the cell magic `%%{_safe(name)}` was removed")
        return []
    notes.append(f"{where}: an IPython call was removed")
    return []


def _writefile(
    cell: WorkCell, arg: str, body: str, indent: str, notes: list[str]
) -> list[tuple[str, int]]:
    try:
        words = shlex.split(arg)
    except ValueError:
        words = arg.split()
    append = any(w in ("-a", "--append") for w in words)
    names = [w for w in words if not w.startswith("-")]
    if not names:
        notes.append(f"cell {cell.number}: `%%writefile` without a file name removed")
        return []
    mode = "a" if append else "w"
    statement = (
        f"with open({names[0]!r}, {mode!r}, encoding='utf-8') as _nbprod_file:\n"
        f"{indent}    _nbprod_file.write({body!r})"
    )
    first, second = statement.split("\n")
    return [(indent + first, 1), (second, 0)]


def _installs(command: str, requirements: list[Requirement], reason: str) -> bool:
    """Record the packages of an install command; False if it is not one."""
    try:
        words = shlex.split(command)
    except ValueError:
        words = command.split()
    while words and words[0] in ("python", "python3", "-m", "sudo", "!", "%"):
        words = words[1:]
    if (
        len(words) < 2
        or words[0].lstrip("%!") not in INSTALLERS
        or words[1] != "install"
    ):
        return False
    skip_next = False
    for word in words[2:]:
        if skip_next:
            skip_next = False
            continue
        if word.startswith("-"):
            if word in (
                "-r",
                "-c",
                "-i",
                "--index-url",
                "--extra-index-url",
                "-e",
                "-f",
            ):
                skip_next = True
            continue
        match = REQUIREMENT.match(word)
        if match:
            spec = (match.group("spec") or "").strip()
            requirements.append(Requirement(match.group("name"), spec, reason))
    return True


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "", text)[:40]
