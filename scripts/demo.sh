#!/usr/bin/env bash
# The main job on the bundled example: set up, lint the notebooks.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${NBPROD_VENV:-$ROOT/.venv}"
bash "$ROOT/scripts/bootstrap.sh" dev
cd "$ROOT"
echo "== nbprod lint examples/churn/churn.ipynb"
"$VENV/bin/nbprod" lint --exit-zero examples/churn/churn.ipynb
echo "== nbprod lint examples/demo_day/demo_day.ipynb (the messy one)"
"$VENV/bin/nbprod" lint --exit-zero examples/demo_day/demo_day.ipynb
