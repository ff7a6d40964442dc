"""
## What it does
Flags data frames and arrays written to a file on local disk: `df.to_csv(path)`,
`to_parquet`, `to_pickle`, `to_feather`, `to_excel`, `to_json`, `to_hdf`, `to_stata`,
`to_orc`, polars' `write_csv` / `write_parquet`, and `numpy.save` / `savez` / `savetxt` /
`arr.tofile`, with a literal path or a variable holding one. Not flagged: `s3://`-style
URLs, in-memory buffers (`io.StringIO()`), `sys.stdout`, temporary files, files later
logged with MLflow or uploaded, and `df.to_csv()` with no path, which returns a string.

## Why is this bad?
A table written next to the notebook is an undeclared output: nothing says which step
produces it, which later step (or which other notebook) reads it, or whether it is stale.
Runs overwrite each other's files, and the file never reaches where a deployment can read
it.

## Example
```python
features.to_parquet("features.parquet")
```

## Use instead
Write outputs to locations that come from parameters (`OUTPUT_DIR / "features.parquet"`)
so a pipeline can declare them as products, or to durable storage (`s3://...`).

## What export does
Turns the write into a declared pipeline product: the exported step receives its output
path from the pipeline (`pipeline.yaml` products), so outputs are tracked, versioned by
run, and passed to the steps that read them.

This rule is *info*: unlike a pickled model, a written table is usually a legitimate
output, and export turns it into a product mechanically; the finding says where outputs
are, not that something is broken.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._writes import writes_of

SPEC = RuleSpec(
    code="NBP082",
    name="dataframe-written-to-local-file",
    category=Category.LOCAL_ARTIFACT,
    severity=Severity.INFO,
)

FRAME_METHODS = (
    ".to_csv",
    ".to_parquet",
    ".to_pickle",
    ".to_feather",
    ".to_excel",
    ".to_json",
    ".to_hdf",
    ".to_stata",
    ".to_orc",
    ".write_csv",
    ".write_parquet",
)
ARRAY_APIS = (
    "numpy.save",
    "numpy.savez",
    "numpy.savez_compressed",
    "numpy.savetxt",
    ".tofile",
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for write in writes_of(ctx.analysis).local(FRAME_METHODS + ARRAY_APIS):
        site = write.site
        if site.api.startswith("."):
            written = ast.unparse(site.call.node.func)
            if len(written) > 50:
                written = f"...{site.api}"
            call = f"`{written}`"
        else:
            call = f"`{site.api}`"
        kind = "an array" if site.api in ARRAY_APIS else "a data frame"
        yield ctx.at_node(
            SPEC,
            site.call.cell,
            site.call.node,
            f"{call} writes {kind} to {write.shown}; export turns this "
            "write into a declared pipeline product",
        )
