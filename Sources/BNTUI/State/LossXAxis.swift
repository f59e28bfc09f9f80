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

    /// How notes name a position on this axis ("diverged at step 17", "at time 0.85 s").
    public var unitName: String {
        switch self {
        case .step: return "step"
        case .epoch: return "epoch"
        case .time: return "time"
        }
    }

    /// Written after a position in notes: `" s"` for wall time, nothing otherwise.
    public var unitSuffix: String { self == .time ? " s" : "" }

    /// Written after the last x label: `step`, `epoch`, `s`.
    public var axisUnit: String { self == .time ? "s" : unitName }

    /// The caption's words for the x axis: `per step`, `per step, x in epochs`, `per step, x in seconds`.
    public var captionText: String {
        switch self {
        case .step: return "per step"
        case .epoch: return "per step, x in epochs"
        case .time: return "per step, x in seconds"
        }
    }
}
