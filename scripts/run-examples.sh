#!/usr/bin/env bash
# Runs the Python examples against a fresh server: examples/explore.py, the notebook examples/explore.ipynb
# (top to bottom, with nbclient) and every example in docs/api.md (examples/check_docs.py).
#
#   bash scripts/run-examples.sh                    # what CI runs (.ci/run)
#   SAVE_NOTEBOOK=1 bash scripts/run-examples.sh    # also store the notebook's fresh outputs in the file
#
# Needs Node (with `npm ci` done), Java 17+ and Maven for the local Neo4j, and Python 3.11+ with venv.
# Creates .venv/ if missing and installs examples/requirements.txt into it. The server runs on free ports
# with a throw-away store and writes enabled by a one-off API_TOKEN; it and its Neo4j are stopped on exit,
# whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
READY_TIMEOUT=${READY_TIMEOUT:-180}
VENV=.venv
started=$(date +%s)
log() { printf '\n== run-examples: %s\n' "$*"; }

if [ ! -d node_modules ]; then
  echo "run-examples: node_modules/ is missing; run npm ci first" >&2
  exit 1
fi

log "Python environment ($VENV)"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null; then
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -r examples/requirements.txt
# The notebook's kernel must be this venv's Python: register it inside the venv and prefer the venv's specs.
"$VENV/bin/python" -m ipykernel install --sys-prefix --name python3 >/dev/null
export JUPYTER_PREFER_ENV_PATH=1
"$VENV/bin/python" --version

log "notebook matches the script"
"$VENV/bin/python" examples/sync_notebook.py --check

log "server"
work=$(mktemp -d)
server_pid=""
cleanup() {
  local status=$?
  if [ -n "${step_pid:-}" ]; then kill -TERM "$step_pid" 2>/dev/null || true; fi
  if [ -n "$server_pid" ] && kill -0 -- "-$server_pid" 2>/dev/null; then
    # SIGTERM to the server's whole process group (npm, node and its Neo4j): the server shuts down cleanly.
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 -- "-$server_pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 -- "-$server_pid" 2>/dev/null; then
      echo "run-examples: the server did not stop within 30 s; killing it" >&2
      kill -KILL -- "-$server_pid" 2>/dev/null || true
    fi
    wait "$server_pid" 2>/dev/null || true
    if grep -q '^shutdown: done' "$work/server.err"; then echo "run-examples: server stopped"; fi
  fi
  if [ "$status" -ne 0 ] && [ -s "$work/server.err" ]; then
    echo "--- server log (last 40 lines)" >&2
    tail -n 40 "$work/server.err" >&2
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

API_TOKEN=$("$VENV/bin/python" -c 'import secrets; print(secrets.token_hex(24))')
export API_TOKEN
# set -m gives the background job its own process group, so cleanup can signal npm, node and Neo4j together.
set -m
PORT=0 NEO4J_BOLT_PORT=0 DATA_DIR="$work/data" API_TOKEN="$API_TOKEN" npm start >"$work/server.out" 2>"$work/server.err" </dev/null &
server_pid=$!
set +m

deadline=$(($(date +%s) + READY_TIMEOUT))
ready=""
while [ -z "$ready" ]; do
  ready=$(grep -m1 '^READY http' "$work/server.out" || true)
  [ -n "$ready" ] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "run-examples: the server exited before it was ready" >&2
    exit 1
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "run-examples: no READY line within ${READY_TIMEOUT} s" >&2
    exit 1
  fi
  sleep 1
done
base=$(printf '%s\n' "$ready" | sed -E 's/^READY (http[^ ]*\/).*/\1/')
export GRAPH_API="${base}graphql"
echo "server ready at $GRAPH_API after $(($(date +%s) - started)) s"

passed=0
failed=0
step_pid=""
run() {
  local name=$1
  shift
  log "$name"
  # In the background and waited for, so a signal to this script is handled at once, not after the step.
  "$@" &
  step_pid=$!
  if wait "$step_pid"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "run-examples: $name FAILED" >&2; fi
  step_pid=""
}
run "examples/explore.py" "$VENV/bin/python" examples/explore.py
notebook_args=()
[ "${SAVE_NOTEBOOK:-}" = "1" ] && notebook_args+=(--save)
run "examples/explore.ipynb" "$VENV/bin/python" examples/run_notebook.py ${notebook_args[@]+"${notebook_args[@]}"}
# Last: its write examples add to the graph.
run "docs/api.md examples" "$VENV/bin/python" examples/check_docs.py

log "done in $(($(date +%s) - started)) s"
echo "examples: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
