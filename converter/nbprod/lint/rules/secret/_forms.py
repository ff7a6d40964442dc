"""Secrets in Python string expressions that are not one plain literal.

Finds, in f-strings, ``+`` concatenations, ``%`` and ``.format`` templates and bytes
literals (see :mod:`._strings`):

- a password written in a URL whose other parts are filled in at run time
  (``f"postgresql://user:pw@{host}/{db}"``, ``"mysql://root:pw@" + host``);
- a literal part of a value bound to a credential name (``password = f"pw{n}"``,
  ``connect(password=b"pw")``, ``{"api_key": "%s-pw" % env}``), judged as the plain
  literal case is (:func:`._names.credential_name`, placeholders skipped).

Every hit records the :class:`._rewrite.Rewrite` that moves it to the environment; a hit
whose secret spans several literal runs has none (export then refuses the cell).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import _detect, _names
from ._rewrite import Rewrite
from ._strings import Locate, Segment, segments

#: The character standing for a hole when the segments are joined for regex scans.
HOLE_CHAR = "\x00"
#: A stand-in for a hole where a URL's host must be (``@{host}``): a valid host name.
HOST_STAND_IN = "h"

#: Characters trimmed from a literal run before it is judged or rewritten: separators
#: around a secret (``f"{user}:pw"``) are structure, not part of it.
_SEPARATORS = " \t:;,=@/"

_DB_SCHEMES = re.compile(r"(?i)^[a-z][a-z0-9]*")


@dataclass(frozen=True)
class Rendered:
    """A string expression as joined text, with each character's source offset."""

    node: ast.AST
    text: str
    offsets: tuple[int, ...]  # -1 for a hole
    segments: tuple[Segment, ...]

    def source_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Source offsets of ``text[start:end]`` when it lies in one literal run."""
        if start >= end or -1 in self.offsets[start:end]:
            return None
        first, last = self.offsets[start], self.offsets[end - 1]
        if last - first != end - 1 - start:
            return None  # across two runs
        return first, last + 1


def render(node: ast.AST, text: str, locate: Locate) -> Rendered:
    """Join the segments of a string expression, a hole as :data:`HOLE_CHAR`."""
    segs = segments(node, text, locate)
    chars: list[str] = []
    offsets: list[int] = []
    for seg in segs:
        if seg.is_hole:
            chars.append(HOLE_CHAR)
            offsets.append(-1)
        else:
            chars.append(text[seg.start : seg.end])
            offsets.extend(range(seg.start, seg.end))
    return Rendered(node, "".join(chars), tuple(offsets), tuple(segs))


def rewrite_at(rendered: Rendered, start: int, end: int) -> Rewrite | None:
    """The rewrite of source offsets ``[start, end)`` inside one run of ``rendered``."""
    for seg in rendered.segments:
        if seg.literal is None or seg.token is None:
            continue
        if seg.start <= start and end <= seg.end:
            return Rewrite(seg.literal, seg.token, start, end)
    return None


def hits(
    rendered: Rendered, target: str | None, is_plain: bool
) -> Iterator[_detect._Hit]:
    """Secrets of one string expression. ``is_plain``: a single one-token str literal,
    which :func:`._detect.scan_source` already judges."""
    if not is_plain:
        yield from _url_hits(rendered)
        if target is not None:
            hit = _bound_hit(rendered, target)
            if hit is not None:
                yield hit


def _url_hits(rendered: Rendered) -> Iterator[_detect._Hit]:
    text = rendered.text
    if "://" not in text or HOLE_CHAR not in text:
        return  # a URL with no hole is a plain literal: the text scan sees it
    # A hole right after "@" is the host: give the regex a host to match.
    scan = re.sub("@" + HOLE_CHAR, "@" + HOST_STAND_IN, text)
    for match in _detect.CRED_URL.finditer(scan):
        user, password = match.group("user"), match.group("password")
        if HOLE_CHAR in password or _detect._url_placeholder(password):
            continue
        if HOLE_CHAR not in user and user and _detect._url_placeholder(user, True):
            continue
        span = rendered.source_span(*match.span("password"))
        if span is None:
            continue
        rw = rewrite_at(rendered, *span)
        scheme = _DB_SCHEMES.match(match.group("scheme"))
        env = (scheme.group(0).upper() if scheme else "URL") + "_PASSWORD"
        # Priority 1: wins over the text scan's hit on the same URL, which spans the
        # whole URL across fields and so has no rewrite.
        yield _detect._Hit(
            span[0], span[1], _detect.CREDENTIALED_URL, 1, env, None, None, rw
        )


def _bound_hit(rendered: Rendered, target: str) -> _detect._Hit | None:
    """The literal parts of a value bound to a credential name, judged together.

    One part: the hit is that part, with its rewrite. Several parts (``"Tr0ub" +
    "4dor&3"``): the hit spans them all and has no rewrite (export refuses the cell).
    """
    judged = _names.credential_name(target)
    if judged is None:
        return None
    strength, kind = judged
    runs = [r for r in _runs(rendered) if not _names.is_placeholder(r[3], target)]
    joined = "".join(r[2] for r in runs)
    if not runs or not _names.credential_part(joined):
        return None
    if strength != "strong" and not _detect._random_token(joined):
        return None
    env = _detect._env_name(target)
    label = _detect._label(target)
    if len(runs) == 1:
        start, end, _value, _raw = runs[0]
        span = rendered.source_span(start, end)
        if span is not None:
            rw = rewrite_at(rendered, *span)
            return _detect._Hit(span[0], span[1], kind, 3, env, label, None, rw)
    # Runs hold no holes, so their first and last characters have source offsets.
    start = min(rendered.offsets[r[0]] for r in runs)
    end = max(rendered.offsets[r[1] - 1] for r in runs) + 1
    return _detect._Hit(start, end, kind, 3, env, label)


def _runs(rendered: Rendered) -> list[tuple[int, int, str, str]]:
    """Literal runs of the joined text: ``(start, end, trimmed, raw)``; the span and
    ``trimmed`` leave out separators, ``raw`` (for judging) keeps them."""
    found = []
    for match in re.finditer(f"[^{HOLE_CHAR}]+", rendered.text):
        value = match.group(0)
        stripped = value.strip(_SEPARATORS)
        if len(stripped) < 4:
            continue
        start = match.start() + (len(value) - len(value.lstrip(_SEPARATORS)))
        found.append((start, start + len(stripped), stripped, value.strip()))
    return found
