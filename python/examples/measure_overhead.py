#!/usr/bin/env python3
"""The recorder's overhead per training step on the ResNet example, measured robustly on a busy machine.

    python measure_overhead.py [--data DIR] [--steps 200] [--batch-size 64] [--threads 1]

Two identical models train in one process on the same batches, step for step in alternation: one
recorded with the default settings (4 watched channels per BatchNorm layer, a bn_watch line per
layer and forward, snapshots every 50 steps), one not. Alternating step by step exposes both to the
same machine load; the medians of their step times give the overhead. Also reports the time spent
inside the recorder's own code (hooks and step()).
"""
import argparse
import os
import statistics
import sys
import tempfile
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from resnet_fashion import SmallResNet, batches  # noqa: E402

from bnlab_torch import Recorder  # noqa: E402
from bnlab_torch.idx import FASHION_CLASSES, load_fashion_mnist  # noqa: E402


def timed(method, log):
    """``method`` wrapped to append its duration to ``log``."""
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            log.append(time.perf_counter() - started)
    return wrapper


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    images, labels = load_fashion_mnist(args.data, train=True)
    data = list(batches(images[:args.steps * args.batch_size], labels[:args.steps * args.batch_size],
                        args.batch_size, True, torch.Generator().manual_seed(1)))
    torch.manual_seed(1)
    plain, recorded = SmallResNet(), SmallResNet()
    recorded.load_state_dict(plain.state_dict())
    optimizers = {m: torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9) for m in (plain, recorded)}
    with tempfile.TemporaryDirectory() as runs:
        recorder = Recorder(recorded, runs, experiment="overhead", class_names=FASHION_CLASSES)
        inside = []  # seconds spent in the recorder's own code, per step
        for name in ("_after_forward", "step"):
            setattr(recorder, name, timed(getattr(recorder, name), inside))
        times = {plain: [], recorded: []}
        for i, (x, y) in enumerate(data):
            order = (plain, recorded) if i % 2 == 0 else (recorded, plain)  # neither always goes first
            for model in order:
                started = time.perf_counter()
                loss = F.cross_entropy(model(x), y)
                optimizers[model].zero_grad()
                loss.backward()
                optimizers[model].step()
                if model is recorded:
                    recorder.step(loss, optimizers[model])
                times[model].append(time.perf_counter() - started)
            inside.append(None)  # a step boundary
        recorder.close()
        size = os.path.getsize(recorder.path)
    skip = min(10, len(data) // 4)
    base = statistics.median(times[plain][skip:])
    with_recorder = statistics.median(times[recorded][skip:])
    print(f"steps: {len(data) - skip} measured per model (batch {args.batch_size}, {args.threads} thread(s), "
          f"{len(recorder.layer_names)} BatchNorm layers)")
    print(f"median step without recorder: {1000 * base:.2f} ms")
    print(f"median step with recorder:    {1000 * with_recorder:.2f} ms")
    # Paired: each step's recorded time minus the plain model's time of the same step, so that load
    # changes between steps cancel out.
    paired = statistics.median(r - p for r, p in zip(times[recorded][skip:], times[plain][skip:]))
    print(f"overhead: {100 * (with_recorder - base) / base:+.2f} % (medians), {100 * paired / base:+.2f} % (paired "
          f"median)   run file: {size / len(data) / 1024:.1f} KiB per step")
    per_step, total = [], 0.0
    for seconds in inside:
        if seconds is None:
            per_step.append(total)
            total = 0.0
        else:
            total += seconds
    own = statistics.median(per_step[skip:])
    print(f"inside the recorder (hooks + step()): median {1000 * own:.2f} ms per step = {100 * own / base:.2f} % "
          f"of the step without it")


if __name__ == "__main__":
    main()
