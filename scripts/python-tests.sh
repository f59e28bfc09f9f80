#!/usr/bin/env bash
# The PyTorch recorder's tests (python/tests, pytest) against real PyTorch and a built bnlab.
# Usage: scripts/python-tests.sh PATH/TO/bnlab
# PyTorch lives in a cached virtual environment outside the clone, created on first use
# ($BNLAB_TORCH_VENV, default ~/.cache/bnlab-torch-venv: python3 -m venv, then pip install torch numpy
# safetensors pytest — several GB with PyPI's CUDA libraries, so it is reused by every later run).
# Installs ./python into it (pip install ./python) and runs pytest; exits with pytest's status,
# except that "no tests collected" (5) is a failure too.
set -uo pipefail
BNLAB=${1:?usage: scripts/python-tests.sh PATH/TO/bnlab}
BNLAB=$(cd "$(dirname "$BNLAB")" && pwd)/$(basename "$BNLAB")
[ -x "$BNLAB" ] || { echo "python-tests: $BNLAB is not an executable; build bnlab first"; exit 2; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/lib/torch-venv.sh"

if [ -x "$PY" ] && "$PY" -c "import torch, numpy, safetensors, pytest" 2>/dev/null; then
    echo "python-tests: reusing $VENV (torch $("$PY" -c 'import torch; print(torch.__version__)'))"
else
    echo "python-tests: creating $VENV and installing torch numpy safetensors pytest (large download, once)"
    command -v python3 >/dev/null || { echo "python-tests: python3 is missing (Debian: apt-get install python3-venv)"; exit 2; }
    python3 -m venv "$VENV" || { echo "python-tests: python3 -m venv failed (Debian: apt-get install python3-venv)"; exit 2; }
    "$PY" -m pip install --quiet --upgrade pip || exit 2
    "$PY" -m pip install --quiet torch numpy safetensors pytest || { echo "python-tests: installing torch failed"; exit 2; }
fi

"$PY" -m pip install --quiet --no-deps --force-reinstall "$ROOT/python" \
    || { echo "python-tests: pip install ./python failed"; exit 2; }
# The installed package is tested (not the source folder): run from a neutral directory.
cd "$(mktemp -d)" || exit 2
trap 'rm -rf "$PWD"' EXIT
BNLAB="$BNLAB" "$PY" -m pytest -q -p no:cacheprovider "$ROOT/python/tests"
status=$?
if [ "$status" -eq 5 ]; then
    echo "python-tests: pytest collected no tests: that is a failure"
    exit 1
fi
exit "$status"
