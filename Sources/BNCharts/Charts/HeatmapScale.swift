/// How a ``Heatmap`` maps values to shades; its ``name`` is shown on the scale row.
public enum HeatmapScale: Sendable, Hashable {
    /// The shown values' min → lightest, max → darkest.
    case linear
    /// Each row divided by its first finite value (`v / v₀`), then min–max: a start value such as
    /// running_var's 1.0 no longer swamps the later changes.
    case ratioToFirst
    /// Each row minus its first finite value (`v − v₀`), then min–max.
    case differenceFromFirst
    /// The 2nd and 98th percentiles of the shown values are lightest and darkest; values beyond
    /// are clamped, so a few extremes do not wash out the rest.
    case robustQuantiles

    /// The short name shown on screen.
    public var name: String {
        switch self {
        case .linear: return "linear min-max"
        case .ratioToFirst: return "value / initial"
        case .differenceFromFirst: return "value - initial"
        case .robustQuantiles: return "2-98% quantiles"
        }
    }

    /// `row` transformed for this scale (unchanged for linear and quantiles).
    public func transform(_ row: [Double]) -> [Double] {
        switch self {
        case .linear, .robustQuantiles: return row
        case .ratioToFirst:
            guard let first = row.first(where: \.isFinite), first != 0 else { return row.map { _ in .nan } }
            return row.map { $0 / first }
        case .differenceFromFirst:
            guard let first = row.first(where: \.isFinite) else { return row }
            return row.map { $0 - first }
        }
    }
}
