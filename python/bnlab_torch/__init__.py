"""Records a PyTorch model's normalization layers into bnlab run files (format 1.1).

Submodules are imported lazily (on first use of a name), so importing the package does not import
torch, and modules added beside these need no change here: ``bnlab_torch.<submodule>`` works for
any of them.
"""
import importlib

# Public name -> submodule that defines it.
_EXPORTS = {
    "Recorder": "recorder",
    "RunFileWriter": "runfile",
    "describe_modules": "modules",
    "norm_layers": "modules",
    "CPUSyncBatchNorm": "sync_batchnorm",
    "evaluate": "evaluation",
    "read_idx": "idx",
    "load_fashion_mnist": "idx",
    "FASHION_CLASSES": "idx",
}

__all__ = sorted(_EXPORTS)
__version__ = "0.1.0"


def __getattr__(name):
    """Imports the submodule defining ``name`` (or the submodule ``name`` itself) on first use."""
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"{__name__}.{name}":
            raise
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
