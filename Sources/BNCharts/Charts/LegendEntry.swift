/// One item of a ``Legend``: a label and the style of its marker (normally the series color).
public struct LegendEntry: Sendable, Hashable {
    /// The text after the marker.
    public var label: String
    /// Style of the marker.
    public var style: Style
    /// The marker character; nil uses the legend's ``Glyphs/legendMarker``.
    public var marker: Character?

    /// An entry whose marker has `style`.
    public init(label: String, style: Style, marker: Character? = nil) {
        self.label = label
        self.style = style
        self.marker = marker
    }

    /// An entry whose marker has foreground `color`.
    public init(label: String, color: ChartColor, marker: Character? = nil) {
        self.init(label: label, style: .fg(color), marker: marker)
    }
}
