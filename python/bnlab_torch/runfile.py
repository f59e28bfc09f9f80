"""Writes a bnlab run file: JSON Lines, one event per line, each flushed at once (docs/run-format.md)."""
import json
import math
import os
import re
import secrets
import threading
from datetime import datetime, timezone

FORMAT_NAME = "bnlab-run"
FORMAT_VERSION = "1.1"


def num(x):
    """A float as the run format writes it: finite numbers as they are, NaN/inf as "nan"/"inf"/"-inf"."""
    x = float(x)
    if math.isfinite(x):
        return x
    return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")


def nums(values):
    """A list of floats as the run format writes it (see ``num``)."""
    return [num(v) for v in values]


def utc_now_text():
    """The current UTC time as ISO 8601 text without fractional seconds, e.g. 2025-01-31T12:00:00Z."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def make_run_id():
    """Six random lower-case hex digits, as bnlab's run ids."""
    return secrets.token_hex(3)


def safe_name_part(text):
    """Characters other than letters, digits, '.', '_' and '-' become '_' (the format's file-name rule)."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", str(text))


def run_file_name(experiment, variant, run_id, started=None, suffix=""):
    """``<experiment>-<variant>-<yyyyMMdd-HHmmss>-<run_id><suffix>.jsonl``, the time in UTC."""
    started = started or datetime.now(timezone.utc)
    stamp = started.strftime("%Y%m%d-%H%M%S")
    return f"{safe_name_part(experiment)}-{safe_name_part(variant)}-{stamp}-{safe_name_part(run_id)}{safe_name_part(suffix)}.jsonl"


# One encoder for every line: json.dumps with options builds a new one per call.
_ENCODER = json.JSONEncoder(allow_nan=False, separators=(",", ":"))


class RunFileWriter:
    """Writes one run file line by line; each line goes out in one write and is flushed at once.

    Non-finite numbers must already be strings (``num``); ``json.dumps(allow_nan=False)`` refuses
    the rest, so a file never holds NaN tokens.
    """

    def __init__(self, path):
        self.path = os.fspath(path)
        os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
        # Unbuffered binary: one os-level write per line, so a killed process leaves whole lines.
        self._file = open(self.path, "xb", buffering=0)
        self._lock = threading.Lock()
        self.lines = 0

    def write(self, obj):
        """Writes one JSON object as one line."""
        data = (_ENCODER.encode(obj) + "\n").encode("utf-8")
        with self._lock:
            if self._file is None:
                return
            self._file.write(data)
            self.lines += 1

    @property
    def closed(self):
        """Whether ``close`` was called."""
        return self._file is None

    def close(self):
        """Closes the file; later writes are ignored."""
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None
