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
            caption += ", smoothed \(NumberFormat.fixed(state.smoothing, decimals: 2, trimmingZeros: true))"
            if !state.highContrast { caption += " (raw faint)" }
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
        var series: [Series] = []
        var bands: [(band: SeedBand, color: ChartColor)] = []
        if let replay = state.replay {
            // Compared runs: one color per file, names unique among them; the legend reads the
            // values at the cursor. Runs differing only in their seed become a mean with a band.
            let experiments = Set(replay.sources.map(\.header.experiment))
            for group in replay.seedGroups {
                let members = group.compactMap { i in runs.first { $0.id == replay.sources[i].id } }
                if members.count >= 2 {
                    let band = SeedBand(records: members)
                    let header = replay.sources[group[0]].header
                    let base = experiments.count > 1 ? "\(header.experiment)/\(header.variant)" : header.variant
                    series.append(Series(name: base + " mean of \(members.count) seeds", points: band.mean,
                                         color: .automatic(group[0])))
                    bands.append((band, .automatic(group[0])))
                    continue
                }
                for run in members {
                    let index = replay.sources.firstIndex { $0.id == run.id } ?? 0
                    let suffix = run.state == .diverged ? " (diverged)" : ""
                    let name = replay.sources.indices.contains(index) ? replay.label(of: replay.sources[index]) : run.variant
                    series.append(Series(name: name + suffix, points: run.losses, color: .automatic(index)))
                }
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
            chart.xRange = Double(cursor.firstStep)...max(Double(cursor.lastStep), Double(cursor.firstStep) + 1)   // no Int overflow at Int.max
            chart.cursorX = Double(cursor.step)
        }
        // High contrast drops the faint raw lines: they would be as bright as the smoothed ones.
        chart.showsRawSeries = !state.highContrast
        chart.emptyText = "no finite loss to draw"
        chart.render(into: &grid, in: body)
        if !bands.isEmpty, let layout = chart.layout(in: body) {
            for (band, color) in bands {
                fill(band, color: color, layout: layout, smoothing: state.smoothingEnabled ? state.smoothing : 0,
                     into: &grid, glyphs: glyphs)
            }
        }
    }

    /// Shades the empty cells between the band's (smoothed) low and high in every plot column.
    static func fill(_ band: SeedBand, color: ChartColor, layout: LineChartLayout, smoothing: Double,
                     into grid: inout Grid, glyphs: Glyphs) {
        let ema = EMASmoothing(weight: smoothing)
        let lows = smoothing > 0 ? ema.apply(band.low.map(\.y)) : band.low.map(\.y)
        let highs = smoothing > 0 ? ema.apply(band.high.map(\.y)) : band.high.map(\.y)
        var spans: [Int: (top: Double, bottom: Double)] = [:]
        for (i, point) in band.low.enumerated() {
            guard let column = layout.column(forX: point.x), let top = layout.pixelY(highs[i]),
                  let bottom = layout.pixelY(lows[i]) else { continue }
            let old = spans[column] ?? (top, bottom)
            spans[column] = (min(old.top, top), max(old.bottom, bottom))
        }
        let shade = Cell(glyphs.isUnicode ? "░" : ":", style: Style(foreground: color, attributes: .dim))
        let dotsDown = Double(layout.resolution.dotsDown)
        for (column, span) in spans {
            let top = max(layout.plot.y, layout.plot.y + Int((span.top / dotsDown).rounded(.down)))
            let bottom = min(layout.plot.maxY - 1, layout.plot.y + Int((span.bottom / dotsDown).rounded(.down)))
            guard top <= bottom else { continue }
            for y in top...bottom where grid[column, y].character == " " { grid[column, y] = shade }
        }
    }
}
