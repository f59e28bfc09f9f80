/// How values map to positions along an axis.
public enum AxisScale: Sendable, Hashable {
    /// Equal differences take equal space.
    case linear
    /// Equal ratios take equal space (base 10); non-positive values are skipped.
    case logarithmic
}
