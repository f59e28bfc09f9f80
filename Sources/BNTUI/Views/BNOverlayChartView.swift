import BNCharts
import BNLab

/// One channel of one BN layer for several runs on one chart: the running statistic of every
/// run of the experiment (live) or every replayed run, e.g. bn-momentum's running_mean for
/// momenta 0.01, 0.1, 0.5 and the cumulative average, or grad-accumulation's batch-64 against
/// micro-16x4. Watched channels use every forward; others the snapshots (the caption says which).
enum BNOverlayChartView {
    static func render(_ statistic: BNStatistic, runs: [RunRecord], names: [String], layer: String, channel c: Int, cursor: ReplayCursor?,
                       into grid: inout Grid, in rect: Rect, glyphs: Glyphs) {
        guard rect.height >= 4 else { return }
        let named = zip(runs, names).filter { $0.0.watches[layer] != nil || $0.0.snapshots[layer] != nil }
        let withLayer = named.map(\.0)
        var series: [Series] = []
        var fromSnapshots: [String] = []
        for (i, run) in withLayer.enumerated() {
            let name = named[i].1
            let color = ChartColor.palette[i % ChartColor.palette.count]
            if let trace = run.watches[layer], let k = trace.channels.firstIndex(of: c), !trace.events.isEmpty {
                series.append(Series(name: name, x: trace.events.indices.map(trace.x),
                                     y: trace.events.map { statistic.running($0, k) }, color: color))
            } else if let snaps = run.snapshots[layer], !snaps.isEmpty {
                series.append(Series(name: name, x: snaps.map { Double($0.step) }, y: snaps.map { statistic.running($0, c) }, color: color))
                fromSnapshots.append(name)
            }
        }
        let title = "\(statistic.runningName), layer \(layer), ch \(c), \(series.count) run\(series.count == 1 ? "" : "s") (o: back)"
        grid.put(string: title, at: rect.origin, style: Theme.title, maxWidth: rect.width, ellipsis: glyphs.ellipsis)
        let note = fromSnapshots.isEmpty ? "x: optimizer step; every forward of each run"
            : "from snapshots (ch not watched): " + fromSnapshots.joined(separator: ", ")
        grid.put(string: note, at: Point(x: rect.x, y: rect.y + 1), style: Theme.dim, maxWidth: rect.width, ellipsis: glyphs.ellipsis)
        var chart = LineChart(series: series, glyphs: glyphs)
        if let cursor {
            chart.xRange = Double(cursor.firstStep)...max(Double(cursor.lastStep), Double(cursor.firstStep) + 1)   // no Int overflow at Int.max
            chart.cursorX = Double(cursor.step)
        }
        chart.xAxisUnit = "step"
        chart.emptyText = "no run of this experiment has layer \(layer)"
        chart.render(into: &grid, in: rect.inset(top: 2))
    }
}
