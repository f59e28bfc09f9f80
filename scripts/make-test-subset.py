#!/usr/bin/env python3
"""Recreates the small, balanced Fashion-MNIST subset used by the tests.

Reads the four standard IDX files (gzip) from the Debian package folder and keeps, for each
class, the first 100 training and the first 20 test images in order of first appearance (the
original order is preserved, so the subset begins exactly like the full set). Writes the four
standard file names, gzip-compressed reproducibly (no file name, mtime 0), into each output
folder.

Usage:
    scripts/make-test-subset.py [--source DIR] [--out DIR ...]

Defaults: --source /usr/share/datasets/fashion-mnist (Debian: apt-get install
dataset-fashion-mnist); --out Tests/BNDataTests/Fixtures/fashion-subset, relative to the
package root. Standard library only.
"""
import argparse
import gzip
import os
import struct
import sys

PER_CLASS = {"train": 100, "t10k": 20}
CLASSES = 10
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = [
    os.path.join(ROOT, "Tests", "BNDataTests", "Fixtures", "fashion-subset"),
]


def read_idx(path, magic):
    """Returns (dims, payload) of a gzip IDX file, checking its magic and size."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    found, = struct.unpack(">I", data[:4])
    if found != magic:
        sys.exit(f"{path}: magic 0x{found:08x}, expected 0x{magic:08x}")
    ndims = magic & 0xFF
    dims = struct.unpack(">" + "I" * ndims, data[4:4 + 4 * ndims])
    payload = data[4 + 4 * ndims:]
    expected = 1
    for d in dims:
        expected *= d
    if len(payload) != expected:
        sys.exit(f"{path}: {len(payload)} payload bytes, header announces {expected}")
    return dims, payload


def write_idx(path, magic, dims, payload):
    """Writes an IDX file gzip-compressed with fixed metadata, so reruns give identical bytes."""
    header = struct.pack(">I" + "I" * len(dims), magic, *dims)
    with open(path, "wb") as f:
        f.write(gzip.compress(header + payload, compresslevel=9, mtime=0))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--out", action="append", help="output folder (repeatable)")
    args = parser.parse_args()
    outs = args.out or DEFAULT_OUT

    for split, per_class in PER_CLASS.items():
        (n_labels,), labels = read_idx(
            os.path.join(args.source, f"{split}-labels-idx1-ubyte.gz"), 0x801)
        (n_images, rows, cols), images = read_idx(
            os.path.join(args.source, f"{split}-images-idx3-ubyte.gz"), 0x803)
        if n_labels != n_images:
            sys.exit(f"{split}: {n_images} images but {n_labels} labels")
        taken = [0] * CLASSES
        keep = []
        for i, label in enumerate(labels):
            if taken[label] < per_class:
                taken[label] += 1
                keep.append(i)
        if any(t != per_class for t in taken):
            sys.exit(f"{split}: not enough images per class: {taken}")
        size = rows * cols
        sub_labels = bytes(labels[i] for i in keep)
        sub_images = b"".join(images[i * size:(i + 1) * size] for i in keep)
        pixels = len(sub_images)
        mean = sum(sub_images) / pixels / 255
        var = sum((b / 255 - mean) ** 2 for b in sub_images) / (pixels - 1)
        for out in outs:
            os.makedirs(out, exist_ok=True)
            write_idx(os.path.join(out, f"{split}-labels-idx1-ubyte.gz"), 0x801,
                      (len(keep),), sub_labels)
            write_idx(os.path.join(out, f"{split}-images-idx3-ubyte.gz"), 0x803,
                      (len(keep), rows, cols), sub_images)
        print(f"{split}: {len(keep)} images of {rows}x{cols}, {per_class} per class, "
              f"first labels {list(sub_labels[:16])}, mean {mean:.6f}, std {var ** 0.5:.6f}")
    for out in outs:
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
