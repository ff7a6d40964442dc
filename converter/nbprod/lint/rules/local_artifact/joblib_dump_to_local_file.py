"""
## What it does
Flags `joblib.dump(obj, path)` writing to a file on local disk: a literal path, a variable
holding one, or a handle from `open(...)`. Writes to `s3://`-style URLs, in-memory
buffers, temporary files, and files later logged with MLflow or uploaded are not flagged.

## Why is this bad?
`joblib.dump("model.joblib")` is how most scikit-learn models leave a notebook, and the
file it leaves behind has no version, no record of the code and data that produced it, and
no way for a deployment to find it. The next run overwrites it silently.

## Example
```python
joblib.dump(pipeline, "model.joblib")
```

## Use instead
Log the model with `mlflow.sklearn.log_model(pipeline, "model")` and register it, or
write it to a declared pipeline product whose location comes from a parameter.

## What export does
Turns the write into a registry step: the exported pipeline logs the model to MLflow with
its signature and input example and registers a version.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._writes import dumped_object, writes_of

SPEC = RuleSpec(
    code="NBP081",
    name="joblib-dump-to-local-file",
    category=Category.LOCAL_ARTIFACT,
    severity=Severity.WARNING,
)

APIS = ("joblib.dump",)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for write in writes_of(ctx.analysis).local(APIS):
        site = write.site
        obj = dumped_object(site)
        what = f"`{obj}`" if obj else "an object"
        yield ctx.at_node(
            SPEC,
            site.call.cell,
            site.call.node,
            f"`joblib.dump` writes {what} to {write.shown}; export turns this "
            "write into a registry step (log or register the model instead)",
        )
