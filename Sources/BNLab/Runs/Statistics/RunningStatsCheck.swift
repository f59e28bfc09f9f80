/// The running statistics one layer's `bn_watch` events should have had by PyTorch's rule
/// (``RunningStatsRule/check(_:fallbackMomentum:)``): per event, the expected values of each
/// watched channel, and the largest relative differences from the recorded ones.
public struct RunningStatsCheck: Sendable, Equatable {
    /// The rule after the last event: channels, largest differences, momentum, problem.
    public var rule: RunningStatsRule
    /// `expectedMean[i][k]`: the expected running mean of watched channel k after event i.
    public var expectedMean: [[Double]]
    /// `expectedVariance[i][k]`: the expected running variance of watched channel k after event i.
    public var expectedVariance: [[Double]]

    /// The largest relative difference of the running means.
    public var maxRelativeMean: Double { rule.maxRelativeMean }
    /// The largest relative difference of the running variances.
    public var maxRelativeVariance: Double { rule.maxRelativeVariance }
}
