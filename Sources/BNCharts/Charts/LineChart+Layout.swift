/// Where the parts of a line chart go, and the y range it shows (robust or fitted).
extension LineChart {
    /// The outlier-ignoring y extent of `series` (y values, each series its own array), or nil
    /// when there is no value. Works on `Y = log10 y` on a log axis and on `y` otherwise:
    ///
    /// 1. each series' 2nd and 98th percentiles `q02`, `q98`, and its fence
    ///    `[q02 − w, q98 + w]` with `w = q98 − q02`: points outside their own fence are outliers;
    /// 2. outlier series do not widen the range: one that ends in NaN or infinity (`endsNotFinite`),
    ///    and one whose `q98` lies above `M + 20·max(S, |M|)` (M the lower median of the series'
    ///    medians, S the lower median of their `w`), e.g. a run that diverged to 700 or 1e30 among
    ///    losses near 1; likewise below `M' − 20·max(S, |M'|)` with M' the upper median. On a log
    ///    axis the margin is `2 + 3·S` decades;
    /// 3. the extent is the min and max of the remaining series' points inside their fences (of
    ///    every series' fenced points when no series remains), widened to the outlier series'
    ///    points within a quarter of that extent beyond it (a diverged run's start stays visible).
    func robustExtent(of series: [[Double]], endsNotFinite: [Bool] = []) -> ClosedRange<Double>? {
        struct Stats { var q02, q50, q98: Double; var values: [Double]; var endsBad: Bool }
        let logAxis = yScale == .logarithmic
        let stats: [Stats] = series.enumerated().compactMap { index, ys in
            let s = ys.compactMap { y -> Double? in
                guard y.isFinite else { return nil }
                if logAxis { return y > 0 ? ChartMath.log10Of(y) : nil }
                return y
            }.sorted()
            guard !s.isEmpty else { return nil }
            return Stats(q02: ChartMath.quantile(sorted: s, 0.02), q50: ChartMath.quantile(sorted: s, 0.5),
                         q98: ChartMath.quantile(sorted: s, 0.98), values: s,
                         endsBad: index < endsNotFinite.count && endsNotFinite[index])
        }
        guard !stats.isEmpty else { return nil }
        let medians = stats.map(\.q50).sorted()
        let spans = stats.map { $0.q98 - $0.q02 }.sorted()
        let lowerMedian = medians[(medians.count - 1) / 2], upperMedian = medians[medians.count / 2]
        let spread = spans[(spans.count - 1) / 2]
        let ceiling = lowerMedian + (logAxis ? 2 + 3 * spread : 20 * max(spread, abs(lowerMedian), 1e-300))
        let floor = upperMedian - (logAxis ? 2 + 3 * spread : 20 * max(spread, abs(upperMedian), 1e-300))
        func extent(_ chosen: [Stats]) -> (Double, Double)? {
            var lo = Double.infinity, hi = -Double.infinity
            for s in chosen {
                let w = s.q98 - s.q02
                for v in s.values where v >= s.q02 - w && v <= s.q98 + w {
                    lo = min(lo, v)
                    hi = max(hi, v)
                }
            }
            return lo <= hi ? (lo, hi) : nil
        }
        let isCore = stats.map { !$0.endsBad && $0.q98 <= ceiling && $0.q02 >= floor }
        // Every series is an outlier of the others: fall back to all fenced points.
        guard var (lo, hi) = extent(zip(stats, isCore).filter(\.1).map(\.0)) ?? extent(stats) else { return nil }
        let margin = (hi - lo) / 4
        let near = zip(stats, isCore).filter { !$0.1 }.flatMap(\.0.values).filter { $0 >= lo - margin && $0 <= hi + margin }
        lo = min(lo, near.min() ?? lo)
        hi = max(hi, near.max() ?? hi)
        return logAxis ? ChartMath.pow10(lo)...ChartMath.pow10(hi) : lo...hi
    }

    /// The x range to show and the y extent of the points inside it; nil when no point is left.
    func dataDomains(_ prepared: [Prepared]) -> (x: ClosedRange<Double>, y: ClosedRange<Double>)? {
        let drawn = prepared.flatMap { drawnSets($0).joined() }
        guard let xLo = drawn.map(\.x).min(), let xHi = drawn.map(\.x).max() else { return nil }
        var xd = xLo...xHi
        if let r = xRange, r.lowerBound.isFinite, r.upperBound.isFinite { xd = r }
        if xd.lowerBound == xd.upperBound { xd = (xd.lowerBound - 1)...(xd.upperBound + 1) }
        let endsNotFinite = prepared.map { p in p.original.last { xd.contains($0.x) }.map { !$0.y.isFinite } ?? false }
        // Every line drawn counts, the faint raw one too: a smoothed range would clip the raw
        // loss's last, lowest points and call a converging run diverged.
        if robustRange, let r = robustExtent(of: prepared.map { drawnSets($0).joined().filter { xd.contains($0.x) }.map(\.y) },
                                             endsNotFinite: endsNotFinite) {
            return (xd, r)
        }
        // The y extent of the points inside the x range, or of all points when none is inside.
        let inside = drawn.filter { xd.contains($0.x) }.map(\.y)
        let ys = inside.isEmpty ? drawn.map(\.y) : inside
        guard let yLo = ys.min(), let yHi = ys.max() else { return nil }
        return (xd, yLo...yHi)
    }

    func layout(in rect: Rect, prepared: [Prepared], legend: Legend) -> LineChartLayout? {
        guard !rect.isEmpty, let domains = dataDomains(prepared) else { return nil }
        var legendRows = 0
        if showsLegend && !prepared.isEmpty && rect.height >= 3 {
            legendRows = min(legend.rowsNeeded(width: rect.width), max(1, rect.height / 4))
        }
        let legendRect = Rect(x: rect.x, y: rect.y, width: rect.width, height: legendRows)
        let body = rect.inset(top: legendRows)
        var layout = bodyLayout(body, legend: legendRect, domains: domains)
        layout.notes = notes(prepared, layout: layout)
        // Notes take up to 3 rows, and only while the plot keeps at least 5.
        let noteRows = showsNotes ? min(layout.notes.count, 3, max(0, (body.height - 7) / 3)) : 0
        if noteRows > 0 {
            let shorter = body.inset(bottom: noteRows)
            layout = bodyLayout(shorter, legend: legendRect, domains: domains)
            layout.notes = notes(prepared, layout: layout)
            layout.notesArea = Rect(x: rect.x, y: shorter.maxY, width: rect.width, height: noteRows)
        }
        return layout
    }

    /// Plot, axes and ticks inside `body` (the rectangle below the legend).
    private func bodyLayout(
        _ body: Rect, legend: Rect, domains: (x: ClosedRange<Double>, y: ClosedRange<Double>)
    ) -> LineChartLayout {
        let axes = showsAxes && body.height >= 4 && body.width >= 10
        let plotHeight = body.height - (axes ? 2 : 0)
        let yTickCount = max(2, min(8, plotHeight / 2 + 1))
        let (yTicks, yDomain) = yAxis(data: domains.y, maxCount: yTickCount)
        var labelWidth = 0
        var plot = body
        var xTicks: [Double] = []
        if axes {
            let widest = NiceTicks.labels(for: yTicks).map(\.count).max() ?? 1
            labelWidth = max(1, min(widest, body.width / 3))
            plot = Rect(x: body.x + labelWidth + 1, y: body.y, width: body.width - labelWidth - 1, height: plotHeight)
            let xTickCount = max(2, plot.width / 10)
            let xd = domains.x
            xTicks = NiceTicks.linear(min: xd.lowerBound, max: xd.upperBound, maxCount: xTickCount, loose: false).values
        }
        return LineChartLayout(
            legend: legend, plot: plot, hasAxes: axes, yLabelWidth: labelWidth,
            xDomain: domains.x, yDomain: yDomain, yScale: yScale, xTicks: xTicks, yTicks: yTicks,
            resolution: glyphs.canvasResolution
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
}
