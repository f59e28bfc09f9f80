/// A named sequence of points drawn as one line, e.g. the training loss of one model variant.
///
/// ```swift
/// let bn = Series(name: "BN", values: losses, color: .cyan)          // x = 0, 1, 2, …
/// let plain = Series(name: "no-BN", x: steps, y: plainLosses)        // palette color
/// ```
public struct Series: Sendable, Hashable {
    /// Shown in the legend.
    public var name: String
    /// Points in drawing order (normally increasing `x`). NaN and infinite points are skipped when drawn.
    public var points: [ChartPoint]
    /// The line color; nil takes ``ChartColor/automatic(_:)`` for the series' position.
    public var color: ChartColor?
    /// The marker drawn along the line and in the legend; nil takes ``Glyphs/seriesMarker(_:)`` for
    /// the series' position (set it to match another chart's marker for the same run).
    public var marker: Character?
    /// Shown after the name in the legend only (e.g. a note), not in notes or end labels.
    public var detail: String?
    /// Whether the legend shows the last value of the line as drawn: the smoothed one when the
    /// chart smooths, the raw one when not (the legend's title says which).
    public var showsLastValue: Bool = false
    /// Whether the line is drawn after the other series, so that it shows where lines coincide
    /// (in ASCII a cell holds one line's character); the legend keeps the series' order.
    public var drawsOnTop: Bool = false

    /// A series from points.
    public init(name: String, points: [ChartPoint], color: ChartColor? = nil) {
        self.name = name
        self.points = points
        self.color = color
    }

    /// A series with `x = 0, 1, 2, …`.
    public init(name: String, values: [Double], color: ChartColor? = nil) {
        self.init(name: name, points: values.enumerated().map { ChartPoint(x: Double($0.offset), y: $0.element) }, color: color)
    }

    /// A series from parallel `x` and `y` arrays (the longer one is cut to the shorter).
    public init(name: String, x: [Double], y: [Double], color: ChartColor? = nil) {
        self.init(name: name, points: zip(x, y).map { ChartPoint(x: $0, y: $1) }, color: color)
    }
}
