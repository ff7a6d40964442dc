"""
## What it does
Flags `pickle.dump`, `dill.dump` and `cloudpickle.dump` (and `pandas.to_pickle`) writing
to a file on local disk: a literal path, a variable holding one, or a handle from
`open(...)`. Writes to `s3://`-style URLs, in-memory buffers, temporary files, and files
later logged with MLflow or uploaded are not flagged.

## Why is this bad?
A pickle in the working directory is not a product anyone can find, version or roll back:
the next run overwrites it, a deployment cannot fetch it, and nothing records which code
and data produced it. Pickles are also tied to the exact library versions that wrote them
and execute code when loaded, so an unversioned one is both fragile and a risk.

## Example
```python
with open("model.pkl", "wb") as f:
    pickle.dump(model, f)
```

## Use instead
Log the model to a registry (`mlflow.sklearn.log_model(model, "model")`) or write it to a
declared pipeline product whose location comes from a parameter.

## What export does
Turns the write into a registry step: the exported pipeline logs the model to MLflow with
its signature and registers a version, and declares other outputs as pipeline products.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._writes import dumped_object, writes_of

SPEC = RuleSpec(
    code="NBP080",
    name="pickle-to-local-file",
    category=Category.LOCAL_ARTIFACT,
    severity=Severity.WARNING,
)

APIS = ("pickle.dump", "dill.dump", "cloudpickle.dump", "pandas.to_pickle")


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for write in writes_of(ctx.analysis).local(APIS):
        site = write.site
        obj = dumped_object(site)
        what = f"`{obj}`" if obj else "an object"
        yield ctx.at_node(
            SPEC,
            site.call.cell,
            site.call.node,
            f"`{site.api}` writes {what} to {write.shown}; export turns this "
            "write into a registry step or a declared pipeline product",
        )
