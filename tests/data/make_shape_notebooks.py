"""Build the notebook-shape fixtures under tests/data/shapes/ from the dicts below.

Run ``python tests/data/make_shape_notebooks.py`` after changing a shape; commit both this
file and the notebooks. Each is a file layout real notebooks have (written by old
IPython, by every nbformat 4 minor, by Colab and Kaggle, by tools that add keys, by hand
edits that lose or copy cell ids) and that Jupyter opens: nbprod must read each of them.
Written with Jupyter's own layout (one key per line, indent 1) but without nbformat, so
that what is stored is exactly the shape described, never silently repaired.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "shapes"

KERNEL = {
    "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
    "language_info": {"name": "python", "version": "3.11.7"},
}


def code(source: Any, count: int | None = None, **extra: Any) -> dict[str, Any]:
    cell = {
        "cell_type": "code",
        "execution_count": count,
        "metadata": {},
        "outputs": [],
        "source": source,
    }
    cell.update(extra)
    return cell


def markdown(source: Any, **extra: Any) -> dict[str, Any]:
    return {"cell_type": "markdown", "metadata": {}, "source": source, **extra}


def v4(minor: int, cells: list[dict[str, Any]], **metadata: Any) -> dict[str, Any]:
    return {
        "cells": cells,
        "metadata": {**KERNEL, **metadata},
        "nbformat": 4,
        "nbformat_minor": minor,
    }


def with_ids(cells: list[dict[str, Any]], ids: list[str | None]) -> list[dict[str, Any]]:
    out = []
    for cell, cell_id in zip(cells, ids, strict=True):
        cell = dict(cell)
        if cell_id is not None:
            cell["id"] = cell_id
        out.append(cell)
    return out


STREAM = {"name": "stdout", "output_type": "stream", "text": ["rows: 3\n", "done\n"]}

PIPELINE = [
    markdown(["# Churn\n", "\n", "Read, split, fit."]),
    code(["import pandas as pd\n", "from sklearn.model_selection import train_test_split"], 1),
    code(['df = pd.read_csv("data/churn.csv")\n', "print(len(df))"], 2, outputs=[STREAM]),
    code(["train, test = train_test_split(df)"], 3),
]

V3_LIST_SOURCES = {
    "metadata": {"name": "", "signature": "sha256:0000"},
    "nbformat": 3,
    "nbformat_minor": 0,
    "worksheets": [
        {
            "cells": [
                {"cell_type": "heading", "level": 1, "metadata": {}, "source": ["Churn"]},
                {
                    "cell_type": "markdown",
                    "metadata": {},
                    "source": ["Read the data,\n", "then split it."],
                },
                {
                    "cell_type": "code",
                    "collapsed": False,
                    "input": [
                        "import pandas as pd\n",
                        "from sklearn.model_selection import train_test_split\n",
                        "%matplotlib inline",
                    ],
                    "language": "python",
                    "metadata": {},
                    "outputs": [],
                    "prompt_number": 1,
                },
                {
                    "cell_type": "code",
                    "collapsed": False,
                    "input": ['df = pd.read_csv("data/churn.csv")\n', "df.head()"],
                    "language": "python",
                    "metadata": {},
                    "outputs": [
                        {
                            "html": ["<table>\n", "<tr><td>1</td></tr>\n", "</table>"],
                            "metadata": {},
                            "output_type": "pyout",
                            "prompt_number": 2,
                            "text": ["   a\n", "0  1"],
                        },
                        {
                            "output_type": "stream",
                            "stream": "stdout",
                            "text": ["rows: 3\n", "done\n"],
                        },
                    ],
                    "prompt_number": 2,
                },
                {
                    "cell_type": "code",
                    "collapsed": False,
                    "input": ["train, test = train_test_split(df)"],
                    "language": "python",
                    "metadata": {},
                    "outputs": [
                        {
                            "ename": "NameError",
                            "evalue": "name 'df' is not defined",
                            "output_type": "pyerr",
                            "traceback": ["NameError", "name 'df' is not defined"],
                        }
                    ],
                    "prompt_number": 3,
                },
            ],
            "metadata": {},
        }
    ],
}

V3_STRING_SOURCES = {
    "metadata": {"name": "old"},
    "nbformat": 3,
    "nbformat_minor": 0,
    "worksheets": [
        {
            "cells": [
                {
                    "cell_type": "code",
                    "collapsed": False,
                    "input": "import numpy as np\nx = np.random.rand(3)",
                    "language": "python",
                    "metadata": {},
                    "outputs": [],
                    "prompt_number": 1,
                }
            ],
            "metadata": {},
        }
    ],
}

COLAB = {
    "cells": [
        {
            "cell_type": "markdown",
            "metadata": {"id": "Xq1Ab2Cd3Ef4"},
            "source": ["# Colab notebook"],
        },
        {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {
                "id": "Gh5Ij6Kl7Mn8",
                "colab": {"base_uri": "https://localhost:8080/", "height": 35},
                "outputId": "0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9",
                "executionInfo": {
                    "status": "ok",
                    "timestamp": 1700000000000,
                    "user_tz": -60,
                    "elapsed": 12,
                    "user": {"displayName": "A User", "userId": "0123"},
                },
            },
            "outputs": [
                {
                    "output_type": "execute_result",
                    "data": {
                        "text/plain": ["'2.2.3'"],
                        "application/vnd.google.colaboratory.intrinsic+json": {
                            "type": "string"
                        },
                    },
                    "metadata": {},
                    "execution_count": 1,
                }
            ],
            "source": ["!pip install -q pandas\n", "import pandas as pd\n", "pd.__version__"],
        },
    ],
    "metadata": {
        "colab": {"provenance": [], "toc_visible": True, "gpuType": "T4"},
        "accelerator": "GPU",
        "kernelspec": {"name": "python3", "display_name": "Python 3"},
        "language_info": {"name": "python"},
    },
    "nbformat": 4,
    "nbformat_minor": 0,
}

KAGGLE = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": 1,
            "id": "a1b2c3d4",
            "metadata": {
                "_uuid": "8f2839f25d086af736a60e9eeb907d3b93b6e0e5",
                "_cell_guid": "b1076dfc-b9ad-4769-8c92-a6c4dae69d19",
                "execution": {
                    "iopub.status.busy": "2024-01-01T00:00:00.000000Z",
                    "iopub.execute_input": "2024-01-01T00:00:00.000000Z",
                    "iopub.status.idle": "2024-01-01T00:00:01.000000Z",
                    "shell.execute_reply": "2024-01-01T00:00:01.000000Z",
                },
                "papermill": {
                    "duration": 0.9,
                    "end_time": "2024-01-01T00:00:01.000000",
                    "exception": False,
                    "start_time": "2024-01-01T00:00:00.000000",
                    "status": "completed",
                },
                "tags": [],
                "trusted": True,
            },
            "outputs": [],
            "source": [
                "import pandas as pd\n",
                "train = pd.read_csv('/kaggle/input/titanic/train.csv')",
            ],
        }
    ],
    "metadata": {
        "kaggle": {
            "accelerator": "none",
            "dataSources": [{"datasetId": 1, "sourceId": 2, "sourceType": "competition"}],
            "isGpuEnabled": False,
            "isInternetEnabled": True,
            "language": "python",
            "sourceType": "notebook",
        },
        "papermill": {
            "default_parameters": {},
            "duration": 3.1,
            "environment_variables": {},
            "parameters": {},
            "version": "2.4.0",
        },
        **KERNEL,
    },
    "nbformat": 4,
    "nbformat_minor": 4,
}

EXTRA_KEYS = v4(
    4,
    [
        # Old tools wrote outputs (and prompt numbers) on markdown cells.
        markdown(["# Notes"], outputs=[], execution_count=None),
        code(["x = 1"], 1, collapsed=False, trusted=True),
    ],
    widgets={"application/vnd.jupyter.widget-state+json": {"state": {}}},
)
EXTRA_KEYS["worksheets"] = []  # a v3 leftover some converters keep

SHAPES: dict[str, dict[str, Any]] = {
    "v3_list_sources": V3_LIST_SOURCES,
    "v3_string_sources": V3_STRING_SOURCES,
    **{f"v4_{minor}": v4(minor, PIPELINE) for minor in range(5)},
    "v4_5": v4(5, with_ids(PIPELINE, ["intro", "imports", "read", "split"])),
    "v4_5_missing_ids": v4(5, with_ids(PIPELINE, ["intro", None, "read", None])),
    "v4_5_duplicate_ids": v4(5, with_ids(PIPELINE, ["intro", "dup", "dup", "dup"])),
    "v4_5_missing_and_duplicate_ids": v4(
        5, with_ids(PIPELINE, [None, "dup", "dup", None])
    ),
    "v4_4_with_ids": v4(4, with_ids(PIPELINE, ["intro", "imports", "read", "split"])),
    "v4_4_duplicate_ids": v4(4, with_ids(PIPELINE, ["intro", "dup", "dup", "split"])),
    "extra_keys": EXTRA_KEYS,
    "colab": COLAB,
    "kaggle": KAGGLE,
}

#: Shapes that Jupyter repairs when it opens them, and NBP004 reports.
NEEDS_REPAIR = frozenset(
    {
        "v3_list_sources",
        "v3_string_sources",
        "v4_5_missing_ids",
        "v4_5_duplicate_ids",
        "v4_5_missing_and_duplicate_ids",
        "v4_4_duplicate_ids",
    }
)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, notebook in SHAPES.items():
        text = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
        (OUT / f"{name}.ipynb").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
