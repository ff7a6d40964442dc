#!/usr/bin/env bash
# Galata UI tests of the JupyterLab extension on Debian's Chromium.
# Installs chromium if missing, builds the extension, starts JupyterLab (through
# Playwright's webServer) and runs the tests; exits non-zero on any failure.
#
#   scripts/ui-test.sh [playwright args...]     e.g. scripts/ui-test.sh -g markers
#
# Uses the Python environment of $NBPROD_PYTHON (default: the python3 on PATH), which
# must have nbprod installed with its `lab` extra (see extension/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${NBPROD_PYTHON:-python3}"
BIN="$(dirname "$(command -v "$PYTHON")")"
export PATH="$BIN:$PATH"
export PLOOMBER_STATS_ENABLED=false

if [ ! -x /usr/bin/chromium ]; then
  echo "ui-test: installing Debian's chromium" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

command -v jlpm >/dev/null || { echo "ui-test: jlpm missing: pip install 'jupyter-builder>=1.2,<2'" >&2; exit 2; }
command -v jupyter-lab >/dev/null || { echo "ui-test: jupyterlab missing: pip install -e '.[lab]'" >&2; exit 2; }

jlpm install --immutable >/dev/null 2>&1 || jlpm install
jlpm build
# Serve this build (a symlink), not a copy an earlier `pip install` left behind.
jupyter labextension develop --overwrite . >/dev/null
# The extension must be the one JupyterLab loads.
jupyter labextension list 2>&1 | grep -q "nbprod .*enabled.*OK" || {
  echo "ui-test: nbprod's labextension is not installed; run: pip install -e '.[lab]'" >&2
  jupyter labextension list >&2
  exit 2
}

mkdir -p docs benchmarks/results
cd extension/ui-tests
exec ../../node_modules/.bin/playwright test --config playwright.config.js "$@"
