import BNLab

/// Which BatchNorm statistic the running-statistics chart shows.
public enum BNStatistic: String, Sendable, Hashable, CaseIterable {
    /// running_mean against the batch means.
    case mean
    /// running_var against the batch variances.
    case variance

    /// `running_mean` or `running_var`.
    public var runningName: String { self == .mean ? "running_mean" : "running_var" }

    /// `batch mean` or `batch var` (the unbiased one, which running_var averages).
    public var batchName: String { self == .mean ? "batch mean" : "batch var*n/(n-1)" }

    /// The running statistic of channel `c` in a snapshot (the batch one when not tracked); NaN when absent.
    public func running(_ s: BNSnapshot, _ c: Int) -> Double {
        let values = self == .mean ? (s.runningMean ?? s.batchMean) : (s.runningVar ?? s.batchVar)
        return c < values.count ? Double(values[c]) : .nan
    }

    /// The batch statistic of channel `c` in a snapshot: the mean, or the variance made unbiased
    /// with `count` when known (the one running_var averages); NaN when absent.
    public func batch(_ s: BNSnapshot, _ c: Int) -> Double {
        let values = self == .mean ? s.batchMean : s.batchVar
        guard c < values.count else { return .nan }
        return Double(values[c]) * (self == .mean ? 1 : Self.unbiasing(s.count))
    }

    /// The running statistic of watched channel `k` (an index into `channels`) of a watch event.
    public func running(_ w: BNWatch, _ k: Int) -> Double {
        let values = self == .mean ? w.runningMean : w.runningVar
        return values.map { k < $0.count ? Double($0[k]) : .nan } ?? .nan
    }

    /// The batch statistic of watched channel `k` of a watch event (variance unbiased); NaN in eval mode.
    public func batch(_ w: BNWatch, _ k: Int) -> Double {
        let values = self == .mean ? w.batchMean : w.batchVar
        guard let values, k < values.count else { return .nan }
        return Double(values[k]) * (self == .mean ? 1 : Self.unbiasing(w.count))
    }

    /// `n/(n − 1)` for n values per channel (1 when unknown or n ≤ 1).
    static func unbiasing(_ n: Int?) -> Double {
        guard let n, n > 1 else { return 1 }
        return Double(n) / Double(n - 1)
    }
}
