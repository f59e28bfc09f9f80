"""Test-set evaluation as bnlab's epoch events report it: loss, accuracy, per-class counts."""


def _batch_norms(model):
    from torch.nn.modules.batchnorm import _BatchNorm
    return [m for m in model.modules() if isinstance(m, _BatchNorm)]


def _score(model, batches, classes, loss_fn):
    """Runs ``model`` over ``batches`` of (x, y); returns the epoch event's evaluation fields."""
    import torch
    import torch.nn.functional as F

    loss_fn = loss_fn or (lambda logits, y: F.cross_entropy(logits, y, reduction="sum"))
    correct = [0] * classes
    total = [0] * classes
    loss_sum = 0.0
    with torch.no_grad():
        for x, y in batches:
            logits = model(x)
            loss_sum += float(loss_fn(logits, y))
            predicted = logits.argmax(dim=1)
            total_k = torch.bincount(y, minlength=classes)
            correct_k = torch.bincount(y[predicted == y], minlength=classes)
            for k in range(classes):
                total[k] += int(total_k[k])
                correct[k] += int(correct_k[k])
    n = sum(total)
    # test_loss = Σ cross-entropy / n; accuracy = Σ correct / n; class_accuracy_k = correct_k / total_k (0 if empty)
    return {"test_loss": loss_sum / n if n else 0.0,
            "accuracy": sum(correct) / n if n else 0.0,
            "class_accuracy": [c / t if t else 0.0 for c, t in zip(correct, total)],
            "class_correct": correct, "class_total": total}


def evaluate(model, loader, classes, loss_fn=None, train_mode=False, device=None):
    """Evaluates ``model`` on ``loader`` (batches of (x, y)) in eval mode; returns the epoch fields.

    ``loss_fn(logits, y)`` must return the batch's summed loss (default: summed cross-entropy).
    ``train_mode``: also evaluate with the BatchNorm layers in train mode (see ``evaluate_train_mode``),
    True for the loader's batches or a list of batch sizes. The model's modes are restored.
    """
    modes = {m: m.training for m in model.modules()}
    try:
        model.eval()
        result = _score(model, _moved(loader, device), classes, loss_fn)
    finally:
        for m, mode in modes.items():
            m.training = mode
    if train_mode:
        result["train_mode"] = evaluate_train_mode(model, loader, classes, train_mode, loss_fn, device)
    return result


def _moved(loader, device):
    for x, y in loader:
        yield (x.to(device), y.to(device)) if device is not None else (x, y)


def evaluate_train_mode(model, loader, classes, batch_sizes=True, loss_fn=None, device=None):
    """The epoch event's ``train_mode`` list: the test set with the BatchNorm layers in train mode.

    ``batch_sizes``: True for the loader's own batches, or a list of batch sizes (the test set is
    re-batched). The rest of the model is in eval mode. Running statistics and counters are restored
    afterwards, and the modules' modes too, so the model is left exactly as it was.
    """
    import torch

    sizes = [None] if batch_sizes is True else [int(s) for s in batch_sizes]
    norms = _batch_norms(model)
    saved = [[b.detach().clone() if b is not None else None
              for b in (m.running_mean, m.running_var, m.num_batches_tracked)] for m in norms]
    modes = {m: m.training for m in model.modules()}
    data = None
    results = []
    try:
        model.eval()
        for m in norms:
            m.train()
        for size in sizes:
            if size is None:
                batches = _moved(loader, device)
                size = getattr(loader, "batch_size", None) or 0
            else:
                if data is None:
                    xs, ys = zip(*_moved(loader, device))
                    data = (torch.cat(xs), torch.cat(ys))
                batches = ((data[0][i:i + size], data[1][i:i + size]) for i in range(0, len(data[1]), size))
            entry = {"batch_size": size}
            entry.update(_score(model, batches, classes, loss_fn))
            results.append(entry)
    finally:
        with torch.no_grad():
            for m, buffers in zip(norms, saved):
                for live, kept in zip((m.running_mean, m.running_var, m.num_batches_tracked), buffers):
                    if live is not None and kept is not None:
                        live.copy_(kept)
        for m, mode in modes.items():
            m.training = mode
    return results
