import BNCharts

extension LossChartView {
    /// The x range that keeps every labelled marker on the chart, or nil when the data's own range
    /// does already: a recorder's diagnostic written just before its program failed belongs to the
    /// step in progress, one past the last loss (`! bn_fc: single_value_per_channel` at step 21 of
    /// a run whose losses end at 20), and must not fall off the right edge.
    static func rangeShowingMarkers(_ series: [Series], markers: [ChartMarker]) -> ClosedRange<Double>? {
        let xs = series.flatMap { $0.points.map(\.x) }.filter(\.isFinite)
        guard let lo = xs.min(), let hi = xs.max() else { return nil }
        let beyond = markers.filter { $0.style == .labelled && $0.x > hi }.map(\.x).max()
        return beyond.map { lo...max($0, lo + 1e-9) }
    }
}
