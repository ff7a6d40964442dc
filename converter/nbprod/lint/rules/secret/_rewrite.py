"""Replace a secret in Python source by an environment lookup, keeping the code valid.

Shared by the quick fix of NBP030 and the exporter. A :class:`Rewrite` records only
offsets into the cell source (never text), and :func:`replacement` builds the new code:

- the secret is a whole plain literal: ``os.environ["NAME"]`` (``.encode()`` for bytes);
- it is part of an f-string's literal text: only that part becomes a field,
  ``f"postgresql://user:{os.environ['NAME']}@{host}/{db}"``, so the URL keeps its shape;
- it is part of another literal (a ``+`` operand, a ``%`` or ``.format`` template, one of
  implicitly joined literals): the literal is split around it,
  ``("postgresql://user:" + os.environ["NAME"] + "@%s/%s") % (host, db)``; inside a
  template the value is escaped (``%`` -> ``%%``, braces doubled) so formatting keeps it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._strings import Literal, Token


@dataclass(frozen=True)
class Rewrite:
    """Where a secret sits in a literal, as offsets of the scanned source."""

    literal: Literal
    token: Token
    #: The secret's offsets, inside one literal run of ``token``.
    start: int
    end: int


def whole(literal: Literal) -> Rewrite | None:
    """A rewrite of a whole literal (``password = "..."``, ``pw = ("ab" "cd")``)."""
    if not literal.tokens or any(t.is_fstring for t in literal.tokens):
        return None
    return Rewrite(literal, literal.tokens[0], literal.start, literal.end)


def lookup(env: str, *, is_bytes: bool = False, template: str | None = None) -> str:
    """The expression reading ``env`` (a safe identifier) from the environment."""
    expr = f'os.environ["{env}"]'
    if template == "%":
        expr += '.replace("%", "%%")'
    elif template == "{}":
        expr += '.replace("{", "{{").replace("}", "}}")'
    return expr + (".encode()" if is_bytes else "")


def replacement(source: str, rw: Rewrite, env: str) -> tuple[int, int, str] | None:
    """``(start, end, new_text)`` replacing the secret of ``rw`` by a lookup of ``env``.

    None when no valid rewrite exists (the secret splits an escape sequence).
    """
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", env):
        return None
    token, literal = rw.token, rw.literal
    if (rw.start, rw.end) == (literal.start, literal.end):
        return literal.start, literal.end, lookup(env, is_bytes=token.is_bytes)
    left = source[token.body_start : rw.start]
    right = source[rw.end : token.body_end]
    if _odd_backslashes(left) or _odd_backslashes(source[rw.start : rw.end]):
        return None  # the cut would fall inside an escape sequence
    if token.is_fstring:
        quote = "'" if token.quote[0] == '"' else '"'
        return rw.start, rw.end, "{os.environ[" + quote + env + quote + "]}"
    expr = lookup(env, is_bytes=token.is_bytes, template=literal.template)
    if not left and not right and len(literal.tokens) == 1:
        return literal.start, literal.end, expr
    pieces: list[str] = []
    for other in literal.tokens:
        if other is not token:
            pieces.append(source[other.start : other.end])
            continue
        opening = source[token.start : token.body_start]
        if left:
            pieces.append(opening + left + token.quote)
        pieces.append(expr)
        if right:
            pieces.append(opening + right + token.quote)
    return literal.start, literal.end, "(" + " + ".join(pieces) + ")"


def apply(source: str, rw: Rewrite, env: str) -> str | None:
    """``source`` with the secret of ``rw`` read from ``env``, or None if impossible."""
    found = replacement(source, rw, env)
    if found is None:
        return None
    start, end, text = found
    return source[:start] + text + source[end:]


def _odd_backslashes(text: str) -> bool:
    return (len(text) - len(text.rstrip("\\"))) % 2 == 1
