#!/usr/bin/env python3
"""Writes a small valid bnlab run file (format 1.1): write-run-example.py OUT.jsonl. See docs/run-format.md."""
import json, math, sys
from datetime import datetime, timezone

def num(x):  # JSON has no NaN/Infinity: bnlab writes them as strings
    return x if math.isfinite(x) else ("nan" if math.isnan(x) else ("inf" if x > 0 else "-inf"))

model = [{"type": "Flatten"}, {"type": "Linear", "in": 784, "out": 32, "bias": False},
         {"type": "BatchNorm1d", "features": 32, "momentum": 0.1}, {"type": "ReLU"}, {"type": "Linear", "in": 32, "out": 10}]
config = {"experiment_id": "python-example", "variant": "bn", "batch_size": 64, "epochs": 1, "seed": 1,
          "optimizer": {"type": "sgd", "lr": 0.01}, "model": model}
lines = [{"format": "bnlab-run", "version": "1.1", "run_id": "py0001", "experiment": "python-example", "variant": "bn",
          "config": config, "seed": 1, "dataset_fingerprint": "synthetic", "bnlab_version": "python-example",
          "started": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "class_names": [f"class {k}" for k in range(10)]},
         {"type": "marker", "step": 0, "kind": "phase", "text": "phase train starts"}]
for step in range(1, 21):
    loss = 2.3 * math.exp(-step / 10) if step < 20 else float("nan")
    lines.append({"type": "step", "step": step, "epoch": 1, "loss": num(loss), "lr": 0.01, "samples": 64 * step})
    if step % 10 == 0:
        lines.append({"type": "bn_snapshot", "step": step, "layer": "2", "layer_type": "BatchNorm1d", "batch_mean": [0.1] * 32,
                      "batch_var": [1.0] * 32, "running_mean": [0.01 * step] * 32, "running_var": [1.0] * 32, "num_batches_tracked": step})
correct, total = [80 + k for k in range(10)], [100] * 10
lines.append({"type": "epoch", "epoch": 1, "train_loss": 0.9, "test_loss": 0.8, "accuracy": sum(correct) / sum(total),
              "class_accuracy": [c / t for c, t in zip(correct, total)], "class_correct": correct, "class_total": total})
lines.append({"type": "end", "status": "diverged", "step": 20, "message": "loss became NaN at step 20"})
with open(sys.argv[1], "w") as f:
    for obj in lines:  # one object per line, flushed at once, as bnlab does
        f.write(json.dumps(obj, allow_nan=False) + "\n")
        f.flush()
