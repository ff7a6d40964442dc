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
echo "== Galata UI tests (Chromium)"; NBPROD_PYTHON="$VENV/bin/python" bash scripts/ui-test.sh
