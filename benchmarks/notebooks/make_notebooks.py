"""Write the harness's own notebooks (one per failure shape of issue 10) and their data.

Run ``python benchmarks/notebooks/make_notebooks.py`` after changing a notebook below;
commit this file, the notebooks and ``data/``. Each notebook is small, runs in a few
seconds in the environment of ``requirements.txt`` (pandas 2.2, NumPy 1.26, scikit-learn
1.5, matplotlib 3.9, SciPy; no parquet engine) and has the shape real notebooks have that
made exported packages fail. ``expected.json`` records which pass today.

A notebook is written as text: ``# %% [markdown]`` starts a Markdown cell, ``# %%`` a code
cell. Written by us for this purpose, not copied from any collection.
"""

from __future__ import annotations

import csv
import json
import random
import re
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent

NOTEBOOKS: dict[str, str] = {}

# 0. The baseline: no failure shape (arrays and a model between steps); passes today, so
# CI notices when every export breaks.
NOTEBOOKS["baseline_model"] = """
# %% [markdown]
# # A small regression
# %%
import numpy as np
from sklearn.linear_model import Ridge
# %% [markdown]
# ## Parameters
# %%
seed = 7
alpha = 0.5
# %% [markdown]
# ## Data
# %%
rng = np.random.default_rng(seed)
features = rng.normal(size=(80, 4))
target = features @ np.array([0.5, -1.0, 2.0, 0.0]) + rng.normal(scale=0.2, size=80)
# %% [markdown]
# ## Split
# %%
train_features, test_features = features[:60], features[60:]
train_target, test_target = target[:60], target[60:]
# %% [markdown]
# ## Fit
# %%
model = Ridge(alpha=alpha).fit(train_features, train_target)
# %% [markdown]
# ## Evaluate
# %%
score = float(model.score(test_features, test_target))
print(f"R2 on held-out rows: {score:.3f}")
"""

# 1. A data frame passed between steps, in an environment without a parquet engine.
NOTEBOOKS["dataframe_steps"] = """
# %% [markdown]
# # Sales by region
# %%
import pandas as pd
# %% [markdown]
# ## Load
# %%
sales = pd.read_csv("data/sales.csv")
# %% [markdown]
# ## Clean
# %%
sales = sales.dropna()
sales["revenue"] = sales["units"] * sales["price"]
# %% [markdown]
# ## Summarise
# %%
by_region = sales.groupby("region", as_index=False)["revenue"].sum()
by_region
"""

# 2. Tutorial style: a name reused for values of other shapes; a step with no outputs.
NOTEBOOKS["rebound_shapes"] = """
# %% [markdown]
# # Arrays, reshaped
# %%
import numpy as np
# %% [markdown]
# ## A vector
# %%
x = np.arange(12)
total = x.sum()
# %% [markdown]
# ## The same name, a matrix
# %%
x = x.reshape(3, 4)
column_sums = x.sum(axis=0)
# %% [markdown]
# ## Only printing
# %%
print("column sums:", column_sums)
print("total:", total)
# %% [markdown]
# ## Again, a smaller array
# %%
x = x[:2, :2]
corner = float(x.mean())
"""

# 3. A name rebound later in the notebook reaches an earlier step's consumer.
NOTEBOOKS["rebound_reaches_step"] = """
# %% [markdown]
# # Products of arrays
# %%
import numpy as np
# %% [markdown]
# ## Two arrays
# %%
a = np.ones((3, 4))
b = np.ones((4, 2))
# %% [markdown]
# ## Their product
# %%
c = a.dot(b)
# %% [markdown]
# ## The name a, for another array
# %%
a = np.ones((2, 3))
d = a.dot(np.ones((3, 2)))
# %% [markdown]
# ## A label
# %%
label = "abc"
# %% [markdown]
# ## Its letters, the first one marked
# %%
letters = label.upper()
label = list(label)
label[0] = "x"
# %% [markdown]
# ## Report
# %%
summary = {"c": float(c.sum()), "d": float(d.sum()), "a": a.shape, "label": "".join(label), "letters": letters}
summary
"""

# 4. A column added in place in one cell, used in another.
NOTEBOOKS["inplace_column"] = """
# %% [markdown]
# # Ratios
# %%
import pandas as pd
# %% [markdown]
# ## Load
# %%
df = pd.read_csv("data/sales.csv")
# %% [markdown]
# ## Add a column in place
# %%
df["b"] = df["units"] * 2
df.loc[df["units"] > 5, "big"] = True
# %% [markdown]
# ## Use it
# %%
share = df["b"].sum() / len(df)
flagged = int(df["big"].fillna(False).sum())
share, flagged
"""

# 5. The data folder held in a variable; reads with read_json and open() in a subfolder.
NOTEBOOKS["data_paths"] = """
# %% [markdown]
# # Events
# %%
import os
import json
import pandas as pd
# %% [markdown]
# ## Where the data is
# %%
DATA_DIR = "data"
events_path = os.path.join(DATA_DIR, "events.json")
# %% [markdown]
# ## Load
# %%
events = pd.read_json(events_path)
with open("data/meta/labels.json") as handle:
    labels = json.load(handle)
# %% [markdown]
# ## Count
# %%
events["label"] = events["kind"].map(labels)
counts = events["label"].value_counts().to_dict()
counts
"""

# 6. A lambda defined in one cell and used in another.
NOTEBOOKS["lambda_across_cells"] = """
# %% [markdown]
# # Scaling
# %%
import pandas as pd
# %% [markdown]
# ## Helpers
# %%
to_thousands = lambda value: value / 1000
# %% [markdown]
# ## Load
# %%
sales = pd.read_csv("data/sales.csv")
# %% [markdown]
# ## Scale
# %%
sales["price_k"] = sales["price"].apply(to_thousands)
mean_k = float(sales["price_k"].mean())
"""

# 7. A generator (KFold().split()) bound in one cell and consumed in another.
NOTEBOOKS["kfold_generator"] = """
# %% [markdown]
# # Cross-validation by hand
# %%
import numpy as np
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import KFold
# %% [markdown]
# ## Data
# %%
rng = np.random.default_rng(0)
X = rng.normal(size=(60, 3))
y = X @ np.array([1.0, -2.0, 0.5]) + rng.normal(scale=0.1, size=60)
# %% [markdown]
# ## Folds
# %%
folds = KFold(n_splits=3, shuffle=True, random_state=0).split(X)
# %% [markdown]
# ## Fit each fold
# %%
scores = []
for train_index, test_index in folds:
    model = LinearRegression().fit(X[train_index], y[train_index])
    scores.append(model.score(X[test_index], y[test_index]))
mean_score = float(np.mean(scores))
"""

# 8. An optional dependency: DataFrame.plot.density needs SciPy, never imported by name.
NOTEBOOKS["density_plot"] = """
# %% [markdown]
# # Price distribution
# %%
import matplotlib.pyplot as plt
import pandas as pd
# %% [markdown]
# ## Load
# %%
sales = pd.read_csv("data/sales.csv")
# %% [markdown]
# ## Density
# %%
axes = sales["price"].plot.density()
figure = axes.get_figure()
figure.savefig("density.png")
plt.close(figure)
"""

# 9. A local module imported after sys.path.append.
NOTEBOOKS["local_module"] = """
# %% [markdown]
# # Cleaning with our helpers
# %%
import sys
sys.path.append("helpers")
import pandas as pd
from cleaning import normalise_names
# %% [markdown]
# ## Load
# %%
sales = pd.read_csv("data/sales.csv")
# %% [markdown]
# ## Clean
# %%
sales["region"] = normalise_names(sales["region"])
regions = sorted(sales["region"].unique())
"""

CLEANING = '''"""Helpers the local_module notebook imports after sys.path.append("helpers")."""


def normalise_names(names):
    """Strip and title-case a Series of names."""
    return names.str.strip().str.title()
'''


def cells(text: str) -> list[nbformat.NotebookNode]:
    """Split ``# %%`` text into notebook cells."""
    out = []
    for chunk in re.split(r"^# %%", text.strip(), flags=re.MULTILINE):
        if not chunk.strip():
            continue
        header, _, body = chunk.partition("\n")
        if header.strip() == "[markdown]":
            lines = [
                line.removeprefix("# ").removeprefix("#") for line in body.splitlines()
            ]
            out.append(nbformat.v4.new_markdown_cell("\n".join(lines).strip()))
        else:
            out.append(nbformat.v4.new_code_cell(body.strip()))
    return out


def write_data() -> None:
    """Small deterministic data files (a fixed seed), committed beside the notebooks."""
    rng = random.Random(10)
    regions = [" north", "South ", "east", "west"]
    rows = [
        {
            "region": rng.choice(regions),
            "units": rng.randint(1, 9),
            "price": round(rng.uniform(500, 5000), 2),
        }
        for _ in range(40)
    ]
    rows[7]["price"] = ""  # one missing value, as real exports have
    (HERE / "data").mkdir(exist_ok=True)
    with (HERE / "data" / "sales.csv").open(
        "w", newline="", encoding="utf-8"
    ) as handle:
        writer = csv.DictWriter(handle, fieldnames=["region", "units", "price"])
        writer.writeheader()
        writer.writerows(rows)
    events = [{"id": i, "kind": rng.choice("abc")} for i in range(30)]
    (HERE / "data" / "events.json").write_text(
        json.dumps(events) + "\n", encoding="utf-8"
    )
    (HERE / "data" / "meta").mkdir(exist_ok=True)
    labels = {"a": "open", "b": "click", "c": "close"}
    (HERE / "data" / "meta" / "labels.json").write_text(
        json.dumps(labels, indent=1) + "\n", encoding="utf-8"
    )
    (HERE / "helpers").mkdir(exist_ok=True)
    (HERE / "helpers" / "cleaning.py").write_text(CLEANING, encoding="utf-8")


def main() -> None:
    write_data()
    for name, text in NOTEBOOKS.items():
        notebook = nbformat.v4.new_notebook()
        notebook.cells = cells(text)
        # Fixed ids keep the files stable across runs of this script.
        for index, cell in enumerate(notebook.cells):
            cell.id = f"{name[:20]}-{index}"
        notebook.metadata = {
            "kernelspec": {
                "name": "python3",
                "display_name": "Python 3",
                "language": "python",
            },
            "language_info": {"name": "python"},
        }
        nbformat.write(notebook, HERE / f"{name}.ipynb")


if __name__ == "__main__":
    main()
