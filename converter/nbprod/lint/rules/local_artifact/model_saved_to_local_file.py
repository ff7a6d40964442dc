"""
## What it does
Flags models saved to local disk with their library's own format: `torch.save`,
`torch.jit.save`, `tf.saved_model.save`, `keras.models.save_model`, `onnx.save`,
`model.save("model.keras")`, `model.save_weights(...)`, `booster.save_model(...)`
(XGBoost, LightGBM, CatBoost), and `model.save_pretrained(...)` (Hugging Face). A generic
`.save(...)` counts only when the file has a model extension (`.h5`, `.keras`, `.pt`,
`.onnx` ...) or the receiver is clearly a model (`model`, `clf`, `net`, `booster`, or a
name bound from a deep-learning or boosting library); `image.save("plot.png")` or
`workbook.save("report.xlsx")` are not models. Writes to `s3://`-style URLs, temporary
folders, and files later logged with MLflow or uploaded are not flagged.

## Why is this bad?
A model file in the working directory has no version, no link to the data, code and
parameters that produced it, and no way for a serving deployment to fetch it or roll it
back. The next run overwrites it.

## Example
```python
torch.save(model.state_dict(), "model.pt")
booster.save_model("xgb.json")
```

## Use instead
Log the model to a registry (`mlflow.pytorch.log_model`, `mlflow.xgboost.log_model`,
`mlflow.transformers.log_model`) and register a version.

## What export does
Turns the write into a registry step: the exported pipeline logs the model to MLflow with
its signature and input example, registers a version, and serves it from there.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from ....analysis.symbols import qualified_name
from ...context import LintContext
from ...diagnostic import Category, Diagnostic, Severity
from ...rule import RuleSpec
from ._writes import LocalWrite, Writes, writes_of

SPEC = RuleSpec(
    code="NBP083",
    name="model-saved-to-local-file",
    category=Category.LOCAL_ARTIFACT,
    severity=Severity.WARNING,
)

MODEL_APIS = (
    "torch.save",
    "torch.jit.save",
    "tensorflow.saved_model.save",
    "keras.models.save_model",
    "tensorflow.keras.models.save_model",
    "onnx.save",
    "onnx.save_model",
    ".save_model",
    ".save_weights",
    ".save_pretrained",
    ".save",
)
MODEL_EXTENSIONS = frozenset(
    {
        ".h5",
        ".hdf5",
        ".keras",
        ".pt",
        ".pth",
        ".ckpt",
        ".onnx",
        ".pb",
        ".tflite",
        ".safetensors",
        ".cbm",
        ".ubj",
        ".model",
        ".mlmodel",
        ".joblib",
        ".pkl",
    }
)
MODEL_NAME = re.compile(
    r"(^|_)(model|models|mdl|clf|classifier|regressor|estimator|net|network|booster|bst|"
    r"learner|gbm|lgbm|lgb|xgb|autoencoder|w2v|word2vec|doc2vec|nn)(\d*)(_|$)",
    re.I,
)
MODEL_LIBRARIES = frozenset(
    {
        "torch",
        "tensorflow",
        "keras",
        "xgboost",
        "lightgbm",
        "catboost",
        "gensim",
        "transformers",
        "sentence_transformers",
        "fasttext",
        "prophet",
        "statsmodels",
    }
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    writes = writes_of(ctx.analysis)
    for write in writes.local(MODEL_APIS):
        site = write.site
        if site.api == ".save" and not _is_model_save(write, writes):
            continue
        if site.api.startswith("."):
            call = f"`{site.call.receiver or 'model'}{site.api}`"
        else:
            call = f"`{site.api}`"
        yield ctx.at_node(
            SPEC,
            site.call.cell,
            site.call.node,
            f"{call} saves a model to {write.shown}; export turns this "
            "write into a registry step (log and register the model instead)",
        )


def _is_model_save(write: LocalWrite, writes: Writes) -> bool:
    if write.path is not None:
        suffix = (
            "." + write.path.rsplit(".", 1)[-1].lower() if "." in write.path else ""
        )
        if suffix in MODEL_EXTENSIONS:
            return True
        if suffix:
            return False  # an image, a document, a workbook ...
    receiver = write.site.call.receiver
    if receiver is None:
        return False
    last = receiver.rsplit(".", 1)[-1]
    if MODEL_NAME.search(last):
        return True
    root = receiver.split(".")[0]
    for value in writes.bindings.get(root, ()):
        call = value
        while isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute):
            if isinstance(call.func.value, ast.Call):
                call = call.func.value  # Model(...).fit(...) chains
            else:
                break
        if isinstance(call, ast.Call):
            name = qualified_name(call.func, writes.analysis.aliases) or ""
            if name.split(".")[0] in MODEL_LIBRARIES:
                return True
    return False
