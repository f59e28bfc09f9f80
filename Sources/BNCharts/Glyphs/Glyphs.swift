/// The character set charts draw with: Unicode (braille, box drawing, block elements) or plain ASCII.
///
/// The terminal layer picks one from the locale; charts take it as a parameter.
///
/// ```swift
/// let glyphs: Glyphs = localeIsUTF8 ? .unicode : .ascii
/// let chart = LineChart(series: [loss], glyphs: glyphs)
/// ```
public struct Glyphs: Sendable, Hashable {
    /// Whether these glyphs use characters outside ASCII.
    public var isUnicode: Bool
    /// How many dots a plot canvas has per cell (braille 2×4, or 1×1).
    public var canvasResolution: CanvasResolution

    // Box drawing.
    /// Horizontal line (`─`).
    public var horizontal: Character
    /// Vertical line (`│`).
    public var vertical: Character
    /// Top-left corner (`┌`).
    public var topLeft: Character
    /// Top-right corner (`┐`).
    public var topRight: Character
    /// Bottom-left corner (`└`).
    public var bottomLeft: Character
    /// Bottom-right corner (`┘`).
    public var bottomRight: Character

    // Axes.
    /// A tick on the y axis (`┤`).
    public var yTick: Character
    /// A tick on the x axis (`┬`).
    public var xTick: Character
    /// Where the axes meet (`└`).
    public var axisCorner: Character

    /// The vertical cursor line of a line chart.
    public var cursor: Character
    /// A plotted point when the canvas has one dot per cell.
    public var plotPoint: Character
    /// Marks a truncated string.
    public var ellipsis: Character
    /// Drawn in a series' color before its name in a legend.
    public var legendMarker: Character
    /// Written where a value is missing (NaN).
    public var missing: String

    /// Vertical fill levels 0…8 eighths of a cell, bottom-aligned (`" ▁▂▃▄▅▆▇█"`): sparklines.
    public var verticalBlocks: [Character]
    /// Horizontal fill levels, left-aligned: index `k` is `k / (count - 1)` of a cell (`" ▏▎▍▌▋▊▉█"`).
    public var horizontalBlocks: [Character]
    /// Shades from lightest to darkest (`"·░▒▓█"`): heatmaps.
    public var shades: [Character]
    /// The unfilled part of a progress bar.
    public var progressTrack: Character

    /// One marker per series, in order (wrapping around): drawn along each line and before each
    /// legend name so that series can be told apart without colour.
    public var seriesMarkers: [Character] = ["●", "▲", "■", "◆", "✚", "○", "△", "□"]
    /// The dotted line of a faint vertical marker (epoch boundaries).
    public var faintMarkerLine: Character = "┊"
    /// Where a clipped series leaves the plot upward.
    public var clippedAbove: Character = "↑"
    /// Where a clipped series leaves the plot downward.
    public var clippedBelow: Character = "↓"
    /// Where a series turns NaN or infinite.
    public var notFinite: Character = "×"
    /// Fill of a shaded band (seed spread).
    public var bandShade: Character = "░"

    /// The marker of the `index`-th series (wraps around).
    public func seriesMarker(_ index: Int) -> Character {
        let n = seriesMarkers.count
        guard n > 0 else { return legendMarker }
        return seriesMarkers[((index % n) + n) % n]
    }

    /// Sub-cell steps of a horizontal bar (8 with eighth blocks, 1 in ASCII).
    public var horizontalResolution: Int { max(1, horizontalBlocks.count - 1) }

    /// Braille dots, box drawing and block elements.
    public static let unicode = Glyphs(
        isUnicode: true, canvasResolution: .braille,
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        yTick: "┤", xTick: "┬", axisCorner: "└",
        cursor: "│", plotPoint: "•", ellipsis: "…", legendMarker: "■", missing: "–",
        verticalBlocks: [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        horizontalBlocks: [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        shades: ["·", "░", "▒", "▓", "█"],
        progressTrack: " "
    )

    /// Only printable ASCII: `*` points, `+-|` boxes, `#` bars.
    public static let ascii = Glyphs(
        isUnicode: false, canvasResolution: .cell,
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        yTick: "+", xTick: "+", axisCorner: "+",
        cursor: "|", plotPoint: "*", ellipsis: "~", legendMarker: "#", missing: "-",
        verticalBlocks: [" ", "_", "_", ".", ".", "-", "=", "*", "#"],
        horizontalBlocks: [" ", "#"],
        shades: [".", ":", "+", "*", "#"],
        progressTrack: ".",
        seriesMarkers: ["*", "o", "+", "x", "#", "@", "%", "="],
        faintMarkerLine: ":", clippedAbove: "^", clippedBelow: "v", notFinite: "X", bandShade: ":"
    )
}
