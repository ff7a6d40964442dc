"""The explicit list of rules. A rule exists because it is listed here, not because a
module was imported; codes are never reused (a retired rule stays, marked removed)."""

from __future__ import annotations

from functools import cache

from .rule import Rule


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, sorted by code (removed rules included)."""
    from .rules import (
        data_leakage,
        demo_output,
        demo_subset,
        dependency,
        execution_order,
        hardcoded_path,
        hidden_state,
        interactive,
        local_artifact,
        missing_parameters,
        network_fetch,
        secret,
        shell_install,
        silenced_warnings,
        unseeded_randomness,
    )

    modules = (
        *execution_order.MODULES,
        *hidden_state.MODULES,
        *hardcoded_path.MODULES,
        *secret.MODULES,
        *shell_install.MODULES,
        *missing_parameters.MODULES,
        *unseeded_randomness.MODULES,
        *data_leakage.MODULES,
        *local_artifact.MODULES,
        *interactive.MODULES,
        *demo_output.MODULES,
        *demo_subset.MODULES,
        *dependency.MODULES,
        *silenced_warnings.MODULES,
        *network_fetch.MODULES,
    )
    rules = tuple(sorted((Rule.from_module(m) for m in modules), key=lambda r: r.code))
    codes = [rule.code for rule in rules]
    if len(set(codes)) != len(codes):
        raise RuntimeError(f"duplicate rule codes in the registry: {codes}")
    return rules


def active_rules() -> tuple[Rule, ...]:
    return tuple(rule for rule in all_rules() if not rule.spec.removed)


def get_rule(code_or_name: str) -> Rule | None:
    """Look a rule up by code (``NBP001``) or name (``non-monotonic-execution``)."""
    wanted = code_or_name.strip()
    for rule in all_rules():
        if rule.code == wanted.upper() or rule.name == wanted.lower():
            return rule
    return None
