"""The problems a Recorder looks for, their thresholds, and the one-line texts it writes.

Each kind fires at most once per layer (once per run for kinds without a layer):

| kind | fires when |
|---|---|
| ``bn_train_mode_in_eval`` | a BatchNorm layer is in train mode during ``Recorder.evaluate``'s eval pass, while the model's top level is in eval mode, or in a forward under ``torch.no_grad()`` (an evaluation loop without ``model.eval()``; such forwards are recorded, as they move the buffers) |
| ``frozen_bn_moving`` | a "frozen" BatchNorm (its parameters all have ``requires_grad`` False, or it has none and its parent's are all frozen) updates its running statistics in a training forward |
| ``single_value_per_channel`` | a training forward gives a BatchNorm one value per channel (PyTorch then raises) |
| ``running_var_collapse`` | some channel's ``running_var`` falls below ``VAR_COLLAPSE_BELOW`` (1e-6) |
| ``running_var_explode`` | some channel's ``running_var`` rises above ``VAR_EXPLODE_ABOVE`` (1e6) |
| ``small_batch_without_sync`` | in a data-parallel run (world size > 1), a plain (not Sync) BatchNorm sees a per-process batch below ``small_batch`` (default 16) |
| ``bn_forward_repeated`` | a BatchNorm layer runs more training forwards than the model between two steps: activation checkpointing recomputes it in the backward pass, or the layer is used twice in one forward; either way its running statistics are updated each time |
| ``loss_exploding`` | the loss is not finite, or above ``LOSS_EXPLODE_FACTOR`` (1e6) times the first step's loss |
"""

VAR_COLLAPSE_BELOW = 1e-6
VAR_EXPLODE_ABOVE = 1e6
SMALL_BATCH_DEFAULT = 16
LOSS_EXPLODE_FACTOR = 1e6

KINDS = ("bn_train_mode_in_eval", "frozen_bn_moving", "single_value_per_channel", "running_var_collapse",
         "running_var_explode", "small_batch_without_sync", "bn_forward_repeated", "loss_exploding")


class DiagnosticLog:
    """Remembers which (kind, layer) pairs fired, so that each fires once."""

    def __init__(self):
        self.fired = set()

    def first_time(self, kind, layer):
        """True the first time ``(kind, layer)`` is seen, False after."""
        key = (kind, layer)
        if key in self.fired:
            return False
        self.fired.add(key)
        return True


def train_mode_in_eval_text(layer, where):
    """The text of ``bn_train_mode_in_eval``; ``where``: ``"recorder.evaluate"``, ``"eval_model"``
    (the model is in eval mode, this layer is not) or ``"no_grad"`` (a forward under torch.no_grad()
    with the layer in train mode)."""
    if where == "no_grad":
        return (f"{layer} ran in train mode under torch.no_grad(): it normalized with the batch's statistics "
                f"and updated its running statistics; call model.eval() before evaluating (activation "
                f"checkpointing's first pass does this too)")
    place = "during recorder.evaluate (eval mode)" if where == "recorder.evaluate" else "while the model is in eval mode"
    return (f"{layer} is in train mode {place}: it normalizes with the batch's statistics and updates its "
            f"running statistics; call model.eval() after any .train() on submodules")


def frozen_moving_text(layer, moved, since_step):
    """The text of ``frozen_bn_moving``."""
    return (f"{layer} has requires_grad off but its running_mean moved by {moved:.3g} in the forward of step "
            f"{since_step}; put it in eval mode (layer.eval() after model.train()) to freeze its statistics too")


def single_value_text(layer, shape):
    """The text of ``single_value_per_channel``."""
    return (f"{layer} got a batch of shape {tuple(shape)}: one value per channel, so train-mode BatchNorm "
            f"cannot compute a variance; drop the last incomplete batch (drop_last=True) or use larger batches")


def var_collapse_text(layer, channel, value):
    """The text of ``running_var_collapse``."""
    return (f"{layer} running_var of channel {channel} is {value:.3g} (below {VAR_COLLAPSE_BELOW:g}): the channel "
            f"is (nearly) constant, and eval mode divides by sqrt(var + eps)")


def var_explode_text(layer, channel, value):
    """The text of ``running_var_explode``."""
    return (f"{layer} running_var of channel {channel} is {value:.3g} (above {VAR_EXPLODE_ABOVE:g}): "
            f"activations are exploding")


def small_batch_text(layer, batch, threshold, world_size):
    """The text of ``small_batch_without_sync``."""
    return (f"{layer} normalizes over {batch} samples per process (below {threshold}) in a {world_size}-process "
            f"run without SyncBatchNorm: each rank's batch statistics are noisy; consider SyncBatchNorm")


def forward_repeated_text(layer, forwards, model_forwards, step):
    """The text of ``bn_forward_repeated``."""
    return (f"{layer} ran {forwards} training forwards for {model_forwards} forward(s) of the model in step {step}: "
            f"its running statistics are updated each time (activation checkpointing recomputes the forward in the "
            f"backward pass; a layer used twice in one forward does the same), so num_batches_tracked counts both")


def loss_text(loss, first):
    """The text of ``loss_exploding``."""
    return f"the loss is {loss:.3g} (first step: {first:.3g}): training is diverging"
