/// The contract every chart keeps: it draws itself into a rectangle of a ``Grid`` and never
/// outside it. The `render(width:height:)` and text conveniences come with it.
///
/// ```swift
/// let text = LineChart(series: [loss]).text(width: 60, height: 16)
/// ```
public protocol Chart: Sendable {
    /// Draws the chart into `rect` of `grid`; nothing outside `rect` is touched.
    func render(into grid: inout Grid, in rect: Rect)
}

extension Chart {
    /// The chart alone in a new `width × height` grid.
    public func render(width: Int, height: Int) -> Grid {
        var grid = Grid(width: width, height: height)
        render(into: &grid, in: grid.bounds)
        return grid
    }

    /// The chart's rows as text, `width` characters each unless `trimmingTrailingSpaces`.
    public func lines(width: Int, height: Int, trimmingTrailingSpaces: Bool = true) -> [String] {
        render(width: width, height: height).lines(trimmingTrailingSpaces: trimmingTrailingSpaces)
    }

    /// The chart as plain text, one line per row, trailing spaces removed.
    public func text(width: Int, height: Int) -> String {
        lines(width: width, height: height).joined(separator: "\n")
    }
}
