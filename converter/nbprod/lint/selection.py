"""Turn ``select`` / ``ignore`` selectors into the set of enabled rule codes.

A selector is a rule code (``NBP021``), a code prefix (``NBP02``), a rule name
(``hardcoded-absolute-path``), a category (``secret``), or ``ALL``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import UnknownRuleError
from .rule import Rule


def resolve(selector: str, rules: Iterable[Rule]) -> set[str]:
    """The codes one selector stands for; raises :class:`UnknownRuleError` if none."""
    wanted = selector.strip()
    rules = list(rules)
    if wanted.upper() == "ALL":
        return {rule.code for rule in rules}
    codes = {
        rule.code
        for rule in rules
        if rule.code.startswith(wanted.upper())
        or rule.name == wanted.lower()
        or rule.spec.category.value == wanted.lower()
    }
    if not codes:
        raise UnknownRuleError(
            f"{selector!r} matches no rule; run `nbprod rules` to list codes, "
            "names and categories"
        )
    return codes


def enabled_codes(
    rules: Iterable[Rule],
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> frozenset[str]:
    """Codes enabled by ``select`` (default: all) minus those in ``ignore``."""
    rules = [rule for rule in rules if not rule.spec.removed]
    chosen: set[str] = set()
    if select is None:
        chosen = {rule.code for rule in rules}
    else:
        for selector in select:
            chosen |= resolve(selector, rules)
    for selector in ignore or ():
        chosen -= resolve(selector, rules)
    return frozenset(chosen)
