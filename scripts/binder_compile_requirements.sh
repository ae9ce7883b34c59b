#!/bin/sh
# Re-pin binder/requirements.txt from binder/requirements.in with pip-tools.
#
# pip-tools goes into a TEMPORARY virtual environment (never into the project's venv), and
# pip's local configuration is switched off (PIP_CONFIG_FILE=/dev/null, no find-links) so
# the pins come from PyPI alone, as on Binder. Run it with Python 3.11, the version in
# binder/runtime.txt: markers are resolved for the running interpreter (so the
# `tomli; python_version < "3.11"` line of requirements.in does not appear in the output).
#
#   usage: scripts/binder_compile_requirements.sh [python3.11] [extra pip-compile options]
#   e.g.   scripts/binder_compile_requirements.sh python3 --upgrade
set -eu
cd "$(dirname "$0")/.."
PY=${1:-python3}
[ $# -gt 0 ] && shift
case "$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" in
  3.11) ;;
  *) echo "warning: binder/runtime.txt says python-3.11; you are compiling with $PY" >&2 ;;
esac
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$PY" -m venv "$TMP/venv"
export PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= PIP_DISABLE_PIP_VERSION_CHECK=1
"$TMP/venv/bin/pip" install --quiet "pip-tools==7.6.2"
CUSTOM_COMPILE_COMMAND="scripts/binder_compile_requirements.sh  # = PIP_CONFIG_FILE=/dev/null pip-compile --strip-extras --no-emit-index-url --no-emit-find-links --output-file binder/requirements.txt binder/requirements.in  (pip-tools 7.6.2, temporary venv, Python 3.11)" \
  "$TMP/venv/bin/pip-compile" --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
  --output-file binder/requirements.txt "$@" binder/requirements.in
echo "wrote binder/requirements.txt"
