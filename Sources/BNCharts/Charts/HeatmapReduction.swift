/// How a ``Heatmap`` merges neighbouring time steps when there are more columns than cells.
public enum HeatmapReduction: Sendable, Hashable {
    /// The mean of the finite values in the bucket.
    case average
    /// The last finite value in the bucket.
    case last
}
