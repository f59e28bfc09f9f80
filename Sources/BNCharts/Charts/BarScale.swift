/// The value range of a ``BarChart`` and how values are printed.
public enum BarScale: Sendable, Hashable {
    /// Values are fractions 0…1, printed as percentages (`0.852` → `85.2%`).
    case fraction
    /// Values are percentages 0…100, printed with a `%` (`85.2` → `85.2%`).
    case percent
    /// A fixed range, values printed compactly.
    case fixed(ClosedRange<Double>)
    /// 0 to the largest value, values printed compactly.
    case auto

    /// The value drawn as an empty bar and the one drawn as a full bar.
    func range(for values: [Double]) -> ClosedRange<Double> {
        switch self {
        case .fraction: return 0...1
        case .percent: return 0...100
        case .fixed(let r): return r
        case .auto:
            let top = values.filter(\.isFinite).max() ?? 1
            return 0...(top > 0 ? top : 1)
        }
    }

    /// The printed value.
    func label(_ value: Double) -> String {
        switch self {
        case .fraction: return NumberFormat.percent(value)
        case .percent: return NumberFormat.fixed(value, decimals: 1) + "%"
        case .fixed, .auto: return NumberFormat.compact(value)
        }
    }
}
