"""What a rule is: a frozen spec, a pure ``check`` function, and its documentation."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from .diagnostic import Category, Diagnostic, Severity

if TYPE_CHECKING:
    from .context import LintContext

#: The sections every rule's documentation has, in this order.
DOC_SECTIONS = (
    "What it does",
    "Why is this bad?",
    "Example",
    "Use instead",
    "What export does",
)

CODE_PATTERN = re.compile(r"^NBP\d{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")


@dataclass(frozen=True)
class RuleSpec:
    """The identity of a rule. Codes are never reused; a retired rule keeps its code."""

    code: str
    name: str
    category: Category
    severity: Severity
    #: "none", "safe" or "unsafe": whether the rule offers a fix and if it needs review.
    fix: str = "none"
    since: str = "0.1.0"
    removed: bool = False


Check = Callable[["LintContext"], Iterator[Diagnostic]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: its spec, its check, and its Markdown documentation."""

    spec: RuleSpec
    check: Check
    doc: str

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        return cls(module.SPEC, module.check, _dedent(module.__doc__ or ""))

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def summary(self) -> str:
        """The first sentence of *What it does*."""
        section = self.section("What it does")
        return section.split("\n\n")[0].replace("\n", " ").strip()

    def section(self, title: str) -> str:
        """The text of one ``## title`` section of the documentation ('' if absent)."""
        pattern = re.compile(
            rf"^## {re.escape(title)}\s*$\n(.*?)(?=^## |\Z)", re.S | re.M
        )
        match = pattern.search(self.doc)
        return match.group(1).strip() if match else ""

    def to_json(self, *, doc: bool = False) -> dict[str, object]:
        """The rule as ``nbprod rules --format json`` and ``GET /nbprod/rules`` list it;
        with ``doc``, also its Markdown documentation (``GET /nbprod/rules/CODE``)."""
        data: dict[str, object] = {
            "code": self.code,
            "name": self.name,
            "category": self.spec.category.value,
            "severity": self.spec.severity.value,
            "fix": self.spec.fix,
            "summary": self.summary,
        }
        if doc:
            data["since"] = self.spec.since
            data["doc"] = self.doc
        return data

    def missing_sections(self) -> list[str]:
        return [title for title in DOC_SECTIONS if not self.section(title)]


def _dedent(text: str) -> str:
    import inspect

    return inspect.cleandoc(text)
