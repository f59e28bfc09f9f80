"""Finds a model's normalization layers by PyTorch name and describes every module for the header."""

NORM_KINDS = ("batchnorm", "groupnorm", "layernorm", "instancenorm")


def norm_kind(module):
    """``"batchnorm"`` (any ``_BatchNorm``: BatchNorm1d/2d/3d, SyncBatchNorm), ``"instancenorm"``,
    ``"groupnorm"``, ``"layernorm"``, or None for any other module."""
    from torch import nn
    from torch.nn.modules.batchnorm import _BatchNorm
    from torch.nn.modules.instancenorm import _InstanceNorm

    if isinstance(module, _BatchNorm):
        return "batchnorm"
    if isinstance(module, _InstanceNorm):
        return "instancenorm"
    if isinstance(module, nn.GroupNorm):
        return "groupnorm"
    if isinstance(module, nn.LayerNorm):
        return "layernorm"
    return None


def norm_layers(model):
    """``[(name, module, kind)]`` for every normalization module of ``model``, in module order."""
    found = []
    for name, module in model.named_modules():
        kind = norm_kind(module)
        if kind is not None:
            found.append((name or type(module).__name__, module, kind))
    return found


def describe_module(name, module):
    """One entry of the header's ``modules``: ``{name, type}`` plus, for norms, ``features``, ``eps``,
    ``momentum`` (None: cumulative average), ``affine`` and ``track_running_stats``."""
    entry = {"name": name, "type": type(module).__name__}
    kind = norm_kind(module)
    if kind in ("batchnorm", "instancenorm"):
        entry.update(features=int(module.num_features), eps=float(module.eps),
                     momentum=None if module.momentum is None else float(module.momentum),
                     affine=bool(module.affine), track_running_stats=bool(module.track_running_stats))
    elif kind == "groupnorm":
        entry.update(features=int(module.num_channels), groups=int(module.num_groups), eps=float(module.eps),
                     affine=bool(module.affine))
    elif kind == "layernorm":
        shape = [int(s) for s in module.normalized_shape]
        entry.update(features=shape[0] if len(shape) == 1 else shape, eps=float(module.eps),
                     affine=bool(module.elementwise_affine))
    return entry


def describe_modules(model):
    """The header's ``modules``: every submodule of ``model`` in order (the root itself left out)."""
    return [describe_module(name, module) for name, module in model.named_modules() if name]
