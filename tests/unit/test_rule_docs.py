"""Every rule is well-formed: code, name, one category, severity, and the five doc sections."""

from __future__ import annotations

import pytest
from nbprod.lint.diagnostic import Category, Severity
from nbprod.lint.registry import all_rules
from nbprod.lint.rule import CODE_PATTERN, DOC_SECTIONS, NAME_PATTERN

RULES = all_rules()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_well_formed(rule) -> None:  # type: ignore[no-untyped-def]
    assert CODE_PATTERN.match(rule.code), rule.code
    assert NAME_PATTERN.match(rule.name), rule.name
    assert isinstance(rule.spec.category, Category)
    assert isinstance(rule.spec.severity, Severity)
    assert rule.spec.fix in ("none", "safe", "unsafe")
    assert not rule.missing_sections(), f"{rule.code} lacks {rule.missing_sections()}"
    positions = [rule.doc.index(f"## {title}") for title in DOC_SECTIONS]
    assert positions == sorted(positions), "sections out of order"


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_code_block_matches_category() -> None:
    blocks = {category: index for index, category in enumerate(Category)}
    for rule in RULES:
        assert int(rule.code[3:]) // 10 == blocks[rule.spec.category], rule.code


def test_every_category_has_a_rule_and_there_are_at_least_30() -> None:
    assert {r.spec.category for r in RULES} == set(Category)
    assert len([r for r in RULES if not r.spec.removed]) >= 30


def test_docs_rules_md_is_generated_from_the_rules() -> None:
    from pathlib import Path

    from nbprod.lint.docs import rules_markdown
    from nbprod.lint.registry import active_rules

    committed = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    expected = rules_markdown(active_rules())
    assert (
        committed.read_text(encoding="utf-8") == expected
    ), "docs/rules.md is stale: run `nbprod rules --format markdown > docs/rules.md`"
