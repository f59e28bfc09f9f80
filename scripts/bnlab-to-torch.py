#!/usr/bin/env python3
"""bnlab checkpoints and PyTorch, from the command line (see docs/checkpoints.md).

  bnlab-to-torch.py load RUN_FILE [--checkpoint EPOCH|FILE] [--save model.pt]
      builds the run's nn.Sequential from its header config, loads the checkpoint (the last one by
      default), prints the model, and optionally saves it with torch.save.
  bnlab-to-torch.py init RUN_FILE OUT.safetensors [--seed N]
      builds the same nn.Sequential with PyTorch's own initialization (torch.manual_seed(N)) and
      saves its state dict for `bnlab run EXP --init OUT.safetensors`.
  bnlab-to-torch.py save MODEL.pt OUT.safetensors
      saves the state dict of a model saved with torch.save (whole module or state dict).

Run with PYTHONPATH=python (the repository's python/ folder) and a Python that has torch and
safetensors.
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python"))
import torch  # noqa: E402
from bnlab_torch.checkpoint import build_model, checkpoint_path, load_bnlab, read_header, save_for_bnlab  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    load = sub.add_parser("load", help="load a run's checkpoint into its nn.Sequential")
    load.add_argument("run_file")
    load.add_argument("--checkpoint", help="an epoch number, or a .safetensors path (default: the last)")
    load.add_argument("--save", help="torch.save the loaded model here")
    init = sub.add_parser("init", help="save a PyTorch-initialized model of a run's architecture")
    init.add_argument("run_file")
    init.add_argument("out")
    init.add_argument("--seed", type=int, default=0)
    save = sub.add_parser("save", help="convert a torch.save file to safetensors for --init")
    save.add_argument("model")
    save.add_argument("out")
    args = parser.parse_args(argv)

    if args.command == "load":
        which = args.checkpoint
        if which is not None and which.isdigit():
            which = int(which)
        path = checkpoint_path(args.run_file, which)
        model = load_bnlab(args.run_file, path)
        print(f"loaded {path} into:\n{model}")
        if args.save:
            torch.save(model, args.save)
            print(f"saved {args.save}")
    elif args.command == "init":
        torch.manual_seed(args.seed)
        model = build_model(read_header(args.run_file)["config"])
        save_for_bnlab(model, args.out)
        print(f"wrote {args.out}: {len(model.state_dict())} tensors")
    else:
        loaded = torch.load(args.model, weights_only=False)
        model = loaded if isinstance(loaded, torch.nn.Module) else None
        if model is None:
            class Holder(torch.nn.Module):
                def state_dict(self, *a, **k):
                    return loaded
            model = Holder()
        save_for_bnlab(model, args.out)
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
