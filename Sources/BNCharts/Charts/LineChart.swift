/// Loss curves and other series over steps: braille lines, axes with nice ticks, a legend,
/// optional EMA smoothing, a log y axis, a vertical cursor, vertical markers, shaded bands and
/// notes about what the lines cannot show.
///
/// Layout inside the rectangle: legend rows on top; y tick labels and the y axis on the left;
/// the x axis and its labels below the plot; notes on the bottom rows. Parts are dropped as the
/// rectangle gets too small (first the notes, then the axes, then the legend), never crashing.
/// NaN and infinite points are skipped (and non-positive ones on a log axis); a chart with no
/// point left shows ``emptyText``.
///
/// Without colour every series still differs: each has a marker (``Glyphs/seriesMarker(_:)``)
/// drawn along its line (in ASCII the whole line is drawn with it) and before its legend name,
/// and its name is written at the line's end where there is room.
///
/// ```swift
/// var chart = LineChart(series: [
///     Series(name: "BN", values: bnLoss, color: .cyan),
///     Series(name: "no-BN", values: plainLoss, color: .yellow),
/// ], glyphs: .unicode)
/// chart.smoothing = 0.6          // smoothed lines bright, raw lines dim behind them
/// chart.robustRange = true       // a diverged run is clipped and named in a note
/// chart.markers = [ChartMarker(x: 938)]
/// chart.cursorX = 1200           // legend shows each series' value at step 1200
/// chart.render(into: &grid, in: Box(title: "Loss").render(into: &grid, in: pane))
/// ```
public struct LineChart: Chart, Hashable {
    /// The lines, drawn in order (later ones on top).
    public var series: [Series]
    /// Unicode (braille) or ASCII drawing characters.
    public var glyphs: Glyphs
    /// The x range shown; nil fits the data (tight, no padding).
    public var xRange: ClosedRange<Double>?
    /// The y range shown; nil fits the data, widened to nice tick values.
    public var yRange: ClosedRange<Double>?
    /// Linear or logarithmic y axis.
    public var yScale: AxisScale
    /// Whether the automatic y range ignores outliers (as TensorBoard's "ignore outliers in chart
    /// scaling"): see ``robustExtent(of:)``. Points outside it are clipped; a series that leaves it
    /// for good is marked where it leaves and named in a note.
    public var robustRange: Bool
    /// EMA smoothing strength in [0, 1) (see ``EMASmoothing``); 0 draws the raw series only.
    public var smoothing: Double
    /// Whether smoothing divides by `1 − w^n` (TensorBoard's default).
    public var debiasSmoothing: Bool
    /// When smoothing, whether the raw series is drawn too, dimmed, behind the smoothed one.
    public var showsRawSeries: Bool
    /// An x value to mark with a vertical line; the legend then shows each series' value there and
    /// the x value is written on the x axis, in place of the tick labels it would cover.
    public var cursorX: Double?
    /// Vertical lines at x values (epoch boundaries, phases), drawn behind the series.
    public var markers: [ChartMarker]
    /// Shaded areas drawn behind the series (e.g. the spread over seeds).
    public var bands: [ChartBand]
    /// What the x axis counts, used in notes ("diverged at step 17").
    public var xAxisName: String
    /// Written after x values in notes, e.g. `" s"` for "diverged at time 0.85 s".
    public var xAxisSuffix: String
    /// The x axis's unit, written after the last x label when it fits (`73 step`); empty for none.
    public var xAxisUnit: String
    /// Whether the legend rows are drawn.
    public var showsLegend: Bool
    /// Whether axes, ticks and labels are drawn (when there is room).
    public var showsAxes: Bool
    /// Whether ``notes(in:)`` are written on the bottom rows (when there is room).
    public var showsNotes: Bool
    /// Whether each series' marker is drawn along its line (every few columns) and in the legend.
    public var showsSeriesMarkers: Bool
    /// Whether series names are written at the ends of their lines where there is room.
    public var showsEndLabels: Bool
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
        self.robustRange = false
        self.smoothing = smoothing
        self.debiasSmoothing = true
        self.showsRawSeries = true
        self.cursorX = cursorX
        self.markers = []
        self.bands = []
        self.xAxisName = "step"
        self.xAxisSuffix = ""
        self.xAxisUnit = ""
        self.showsLegend = true
        self.showsAxes = true
        self.showsNotes = true
        self.showsSeriesMarkers = true
        self.showsEndLabels = true
        self.emptyText = "no data"
        self.axisStyle = .fg(.gray)
        self.labelStyle = .plain
        self.cursorStyle = .fg(.white)
    }

    // MARK: Public queries

    /// Draws the chart into `rect` of `grid`; nothing outside `rect` is touched.
    public func render(into grid: inout Grid, in rect: Rect) {
        guard !rect.isEmpty else { return }
        grid.clipped(to: rect) { g in draw(into: &g, in: rect) }
    }

    /// Where the legend, plot and axes go in `rect`; nil when there is no data or no room.
    public func layout(in rect: Rect) -> LineChartLayout? {
        let prepared = prepare()
        return layout(in: rect, prepared: prepared, legend: legend(prepared))
    }

    /// What the chart says in words when drawn in `rect`: diverged series and identical curves.
    public func notes(in rect: Rect) -> [ChartNote] {
        let prepared = prepare()
        guard let layout = layout(in: rect, prepared: prepared, legend: legend(prepared)) else {
            return identicalNotes(prepared)
        }
        return layout.notes
    }

    /// Each series' value at `x`: its last point at or before `x` (the smoothed values when
    /// smoothing), so a run that ended or stopped recording earlier shows its last value; nil
    /// only where the series starts after `x`.
    public func readings(atX x: Double) -> [CursorReading] {
        readings(atX: x, prepare())
    }

    // MARK: Data preparation

    /// A series ready to draw: finite points (positive on a log axis), and their EMA when smoothing.
    struct Prepared {
        var name: String
        var detail: String?
        var showsLastValue: Bool
        var drawsOnTop: Bool
        var color: ChartColor
        var marker: Character
        /// The series' points as given, non-finite ones included (for divergence).
        var original: [ChartPoint]
        var raw: [ChartPoint]
        var smoothed: [ChartPoint]?
        /// The line in front: the smoothed points when smoothing, else the raw ones.
        var front: [ChartPoint] { smoothed ?? raw }
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
            return Prepared(name: s.name, detail: s.detail, showsLastValue: s.showsLastValue, drawsOnTop: s.drawsOnTop, color: s.color ?? .automatic(index), marker: s.marker ?? glyphs.seriesMarker(index),
                            original: s.points, raw: raw, smoothed: smoothed)
        }
    }

    /// The series in drawing order: those drawn on top last, each group in series order.
    func drawingOrder(_ prepared: [Prepared]) -> [(offset: Int, element: Prepared)] {
        let all = Array(prepared.enumerated())
        return all.filter { !$0.element.drawsOnTop } + all.filter { $0.element.drawsOnTop }
    }

    /// The point sets actually drawn for a series.
    func drawnSets(_ p: Prepared) -> [[ChartPoint]] {
        guard let s = p.smoothed else { return [p.raw] }
        return showsRawSeries ? [p.raw, s] : [s]
    }

    /// The legend: each series' name, detail and value (at the cursor, or its line's last value),
    /// titled with what the values are when they could be misread: `smoothed:` at the cursor,
    /// `last smoothed:` or `last:` for the lines' ends.
    func legend(_ prepared: [Prepared]) -> Legend {
        let values = cursorX.map { readings(atX: $0, prepared) }
        let smoothed = EMASmoothing(weight: smoothing, debias: debiasSmoothing).effectiveWeight > 0
        var showsLast = false
        let entries = prepared.enumerated().map { i, p -> LegendEntry in
            var label = p.name + (p.detail.map { " " + $0 } ?? "")
            if let values {
                label += " " + (values[i].value.map { NumberFormat.value($0) } ?? glyphs.missing)
            } else if p.showsLastValue, let last = p.front.last {
                label += " " + NumberFormat.value(last.y, significantDigits: 3)
                showsLast = true
            }
            return LegendEntry(label: label, color: p.color, marker: showsSeriesMarkers ? p.marker : nil)
        }
        var legend = Legend(entries: entries, glyphs: glyphs, labelStyle: labelStyle)
        if values != nil {
            legend.title = smoothed ? "smoothed:" : ""
        } else if showsLast {
            legend.title = smoothed ? "last smoothed:" : "last:"
        }
        return legend
    }

    private func readings(atX x: Double, _ prepared: [Prepared]) -> [CursorReading] {
        prepared.map { p in
            CursorReading(name: p.name, color: p.color, value: Self.lastValue(p.front, atOrBefore: x))
        }
    }

    /// The y of the last point (largest x) at or before `x`; nil when every point lies after it.
    static func lastValue(_ points: [ChartPoint], atOrBefore x: Double) -> Double? {
        guard x.isFinite else { return nil }
        var best: ChartPoint?
        for p in points where p.x <= x && best.map({ p.x >= $0.x }) ?? true { best = p }
        return best?.y
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
}
