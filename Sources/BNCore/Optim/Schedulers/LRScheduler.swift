/// Something that sets an optimizer's learning rate step by step (per epoch or per batch, as the
/// caller chooses): PyTorch's `torch.optim.lr_scheduler.LRScheduler`.
///
/// Constructing a scheduler performs its initial step, which may already change the optimizer's
/// `lr` (``LinearLR`` starts at `startFactor·lr`); call `step()` after each optimizer step.
public protocol LRScheduler: AnyObject {
    /// Advances the schedule by one and sets the optimizer's learning rate.
    func step()
    /// The learning rate the last step (or the construction) set: PyTorch's `get_last_lr()[0]`.
    var lastLR: Double { get }
}

/// The mechanics every single schedule shares with PyTorch's `LRScheduler` base class:
/// `initial_lr`, `base_lrs`, `last_epoch`, the initial step, and the two ways of computing the
/// next rate: the recursive ("chainable") form `get_lr()` from the optimizer's current rate,
/// used by `step()`, and the closed form from the base rate, used when ``SequentialLR`` restarts
/// a schedule at a milestone.
public class ChainableLRScheduler: LRScheduler {
    /// The optimizer whose `lr` this schedule sets.
    public let optimizer: Optimizer
    /// The optimizer's `initialLR` when the schedule was attached: PyTorch's `base_lrs[0]`.
    public let baseLR: Double
    /// The index of the last step taken: 0 after construction, +1 per `step()` (PyTorch's `last_epoch`).
    public internal(set) var lastEpoch = -1
    /// The learning rate the last step set.
    public private(set) var lastLR: Double
    /// Steps taken through `step()`, the initial one included (PyTorch's `_step_count`).
    var stepCount = 0
    /// True while the constructor's initial step runs (PyTorch's `_is_initial`).
    var isInitial = false

    /// Attaches to `optimizer`: sets its `initialLR` if no schedule did before, takes that as the
    /// base rate, then performs the initial step.
    init(_ optimizer: Optimizer) {
        if optimizer.initialLR == nil { optimizer.initialLR = optimizer.lr }
        self.optimizer = optimizer
        baseLR = optimizer.initialLR ?? optimizer.lr
        lastLR = optimizer.lr
        initialStep()
    }

    /// PyTorch's `_initial_step`: the step counter restarts and one step runs in initial mode.
    func initialStep() {
        stepCount = 0
        isInitial = true
        step()
        isInitial = false
    }

    /// `last_epoch += 1`, then `lr = get_lr()` (the recursive form).
    public func step() {
        stepCount += 1
        lastEpoch += 1
        apply(chainedLR())
    }

    /// PyTorch's `_update_lr(epoch)`: `last_epoch = epoch`, then `lr` from the closed form.
    func restart(atEpoch epoch: Int) {
        lastEpoch = epoch
        apply(closedFormLR())
    }

    private func apply(_ lr: Double) {
        optimizer.lr = lr
        lastLR = lr
    }

    /// The next rate from the optimizer's current one (PyTorch's `get_lr`); subclasses override.
    func chainedLR() -> Double { optimizer.lr }

    /// The rate at `lastEpoch` from the base rate (PyTorch's `_get_closed_form_lr`); subclasses override.
    func closedFormLR() -> Double { baseLR }
}

/// Python's `bisect.bisect_right(a, x)`, literally (so unsorted lists behave as in PyTorch): the
/// number of leading entries ≤ x in a sorted list.
func bisectRight(_ a: [Int], _ x: Int) -> Int {
    var lo = 0, hi = a.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if x < a[mid] { hi = mid } else { lo = mid + 1 }
    }
    return lo
}
