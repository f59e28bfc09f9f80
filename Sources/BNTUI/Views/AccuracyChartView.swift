import BNCharts
import BNLab

/// Test accuracy: per class from each compared run's latest epoch (in replay, the cursor's epoch),
/// one bar per run and evaluation mode (eval mode, train mode with each recorded test batch size),
/// grouped by class; beside or below, accuracy over epochs, overall and for one class.
enum AccuracyChartView {
    /// One bar group: a label and the per-class accuracies.
    struct Group: Equatable {
        var name: String
        var color: ChartColor
        var overall: Double
        var perClass: [Double]
        /// The run it belongs to.
        var runID: String = ""
    }

    /// The groups for the compared runs, in variant order.
    static func groups(_ state: WorkbenchState) -> [Group] {
        let experiment = state.currentExperiment
        var out: [Group] = []
        let runs = state.chartRuns
        let asked = state.lessonEpoch   // a lesson step about an earlier epoch shows that one
        for (run, name) in zip(runs, state.names(of: runs)) {
            guard let epoch = asked.flatMap({ e in run.epochs.last { $0.epoch == e } }) ?? run.latestEpoch else { continue }
            let color = Theme.color(variant: run.variant, in: experiment)
            let trainModes = epoch.trainMode ?? []
            out.append(Group(name: trainModes.isEmpty ? name : "\(name) eval", color: color,
                             overall: epoch.accuracy, perClass: epoch.classAccuracy, runID: run.id))
            let extra: [ChartColor] = [.magenta, .red, .blue, .white]
            for (k, t) in trainModes.enumerated() {
                out.append(Group(name: "\(name) train b=\(t.batchSize)", color: extra[k % extra.count],
                                 overall: t.accuracy, perClass: t.classAccuracy, runID: run.id))
            }
        }
        return out
    }

    /// `test accuracy, epoch 3 (cursor)`, with what eval and train mode mean when both are shown,
    /// as much as fits `width`.
    static func caption(_ state: WorkbenchState, groups: [Group], width: Int) -> String {
        var caption = "test accuracy"
        if let e = state.lessonEpoch {
            caption += ", epoch \(e) (the step's)"
        } else if let e = state.chartRuns.compactMap({ $0.latestEpoch?.epoch }).max() {
            caption += ", epoch \(e)" + (state.replay == nil ? "" : " (cursor)")
        }
        let parts = [": bars per class", "; eval mode uses running stats, train mode the test batch's own"]
        let trainModes = groups.contains { $0.name.contains(" train b=") }
        for part in trainModes ? parts : [parts[0]] where caption.count + part.count <= width { caption += part }
        return caption
    }

    static func render(_ state: WorkbenchState, into grid: inout Grid, in rect: Rect, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        let groups = groups(state)
        grid.put(string: caption(state, groups: groups, width: rect.width), at: rect.origin, style: Theme.dim,
                 maxWidth: rect.width, ellipsis: glyphs.ellipsis)
        guard !groups.isEmpty else {
            ChartPaneView.placeholder("No epoch has finished yet. Accuracy appears after each epoch's test evaluation.",
                                      into: &grid, in: rect.inset(top: 1), glyphs: glyphs)
            return
        }
        // The overall accuracy of every group, as a legend: "■ bn eval 85.1%  ■ bn train b=64 81.0%  ■ no-bn 70.2%".
        // Each group's marker matches its bars, table column and (eval groups) its line over epochs.
        let legend = Legend(entries: groups.enumerated().map { i, g in
                                LegendEntry(label: "\(g.name) \(NumberFormat.percent(g.overall))", color: g.color,
                                            marker: glyphs.seriesMarker(i))
                            },
                            glyphs: glyphs, labelStyle: Theme.title)
        let legendRows = min(legend.rowsNeeded(width: rect.width), max(1, (rect.height - 1) / 3))
        legend.render(into: &grid, in: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: legendRows))
        let probe = probeLine(state.chartRuns, names: state.names(of: state.chartRuns), glyphs: glyphs)
        if let probe {
            grid.put(string: probe, at: Point(x: rect.x, y: rect.y + 1 + legendRows), style: Theme.title,
                     maxWidth: rect.width, ellipsis: glyphs.ellipsis)
        }
        let below = rect.inset(top: 1 + legendRows + (probe == nil ? 0 : 1))
        let classCount = groups.map(\.perClass.count).max() ?? 0
        let names = state.currentExperiment?.classNames ?? []
        let classNames = (0..<classCount).map { c in c < names.count ? names[c] : "class \(c)" }
        // Bars and the over-epochs chart side by side when wide, stacked otherwise.
        let body: Rect
        if below.width >= 90 {
            let parts = below.columns([.percent(55), .fixed(1), .rest])
            body = parts[0]
            epochChart(state, classNames: classNames, into: &grid, in: parts[2], glyphs: glyphs)
        } else {
            // Narrow: one sparkline row per run (overall and the picked class), the bars below.
            let rows = trendRows(state, classNames: classNames, glyphs: glyphs)
            // Every class first (as a table when the bars do not fit), then the trends that fit.
            var shown = below.height - rows.count >= classCount + 1 ? rows.count
                : below.height >= classCount + 1 ? below.height - classCount - 1
                : min(rows.count, max(0, below.height / 3))
            if shown == 1 { shown = 0 }    // a title without a run's row under it says nothing
            for (i, row) in rows.prefix(shown).enumerated() {
                row.render(into: &grid, at: Point(x: below.x, y: below.y + i), width: below.width, glyphs: glyphs)
            }
            body = below.inset(top: shown)
        }
        if classCount * groups.count > body.height && classCount + 1 <= body.height && groups.count > 1 {
            table(groups, classNames: classNames, into: &grid, in: body, glyphs: glyphs)
            return
        }
        let categories = classNames.enumerated().map { c, name in
            BarCategory(name: name, values: groups.map { c < $0.perClass.count ? $0.perClass[c] : .nan })
        }
        var chart = BarChart(groups: groups.map { BarGroup(name: $0.name, color: $0.color) }, categories: categories,
                             scale: .fraction, glyphs: glyphs)
        chart.showsLegend = false
        if classCount * groups.count > body.height && body.height > 1 {
            let shown = (body.height - 1) / max(1, groups.count)
            let long = "(\(shown) of \(classCount) classes fit; enlarge the window for all)"
            grid.put(string: long.count <= rect.width ? long : "(\(shown) of \(classCount) classes fit)",
                     at: Point(x: rect.x, y: rect.maxY - 1), style: Theme.dim, maxWidth: rect.width, ellipsis: glyphs.ellipsis)
            chart.render(into: &grid, in: body.inset(bottom: 1))
        } else {
            chart.render(into: &grid, in: body)
        }
    }

    /// The probe drift of the runs' latest epochs (how much the eval-mode output on fixed test
    /// images changed since the previous epoch), e.g. `probe drift: train-mode 0.0132 · bn-eval 0`;
    /// nil when no run records a probe.
    static func probeLine(_ runs: [RunRecord], names: [String]? = nil, glyphs: Glyphs) -> String? {
        let parts = zip(runs, names ?? RunRecord.labels(runs)).compactMap { run, name -> String? in
            guard let drift = run.latestEpoch?.probeDrift else { return nil }
            let changed = run.latestEpoch?.probeChanged.map { $0 > 0 ? " (\($0) changed class)" : "" } ?? ""
            return "\(name) \(drift == 0 ? "0" : NumberFormat.compact(drift))\(changed)"
        }
        guard !parts.isEmpty else { return nil }
        return "probe drift since the previous epoch: " + parts.joined(separator: glyphs.isUnicode ? " · " : " | ")
    }

    /// When the grouped bars do not fit: one row per class, one column per group, each a short bar
    /// and its percentage; the header names the groups in their colors.
    private static func table(_ groups: [Group], classNames: [String], into grid: inout Grid, in rect: Rect,
                              glyphs: Glyphs) {
        let nameWidth = min(classNames.map(\.count).max() ?? 0, max(4, rect.width / 5))
        let columnWidth = max(1, (rect.width - nameWidth - 1) / max(1, groups.count))
        for (gi, g) in groups.enumerated() {
            let x = rect.x + nameWidth + 1 + gi * columnWidth
            grid.put(string: "\(glyphs.seriesMarker(gi)) \(g.name)", at: Point(x: x, y: rect.y),
                     style: Style.fg(g.color).adding(.bold), maxWidth: columnWidth - 1, ellipsis: glyphs.ellipsis)
        }
        for (c, name) in classNames.enumerated() where rect.y + 1 + c < rect.maxY {
            let y = rect.y + 1 + c
            grid.put(string: name, at: Point(x: rect.x, y: y), maxWidth: nameWidth, ellipsis: glyphs.ellipsis)
            for (gi, g) in groups.enumerated() {
                let x = rect.x + nameWidth + 1 + gi * columnWidth
                let value = c < g.perClass.count ? g.perClass[c] : .nan
                let text = value.isFinite ? NumberFormat.percent(value, decimals: 0) : glyphs.missing
                let barWidth = columnWidth - 1 - text.count - 1
                if barWidth >= 2 {
                    ProgressBar(fraction: value.isFinite ? value : 0, style: .fg(g.color), glyphs: glyphs)
                        .render(into: &grid, in: Rect(x: x, y: y, width: barWidth, height: 1))
                }
                grid.put(string: text, at: Point(x: x + max(0, barWidth + 1), y: y), maxWidth: columnWidth - 1,
                         ellipsis: glyphs.ellipsis)
            }
        }
    }
}
