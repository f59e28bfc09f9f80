/// One item of a ``Legend``: a label and the style of its marker (normally the series color).
public struct LegendEntry: Sendable, Hashable {
    /// The text after the marker.
    public var label: String
    /// Style of the marker.
    public var style: Style

    /// An entry whose marker has `style`.
    public init(label: String, style: Style) {
        self.label = label
        self.style = style
    }

    /// An entry whose marker has foreground `color`.
    public init(label: String, color: ChartColor) {
        self.init(label: label, style: .fg(color))
    }
}
