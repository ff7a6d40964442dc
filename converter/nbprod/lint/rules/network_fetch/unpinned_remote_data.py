"""
## What it does
Flags data read straight from the network at run time with no pinned version or checksum
in sight: `pd.read_csv("https://...")` and other `read_*` functions on `http(s)://`,
`s3://`, `gs://`, `az://`, `hf://` URLs (literal, f-string, or a module-level name bound to
one), `urllib.request.urlretrieve`/`urlopen`, `requests.get(url).content`,
`keras.utils.get_file` without `file_hash`, `pooch.retrieve(..., known_hash=None)`,
`torch.hub.download_url_to_file` without `hash_prefix`, `seaborn.load_dataset`, and
`sklearn.datasets.fetch_openml` by name without `version`. A URL that names one version
(a 40-hex commit, `versionId=`, a DOI, a release asset, a `/1.2/` path) or a cell that
checks a hash (`hashlib`, `.hexdigest()`) is not flagged, nor are local paths. Other
`sklearn.datasets.fetch_*` loaders are not flagged: scikit-learn verifies their SHA-256.

## Why is this bad?
The file behind a URL can change or disappear. A pipeline that re-downloads it on every
run computes on different data from one run to the next, with nothing in the code to say
so, and the golden values of a reference run stop matching.

## Example
```python
df = pd.read_csv("https://example.com/exports/latest/sales.csv")
```

## Use instead
```python
url = "https://example.com/exports/2024-05-01/sales.csv"
path = pooch.retrieve(url, known_hash="sha256:9f2c...")
df = pd.read_csv(path)
```
or make the data a pipeline input (a parameter holding a versioned path).

## What export does
Exports the read unchanged; the warning stays true of the generated step. Nothing is
downloaded during lint or export.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....analysis import CallSite, CellAnalysis
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._common import (
    PINNED_URL,
    REMOTE,
    argument,
    checksum_in,
    literal_prefix,
    module_strings,
    scheme,
)

SPEC = RuleSpec(
    code="NBP140",
    name="unpinned-remote-data",
    category=Category.NETWORK_FETCH,
    severity=Severity.WARNING,
)

#: Downloaders: qualified name -> (URL position, URL keyword, hash keywords).
DOWNLOADERS: dict[str, tuple[int, str, tuple[str, ...]]] = {
    "urllib.request.urlretrieve": (0, "url", ()),
    "urllib.request.urlopen": (0, "url", ()),
    "wget.download": (0, "url", ()),
    "gdown.download": (0, "url", ("md5", "hash")),
    "fsspec.open": (0, "urlpath", ()),
    "tensorflow.keras.utils.get_file": (1, "origin", ("file_hash", "md5_hash")),
    "keras.utils.get_file": (1, "origin", ("file_hash", "md5_hash")),
    "torch.hub.download_url_to_file": (0, "url", ("hash_prefix",)),
    "torch.hub.load_state_dict_from_url": (0, "url", ("check_hash",)),
    "pooch.retrieve": (0, "url", ("known_hash",)),
}
HTTP_GETS = frozenset({"requests.get", "httpx.get", "urllib3.request"})
RESPONSE_BODY = frozenset({"content", "raw", "iter_content", "text"})
DATA_SUFFIX = (".csv", ".tsv", ".parquet", ".json", ".jsonl", ".zip", ".gz", ".tgz",
               ".tar", ".bz2", ".xz", ".xlsx", ".xls", ".feather", ".arrow", ".npz",
               ".npy", ".pkl", ".h5", ".hdf5", ".txt", ".data", ".pt", ".pth", ".bin",
               ".onnx", ".safetensors", ".zst", ".avro", ".orc")  # fmt: skip


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    strings = module_strings(ctx)
    flagged: set[int] = set()
    for io in ctx.analysis.io:
        site = io.call
        if io.kind != "read":
            continue
        url = literal_prefix(io.target, strings, site.cell)
        if _unpinned(url, site.cell):
            flagged.add(id(site.node))
            yield _report(ctx, site, f"`{io.api.rsplit('.', 1)[-1]}` reads", url)
    parents = _body_parents(ctx)
    for site in ctx.analysis.calls:
        q = site.qualname
        if q is None or id(site.node) in flagged:
            continue
        if q in DOWNLOADERS:
            position, keyword, hash_keywords = DOWNLOADERS[q]
            url = literal_prefix(argument(site, position, keyword), strings, site.cell)
            if any(_given(site.keyword(k)) for k in hash_keywords):
                continue
            if (
                q == "pooch.retrieve"
                and len(site.node.args) > 1
                and _given(site.node.args[1])
            ):
                continue
            if _unpinned(url, site.cell):
                yield _report(ctx, site, f"`{q.rsplit('.', 1)[-1]}` downloads", url)
        elif q in HTTP_GETS:
            url = literal_prefix(argument(site, 0, "url"), strings, site.cell)
            if not _unpinned(url, site.cell):
                continue
            assert url is not None
            parent = parents.get(id(site.node))
            body = isinstance(parent, ast.Attribute) and parent.attr in RESPONSE_BODY
            if body or url.split("?", 1)[0].lower().endswith(DATA_SUFFIX):
                yield _report(ctx, site, f"`{q}` downloads", url)
        elif q == "seaborn.load_dataset":
            yield ctx.at_node(
                SPEC,
                site.cell,
                site.node,
                "`seaborn.load_dataset` downloads from the seaborn-data repository's "
                "default branch on every run; save the data to a versioned file",
            )
        elif q == "sklearn.datasets.fetch_openml":
            if site.keyword("data_id") is not None or site.has_kwargs_splat():
                continue
            version = site.keyword("version")
            if version is None or (
                isinstance(version, ast.Constant) and version.value == "active"
            ):
                yield ctx.at_node(
                    SPEC,
                    site.cell,
                    site.node,
                    "`fetch_openml` by name gets whatever version is active on OpenML "
                    "at run time; pass `version=` or `data_id=`",
                )


def _given(expr: ast.expr | None) -> bool:
    return expr is not None and not (
        isinstance(expr, ast.Constant) and expr.value in (None, False, "")
    )


def _unpinned(url: str | None, cell: CellAnalysis) -> bool:
    if url is None or not REMOTE.match(url.strip()) or PINNED_URL.search(url):
        return False
    return not checksum_in(cell)


def _report(ctx: LintContext, site: CallSite, what: str, url: str | None) -> Diagnostic:
    assert url is not None
    return ctx.at_node(
        SPEC,
        site.cell,
        site.node,
        f"{what} remote data (`{scheme(url)}://`) at run time with no pinned version or "
        "checksum; pin a version or verify a hash",
    )


def _body_parents(ctx: LintContext) -> dict[int, ast.AST]:
    """Parents of HTTP GET calls (to see ``requests.get(url).content``)."""
    parents: dict[int, ast.AST] = {}
    for ca in ctx.analysis.cells:
        for node in ca.walk():
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Call):
                parents[id(node.value)] = node
    return parents
