/// The chart shown in the main area.
public enum ChartKind: String, Sendable, Hashable, CaseIterable {
    /// Training loss per step, one line per variant.
    case loss
    /// Per-class test accuracy: grouped bars per run and evaluation mode.
    case accuracy
    /// One BN layer's running statistics: heatmap over time × channel, and one channel's lines.
    case runningStats

    /// The tab title.
    public var title: String {
        switch self {
        case .loss: "Loss"
        case .accuracy: "Accuracy"
        case .runningStats: "BN statistics"
        }
    }

    /// The chart after this one, wrapping around.
    public var next: ChartKind {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
