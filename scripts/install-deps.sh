#!/usr/bin/env bash
# Installs the Debian packages given as arguments that are not installed yet.
# Uses apt-get directly as root, through sudo otherwise, and says clearly when neither works.
set -euo pipefail
missing=()
for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "bnlab: installing missing packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
elif command -v sudo >/dev/null 2>&1 && [ -t 0 ]; then
    SUDO="sudo"
else
    echo "bnlab: cannot install ${missing[*]}: not root and sudo is not available." >&2
    echo "       Install them by hand: apt-get install ${missing[*]}" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "bnlab: apt-get not found; install these packages by hand: ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || { echo "bnlab: apt-get update failed" >&2; exit 1; }
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || { echo "bnlab: apt-get install ${missing[*]} failed" >&2; exit 1; }
