/// A fraction as a bar with eighth-cell resolution (`████▌    `), optionally with centered text
/// over it (reverse video where it overlaps the filled part).
///
/// Filled length: `round(fraction · width · 8)` eighths (whole cells in ASCII); the fraction is
/// clamped into [0, 1] and NaN counts as 0.
///
/// ```swift
/// ProgressBar(fraction: 0.45, label: "epoch 3/10").text(width: 20)
/// ```
public struct ProgressBar: Chart, Hashable {
    /// Progress in [0, 1]; values outside are clamped, NaN is 0.
    public var fraction: Double
    /// Text centered over the bar.
    public var label: String?
    /// Style of the filled part (its foreground color colors the blocks).
    public var style: Style
    /// Style of the label over the track (reversed over the filled part).
    public var labelStyle: Style
    /// Eighth blocks or ASCII `#`.
    public var glyphs: Glyphs

    /// Creates a bar.
    public init(fraction: Double, label: String? = nil, style: Style = .fg(.green), glyphs: Glyphs = .unicode) {
        self.fraction = fraction
        self.label = label
        self.style = style
        self.labelStyle = Style(attributes: .bold)
        self.glyphs = glyphs
    }

    /// The bar as one line of `width` characters.
    public func text(width: Int) -> String {
        render(width: width, height: 1).lines().first ?? ""
    }


    /// Draws the bar on every row of `rect`, the label on the middle row.
    public func render(into grid: inout Grid, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let resolution = glyphs.horizontalResolution
        let steps = Int((ChartMath.clamp(fraction, 0...1) * Double(rect.width * resolution)).rounded())
        let full = steps / resolution, rest = steps % resolution
        grid.clipped(to: rect) { g in
            for y in rect.y..<rect.maxY {
                for k in 0..<rect.width {
                    let x = rect.x + k
                    if k < full {
                        g[x, y] = Cell(glyphs.horizontalBlocks[resolution], style: style)
                    } else if k == full && rest > 0 {
                        g[x, y] = Cell(glyphs.horizontalBlocks[rest], style: style)
                    } else {
                        g[x, y] = Cell(glyphs.progressTrack, style: .plain)
                    }
                }
            }
            guard let label, !label.isEmpty else { return }
            let text = TextFitting.truncate(label, to: rect.width, ellipsis: glyphs.ellipsis)
            let start = (rect.width - text.count) / 2
            let y = rect.y + (rect.height - 1) / 2
            for (i, ch) in text.enumerated() {
                let k = start + i
                // Over the filled part, reverse the bar's colors so the text reads on the block.
                let over = k < full
                let cellStyle = over
                    ? labelStyle.withForeground(style.foreground).adding(.reverse)
                    : labelStyle
                g[rect.x + k, y] = Cell(TextFitting.sanitized(ch), style: cellStyle)
            }
        }
    }
}
