"""Shared fixtures: small models, a training loop, and reading run files back."""
import json
import os
import pathlib
import shutil

import pytest
import torch
import torch.nn.functional as F
from torch import nn

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"


def read_run(path):
    """(header, events) of a run file, checking that every line is JSON without NaN tokens."""
    lines = pathlib.Path(path).read_text().splitlines()
    def strict(token):
        raise ValueError(f"{path}: bare {token} in the file")
    objects = [json.loads(line, parse_constant=strict) for line in lines if line.strip()]
    return objects[0], objects[1:]


def of_type(events, event_type, **fields):
    """The events of type ``event_type`` whose fields equal ``fields``."""
    return [e for e in events if e["type"] == event_type and all(e.get(k) == v for k, v in fields.items())]


def small_model(seed=0, momentum=0.1):
    """conv → BN2d → ReLU → flatten → linear → BN1d → ReLU → linear: two BatchNorm layers named "1" and "5"."""
    torch.manual_seed(seed)
    return nn.Sequential(nn.Conv2d(1, 8, 3), nn.BatchNorm2d(8, momentum=momentum), nn.ReLU(), nn.Flatten(),
                         nn.Linear(8 * 6 * 6, 16), nn.BatchNorm1d(16, momentum=momentum), nn.ReLU(), nn.Linear(16, 4))


def data(seed=1, batches=6, size=16):
    """Random (x, y) batches of 8x8 one-channel images and 4 classes."""
    g = torch.Generator().manual_seed(seed)
    return [(torch.randn(size, 1, 8, 8, generator=g), torch.randint(0, 4, (size,), generator=g)) for _ in range(batches)]


def train(model, batches, recorder=None, lr=0.1):
    """SGD over ``batches``; returns the losses (floats). Records each step when a recorder is given."""
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    losses = []
    model.train()
    for x, y in batches:
        loss = F.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if recorder is not None:
            recorder.step(loss, optimizer)
        losses.append(loss.item())
    return losses


@pytest.fixture
def bnlab():
    """The bnlab executable to check files with: $BNLAB (scripts/python-tests.sh sets it)."""
    path = os.environ.get("BNLAB") or shutil.which("bnlab")
    if not path:
        pytest.skip("set BNLAB=PATH/TO/bnlab to check files with bnlab")
    return path
