#!/usr/bin/env bash
# Set up and run every check: Python formatting, lint and types; the TypeScript lint and
# unit tests; the Python test suite (a real Jupyter server, real `ploomber build` runs of
# generated packages); the Galata UI tests in Debian's Chromium.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${NBPROD_VENV:-$ROOT/.venv}"
cd "$ROOT"
export PLOOMBER_STATS_ENABLED=false

echo "== install nbprod with the dev, lab and examples extras (builds the labextension)"
bash scripts/bootstrap.sh "dev,lab,examples"
# ploomber beside JupyterLab: the server tests check that nbprod keeps JupyterLab working
# when ploomber's own server extension is present (see extension/README.md).
"$VENV/bin/python" -m pip install --quiet ploomber==0.23.3 'jupyter_client>=8' 'networkx<3.6'
echo "== pipeline environment (generated packages run here)"
eval "$(bash scripts/pipeline-env.sh "$ROOT/.venv-pipeline" | tail -n 1)"
export PATH="$VENV/bin:$PATH"

echo "== black --check"; black --check --quiet converter tests benchmarks examples/*.py examples/*/make_data.py
echo "== ruff check"; ruff check converter tests benchmarks examples/*.py examples/*/make_data.py
echo "== mypy"; mypy
echo "== TypeScript: prettier + eslint"; jlpm lint:check
echo "== TypeScript: unit tests (jest)"; jlpm test
echo "== pytest"; python -m pytest -q -p no:cacheprovider
echo "== real-notebook harness on benchmarks/notebooks (issue 10)"
# The notebooks' own environment (no parquet engine), then each notebook is run, exported,
# installed into a fresh uv environment with that environment's pins, built, run and
# tested. Fails when a notebook expected to pass (expected.json) does not, or stops at an
# earlier stage than expected. Installs are strict: every pin of the notebooks' environment
# holds in the package's.
NBENV="$ROOT/.venv-notebooks"
[ -x "$NBENV/bin/python" ] || uv venv --quiet "$NBENV" --python "$VENV/bin/python"
uv pip install --quiet --python "$NBENV/bin/python" -r benchmarks/notebooks/requirements.txt
python -m benchmarks.real_notebooks benchmarks/notebooks --env-python "$NBENV/bin/python" \
  --jobs 2 --no-script --out "$ROOT/benchmarks/results/real-ci" \
  --expected benchmarks/notebooks/expected.json
echo "== Galata UI tests (Chromium)"; NBPROD_PYTHON="$VENV/bin/python" bash scripts/ui-test.sh
