import BNCharts
import BNLab

/// One BN layer's running statistics: a heatmap of running_mean (or running_var) over time × channel,
/// and for the selected channel a line chart of the batch statistic, the running one, and the EMA
/// the momentum implies (``ImpliedEMA``).
enum RunningStatsView {
    static func render(_ state: WorkbenchState, into grid: inout Grid, in rect: Rect, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        guard let run = state.statsRun, let layer = state.shownLayer, let snaps = run.snapshots[layer], !snaps.isEmpty else {
            let hasRuns = !state.chartRuns.isEmpty
            ChartPaneView.placeholder(
                hasRuns ? "No BN snapshots yet. Runs with BatchNorm layers record them every few steps."
                        : "No runs of this experiment yet. Press Enter to run it.",
                into: &grid, in: rect, glyphs: glyphs)
            return
        }
        let channels = max(1, snaps.last?.batchMean.count ?? 1)
        let channel = min(max(0, state.channel), channels - 1)
        let layerIndex = (run.layerNames.firstIndex(of: layer) ?? 0) + 1
        let type = snaps.last?.layerType.map { " (\($0))" } ?? ""
        let interval = run.snapshotInterval(layer: layer)
        let every = interval.map { $0 == 1 ? "snapshot every step" : "snapshots every \($0) steps" } ?? "1 snapshot"
        let separator = glyphs.isUnicode ? " · " : " | "
        let caption = ["\(run.id) \(run.variant)", "layer \(layer)\(type) \(layerIndex)/\(run.layerNames.count)",
                       "channel \(channel)/\(channels - 1)", every].joined(separator: separator)
        grid.put(string: caption, at: rect.origin, style: Theme.title, maxWidth: rect.width, ellipsis: glyphs.ellipsis)

        let body = rect.inset(top: 1)
        let heatHeight = max(3, min(channels + 2, body.height * 9 / 20))
        let (heatRect, lineRect) = body.splitTop(heatHeight)
        heatmap(state.statistic, snaps: snaps, channel: channel, channels: channels, into: &grid, in: heatRect, glyphs: glyphs)
        channelChart(state.statistic, snaps: snaps, channel: channel, momentum: state.bnMomentum(of: run),
                     interval: interval, cursor: state.replay?.cursor, into: &grid, in: lineRect, glyphs: glyphs)
    }

    /// The statistic of every snapshot for channel `c`: running (or batch when not tracked).
    private static func running(_ s: BNSnapshot, _ statistic: BNStatistic, _ c: Int) -> Double {
        let values = statistic == .mean ? (s.runningMean ?? s.batchMean) : (s.runningVar ?? s.batchVar)
        return c < values.count ? Double(values[c]) : .nan
    }

    private static func heatmap(_ statistic: BNStatistic, snaps: [BNSnapshot], channel: Int, channels: Int,
                                into grid: inout Grid, in rect: Rect, glyphs: Glyphs) {
        guard rect.height >= 3 else { return }
        let tracked = snaps.last?.runningMean != nil
        let first = snaps.first?.step ?? 0, last = snaps.last?.step ?? 0
        let what = tracked ? statistic.runningName : (statistic == .mean ? "batch mean (no running stats)" : "batch var")
        // num_batches_tracked counts training-mode forwards (4 per step with 4 accumulated micro-batches).
        let count = snaps.last?.numBatchesTracked.map { ", num_batches_tracked \($0) at step \(last)" } ?? ""
        grid.put(string: "\(what): channels (rows) over steps \(first)…\(last) (columns)\(count)", at: rect.origin,
                 style: Theme.dim, maxWidth: rect.width, ellipsis: glyphs.ellipsis)
        let area = rect.inset(top: 1)
        let rows = max(1, min(channels, area.height - 1))
        let start = min(max(0, channel - rows / 2), channels - rows)
        let shown = start..<(start + rows)
        var map = Heatmap(values: shown.map { c in snaps.map { running($0, statistic, c) } },
                          rowLabels: shown.map { "c\($0)" }, shading: .shades(.cyan), glyphs: glyphs)
        map.labelStyle = Theme.dim
        map.render(into: &grid, in: area)
        // Highlight the selected channel's label.
        let labelWidth = min("c\(shown.upperBound - 1)".count, max(1, area.width / 4))
        grid.restyle(Rect(x: area.x, y: area.y + channel - start, width: labelWidth, height: 1)) { _ in Theme.selected }
    }

    private static func channelChart(_ statistic: BNStatistic, snaps: [BNSnapshot], channel c: Int, momentum: Double?,
                                     interval: Int?, cursor: ReplayCursor?, into grid: inout Grid, in rect: Rect,
                                     glyphs: Glyphs) {
        guard rect.height >= 3 else { return }
        let steps = snaps.map { Double($0.step) }
        let batch = snaps.map { s -> Double in
            let v = statistic == .mean ? s.batchMean : s.batchVar
            return c < v.count ? Double(v[c]) : .nan
        }
        var series = [Series(name: statistic == .mean ? "batch mean" : "batch var (biased)", x: steps, y: batch, color: .yellow)]
        let tracked = snaps.contains { (statistic == .mean ? $0.runningMean : $0.runningVar) != nil }
        if tracked {
            series.append(Series(name: statistic.runningName, x: steps, y: snaps.map { running($0, statistic, c) }, color: .cyan))
        }
        var note: String
        if statistic == .mean, tracked, let m = momentum {
            let initial = snaps.first?.runningMean.flatMap { c < $0.count ? Double($0[c]) : nil }
            let ema = ImpliedEMA.compute(steps: snaps.map(\.step), batchMeans: batch, initial: initial, momentum: m)
            let mText = NumberFormat.compact(m)
            series.append(Series(name: "EMA m=\(mText)", x: Array(steps.prefix(ema.count)), y: ema, color: .magenta))
            if let g = interval, g > 1 {
                let mPrime = NumberFormat.fixed(ImpliedEMA.perSnapshotMomentum(m, gap: g), decimals: 3, trimmingZeros: true)
                note = "EMA over 1-in-\(g) snapshots, m'=1-(1-\(mText))^\(g)=\(mPrime)"
            } else {
                note = "EMA: ema = (1-m)*ema + m*batch mean, m=\(mText)"
            }
        } else if statistic == .variance {
            note = "running_var averages unbiased batch variances (n/(n-1)); the batch var shown is biased"
        } else if !tracked {
            note = "this layer keeps no running statistics"
        } else {
            note = "momentum unknown or cumulative: no EMA drawn"
        }
        let populated = snaps.filter { (statistic == .mean ? $0.populationMean : $0.populationVar) != nil }
        if !populated.isEmpty {
            series.append(Series(name: "population", x: populated.map { Double($0.step) }, y: populated.map { s in
                let v = (statistic == .mean ? s.populationMean : s.populationVar) ?? []
                return c < v.count ? Double(v[c]) : .nan
            }, color: .green))
        }
        grid.put(string: "channel \(c): " + note, at: rect.origin, style: Theme.dim, maxWidth: rect.width,
                 ellipsis: glyphs.ellipsis)
        var chart = LineChart(series: series, glyphs: glyphs)
        if let cursor {
            chart.xRange = Double(cursor.firstStep)...max(Double(cursor.lastStep), Double(cursor.firstStep) + 1)   // no Int overflow at Int.max
            chart.cursorX = Double(cursor.step)
        }
        chart.emptyText = "no finite values"
        chart.render(into: &grid, in: rect.inset(top: 1))
    }
}
