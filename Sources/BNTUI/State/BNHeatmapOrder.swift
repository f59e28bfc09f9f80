import BNLab

/// The order of the channels (rows) of the BN heatmap, named on screen.
public enum BNHeatmapOrder: String, Sendable, Hashable, CaseIterable {
    /// Channel index, 0 first.
    case channel = "channel"
    /// Largest drift first: |running − batch| of the statistic shown, at the latest snapshot.
    case drift = "drift |run-batch|"
    /// Largest running variance first, at the latest snapshot.
    case variance = "running_var"
    /// Largest change of the statistic shown since the first snapshot first.
    case change = "change"

    /// The next order, wrapping around.
    public var next: BNHeatmapOrder {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// The channels of `latest` (and `first`) in this order, for `statistic`.
    public func channels(first: BNSnapshot, latest: BNSnapshot, statistic: BNStatistic) -> [Int] {
        let count = latest.batchMean.count
        func value(_ s: BNSnapshot, _ c: Int) -> Double { statistic.running(s, c) }
        let key: (Int) -> Double
        switch self {
        case .channel: return Array(0..<count)
        case .drift: key = { c in abs(value(latest, c) - statistic.batch(latest, c)) }
        case .variance: key = { c in c < (latest.runningVar ?? latest.batchVar).count ? Double((latest.runningVar ?? latest.batchVar)[c]) : 0 }
        case .change: key = { c in abs(value(latest, c) - value(first, c)) }
        }
        // Largest first; NaN last; ties by index.
        return (0..<count).map { ($0, key($0)) }
            .sorted { a, b in
                let x = a.1.isNaN ? -Double.infinity : a.1, y = b.1.isNaN ? -Double.infinity : b.1
                return x == y ? a.0 < b.0 : x > y
            }
            .map(\.0)
    }
}
