"""
## What it does
Flags a URL with a password in it, in a cell's source: `postgresql://user:pw@host/db`,
`https://user:token@github.com/org/repo.git`, `amqp://guest:secret@broker`. Placeholders
are not flagged: `${VAR}`, `{{ key }}`, `{password}` (f-strings and templates),
`<password>`, `****`, `%(password)s`, common words (`password`, `changeme`), and URLs
built from `os.environ[...]`. A password may hold `$` (valid in a URL) and is still
flagged, unless it is a `${VAR}` or `$VAR` reference.

A URL built at run time counts when its password is written literally:
`f"postgresql://user:pw@{host}/{db}"`, `"mysql://root:pw@" + host`,
`"postgresql://user:pw@%s/db" % host`, `"...:pw@{}".format(host)`, and the same with
the password passed as a literal argument (`"...//%s:%s@%s" % ("user", "pw", host)`) or
in a bytes literal. Then only the password is flagged.

## Why is this bad?
The password leaks with the notebook, to everyone who can read it and into git history,
and often into logs and error messages that print the URL. The URL also pins the pipeline
to one database and one account.

## Example
```python
engine = sqlalchemy.create_engine("postgresql://analyst:s3cr3t@db.internal:5432/sales")
```

## Use instead
```python
engine = sqlalchemy.create_engine(os.environ["DATABASE_URL"])
```
or build the URL from separately injected parts; then change the leaked password.

## What export does
Export does not stop on this finding: a URL written whole becomes `os.environ["NAME"]`,
and in a URL built at run time only the password does, so the URL keeps its shape:
`f"postgresql://user:{os.environ['POSTGRESQL_PASSWORD']}@{host}/{db}"`, or
`("postgresql://user:" + os.environ["POSTGRESQL_PASSWORD"] + "@%s/db") % host` (escaped
for `%` and `.format`). A last check scans every generated file and refuses any secret
from the notebook. Sources are scanned up to 1,000,000 characters per cell.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._detect import scan_source_urls, scan_urls

SPEC = RuleSpec(
    code="NBP033",
    name="credentialed-url",
    category=Category.SECRET,
    severity=Severity.ERROR,
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    by_index = {ca.index: ca for ca in ctx.analysis.cells}
    for cell in ctx.notebook.cells:
        if "://" not in cell.source:
            continue
        ca = by_index.get(cell.index)
        if ca is not None:
            parsed = ca.parsed
            matches = scan_source_urls(
                cell.source, parsed.tree, parsed.python, parsed.line_map
            )
        else:
            matches = scan_urls(cell.source)
        for match in matches:
            yield ctx.at_range(
                SPEC,
                cell,
                match.span,
                "URL embeds a username and password; read the URL or the password from "
                "the environment, and change the password",
            )
