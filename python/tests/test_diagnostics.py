"""Each diagnostic fires on a model that has the problem, and stays silent on one that does not."""
import pytest
import torch
from torch import nn

from bnlab_torch import Recorder
from conftest import data, of_type, read_run, small_model, train


def diagnostics(path):
    _, events = read_run(path)
    return [(e["kind"], e.get("layer")) for e in of_type(events, "diagnostic")]


def recorded(tmp_path, model, action):
    """Runs ``action(model, recorder)`` under a recorder; returns the (kind, layer) diagnostics written."""
    rec = Recorder(model, tmp_path)
    try:
        action(model, rec)
    finally:
        rec.close()
    return diagnostics(rec.path)


class AlwaysTrainBN(nn.Sequential):
    """A model whose train() override keeps layer 1 in train mode, so model.eval() misses it."""

    def train(self, mode=True):
        super().train(mode)
        self[1].train()
        return self


def test_bn_in_train_mode_during_evaluation(tmp_path):
    def sloppy(model, rec):
        train(model, data(batches=2), rec)
        rec.evaluate(model, data(batches=1), classes=4)
    assert recorded(tmp_path / "bad", AlwaysTrainBN(*small_model()), sloppy) == [("bn_train_mode_in_eval", "1")]

    def clean(model, rec):
        train(model, data(batches=2), rec)
        rec.evaluate(model, data(batches=1), classes=4, train_mode=True)  # train-mode BN on purpose: fine
    assert recorded(tmp_path / "good", small_model(), clean) == []


def test_bn_in_train_mode_while_the_model_is_in_eval_mode(tmp_path):
    def manual(model, rec):
        model.eval()
        model[5].train()
        with torch.no_grad():
            model(data(batches=1)[0][0])
    assert recorded(tmp_path, small_model(), manual) == [("bn_train_mode_in_eval", "5")]


def test_an_evaluation_without_model_eval(tmp_path):
    # The most common BatchNorm bug: an own test loop under no_grad, the model still in train mode.
    def forgot_eval(model, rec):
        train(model, data(batches=3), rec)
        with torch.no_grad():
            for x, _ in data(seed=5, batches=2):
                model(x)
        train(model, data(seed=6, batches=1), rec)
    rec = Recorder(small_model(), tmp_path / "bad")
    model = rec.model
    forgot_eval(model, rec)
    rec.close()
    _, events = read_run(rec.path)
    found = of_type(events, "diagnostic", kind="bn_train_mode_in_eval")
    assert [d["layer"] for d in found] == ["1", "5"] and "torch.no_grad()" in found[0]["text"]
    # the hidden forwards moved the buffers: they are recorded, so the running-statistics rule holds
    watches = of_type(events, "bn_watch", layer="5")
    assert [w["num_batches_tracked"] for w in watches] == [1, 2, 3, 4, 5, 6]
    assert [(w["step"], w["micro"]) for w in watches][3:] == [(4, 1), (4, 2), (4, 3)]

    def evaluates_properly(model, rec):
        train(model, data(batches=3), rec)
        model.eval()
        with torch.no_grad():
            for x, _ in data(seed=5, batches=2):
                model(x)
    assert recorded(tmp_path / "good", small_model(), evaluates_properly) == []


def test_a_batchnorm_used_twice_in_one_forward(tmp_path):
    class Twice(nn.Module):
        def __init__(self):
            super().__init__()
            self.lin, self.bn, self.out = nn.Linear(64, 8), nn.BatchNorm1d(8), nn.Linear(8, 4)

        def forward(self, x):
            h = self.bn(self.lin(x.flatten(1)))
            return self.out(self.bn(h))  # the same BatchNorm again: two updates per forward

    def run(model, rec):
        train(model, data(batches=2), rec)
    assert recorded(tmp_path / "bad", Twice(), run) == [("bn_forward_repeated", "bn")]

    def accumulate(model, rec):  # several forwards per step, one update each: fine
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for i, (x, y) in enumerate(data(batches=4)):
            torch.nn.functional.cross_entropy(model(x), y).backward()
            if i % 2 == 1:
                optimizer.step(); optimizer.zero_grad(); rec.step(torch.tensor(1.0), optimizer)
    assert recorded(tmp_path / "good", small_model(), accumulate) == []


def test_frozen_bn_whose_running_stats_move(tmp_path):
    def freeze(model, train_bn):
        for p in list(model[0].parameters()) + list(model[1].parameters()):
            p.requires_grad_(False)
        model.train()
        if not train_bn:
            model[1].eval()  # the fix: frozen BN in eval mode

    class Loop:
        def __init__(self, train_bn):
            self.train_bn = train_bn

        def __call__(self, model, rec):
            freeze(model, self.train_bn)
            optimizer = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.1)
            for x, y in data(batches=3):
                loss = nn.functional.cross_entropy(model(x), y)
                optimizer.zero_grad(); loss.backward(); optimizer.step()
                rec.step(loss, optimizer)
    assert recorded(tmp_path / "bad", small_model(), Loop(True)) == [("frozen_bn_moving", "1")]
    assert recorded(tmp_path / "good", small_model(), Loop(False)) == []


def test_frozen_bn_without_affine_inside_a_frozen_block(tmp_path):
    def build():
        torch.manual_seed(0)
        block = nn.Sequential(nn.Linear(4, 6), nn.BatchNorm1d(6, affine=False))
        return nn.Sequential(block, nn.ReLU(), nn.Linear(6, 2))

    def run(freeze):
        def action(model, rec):
            if freeze:
                for p in model[0].parameters():
                    p.requires_grad_(False)
            model.train()
            model(torch.randn(8, 4)).sum().backward()
            rec.step(0.0)
        return action
    assert recorded(tmp_path / "bad", build(), run(True)) == [("frozen_bn_moving", "0.1")]
    assert recorded(tmp_path / "good", build(), run(False)) == []


def test_a_batch_with_one_value_per_channel(tmp_path):
    def one_sample(model, rec):
        model.train()
        with pytest.raises(ValueError, match="more than 1 value per channel"):
            model(torch.randn(1, 1, 8, 8))
    assert ("single_value_per_channel", "5") in recorded(tmp_path / "bad", small_model(), one_sample)

    def two_samples(model, rec):
        model.train()
        model(torch.randn(2, 1, 8, 8))
    assert recorded(tmp_path / "good", small_model(), two_samples) == []


@pytest.mark.parametrize("scale,kind", [(0.0, "running_var_collapse"), (1e5, "running_var_explode")])
def test_running_var_collapsing_or_exploding(tmp_path, scale, kind):
    def feed(factor):
        def action(model, rec):
            model.train()
            for _ in range(3):
                x = torch.randn(16, 3)
                x[:, 1] = x[:, 1] * factor  # channel 1: constant (0) or huge
                model(x)
                rec.step(0.0)
        return action
    assert recorded(tmp_path / "bad", nn.BatchNorm1d(3, momentum=1.0), feed(scale)) == [(kind, "BatchNorm1d")]
    assert recorded(tmp_path / "good", nn.BatchNorm1d(3, momentum=1.0), feed(1.0)) == []


def test_a_diverging_loss(tmp_path):
    def diverge(model, rec):
        for loss in (2.3, 2.0, 5e7):
            rec.step(loss)
    assert recorded(tmp_path / "bad", small_model(), diverge) == [("loss_exploding", None)]

    def converge(model, rec):
        for loss in (2.3, 2.0, 1.5):
            rec.step(loss)
    assert recorded(tmp_path / "good", small_model(), converge) == []
