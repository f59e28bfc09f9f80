"""A SyncBatchNorm that also runs on CPU (gloo), where torch.nn.SyncBatchNorm refuses CPU tensors."""


def _cpu_sync_batchnorm_class():
    import torch
    import torch.distributed as dist
    from torch import nn
    import warnings
    from torch.distributed.nn.functional import all_reduce

    # Its replacement in _functional_collectives is not differentiable; this one is, as needed here.
    warnings.filterwarnings("ignore", message="torch.distributed.nn.functional.all_reduce is deprecated",
                            category=FutureWarning)

    class CPUSyncBatchNorm(nn.modules.batchnorm._BatchNorm):
        """torch.nn.SyncBatchNorm's computation with differentiable all-reduces, so it works on any device
        and backend (gloo on CPU included; DistributedDataParallel refuses torch's SyncBatchNorm on CPU).
        Outside a data-parallel training forward it is BatchNorm.

        Over every rank's batch (n_r values per channel on rank r):
        mean = ΣS_r / Σn_r, var = ΣQ_r / Σn_r − mean² (biased, used to normalize),
        running ← (1 − m)·running + m·stat, with var·n/(n − 1) (unbiased) for running_var.
        """

        is_sync_batchnorm = True  # the Recorder treats it as SyncBatchNorm

        def forward(self, x):
            if not self.training:
                return nn.functional.batch_norm(x, self.running_mean, self.running_var, self.weight, self.bias,
                                                self.running_mean is None, 0.0, self.eps)
            if not (dist.is_available() and dist.is_initialized() and dist.get_world_size() > 1):
                return self._local(x)
            dims = [0] + list(range(2, x.dim()))
            shape = [1, -1] + [1] * (x.dim() - 2)
            n_local = x.numel() // x.shape[1]
            stats = torch.cat([x.sum(dim=dims), (x * x).sum(dim=dims),
                               torch.full((1,), float(n_local), dtype=x.dtype, device=x.device)])
            stats = all_reduce(stats)
            c = x.shape[1]
            n = stats[-1]
            mean = stats[:c] / n
            var = stats[c:2 * c] / n - mean * mean
            if self.track_running_stats:
                with torch.no_grad():
                    self.num_batches_tracked.add_(1)
                    m = 1.0 / float(self.num_batches_tracked) if self.momentum is None else self.momentum
                    count = float(n)
                    self.running_mean.mul_(1 - m).add_(mean.detach(), alpha=m)
                    self.running_var.mul_(1 - m).add_(var.detach() * count / max(count - 1, 1.0), alpha=m)
            y = (x - mean.view(shape)) / torch.sqrt(var.view(shape) + self.eps)
            if self.affine:
                y = y * self.weight.view(shape) + self.bias.view(shape)
            return y

        def _local(self, x):
            """Plain BatchNorm (train mode) for a single process."""
            m = self.momentum or 0.0
            if self.track_running_stats:
                self.num_batches_tracked.add_(1)
                m = 1.0 / float(self.num_batches_tracked) if self.momentum is None else self.momentum
            return nn.functional.batch_norm(x, self.running_mean if self.track_running_stats else None,
                                            self.running_var if self.track_running_stats else None,
                                            self.weight, self.bias, True, m, self.eps)

        @classmethod
        def convert(cls, module):
            """Replaces every BatchNorm*d in ``module`` by a CPUSyncBatchNorm with the same state."""
            converted = module
            if isinstance(module, nn.modules.batchnorm._BatchNorm) and not isinstance(module, cls):
                converted = cls(module.num_features, module.eps, module.momentum, module.affine,
                                module.track_running_stats)
                converted.load_state_dict(module.state_dict())
                converted.train(module.training)
            for name, child in module.named_children():
                converted.add_module(name, cls.convert(child))
            return converted

        def _check_input_dim(self, x):
            if x.dim() < 2:
                raise ValueError(f"expected at least 2D input (got {x.dim()}D input)")

    return CPUSyncBatchNorm


def __getattr__(name):
    """``CPUSyncBatchNorm`` is built on first use, so importing this module does not import torch."""
    if name == "CPUSyncBatchNorm":
        cls = _cpu_sync_batchnorm_class()
        globals()[name] = cls
        return cls
    raise AttributeError(name)
