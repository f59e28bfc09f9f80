"""The per-channel batch statistics a BatchNorm normalized a training forward with.

Three sources, cheapest first:

- **BatchNorm's own results.** In a training forward PyTorch's ``native_batch_norm`` computes
  ``save_mean`` and ``save_invstd = 1/sqrt(var + eps)`` per channel (accumulated in float64, stored
  in float32) and autograd keeps them for the backward pass. Reading them costs nothing, so the
  recorder uses them whenever the layer's output carries that node for this very input:
  mean = save_mean, var = 1/save_invstd² − eps (biased, the one BatchNorm normalized with).
  Relative error: float32 rounding, about 1e-7·(1 + eps/var).
- **Computed in float32** from the input, in two passes around a shift c = Σx/n (so a large mean
  costs no precision): D = Σ(x − c), Q = Σ(x − c)², mean = c + D/n, var = Q/n − (D/n)². Used when autograd kept nothing (no grad, a layer without
  parameters fed by an input without grad, saved-tensor hooks such as activation checkpointing,
  or a BatchNorm subclass that normalizes something else).
- **Summed over every rank** for a SyncBatchNorm in a data-parallel run: S = Σx and Q = Σx² in
  float64 over the local batch, all-reduced with n, then mean = S/n and var = Q/n − mean², as
  SyncBatchNorm normalizes with all ranks' batches.
"""
import math

_NATIVE_NODE = "NativeBatchNormBackward0"


def _saved_tensor_hooks_active():
    """Whether saved-tensor hooks are installed (activation checkpointing, offloading): then reading
    autograd's saved tensors could run the hooks (even recompute a forward), so the recorder must not."""
    import torch
    top = getattr(torch._C._autograd, "_top_saved_tensors_default_hooks", None)
    if top is None:
        return True  # cannot tell: be safe
    try:
        return top(False) is not None
    except Exception:  # noqa: BLE001 - an internal API; any failure means "cannot tell"
        return True


class ForwardStats:
    """One training forward's batch statistics, turned into Python lists on demand (``lists``), for
    the watched channels every step and for all channels when a snapshot is due."""

    __slots__ = ("_mean", "_invstd", "_eps", "_input", "_reduce", "count")

    def __init__(self, count, mean=None, invstd=None, eps=0.0, x=None, reduce=None):
        self.count = count      # values per channel (all ranks' for a synced layer, once reduced)
        self._mean = mean       # save_mean (float32, every channel), or None
        self._invstd = invstd   # save_invstd, or None
        self._eps = eps
        self._input = x         # the layer's input, when the statistics must be computed
        self._reduce = reduce   # all-reduce of a float64 tensor, for a synced layer

    @property
    def from_autograd(self):
        """True when the statistics are BatchNorm's own saved results."""
        return self._mean is not None

    def lists(self, index=None):
        """``(mean, var, count)`` of the channels in ``index`` (a LongTensor), or of every channel."""
        if self._mean is not None:
            mean, invstd = self._mean, self._invstd
            if index is not None:
                mean, invstd = mean.index_select(0, index), invstd.index_select(0, index)
            eps = self._eps
            # var = 1/invstd² − eps, in float64
            var = [max(1.0 / (s * s) - eps, 0.0) if s else math.inf for s in invstd.tolist()]
            return mean.tolist(), var, self.count
        x = self._input if index is None else self._input.index_select(1, index)
        if self._reduce is not None:
            return _summed(x, self.count, self._reduce)
        return _computed(x) + (self.count,)


def of_forward(module, x, output, reduce=None):
    """The batch statistics of ``module``'s training forward from ``x`` to ``output``: BatchNorm's
    saved results when autograd kept them for this input, else ones computed from ``x`` on demand
    (``reduce``: the all-reduce of a SyncBatchNorm in a data-parallel run)."""
    count = x.numel() // x.shape[1]
    if reduce is None:
        node = getattr(output, "grad_fn", None)
        if type(node).__name__ == _NATIVE_NODE and not _saved_tensor_hooks_active():
            try:
                if node._saved_training and node._saved_input.data_ptr() == x.data_ptr():
                    mean, invstd = node._saved_result1, node._saved_result2
                    if mean.shape == invstd.shape == (x.shape[1],):
                        return ForwardStats(count, mean=mean, invstd=invstd, eps=float(node._saved_eps))
            except (AttributeError, RuntimeError):
                pass  # a PyTorch without these names, or freed buffers: compute instead
    return ForwardStats(count, x=x.detach(), reduce=reduce)


def _computed(x):
    """``(mean, var)`` lists per channel of ``x`` (N, C, …), in float32 with a shifted second pass."""
    import torch
    with torch.no_grad():
        n = x.numel() // x.shape[1]
        dims = [0] + list(range(2, x.dim()))
        shape = [1, -1] + [1] * (x.dim() - 2)
        if not x.is_floating_point() or x.dtype in (torch.float16, torch.bfloat16):
            x = x.float()
        shift = x.sum(dim=dims) / n                      # c = float32(Σx/n), near the mean
        centered = x - shift.view(shape)                 # x − c: small, so its sums keep their digits
        offset = centered.sum(dim=dims)                  # D = Σ(x − c)
        squares = centered.square_().sum(dim=dims)       # Q = Σ(x − c)²
        mean, var = [], []
        for c, d, q in zip(shift.double().tolist(), offset.double().tolist(), squares.double().tolist()):
            mean.append(c + d / n)                       # mean = c + D/n
            var.append(max(q / n - (d / n) ** 2, 0.0))   # var = Q/n − (D/n)²
        return mean, var


def _summed(x, count, reduce):
    """``(mean, var, count)`` over every rank: S = Σx, Q = Σx² and n summed by ``reduce``, mean = S/n,
    var = Q/n − mean² (float64, as SyncBatchNorm combines ranks)."""
    import torch
    with torch.no_grad():
        dims = [0] + list(range(2, x.dim()))
        x = x.double()
        sums = torch.cat([x.sum(dim=dims), (x * x).sum(dim=dims),
                          torch.tensor([float(count)], dtype=torch.float64, device=x.device)])
        values = reduce(sums).tolist()
        n = int(values.pop())
        c = len(values) // 2
        mean = [v / n for v in values[:c]]
        var = [max(q / n - m * m, 0.0) for q, m in zip(values[c:], mean)]
        return mean, var, n
