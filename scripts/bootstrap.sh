#!/usr/bin/env bash
# Create (or reuse) the project's virtualenv in .venv and install nbprod with the given
# extras. Sourced by the other scripts; safe to run on a fresh machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${NBPROD_VENV:-$ROOT/.venv}"
EXTRAS="${1:-dev}"
PYTHON="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -e "$ROOT[$EXTRAS]"
