#!/usr/bin/env python3
"""BatchNorm under DistributedDataParallel: 2 processes on CPU (gloo), each writing its own run file.

    python ddp_bn.py [--sync] [--runs runs] [--steps 60] [--batch-size 8]
    bnlab watch runs      # the two rank files of the run are compared: bn r0, bn r1

Without --sync every rank normalizes with its own small batch (per-rank batch statistics differ;
DDP broadcasts rank 0's running statistics before each forward). With --sync the BatchNorm layers
become SyncBatchNorm (bnlab_torch.CPUSyncBatchNorm, which works on CPU) and every rank normalizes
with the statistics of all ranks' batches together. Data: Fashion-MNIST from --data when it is
there, else random images.
"""
import argparse
import os
import socket
import time

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
import torch.nn.functional as F
from torch import nn
from torch.nn.parallel import DistributedDataParallel

from bnlab_torch import CPUSyncBatchNorm, Recorder
from bnlab_torch.idx import FASHION_CLASSES, IDXError, load_fashion_mnist


def make_model():
    """conv 16 → BN → ReLU → pool → conv 32 → BN → ReLU → pool → fc 64 → BN1d → ReLU → fc 10."""
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 7 * 7, 64, bias=False), nn.BatchNorm1d(64), nn.ReLU(), nn.Linear(64, 10))


def load_data(folder, count, seed):
    """``count`` training images with labels: Fashion-MNIST when readable, else random ones."""
    try:
        images, labels = load_fashion_mnist(folder, train=True)
        return images[:count], labels[:count]
    except IDXError:
        generator = torch.Generator().manual_seed(seed)
        return torch.rand(count, 1, 28, 28, generator=generator), torch.randint(0, 10, (count,), generator=generator)


def worker(rank, args, port):
    """One process: joins the gloo group, trains its shard of every batch under DDP, records it."""
    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port))
    dist.init_process_group("gloo", rank=rank, world_size=args.world_size)
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)  # the same initial weights on every rank (DDP also broadcasts them)
    model = make_model()
    if args.sync:
        model = CPUSyncBatchNorm.convert(model)
    ddp = DistributedDataParallel(model)
    optimizer = torch.optim.SGD(ddp.parameters(), lr=args.lr, momentum=0.9)
    recorder = Recorder(ddp, args.runs, experiment="ddp-bn", variant="syncbn" if args.sync else "bn",
                        params={"world_size": args.world_size, "batch_per_rank": args.batch_size, "lr": args.lr,
                                "sync": args.sync}, seed=args.seed, class_names=FASHION_CLASSES)
    if rank == 0:
        print(f"recording to {os.path.dirname(recorder.path) or '.'}: group {recorder.group}", flush=True)
    images, labels = load_data(args.data, args.steps * args.batch_size * args.world_size, args.seed)
    global_batch = args.batch_size * args.world_size
    with recorder:
        for step in range(args.steps):
            start = step * global_batch + rank * args.batch_size  # this rank's shard of the global batch
            x, y = images[start:start + args.batch_size], labels[start:start + args.batch_size]
            loss = F.cross_entropy(ddp(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            recorder.step(loss, optimizer)
            if args.sleep:
                time.sleep(args.sleep)
        # (a quick check on the first training images; a real script evaluates on held-out data)
        test = [(images[i:i + 100], labels[i:i + 100]) for i in range(0, min(len(labels), 500), 100)]
        recorder.evaluate(ddp, test, classes=10)
    dist.destroy_process_group()


def free_port():
    """A TCP port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sync", action="store_true", help="SyncBatchNorm instead of BatchNorm")
    parser.add_argument("--runs", default="runs")
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--batch-size", type=int, default=8, help="samples per process and step")
    parser.add_argument("--world-size", type=int, default=2)
    parser.add_argument("--lr", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sleep", type=float, default=0.0, help="seconds to wait after each step (to watch live)")
    args = parser.parse_args()
    mp.spawn(worker, args=(args, free_port()), nprocs=args.world_size, join=True)


if __name__ == "__main__":
    main()
