"""findings.schema.json describes exactly what Diagnostic.to_json and the server send."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import nbprod
import pytest
from nbprod.lint.diagnostic import Category, Diagnostic, Edit, Fix, Severity

SCHEMA = json.loads(
    (Path(nbprod.__file__).parent / "lint" / "findings.schema.json").read_text("utf-8")
)


def definition(name: str) -> dict:
    return {**SCHEMA, "$ref": f"#/definitions/{name}"}


def test_schema_is_valid():
    jsonschema.Draft7Validator.check_schema(SCHEMA)


def test_a_finding_with_a_fix_validates_and_has_exactly_the_schema_keys():
    fix = Fix("m", (Edit("replace", 0, "c", 1, 1, 1, 2, "x"), Edit("insert_cell", 0)))
    finding = Diagnostic(
        "n.ipynb",
        0,
        1,
        1,
        "NBP062",
        1,
        2,
        "name",
        Category.SECRET,
        Severity.ERROR,
        "msg",
        "c",
        fix,
    ).to_json()
    jsonschema.validate([finding], SCHEMA)
    assert set(finding) == set(SCHEMA["definitions"]["Finding"]["properties"])
    assert set(finding["fix"]["edits"][0]) == set(
        SCHEMA["definitions"]["Edit"]["properties"]
    )


def test_vocabularies_match_the_python_enums():
    assert SCHEMA["definitions"]["Category"]["enum"] == [c.value for c in Category]
    assert SCHEMA["definitions"]["Severity"]["enum"] == [s.value for s in Severity]


def test_notebook_level_findings_validate():
    finding = Diagnostic("n.ipynb", None, None, None, "NBP050").to_json()
    jsonschema.validate([finding], SCHEMA)


def test_schema_rejects_drift():
    finding = Diagnostic("n.ipynb", 0, 1, 1, "NBP001").to_json()
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{**finding, "extra": 1}], SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{**finding, "severity": "fatal"}], SCHEMA)


def test_rule_listing_validates():
    from nbprod.lint.registry import active_rules

    for rule in active_rules():
        jsonschema.validate(rule.to_json(doc=True), definition("RuleSummary"))


def test_real_lint_output_validates():
    nb = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {
                "cell_type": "code",
                "id": "a",
                "metadata": {},
                "execution_count": 2,
                "outputs": [],
                "source": "x = 1",
            },
            {
                "cell_type": "code",
                "id": "b",
                "metadata": {},
                "execution_count": 1,
                "outputs": [],
                "source": "!pip install pandas\nimport random\nrandom.shuffle([])",
            },
        ],
    }
    findings = [d.to_json() for d in nbprod.lint(nb)]
    assert findings
    jsonschema.validate(findings, SCHEMA)


def test_a_lint_reply_with_a_rule_crash_validates_with_exactly_the_schema_keys():
    from nbprod.lint.diagnostic import RuleCrash

    crash = RuleCrash("n.ipynb", "NBP052", "hardcoded-data-path", "IndexError")
    finding = Diagnostic("n.ipynb", 0, 1, 1, "NBP001").to_json()
    reply = {"findings": [finding], "crashes": [crash.to_json()]}
    jsonschema.validate(reply, definition("LintReply"))
    assert set(crash.to_json()) == set(SCHEMA["definitions"]["RuleCrash"]["properties"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"findings": [finding]}, definition("LintReply"))
