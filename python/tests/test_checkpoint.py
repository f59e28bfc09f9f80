"""bnlab checkpoints against real PyTorch: eval outputs of a bnlab checkpoint, and the first
training steps from shared weights and batches.

Needs the bnlab binary (env BNLAB, default .build/debug/bnlab, relative to the repository root)
and the test image subset in Tests/BNDataTests/Fixtures/fashion-subset. Run from the repository
root:  PYTHONPATH=python python -m pytest python/tests/test_checkpoint.py
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))
from bnlab_torch.checkpoint import (build_model, checkpoint_events, load_bnlab, load_split, read_header,  # noqa: E402
                                    save_for_bnlab, state_dict_of)

DATA = ROOT / "Tests/BNDataTests/Fixtures/fashion-subset"
BNLAB = Path(os.environ.get("BNLAB", ROOT / ".build/debug/bnlab"))
if not BNLAB.is_absolute():
    BNLAB = ROOT / BNLAB


def bnlab(*args, runs):
    env = dict(os.environ, BNLAB_DATA=str(DATA), BNLAB_RUNS=str(runs),
               BNLAB_EXPERIMENTS=str(ROOT / "experiments"))
    result = subprocess.run([str(BNLAB), *map(str, args)], env=env, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result


def run_files(runs):
    return sorted(Path(runs).glob("*.jsonl"), key=lambda p: p.stat().st_mtime)


def events(run_file, kind):
    with open(run_file) as f:
        return [e for e in map(json.loads, list(f)[1:]) if e.get("type") == kind]


@pytest.fixture(scope="module", autouse=True)
def needs_bnlab():
    if not BNLAB.exists():
        pytest.skip(f"no bnlab binary at {BNLAB} (build it, or set BNLAB)")


def test_bnlab_checkpoint_gives_same_eval_outputs_in_torch(tmp_path):
    bnlab("run", "bn-vs-no-bn", "--variant", "bn", "--epochs", "1", runs=tmp_path)
    run_file, = run_files(tmp_path)
    checkpoint, = checkpoint_events(run_file)
    assert checkpoint["reason"] == "end"
    model = load_bnlab(run_file)
    assert not model.training
    assert int(model.state_dict()["2.num_batches_tracked"]) == checkpoint["step"]
    config = read_header(run_file)["config"]
    images, labels = load_split(DATA, "t10k", config)
    with torch.no_grad():
        logits = model(images)
    loss = F.cross_entropy(logits, labels, reduction="sum").item() / len(labels)
    epoch, = events(run_file, "epoch")
    assert sum(epoch["class_total"]) == len(labels)
    print(f"eval test loss: bnlab {epoch['test_loss']!r}, torch {loss!r}")
    assert abs(loss - epoch["test_loss"]) <= 1e-5 * max(1.0, abs(loss))
    correct = [0] * 10
    for p, y in zip(logits.argmax(1).tolist(), labels.tolist()):
        correct[y] += p == y
    assert correct == epoch["class_correct"]


def test_same_start_and_batches_give_same_first_losses(tmp_path):
    runs = tmp_path / "runs"
    order_file = tmp_path / "order.json"
    bnlab("run", "bn-vs-no-bn", "--variant", "bn", "--write-batch-order", order_file, "--batches", "8", runs=runs)
    bnlab("run", "bn-vs-no-bn", "--variant", "bn", "--epochs", "1", runs=runs)   # for the header config
    config = read_header(run_files(runs)[0])["config"]

    torch.manual_seed(123)
    torch_model = build_model(config)
    start = tmp_path / "start.safetensors"
    save_for_bnlab(torch_model, start)
    assert set(state_dict_of(start)) == set(torch_model.state_dict())

    bnlab("run", "bn-vs-no-bn", "--variant", "bn", "--epochs", "1", "--init", start, runs=runs)
    bnlab_losses = [e["loss"] for e in events(run_files(runs)[-1], "step")]

    images, labels = load_split(DATA, "train", config)
    batches = json.loads(order_file.read_text())["batches"]
    opt = config["optimizer"]
    sgd = torch.optim.SGD(torch_model.parameters(), lr=opt["lr"], momentum=opt["momentum"],
                          dampening=opt["dampening"], weight_decay=opt["weight_decay"], nesterov=opt["nesterov"])
    torch_model.train()
    torch_losses = []
    for indices in batches:
        index = torch.tensor(indices)
        loss = F.cross_entropy(torch_model(images[index]), labels[index])
        sgd.zero_grad()
        loss.backward()
        sgd.step()
        torch_losses.append(loss.item())
    assert len(torch_losses) == 8
    print(f"first-step losses: max |bnlab - torch| = {max(abs(a - b) for a, b in zip(bnlab_losses, torch_losses)):.3g}")
    for step, (a, b) in enumerate(zip(bnlab_losses, torch_losses), start=1):
        assert abs(a - b) <= 1e-5, f"step {step}: bnlab {a}, torch {b}"


def test_torch_weights_with_wrong_shapes_are_refused(tmp_path):
    bnlab("run", "bn-vs-no-bn", "--variant", "bn", "--epochs", "1", runs=tmp_path / "runs")
    config = read_header(run_files(tmp_path / "runs")[0])["config"]
    config["model"][1]["out"] = 128
    config["model"][2]["features"] = 128
    config["model"][4]["in"] = 128
    wrong = tmp_path / "wrong.safetensors"
    save_for_bnlab(build_model(config), wrong)
    env = dict(os.environ, BNLAB_DATA=str(DATA), BNLAB_RUNS=str(tmp_path / "runs"))
    result = subprocess.run([str(BNLAB), "run", "bn-vs-no-bn", "--variant", "bn", "--init", str(wrong)],
                            env=env, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert "size mismatch for 1.weight" in result.stderr
