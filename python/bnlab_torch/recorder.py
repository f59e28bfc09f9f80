"""Recorder: writes what a PyTorch model's normalization layers do into a bnlab run file (format 1.1)."""
import atexit
import math
import os
import sys
import time
from datetime import datetime, timezone

from . import batch_stats
from . import diagnostics as diag
from .modules import describe_modules, norm_layers
from .runfile import FORMAT_NAME, FORMAT_VERSION, RunFileWriter, make_run_id, num, nums, run_file_name

DEFAULT_SNAPSHOTS_EVERY = 50   # full snapshots every N steps when the run's length is not known
SNAPSHOTS_PER_RUN = 200        # with total_steps: about this many per run, as bnlab's own runs


def _spread_channels(count, watch):
    """The watched channel indices: ``watch`` of ``count`` spread evenly (i·C/k), or the given list."""
    if isinstance(watch, (list, tuple)):
        return sorted({int(c) for c in watch if 0 <= int(c) < count})
    k = min(int(watch), count)
    return [i * count // k for i in range(k)] if k > 0 else []


def _unwrap(model):
    """The module inside a DistributedDataParallel/DataParallel wrapper, so names match the user's model."""
    inner = getattr(model, "module", None)
    wrapper = type(model).__name__
    return inner if inner is not None and wrapper in ("DistributedDataParallel", "DataParallel") else model


class _Layer:
    """What the recorder keeps about one BatchNorm layer."""

    def __init__(self, name, module, channels, is_sync):
        import torch
        self.name = name
        self.module = module
        self.channels = channels
        self.index = torch.tensor(channels, dtype=torch.long)
        self.is_sync = is_sync
        self.micro = 0
        self.frozen = False
        self.frozen_params = []   # the parameters whose requires_grad make the layer "frozen"
        self.snapshot = None      # (batch_mean, batch_var, count) of the snapshot step's last forward
        self.snapshot_step = 0    # the step of the last bn_snapshot written
        self.last_stats = None    # the last training forward's ForwardStats, for the snapshot at an epoch's end
        self.before = None        # watched running_mean before a frozen layer's forward


class Recorder:
    """Records a PyTorch model's BatchNorm layers into a bnlab run file, through forward hooks.

    ```python
    rec = Recorder(model, "runs", experiment="resnet", variant="bs64", params={"lr": 0.1})
    for x, y in loader:
        loss = F.cross_entropy(model(x), y); opt.zero_grad(); loss.backward(); opt.step()
        rec.step(loss, opt)
    rec.evaluate(model, test_loader, classes=10)
    rec.close()
    ```

    The hooks only read: the batch statistics BatchNorm itself saved for its backward pass (or,
    when autograd kept none, ones computed from the layer's input, see ``batch_stats``) and the
    buffers; the model computes exactly what it would without them. Every training forward of a BatchNorm writes a ``bn_watch``
    (``watch_channels``: how many channels, spread evenly, or a list), ``step`` writes the step and,
    every ``snapshots_every`` steps (and after the first), a full ``bn_snapshot`` per layer (default:
    about 200 per run when ``total_steps`` is given, else every 50 steps), and one at the end of every
    epoch (``evaluate`` or ``end_epoch``), as bnlab's own runs do. Each line is written and
    flushed at once. ``params``: flat settings shown as the run's configuration; ``config``: a
    bnlab run configuration, if the program has one (else null).
    In a ``torch.distributed`` run each rank writes its own file (``rank``, ``world_size``, ``group``).
    """

    def __init__(self, model, runs_dir="runs", experiment="pytorch", variant="default", config=None, params=None,
                 seed=0, class_names=None, watch_channels=4, snapshots_every=None, total_steps=None,
                 small_batch=diag.SMALL_BATCH_DEFAULT, dataset_fingerprint="", group=None, run_id=None):
        import torch
        import torch.distributed as dist

        self.model = _unwrap(model)
        if snapshots_every is None:
            # about SNAPSHOTS_PER_RUN snapshots when the run's length is known: max(1, round(total / 200))
            snapshots_every = (max(1, round(total_steps / SNAPSHOTS_PER_RUN)) if total_steps
                               else DEFAULT_SNAPSHOTS_EVERY)
        self.snapshots_every = max(1, int(snapshots_every))
        self.small_batch = int(small_batch)
        self.class_names = list(class_names) if class_names is not None else []
        self.rank, self.world_size = 0, 1
        if dist.is_available() and dist.is_initialized():
            self.rank, self.world_size = dist.get_rank(), dist.get_world_size()
            if group is None:  # rank 0 names the group; every rank constructs its Recorder, as DDP requires
                shared = [make_run_id() if self.rank == 0 else None]
                dist.broadcast_object_list(shared, src=0)
                group = shared[0]
        self.distributed = self.world_size > 1
        self.group = group
        self.run_id = run_id or make_run_id()
        started = datetime.now(timezone.utc)
        suffix = f"-rank{self.rank}" if self.distributed else ""
        self.path = os.path.join(os.fspath(runs_dir), run_file_name(experiment, variant, self.run_id, started, suffix))
        self._writer = RunFileWriter(self.path)

        self._step = 0            # optimizer steps taken
        self._epoch = 1           # the epoch in progress
        self._samples = 0
        self._pending_samples = 0
        self._model_forwards = 0  # forwards of the model since the last step (outside evaluate)
        self._epoch_losses = []
        self._first_loss = None
        self._last_epoch = None
        self._evaluating = None   # None, "eval" or "train_mode" during Recorder.evaluate
        self._log = diag.DiagnosticLog()
        self._start = time.monotonic()
        self._closed = False

        header = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "run_id": self.run_id,
                  "experiment": str(experiment), "variant": str(variant), "config": config,
                  "seed": int(seed), "dataset_fingerprint": str(dataset_fingerprint),
                  "bnlab_version": f"bnlab_torch {sys.modules[__package__].__version__} (torch {torch.__version__})",
                  "started": started.strftime("%Y-%m-%dT%H:%M:%SZ"), "class_names": self.class_names,
                  "modules": describe_modules(self.model), "params": dict(params or {})}
        if self.distributed:
            header.update(rank=self.rank, world_size=self.world_size, group=self.group)
        self._writer.write(header)

        from torch import nn
        self._parents = dict(self.model.named_modules())
        self._layers = []
        self._handles = []
        for name, module, kind in norm_layers(self.model):
            if kind != "batchnorm":
                continue
            layer = _Layer(name, module, _spread_channels(module.num_features, watch_channels),
                           isinstance(module, nn.SyncBatchNorm) or getattr(module, "is_sync_batchnorm", False))
            self._layers.append(layer)
            self._handles.append(module.register_forward_pre_hook(self._make_pre_hook(layer)))
            self._handles.append(module.register_forward_hook(self._make_hook(layer)))
        self._handles.append(self.model.register_forward_pre_hook(self._count_samples))
        self._find_frozen_params()
        atexit.register(self._at_exit)

    # ---- public API -------------------------------------------------------------------------

    @property
    def layer_names(self):
        """The recorded BatchNorm layers' PyTorch names, in module order."""
        return [layer.name for layer in self._layers]

    def step(self, loss, optimizer=None, lr=None, samples=None, epoch=None):
        """Records one optimizer step: its loss, lr (the optimizer's first param group, or ``lr``),
        samples (counted from the model's training forwards unless given), and, on the cadence, a
        full ``bn_snapshot`` of every BatchNorm layer. Call it once per ``optimizer.step()``."""
        if self._closed:
            return
        import torch
        if epoch is not None:
            self._epoch = int(epoch)
        self._step += 1
        value = float(loss.detach()) if isinstance(loss, torch.Tensor) else float(loss)
        if lr is None and optimizer is not None:
            lr = optimizer.param_groups[0]["lr"]
        self._samples = self._samples + int(samples) if samples is not None else self._samples + self._pending_samples
        self._pending_samples = 0
        self._model_forwards = 0
        self._epoch_losses.append(value)
        self._write({"type": "step", "step": self._step, "epoch": self._epoch, "loss": num(value),
                     "lr": num(float(lr) if lr is not None else 0.0), "samples": self._samples,
                     "time": round(time.monotonic() - self._start, 6)})
        self._check_loss(value)
        for layer in self._layers:
            layer.micro = 0
            if layer.snapshot is not None:
                self._write_snapshot(layer)
            self._check_variance(layer)

    def evaluate(self, model, loader, classes=None, train_mode=False, loss_fn=None, device=None, epoch=None):
        """Evaluates ``model`` on ``loader`` in eval mode and writes the ``epoch`` event (test loss,
        accuracy, per class); ``train_mode`` (True or batch sizes) adds train-mode BatchNorm results,
        with the buffers restored afterwards. Ends the epoch: the next steps belong to the next one.
        Returns the event."""
        from .evaluation import evaluate, evaluate_train_mode
        classes = classes if classes is not None else len(self.class_names)
        classes = len(classes) if isinstance(classes, (list, tuple)) else int(classes)
        if epoch is not None:
            self._epoch = int(epoch)
        self._write_epoch_end_snapshots()
        started = time.monotonic()
        self._evaluating = "eval"
        try:
            result = evaluate(model, loader, classes, loss_fn=loss_fn, device=device)
            if train_mode:
                self._evaluating = "train_mode"
                result["train_mode"] = evaluate_train_mode(model, loader, classes, train_mode, loss_fn, device)
        finally:
            self._evaluating = None
        losses = self._epoch_losses
        event = {"type": "epoch", "epoch": self._epoch,
                 "train_loss": num(sum(losses) / len(losses) if losses else 0.0)}
        for key in ("test_loss", "accuracy", "class_accuracy"):
            result[key] = nums(result[key]) if isinstance(result[key], list) else num(result[key])
        for entry in result.get("train_mode", []):
            for key in ("test_loss", "accuracy"):
                entry[key] = num(entry[key])
            entry["class_accuracy"] = nums(entry["class_accuracy"])
        event.update(result)
        event["seconds"] = round(time.monotonic() - started, 3)
        self._write(event)
        self._last_epoch = event
        self._epoch += 1
        self._epoch_losses = []
        return event

    def end_epoch(self):
        """Ends the epoch without evaluating (``evaluate`` ends it too): writes the full
        ``bn_snapshot`` of every BatchNorm layer at the last step, and the next steps belong to the
        next epoch."""
        if self._closed:
            return
        self._write_epoch_end_snapshots()
        self._epoch += 1
        self._epoch_losses = []

    def mark(self, text, kind="note"):
        """Writes a marker after the last step, e.g. ``mark("freeze backbone", kind="freeze")``."""
        self._write({"type": "marker", "step": self._step, "kind": str(kind), "text": str(text)})

    def close(self, status="done", message=None):
        """Writes the ``end`` event (with the last epoch's results), removes the hooks and closes the
        file. ``status``: done, cancelled, diverged or failed. Later calls do nothing."""
        if self._closed:
            return
        end = {"type": "end", "status": status, "step": self._step,
               "seconds": round(time.monotonic() - self._start, 3), "epoch": self._epoch - 1}
        if message:
            end["message"] = str(message)
        if self._last_epoch is not None:
            for key in ("accuracy", "test_loss", "train_loss"):
                end[key] = self._last_epoch[key]
        self._write(end)
        self._closed = True
        for handle in self._handles:
            handle.remove()
        for layer in self._layers:
            layer.last_stats = None
        self._writer.close()
        atexit.unregister(self._at_exit)

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        if kind is None:
            self.close("done")
        elif issubclass(kind, KeyboardInterrupt):
            self.close("cancelled", "interrupted (Ctrl-C)")
        else:
            self.close("failed", f"{kind.__name__}: {error}")
        return False

    # ---- hooks --------------------------------------------------------------------------------

    def _count_samples(self, module, inputs):
        import torch
        if self._evaluating is None:
            self._model_forwards += 1
        if self._evaluating is None and module.training and torch.is_grad_enabled() and inputs:
            first = inputs[0]
            if isinstance(first, torch.Tensor) and first.dim() > 0:
                self._pending_samples += int(first.shape[0])

    def _make_pre_hook(self, layer):
        def pre_hook(module, inputs):
            if self._closed or not module.training or not inputs:
                return
            x = inputs[0]
            if x.dim() >= 2 and x.shape[1] > 0 and x.numel() // x.shape[1] == 1:
                # PyTorch raises right after this: write the diagnostic first.
                self._diagnose("single_value_per_channel", layer.name, diag.single_value_text(layer.name, x.shape),
                               severity="error", step=self._step + 1)
            layer.frozen = bool(layer.frozen_params) and not any(p.requires_grad for p in layer.frozen_params)
            if layer.frozen and module.track_running_stats and ("frozen_bn_moving", layer.name) not in self._log.fired:
                layer.before = module.running_mean.detach().clone()
        return pre_hook

    def _make_hook(self, layer):
        def hook(module, inputs, output):
            if not self._closed and inputs:
                self._after_forward(layer, module, inputs[0], output)
        return hook

    def _after_forward(self, layer, module, x, output):
        import torch
        no_grad = not torch.is_grad_enabled()
        if module.training and self._evaluating != "train_mode":
            # train mode where the program evaluates: in Recorder.evaluate's eval pass, with the model
            # in eval mode, or under torch.no_grad() (an evaluation loop without model.eval())
            where = ("recorder.evaluate" if self._evaluating == "eval" else "eval_model" if not self.model.training
                     else "no_grad" if no_grad else None)
            if where is not None:
                self._diagnose("bn_train_mode_in_eval", layer.name, diag.train_mode_in_eval_text(layer.name, where))
        if self._evaluating is not None or (no_grad and not module.training):
            return  # evaluation: nothing moved
        # a training forward, or a train-mode forward under no_grad, which updates the buffers too
        step = self._step + 1
        layer.micro += 1
        if module.training and 0 < self._model_forwards < layer.micro:
            # more updates of this layer than forwards of the model: a forward run again
            self._diagnose("bn_forward_repeated", layer.name,
                           diag.forward_repeated_text(layer.name, layer.micro, self._model_forwards, step), step=step)
        event = {"type": "bn_watch", "step": step, "micro": layer.micro, "layer": layer.name,
                 "training": bool(module.training), "channels": layer.channels}
        count = x.numel() // x.shape[1]
        if module.training:
            # the statistics BatchNorm normalized with (batch_stats): its own saved results when autograd
            # kept them, else batch_mean = Σx/n and batch_var = Σ(x − mean)²/n (biased), n = N·L or N·H·W
            stats = batch_stats.of_forward(module, x, output, self._reduce if layer.is_sync and self.distributed else None)
            mean, var, count = stats.lists(layer.index)
            event["batch_mean"], event["batch_var"] = nums(mean), nums(var)
            if step == 1 or step % self.snapshots_every == 0:
                layer.snapshot = stats.lists()
            layer.last_stats = stats  # replaced by the next training forward
            if self.distributed and not layer.is_sync and x.shape[0] < self.small_batch:
                self._diagnose("small_batch_without_sync", layer.name,
                               diag.small_batch_text(layer.name, int(x.shape[0]), self.small_batch,
                                                     self.world_size), step=step)
        event["count"] = count
        event["momentum"] = None if module.momentum is None else float(module.momentum)
        if module.track_running_stats and module.running_mean is not None:
            event["running_mean"] = nums(module.running_mean.index_select(0, layer.index).tolist())
            event["running_var"] = nums(module.running_var.index_select(0, layer.index).tolist())
            event["num_batches_tracked"] = int(module.num_batches_tracked)
        self._write(event)
        if layer.before is not None:
            moved = float((module.running_mean - layer.before).abs().max())
            layer.before = None
            if moved > 0:
                self._diagnose("frozen_bn_moving", layer.name, diag.frozen_moving_text(layer.name, moved, step), step=step)

    @staticmethod
    def _reduce(sums):
        """Sums ``sums`` over every rank (a SyncBatchNorm's statistics in a data-parallel run)."""
        import torch.distributed as dist
        dist.all_reduce(sums)
        return sums

    # ---- checks and writing -----------------------------------------------------------------------

    def _find_frozen_params(self):
        """The parameters that decide whether a layer is frozen (checked at each training forward):
        its own, or when it has none (affine=False) its parent module's. Frozen: all of them have
        requires_grad off."""
        for layer in self._layers:
            params = list(layer.module.parameters(recurse=False))
            if not params and "." in layer.name:
                parent = self._parents.get(layer.name.rsplit(".", 1)[0])
                params = list(parent.parameters()) if parent is not None else []
            layer.frozen_params = params

    def _check_variance(self, layer):
        import torch
        running_var = layer.module.running_var
        if running_var is None or running_var.numel() == 0:
            return
        low, high = torch.aminmax(running_var.detach())
        if float(low) < diag.VAR_COLLAPSE_BELOW:
            channel = int(torch.argmin(running_var))
            self._diagnose("running_var_collapse", layer.name, diag.var_collapse_text(layer.name, channel, float(low)))
        if float(high) > diag.VAR_EXPLODE_ABOVE or not math.isfinite(float(high)):
            channel = int(torch.argmax(running_var))
            self._diagnose("running_var_explode", layer.name, diag.var_explode_text(layer.name, channel, float(high)))

    def _check_loss(self, value):
        if self._first_loss is None and math.isfinite(value):
            self._first_loss = value
            return
        first = self._first_loss
        if not math.isfinite(value) or (first and abs(value) > diag.LOSS_EXPLODE_FACTOR * abs(first)):
            self._diagnose("loss_exploding", None, diag.loss_text(value, first or float("nan")), severity="error")

    def _diagnose(self, kind, layer, text, severity="warning", step=None):
        """Writes a ``diagnostic`` the first time ``(kind, layer)`` is seen; ``step`` defaults to the
        last step taken (forward-time checks pass the step in progress)."""
        if self._closed or not self._log.first_time(kind, layer):
            return
        event = {"type": "diagnostic", "step": self._step if step is None else step, "kind": kind, "severity": severity, "text": text}
        if layer is not None:
            event["layer"] = layer
        self._write(event)

    def _write_epoch_end_snapshots(self):
        """The full ``bn_snapshot`` of every layer at the epoch's last step (unless the cadence wrote
        it already): the batch statistics of the layer's last training forward and the buffers now."""
        for layer in self._layers:
            stats = layer.last_stats
            if self._step == 0 or stats is None or layer.snapshot_step == self._step:
                continue
            layer.snapshot = stats.lists()
            self._write_snapshot(layer)

    def _write_snapshot(self, layer):
        import torch
        mean, var, count = layer.snapshot
        layer.snapshot = None
        layer.snapshot_step = self._step
        module = layer.module
        event = {"type": "bn_snapshot", "step": self._step, "epoch": self._epoch, "layer": layer.name,
                 "layer_type": type(module).__name__, "batch_mean": nums(mean), "batch_var": nums(var)}
        if module.track_running_stats and module.running_mean is not None:
            with torch.no_grad():
                event["running_mean"] = nums(module.running_mean.double().tolist())
                event["running_var"] = nums(module.running_var.double().tolist())
            event["num_batches_tracked"] = int(module.num_batches_tracked)
        event["count"] = int(count)
        self._write(event)

    def _write(self, event):
        if not self._closed:
            self._writer.write(event)

    def _at_exit(self):
        """At interpreter exit without ``close``: an uncaught exception ends the run as failed (or
        cancelled for Ctrl-C); a normal exit as done."""
        error = getattr(sys, "last_value", None) or _uncaught.get("error")
        if error is None:
            self.close("done", None)
        elif isinstance(error, KeyboardInterrupt):
            self.close("cancelled", "interrupted (Ctrl-C)")
        else:
            self.close("failed", f"{type(error).__name__}: {error}")


_uncaught = {}
_previous_hook = sys.excepthook


def _remember_uncaught(kind, error, trace):
    """Keeps the uncaught exception for Recorder's exit path, then reports it as usual."""
    _uncaught["error"] = error
    _previous_hook(kind, error, trace)


sys.excepthook = _remember_uncaught
