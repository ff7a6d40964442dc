#!/usr/bin/env bash
# The main job on the bundled example: lint the notebooks, productionize the churn
# notebook into a pipeline package, and run that pipeline with Ploomber and its own tests.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${NBPROD_VENV:-$ROOT/.venv}"
OUT="${NBPROD_DEMO_OUT:-$ROOT/build/churn-pipeline}"
cd "$ROOT"
export PLOOMBER_STATS_ENABLED=false

echo "== set up nbprod (.venv) and the pipeline environment (.venv-pipeline)"
bash scripts/bootstrap.sh dev
eval "$(bash scripts/pipeline-env.sh "$ROOT/.venv-pipeline" | tail -n 1)"
PIPELINE_BIN="$(dirname "$NBPROD_PIPELINE_PYTHON")"

echo "== 1. lint: the messy demo-day notebook, then the churn notebook"
"$VENV/bin/nbprod" lint --exit-zero examples/demo_day/demo_day.ipynb
"$VENV/bin/nbprod" lint --exit-zero examples/churn/churn.ipynb

echo "== 2. productionize: nbprod export examples/churn/churn.ipynb -o $OUT"
"$VENV/bin/nbprod" export examples/churn/churn.ipynb -o "$OUT" \
  --versions scripts/pipeline-requirements.txt

echo "== 3. run the generated pipeline (ploomber build), then its own tests"
cd "$OUT"
PYTHONPATH=src "$PIPELINE_BIN/ploomber" build
PYTHONPATH=src "$PIPELINE_BIN/python" -m pytest -q -p no:cacheprovider tests
echo "== done: the package is in $OUT; its products are in $OUT/products"
