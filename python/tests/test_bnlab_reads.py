"""bnlab reads the recorder's files: `bnlab show` and `bnlab export --format json` give back the numbers."""
import json
import math
import subprocess

import pytest
import torch
from torch import nn

from bnlab_torch import Recorder
from conftest import data, of_type, read_run, train


class Net(nn.Module):
    """A model with nested names (stem.bn, head.norm) and one frozen BatchNorm layer."""

    def __init__(self):
        super().__init__()
        torch.manual_seed(0)
        self.stem = nn.Sequential()
        self.stem.add_module("conv", nn.Conv2d(1, 6, 3))
        self.stem.add_module("bn", nn.BatchNorm2d(6))
        self.head = nn.Sequential()
        self.head.add_module("fc", nn.Linear(6 * 6 * 6, 12))
        self.head.add_module("norm", nn.BatchNorm1d(12, momentum=None))
        self.head.add_module("ln", nn.LayerNorm(12))
        self.out = nn.Linear(12, 4)

    def forward(self, x):
        return self.out(torch.relu(self.head(torch.relu(self.stem(x)).flatten(1))))


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """A run of Net with a frozen stem.bn (a diagnostic), an epoch and a marker."""
    model = Net()
    model.stem.bn.weight.requires_grad_(False)
    model.stem.bn.bias.requires_grad_(False)
    rec = Recorder(model, tmp_path_factory.mktemp("runs"), experiment="net", variant="frozen-stem",
                   params={"lr": 0.1, "batch_size": 16}, class_names=list("abcd"), snapshots_every=2)
    train(model, data(batches=5), rec)
    rec.mark("halfway", kind="note")
    rec.evaluate(model, data(seed=3, batches=2), classes=4, train_mode=[8])
    rec.close()
    return rec.path


def bnlab_run(bnlab, *args):
    result = subprocess.run([bnlab, *args], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_bnlab_show_names_layers_params_and_diagnostics(bnlab, recorded):
    text = bnlab_run(bnlab, "show", "--color", "never", str(recorded))
    assert "net / frozen-stem" in text and "done, 5 steps" in text
    assert "params: batch_size=16 lr=0.1" in text
    assert "! warning frozen_bn_moving at step 1: stem.bn has requires_grad off" in text
    # the last snapshot is the epoch's end (evaluate after step 5), not the cadence's step 4
    assert "layer stem.bn (BatchNorm2d, 6 channels) at step 5" in text
    assert "layer head.norm (BatchNorm1d, 12 channels)" in text
    assert "config could not be read" not in text


def numbers_match(written, exported, path="event"):
    """Every field of ``written`` is in ``exported`` with the same value (numbers to float precision)."""
    if isinstance(written, dict):
        for key, value in written.items():
            assert key in exported, f"{path}.{key} missing from the export"
            numbers_match(value, exported[key], f"{path}.{key}")
    elif isinstance(written, list):
        assert len(written) == len(exported), path
        for i, (a, b) in enumerate(zip(written, exported)):
            numbers_match(a, b, f"{path}[{i}]")
    elif isinstance(written, float) and math.isfinite(written):
        assert exported == pytest.approx(written, rel=1e-6, abs=1e-30), path
    else:
        assert exported == written, path


def test_bnlab_export_json_gives_back_every_event(bnlab, recorded):
    exported = json.loads(bnlab_run(bnlab, "export", "--format", "json", str(recorded)))
    header, events = read_run(recorded)
    assert exported["notices"] == []
    assert exported["header"]["params"] == header["params"]
    assert [m["name"] for m in exported["header"]["modules"]] == [m["name"] for m in header["modules"]]
    assert len(exported["events"]) == len(events)
    for written, back in zip(events, exported["events"]):
        numbers_match(written, back, written["type"])
    assert of_type(events, "bn_snapshot") and of_type(events, "bn_watch") and of_type(events, "epoch")


def test_a_run_killed_mid_line_still_shows(bnlab, recorded, tmp_path):
    text = open(recorded).read()
    cut = text[: text.rindex('{"type":"epoch"') + 40]  # the epoch line cut in the middle, no end
    killed = tmp_path / "killed.jsonl"
    killed.write_text(cut)
    shown = bnlab_run(bnlab, "show", "--color", "never", str(killed))
    assert "5 steps" in shown and "last partial line was ignored" in shown


def test_ddp_rank_files_show_their_rank(bnlab, tmp_path):
    import sys
    from conftest import EXAMPLES
    subprocess.run([sys.executable, str(EXAMPLES / "ddp_bn.py"), "--runs", str(tmp_path), "--steps", "3",
                    "--data", str(tmp_path / "none")], check=True, capture_output=True, timeout=300)
    files = sorted(str(p) for p in tmp_path.glob("*.jsonl"))
    text = bnlab_run(bnlab, "show", "--color", "never", *files)
    assert "rank 0 of 2, group" in text and "rank 1 of 2, group" in text
