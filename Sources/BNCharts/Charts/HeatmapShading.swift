/// How a ``Heatmap`` shows a value.
public enum HeatmapShading: Sendable, Hashable {
    /// Shade characters from light to dark (`·░▒▓█`, ASCII `.:+*#`) in one foreground color.
    case shades(ChartColor)
    /// Blank cells with background colors from ``Heatmap/colorRamp`` (low → high).
    case colors
}
