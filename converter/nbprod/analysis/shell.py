"""Shell commands a notebook runs, split into words, wherever they are written.

A command can come from a ``!cmd`` line, ``x = !cmd``, the ``%pip`` / ``%conda`` /
``%mamba`` / ``%micromamba`` / ``%uv`` / ``%sx`` / ``%system`` line magics, the body of a
``%%bash`` / ``%%sh`` / ``%%zsh`` / ``%%script bash`` cell, or Python calls
(``subprocess.run([...])``, ``os.system("...")``). Each becomes a :class:`ShellCommand`
with its words; IPython interpolations (``{sys.executable}``, ``$pkg``) stay as text.
:func:`invocation` then says which tool runs (``python -m pip install x`` is ``pip``), and
:func:`pip_install` reads what a ``pip install`` installs. Nothing is executed.
"""

from __future__ import annotations

import ast
import re
import shlex
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import CellAnalysis, Magic, NotebookAnalysis

#: Line magics that run a package manager: the magic name is the program.
PACKAGE_LINE_MAGICS = frozenset({"pip", "conda", "mamba", "micromamba", "uv"})
#: Line magics whose argument is a shell command.
SHELL_LINE_MAGICS = frozenset({"sx", "system"})
#: Cell magics whose body is a shell script.
SHELL_CELL_MAGICS = frozenset({"bash", "sh", "zsh", "sx", "system", "!"})
#: Python functions that run a command (first argument or ``args``/``cmd``/``command``).
COMMAND_FUNCTIONS = frozenset(
    {
        "subprocess.run",
        "subprocess.call",
        "subprocess.check_call",
        "subprocess.check_output",
        "subprocess.Popen",
        "subprocess.getoutput",
        "subprocess.getstatusoutput",
        "os.system",
        "os.popen",
    }
)
#: ``pip.main(["install", ...])``: the old in-process pip API.
PIP_MAIN_FUNCTIONS = frozenset({"pip.main", "pip._internal.main"})

#: Words before a command that do not change which program runs.
_PREFIX_PROGRAMS = frozenset({"sudo", "time", "nohup", "env", "command", "exec"})
_ENV_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
_PYTHON = re.compile(r"^(python|python\d(\.\d+)?|py|pypy\d?)$")
_PIP = re.compile(r"^pip(\d(\.\d+)?)?$")
_SEPARATORS = frozenset({";", "&&", "||", "|", "&", "|&", "\n", "(", ")"})
_REDIRECTS = frozenset({">", ">>", "<", "<<", ">&", "<&", "&>", ">|", "<>", "&>>"})
_SUDO_OPTIONS_WITH_VALUE = frozenset({"-u", "-g", "-C", "-h", "-p", "-U", "-r", "-t"})

#: pip options (global and ``install``) that take a value as the next word.
_PIP_OPTIONS_WITH_VALUE = frozenset(
    {
        "-r",
        "--requirement",
        "-c",
        "--constraint",
        "-e",
        "--editable",
        "-i",
        "--index-url",
        "--extra-index-url",
        "-f",
        "--find-links",
        "-t",
        "--target",
        "--prefix",
        "--root",
        "--src",
        "--upgrade-strategy",
        "--platform",
        "--python-version",
        "--implementation",
        "--abi",
        "--progress-bar",
        "--report",
        "--proxy",
        "--retries",
        "--timeout",
        "--log",
        "--cache-dir",
        "--cert",
        "--client-cert",
        "--exists-action",
        "--trusted-host",
        "--python",
        "--no-binary",
        "--only-binary",
        "--config-settings",
        "-C",
        "--global-option",
        "--install-option",
        "--keyring-provider",
        "--use-feature",
        "--use-deprecated",
        "--group",
    }
)


@dataclass(frozen=True)
class ShellCommand:
    """One simple command (no ``&&``, ``;`` or ``|`` inside) run by the notebook."""

    cell: CellAnalysis = field(compare=False, repr=False)
    #: The call that runs it: the magic call, or the ``subprocess``/``os`` call.
    node: ast.Call = field(compare=False, repr=False)
    #: The command's words; interpolations kept as text (``{sys.executable}``, ``$pkg``).
    argv: tuple[str, ...]
    #: How it is written: ``!``, ``%pip``, ``%%bash``, ``subprocess.run`` ...
    via: str
    #: 1-based ``(line, column, end_line, end_column)`` in the cell source.
    span: tuple[int, int, int, int]
    #: True when the source lines of ``span`` hold only commands of this one statement
    #: (a top-level ``!`` line or ``%`` magic, or a line of a simple ``%%bash`` body), so
    #: a fix may replace them by a comment without breaking the cell.
    standalone: bool = False


@dataclass(frozen=True)
class PipInstall:
    """What a ``pip install`` installs."""

    #: Requirement words as written (``pandas==2.2.1``, ``scikit-learn``, ``./pkg``).
    packages: tuple[str, ...]
    #: Files given with ``-r``.
    requirement_files: tuple[str, ...]
    #: Paths or URLs given with ``-e``.
    editables: tuple[str, ...]


def shell_commands(analysis: NotebookAnalysis) -> tuple[ShellCommand, ...]:
    """Every shell command of the notebook, top to bottom."""
    found: list[ShellCommand] = []
    top_level = {
        id(stmt.value)
        for ca in analysis.cells
        if ca.tree is not None
        for stmt in ca.tree.body
        if isinstance(stmt, ast.Expr)
    }
    magic_nodes = set()
    for ca, magic in analysis.magics:
        magic_nodes.add(id(magic.node))
        found.extend(_from_magic(ca, magic, id(magic.node) in top_level))
    for site in analysis.calls:
        if id(site.node) in magic_nodes or site.qualname is None:
            continue
        if site.qualname in COMMAND_FUNCTIONS or site.qualname in PIP_MAIN_FUNCTIONS:
            found.extend(_from_call(site.cell, site.node, site.qualname, top_level))
    found.sort(key=lambda c: (c.cell.index, c.span[0], c.span[1]))
    return tuple(found)


def split_commands(text: str) -> list[list[str]]:
    """Split a shell line into simple commands' words (drops redirections)."""
    lexer = shlex.shlex(text, posix=True, punctuation_chars=";&|()<>")
    lexer.whitespace_split = True
    lexer.commenters = "#"
    try:
        tokens = list(lexer)
    except ValueError:  # unbalanced quotes: fall back to plain splitting
        tokens = text.split()
    commands: list[list[str]] = [[]]
    skip_next = False
    for token in tokens:
        if skip_next:
            skip_next = False
            continue
        if token in _SEPARATORS:
            commands.append([])
        elif token in _REDIRECTS or (token and set(token) <= set("<>&|")):
            if commands[-1] and commands[-1][-1].isdigit():
                commands[-1].pop()  # the fd of ``2>``
            skip_next = True
        else:
            commands[-1].append(token)
    return [words for words in commands if words]


def program_words(argv: tuple[str, ...] | list[str]) -> tuple[list[str], bool]:
    """Drop ``VAR=x``, ``sudo``, ``env``, ``time`` prefixes; return the words and sudo."""
    words = list(argv)
    sudo = False
    while words:
        head = words[0]
        if _ENV_ASSIGNMENT.match(head):
            words.pop(0)
        elif head in _PREFIX_PROGRAMS or head.rsplit("/", 1)[-1] == "sudo":
            sudo = sudo or head.rsplit("/", 1)[-1] == "sudo"
            words.pop(0)
            while words and words[0].startswith("-"):
                option = words.pop(0)
                if sudo and option in _SUDO_OPTIONS_WITH_VALUE and words:
                    words.pop(0)
        else:
            break
    return words, sudo


def invocation(argv: tuple[str, ...] | list[str]) -> tuple[str, list[str], bool]:
    """``(tool, arguments, sudo)`` of a command: which program, resolved through
    ``python -m``, ``{sys.executable} -m`` and ``uv pip``; ``("", [], False)`` if empty.

    Tools are lower-cased program names without path or version (``pip3.11`` -> ``pip``,
    ``/usr/bin/apt-get`` -> ``apt-get``).
    """
    words, sudo = program_words(argv)
    if not words:
        return "", [], sudo
    tool = _program_name(words[0])
    args = words[1:]
    if tool == "python":
        rest = list(args)
        while rest and rest[0].startswith("-") and rest[0] != "-m":
            rest.pop(0)
        if len(rest) >= 2 and rest[0] == "-m":
            tool, args = _program_name(rest[1]), rest[2:]
        elif rest[:1] == ["-mpip"]:
            tool, args = "pip", rest[1:]
    if tool == "uv" and args[:1] == ["pip"]:
        tool, args = "pip", args[1:]
    return tool, args, sudo


def subcommand(
    args: list[str], options_with_value: frozenset[str] = frozenset()
) -> str:
    """The first word of ``args`` that is not an option (or an option's value)."""
    skip = False
    for word in args:
        if skip:
            skip = False
            continue
        if word.startswith("-"):
            skip = word in options_with_value
            continue
        return word
    return ""


def pip_install(
    command: ShellCommand | tuple[str, ...] | list[str],
) -> PipInstall | None:
    """What ``command`` installs, if it is a ``pip install`` (any spelling), else None."""
    argv = command.argv if isinstance(command, ShellCommand) else command
    tool, args, _sudo = invocation(argv)
    if tool != "pip":
        return None
    rest = list(args)
    while rest and rest[0] != "install":
        word = rest.pop(0)
        if not word.startswith("-"):
            return None  # another subcommand: list, freeze, show, download, uninstall
        if word in _PIP_OPTIONS_WITH_VALUE and rest:
            rest.pop(0)
    if not rest:
        return None
    packages: list[str] = []
    files: list[str] = []
    editables: list[str] = []
    words = iter(rest[1:])
    for word in words:
        if word.startswith("-"):
            name, eq, value = word.partition("=")
            if not eq and len(word) > 2 and word[1] in "re" and word[:2] != "--":
                name, eq, value = word[:2], "=", word[2:]  # ``-rrequirements.txt``
            if name in {"-r", "--requirement"}:
                files.append(value if eq else next(words, ""))
            elif name in {"-e", "--editable"}:
                editables.append(value if eq else next(words, ""))
            elif name in _PIP_OPTIONS_WITH_VALUE and not eq:
                next(words, None)
            continue
        packages.append(word)
    return PipInstall(tuple(packages), tuple(w for w in files if w), tuple(editables))


def _program_name(word: str) -> str:
    if word in {"{sys.executable}", "$sys.executable", "{sys.executable!r}"}:
        return "python"
    name = word.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].lower()
    name = name.removesuffix(".exe")
    if _PYTHON.match(name):
        return "python"
    if _PIP.match(name):
        return "pip"
    return name


def _from_magic(ca: CellAnalysis, magic: Magic, top_level: bool) -> list[ShellCommand]:
    span = ca.span(magic.node)
    single = span[0] == span[2] and not _line(ca, span[0]).rstrip().endswith("\\")
    if magic.kind in {"shell", "getoutput"}:
        standalone = magic.kind == "shell" and top_level and single
        return _commands(ca, magic.node, magic.args, "!", span, standalone)
    if magic.kind == "line" and magic.name in PACKAGE_LINE_MAGICS:
        try:
            words = shlex.split(magic.args, comments=True)
        except ValueError:
            words = magic.args.split()
        return [
            ShellCommand(
                ca,
                magic.node,
                (magic.name, *words),
                f"%{magic.name}",
                span,
                top_level and single,
            )
        ]
    if magic.kind == "line" and magic.name in SHELL_LINE_MAGICS:
        return _commands(
            ca, magic.node, magic.args, f"%{magic.name}", span, top_level and single
        )
    if magic.kind == "cell" and _is_shell_cell(magic.name, magic.args):
        return _cell_body_commands(ca, magic.node, magic.name, magic.body)
    return []


def _is_shell_cell(name: str, args: str) -> bool:
    if name in SHELL_CELL_MAGICS:
        return True
    if name == "script":
        first = args.split()[0] if args.split() else ""
        return _program_name(first) in {"bash", "sh", "zsh", "dash"}
    return False


def _commands(
    ca: CellAnalysis,
    node: ast.Call,
    text: str,
    via: str,
    span: tuple[int, int, int, int],
    standalone: bool,
) -> list[ShellCommand]:
    return [
        ShellCommand(ca, node, tuple(words), via, span, standalone)
        for words in split_commands(text)
    ]


_COMPOUND = frozenset(
    {
        "if",
        "then",
        "else",
        "elif",
        "fi",
        "for",
        "while",
        "until",
        "do",
        "done",
        "case",
        "esac",
        "function",
        "{",
        "}",
        "select",
    }
)


def _cell_body_commands(
    ca: CellAnalysis, node: ast.Call, name: str, body: str
) -> list[ShellCommand]:
    source_lines = ca.cell.source.splitlines()
    header = next(
        (
            i + 1
            for i, text in enumerate(source_lines)
            if text.lstrip().startswith("%%")
        ),
        1,
    )
    body_lines = body.splitlines()
    simple = all(
        not text.strip()
        or text.lstrip().startswith("#")
        or (
            text.split()[0] not in _COMPOUND
            and "<<" not in text
            and not text.rstrip().endswith(("\\", "(", "{", "|", "&&"))
        )
        for text in body_lines
    )
    found: list[ShellCommand] = []
    index = 0
    while index < len(body_lines):
        first = index
        logical = body_lines[index]
        while logical.rstrip().endswith("\\") and index + 1 < len(body_lines):
            index += 1
            logical = logical.rstrip()[:-1] + " " + body_lines[index]
        line = header + 1 + first
        end_line = header + 1 + index
        span = (line, 1, end_line, len(_line(ca, end_line)) + 1)
        for words in split_commands(logical):
            found.append(
                ShellCommand(
                    ca, node, tuple(words), f"%%{name}", span, simple and first == index
                )
            )
        index += 1
    return found


def _from_call(
    ca: CellAnalysis, node: ast.Call, qualname: str, top_level: set[int]
) -> list[ShellCommand]:
    command = node.args[0] if node.args else None
    for kw in node.keywords:
        if kw.arg in {"args", "cmd", "command"}:
            command = kw.value
    if command is None:
        return []
    span = ca.span(node)
    standalone = id(node) in top_level and span[0] == span[2]
    via = qualname
    if isinstance(command, ast.List | ast.Tuple):
        words = tuple(_word(element) for element in command.elts)
        if qualname in PIP_MAIN_FUNCTIONS:
            words = ("pip", *words)
        return [ShellCommand(ca, node, words, via, span, standalone)]
    text = _text(command)
    if text is None:
        return []
    return _commands(ca, node, text, via, span, standalone)


def _word(expr: ast.expr) -> str:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    if (
        isinstance(expr, ast.Attribute)
        and isinstance(expr.value, ast.Name)
        and (expr.value.id, expr.attr) == ("sys", "executable")
    ):
        return "{sys.executable}"
    return "{" + ast.unparse(expr) + "}"


def _text(expr: ast.expr) -> str | None:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, ast.JoinedStr):
        parts: list[str] = []
        for value in expr.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            elif isinstance(value, ast.FormattedValue):
                parts.append(_word(value.value))
        return "".join(parts)
    return None


def _line(ca: CellAnalysis, number: int) -> str:
    lines = ca.cell.source.splitlines()
    return lines[number - 1] if 1 <= number <= len(lines) else ""
