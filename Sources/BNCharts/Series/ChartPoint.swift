/// One data point of a series: `x` (usually the step) and `y` (the value).
public struct ChartPoint: Sendable, Hashable {
    /// Position along the x axis (usually the step).
    public var x: Double
    /// The value.
    public var y: Double

    /// Creates a point.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// Whether both coordinates are finite (neither NaN nor infinite).
    public var isFinite: Bool { x.isFinite && y.isFinite }
}
