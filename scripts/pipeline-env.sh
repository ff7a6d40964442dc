#!/usr/bin/env bash
# Create (or reuse) the environment generated pipeline packages run in, and print the
# line that points the `pipeline` tests at it. Usage: bash scripts/pipeline-env.sh [DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${1:-${NBPROD_PIPELINE_VENV:-$ROOT/.venv-pipeline}}"
PYTHON="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -r "$ROOT/scripts/pipeline-requirements.txt"
echo "export NBPROD_PIPELINE_PYTHON=$VENV/bin/python"
