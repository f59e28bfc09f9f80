"""The recorder's file: what it writes, that it matches the model's buffers, and that it changes nothing."""
import json
import math
import subprocess
import sys

import pytest
import torch
import torch.nn.functional as F

from bnlab_torch import Recorder
from conftest import data, of_type, read_run, small_model, train


def test_header_describes_every_module_by_pytorch_name(tmp_path):
    model = small_model(momentum=None)
    rec = Recorder(model, tmp_path, experiment="exp", variant="v", params={"lr": 0.1, "opt": "sgd"}, seed=3,
                   class_names=["a", "b", "c", "d"])
    rec.close()
    header, events = read_run(rec.path)
    assert header["format"] == "bnlab-run" and header["version"] == "1.1"
    assert header["config"] is None and header["params"] == {"lr": 0.1, "opt": "sgd"} and header["seed"] == 3
    assert [m["name"] for m in header["modules"]] == [str(i) for i in range(8)]
    bn = header["modules"][1]
    assert bn == {"name": "1", "type": "BatchNorm2d", "features": 8, "eps": 1e-5, "momentum": None, "affine": True,
                  "track_running_stats": True}
    assert "rank" not in header
    assert events[-1]["type"] == "end" and events[-1]["status"] == "done"


def test_watched_running_stats_equal_the_buffers_after_each_forward(tmp_path):
    model = small_model()
    seen = {}
    # A hook registered after the recorder's sees the same forward: it copies the buffers.
    rec = Recorder(model, tmp_path, watch_channels=[0, 3, 7], snapshots_every=2)
    model[1].register_forward_hook(lambda m, i, o: seen.setdefault("rm", []).append(m.running_mean.clone()))
    train(model, data(), rec)
    rec.close()
    _, events = read_run(rec.path)
    watches = of_type(events, "bn_watch", layer="1")
    assert len(watches) == 6 and [w["step"] for w in watches] == [1, 2, 3, 4, 5, 6]
    for watch, buffer in zip(watches, seen["rm"]):
        assert watch["channels"] == [0, 3, 7]
        assert watch["running_mean"] == pytest.approx([float(buffer[c]) for c in (0, 3, 7)], rel=1e-6, abs=1e-9)
    last = of_type(events, "bn_snapshot", layer="5")[-1]
    assert last["step"] == 6 and last["num_batches_tracked"] == 6 == int(model[5].num_batches_tracked)
    assert last["running_var"] == pytest.approx(model[5].running_var.double().tolist(), rel=1e-6)
    assert last["count"] == 16 and len(last["batch_mean"]) == 16


def test_batch_statistics_are_those_of_the_layer_input(tmp_path):
    model = small_model()
    inputs = []
    rec = Recorder(model, tmp_path, watch_channels=8, snapshots_every=1)
    model[1].register_forward_pre_hook(lambda m, i: inputs.append(i[0].detach().double()))
    train(model, data(batches=2), rec)
    rec.close()
    _, events = read_run(rec.path)
    for watch, x in zip(of_type(events, "bn_watch", layer="1"), inputs):
        assert watch["count"] == x.numel() // 8 == 16 * 6 * 6
        # float32 statistics (BatchNorm's own saved results): within float32 rounding of the exact ones
        assert watch["batch_mean"] == pytest.approx(x.mean(dim=(0, 2, 3)).tolist(), rel=1e-6, abs=1e-9)
        assert watch["batch_var"] == pytest.approx(x.var(dim=(0, 2, 3), unbiased=False).tolist(), rel=1e-6)


@pytest.mark.parametrize("momentum", [0.1, None])
def test_watch_events_satisfy_pytorchs_running_rule(tmp_path, momentum):
    model = small_model(momentum=momentum)
    rec = Recorder(model, tmp_path)
    train(model, data(batches=8), rec)
    rec.close()
    _, events = read_run(rec.path)
    watches = of_type(events, "bn_watch", layer="5")
    for before, after in zip(watches, watches[1:]):
        n, count = after["count"], after["num_batches_tracked"]
        m = momentum if momentum is not None else 1.0 / count
        for k in range(len(after["channels"])):
            # running ← (1 − m)·running + m·batch (var: batch_var·n/(n − 1))
            assert after["running_mean"][k] == pytest.approx((1 - m) * before["running_mean"][k] + m * after["batch_mean"][k], rel=1e-5, abs=1e-7)
            unbiased = after["batch_var"][k] * n / (n - 1)
            assert after["running_var"][k] == pytest.approx((1 - m) * before["running_var"][k] + m * unbiased, rel=1e-5)


def test_the_recorder_changes_no_training_result(tmp_path):
    plain = small_model(seed=5)
    plain_losses = train(plain, data(seed=9, batches=10))
    recorded = small_model(seed=5)
    rec = Recorder(recorded, tmp_path, watch_channels=8, snapshots_every=1)
    recorded_losses = train(recorded, data(seed=9, batches=10), rec)
    rec.evaluate(recorded, data(seed=4, batches=2), classes=4, train_mode=[8])
    rec.close()
    assert recorded_losses == plain_losses  # bit for bit
    for a, b in zip(plain.state_dict().values(), recorded.state_dict().values()):
        assert torch.equal(a, b)
    _, events = read_run(rec.path)
    assert [e["loss"] for e in of_type(events, "step")] == pytest.approx(plain_losses, rel=1e-7)


def test_evaluate_writes_the_epoch_and_leaves_the_buffers_alone(tmp_path):
    model = small_model()
    rec = Recorder(model, tmp_path, class_names=list("abcd"))
    losses = train(model, data(batches=3), rec)
    before = {k: v.clone() for k, v in model.state_dict().items()}
    test = data(seed=7, batches=2)
    event = rec.evaluate(model, test, train_mode=[4, 32])
    rec.mark("after epoch 1")
    rec.close()
    for k, v in model.state_dict().items():
        assert torch.equal(v, before[k]), k
    assert model.training  # the mode is restored
    model.eval()
    with torch.no_grad():
        x = torch.cat([b[0] for b in test]); y = torch.cat([b[1] for b in test])
        expected_accuracy = (model(x).argmax(1) == y).float().mean().item()
        expected_loss = F.cross_entropy(model(x), y).item()
    assert event["accuracy"] == pytest.approx(expected_accuracy)
    assert event["test_loss"] == pytest.approx(expected_loss, rel=1e-5)
    assert event["train_loss"] == pytest.approx(sum(losses) / 3)
    assert sum(event["class_total"]) == 32 and [t["batch_size"] for t in event["train_mode"]] == [4, 32]
    _, events = read_run(rec.path)
    assert of_type(events, "marker")[0] == {"type": "marker", "step": 3, "kind": "note", "text": "after epoch 1"}
    assert events[-1]["accuracy"] == event["accuracy"] and events[-1]["epoch"] == 1
    assert not of_type(events, "bn_watch", step=4)  # evaluation forwards are not training forwards


def test_lines_are_on_disk_as_soon_as_they_happen(tmp_path):
    model = small_model()
    rec = Recorder(model, tmp_path)
    train(model, data(batches=2), rec)
    header, events = read_run(rec.path)  # before close
    assert header["format"] == "bnlab-run" and len(of_type(events, "step")) == 2
    assert not of_type(events, "end")
    rec.close()


def test_a_nan_loss_is_written_as_a_string(tmp_path):
    model = small_model()
    with Recorder(model, tmp_path) as rec:
        rec.step(torch.tensor(1.0))
        rec.step(float("nan"))
        rec.step(float("inf"))
    _, events = read_run(rec.path)
    assert [e["loss"] for e in of_type(events, "step")] == [1.0, "nan", "inf"]
    assert len(of_type(events, "diagnostic", kind="loss_exploding")) == 1


def test_an_exception_in_the_with_block_ends_the_run_failed(tmp_path):
    model = small_model()
    with pytest.raises(RuntimeError):
        with Recorder(model, tmp_path) as rec:
            rec.step(1.0)
            raise RuntimeError("out of memory")
    _, events = read_run(rec.path)
    assert events[-1]["status"] == "failed" and "out of memory" in events[-1]["message"]


@pytest.mark.parametrize("ending,status", [("pass", "done"), ("raise ValueError('bad data')", "failed"),
                                           ("raise KeyboardInterrupt", "cancelled")])
def test_exiting_without_close_still_writes_an_end(tmp_path, ending, status):
    script = f"""
import torch
from bnlab_torch import Recorder
rec = Recorder(torch.nn.BatchNorm1d(3), {str(tmp_path)!r})
rec.step(1.0)
{ending}
"""
    subprocess.run([sys.executable, "-c", script], capture_output=True)
    (path,) = tmp_path.glob("*.jsonl")
    _, events = read_run(path)
    assert events[-1]["type"] == "end" and events[-1]["status"] == status


def test_importing_the_package_does_not_import_torch():
    code = "import sys, bnlab_torch; assert 'torch' not in sys.modules; print(bnlab_torch.__all__)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Recorder" in result.stdout


@pytest.mark.parametrize("kwargs,cadence", [({}, 50), ({"total_steps": 1000}, 5), ({"total_steps": 50}, 1),
                                            ({"total_steps": 1000, "snapshots_every": 7}, 7)])
def test_snapshot_cadence(tmp_path, kwargs, cadence):
    rec = Recorder(small_model(), tmp_path, **kwargs)
    rec.close()
    assert rec.snapshots_every == cadence
