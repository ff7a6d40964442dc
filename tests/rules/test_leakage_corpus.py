"""The labelled data-leakage corpus (``tests/data/leakage``): precision and recall per
kind of leak.

Each case is a small notebook written as ``# %%`` cells (the shared imports of
``header.py`` come first), labelled in ``manifest.json`` with its kind (``preprocessing``,
``overlap``, ``multi-test``, after Yang et al., ASE 2022) and the codes it must get (none:
correct code). A leaky case counts as found when it gets every code it expects; any other
data-leakage code on a case is a false positive. Recall must reach 0.9 on each kind, and
correct code (split first, fit on train, transform both; pipelines inside
cross-validation) must get no finding at all. Run with ``-s`` to see the figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbprod.lint.api import lint
from nbprod.lint.config import Config
from nbprod.lint.diagnostic import Category
from nbprod.lint.registry import active_rules

from tests.helpers import fixture_notebook

CORPUS = Path(__file__).resolve().parents[1] / "data" / "leakage"
CODES = sorted(
    r.code for r in active_rules() if r.spec.category is Category.DATA_LEAKAGE
)
KINDS = ("preprocessing", "overlap", "multi-test")


def _notebook(case: str, header: str) -> nbformat.NotebookNode:
    text = "# %%\n" + header + (CORPUS / case).read_text(encoding="utf-8")
    data, _ = fixture_notebook(text)
    return nbformat.from_dict(data)


def _run() -> tuple[dict[str, dict[str, int]], list[str], int]:
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    header = (CORPUS / manifest["header"]).read_text(encoding="utf-8")
    tally = {kind: {"tp": 0, "fn": 0, "fp": 0, "cases": 0} for kind in KINDS}
    mistakes: list[str] = []
    clean_flagged = 0
    for entry in manifest["cases"]:
        findings = lint(
            _notebook(entry["case"], header),
            path=entry["case"],
            select=CODES,
            config=Config(),
        )
        got = {d.code for d in findings}
        expected = set(entry["codes"])
        counts = tally[entry["kind"]]
        counts["cases"] += 1
        if expected:
            counts["tp" if expected <= got else "fn"] += 1
        if got - expected:
            counts["fp"] += 1
            clean_flagged += not expected
        if got != expected:
            mistakes.append(
                f"{entry['case']}: expected {sorted(expected)}, got {sorted(got)}"
            )
    return tally, mistakes, clean_flagged


def test_leakage_corpus_recall_per_kind_and_silence_on_correct_code() -> None:
    tally, mistakes, clean_flagged = _run()
    print()
    for kind, c in tally.items():
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        print(
            f"{kind:14} cases={c['cases']:3} tp={c['tp']:3} fn={c['fn']:2} "
            f"fp={c['fp']:2} precision={precision:.3f} recall={recall:.3f}"
        )
    for mistake in mistakes:
        print("  ", mistake)
    for kind, c in tally.items():
        assert c["tp"] + c["fn"] >= 10, f"too few leaky cases of {kind}"
        assert c["cases"] - c["tp"] - c["fn"] >= 8, f"too few clean cases of {kind}"
        assert c["tp"] / (c["tp"] + c["fn"]) >= 0.9, (kind, mistakes)
        assert c["tp"] / (c["tp"] + c["fp"]) >= 0.9, (kind, mistakes)
    assert clean_flagged == 0, mistakes
