"""
## What it does
Flags downloads done by shell commands: `!wget`, `!curl` with a URL, `!gdown`,
`!aria2c`, `!kaggle datasets download` / `!kaggle competitions download`,
`!huggingface-cli download`, `!gsutil cp gs://...`, `!aws s3 cp|sync s3://...`, the same
commands in `%%bash`/`%%sh`/`%%script` cells, `%sx`/`%system` and `x = !cmd`, and in
`os.system(...)` and `subprocess` calls with a literal command. An installer piped into a
shell (`curl ... | sh`) is left to the `shell-install` rules.

## Why is this bad?
Shell lines are invisible to Python tooling and do not survive export to a module; they
depend on tools installed on one machine, and the files they fetch are neither versioned
nor checked. The run works on the author's laptop and fails, or silently changes, elsewhere.

## Example
```python
!wget -q https://example.com/data/latest.zip && unzip -o latest.zip
```

## Use instead
```python
path = pooch.retrieve("https://example.com/data/2024-05-01.zip", known_hash="sha256:...")
```
or make the data a pipeline input that an orchestrator provides.

## What export does
Export turns shell lines into `subprocess` calls in the generated step (they are never run
by nbprod); the warning stays true of that step.
"""

from __future__ import annotations

import ast
import re
import shlex
from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec

SPEC = RuleSpec(
    code="NBP141",
    name="shell-download",
    category=Category.NETWORK_FETCH,
    severity=Severity.WARNING,
)

SHELL_CELL_MAGICS = frozenset({"bash", "sh", "script", "shell", "system"})
SHELL_LINE_MAGICS = frozenset({"sx", "system"})
SUBPROCESS = frozenset(
    {
        "os.system",
        "os.popen",
        "subprocess.run",
        "subprocess.call",
        "subprocess.check_call",
        "subprocess.check_output",
        "subprocess.Popen",
    }
)
SEPARATORS = re.compile(r"&&|\|\||;|\n")
URL = re.compile(r"\b(?:https?|ftp)://", re.I)
WRAPPERS = frozenset({"sudo", "time", "nohup", "env", "command", "exec", "xargs"})


def download_command(command: str) -> str | None:
    """The downloading tool a shell command line runs (``wget``, ``kaggle``...), or None."""
    for segment in SEPARATORS.split(command):
        pipeline = segment.split("|")
        if len(pipeline) > 1 and re.search(r"\b(?:ba|z)?sh\b|python", pipeline[-1]):
            continue  # ``curl ... | sh``: an installer, the shell-install rules' business
        words = _words(pipeline[0])
        while words and (words[0] in WRAPPERS or re.fullmatch(r"\w+=\S*", words[0])):
            words = words[1:]
        if not words:
            continue
        tool = words[0].rsplit("/", 1)[-1]
        rest = words[1:]
        if tool in {"wget", "gdown", "aria2c", "axel"}:
            return tool
        if tool == "curl" and any(URL.match(w) for w in rest):
            return tool
        if tool == "kaggle" and "download" in rest:
            return "kaggle " + " ".join(rest[:2])
        if tool in {"huggingface-cli", "hf"} and rest[:1] == ["download"]:
            return f"{tool} download"
        if tool == "gsutil" and any(w.startswith("gs://") for w in rest):
            return "gsutil"
        if (
            tool == "aws"
            and rest[:1] == ["s3"]
            and any(w.startswith("s3://") for w in rest)
        ):
            return "aws s3"
    return None


def _words(text: str) -> list[str]:
    try:
        return shlex.split(text, comments=True)
    except ValueError:
        return text.split()


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for ca, magic in ctx.analysis.magics:
        if magic.kind in {"shell", "getoutput"} or (
            magic.kind == "line" and magic.name in SHELL_LINE_MAGICS
        ):
            tool = download_command(magic.args)
            if tool is not None:
                yield ctx.at_node(SPEC, ca, magic.node, _message(tool))
        elif magic.kind == "cell" and magic.name in SHELL_CELL_MAGICS:
            if magic.name == "script" and not re.match(r"\s*(?:ba|z)?sh\b", magic.args):
                continue
            first = ca.span(magic.node)[0]
            for offset, line in enumerate(magic.body.splitlines(), start=1):
                tool = download_command(line)
                if tool is not None:
                    number = first + offset
                    yield ctx.at_range(
                        SPEC,
                        ca.cell,
                        (number, 1, number, len(line) + 1),
                        _message(tool),
                    )
    for site in ctx.analysis.calls:
        if site.qualname not in SUBPROCESS or not site.node.args:
            continue
        command = _literal_command(site.node.args[0])
        tool = download_command(command) if command else None
        if tool is not None:
            yield ctx.at_node(SPEC, site.cell, site.node, _message(tool))


def _literal_command(expr: ast.expr) -> str | None:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, ast.List | ast.Tuple):
        words = [e.value for e in expr.elts if isinstance(e, ast.Constant)]
        if words and all(isinstance(w, str) for w in words):
            return shlex.join(str(w) for w in words)
    return None


def _message(tool: str) -> str:
    return (
        f"`{tool}` downloads data in a shell command at run time; fetch it in Python with "
        "a pinned version and checksum, or make it a pipeline input"
    )
