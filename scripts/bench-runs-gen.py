#!/usr/bin/env python3
"""Writes synthetic bnlab run files (format 1.1) for benchmarks: bench-runs-gen.py OUT_DIR COUNT [options].

Each run looks like one bnlab writes: a header with a full config, a phase marker, per optimizer
step a `step` event and a `bn_watch` event per BatchNorm layer (4 watched channels), a full
`bn_snapshot` of every BN layer (256 channels) every --snapshot-every steps and at each epoch's
end, an `epoch` event per epoch, and an `end` event with the 1.1 summary. Keys are sorted as
bnlab writes them. Runs vary in experiment, variant, lr, batch, momentum, seed, subset and
status (done, diverged, failed, interrupted without an end) so listings can be sorted and filtered.

  bench-runs-gen.py runs 10000 --epochs 2 --steps 16         # 10,000 small runs (~90 kB each)
  bench-runs-gen.py big 1 --epochs 100 --steps 940 --snapshot-every 50 --layers 1   # the 56 MB run
"""
import argparse, json, math, os, random
from datetime import datetime, timedelta, timezone

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("count", type=int)
p.add_argument("--epochs", type=int, default=2)
p.add_argument("--steps", type=int, default=16, help="optimizer steps per epoch")
p.add_argument("--snapshot-every", type=int, default=8)
p.add_argument("--layers", type=int, default=2, help="BatchNorm layers (256 channels each)")
p.add_argument("--channels", type=int, default=256)
p.add_argument("--bodies", type=int, default=8, help="distinct event bodies reused across runs (speed)")
a = p.parse_args()
os.makedirs(a.out, exist_ok=True)
rnd = random.Random(1)
dump = lambda o: json.dumps(o, sort_keys=True, separators=(",", ":"), allow_nan=False)
EXPERIMENTS = {"bn-vs-no-bn": ["bn", "no-bn"], "bn-momentum": ["m0.01", "m0.1", "m0.5", "m-none"],
               "learning-rate": ["bn-lr0.01", "bn-lr0.1", "no-bn-lr0.1", "bn-lr1.0"], "batch-size": ["b16", "b64", "b256"]}
LRS, BATCHES, MOMENTA, SUBSETS = [0.01, 0.03, 0.1, 0.3, 1.0], [16, 32, 64, 128, 256], [0.0, 0.5, 0.9], [1000, 5000, None]
layer_names = [str(2 + 3 * k) for k in range(a.layers)]
total_steps = a.epochs * a.steps

def floats(n, scale):
    return [round(rnd.gauss(0, scale), 7) for _ in range(n)]

def body(seed_shift):
    """The events after the header, without the end: the same for runs sharing a body."""
    out = [dump({"kind": "phase", "step": 0, "text": f"phase train: {a.epochs} epoch(s)", "type": "marker"})]
    running = {l: [0.0] * 4 for l in layer_names}
    snap = [dump({"batch_mean": floats(a.channels, 0.2), "batch_var": [abs(x) + 0.1 for x in floats(a.channels, 0.5)],
                  "count": 64, "epoch": 1, "layer": l, "layer_type": "BatchNorm1d", "num_batches_tracked": 1,
                  "running_mean": floats(a.channels, 0.02), "running_var": [abs(x) + 0.9 for x in floats(a.channels, 0.05)],
                  "step": 1, "type": "bn_snapshot"}) for l in layer_names]
    loss = 2.3 + seed_shift * 0.01
    t = 0.0
    for step in range(1, total_steps + 1):
        epoch = (step - 1) // a.steps + 1
        for l in layer_names:
            bm = floats(4, 0.2)
            running[l] = [0.9 * r + 0.1 * b for r, b in zip(running[l], bm)]
            out.append(dump({"batch_mean": bm, "batch_var": [abs(x) + 0.01 for x in floats(4, 0.1)], "channels": [0, 64, 128, 192],
                             "count": 64, "layer": l, "micro": 1, "momentum": 0.1, "num_batches_tracked": step,
                             "running_mean": [round(x, 7) for x in running[l]], "running_var": [0.9, 0.9, 0.9, 0.9],
                             "step": step, "training": True, "type": "bn_watch"}))
        loss = max(0.05, loss * (1 - 3.0 / total_steps) + rnd.gauss(0, 0.02))
        t += 0.05
        out.append(dump({"epoch": epoch, "loss": loss, "lr": 0.01, "samples": 64 * step, "step": step, "time": round(t, 3), "type": "step"}))
        if step == 1 or step % a.snapshot_every == 0 or step % a.steps == 0:
            for s in snap:  # same numbers, right step: the reader's cost is what matters
                out.append(s.replace('"step":1,', f'"step":{step},').replace('"epoch":1,', f'"epoch":{epoch},'))
        if step % a.steps == 0:
            correct = [rnd.randint(10, 20) for _ in range(10)]
            out.append(dump({"accuracy": sum(correct) / 200, "class_accuracy": [c / 20 for c in correct], "class_correct": correct,
                             "class_total": [20] * 10, "epoch": epoch, "phase": "train", "seconds": round(t, 2),
                             "test_loss": loss * 1.1, "train_loss": loss, "type": "epoch"}))
    return "\n".join(out) + "\n", loss, t

bodies = [body(k) for k in range(a.bodies)]
start = datetime(2026, 1, 1, tzinfo=timezone.utc)
for i in range(a.count):
    experiment = rnd.choice(sorted(EXPERIMENTS))
    variant = rnd.choice(EXPERIMENTS[experiment])
    lr, batch, momentum, seed, subset = rnd.choice(LRS), rnd.choice(BATCHES), rnd.choice(MOMENTA), rnd.randint(1, 5), rnd.choice(SUBSETS)
    started = start + timedelta(minutes=i)
    run_id = f"{i:06x}"
    dataset = {"classes": 10, "input_shape": [1, 28, 28]}
    if subset:
        dataset["subset"] = {"balanced": True, "test": subset // 5, "train": subset}
    model = [{"type": "Flatten"}]
    width = 784
    for _ in layer_names:
        model += [{"bias": False, "in": width, "out": a.channels, "type": "Linear"},
                  {"affine": True, "eps": 1e-05, "features": a.channels, "momentum": 0.1, "track_running_stats": True, "type": "BatchNorm1d"},
                  {"type": "ReLU"}]
        width = a.channels
    model.append({"bias": True, "in": width, "out": 10, "type": "Linear"})
    config = {"accumulation_steps": 1, "batch_size": batch, "dataset": dataset, "epochs": a.epochs, "eval_batch_size": batch,
              "experiment_id": experiment, "micro_batch": batch, "model": model,
              "optimizer": {"dampening": 0, "lr": lr, "momentum": momentum, "nesterov": False, "type": "sgd", "weight_decay": 0},
              "phases": [{"bn_mode_in_training": "train", "epochs": a.epochs, "freeze": "none", "lr": lr, "name": "train"}],
              "record": {"bn_snapshots": True, "loss_every": 1, "population_stats": False, "snapshots": 200, "watch_channels": 4},
              "seed": seed, "title": experiment, "variant": variant}
    header = dump({"bnlab_version": "0.1.0", "class_names": [f"class {k}" for k in range(10)], "config": config,
                   "dataset_fingerprint": "bench", "experiment": experiment, "format": "bnlab-run", "run_id": run_id,
                   "seed": seed, "started": started.strftime("%Y-%m-%dT%H:%M:%SZ"), "variant": variant, "version": "1.1"})
    text, loss, t = bodies[i % len(bodies)]
    kind = rnd.random()
    if kind < 0.85:
        end = {"accuracy": round(rnd.uniform(0.5, 0.9), 4), "epoch": a.epochs, "seconds": round(t, 2), "status": "done",
               "step": total_steps, "test_loss": loss * 1.1, "train_loss": loss, "type": "end"}
    elif kind < 0.92:
        end = {"message": f"loss became NaN at step {total_steps}", "status": "diverged", "step": total_steps, "type": "end"}
    elif kind < 0.96:
        end = {"message": "out of memory", "status": "failed", "step": total_steps, "type": "end"}
    else:
        end = None
    name = f"{experiment}-{variant}-{started.strftime('%Y%m%d-%H%M%S')}-{run_id}.jsonl"
    with open(os.path.join(a.out, name), "w") as f:
        f.write(header + "\n" + text + (dump(end) + "\n" if end else ""))
