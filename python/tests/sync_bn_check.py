"""Run by test_ddp.py: CPUSyncBatchNorm on 2 gloo processes equals BatchNorm on the whole batch.

Each rank normalizes its half of one batch; rank 0 compares the outputs, the summed weight and
bias gradients and the running statistics with nn.BatchNorm2d on the whole batch, and exits 1 on
a mismatch.
"""
import os
import sys

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch import nn

from bnlab_torch import CPUSyncBatchNorm


def worker(rank, port):
    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port))
    dist.init_process_group("gloo", rank=rank, world_size=2)
    torch.manual_seed(0)
    x = torch.randn(12, 3, 5, 5) * 2 + 1
    weight, bias = torch.rand(3) + 0.5, torch.randn(3)
    sync = CPUSyncBatchNorm(3)
    reference = nn.BatchNorm2d(3)
    with torch.no_grad():
        for m in (sync, reference):
            m.weight.copy_(weight)
            m.bias.copy_(bias)
    half = x[rank * 6:(rank + 1) * 6]
    out = sync(half)
    (out * torch.arange(out.numel()).reshape(out.shape).float().sin()).sum().backward()
    grads = torch.cat([sync.weight.grad, sync.bias.grad])
    dist.all_reduce(grads)  # DDP averages; summing matches the whole-batch loss
    if rank == 0:
        full = reference(x)
        (full * torch.cat([torch.arange(out.numel()).reshape(out.shape).float().sin()] * 2)).sum().backward()
        checks = {
            "output": torch.allclose(out, full[:6], atol=1e-5),
            "grads": torch.allclose(grads, torch.cat([reference.weight.grad, reference.bias.grad]), atol=1e-4),
            "running_mean": torch.allclose(sync.running_mean, reference.running_mean, atol=1e-6),
            "running_var": torch.allclose(sync.running_var, reference.running_var, atol=1e-5),
        }
        print(checks)
        if not all(checks.values()):
            sys.exit(1)
    dist.destroy_process_group()


if __name__ == "__main__":
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]
    mp.spawn(worker, args=(free,), nprocs=2, join=True)
