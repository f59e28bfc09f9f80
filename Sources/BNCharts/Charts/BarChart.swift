/// Grouped horizontal bars: one block of rows per category, one bar per group, colored per group,
/// with eighth-cell resolution (`▏▎▍▌▋▊▉█`) in Unicode mode and the value printed at the right.
///
/// Bar length: `⌊(v − lower) / (upper − lower) · barWidth · 8⌉` eighths (whole cells in ASCII),
/// clamped to the bar area, where `lower…upper` is the ``BarScale`` range.
///
/// ```swift
/// let chart = BarChart(
///     groups: [BarGroup(name: "BN eval", color: .cyan), BarGroup(name: "BN train", color: .magenta),
///              BarGroup(name: "no-BN", color: .yellow)],
///     categories: classNames.indices.map { BarCategory(name: classNames[$0], values: accuracy[$0]) },
///     scale: .fraction)
/// chart.render(into: &grid, in: pane)      // "T-shirt  ██████████████▋      85.2%"
/// ```
public struct BarChart: Chart, Hashable {
    /// The bars of each category, in order (names and colors for the legend).
    public var groups: [BarGroup]
    /// The row blocks, top to bottom.
    public var categories: [BarCategory]
    /// Value range and value format.
    public var scale: BarScale
    /// Unicode (eighth blocks) or ASCII (`#`) bars.
    public var glyphs: Glyphs
    /// Whether the group legend is drawn on top.
    public var showsLegend: Bool
    /// Whether values are printed right of the bars.
    public var showsValues: Bool
    /// Whether each group's marker (``Glyphs/seriesMarker(_:)``) is drawn before its bars and in the
    /// legend when there are two or more groups, so bars differ without colour.
    public var showsGroupMarkers: Bool
    /// Blank rows between categories (dropped when the rows do not fit).
    public var categorySpacing: Int
    /// Style of names, values and legend text.
    public var labelStyle: Style

    /// Creates a chart with a legend, printed values and one blank row between categories.
    public init(
        groups: [BarGroup], categories: [BarCategory], scale: BarScale = .auto, glyphs: Glyphs = .unicode
    ) {
        self.groups = groups
        self.categories = categories
        self.scale = scale
        self.glyphs = glyphs
        self.showsLegend = true
        self.showsValues = true
        self.showsGroupMarkers = true
        self.categorySpacing = 1
        self.labelStyle = .plain
    }

    /// Draws the chart into `rect` of `grid`; nothing outside `rect` is touched. Categories that do
    /// not fit the height are left out.
    public func render(into grid: inout Grid, in rect: Rect) {
        guard !rect.isEmpty else { return }
        grid.clipped(to: rect) { g in draw(into: &g, in: rect) }
    }


    private var groupCount: Int {
        max(1, groups.count, categories.map(\.values.count).max() ?? 0)
    }

    private func color(ofGroup i: Int) -> ChartColor {
        (i < groups.count ? groups[i].color : nil) ?? .automatic(i)
    }

    private func draw(into g: inout Grid, in rect: Rect) {
        let markers = showsGroupMarkers && groupCount >= 2
        var top = rect.y
        if showsLegend && !groups.isEmpty && rect.height >= 2 {
            let legend = Legend(
                entries: groups.enumerated().map {
                    LegendEntry(label: $1.name, color: color(ofGroup: $0), marker: markers ? glyphs.seriesMarker($0) : nil)
                },
                glyphs: glyphs, labelStyle: labelStyle
            )
            let rows = min(legend.rowsNeeded(width: rect.width), max(1, rect.height / 4))
            legend.render(into: &g, in: Rect(x: rect.x, y: top, width: rect.width, height: rows))
            top += rows
        }
        let body = Rect(x: rect.x, y: top, width: rect.width, height: rect.maxY - top)
        guard !body.isEmpty else { return }

        let allValues = categories.flatMap(\.values)
        let range = scale.range(for: allValues)
        let labels = categories.map { $0.values.map { $0.isFinite ? scale.label($0) : glyphs.missing } }

        // Columns: name, space, bar, space, value (right-aligned). Values go first, then names.
        var valueWidth = showsValues ? (labels.flatMap { $0 }.map(\.count).max() ?? 0) : 0
        let longestName = categories.map(\.name.count).max() ?? 0
        var nameWidth = min(longestName, max(1, body.width / 4))
        let markerWidth = markers ? 2 : 0
        func barWidth() -> Int {
            body.width - nameWidth - (nameWidth > 0 ? 1 : 0) - markerWidth - valueWidth - (valueWidth > 0 ? 1 : 0)
        }
        if barWidth() < 2 { valueWidth = 0 }
        if barWidth() < 1 { nameWidth = 0 }
        let barW = barWidth()
        guard barW >= 1 else { return }
        let barX = body.x + nameWidth + (nameWidth > 0 ? 1 : 0) + markerWidth

        let G = groupCount
        var spacing = max(0, categorySpacing)
        if categories.count * G + max(0, categories.count - 1) * spacing > body.height { spacing = 0 }
        let resolution = glyphs.horizontalResolution

        for (ci, category) in categories.enumerated() {
            for gi in 0..<G {
                let y = body.y + ci * (G + spacing) + gi
                guard y < body.maxY else { return }
                if gi == 0 && nameWidth > 0 {
                    g.put(string: category.name, at: Point(x: body.x, y: y), style: labelStyle,
                          maxWidth: nameWidth, ellipsis: glyphs.ellipsis)
                }
                if markers { g[barX - 2, y] = Cell(glyphs.seriesMarker(gi), style: .fg(color(ofGroup: gi))) }
                let value = gi < category.values.count ? category.values[gi] : .nan
                if value.isFinite {
                    let span = range.upperBound - range.lowerBound
                    let t = span > 0 ? (value - range.lowerBound) / span : 0
                    let total = barW * resolution
                    let steps = Int((ChartMath.clamp(t, 0...1) * Double(total)).rounded())
                    let style = Style.fg(color(ofGroup: gi))
                    for k in 0..<(steps / resolution) {
                        g[barX + k, y] = Cell(glyphs.horizontalBlocks[resolution], style: style)
                    }
                    let rest = steps % resolution
                    if rest > 0 {
                        g[barX + steps / resolution, y] = Cell(glyphs.horizontalBlocks[rest], style: style)
                    }
                }
                if valueWidth > 0 {
                    let text = gi < labels[ci].count ? labels[ci][gi] : glyphs.missing
                    g.put(string: TextFitting.padLeft(text, to: valueWidth, ellipsis: glyphs.ellipsis),
                          at: Point(x: body.maxX - valueWidth, y: y), style: labelStyle)
                }
            }
        }
    }
}
