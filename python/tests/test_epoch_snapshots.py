"""A full bn_snapshot of every BatchNorm layer at the end of every epoch, as bnlab's own runs write."""
import pytest
import torch

from bnlab_torch import Recorder
from conftest import data, of_type, read_run, small_model, train


def last_inputs(model):
    """The input of each BatchNorm layer ("1", "5") at its latest forward, kept by a pre-hook."""
    seen = {}
    for name in ("1", "5"):
        model[int(name)].register_forward_pre_hook(lambda m, i, name=name: seen.__setitem__(name, i[0].detach().double()))
    return seen


def test_evaluate_writes_a_full_snapshot_of_the_epochs_last_step(tmp_path):
    model = small_model()
    rec = Recorder(model, tmp_path, snapshots_every=50)   # the cadence writes step 1 only
    seen = last_inputs(model)
    train(model, data(batches=5), rec)
    buffers = {name: (model[int(name)].running_mean.clone(), model[int(name)].running_var.clone()) for name in ("1", "5")}
    inputs = dict(seen)
    rec.evaluate(model, data(seed=7, batches=1), classes=4)
    rec.close()
    _, events = read_run(rec.path)
    for name in ("1", "5"):
        snapshots = of_type(events, "bn_snapshot", layer=name)
        assert [s["step"] for s in snapshots] == [1, 5]
        end = snapshots[-1]
        x = inputs[name]
        dims = [0] + list(range(2, x.dim()))
        assert end["epoch"] == 1 and end["num_batches_tracked"] == 5 and end["count"] == x.numel() // x.shape[1]
        assert end["batch_mean"] == pytest.approx(x.mean(dim=dims).tolist(), rel=1e-6, abs=1e-9)
        assert end["batch_var"] == pytest.approx(x.var(dim=dims, unbiased=False).tolist(), rel=1e-6, abs=1e-12)
        assert end["running_mean"] == pytest.approx(buffers[name][0].double().tolist(), rel=1e-7, abs=1e-12)
        assert end["running_var"] == pytest.approx(buffers[name][1].double().tolist(), rel=1e-7)
    # the snapshot comes before the epoch event, at the step the epoch ended
    kinds = [e["type"] for e in events if e.get("step") == 5 or e["type"] == "epoch"]
    assert kinds.index("epoch") > max(i for i, k in enumerate(kinds) if k == "bn_snapshot")


def test_every_epoch_end_has_one_snapshot_per_layer(tmp_path):
    model = small_model()
    rec = Recorder(model, tmp_path, snapshots_every=3)   # the cadence already writes step 3
    train(model, data(batches=3), rec)
    rec.evaluate(model, data(seed=7, batches=1), classes=4)
    train(model, data(seed=2, batches=4), rec)
    rec.end_epoch()
    train(model, data(seed=3, batches=1), rec)
    rec.close()
    _, events = read_run(rec.path)
    for name in ("1", "5"):
        snapshots = of_type(events, "bn_snapshot", layer=name)
        assert [(s["step"], s["epoch"]) for s in snapshots] == [(1, 1), (3, 1), (6, 2), (7, 2)]
    assert {s["epoch"] for s in of_type(events, "step") if s["step"] == 8} == {3}


def test_no_snapshot_before_the_first_step(tmp_path):
    model = small_model()
    rec = Recorder(model, tmp_path)
    rec.evaluate(model, data(seed=7, batches=1), classes=4)
    rec.end_epoch()
    rec.close()
    _, events = read_run(rec.path)
    assert not of_type(events, "bn_snapshot")


def test_epoch_end_snapshots_change_no_training_result(tmp_path):
    plain = small_model(seed=5)
    plain_losses = train(plain, data(seed=9, batches=4)) + train(plain, data(seed=8, batches=4))
    recorded = small_model(seed=5)
    rec = Recorder(recorded, tmp_path)
    losses = train(recorded, data(seed=9, batches=4), rec)
    rec.evaluate(recorded, data(seed=4, batches=1), classes=4)
    losses += train(recorded, data(seed=8, batches=4), rec)
    rec.close()
    assert losses == plain_losses  # bit for bit
    for a, b in zip(plain.state_dict().values(), recorded.state_dict().values()):
        assert torch.equal(a, b)
