/// A vertical line across a line chart at one x value, e.g. an epoch boundary or a phase change.
///
/// ```swift
/// chart.markers = [ChartMarker(x: 938, style: .faint),
///                  ChartMarker(x: 1876, label: "freeze", style: .labelled)]
/// ```
public struct ChartMarker: Sendable, Hashable {
    /// How a marker is drawn.
    public enum Kind: Sendable, Hashable {
        /// A dotted dim line without a label (epoch boundaries).
        case faint
        /// A solid line with its label at the top of the plot (phases, freezes).
        case labelled
    }

    /// Where the line goes, in x-axis units.
    public var x: Double
    /// A short text shown next to the line for ``Kind/labelled`` markers.
    public var label: String
    /// Faint or labelled.
    public var style: Kind
    /// The line's color (the label takes it too).
    public var color: ChartColor

    /// Creates a marker.
    public init(x: Double, label: String = "", style: Kind = .faint, color: ChartColor = .gray) {
        self.x = x
        self.label = label
        self.style = style
        self.color = color
    }
}
