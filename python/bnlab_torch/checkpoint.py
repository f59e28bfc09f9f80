"""bnlab checkpoints in PyTorch: build a run's nn.Sequential and load its safetensors weights,
or save a PyTorch model's state dict for `bnlab run EXP --init FILE.safetensors`.

A bnlab checkpoint is a safetensors file whose tensors are the model's state dict under PyTorch's
keys (`0.weight`, `2.running_mean`, `2.num_batches_tracked` as int64), plus resume tensors under
`optimizer.state.` and `bnlab.` that PyTorch does not need (docs/checkpoints.md).

    model = load_bnlab("runs/bn-vs-no-bn-bn-….jsonl")          # the last checkpoint, in eval mode
    save_for_bnlab(model, "start.safetensors")                  # for bnlab run … --init start.safetensors
"""
from __future__ import annotations

import gzip
import json
import os
import struct
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from torch import nn

#: Prefixes of the tensors that only resuming a bnlab run uses.
RESUME_PREFIXES = ("optimizer.state.", "bnlab.")


def read_header(run_file: str | os.PathLike) -> dict:
    """The run file's first line (its header), as a dict."""
    with open(run_file, encoding="utf-8") as f:
        header = json.loads(f.readline())
    if header.get("format") != "bnlab-run":
        raise ValueError(f"{run_file}: line 1: not a bnlab run file (no \"format\": \"bnlab-run\")")
    if not isinstance(header.get("config"), dict):
        raise ValueError(f"{run_file}: line 1: field config: missing, so the model cannot be rebuilt")
    return header


def checkpoint_events(run_file: str | os.PathLike) -> list[dict]:
    """The run file's `checkpoint` events, in order."""
    events = []
    with open(run_file, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if number == 1 or '"checkpoint"' not in line:
                continue
            event = json.loads(line)
            if event.get("type") == "checkpoint":
                events.append(event)
    return events


def _pair(value):
    return tuple(value) if isinstance(value, (list, tuple)) else value


def build_module(layer: dict) -> nn.Module:
    """One layer of a run config's `model` list as the PyTorch module bnlab mirrors."""
    kind = layer["type"]
    if kind == "Flatten":
        return nn.Flatten()
    if kind == "ReLU":
        return nn.ReLU()
    if kind == "Linear":
        return nn.Linear(layer["in"], layer["out"], bias=layer.get("bias", True))
    if kind == "Conv2d":
        return nn.Conv2d(layer["in"], layer["out"], _pair(layer["kernel"]), stride=_pair(layer.get("stride", 1)),
                         padding=_pair(layer.get("padding", 0)), bias=layer.get("bias", True))
    if kind in ("BatchNorm1d", "BatchNorm2d"):
        cls = nn.BatchNorm1d if kind == "BatchNorm1d" else nn.BatchNorm2d
        return cls(layer["features"], eps=layer.get("eps", 1e-5), momentum=layer.get("momentum", 0.1),
                   affine=layer.get("affine", True), track_running_stats=layer.get("track_running_stats", True))
    if kind == "LayerNorm":
        return nn.LayerNorm(layer["shape"], eps=layer.get("eps", 1e-5),
                            elementwise_affine=layer.get("elementwise_affine", True))
    if kind == "GroupNorm":
        return nn.GroupNorm(layer["groups"], layer["channels"], eps=layer.get("eps", 1e-5),
                            affine=layer.get("affine", True))
    if kind == "MaxPool2d":
        return nn.MaxPool2d(_pair(layer["kernel"]), stride=_pair(layer.get("stride", layer["kernel"])))
    if kind == "Dropout":
        return nn.Dropout(layer.get("p", 0.5))
    raise ValueError(f"model layer type {kind!r} has no PyTorch counterpart here; add it to build_module")


def build_model(config: dict) -> nn.Sequential:
    """The run's `nn.Sequential` from its header config (module names "0", "1", … as in bnlab)."""
    return nn.Sequential(*[build_module(layer) for layer in config["model"]])


def state_dict_of(path: str | os.PathLike) -> dict[str, torch.Tensor]:
    """The model tensors of a safetensors checkpoint (resume tensors left out)."""
    tensors = load_file(str(path))
    return {k: v for k, v in tensors.items() if not k.startswith(RESUME_PREFIXES)}


def checkpoint_path(run_file: str | os.PathLike, checkpoint: int | str | None = None) -> Path:
    """The checkpoint file of a run: the last one (None), epoch N's (an int), or a given path."""
    run_file = Path(run_file)
    if isinstance(checkpoint, (str, os.PathLike)):
        return Path(checkpoint)
    events = checkpoint_events(run_file)
    if checkpoint is not None:
        events = [e for e in events if e.get("epoch") == checkpoint]
    if not events:
        which = "any checkpoint" if checkpoint is None else f"a checkpoint of epoch {checkpoint}"
        raise FileNotFoundError(f"{run_file}: names no {which}; runs save one at the end and on Ctrl-C "
                                "(record.checkpoint_every adds per-epoch ones)")
    return run_file.parent / events[-1]["file"]


def load_bnlab(run_file: str | os.PathLike, checkpoint: int | str | None = None) -> nn.Module:
    """The run's model with a checkpoint's weights loaded (strictly), in eval mode."""
    model = build_model(read_header(run_file)["config"])
    model.load_state_dict(state_dict_of(checkpoint_path(run_file, checkpoint)), strict=True)
    return model.eval()


def save_for_bnlab(model: nn.Module, path: str | os.PathLike) -> None:
    """Saves `model.state_dict()` as safetensors for `bnlab run EXP --init PATH`: float
    tensors as float32, `num_batches_tracked` as int64."""
    state = {}
    for key, value in model.state_dict().items():
        value = value.detach().cpu().contiguous()
        state[key] = value.to(torch.int64) if key.endswith("num_batches_tracked") else value.to(torch.float32)
    save_file(state, str(path), metadata={"format": "pt"})


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """An IDX file (raw or .gz) as a uint8 array: images (N, H, W) or labels (N,)."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_split(folder: str | os.PathLike, split: str, config: dict) -> tuple[torch.Tensor, torch.Tensor]:
    """A dataset split (`train` or `t10k`) as bnlab feeds it: (x/255 − mean)/std, shape (N, 1, H, W)."""
    folder = Path(folder)
    def find(kind):
        for name in (f"{split}-{kind}-idx{3 if kind == 'images' else 1}-ubyte", ):
            for suffix in (".gz", ""):
                if (folder / (name + suffix)).exists():
                    return folder / (name + suffix)
        raise FileNotFoundError(f"{folder}: no {split} {kind} IDX file")
    images = torch.from_numpy(read_idx(find("images")).copy()).to(torch.float32).div(255).unsqueeze(1)
    labels = torch.from_numpy(read_idx(find("labels")).astype(np.int64))
    normalize = (config.get("dataset") or {}).get("normalize")
    if normalize:
        mean = torch.tensor(normalize["mean"], dtype=torch.float32).view(1, -1, 1, 1)
        std = torch.tensor(normalize["std"], dtype=torch.float32).view(1, -1, 1, 1)
        images = images.sub(mean).div(std)
    return images, labels
