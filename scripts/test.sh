#!/usr/bin/env bash
# Set up and run every check: formatting, lint, types, and the test suite.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${NBPROD_VENV:-$ROOT/.venv}"
bash "$ROOT/scripts/bootstrap.sh" dev
cd "$ROOT"
export PLOOMBER_STATS_ENABLED=false
echo "== black --check"; "$VENV/bin/black" --check --quiet converter tests benchmarks examples
echo "== ruff check"; "$VENV/bin/ruff" check converter tests benchmarks examples
echo "== mypy"; "$VENV/bin/mypy"
echo "== pytest"; "$VENV/bin/python" -m pytest -q -p no:cacheprovider
