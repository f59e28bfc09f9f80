/// Runs schedules one after another, switching at the milestone steps (PyTorch's
/// `SequentialLR`): warmup then cosine is `SequentialLR(opt, schedulers: [LinearLR(…),
/// CosineAnnealingLR(…)], milestones: [5])`.
///
/// As in PyTorch: on construction the optimizer's rate goes back to its initial value, every
/// schedule's step index moves back by one, and the schedule that owns step 0 performs its
/// initial step again. Each `step()` then advances the sequence's index t and steps the schedule
/// that owns t (the one after the last milestone ≤ t); at a milestone that schedule is instead
/// restarted at its step 0 with its closed form (`base_lr`-based, not the rate reached so far).
public final class SequentialLR: LRScheduler {
    /// The optimizer whose `lr` the schedules set.
    public let optimizer: Optimizer
    /// The schedules, in order.
    public let schedulers: [ChainableLRScheduler]
    /// The steps at which the next schedule takes over (one fewer than the schedules).
    public let milestones: [Int]
    /// The sequence's step index (PyTorch's `last_epoch`): 0 after construction.
    public private(set) var lastEpoch: Int
    /// The learning rate the last step set.
    public private(set) var lastLR: Double

    /// Chains `schedulers`, all attached to `optimizer`; throws PyTorch's errors for an empty
    /// list or a wrong number of milestones.
    public init(_ optimizer: Optimizer, schedulers: [LRScheduler], milestones: [Int]) throws {
        guard !schedulers.isEmpty else {
            throw CoreError.value("SequentialLR expects at least one scheduler, but got no scheduler.")
        }
        var chained: [ChainableLRScheduler] = []
        for (index, scheduler) in schedulers.enumerated() {
            guard let single = scheduler as? ChainableLRScheduler else {
                throw CoreError.value("SequentialLR at index \(index) is a \(type(of: scheduler)); it can chain only single schedules")
            }
            guard single.optimizer === optimizer else {
                throw CoreError.value("SequentialLR expects all schedulers to belong to the same optimizer, but got scheduler \(type(of: single)) at index \(index) with another optimizer")
            }
            chained.append(single)
        }
        guard milestones.count == schedulers.count - 1 else {
            throw CoreError.value("Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers \(schedulers.count) and the number of milestones to be equal to \(milestones.count)")
        }
        self.optimizer = optimizer
        self.schedulers = chained
        self.milestones = milestones
        lastEpoch = 0
        // Reset the rate, "undo" the schedules' initial steps, redo the first one's.
        optimizer.lr = optimizer.initialLR ?? optimizer.lr
        for scheduler in chained { scheduler.lastEpoch -= 1 }
        let first = chained[bisectRight(milestones, 0)]
        first.initialStep()
        lastLR = first.lastLR
    }

    /// `t += 1`; the schedule owning t steps, or restarts at 0 when t is its milestone.
    public func step() {
        lastEpoch += 1
        let index = bisectRight(milestones, lastEpoch)
        let scheduler = schedulers[index]
        if index > 0 && milestones[index - 1] == lastEpoch {
            scheduler.restart(atEpoch: 0)
        } else {
            scheduler.step()
        }
        lastLR = scheduler.lastLR
    }
}
