"""Python string expressions as text with holes, mapped to exact source offsets.

A secret is not always one plain literal: ``f"postgresql://user:pw@{host}/{db}"``,
``"postgresql://user:pw@" + host``, ``"...:pw@%s" % host``, ``"...:pw@{}".format(host)``,
``b"pw"``, ``"pw" "more"``. This module turns such an expression into *segments*: the
literal runs, each with the offsets of its text in the cell source, and *holes* where a
value is only known at run time (an f-string field, a non-literal operand, a ``%s`` or
``{}`` field). Literal arguments of ``%`` and ``.format`` fill their fields. Detection
(:mod:`._forms`) scans the joined text; a rewrite (:mod:`._rewrite`) replaces the exact
source of a literal run.

Why a small hand-written lexer: the positions of an f-string's literal parts are not in
the ``ast`` of Python 3.11 (they carry the whole f-string's span), and ``tokenize`` splits
f-strings differently from 3.12 on. The lexer only walks string tokens that ``ast`` has
already accepted, so it never has to report syntax errors.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass

#: A prefix and opening quote of one string token.
_OPEN = re.compile(r"([rRbBuUfF]{0,2})('''|\"\"\"|'|\")")
#: A ``%`` conversion of printf-style formatting (``%s``, ``%(name)s``, ``%-5.2f``) or ``%%``.
PERCENT_FIELD = re.compile(
    r"%%|%(?:\((?P<key>[^)]{0,100})\))?[-#0 +]*(?:\*|\d{1,5})?(?:\.(?:\*|\d{1,5}))?"
    r"[hlL]?[diouxXeEfFgGcrsab]"
)
#: A ``str.format`` field (``{}``, ``{0}``, ``{name!r:>10}``) or an escaped brace.
FORMAT_FIELD = re.compile(r"\{\{|\}\}|\{(?P<key>[^{}!:]{0,100})(?:[!:][^{}]{0,100})?\}")

#: Caps: string tokens per expression, segments per expression.
MAX_TOKENS = 200
MAX_SEGMENTS = 2_000


@dataclass(frozen=True)
class Token:
    """One string token of the source: ``rb'...'``, ``f\"\"\"...\"\"\"``."""

    start: int
    end: int
    prefix: str  # lower-cased: "", "b", "rb", "f", "rf", "u"...
    quote: str
    body_start: int
    body_end: int
    #: Offsets of the literal runs of the body (the whole body unless an f-string).
    runs: tuple[tuple[int, int], ...]

    @property
    def is_bytes(self) -> bool:
        return "b" in self.prefix

    @property
    def is_fstring(self) -> bool:
        return "f" in self.prefix


@dataclass(frozen=True)
class Literal:
    """A literal string node: its offsets and its tokens (several if implicitly joined)."""

    start: int
    end: int
    tokens: tuple[Token, ...]
    #: ``"%"`` or ``"{}"`` when this literal is a format template, else None.
    template: str | None = None


@dataclass(frozen=True)
class Segment:
    """A run of literal text at ``[start, end)`` of the source, or a hole (``literal`` None)."""

    start: int = -1
    end: int = -1
    literal: Literal | None = None
    token: Token | None = None

    @property
    def is_hole(self) -> bool:
        return self.literal is None


HOLE = Segment()


def lex(text: str, start: int, end: int) -> tuple[Token, ...] | None:
    """The string tokens of ``text[start:end]`` (one string node), or None if unsure."""
    tokens: list[Token] = []
    position = start
    while position < end and len(tokens) < MAX_TOKENS:
        position = _skip_blank(text, position, end)
        if position >= end:
            break
        token = _token(text, position, end)
        if token is None:
            return None
        tokens.append(token)
        position = token.end
    return tuple(tokens) if tokens and position >= end else None


def _skip_blank(text: str, position: int, end: int) -> int:
    while position < end:
        char = text[position]
        if char in " \t\r\n\f":
            position += 1
        elif char == "\\" and text[position + 1 : position + 2] in ("\n", "\r"):
            position += 2
        elif char == "#":
            newline = text.find("\n", position, end)
            position = end if newline < 0 else newline + 1
        else:
            break
    return position


def _token(text: str, position: int, end: int) -> Token | None:
    opening = _OPEN.match(text, position)
    if opening is None:
        return None
    prefix, quote = opening.group(1).lower(), opening.group(2)
    body_start = opening.end()
    if "f" in prefix:
        scanned = _fstring_body(text, body_start, end, quote)
        if scanned is None:
            return None
        body_end, runs = scanned
    else:
        plain_end = _plain_body(text, body_start, end, quote)
        if plain_end is None:
            return None
        body_end = plain_end
        runs = ((body_start, body_end),) if body_end > body_start else ()
    return Token(
        position, body_end + len(quote), prefix, quote, body_start, body_end, runs
    )


def _plain_body(text: str, position: int, end: int, quote: str) -> int | None:
    while position < end:
        if text[position] == "\\":
            position += 2
        elif text.startswith(quote, position):
            return position
        else:
            position += 1
    return None


def _fstring_body(
    text: str, position: int, end: int, quote: str
) -> tuple[int, tuple[tuple[int, int], ...]] | None:
    """The end of an f-string body and its literal runs (fields and ``{{`` excluded)."""
    runs: list[tuple[int, int]] = []
    run_start = position
    while position < end:
        char = text[position]
        if char == "\\":
            position += 2
        elif text.startswith(quote, position):
            if position > run_start:
                runs.append((run_start, position))
            return position, tuple(runs)
        elif char == "{" and text[position + 1 : position + 2] == "{":
            position += 2  # an escaped brace stays in the run
        elif char == "{":
            if position > run_start:
                runs.append((run_start, position))
            field_end = _field_end(text, position + 1, end)
            if field_end is None:
                return None
            position = run_start = field_end
        else:
            position += 1
    return None


def _field_end(text: str, position: int, end: int) -> int | None:
    """The offset after the ``}`` closing an f-string field that starts at ``position``."""
    depth = 0
    while position < end:
        char = text[position]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                return position + 1 if char == "}" else None
            depth -= 1
        elif char in "'\"" or (char.isalpha() and _OPEN.match(text, position)):
            nested = _OPEN.match(text, position)
            if nested is not None and nested.group(2)[0] in "'\"":
                token = _token(text, position, end)
                if token is not None:
                    position = token.end
                    continue
        position += 1
    return None


# ------------------------------------------------------------------ expressions


def is_stringish(node: ast.AST) -> bool:
    """Whether ``node`` evaluates to a string built from literals (wholly or partly)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str | bytes)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, ast.Add):
            return is_stringish(node.left) or is_stringish(node.right)
        if isinstance(node.op, ast.Mod):
            return _is_literal(node.left)
    return bool(isinstance(node, ast.Call) and _format_receiver(node) is not None)


def _is_literal(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str | bytes)
    )


def _format_receiver(node: ast.Call) -> ast.AST | None:
    func = node.func
    if (
        isinstance(func, ast.Attribute)
        and func.attr == "format"
        and _is_literal(func.value)
    ):
        return func.value
    return None


def is_part(node: ast.AST, parent: ast.AST | None) -> bool:
    """Whether ``parent`` renders ``node`` as a direct part of one string expression."""
    if isinstance(parent, ast.JoinedStr | ast.FormattedValue):
        return True  # an f-string's own parts (and format specs) are lexed with it
    if isinstance(parent, ast.BinOp) and is_stringish(parent):
        return node is parent.left or isinstance(parent.op, ast.Add)
    return bool(isinstance(parent, ast.Attribute) and parent.attr == "format")


#: Offsets of a node in the scanned text, or None when it cannot be placed exactly.
Locate = Callable[[ast.AST], tuple[int, int] | None]


def segments(node: ast.AST, text: str, locate: Locate) -> list[Segment]:
    """The literal runs and holes of a string expression, in order."""
    found: list[Segment] = []
    _render(node, text, locate, found, None, 0)
    return found[:MAX_SEGMENTS]


def _render(
    node: ast.AST,
    text: str,
    locate: Locate,
    out: list[Segment],
    template: str | None,
    depth: int,
) -> None:
    if depth > 50 or len(out) > MAX_SEGMENTS:
        out.append(HOLE)
        return
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        _render(node.left, text, locate, out, None, depth + 1)
        _render(node.right, text, locate, out, None, depth + 1)
        return
    if (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Mod)
        and _is_literal(node.left)
    ):
        args = _percent_args(node.right)
        _render_template(node.left, "%", args, text, locate, out)
        return
    if isinstance(node, ast.Call):
        receiver = _format_receiver(node)
        if receiver is not None:
            args = _format_args(node)
            _render_template(receiver, "{}", args, text, locate, out)
            return
    literal = _literal(node, text, locate, template)
    if literal is None:
        out.append(HOLE)
        return
    for token in literal.tokens:
        last = token.body_start
        for run_start, run_end in token.runs:
            if run_start > last and token.is_fstring:
                out.append(HOLE)  # the field between two runs
            out.append(Segment(run_start, run_end, literal, token))
            last = run_end
        if token.is_fstring and last < token.body_end:
            out.append(HOLE)


def _literal(
    node: ast.AST, text: str, locate: Locate, template: str | None
) -> Literal | None:
    if not _is_literal(node):
        return None
    where = locate(node)
    if where is None:
        return None
    tokens = lex(text, *where)
    if tokens is None:
        return None
    return Literal(where[0], where[1], tokens, template)


_Args = tuple[list[ast.AST], dict[str, ast.AST]]


def _percent_args(node: ast.AST) -> _Args:
    if isinstance(node, ast.Tuple):
        return list(node.elts), {}
    if isinstance(node, ast.Dict):
        named: dict[str, ast.AST] = {
            k.value: v
            for k, v in zip(node.keys, node.values, strict=False)
            if isinstance(k, ast.Constant) and isinstance(k.value, str)
        }
        return [], named
    return [node], {}


def _format_args(node: ast.Call) -> _Args:
    return list(node.args), {k.arg: k.value for k in node.keywords if k.arg}


def _render_template(
    node: ast.AST,
    kind: str,
    args: _Args,
    text: str,
    locate: Locate,
    out: list[Segment],
) -> None:
    """A ``%`` or ``.format`` template: its runs split at fields; literal args fill them."""
    literal = _literal(node, text, locate, kind)
    if literal is None:
        out.append(HOLE)
        return
    positional, named = args
    fields = PERCENT_FIELD if kind == "%" else FORMAT_FIELD
    counter = 0
    for token in literal.tokens:
        last = token.body_start
        for run_start, run_end in token.runs:
            if run_start > last and token.is_fstring:
                out.append(HOLE)
            position = run_start
            for field in fields.finditer(text, run_start, run_end):
                if field.group(0) in ("%%", "{{", "}}"):
                    continue  # an escaped character stays literal
                if field.start() > position:
                    out.append(Segment(position, field.start(), literal, token))
                key = field.group("key")
                if key:
                    arg = named.get(key)
                    if arg is None and key.isdigit() and int(key) < len(positional):
                        arg = positional[int(key)]
                else:
                    arg = positional[counter] if counter < len(positional) else None
                    counter += 1
                if arg is None:
                    out.append(HOLE)
                else:
                    _render(arg, text, locate, out, None, 1)
                position = field.end()
            if run_end > position:
                out.append(Segment(position, run_end, literal, token))
            last = run_end
