"""Helpers shared by the shell-install rules: grouping commands by where they are."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ....analysis.shell import ShellCommand

#: A plain requirement: a name, optional extras and an optional version specifier.
PLAIN_REQUIREMENT = re.compile(
    r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?(?:\[[A-Za-z0-9._, -]+\])?"
    r"(?:\s*(?:~=|===|==|!=|<=|>=|<|>)\s*[A-Za-z0-9.*+!_-]+"
    r"(?:\s*,\s*(?:~=|===|==|!=|<=|>=|<|>)\s*[A-Za-z0-9.*+!_-]+)*)?$"
)


def by_location(commands: Iterable[ShellCommand]) -> list[list[ShellCommand]]:
    """Commands grouped by the source range they share (one ``!a && b`` line), in order."""
    groups: dict[tuple[int, tuple[int, int, int, int]], list[ShellCommand]] = {}
    for command in commands:
        groups.setdefault((command.cell.index, command.span), []).append(command)
    return list(groups.values())


def label(command: ShellCommand, through: str) -> str:
    """How the command reads in a message, up to the word ``through``:
    ``!pip install``, ``%conda install``, ``pip install`` in a ``%%bash`` cell ..."""
    words = list(command.argv)
    if through in words:
        words = words[: words.index(through) + 1]
    head = " ".join(words)
    if command.via == "!":
        return f"`!{head}`"
    if command.via.startswith("%%"):
        return f"`{head}` in a `{command.via}` cell"
    if command.via.startswith("%"):
        return f"`%{head}`"
    return f"`{head}` run through `{command.via}`"


def listing(items: Iterable[str], limit: int = 6) -> str:
    """``a, b, c`` (at most ``limit`` items, then ``and N more``)."""
    items = list(dict.fromkeys(items))
    shown = ", ".join(items[:limit])
    if len(items) > limit:
        shown += f" and {len(items) - limit} more"
    return shown
