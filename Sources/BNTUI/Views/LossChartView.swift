import BNCharts

/// Training loss per step, one braille line per variant: smoothed lines bright with the raw ones
/// faint behind them, optionally on a log axis.
enum LossChartView {
    static func render(_ state: WorkbenchState, into grid: inout Grid, in rect: Rect, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        let experiment = state.currentExperiment
        let runs = state.chartRuns.filter { !$0.losses.isEmpty }
        var caption = "training loss per step"
        if state.smoothingEnabled {
            caption += ", smoothed \(NumberFormat.fixed(state.smoothing, decimals: 2, trimmingZeros: true)) (raw faint)"
        }
        if state.logScale { caption += ", log scale" }
        grid.put(string: caption, at: rect.origin, style: Theme.dim, maxWidth: rect.width, ellipsis: glyphs.ellipsis)
        let body = rect.inset(top: 1)
        guard !runs.isEmpty else {
            let name = experiment?.id ?? "this experiment"
            let text = state.replay.map(ReplayBarView.emptyText) ?? "No loss yet for \(name). Press Enter to run it."
            ChartPaneView.placeholder(text, into: &grid, in: body, glyphs: glyphs)
            return
        }
        let series: [Series]
        if let replay = state.replay {
            // Compared runs: one color per file, names unique among them; the legend reads the
            // values at the cursor.
            series = runs.map { run in
                let index = replay.sources.firstIndex { $0.id == run.id } ?? 0
                let suffix = run.state == .diverged ? " (diverged)" : ""
                let name = replay.sources.indices.contains(index) ? replay.label(of: replay.sources[index]) : run.variant
                return Series(name: name + suffix, points: run.losses, color: .automatic(index))
            }
        } else {
            series = runs.map { run -> Series in
                let latest = run.losses.last { $0.y.isFinite }.map { " " + NumberFormat.compact($0.y) } ?? ""
                let suffix = run.state == .diverged ? " (diverged)" : latest
                return Series(name: run.variant + suffix, points: run.losses,
                              color: Theme.color(variant: run.variant, in: experiment))
            }
        }
        var chart = LineChart(series: series, glyphs: glyphs, yScale: state.logScale ? .logarithmic : .linear,
                              smoothing: state.smoothingEnabled ? state.smoothing : 0)
        if let cursor = state.replay?.cursor {
            // The whole run's width, so the cursor travels across a fixed axis.
            chart.xRange = Double(cursor.firstStep)...Double(max(cursor.lastStep, cursor.firstStep + 1))
            chart.cursorX = Double(cursor.step)
        }
        chart.showsRawSeries = true
        chart.emptyText = "no finite loss to draw"
        chart.render(into: &grid, in: body)
    }
}
