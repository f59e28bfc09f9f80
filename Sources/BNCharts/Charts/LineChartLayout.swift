/// Where the parts of a ``LineChart`` go inside its rectangle, and how data maps to cells.
///
/// Pixels are canvas dots (2 × 4 per cell with braille, 1 per cell in ASCII):
///
///     px = (x − xLower) / (xUpper − xLower) · (pixelWidth − 1)
///     py = (1 − t) · (pixelHeight − 1),  t = (Y(y) − Y(yLower)) / (Y(yUpper) − Y(yLower))
///
/// with `Y = log10` on a logarithmic axis and the identity otherwise; a value's cell is the one
/// holding its rounded pixel. Tick marks and labels use the same mapping as the dots.
public struct LineChartLayout: Sendable, Hashable {
    /// Rows holding the legend (empty when there is none).
    public var legend: Rect
    /// The plotting area (absolute grid coordinates).
    public var plot: Rect
    /// Whether axes, ticks and labels are drawn (not when the rectangle is too small).
    public var hasAxes: Bool
    /// Width of the y tick label column left of the y axis.
    public var yLabelWidth: Int
    /// The x values at the left and right edges of the plot.
    public var xDomain: ClosedRange<Double>
    /// The y values at the bottom and top edges of the plot.
    public var yDomain: ClosedRange<Double>
    /// Linear or logarithmic y mapping.
    public var yScale: AxisScale
    /// x values with a tick mark.
    public var xTicks: [Double]
    /// y values with a tick mark.
    public var yTicks: [Double]
    /// Dots per cell of the plot canvas.
    public var resolution: CanvasResolution
    /// What the chart says in words (diverged series, identical curves), see ``LineChart/notes(in:)``.
    public var notes: [ChartNote] = []
    /// Rows holding the notes (empty when they are not shown).
    public var notesArea: Rect = Rect(width: 0, height: 0)

    /// Plot width in dots.
    public var pixelWidth: Int { plot.width * resolution.dotsAcross }
    /// Plot height in dots.
    public var pixelHeight: Int { plot.height * resolution.dotsDown }

    /// The fractional pixel column of `x` (may lie outside the plot), or nil when not finite.
    public func pixelX(_ x: Double) -> Double? {
        let span = xDomain.upperBound - xDomain.lowerBound
        let t = span > 0 ? (x - xDomain.lowerBound) / span : 0.5
        let p = t * Double(max(0, pixelWidth - 1))
        return p.isFinite ? p : nil
    }

    /// The fractional pixel row of `y` (0 = top), or nil when not finite or not positive on a log axis.
    public func pixelY(_ y: Double) -> Double? {
        guard let v = transform(y), let lo = transform(yDomain.lowerBound), let hi = transform(yDomain.upperBound)
        else { return nil }
        let t = hi > lo ? (v - lo) / (hi - lo) : 0.5
        let p = (1 - t) * Double(max(0, pixelHeight - 1))
        return p.isFinite ? p : nil
    }

    /// The grid column showing `x`, or nil when it lies outside the plot.
    public func column(forX x: Double) -> Int? {
        guard let p = pixelX(x).flatMap(ChartMath.roundedInt), p >= 0, p < pixelWidth else { return nil }
        return plot.x + p / resolution.dotsAcross
    }

    /// The grid row showing `y`, or nil when it lies outside the plot.
    public func row(forY y: Double) -> Int? {
        guard let p = pixelY(y).flatMap(ChartMath.roundedInt), p >= 0, p < pixelHeight else { return nil }
        return plot.y + p / resolution.dotsDown
    }

    private func transform(_ y: Double) -> Double? {
        guard y.isFinite else { return nil }
        switch yScale {
        case .linear: return y
        case .logarithmic: return y > 0 ? ChartMath.log10Of(y) : nil
        }
    }
}
