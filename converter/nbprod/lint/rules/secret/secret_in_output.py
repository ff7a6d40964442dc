"""
## What it does
Flags a code cell whose saved outputs contain a credential: printed tokens and keys,
`password=...` in a log line, a credentialed URL in a traceback, an API key in a JSON or
HTML output, a traceback showing a line such as
`url = f"postgresql://user:pw@{host}/db"` or `password = b"..."` (code in every string
form counts as in NBP030 and NBP033). Stream text, `text/*`, JSON and JavaScript outputs,
and error names, values and tracebacks are scanned; images, audio, video and other base64
binary data never are, nor the base64 payload of a `data:` URI inside HTML (an inline
video or image). At most 1,000,000 characters are scanned per output. Placeholders
are not flagged (see NBP030), nor, in prose, values that do not look like a credential
(`?token=dd852649` in a server log).

## Why is this bad?
Outputs are saved in the `.ipynb` file and shown by every notebook viewer: a token printed
once, by `print(os.environ)` or in an exception message, is leaked even when the source
reads it from the environment.

## Example
```python
print(os.environ)   # the saved output shows AWS_SECRET_ACCESS_KEY=...
```

## Use instead
Clear the outputs (`jupyter nbconvert --clear-output` or "Clear All Outputs"), stop
printing credentials, and revoke the leaked one.

## What export does
Export strips outputs, so the value never reaches generated files; the finding is an
error so that the notebook, which still holds it, gets cleaned.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._detect import article, scan_output

SPEC = RuleSpec(
    code="NBP031",
    name="secret-in-output",
    category=Category.SECRET,
    severity=Severity.ERROR,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for cell in ctx.notebook.cells:
        if not cell.is_code or not cell.outputs:
            continue
        kinds: dict[str, list[int]] = {}
        for number, output in enumerate(cell.outputs, start=1):
            for kind in scan_output(output):
                kinds.setdefault(kind, []).append(number)
        for kind, numbers in kinds.items():
            which = ", ".join(str(n) for n in numbers[:5])
            plural = "s" if len(numbers) > 1 else ""
            yield ctx.at_cell(
                SPEC,
                cell,
                f"saved output{plural} {which} of this cell contain{'' if plural else 's'} "
                f"{article(kind)}; clear the outputs and revoke it",
            )
