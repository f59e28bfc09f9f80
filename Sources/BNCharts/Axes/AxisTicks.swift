/// Tick positions of an axis and the range they span.
public struct AxisTicks: Sendable, Hashable {
    /// Tick values in increasing order.
    public var values: [Double]
    /// The axis minimum (the first tick for loose ticks).
    public var lower: Double
    /// The axis maximum (the last tick for loose ticks).
    public var upper: Double
    /// Distance between ticks (decades between ticks on a log axis).
    public var step: Double

    /// Creates a tick set.
    public init(values: [Double], lower: Double, upper: Double, step: Double) {
        self.values = values
        self.lower = lower
        self.upper = upper
        self.step = step
    }
}
