import BNCharts
import BNLab

/// One channel of one BN layer over time: the batch statistic at every training forward, the
/// running statistic after each update, and the "expected" running statistic recomputed from
/// the batch statistics by PyTorch's rule (``RunningStatsRule``), with the largest relative
/// difference between the two in the caption. The running line is drawn last, so that its marker
/// (ASCII `o`) shows where the two coincide (they should, to float precision), and the expected
/// line is marked every few columns with its own glyph (`×`, ASCII `x`) on top, so both stay
/// visible; in ASCII the legend says so (`expected (x, under o)`).
///
/// Channels that are not watched (or runs without `bn_watch` events, e.g. format 1.0 files)
/// fall back to the full snapshots, which say so.
enum BNChannelChartView {
    /// Columns between two expected-line marks.
    static let markSpacing = 4

    static func render(_ statistic: BNStatistic, run: RunRecord, layer: String, channel c: Int, cursor: ReplayCursor?,
                       into grid: inout Grid, in rect: Rect, glyphs: Glyphs) {
        guard rect.height >= 4 else { return }
        let trace = run.watches[layer]
        var series: [Series]
        var notes: [String]
        var expected: (x: [Double], y: [Double])?
        if let trace, let k = trace.channels.firstIndex(of: c), !trace.events.isEmpty {
            let xs = trace.events.indices.map(trace.x)
            var running = Series(name: statistic.runningName, x: xs, y: trace.events.map { statistic.running($0, k) }, color: .cyan)
            running.drawsOnTop = true
            series = [Series(name: statistic.batchName, x: xs, y: trace.events.map { statistic.batch($0, k) }, color: .yellow), running]
            let rule = trace.rule
            if let problem = rule.problem {
                notes = ["ch \(c): no expected line: \(problem)"]
            } else {
                let values = (statistic == .mean ? trace.expectedMean : trace.expectedVariance).map { k < $0.count ? $0[k] : .nan }
                let gap = BNColumns.short(statistic == .mean ? rule.maxRelativeMean : rule.maxRelativeVariance)
                expected = (xs, values)
                series.append(Series(name: glyphs.isUnicode ? "expected (×)" : "expected (x, under \(glyphs.seriesMarker(1)))", x: xs, y: values, color: .magenta))
                let difference = "max |expected - running| = \(gap) (relative)"
                let updates = ", \(rule.updates) updates"
                notes = ["ch \(c): \(rule.formula)", difference + (difference.count + updates.count <= rect.width ? updates : "")]
            }
        } else {
            let snaps = run.snapshots[layer] ?? []
            let steps = snaps.map { Double($0.step) }
            series = [Series(name: statistic.batchName, x: steps, y: snaps.map { statistic.batch($0, c) }, color: .yellow)]
            if snaps.contains(where: { (statistic == .mean ? $0.runningMean : $0.runningVar) != nil }) {
                series.append(Series(name: statistic.runningName, x: steps, y: snaps.map { statistic.running($0, c) }, color: .cyan))
            }
            if let watched = trace?.channels, !watched.isEmpty {
                // Two short rows, so that both fit an 80-column screen's chart pane.
                let list = watched.map(String.init).joined(separator: ",")
                notes = ["ch \(c) not watched: snapshots, no rule check", "watched: \(list) (< > jump)"]
            } else {
                notes = ["ch \(c): no bn_watch events in this run: snapshots only, no rule check"]
            }
            let populated = snaps.filter { (statistic == .mean ? $0.populationMean : $0.populationVar) != nil }
            if !populated.isEmpty {
                series.append(Series(name: "population", x: populated.map { Double($0.step) }, y: populated.map { s in
                    let v = (statistic == .mean ? s.populationMean : s.populationVar) ?? []
                    return c < v.count ? Double(v[c]) : .nan
                }, color: .green))
            }
        }
        for (i, note) in notes.prefix(max(1, rect.height - 4)).enumerated() {
            grid.put(string: note, at: Point(x: rect.x, y: rect.y + i), style: Theme.dim, maxWidth: rect.width, ellipsis: glyphs.ellipsis)
        }
        var chart = LineChart(series: series, glyphs: glyphs)
        if let cursor {
            chart.xRange = Double(cursor.firstStep)...max(Double(cursor.lastStep), Double(cursor.firstStep) + 1)   // no Int overflow at Int.max
            chart.cursorX = Double(cursor.step)
        }
        chart.xAxisUnit = "step"
        chart.emptyText = "no finite values"
        let area = rect.inset(top: min(notes.count, max(1, rect.height - 4)))
        chart.render(into: &grid, in: area)
        if let expected { markExpected(expected, chart: chart, into: &grid, in: area, glyphs: glyphs) }
    }

    /// Marks the expected line every ``markSpacing`` columns with `×` (ASCII `x`), except where a
    /// label is written.
    private static func markExpected(_ line: (x: [Double], y: [Double]), chart: LineChart, into grid: inout Grid,
                                     in rect: Rect, glyphs: Glyphs) {
        guard let layout = chart.layout(in: rect), layout.hasAxes, !line.x.isEmpty else { return }
        let mark: Character = glyphs.isUnicode ? "×" : "x"
        // No marks past the line's last point (a replay's cursor before the run's end).
        let lastColumn = line.x.indices.reversed().lazy.compactMap { k in line.y[k].isFinite ? layout.column(forX: line.x[k]) : nil }.first
        var i = 0
        for column in stride(from: layout.plot.x + 1, to: layout.plot.maxX, by: markSpacing) {
            guard let lastColumn, column <= lastColumn else { break }
            // The last point at or left of this column's centre.
            while i + 1 < line.x.count, let p = layout.column(forX: line.x[i + 1]), p <= column { i += 1 }
            guard layout.column(forX: line.x[i]) != nil, let row = layout.row(forY: line.y[i]) else { continue }
            // Never over a label (`running_mean`, `batch mean` with its space); a series' own
            // marker (ASCII `o` is a letter too) is fair game, as the legend says (`x, under o`).
            let under = grid[column, row].character
            func isText(_ c: Character) -> Bool { (c.isLetter || c.isNumber || c == "_") && !(0..<3).contains { glyphs.seriesMarker($0) == c } }
            let inLabel = under == " " && column > layout.plot.x && column + 1 < layout.plot.maxX
                && isText(grid[column - 1, row].character) && isText(grid[column + 1, row].character)
            guard !inLabel, !isText(under) else { continue }
            grid[column, row] = Cell(mark, style: .fg(.magenta))
        }
    }
}
