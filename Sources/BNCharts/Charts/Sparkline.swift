/// A series as block heights, one column per value: `▁▂▃▅▇█▆▄`.
///
/// In a rectangle taller than one row, the columns stack full blocks with a partial block on top
/// (8 levels per row). A value's height is `1 + round(t · (8 · rows − 1))` eighths with
/// `t = (v − min) / (max − min)`, so the minimum shows `▁` and the maximum a full column; a
/// constant series sits at half height; NaN leaves its column blank.
///
/// ```swift
/// Sparkline(values: [1, 2, 3, 4, 5, 6, 7, 8]).text(width: 8)   // "▁▂▃▄▅▆▇█"
/// ```
public struct Sparkline: Chart, Hashable {
    /// The series, oldest first.
    public var values: [Double]
    /// The values drawn lowest and highest; nil uses the shown values' min and max.
    public var range: ClosedRange<Double>?
    /// What to show when there are more values than columns.
    public var fit: SparklineFit
    /// Style of the blocks.
    public var style: Style
    /// Unicode blocks or ASCII approximations.
    public var glyphs: Glyphs

    /// Creates a sparkline with an automatic range showing the latest values.
    public init(values: [Double], style: Style = .plain, glyphs: Glyphs = .unicode) {
        self.values = values
        self.range = nil
        self.fit = .latest
        self.style = style
        self.glyphs = glyphs
    }

    /// The sparkline as one line of `width` characters (padded with spaces).
    public func text(width: Int) -> String {
        render(width: width, height: 1).lines().first ?? ""
    }


    /// Draws the sparkline into `rect` of `grid`, left-aligned and bottom-aligned.
    public func render(into grid: inout Grid, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let shown = fitted(to: rect.width)
        let finite = shown.filter(\.isFinite)
        guard let dataLo = finite.min(), let dataHi = finite.max() else { return }
        let lo = range?.lowerBound ?? dataLo, hi = range?.upperBound ?? dataHi
        let steps = glyphs.verticalBlocks.count - 1
        guard steps > 0 else { return }
        let total = steps * rect.height
        grid.clipped(to: rect) { g in
            for (i, v) in shown.enumerated() where v.isFinite {
                let t = hi > lo ? ChartMath.clamp((v - lo) / (hi - lo), 0...1) : 0.5
                let height = 1 + Int((t * Double(total - 1)).rounded())
                for r in 0..<rect.height {
                    let level = min(steps, height - r * steps)
                    guard level > 0 else { break }
                    g[rect.x + i, rect.maxY - 1 - r] = Cell(glyphs.verticalBlocks[level], style: style)
                }
            }
        }
    }

    private func fitted(to width: Int) -> [Double] {
        guard width > 0 else { return [] }
        guard values.count > width else { return values }
        switch fit {
        case .latest: return Array(values.suffix(width))
        case .average: return Heatmap.resample(values, to: width, using: .average)
        }
    }
}
