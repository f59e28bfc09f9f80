#!/usr/bin/env python3
"""A small ResNet-style conv net on Fashion-MNIST, recorded for bnlab (three lines marked "bnlab").

    python resnet_fashion.py [--data DIR] [--runs runs] [--epochs 1] [--limit 6000]
    bnlab watch runs      # in another terminal, while it trains

Reads the IDX files (default /usr/share/datasets/fashion-mnist; the repository's small subset
Tests/BNDataTests/Fixtures/fashion-subset works too). --no-record trains the same model without the
recorder (for timing: --time prints the median step time).
"""
import argparse
import statistics
import time

import torch
import torch.nn.functional as F
from torch import nn

from bnlab_torch import Recorder  # bnlab (1/3)
from bnlab_torch.idx import FASHION_CLASSES, load_fashion_mnist


class BasicBlock(nn.Module):
    """Two 3x3 convolutions with BatchNorm and a shortcut (a 1x1 convolution when the shape changes)."""

    def __init__(self, cin, cout, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(out)) + self.shortcut(x))


class SmallResNet(nn.Module):
    """stem (conv 16, BN) → layer1 (16) → layer2 (32, /2) → layer3 (64, /2) → average pool → fc."""

    def __init__(self, classes=10, width=16):
        super().__init__()
        self.conv1 = nn.Conv2d(1, width, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.layer1 = nn.Sequential(BasicBlock(width, width))
        self.layer2 = nn.Sequential(BasicBlock(width, 2 * width, 2))
        self.layer3 = nn.Sequential(BasicBlock(2 * width, 4 * width, 2))
        self.fc = nn.Linear(4 * width, classes)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def batches(images, labels, size, shuffle, generator=None):
    """(x, y) batches; shuffled with ``generator`` when asked; the last short batch is dropped when shuffling."""
    order = torch.randperm(len(labels), generator=generator) if shuffle else torch.arange(len(labels))
    stop = len(labels) - len(labels) % size if shuffle else len(labels)
    for i in range(0, stop, size):
        index = order[i:i + size]
        yield images[index], labels[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist", help="folder of the IDX files")
    parser.add_argument("--runs", default="runs", help="where the run file goes")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--lr", type=float, default=0.05)
    parser.add_argument("--limit", type=int, default=0, help="train on the first N images (0: all)")
    parser.add_argument("--test-limit", type=int, default=2000, help="evaluate on the first N test images (0: all)")
    parser.add_argument("--steps", type=int, default=0, help="stop after N steps (0: run the epochs)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1, help="torch threads")
    parser.add_argument("--sleep", type=float, default=0.0, help="seconds to wait after each step (to watch live)")
    parser.add_argument("--no-record", action="store_true", help="train without the recorder")
    parser.add_argument("--time", action="store_true", help="print the median step time")
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    train_x, train_y = load_fashion_mnist(args.data, train=True)
    test_x, test_y = load_fashion_mnist(args.data, train=False)
    if args.limit:
        train_x, train_y = train_x[:args.limit], train_y[:args.limit]
    if args.test_limit:
        test_x, test_y = test_x[:args.test_limit], test_y[:args.test_limit]
    model = SmallResNet()
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)
    recorder = None
    if not args.no_record:
        recorder = Recorder(model, args.runs, experiment="resnet-fashion", variant=f"bs{args.batch_size}",  # bnlab (2/3)
                            params={k: v for k, v in vars(args).items() if k not in ("no_record", "time", "runs", "sleep")},
                            seed=args.seed, class_names=FASHION_CLASSES,
                            total_steps=args.steps or args.epochs * (len(train_y) // args.batch_size))
        print(f"recording to {recorder.path}", flush=True)
    generator = torch.Generator().manual_seed(args.seed)
    times, step = [], 0
    for epoch in range(1, args.epochs + 1):
        model.train()
        for x, y in batches(train_x, train_y, args.batch_size, True, generator):
            started = time.perf_counter()
            loss = F.cross_entropy(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if recorder:
                recorder.step(loss, optimizer)  # bnlab (3/3)
            times.append(time.perf_counter() - started)
            step += 1
            if args.sleep:
                time.sleep(args.sleep)
            if step == args.steps:
                break
        if recorder:
            result = recorder.evaluate(model, list(batches(test_x, test_y, 500, False)), classes=10)
            print(f"epoch {epoch}: test accuracy {result['accuracy']:.3f}, loss {result['test_loss']:.3f}", flush=True)
        if step == args.steps:
            break
    if recorder:
        recorder.close()
    if args.time:
        skip = min(5, len(times) // 4)  # the first steps warm up
        print(f"median step time {1000 * statistics.median(times[skip:]):.3f} ms over {len(times) - skip} steps")


if __name__ == "__main__":
    main()
