"""Reads Fashion-MNIST from its IDX files (gzip or not), as bnlab does, into torch tensors."""
import gzip
import math
import os
import struct

FASHION_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                   "Ankle boot"]


class IDXError(Exception):
    """An IDX file that is missing or malformed; the message names the file and what to do."""


def read_idx(path):
    """An IDX file's array as a uint8 torch tensor of its shape (``path`` or ``path + ".gz"``)."""
    import torch
    candidates = [path, path + ".gz"] if not path.endswith(".gz") else [path, path[:-3]]
    found = next((p for p in candidates if os.path.exists(p)), None)
    if found is None:
        raise IDXError(f"{path}: no such IDX file (nor .gz); pass --data with the Fashion-MNIST folder")
    opener = gzip.open if found.endswith(".gz") else open
    with opener(found, "rb") as f:
        data = f.read()
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] != 8:
        raise IDXError(f"{found}: not an unsigned-byte IDX file (magic {data[:4].hex()}); re-download it")
    header_end = 4 + 4 * data[3]
    shape = struct.unpack(f">{data[3]}I", data[4:header_end])
    body, expected = data[header_end:], math.prod(shape)
    if len(body) != expected:
        raise IDXError(f"{found}: {len(body)} bytes of data for shape {shape} ({expected} expected); the file is cut off")
    return torch.frombuffer(bytearray(body), dtype=torch.uint8).reshape(shape)


def load_fashion_mnist(folder, train=True):
    """(images float32 (N, 1, 28, 28) scaled to 0…1, labels int64 (N,)) from ``folder``."""
    prefix = "train" if train else "t10k"
    images = read_idx(os.path.join(folder, f"{prefix}-images-idx3-ubyte"))
    labels = read_idx(os.path.join(folder, f"{prefix}-labels-idx1-ubyte"))
    if images.shape[0] != labels.shape[0]:
        raise IDXError(f"{folder}: {images.shape[0]} {prefix} images but {labels.shape[0]} labels")
    return images.float().div_(255).unsqueeze(1), labels.long()
