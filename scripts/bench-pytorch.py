#!/usr/bin/env python3
"""The workloads of `bnlab bench`, in PyTorch, single-threaded, for comparison on one machine.

Trains on synthetic 28x28 batches of 64 with SGD (lr 0.01) and cross-entropy:
  mlp-bn  MLP 784-256-256-10, BatchNorm1d after each hidden Linear (no bias there)
  mlp     the same without BN (Linear with bias)
  cnn-bn  Conv 1->6 3x3, BN2d, ReLU, MaxPool 2, Conv 6->16 3x3, BN2d, ReLU, MaxPool 2,
          Linear 400->120->84->10
Prints samples/s for each (or JSON with --json). Needs `pip install torch`.
"""
import argparse
import json
import time

try:
    import torch
    import torch.nn as nn
except ImportError:
    raise SystemExit("bench-pytorch: PyTorch is not installed (pip install torch)")


def mlp(bn):
    if bn:
        return nn.Sequential(nn.Linear(784, 256, bias=False), nn.BatchNorm1d(256), nn.ReLU(),
                             nn.Linear(256, 256, bias=False), nn.BatchNorm1d(256), nn.ReLU(),
                             nn.Linear(256, 10))
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))


def cnn():
    return nn.Sequential(nn.Conv2d(1, 6, 3), nn.BatchNorm2d(6), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(6, 16, 3), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
                         nn.Linear(84, 10))


WORKLOADS = {"mlp-bn": (lambda: mlp(True), (784,)), "mlp": (lambda: mlp(False), (784,)),
             "cnn-bn": (cnn, (1, 28, 28))}


def run(name, batches, batch_size, warmup=5):
    make, shape = WORKLOADS[name]
    torch.manual_seed(1)
    model = make().train()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = nn.CrossEntropyLoss()
    pool = [(torch.empty(batch_size, *shape).uniform_(-1.7, 1.7), torch.randint(0, 10, (batch_size,)))
            for _ in range(8)]

    def step(i):
        x, y = pool[i % len(pool)]
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    for i in range(warmup):
        step(i)
    start = time.perf_counter()
    for i in range(batches):
        last = step(i)
    seconds = time.perf_counter() - start
    return {"name": name, "batches": batches, "batchSize": batch_size, "seconds": seconds,
            "samplesPerSecond": batches * batch_size / seconds, "finalLoss": last}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=400)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(1)
    results = [run(name, args.batches, args.batch_size) for name in WORKLOADS]
    if args.json:
        print(json.dumps({"torch": torch.__version__, "results": results}, indent=2))
        return
    print(f"PyTorch {torch.__version__}, 1 thread")
    for r in results:
        print(f"{r['name']:8s} {r['samplesPerSecond']:10.0f} samples/s")


if __name__ == "__main__":
    main()
