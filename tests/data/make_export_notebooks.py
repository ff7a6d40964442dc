"""Build the export fixture notebooks under tests/data/notebooks/ from the texts below.

Run ``python tests/data/make_export_notebooks.py`` after changing a case; commit both this
file and the notebooks. Each case is a notebook shape the prior art failed on or a demo
pattern the export must handle. Cells use the ``# %%`` fixture format of tests/helpers.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.helpers import fixture_notebook  # noqa: E402

CASES = {
    # A tutorial with no structure at all: one step, a parameters cell, a data file.
    "no_headings": """
# %% tags=["parameters"]
scale = 2
# %%
import pandas as pd

df = pd.read_csv("data/points.csv")
df.head()
# %%
df["z"] = df["x"] * scale + df["y"]
total = float(df["z"].sum())
print(total)
""",
    # Only top-level `#` headings (the prior art needed `##`).
    "hash_headings": """
# %% [markdown]
# Load
# %%
import pandas as pd

points = pd.read_csv("data/points.csv")
# %% [markdown]
# Summarise
# %%
mean_x = points["x"].mean()
summary = {"mean_x": float(mean_x), "rows": len(points)}
""",
    # Steps chosen by tags; untagged cells join the step above.
    "step_tags": """
# %% tags=["parameters"]
alpha = 0.5
label = "y"
# %% tags=["step:load"]
import pandas as pd
from sklearn.linear_model import Ridge

frame = pd.read_csv("data/points.csv")
# %%
X = frame[["x"]]
y = frame[label]
# %% tags=["step:fit"]
model = Ridge(alpha=alpha).fit(X, y)
score = float(model.score(X, y))
# %% tags=["nbprod:drop"]
answer = input("continue? ")
# %% tags=["nbprod:end"]
scratch = 1 / 0
""",
    # A function that reads notebook globals, called in a later step; a pure helper.
    "functions_globals": '''
# %%
import math

scale = 2.0
# %% [markdown]
# ## Helpers
# %%
def above(values):
    """Values whose scaled size passes the bar (reads the globals scale and bar)."""
    return [v for v in values if v * scale > bar]


def norm(values):
    return math.sqrt(sum(v * v for v in values))


bar = 3
# %% [markdown]
# ## Use
# %%
values = [1, 2, 3, 4]
kept = above(values)
length = norm(kept)
''',
    # Generator expressions as call arguments (soorgeon's parser broke on them).
    "generator_args": """
# %%
words = ["alpha", "beta", "gamma", "delta"]
longest = max(len(w) for w in words)
joined = ", ".join(w.upper() for w in words if len(w) > 4)
total = sum(i * i for i in range(10))
pairs = dict((w, len(w)) for w in words)
""",
    # Magics: %matplotlib, a pinned shell install, %%writefile read back, %time.
    "magics": """
# %%
%matplotlib inline
!pip install requests==2.32.3
# %%
%%writefile notes.txt
first line
second line
# %%
%time lines = open("notes.txt").read().splitlines()
count = len(lines)
""",
    # A file written by one step and read back by the next: the steps are ordered by it.
    "files_roundtrip": """
# %% [markdown]
## Write
# %%
import pandas as pd

raw = pd.read_csv("data/points.csv")
raw.assign(w=raw["x"] + 1).to_csv("intermediate.csv", index=False)
# %% [markdown]
## Read back
# %%
back = pd.read_csv("intermediate.csv")
rows = len(back)
""",
    # A class defined in a cell whose instances travel between steps.
    "classes": """
# %% [markdown]
# Model
# %%
class MeanModel:
    def fit(self, values):
        self.mean_ = sum(values) / len(values)
        return self

    def predict(self, n):
        return [self.mean_] * n
# %%
model = MeanModel().fit([1.0, 2.0, 3.0])
# %% [markdown]
# Predict
# %%
predictions = model.predict(3)
""",
    # Plots and previews move to the report; a secret becomes an environment lookup.
    "report_secrets": """
# %%
import matplotlib.pyplot as plt
import pandas as pd

api_token = "ghp_Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0Lz9Xc8"
df = pd.read_csv("data/points.csv")
# %%
plt.plot(df["x"], df["y"])
plt.title("points")
# %%
df.describe()
# %%
headers = {"Authorization": "token " + api_token}
n = len(df)
""",
    # Python-2-era idioms that still run on Python 3.
    "py2_idioms": """
# %%
from __future__ import print_function, division

import os.path
# %%
ratio = 7 / 2
message = "%s has %d items" % ("list", 3)
print("ratio: %.2f" % ratio)
items = sorted({"b": 2, "a": 1}.items())
ok = os.path.join("a", "b") == "a/b"
""",
    # IPython's top-level await: the step becomes `async def run` (asyncio.run to call).
    "top_level_await": """
# %%
import asyncio


async def fetch(n):
    await asyncio.sleep(0)
    return list(range(n))
# %%
numbers = await fetch(5)
total = sum(numbers)
""",
    # Values changed in place in a later step than the one that binds them: the step
    # that changes a value passes it on (the prior art passed the unchanged one).
    "mutation": """
# %% [markdown]
# Load
# %%
import types

import pandas as pd
from sklearn.linear_model import LinearRegression

df = pd.read_csv("data/points.csv")
cols = ["x"]
arr = df["x"].to_numpy().copy()
model = LinearRegression()
settings = types.SimpleNamespace(scale=1)
# %% [markdown]
# Change
# %%
df["b"] = df["x"] * 2
df.insert(0, "c", 1)
del df["c"]
target = df.pop("y")
df.drop(columns=["group"], inplace=True)
cols.append("b")
arr[0] = 100
settings.scale = 3
model.fit(df[cols], target)
# %% [markdown]
# Use
# %%
score = round(float(model.score(df[cols], target)), 6)
names = list(df.columns)
first = int(arr[0]) * settings.scale
width = len(cols)
""",
    # Files read through a variable, an f-string and every reader the analysis knows:
    # each path is rebased to the package folder (the prior art left them relative to
    # the notebook's folder, so the package did not find them).
    "data_paths": """
# %%
import json

import numpy as np
import pandas as pd

path = "data/points.csv"
df = pd.read_csv(path)
rows = pd.read_json("data/rows.json")
grid = np.loadtxt("data/sub/grid.txt")
with open("data/sub/notes.txt") as handle:
    notes = handle.read().splitlines()
folder = "data"
again = pd.read_csv(f"{folder}/points.csv")
name = "rows"
more = json.load(open(f"data/{name}.json"))
# %%
total = float(df["x"].sum() + rows["a"].sum() + grid.sum() + len(again) + len(more))
words = len(notes)
""",
    # Lambdas used in a later step (hoisted as functions, or re-emitted when they read
    # globals), a function redefined further down (each step gets the version it saw),
    # and values pickle refuses (a generator, an open file) in the last step.
    "definitions_versions": """
# %% [markdown]
# Define
# %%
import pandas as pd

square = lambda v: v * v
offset = 10
shift = lambda v: v + offset


def describe(v):
    return f"small {v}"


df = pd.read_csv("data/points.csv")
# %% [markdown]
# Use
# %%
squares = [square(v) for v in df["x"]]
shifted = df["x"].map(shift).tolist()
first_label = describe(1)
# %% [markdown]
# Redefine
# %%
def describe(v):
    return f"large {v}"


offset = 100
second_label = describe(2)
shifted_again = shift(1)
folds = (i for i in range(3))
handle = open("data/points.csv")
header = handle.readline().strip()
handle.close()
""",
    # Figures between cells: Jupyter closes them after each cell, so the second cell
    # draws on new 2D axes, not on the 3D axes of the first.
    "figures": """
# %%
import matplotlib.pyplot as plt
import numpy as np

x = np.linspace(0, 1, 5)
ax = plt.axes(projection="3d")
lines = ax.plot(x, x, x)
# %%
points = plt.scatter(x, x * 2, s=[10, 20, 30, 40, 50])
kind = plt.gca().name
count = len(points.get_offsets())
""",
    # np.save adds ".npy" to a name without it: the file read back is the one the
    # pipeline wrote (not a data file of the notebook's folder), and it is the product.
    "numpy_files": """
# %% [markdown]
# Save
# %%
import numpy as np

arr = np.arange(6)
np.save("some_array", arr)
np.savez("arrays", a=arr)
# %% [markdown]
# Load
# %%
back = np.load("some_array.npy")
both = np.load("arrays.npz")["a"]
total = int(back.sum() + both.sum())
""",
    # A chart that calls a function reading notebook globals; a star import.
    "report_functions": """
# %%
from math import *

factor = 3


def scaled(x):
    return x * factor
# %%
values = [scaled(sqrt(v)) for v in (1, 4, 9)]
# %%
import matplotlib.pyplot as plt

plt.plot(values, [scaled(v) for v in values])
""",
    # Steps without outputs get a done product; a step named `check` (the generated tests'
    # old helper) and one named `serialize` (a module of the package); `data` is rebound
    # to another shape in a later step.
    "steps_without_outputs": """
# %% [markdown]
# Announce
# %%
print("starting")
# %% [markdown]
# Check
# %%
import numpy as np

data = [3, 1, 2]
print(sorted(data))
# %% [markdown]
# Serialize
# %%
total = sum(data)
done = total > 0  # a variable named like the marker of a step without outputs
# %% [markdown]
# Reshape
# %%
data = np.arange(6).reshape(2, 3)
# %% [markdown]
# Use
# %%
columns = data.sum(axis=0).tolist()
print(columns, total, done)
""",
    # Libraries loaded on demand: pandas for as_frame=True (never imported), scipy for
    # polynomial interpolation and Kendall's tau.
    "optional_libraries": """
# %%
from sklearn.datasets import load_iris

iris = load_iris(as_frame=True)
frame = iris.frame
# %%
smooth = frame["sepal length (cm)"].interpolate(method="polynomial", order=2)
tau = frame.corr(method="kendall")
strongest = float(tau.iloc[0, 1:].abs().max())
""",
    # Data frames when the notebook's environment has no Parquet engine (exported with
    # pins without pyarrow: see tests/export/helpers.py CASE_VERSIONS).
    "frames_without_parquet": """
# %%
import pandas as pd

points = pd.read_csv("data/points.csv")
# %%
doubled = points * 2
rows = len(doubled)
""",
    # Modules beside the notebook and in a folder added to sys.path: copied into the
    # package (files in local_modules.files/), never required from PyPI.
    "local_modules": """
# %%
import sys

sys.path.append("lib")
import helpers
from tools.scale import double
# %%
values = [double(v) for v in helpers.numbers()]
total = helpers.total(values)
""",
}


def main() -> None:
    out = HERE / "notebooks"
    out.mkdir(exist_ok=True)
    for case, text in CASES.items():
        nb, _cells = fixture_notebook(text.strip("\n"))
        path = out / f"{case}.ipynb"
        path.write_text(
            json.dumps(nb, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        print(path.relative_to(HERE.parents[1]))


if __name__ == "__main__":
    main()
