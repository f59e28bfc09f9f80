/// Which BatchNorm statistic the running-statistics chart shows.
public enum BNStatistic: String, Sendable, Hashable, CaseIterable {
    /// running_mean against the batch means.
    case mean
    /// running_var against the batch variances.
    case variance

    /// `running_mean` or `running_var`.
    public var runningName: String { self == .mean ? "running_mean" : "running_var" }
}
