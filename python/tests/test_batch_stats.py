"""Where the recorded batch statistics come from (bnlab_torch.batch_stats), and that each source is exact
to float32 rounding and changes nothing in training."""
import pytest
import torch
from torch import nn
from torch.utils.checkpoint import checkpoint

from bnlab_torch import Recorder
from bnlab_torch import batch_stats
from conftest import data, of_type, read_run, small_model, train


def exact(x):
    """(mean, biased var) per channel of x, in float64."""
    dims = [0] + list(range(2, x.dim()))
    x = x.double()
    return x.mean(dim=dims).tolist(), x.var(dim=dims, unbiased=False).tolist()


def forward_stats(module, x):
    """The ForwardStats the recorder would take from one training forward of ``module`` on ``x``."""
    seen = []
    handle = module.register_forward_hook(lambda m, i, o: seen.append(batch_stats.of_forward(m, i[0], o)))
    module.train()
    module(x)
    handle.remove()
    return seen[0]


@pytest.mark.parametrize("shape", [(16, 6, 5, 5), (32, 12), (8, 4, 10), (4, 3, 2, 3, 3)])
@pytest.mark.parametrize("scale,shift", [(3.0, 5.0), (0.01, 100.0), (1.0, 0.0)])
def test_batchnorms_own_statistics_are_read_from_autograd(shape, scale, shift):
    torch.manual_seed(0)
    bn = {2: nn.BatchNorm1d, 3: nn.BatchNorm1d, 4: nn.BatchNorm2d, 5: nn.BatchNorm3d}[len(shape)](shape[1])
    x = torch.randn(*shape) * scale + shift
    stats = forward_stats(bn, x)
    assert stats.from_autograd  # the saved results, not a computation of the recorder's own
    mean, var, count = stats.lists()
    want_mean, want_var = exact(x)
    assert count == x.numel() // shape[1]
    assert mean == pytest.approx(want_mean, rel=1e-6, abs=1e-9)
    # PyTorch's own variance of a 2-D input with mean/std = 1e4 is off by 2e-6: it is what BN used
    assert var == pytest.approx(want_var, rel=1e-5)
    index = torch.tensor([0, shape[1] - 1])
    assert stats.lists(index)[:2] == ([mean[0], mean[-1]], [var[0], var[-1]])


@pytest.mark.parametrize("scale,shift", [(3.0, 5.0), (0.01, 100.0), (1.0, 0.0), (1e-4, -3e3)])
def test_computed_statistics_are_exact_to_float32_rounding(scale, shift):
    # affine=False on an input without grad: autograd keeps nothing, the recorder computes
    torch.manual_seed(1)
    bn = nn.BatchNorm2d(5, affine=False)
    x = torch.randn(64, 5, 9, 9) * scale + shift
    stats = forward_stats(bn, x)
    assert not stats.from_autograd
    mean, var, _ = stats.lists()
    want_mean, want_var = exact(x)
    assert mean == pytest.approx(want_mean, rel=1e-6, abs=1e-6 * scale)  # float32 rounding of the data's scale
    assert var == pytest.approx(want_var, rel=1e-5)  # the shifted second pass keeps a large mean harmless


def test_a_subclass_that_normalizes_something_else_gets_the_statistics_of_its_input():
    class Doubled(nn.BatchNorm1d):
        def forward(self, x):
            return super().forward(x * 2)

    x = torch.randn(20, 3) + 1
    stats = forward_stats(Doubled(3), x)
    assert not stats.from_autograd
    assert stats.lists()[0] == pytest.approx(exact(x)[0], rel=1e-6)


class Checkpointed(nn.Module):
    """small_model's layers with the first block under activation checkpointing (saved-tensor hooks)."""

    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        x = checkpoint(lambda t: self.inner[2](self.inner[1](self.inner[0](t))), x, use_reentrant=False)
        for layer in list(self.inner)[3:]:
            x = layer(x)
        return x


def test_activation_checkpointing_is_left_alone(tmp_path):
    # Reading autograd's saved tensors under checkpointing would run its unpack hooks; the recorder
    # computes instead, and the run is bit for bit the run without it.
    plain = Checkpointed(small_model(seed=3))
    plain_losses = train(plain, data(seed=2, batches=5))
    recorded = Checkpointed(small_model(seed=3))
    rec = Recorder(recorded, tmp_path, watch_channels=8, snapshots_every=1)
    inputs = []
    recorded.inner[1].register_forward_pre_hook(lambda m, i: inputs.append(i[0].detach()))
    recorded_losses = train(recorded, data(seed=2, batches=5), rec)
    rec.close()
    assert recorded_losses == plain_losses
    for a, b in zip(plain.state_dict().values(), recorded.state_dict().values()):
        assert torch.equal(a, b)
    _, events = read_run(rec.path)
    # checkpointing runs each forward again in the backward pass, BatchNorm's update included
    assert int(recorded.inner[1].num_batches_tracked) == 10
    watches = of_type(events, "bn_watch", layer="inner.1")
    assert [(w["step"], w["micro"]) for w in watches] == [(s, m) for s in range(1, 6) for m in (1, 2)]
    assert len(inputs) == len(watches)
    # and says so, once, at step 1: two updates per forward of the model
    repeated = of_type(events, "diagnostic", kind="bn_forward_repeated")
    assert [(d["layer"], d["step"]) for d in repeated] == [("inner.1", 1)]
    assert "ran 2 training forwards for 1 forward(s) of the model" in repeated[0]["text"]
    for watch, x in zip(watches, inputs):
        assert watch["batch_mean"] == pytest.approx(exact(x)[0], rel=1e-6, abs=1e-7)
        assert watch["batch_var"] == pytest.approx(exact(x)[1], rel=1e-6)


def test_both_sources_agree_in_a_recorded_run(tmp_path, monkeypatch):
    # the same model, once with BatchNorm's own statistics and once forced to compute them
    runs = {}
    original = batch_stats.of_forward
    for source in ("autograd", "computed"):
        if source == "computed":
            monkeypatch.setattr(batch_stats, "of_forward", lambda m, x, o, reduce=None: original(m, x, None, reduce))
        model = small_model(seed=8)
        rec = Recorder(model, tmp_path / source, watch_channels=8, snapshots_every=2)
        train(model, data(seed=6, batches=4), rec)
        rec.close()
        runs[source] = read_run(rec.path)[1]
    for kind in ("bn_watch", "bn_snapshot"):
        a, b = of_type(runs["autograd"], kind), of_type(runs["computed"], kind)
        assert len(a) == len(b) > 0
        for x, y in zip(a, b):
            assert x["batch_mean"] == pytest.approx(y["batch_mean"], rel=1e-6, abs=1e-8)
            assert x["batch_var"] == pytest.approx(y["batch_var"], rel=1e-6)
