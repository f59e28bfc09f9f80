/// Loss curves and other series over steps: braille lines, axes with nice ticks, a legend,
/// optional EMA smoothing, a log y axis and a vertical cursor.
///
/// Layout inside the rectangle: legend rows on top; y tick labels and the y axis on the left;
/// the x axis and its labels on the two bottom rows; the plot in the rest. Parts are dropped as
/// the rectangle gets too small (first the axes, then the legend), never crashing at any size.
/// NaN and infinite points are skipped (and non-positive ones on a log axis); a chart with no
/// point left shows ``emptyText``.
///
/// ```swift
/// var chart = LineChart(series: [
///     Series(name: "BN", values: bnLoss, color: .cyan),
///     Series(name: "no-BN", values: plainLoss, color: .yellow),
/// ], glyphs: .unicode)
/// chart.smoothing = 0.6          // smoothed lines bright, raw lines dim behind them
/// chart.yScale = .logarithmic
/// chart.cursorX = 1200           // legend shows each series' value at step 1200
/// chart.render(into: &grid, in: Box(title: "Loss").render(into: &grid, in: pane))
/// ```
public struct LineChart: Sendable, Hashable {
    /// The lines, drawn in order (later ones on top).
    public var series: [Series]
    /// Unicode (braille) or ASCII drawing characters.
    public var glyphs: Glyphs
    /// The x range shown; nil fits the data (tight, no padding).
    public var xRange: ClosedRange<Double>?
    /// The y range shown; nil fits the data, widened to nice tick values (whole decades on a log axis).
    public var yRange: ClosedRange<Double>?
    /// Linear or logarithmic y axis.
    public var yScale: AxisScale
    /// EMA smoothing strength in [0, 1) (see ``EMASmoothing``); 0 draws the raw series only.
    public var smoothing: Double
    /// Whether smoothing divides by `1 − w^n` (TensorBoard's default).
    public var debiasSmoothing: Bool
    /// When smoothing, whether the raw series is drawn too, dimmed, behind the smoothed one.
    public var showsRawSeries: Bool
    /// An x value to mark with a vertical line; the legend then shows each series' value there.
    public var cursorX: Double?
    /// Whether the legend rows are drawn.
    public var showsLegend: Bool
    /// Whether axes, ticks and labels are drawn (when there is room).
    public var showsAxes: Bool
    /// Shown in the middle when there is nothing to draw.
    public var emptyText: String
    /// Style of the axis lines and ticks.
    public var axisStyle: Style
    /// Style of tick labels, legend text and the empty-chart text.
    public var labelStyle: Style
    /// Style of the cursor line and its x label.
    public var cursorStyle: Style

    /// Creates a chart; everything but the series can be changed afterwards.
    public init(
        series: [Series] = [], glyphs: Glyphs = .unicode, yScale: AxisScale = .linear,
        smoothing: Double = 0, cursorX: Double? = nil
    ) {
        self.series = series
        self.glyphs = glyphs
        self.xRange = nil
        self.yRange = nil
        self.yScale = yScale
        self.smoothing = smoothing
        self.debiasSmoothing = true
        self.showsRawSeries = true
        self.cursorX = cursorX
        self.showsLegend = true
        self.showsAxes = true
        self.emptyText = "no data"
        self.axisStyle = .fg(.gray)
        self.labelStyle = .plain
        self.cursorStyle = .fg(.white)
    }

    // MARK: Rendering

    /// Draws the chart into `rect` of `grid`; nothing outside `rect` is touched.
    public func render(into grid: inout Grid, in rect: Rect) {
        guard !rect.isEmpty else { return }
        grid.clipped(to: rect) { g in draw(into: &g, in: rect) }
    }

    /// The chart alone in a new `width × height` grid.
    public func render(width: Int, height: Int) -> Grid {
        var grid = Grid(width: width, height: height)
        render(into: &grid, in: grid.bounds)
        return grid
    }

    /// Where the legend, plot and axes go in `rect`; nil when there is no data or no room.
    public func layout(in rect: Rect) -> LineChartLayout? {
        let prepared = prepare()
        return layout(in: rect, prepared: prepared, legend: legend(prepared))
    }

    /// Each series' value at `x`, interpolated linearly between its neighbouring points (the smoothed
    /// values when smoothing); nil where `x` is outside the series.
    public func readings(atX x: Double) -> [CursorReading] {
        readings(atX: x, prepare())
    }

    // MARK: Data preparation

    /// A series ready to draw: finite points (positive on a log axis), and their EMA when smoothing.
    struct Prepared {
        var name: String
        var color: ChartColor
        var raw: [ChartPoint]
        var smoothed: [ChartPoint]?
    }

    func prepare() -> [Prepared] {
        let smoother = EMASmoothing(weight: smoothing, debias: debiasSmoothing)
        return series.enumerated().map { index, s in
            var raw = s.points.filter(\.isFinite)
            var smoothed: [ChartPoint]?
            if smoother.effectiveWeight > 0 {
                // Smooth in data space, in point order, before any log filtering (as TensorBoard does).
                let ys = smoother.apply(raw.map(\.y))
                smoothed = zip(raw, ys).map { ChartPoint(x: $0.x, y: $1) }
            }
            if yScale == .logarithmic {
                raw = raw.filter { $0.y > 0 }
                smoothed = smoothed?.filter { $0.y > 0 }
            }
            return Prepared(name: s.name, color: s.color ?? .automatic(index), raw: raw, smoothed: smoothed)
        }
    }

    /// The point sets actually drawn for a series.
    private func drawnSets(_ p: Prepared) -> [[ChartPoint]] {
        guard let s = p.smoothed else { return [p.raw] }
        return showsRawSeries ? [p.raw, s] : [s]
    }

    /// The x range to show and the y extent of the points inside it; nil when no point is left.
    private func dataDomains(_ prepared: [Prepared]) -> (x: ClosedRange<Double>, y: ClosedRange<Double>)? {
        var xLo = Double.infinity, xHi = -Double.infinity
        for p in prepared {
            for set in drawnSets(p) {
                for q in set {
                    xLo = min(xLo, q.x)
                    xHi = max(xHi, q.x)
                }
            }
        }
        guard xLo <= xHi else { return nil }
        var xd = xLo...xHi
        if let r = xRange, r.lowerBound.isFinite, r.upperBound.isFinite { xd = r }
        if xd.lowerBound == xd.upperBound { xd = (xd.lowerBound - 1)...(xd.upperBound + 1) }
        var yLo = Double.infinity, yHi = -Double.infinity
        var anyLo = Double.infinity, anyHi = -Double.infinity
        for p in prepared {
            for set in drawnSets(p) {
                for q in set {
                    anyLo = min(anyLo, q.y)
                    anyHi = max(anyHi, q.y)
                    if xd.contains(q.x) {
                        yLo = min(yLo, q.y)
                        yHi = max(yHi, q.y)
                    }
                }
            }
        }
        if yLo > yHi { (yLo, yHi) = (anyLo, anyHi) }
        return (xd, yLo...yHi)
    }

    private func legend(_ prepared: [Prepared]) -> Legend {
        let values = cursorX.map { readings(atX: $0, prepared) }
        let entries = prepared.enumerated().map { i, p -> LegendEntry in
            var label = p.name
            if let values {
                label += " " + (values[i].value.map { NumberFormat.compact($0, significantDigits: 4) } ?? glyphs.missing)
            }
            return LegendEntry(label: label, color: p.color)
        }
        return Legend(entries: entries, glyphs: glyphs, labelStyle: labelStyle)
    }

    private func readings(atX x: Double, _ prepared: [Prepared]) -> [CursorReading] {
        prepared.map { p in
            CursorReading(name: p.name, color: p.color, value: Self.interpolate(p.smoothed ?? p.raw, at: x))
        }
    }

    /// Linear interpolation `y_b + (y_a − y_b)·(x − x_b)/(x_a − x_b)` between the nearest points
    /// below and above `x`; nil outside the series.
    static func interpolate(_ points: [ChartPoint], at x: Double) -> Double? {
        guard x.isFinite else { return nil }
        var below: ChartPoint?, above: ChartPoint?
        for p in points {
            if p.x <= x, below.map({ p.x >= $0.x }) ?? true { below = p }
            if p.x >= x, above.map({ p.x < $0.x }) ?? true { above = p }
        }
        guard let b = below, let a = above else { return nil }
        if b.x == x || a.x == b.x { return b.y }
        return b.y + (a.y - b.y) * (x - b.x) / (a.x - b.x)
    }

    // MARK: Layout

    private func layout(in rect: Rect, prepared: [Prepared], legend: Legend) -> LineChartLayout? {
        guard !rect.isEmpty, let (xd, yData) = dataDomains(prepared) else { return nil }
        var legendRows = 0
        if showsLegend && !prepared.isEmpty && rect.height >= 3 {
            legendRows = min(legend.rowsNeeded(width: rect.width), max(1, rect.height / 4))
        }
        let legendRect = Rect(x: rect.x, y: rect.y, width: rect.width, height: legendRows)
        let body = rect.inset(top: legendRows)
        let axes = showsAxes && body.height >= 4 && body.width >= 10
        let plotHeight = body.height - (axes ? 2 : 0)
        let resolution = glyphs.canvasResolution
        let yTickCount = max(2, min(8, plotHeight / 2 + 1))
        let (yTicks, yDomain) = yAxis(data: yData, maxCount: yTickCount)
        var labelWidth = 0
        var plot = body
        var xTicks: [Double] = []
        if axes {
            let widest = NiceTicks.labels(for: yTicks).map(\.count).max() ?? 1
            labelWidth = max(1, min(widest, body.width / 3))
            plot = Rect(x: body.x + labelWidth + 1, y: body.y, width: body.width - labelWidth - 1, height: plotHeight)
            let xTickCount = max(2, plot.width / 10)
            xTicks = NiceTicks.linear(min: xd.lowerBound, max: xd.upperBound, maxCount: xTickCount, loose: false).values
        }
        return LineChartLayout(
            legend: legendRect, plot: plot, hasAxes: axes, yLabelWidth: labelWidth,
            xDomain: xd, yDomain: yDomain, yScale: yScale, xTicks: xTicks, yTicks: yTicks, resolution: resolution
        )
    }

    /// Tick values and the y range to show, from the data's y extent.
    private func yAxis(data: ClosedRange<Double>, maxCount: Int) -> ([Double], ClosedRange<Double>) {
        switch yScale {
        case .linear:
            if let r = yRange, r.lowerBound.isFinite, r.upperBound.isFinite, r.lowerBound < r.upperBound {
                return (NiceTicks.linear(min: r.lowerBound, max: r.upperBound, maxCount: maxCount, loose: false).values, r)
            }
            let t = NiceTicks.linear(min: data.lowerBound, max: data.upperBound, maxCount: maxCount, loose: true)
            guard t.lower.isFinite, t.upper.isFinite, t.lower < t.upper else { return (t.values, data) }
            return (t.values, t.lower...t.upper)
        case .logarithmic:
            if let r = yRange, r.lowerBound > 0, r.upperBound.isFinite, r.lowerBound < r.upperBound {
                let t = NiceTicks.logarithmic(min: r.lowerBound, max: r.upperBound, maxCount: maxCount)
                let inside = t.values.filter { $0 >= r.lowerBound * (1 - 1e-9) && $0 <= r.upperBound * (1 + 1e-9) }
                return (inside, r)
            }
            let t = NiceTicks.logarithmic(min: data.lowerBound, max: data.upperBound, maxCount: maxCount)
            return (t.values, t.lower...t.upper)
        }
    }

    // MARK: Drawing

    private func draw(into g: inout Grid, in rect: Rect) {
        let prepared = prepare()
        let legend = legend(prepared)
        guard let layout = layout(in: rect, prepared: prepared, legend: legend) else {
            drawEmpty(into: &g, in: rect, legend: legend, hasSeries: !prepared.isEmpty)
            return
        }
        let plot = layout.plot
        if !layout.legend.isEmpty { legend.render(into: &g, in: layout.legend) }
        if layout.hasAxes { drawAxes(into: &g, layout: layout, rect: rect) }

        // The cursor goes under the lines: cells with dots cover it.
        var cursorColumn: Int?
        if let cx = cursorX, let col = layout.column(forX: cx) {
            cursorColumn = col
            for row in plot.y..<plot.maxY { g[col, row] = Cell(glyphs.cursor, style: cursorStyle) }
        }

        // Raw series (dim) on one canvas, the lines in front on another drawn after it, so a cell
        // holding both shows only the smoothed line's dots.
        var back = BrailleCanvas(columns: plot.width, rows: plot.height, resolution: layout.resolution)
        var front = back
        for p in prepared {
            let style = Style.fg(p.color)
            if let smoothed = p.smoothed {
                if showsRawSeries { draw(p.raw, on: &back, layout: layout, style: style.adding(.dim)) }
                draw(smoothed, on: &front, layout: layout, style: style)
            } else {
                draw(p.raw, on: &front, layout: layout, style: style)
            }
        }
        back.render(into: &g, at: plot.origin, glyphs: glyphs)
        front.render(into: &g, at: plot.origin, glyphs: glyphs)

        if let col = cursorColumn, let cx = cursorX, layout.hasAxes {
            let label = NumberFormat.compact(cx, significantDigits: 4)
            let start = min(max(col - label.count / 2, rect.x), rect.maxX - label.count)
            g.put(string: label, at: Point(x: start, y: plot.maxY + 1), style: cursorStyle.adding(.reverse))
        }
    }

    /// Downsamples to the canvas width and joins consecutive points with lines.
    private func draw(_ points: [ChartPoint], on canvas: inout BrailleCanvas, layout: LineChartLayout, style: Style) {
        let reduced = Downsampler(columns: max(1, canvas.pixelWidth)).reduce(points, over: layout.xDomain)
        var previous: (x: Double, y: Double)?
        for p in reduced {
            guard let px = layout.pixelX(p.x), let py = layout.pixelY(p.y) else { continue }
            if let q = previous {
                canvas.line(fromX: q.x, fromY: q.y, toX: px, toY: py, style: style)
            } else {
                canvas.plot(x: px, y: py, style: style)
            }
            previous = (px, py)
        }
    }

    private func drawAxes(into g: inout Grid, layout: LineChartLayout, rect: Rect) {
        let plot = layout.plot
        let axisX = plot.x - 1
        for row in plot.y..<plot.maxY { g[axisX, row] = Cell(glyphs.vertical, style: axisStyle) }
        var usedRows = Set<Int>()
        for (value, label) in zip(layout.yTicks, NiceTicks.labels(for: layout.yTicks)) {
            guard let row = layout.row(forY: value), usedRows.insert(row).inserted else { continue }
            g[axisX, row] = Cell(glyphs.yTick, style: axisStyle)
            let text = TextFitting.truncate(label, to: layout.yLabelWidth, ellipsis: glyphs.ellipsis)
            g.put(string: text, at: Point(x: axisX - text.count, y: row), style: labelStyle)
        }
        let axisY = plot.maxY
        g[axisX, axisY] = Cell(glyphs.axisCorner, style: axisStyle)
        for col in plot.x..<plot.maxX { g[col, axisY] = Cell(glyphs.horizontal, style: axisStyle) }
        var labelEnd = Int.min / 2
        for (value, label) in zip(layout.xTicks, NiceTicks.labels(for: layout.xTicks)) {
            guard let col = layout.column(forX: value) else { continue }
            g[col, axisY] = Cell(glyphs.xTick, style: axisStyle)
            let start = min(max(col - label.count / 2, rect.x), rect.maxX - label.count)
            guard start > labelEnd else { continue }    // keep one space between labels
            g.put(string: label, at: Point(x: start, y: axisY + 1), style: labelStyle)
            labelEnd = start + label.count
        }
    }

    private func drawEmpty(into g: inout Grid, in rect: Rect, legend: Legend, hasSeries: Bool) {
        guard !rect.isEmpty else { return }
        var area = rect
        if showsLegend && hasSeries && rect.height >= 3 {
            let rows = min(legend.rowsNeeded(width: rect.width), max(1, rect.height / 4))
            legend.render(into: &g, in: Rect(x: rect.x, y: rect.y, width: rect.width, height: rows))
            area = rect.inset(top: rows)
        }
        let text = TextFitting.truncate(emptyText, to: area.width, ellipsis: glyphs.ellipsis)
        let origin = Point(x: area.x + (area.width - text.count) / 2, y: area.y + area.height / 2)
        g.put(string: text, at: origin, style: labelStyle.adding(.dim))
    }
}
