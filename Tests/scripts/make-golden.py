#!/usr/bin/env python3
"""Writes a golden file of PyTorch reference results in bnlab's parity format.

    python3 Tests/scripts/make-golden.py OUT.json [--seed 7]

Every case is computed by PyTorch in float64 on inputs rounded to float32, as described in
docs/parity.md: module cases (forward, backward, parameter gradients, state before/after, and
expected errors), cross-entropy losses, SGD/Adam/AdamW/RMSprop steps with their state, learning-rate
schedules, Xavier/Kaiming initialization statistics and short MLP training trajectories. Different
seeds give different shapes and settings; `bnlab parity OUT.json` must pass on any of them.
Needs PyTorch (pip install torch); the project's tests do not.
"""
import argparse
import json
import math
import random
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F


def f32(t):
    """A float64 tensor whose values are exactly representable in float32."""
    return t.float().double()


def tensor(t):
    t = t.detach().double()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def state(module):
    out = {}
    for k, v in module.state_dict().items():
        out[k] = int(v.item()) if k.endswith("num_batches_tracked") else tensor(v)
    return out


class FrozenBatchNorm2d(nn.Module):
    """torchvision.ops.FrozenBatchNorm2d: every tensor is a buffer."""

    def __init__(self, num_features, eps=1e-5):
        super().__init__()
        self.eps = eps
        self.register_buffer("weight", torch.ones(num_features))
        self.register_buffer("bias", torch.zeros(num_features))
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))

    def forward(self, x):
        scale = self.weight * (self.running_var + self.eps).rsqrt()
        bias = self.bias - self.running_mean * scale
        return x * scale.reshape(1, -1, 1, 1) + bias.reshape(1, -1, 1, 1)


def build(name, args):
    if name == "FrozenBatchNorm2d":
        return FrozenBatchNorm2d(**args)
    return getattr(nn, name)(**args)


def module_case(name, module_name, args, mode, shapes, randomize_state=False, note=""):
    m = build(module_name, args).double()
    with torch.no_grad():
        for p in m.parameters():
            if randomize_state:
                p.copy_(f32(torch.randn_like(p) * 0.5 + (1.0 if p.dim() == 1 else 0.0)))
            else:
                p.copy_(f32(p))
        for k, b in m.named_buffers():
            if randomize_state and b.dtype.is_floating_point:
                if k.endswith("running_var"):
                    b.copy_(f32(torch.rand_like(b) + 0.5))
                elif k.endswith("running_mean"):
                    b.copy_(f32(torch.randn_like(b) * 0.3))
                elif k.endswith("weight"):
                    b.copy_(f32(torch.rand_like(b) + 0.5))
                elif k.endswith("bias"):
                    b.copy_(f32(torch.randn_like(b) * 0.3))
    m.train(mode == "train")
    case = {"name": name, "kind": "module", "module": module_name, "args": args, "mode": mode,
            "note": note, "state_before": state(m), "steps": []}
    for shape in shapes:
        x = f32(torch.randn(*shape) * 2 + 0.5).requires_grad_(True)
        for p in m.parameters():
            p.grad = None
        y = m(x)
        g = f32(torch.randn_like(y))
        y.backward(g)
        step = {"input": tensor(x), "output": tensor(y), "grad_output": tensor(g),
                "grad_input": tensor(x.grad),
                "param_grads": {k: tensor(p.grad) for k, p in m.named_parameters() if p.grad is not None}}
        case["steps"].append(step)
    case["state_after"] = state(m)
    return case


def error_case(name, module_name, args, mode, shape):
    case = {"name": name, "kind": "module", "module": module_name, "args": args, "mode": mode, "note": "",
            "steps": []}
    try:
        m = build(module_name, args).double()
    except Exception as e:  # construction error
        case["error"] = f"{type(e).__name__}: {e}"
        return case
    m.train(mode == "train")
    case["state_before"] = state(m)
    x = f32(torch.randn(*shape))
    try:
        m(x)
        raise SystemExit(f"{name}: expected an error")
    except Exception as e:
        case["error"] = f"{type(e).__name__}: {e}"
    case["steps"] = [{"input": tensor(x)}]
    case["state_after"] = state(m)
    return case


def loss_case(name, args, n, c, rng):
    logits = f32(torch.randn(n, c) * 2).requires_grad_(True)
    target = torch.tensor([rng.randrange(c) for _ in range(n)])
    if "ignore_index" in args:
        target[0] = args["ignore_index"]
    kwargs = dict(args)
    if "weight" in kwargs:
        kwargs["weight"] = torch.tensor(kwargs["weight"], dtype=torch.float64)
    out = nn.CrossEntropyLoss(**kwargs)(logits, target)
    out.backward()
    return {"name": name, "kind": "loss", "module": "CrossEntropyLoss", "args": args, "input": tensor(logits),
            "target": target.tolist(), "output": out.item(), "grad_input": tensor(logits.grad)}


def sgd_case(name, args, shape, steps):
    p = nn.Parameter(f32(torch.randn(*shape)))
    opt = torch.optim.SGD([p], **args)
    case = {"name": name, "kind": "optimizer", "module": "SGD", "args": args, "param_before": tensor(p), "steps": []}
    for _ in range(steps):
        g = f32(torch.randn(*shape))
        opt.zero_grad()
        p.grad = g.clone()
        opt.step()
        case["steps"].append({"grad": tensor(g), "param_after": tensor(p)})
    return case


def optimizer_case(name, cls, args, shape, steps, skip=()):
    """Steps of torch.optim.<cls> on one parameter; `skip` lists steps taken without a gradient."""
    p = nn.Parameter(f32(torch.randn(*shape)))
    kwargs = {k: tuple(v) if k == "betas" else v for k, v in args.items()}
    opt = getattr(torch.optim, cls)([p], **kwargs)
    case = {"name": name, "kind": "optimizer", "module": cls, "args": args, "param_before": tensor(p), "steps": []}
    for k in range(steps):
        opt.zero_grad()
        step = {}
        if k not in skip:
            g = f32(torch.randn(*shape))
            p.grad = g.clone()
            step["grad"] = tensor(g)
        opt.step()
        step["param_after"] = tensor(p)
        step["state"] = {key: int(v.item()) if key == "step" else tensor(v) for key, v in opt.state[p].items()}
        case["steps"].append(step)
    return case


def optimizer_error_case(name, cls, args):
    kwargs = {k: tuple(v) if k == "betas" else v for k, v in args.items()}
    p = nn.Parameter(torch.zeros(2))
    try:
        getattr(torch.optim, cls)([p], **kwargs)
    except Exception as e:
        return {"name": name, "kind": "optimizer", "module": cls, "args": args, "error": f"{type(e).__name__}: {e}",
                "param_before": tensor(torch.zeros(2)), "steps": []}
    raise SystemExit(f"{name}: expected an error")


def build_scheduler(opt, spec):
    kwargs = {k: v for k, v in spec.items() if k != "type"}
    if spec["type"] == "SequentialLR":
        subs = [build_scheduler(opt, s) for s in kwargs["schedulers"]]
        return torch.optim.lr_scheduler.SequentialLR(opt, subs, kwargs["milestones"])
    return getattr(torch.optim.lr_scheduler, spec["type"])(opt, **kwargs)


def scheduler_case(name, lr, spec, steps):
    """The learning rate after construction and after each of `steps` optimizer + scheduler steps."""
    p = nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=lr)
    case = {"name": name, "kind": "scheduler", "optimizer": {"lr": lr}, "scheduler": spec}
    try:
        sched = build_scheduler(opt, spec)
    except Exception as e:
        case["error"] = f"{type(e).__name__}: {e}"
        return case
    lrs = [sched.get_last_lr()[0]]
    for _ in range(steps):
        opt.step()
        sched.step()
        lrs.append(sched.get_last_lr()[0])
        assert lrs[-1] == opt.param_groups[0]["lr"]
    case["lrs"] = lrs
    return case


def init_case(name, function, args, shape, scale, seed):
    """PyTorch's std (and bound) for nn.init.<function> on a tensor of `shape`, and the statistics of
    one draw; bnlab's generator differs from PyTorch's, so the draws are compared statistically."""
    case = {"name": name, "kind": "init", "function": function, "args": args, "shape": list(shape),
            "scale": scale, "seed": seed}
    t = torch.empty(*shape, dtype=torch.float64)
    try:
        getattr(nn.init, function)(t, **args, generator=torch.Generator().manual_seed(seed))
        if function.startswith("xavier"):
            fan_in, fan_out = nn.init._calculate_fan_in_and_fan_out(t)
            std = args.get("gain", 1.0) * math.sqrt(2.0 / float(fan_in + fan_out))
        else:
            fan = nn.init._calculate_correct_fan(t, args.get("mode", "fan_in"))
            std = nn.init.calculate_gain(args.get("nonlinearity", "leaky_relu"), args.get("a", 0)) / math.sqrt(fan)
    except Exception as e:
        case["error"] = f"{type(e).__name__}: {e}"
        return case
    t.mul_(scale)
    case["std"] = std * abs(scale)
    if function.endswith("uniform_"):
        case["bound"] = math.sqrt(3.0) * std * abs(scale)
    case["sample"] = {"mean": t.mean().item(), "std": t.std(unbiased=False).item(),
                      "min": t.min().item(), "max": t.max().item()}
    return case


def trajectory_case(name, widths, bn, batch, n_batches, lr, momentum, accumulation=1, frozen=None,
                    bn_eval=False, note="", optimizer=None, scheduler=None):
    """An MLP trained on random batches; `optimizer` ({"type", …args}) replaces SGD(lr, momentum), and
    `scheduler` (a schedule spec) is stepped after every optimizer step."""
    layers, spec = [], []
    for i in range(len(widths) - 2):
        layers.append(nn.Linear(widths[i], widths[i + 1], bias=not bn))
        spec.append({"type": "Linear", "in_features": widths[i], "out_features": widths[i + 1], "bias": not bn})
        if bn:
            layers.append(nn.BatchNorm1d(widths[i + 1]))
            spec.append({"type": "BatchNorm1d", "num_features": widths[i + 1]})
        layers.append(nn.ReLU())
        spec.append({"type": "ReLU"})
    layers.append(nn.Linear(widths[-2], widths[-1]))
    spec.append({"type": "Linear", "in_features": widths[-2], "out_features": widths[-1], "bias": True})
    model = nn.Sequential(*layers).double()
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(f32(p))
    initial = state(model)
    if frozen == "body":
        for p in model.parameters():
            p.requires_grad_(False)
        for p in layers[-1].parameters():
            p.requires_grad_(True)
    trainable = [p for p in model.parameters() if p.requires_grad]
    if optimizer is None:
        optimizer = {"lr": lr, "momentum": momentum}
        opt = torch.optim.SGD(trainable, lr=lr, momentum=momentum)
    else:
        kwargs = {k: tuple(v) if k == "betas" else v for k, v in optimizer.items() if k != "type"}
        opt = getattr(torch.optim, optimizer["type"])(trainable, **kwargs)
    sched = build_scheduler(opt, scheduler) if scheduler else None
    batches = [(f32(torch.randn(batch, widths[0])), torch.randint(0, widths[-1], (batch,))) for _ in range(n_batches)]
    losses = []
    model.train()
    if bn_eval:
        for m in model.modules():
            if isinstance(m, nn.BatchNorm1d):
                m.eval()
    opt.zero_grad()
    for i, (x, y) in enumerate(batches):
        loss = F.cross_entropy(model(x), y)
        losses.append(float(loss))
        (loss / accumulation).backward()
        if (i + 1) % accumulation == 0:
            opt.step()
            if sched:
                sched.step()
            opt.zero_grad()
    model.eval()
    with torch.no_grad():
        eval_out = model(batches[0][0])
    extra = {"scheduler": scheduler} if scheduler else {}
    return {"name": name, "kind": "trajectory", "note": note, "model": spec, **extra,
            "optimizer": optimizer, "accumulation_steps": accumulation,
            "frozen": frozen, "bn_eval_during_training": bn_eval, "initial_state": initial,
            "batches": [{"input": tensor(x), "target": y.tolist()} for x, y in batches],
            "losses": losses, "final_state": state(model), "eval_output_on_first_batch": tensor(eval_out)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    r = lambda a, b: rng.randint(a, b)
    cases = []
    # BatchNorm in every configuration, on shapes drawn from the seed.
    for momentum in (0.1, None, 0.3):
        for affine in (True, False):
            for track in (True, False):
                for mode in ("train", "eval"):
                    c = r(2, 6)
                    args1 = {"num_features": c, "momentum": momentum, "affine": affine, "track_running_stats": track,
                             "eps": rng.choice([1e-5, 1e-3])}
                    tag = f"m{momentum}_a{int(affine)}_t{int(track)}_{mode}"
                    # At least 4 values per channel: with 2, two nearly equal values make the float32
                    # gradient ill-conditioned (PyTorch's own float32 misses the float64 reference too).
                    cases.append(module_case(f"bn1d_2d_{tag}", "BatchNorm1d", args1, mode,
                                             [(max(r(2, 9), 4), c)] * 3, randomize_state=(mode == "eval")))
                    n, length = r(2, 5), r(1, 7)
                    cases.append(module_case(f"bn1d_3d_{tag}", "BatchNorm1d", args1, mode,
                                             [(n, c, max(length, -(-4 // n)))] * 2, randomize_state=(mode == "eval")))
                    cases.append(module_case(f"bn2d_{tag}", "BatchNorm2d", args1, mode,
                                             [(r(1, 4), c, r(2, 5), r(2, 5))] * 2, randomize_state=(mode == "eval")))
    cases.append(error_case("bn1d_wrong_rank", "BatchNorm1d", {"num_features": 3}, "train", (2, 3, 4, 5)))
    cases.append(error_case("bn2d_wrong_rank", "BatchNorm2d", {"num_features": 3}, "train", (2, 3, 4)))
    cases.append(error_case("bn1d_wrong_channels", "BatchNorm1d", {"num_features": 3}, "train", (4, 5)))
    cases.append(error_case("bn1d_one_value_3d", "BatchNorm1d", {"num_features": 3}, "train", (1, 3, 1)))
    cases.append(error_case("bn1d_eps_zero", "BatchNorm1d", {"num_features": 3, "eps": 0.0}, "train", (4, 3)))
    cases.append(error_case("groupnorm_indivisible", "GroupNorm", {"num_groups": 4, "num_channels": 6}, "train", (2, 6)))
    cases.append(error_case("dropout_p_too_large", "Dropout", {"p": 1.1}, "train", (2, 3)))
    cases.append(error_case("linear_wrong_width", "Linear", {"in_features": 3, "out_features": 4}, "train", (2, 5)))
    # Other layers.
    cases.append(module_case("frozen_bn2d", "FrozenBatchNorm2d", {"num_features": 4}, "train", [(2, 4, 3, 3)],
                             randomize_state=True))
    for i in range(3):
        cin, cout, k, s, p = r(1, 3), r(1, 4), rng.choice([1, 2, 3, 5]), r(1, 2), r(0, 2)
        size = r(k, k + 6) if p == 0 else r(max(k - 2 * p, 1), 8)
        cases.append(module_case(f"conv2d_{i}_{cin}to{cout}_k{k}s{s}p{p}", "Conv2d",
                                 {"in_channels": cin, "out_channels": cout, "kernel_size": k, "stride": s,
                                  "padding": p, "bias": bool(i % 2 == 0)}, "train", [(r(1, 3), cin, size, size + 1)]))
    cases.append(module_case("conv2d_rect", "Conv2d", {"in_channels": 2, "out_channels": 3, "kernel_size": [2, 3],
                                                        "stride": [1, 2], "padding": [1, 0]}, "train", [(2, 2, 5, 7)]))
    cases.append(module_case("maxpool2d_pad", "MaxPool2d", {"kernel_size": 3, "stride": 2, "padding": 1}, "train",
                             [(2, 2, 7, 6)]))
    ln_dim = max(r(2, 6), 4)  # at least 4 values per normalized row, as for BatchNorm above
    cases.append(module_case("layernorm_last", "LayerNorm", {"normalized_shape": [ln_dim]}, "train",
                             [(r(2, 4), 3, ln_dim)], randomize_state=True))
    cases.append(module_case("groupnorm_4d", "GroupNorm", {"num_groups": 2, "num_channels": 4}, "train", [(3, 4, 3, 2)],
                             randomize_state=True))
    cases.append(module_case("instancenorm2d_eval", "InstanceNorm2d", {"num_features": 2, "affine": True}, "eval",
                             [(2, 2, 3, 3)], randomize_state=True))
    cases.append(module_case("dropout_eval", "Dropout", {"p": 0.3}, "eval", [(3, 4)]))
    cases.append(module_case("dropout_p0_train", "Dropout", {"p": 0.0}, "train", [(3, 4)]))
    # Losses.
    cases.append(loss_case("ce_mean_b", {}, r(3, 9), r(2, 7), rng))
    cases.append(loss_case("ce_sum_b", {"reduction": "sum"}, r(3, 9), r(2, 7), rng))
    c = r(2, 6)
    cases.append(loss_case("ce_all_b", {"weight": [f32(torch.rand(1) + 0.5).item() for _ in range(c)], "ignore_index": 0,
                                        "label_smoothing": 0.15}, 6, c, rng))
    # Optimizers.
    cases.append(sgd_case("sgd_plain_b", {"lr": 0.05}, (r(1, 4), r(1, 5)), 3))
    cases.append(sgd_case("sgd_all_b", {"lr": 0.02, "momentum": 0.7, "dampening": 0.1, "weight_decay": 0.001},
                          (r(1, 4), r(1, 5)), 4))
    cases.append(sgd_case("sgd_nesterov_b", {"lr": 0.1, "momentum": 0.5, "nesterov": True}, (5,), 3))
    # Trajectories.
    cases.append(trajectory_case("traj_bn_momentum", [12, 10, 8, 3], True, 6, 6, 0.05, 0.9))
    cases.append(trajectory_case("traj_bn_accum3", [12, 10, 3], True, 5, 6, 0.1, 0.0, accumulation=3))
    cases.append(trajectory_case("traj_frozen", [12, 10, 3], True, 6, 4, 0.1, 0.0, frozen="body"))
    cases.append(trajectory_case("traj_frozen_bn_eval", [12, 10, 3], True, 6, 4, 0.1, 0.0, frozen="body", bn_eval=True))
    # BatchNorm3d.
    for momentum, affine, track, mode in [(0.1, True, True, "train"), (None, True, True, "train"), (0.1, True, True, "eval"),
                                          (0.3, False, True, "train"), (0.1, True, False, "train"), (0.1, False, False, "eval")]:
        c = r(1, 4)
        args3 = {"num_features": c, "momentum": momentum, "affine": affine, "track_running_stats": track,
                 "eps": rng.choice([1e-5, 1e-3])}
        cases.append(module_case(f"bn3d_m{momentum}_a{int(affine)}_t{int(track)}_{mode}", "BatchNorm3d", args3, mode,
                                 [(r(1, 3), c, r(1, 3), r(2, 4), r(1, 4))] * 2, randomize_state=(mode == "eval")))
    cases.append(error_case("bn3d_wrong_rank", "BatchNorm3d", {"num_features": 3}, "train", (2, 3, 4, 5)))
    cases.append(error_case("bn3d_one_value", "BatchNorm3d", {"num_features": 2}, "train", (1, 2, 1, 1, 1)))
    # Adam, AdamW, RMSprop: several steps with each option; a step without a gradient is skipped.
    shape = lambda: (r(1, 4), r(1, 5))
    cases.append(optimizer_case("adam_default", "Adam", {}, shape(), 4))
    cases.append(optimizer_case("adam_all", "Adam", {"lr": 0.01, "betas": [0.8, 0.95], "eps": 1e-6, "weight_decay": 0.05,
                                                      "amsgrad": True}, shape(), 5, skip=(2,)))
    cases.append(optimizer_case("adam_weight_decay", "Adam", {"lr": 0.05, "weight_decay": 0.1}, (r(2, 6),), 4))
    cases.append(optimizer_case("adam_amsgrad", "Adam", {"lr": 0.02, "amsgrad": True}, shape(), 6))
    cases.append(optimizer_case("adamw_default", "AdamW", {}, shape(), 4))
    cases.append(optimizer_case("adamw_all", "AdamW", {"lr": 0.03, "betas": [0.85, 0.99], "eps": 1e-7, "weight_decay": 0.2,
                                                        "amsgrad": True}, shape(), 5, skip=(0,)))
    cases.append(optimizer_case("rmsprop_default", "RMSprop", {}, shape(), 4))
    cases.append(optimizer_case("rmsprop_centered", "RMSprop", {"lr": 0.005, "alpha": 0.9, "centered": True}, shape(), 4))
    cases.append(optimizer_case("rmsprop_momentum", "RMSprop", {"lr": 0.01, "momentum": 0.8, "weight_decay": 0.01}, shape(), 5))
    cases.append(optimizer_case("rmsprop_all", "RMSprop", {"lr": 0.002, "alpha": 0.95, "eps": 1e-6, "weight_decay": 0.03,
                                                            "momentum": 0.5, "centered": True}, shape(), 5, skip=(1,)))
    cases.append(optimizer_error_case("adam_negative_lr", "Adam", {"lr": -1.0}))
    cases.append(optimizer_error_case("adam_beta1_one", "Adam", {"betas": [1.0, 0.999]}))
    cases.append(optimizer_error_case("adam_beta2_negative", "Adam", {"betas": [0.9, -0.5]}))
    cases.append(optimizer_error_case("adam_negative_eps", "Adam", {"eps": -1e-08}))
    cases.append(optimizer_error_case("adamw_negative_weight_decay", "AdamW", {"weight_decay": -0.01}))
    cases.append(optimizer_error_case("rmsprop_negative_alpha", "RMSprop", {"alpha": -0.1}))
    cases.append(optimizer_error_case("rmsprop_negative_momentum", "RMSprop", {"momentum": -0.9}))
    # Learning-rate schedules: the lr after construction and after every step.
    lr0 = rng.choice([0.1, 0.05, 1.0])
    cases.append(scheduler_case("steplr", lr0, {"type": "StepLR", "step_size": r(2, 4), "gamma": 0.5}, 12))
    cases.append(scheduler_case("steplr_default_gamma", lr0, {"type": "StepLR", "step_size": r(1, 3)}, 8))
    cases.append(scheduler_case("multisteplr", lr0, {"type": "MultiStepLR", "milestones": [2, r(4, 6), r(4, 6), 9],
                                                     "gamma": 0.3}, 12))
    cases.append(scheduler_case("exponentiallr", lr0, {"type": "ExponentialLR", "gamma": rng.choice([0.9, 0.7])}, 10))
    t_max = r(3, 8)
    cases.append(scheduler_case("cosine", lr0, {"type": "CosineAnnealingLR", "T_max": t_max}, 3 * t_max + 2))
    cases.append(scheduler_case("cosine_eta_min", lr0, {"type": "CosineAnnealingLR", "T_max": t_max, "eta_min": 0.001},
                                2 * t_max + 3))
    cases.append(scheduler_case("linearlr_default", lr0, {"type": "LinearLR"}, 8))
    cases.append(scheduler_case("linearlr_warmup", lr0, {"type": "LinearLR", "start_factor": 0.1, "end_factor": 1.0,
                                                         "total_iters": r(2, 5)}, 8))
    cases.append(scheduler_case("linearlr_decay", lr0, {"type": "LinearLR", "start_factor": 1.0, "end_factor": 0.25,
                                                        "total_iters": 4}, 7))
    warm = r(2, 5)
    cases.append(scheduler_case("sequential_warmup_cosine", lr0, {"type": "SequentialLR", "schedulers": [
        {"type": "LinearLR", "start_factor": 0.01, "total_iters": warm},
        {"type": "CosineAnnealingLR", "T_max": r(4, 10), "eta_min": 1e-4}], "milestones": [warm]}, 20))
    cases.append(scheduler_case("sequential_three", lr0, {"type": "SequentialLR", "schedulers": [
        {"type": "ExponentialLR", "gamma": 0.9}, {"type": "StepLR", "step_size": 2, "gamma": 0.5},
        {"type": "MultiStepLR", "milestones": [1, 3]}], "milestones": [3, 7]}, 12))
    cases.append(scheduler_case("sequential_constant_then_linear", lr0, {"type": "SequentialLR", "schedulers": [
        {"type": "StepLR", "step_size": 100}, {"type": "LinearLR", "start_factor": 0.5, "total_iters": 3}],
        "milestones": [4]}, 10))
    cases.append(scheduler_case("linearlr_start_zero", lr0, {"type": "LinearLR", "start_factor": 0.0}, 1))
    cases.append(scheduler_case("linearlr_end_above_one", lr0, {"type": "LinearLR", "end_factor": 1.5}, 1))
    cases.append(scheduler_case("sequential_milestones_mismatch", lr0, {"type": "SequentialLR", "schedulers": [
        {"type": "ExponentialLR", "gamma": 0.9}, {"type": "StepLR", "step_size": 2}], "milestones": [3, 5]}, 1))
    cases.append(scheduler_case("sequential_empty", lr0, {"type": "SequentialLR", "schedulers": [], "milestones": []}, 1))
    # Xavier and Kaiming initialization: PyTorch's std and bound, and a draw's statistics.
    for function, init_args in [("xavier_uniform_", {}), ("xavier_uniform_", {"gain": 5.0 / 3}), ("xavier_normal_", {}),
                           ("xavier_normal_", {"gain": math.sqrt(2.0)}), ("kaiming_uniform_", {}),
                           ("kaiming_uniform_", {"a": math.sqrt(5.0)}),
                           ("kaiming_uniform_", {"mode": "fan_out", "nonlinearity": "relu"}),
                           ("kaiming_normal_", {"nonlinearity": "relu"}),
                           ("kaiming_normal_", {"a": 0.2, "mode": "fan_out"}),
                           ("kaiming_normal_", {"mode": "FAN_IN", "nonlinearity": "tanh"}),
                           ("kaiming_normal_", {"nonlinearity": "selu"}), ("kaiming_uniform_", {"nonlinearity": "sigmoid"})]:
        shape = rng.choice([(r(20, 80), r(20, 80)), (r(8, 16), r(2, 6), 3, 3)])
        tag = "_".join(f"{k}{v if not isinstance(v, float) else round(v, 3)}" for k, v in init_args.items())
        cases.append(init_case(f"{function.rstrip('_')}{'_' + tag if tag else ''}", function, init_args, shape,
                               rng.choice([1.0, 1.0, 0.5]), r(0, 10**6)))
    cases.append(init_case("xavier_uniform_1d", "xavier_uniform_", {}, (5,), 1.0, 1))
    cases.append(init_case("kaiming_normal_bad_mode", "kaiming_normal_", {"mode": "fan_avg"}, (4, 3), 1.0, 1))
    cases.append(init_case("kaiming_uniform_bad_nonlinearity", "kaiming_uniform_", {"nonlinearity": "gelu"}, (4, 3), 1.0, 1))
    cases.append(init_case("xavier_normal_empty", "xavier_normal_", {}, (0, 0), 1.0, 1))
    # Training with Adam, AdamW and RMSprop under a schedule stepped per batch.
    cases.append(trajectory_case("traj_bn_adam_warmup_cosine", [12, 10, 8, 3], True, 6, 8, None, None,
                                 optimizer={"type": "Adam", "lr": 0.01, "amsgrad": True},
                                 scheduler={"type": "SequentialLR", "schedulers": [
                                     {"type": "LinearLR", "start_factor": 0.1, "total_iters": 3},
                                     {"type": "CosineAnnealingLR", "T_max": 5}], "milestones": [3]}))
    cases.append(trajectory_case("traj_bn_adamw_step", [12, 10, 3], True, 5, 6, None, None, accumulation=2,
                                 optimizer={"type": "AdamW", "lr": 0.02, "weight_decay": 0.1},
                                 scheduler={"type": "StepLR", "step_size": 2, "gamma": 0.5}))
    cases.append(trajectory_case("traj_rmsprop_centered", [12, 10, 3], False, 6, 5, None, None,
                                 optimizer={"type": "RMSprop", "lr": 0.005, "momentum": 0.5, "centered": True}))
    # SequentialLR's corners: a milestone at 0 or 1, unsorted milestones (PyTorch bisects them as
    # given), two cosines in a row; cosine over several periods; MultiStepLR's milestones unsorted.
    lr0 = rng.choice([0.5, 0.3])
    cases.append(scheduler_case("sequential_milestone_0", lr0, {"type": "SequentialLR", "schedulers": [
        {"type": "ExponentialLR", "gamma": 0.5}, {"type": "LinearLR", "start_factor": 0.2, "total_iters": 2}],
        "milestones": [0]}, 6))
    cases.append(scheduler_case("sequential_milestone_1", lr0, {"type": "SequentialLR", "schedulers": [
        {"type": "ExponentialLR", "gamma": 0.5}, {"type": "CosineAnnealingLR", "T_max": r(2, 4)}], "milestones": [1]}, 10))
    cases.append(scheduler_case("sequential_unsorted_milestones", lr0, {"type": "SequentialLR", "schedulers": [
        {"type": "ExponentialLR", "gamma": 0.5}, {"type": "StepLR", "step_size": 1, "gamma": 0.9}, {"type": "LinearLR"}],
        "milestones": [r(4, 6), 2]}, 10))
    cases.append(scheduler_case("sequential_cosine_cosine", lr0, {"type": "SequentialLR", "schedulers": [
        {"type": "CosineAnnealingLR", "T_max": 2}, {"type": "CosineAnnealingLR", "T_max": r(3, 5), "eta_min": 0.01}],
        "milestones": [3]}, 12))
    cases.append(scheduler_case("cosine_periods", lr0, {"type": "CosineAnnealingLR", "T_max": r(1, 3), "eta_min": 0.05}, 25))
    cases.append(scheduler_case("multisteplr_unsorted", lr0, {"type": "MultiStepLR", "milestones": [5, 1, 3, 3]}, 8))
    with open(args.out, "w") as f:
        json.dump({"generator": f"PyTorch {torch.__version__} CPU, float64 arithmetic on float32-representable inputs",
                   "seed": args.seed, "cases": cases}, f)
    print(f"wrote {len(cases)} cases to {args.out}")


if __name__ == "__main__":
    main()
