/// A matrix (rows × columns, e.g. channels × time) drawn one cell per value with shading, and a
/// scale legend `min ·░▒▓█ max` on the bottom row.
///
/// With more columns than fit, neighbouring columns are merged (``HeatmapReduction``); with fewer,
/// each value is stretched over several screen columns so the map uses the full width; with more
/// rows than fit, neighbouring rows are averaged. The ``scale`` (named on the scale row) decides
/// which values are lightest and darkest. A value's level among `L` shades is
/// `min(L − 1, ⌊t · L⌋)` with `t = (v − min) / (max − min)`: the minimum is the lightest shade,
/// the maximum the darkest. NaN cells stay blank.
///
/// ```swift
/// // running_mean of 16 channels over 2,000 steps, in a 60 × 18 pane
/// let map = Heatmap(values: channelsByStep, rowLabels: (0..<16).map { "c\($0)" }, glyphs: .unicode)
/// map.render(into: &grid, in: pane)
/// ```
public struct Heatmap: Chart, Hashable {
    /// The matrix, one inner array per row; short rows are padded with NaN.
    public var values: [[Double]]
    /// Labels shown left of the rows (none when empty).
    public var rowLabels: [String]
    /// The values drawn lightest and darkest; nil uses the shown values' min and max.
    public var range: ClosedRange<Double>?
    /// How columns are merged when they do not fit.
    public var reduction: HeatmapReduction
    /// How values map to shades (min–max, relative to the first column, or robust quantiles).
    public var scale: HeatmapScale
    /// Shade characters or background colors.
    public var shading: HeatmapShading
    /// Whether the `min … max` legend row is drawn.
    public var showsScale: Bool
    /// Unicode or ASCII shades.
    public var glyphs: Glyphs
    /// Style of row labels and the scale numbers.
    public var labelStyle: Style

    /// Background colors of ``HeatmapShading/colors``, low to high.
    public static let colorRamp: [ChartColor] = [.blue, .cyan, .green, .yellow, .red]

    /// Creates a heatmap with a scale legend and an automatic range.
    public init(
        values: [[Double]], rowLabels: [String] = [], reduction: HeatmapReduction = .average,
        shading: HeatmapShading = .shades(.default), glyphs: Glyphs = .unicode
    ) {
        self.values = values
        self.rowLabels = rowLabels
        self.range = nil
        self.reduction = reduction
        self.scale = .linear
        self.shading = shading
        self.showsScale = true
        self.glyphs = glyphs
        self.labelStyle = .plain
    }

    /// Draws the heatmap into `rect` of `grid`; nothing outside `rect` is touched.
    public func render(into grid: inout Grid, in rect: Rect) {
        guard !rect.isEmpty else { return }
        grid.clipped(to: rect) { g in draw(into: &g, in: rect) }
    }


    /// `row` reduced to at most `width` values: bucket `j` covers indices
    /// `⌊j·n/width⌋ ..< ⌊(j+1)·n/width⌋`, merged by `reduction` (NaN when it holds no finite value).
    /// A shorter row is stretched: column `j` shows value `⌊j·n/width⌋`.
    public static func resample(_ row: [Double], to width: Int, using reduction: HeatmapReduction) -> [Double] {
        guard width > 0 else { return [] }
        let n = row.count
        guard n > 0 else { return [] }
        guard n > width else { return (0..<width).map { row[$0 * n / width] } }
        return (0..<width).map { j in
            let start = j * n / width
            let end = max(start + 1, (j + 1) * n / width)
            let bucket = row[start..<end]
            switch reduction {
            case .average:
                let finite = bucket.filter(\.isFinite)
                return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
            case .last:
                return bucket.last(where: \.isFinite) ?? .nan
            }
        }
    }

    /// The shade level (0 = lightest … levels − 1 = darkest) of `value`, or nil for NaN.
    public static func level(of value: Double, in range: ClosedRange<Double>, levels: Int) -> Int? {
        guard value.isFinite, levels > 0 else { return nil }
        let span = range.upperBound - range.lowerBound
        guard span > 0 else { return 0 }
        let t = ChartMath.clamp((value - range.lowerBound) / span, 0...1)
        return min(levels - 1, Int(t * Double(levels)))
    }

    private var levelCount: Int {
        switch shading {
        case .shades: return glyphs.shades.count
        case .colors: return Self.colorRamp.count
        }
    }

    private func cell(level: Int) -> Cell {
        switch shading {
        case .shades(let color): return Cell(glyphs.shades[level], style: .fg(color))
        case .colors: return Cell(" ", style: .bg(Self.colorRamp[level]))
        }
    }

    private func draw(into g: inout Grid, in rect: Rect) {
        let scaleRows = showsScale && rect.height >= 2 ? 1 : 0
        let area = rect.inset(bottom: scaleRows)
        let columnCount = values.map(\.count).max() ?? 0
        guard !values.isEmpty, columnCount > 0 else {
            let text = TextFitting.truncate("no data", to: rect.width, ellipsis: glyphs.ellipsis)
            g.put(string: text, at: Point(x: rect.x + (rect.width - text.count) / 2, y: rect.y + rect.height / 2),
                  style: labelStyle.adding(.dim))
            return
        }

        // Rows: average neighbouring rows when they do not fit; a merged row keeps its first label.
        let rowCount = values.count
        let shownRows = min(rowCount, area.height)
        let labelWidth = rowLabels.isEmpty ? 0 : min(rowLabels.map(\.count).max() ?? 0, max(1, rect.width / 4))
        let matrixX = area.x + labelWidth + (labelWidth > 0 ? 1 : 0)
        let matrixWidth = max(0, area.maxX - matrixX)
        var shown: [[Double]] = []
        var shownLabels: [String] = []
        for r in 0..<shownRows {
            let start = r * rowCount / max(1, shownRows)
            let end = max(start + 1, (r + 1) * rowCount / max(1, shownRows))
            let padded = values[start..<end].map { scale.transform($0 + Array(repeating: .nan, count: columnCount - $0.count)) }
            let merged = (0..<columnCount).map { c -> Double in
                let finite = padded.map { $0[c] }.filter(\.isFinite)
                return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
            }
            shown.append(Self.resample(merged, to: matrixWidth, using: reduction))
            shownLabels.append(start < rowLabels.count ? rowLabels[start] : "")
        }

        let finite = shown.flatMap { $0 }.filter(\.isFinite)
        var lo = finite.min() ?? 0, hi = finite.max() ?? 0
        if scale == .robustQuantiles, !finite.isEmpty {
            let sorted = finite.sorted()
            lo = ChartMath.quantile(sorted: sorted, 0.02)
            hi = ChartMath.quantile(sorted: sorted, 0.98)
        }
        if let range {
            lo = range.lowerBound
            hi = range.upperBound
        }
        let shownRange = lo <= hi ? lo...hi : hi...lo
        let levels = levelCount

        for (r, row) in shown.enumerated() {
            let y = area.y + r
            if labelWidth > 0 {
                g.put(string: shownLabels[r], at: Point(x: area.x, y: y), style: labelStyle,
                      maxWidth: labelWidth, ellipsis: glyphs.ellipsis)
            }
            for (c, v) in row.enumerated() {
                guard let level = Self.level(of: v, in: shownRange, levels: levels) else { continue }
                g[matrixX + c, y] = cell(level: level)
            }
        }

        if scaleRows > 0 {
            let y = rect.maxY - 1
            var x = matrixWidth >= 10 ? matrixX : rect.x
            let low = NumberFormat.value(shownRange.lowerBound, significantDigits: 3)
            let high = NumberFormat.value(shownRange.upperBound, significantDigits: 3)
            x += g.put(string: low + " ", at: Point(x: x, y: y), style: labelStyle)
            for level in 0..<levels {
                g[x, y] = cell(level: level)
                x += 1
            }
            x += g.put(string: " " + high, at: Point(x: x, y: y), style: labelStyle)
            g.put(string: " (" + scale.name + ")", at: Point(x: x, y: y), style: labelStyle.adding(.dim))
        }
    }
}
