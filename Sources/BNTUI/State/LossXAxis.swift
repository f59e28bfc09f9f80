/// What the loss chart's x axis counts.
public enum LossXAxis: String, Sendable, Hashable, CaseIterable {
    /// Optimizer steps.
    case step
    /// Epochs, fractional within an epoch (step k of n in epoch e is at `e − 1 + k/n`).
    case epoch
    /// Seconds since the run started, pauses excluded (the step events' `time`).
    case time

    /// The next axis in the cycle step → epoch → time → step.
    public var next: LossXAxis {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// How notes and captions name a position on this axis ("diverged at step 17").
    public var unitName: String {
        switch self {
        case .step: return "step"
        case .epoch: return "epoch"
        case .time: return "second"
        }
    }
}
