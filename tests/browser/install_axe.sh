#!/usr/bin/env bash
# Install axe-core (npm) for the annotator's accessibility test into build/axe/ (git-ignored).
# .ci/run calls this before `make test`; the test reads build/axe/node_modules/axe-core/axe.min.js
# (or $AXE_CORE_JS). Idempotent: does nothing when axe-core is already there.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -f build/axe/node_modules/axe-core/axe.min.js ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "install_axe: npm not found (apt-get install npm)" >&2; exit 1; }
mkdir -p build/axe
npm install --prefix build/axe --no-audit --no-fund --no-save --loglevel=error axe-core@4
test -f build/axe/node_modules/axe-core/axe.min.js
