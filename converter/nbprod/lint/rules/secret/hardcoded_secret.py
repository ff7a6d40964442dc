"""
## What it does
Flags a credential written into a cell's source: AWS access keys and secret keys, GitHub,
GitLab, Slack, Stripe, OpenAI, Hugging Face, Discord bot and other API tokens, PEM private
keys, JSON Web Tokens, values bound to a credential name (`password = "..."`,
`api_key="..."`, `{"token": "..."}`, a 40-character hex `secret_access_key`), and
random-looking strings bound to a key-ish name or standing alone. Markdown and raw cells
are scanned too. URLs with a password are NBP033.

Every Python string form counts: the literal parts of f-strings (`password = f"pw{n}"`),
`+` and implicit concatenation, `%` and `.format` templates and their literal arguments,
bytes (`b"..."`), dict literals and keyword arguments. A part of a value composed at run
time is flagged when it looks like a credential on its own (8+ characters, letters and a
digit or symbol, not words joined by `_`: `base + "_suffix_v2"` is a name).

Not flagged, on purpose: placeholders. Values that are only template or environment
references (`"${DB_PASSWORD}"`, `"{{ key }}"`, `"{password}"`, `"%(pw)s"`, `"$TOKEN"`),
masks and fillers (`"xxxx"`, `"****"`, `"ZZZZZZZZ"`, one or two distinct characters, a
short unit repeated three times or more such as `"abcd1234abcd1234abcd1234"`, runs of
consecutive characters such as `"abcd1234"`), `"<your-key>"`, `"YOUR_API_KEY_HERE"`,
words such as `"changeme"`, paths, environment variable names, and lookups
(`os.environ[...]`, `getpass`). A real password that merely holds `$` or braces
(`"$uperS3cret"`, `"{Tr0ub4dor}"`) is flagged. Hex digests, UUIDs and strings compared
with a hash or bound to a hash-like name (`commit`, `revision`, `sha256`) are not
flagged.

## Why is this bad?
A notebook gets shared, committed and rendered on the web with everything in it. A key in
a cell is a leaked key: anyone who reads the notebook can use it, and it stays in the git
history after the cell is edited. A production pipeline also needs a different credential
per environment, which a literal cannot give.

## Example
```python
import boto3
s3 = boto3.client("s3", aws_secret_access_key="f00dCafe...")
password = "hunter2"
```

## Use instead
```python
import os
s3 = boto3.client("s3", aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"])
password = os.environ["PASSWORD"]
```
Then revoke the leaked credential: removing it from the notebook does not remove it from
copies and history. The quick fix (unsafe: the variable must then be set) replaces the
literal by `os.environ["NAME"]`, NAME taken from the variable, and adds `import os`. In a
composed string it replaces only the secret: `f"token {os.environ['GITHUB_TOKEN']}"`,
`os.environ["PASSWORD"] + suffix`, `os.environ["PASSWORD"].encode()` for bytes.

## What export does
Export does not stop on this finding: it moves every secret of the exported cells to an
environment lookup, in whatever string form (also when the finding is suppressed with
`# noqa`), and lists the variable in the package README and `.env.example`. A secret it
cannot rewrite (split over several literals, in a `match` pattern, in a comment or a
`%%writefile` body, in a cell that does not parse) stops the export with the cell. A last check scans every generated
file with this detection and refuses any secret from the notebook. Detection uses
detect-secrets' patterns in-process (no verification, no network); sources are scanned
up to 1,000,000 characters per cell.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...context import LintContext
from ...diagnostic import Applicability, Category, Diagnostic, Edit, Fix, Severity
from ...rule import RuleSpec
from ._detect import CREDENTIALED_URL, SecretMatch, _Lines, scan_source, scan_text
from ._rewrite import replacement

SPEC = RuleSpec(
    code="NBP030",
    name="hardcoded-secret",
    category=Category.SECRET,
    severity=Severity.ERROR,
    fix="unsafe",
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    by_index = {ca.index: ca for ca in ctx.analysis.cells}
    os_from = _first_os_import(ctx)
    for cell in ctx.notebook.cells:
        ca = by_index.get(cell.index)
        if ca is not None:
            parsed = ca.parsed
            matches = scan_source(
                cell.source, parsed.tree, parsed.python, parsed.line_map
            )
        else:
            matches = scan_text(cell.source)
        for match in matches:
            if match.kind == CREDENTIALED_URL:
                continue
            where = f" for `{match.target}`" if match.target else ""
            fix = None
            if ca is not None and match.rewrite is not None:
                needs_import = os_from is None or os_from > cell.index
                fix = _fix(cell.index, cell.id, cell.source, match, needs_import)
            yield ctx.at_range(
                SPEC,
                cell,
                match.span,
                f"hardcoded {match.kind}{where}; read it from the environment or a secret "
                "store, and revoke it",
                fix,
            )


def _first_os_import(ctx: LintContext) -> int | None:
    for ca in ctx.analysis.cells:
        if any(rec.bound_as == "os" and rec.top_level == "os" for rec in ca.imports):
            return ca.index
    return None


def _fix(
    index: int, cell_id: str | None, source: str, match: SecretMatch, needs_import: bool
) -> Fix | None:
    """Read the secret from ``os.environ["NAME"]``; the value is in no edit.

    A whole literal becomes the lookup; a part of an f-string, a concatenation or a
    template is replaced alone (:mod:`._rewrite`), so the code keeps its shape.
    """
    found = replacement(source, match.rewrite, match.env_name)
    if found is None:
        return None
    start, end, text = found
    line, column, end_line, end_column = _Lines(source).span(start, end)
    edits = [Edit("replace", index, cell_id, line, column, end_line, end_column, text)]
    if needs_import:
        # After a leading cell magic line (``%%time``), whose body is the Python.
        at = 2 if source.startswith("%%") else 1
        if (line, column) <= (at, 1):
            return None
        edits.insert(0, Edit("replace", index, cell_id, at, 1, at, 1, "import os\n"))
    return Fix(
        f'Read it from os.environ["{match.env_name}"]',
        tuple(edits),
        Applicability.UNSAFE,
    )
