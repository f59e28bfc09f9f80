# Shared by scripts/python-tests.sh and scripts/watch-e2e.sh: where the cached PyTorch virtual
# environment lives (outside the clone, reused by every run) and its python.
VENV=${BNLAB_TORCH_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/bnlab-torch-venv}
PY="$VENV/bin/python"
