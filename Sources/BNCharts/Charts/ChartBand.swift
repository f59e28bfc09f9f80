/// A shaded area between a low and a high curve behind a line chart's lines, e.g. the min–max
/// spread of runs that differ only in their seed.
///
/// ```swift
/// chart.bands = [ChartBand(low: lows, high: highs, color: .cyan)]
/// ```
public struct ChartBand: Sendable, Hashable {
    /// The lower edge; `low[i]` and `high[i]` share an x.
    public var low: [ChartPoint]
    /// The upper edge.
    public var high: [ChartPoint]
    /// The shade's color (drawn dim).
    public var color: ChartColor

    /// Creates a band from matching low and high points.
    public init(low: [ChartPoint], high: [ChartPoint], color: ChartColor) {
        self.low = low
        self.high = high
        self.color = color
    }
}
