"""
## What it does
Flags downloads from model and dataset hubs that do not pin a revision:
`datasets.load_dataset(...)`, `huggingface_hub.hf_hub_download`/`snapshot_download`,
`from_pretrained(...)` of `transformers`, `diffusers`, `peft`, `sentence_transformers`
classes, `transformers.pipeline(...)` and `SentenceTransformer(...)` without
`revision=` (or with a branch name such as `"main"`); `torch.hub.load("owner/repo")`
without a `:tag`; `kagglehub` handles without `/versions/N`. Local loads are not flagged:
packaged builders (`load_dataset("csv", data_files=...)`), paths starting with `.`, `/` or
`~`, `local_files_only=True`, `source="local"`, and names not bound to a literal.

## Why is this bad?
Hub repositories change under the same name: a model's weights or tokenizer are updated,
a dataset gains rows or changes its splits. An unpinned download gives a different model
or dataset whenever upstream pushes, so results drift and cannot be reproduced.

## Example
```python
model = AutoModel.from_pretrained("bert-base-uncased")
ds = load_dataset("imdb")
```

## Use instead
```python
model = AutoModel.from_pretrained("bert-base-uncased", revision="86b5e09")
ds = load_dataset("imdb", revision="e6281661ce1c48d982bc483cf8a173c1bbeb5d31")
```

## What export does
Exports the call unchanged; the warning stays true of the generated step. Nothing is
downloaded during lint or export.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from ....analysis import CallSite
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._common import argument, literal_prefix, module_strings

SPEC = RuleSpec(
    code="NBP142",
    name="unpinned-hub-download",
    category=Category.NETWORK_FETCH,
    severity=Severity.WARNING,
)

HUB_LIBRARIES = re.compile(
    r"^(?:transformers|diffusers|peft|optimum|setfit|sentence_transformers|timm)\."
)
PACKAGED_BUILDERS = frozenset(
    {
        "csv", "json", "parquet", "text", "arrow", "pandas", "imagefolder",
        "audiofolder", "videofolder", "webdataset", "sql", "xml", "generator", "spark",
    }
)  # fmt: skip
BRANCHES = frozenset({"main", "master", "head", "latest", "dev", "develop"})
HUB_FUNCTIONS = {
    "datasets.load_dataset": ("path", 0),
    "huggingface_hub.hf_hub_download": ("repo_id", 0),
    "huggingface_hub.snapshot_download": ("repo_id", 0),
    "transformers.pipeline": ("model", 1),
    "sentence_transformers.SentenceTransformer": ("model_name_or_path", 0),
}


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    strings = module_strings(ctx)
    for site in ctx.analysis.calls:
        q = site.qualname or ""
        if site.has_kwargs_splat() or _local_only(site):
            continue
        if q in HUB_FUNCTIONS or (
            site.method in {"hf_hub_download", "snapshot_download"} and not q
        ):
            keyword, position = HUB_FUNCTIONS.get(q, ("repo_id", 0))
            name = _name(site, position, keyword, strings)
            if q == "transformers.pipeline" and argument(site, 1, "model") is None:
                name = ""  # the task's default model, chosen by the library version
            if name is None or _local(name, q):
                continue
            if _unpinned_revision(site):
                yield _report(ctx, site, q.rsplit(".", 1)[-1] or str(site.method))
        elif HUB_LIBRARIES.match(q) and q.endswith(".from_pretrained"):
            name = _name(site, 0, "pretrained_model_name_or_path", strings)
            if name is None or _local(name, q):
                continue
            if _unpinned_revision(site):
                yield _report(ctx, site, "from_pretrained")
        elif q == "torch.hub.load":
            source = site.keyword("source")
            if isinstance(source, ast.Constant) and source.value == "local":
                continue
            repo = _name(site, 0, "repo_or_dir", strings)
            if repo is None or _local(repo, q):
                continue
            ref = repo.split(":", 1)[1] if ":" in repo else ""
            if not ref or ref.lower() in BRANCHES:
                yield ctx.at_node(
                    SPEC,
                    site.cell,
                    site.node,
                    "`torch.hub.load` without a `:tag` gets the repository's default "
                    'branch at run time; pin it ("owner/repo:v1.2")',
                )
        elif q in {"kagglehub.dataset_download", "kagglehub.model_download"}:
            handle = _name(site, 0, "handle", strings)
            if (
                handle is not None
                and "/versions/" not in handle
                and handle.count("/") < 4
            ):
                yield ctx.at_node(
                    SPEC,
                    site.cell,
                    site.node,
                    f"`{q.rsplit('.', 1)[-1]}` without a version in the handle gets the "
                    'latest version at run time; pin it ("owner/dataset/versions/3")',
                )


def _name(
    site: CallSite,
    position: int,
    keyword: str,
    strings: dict[str, list[tuple[int, str]]],
) -> str | None:
    return literal_prefix(argument(site, position, keyword), strings, site.cell)


def _local(name: str, qualname: str) -> bool:
    if name.startswith((".", "/", "~", "file:")) or "\\" in name or ":\\" in name:
        return True
    return qualname == "datasets.load_dataset" and name in PACKAGED_BUILDERS


def _local_only(site: CallSite) -> bool:
    flag = site.keyword("local_files_only")
    return isinstance(flag, ast.Constant) and flag.value is True


def _unpinned_revision(site: CallSite) -> bool:
    revision = site.keyword("revision")
    if revision is None:
        return True
    if isinstance(revision, ast.Constant):
        return revision.value is None or str(revision.value).lower() in BRANCHES
    return False


def _report(ctx: LintContext, site: CallSite, what: str) -> Diagnostic:
    return ctx.at_node(
        SPEC,
        site.cell,
        site.node,
        f"`{what}` downloads from the hub without a pinned revision, so upstream "
        "changes reach every run; pass `revision=` (a commit hash or tag)",
    )
