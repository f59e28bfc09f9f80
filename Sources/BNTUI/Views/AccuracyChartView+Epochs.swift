import BNCharts
import BNLab
import Foundation

/// Accuracy over epochs: one line per compared run for the overall test accuracy, and one for the
/// class picked with `<` and `>`.
extension AccuracyChartView {
    /// The series: each run's overall accuracy (in %) per epoch, then, when `withClass`, each run's
    /// accuracy on class `selected` (named `run class`).
    static func epochSeries(_ state: WorkbenchState, selected: Int, className: String, withClass: Bool = true,
                            glyphs: Glyphs) -> [Series] {
        let experiment = state.currentExperiment
        let runs = state.chartRuns.filter { !$0.epochs.isEmpty }
        let names = state.names(of: runs)
        let colors = runs.enumerated().map { i, run in
            state.replay == nil ? Theme.color(variant: run.variant, in: experiment) : ChartColor.automatic(i)
        }
        // A run's overall line takes the marker of its eval-mode bars; class lines come after all groups.
        let groups = groups(state)
        let overall = runs.enumerated().map { i, run in
            var s = Series(name: names[i], x: run.epochs.map { Double($0.epoch) }, y: run.epochs.map { 100 * $0.accuracy },
                           color: colors[i])
            s.marker = groups.firstIndex { $0.runID == run.id }.map(glyphs.seriesMarker)
            return s
        }
        let perClass = runs.enumerated().map { i, run in
            var s = Series(name: "\(names[i]) \(className)", x: run.epochs.map { Double($0.epoch) },
                           y: run.epochs.map { selected < $0.classAccuracy.count ? 100 * $0.classAccuracy[selected] : .nan },
                           color: colors[i])
            s.marker = glyphs.seriesMarker(groups.count + i)
            return s
        }
        return withClass ? overall + perClass : overall
    }

    /// One text row of accuracy over epochs: label, then sparkline segments with their last value.
    struct TrendRow {
        var label: String
        var marker: Character?
        var color: ChartColor
        var trends: [(values: [Double], last: String)]

        /// Writes `■ name  ▂▅█ 92.4%  ▁▃▆ 66.0%` from `origin`, cut at `width` columns.
        func render(into grid: inout Grid, at origin: Point, width: Int, glyphs: Glyphs) {
            let limit = Rect(x: origin.x, y: origin.y, width: width, height: 1)
            grid.clipped(to: limit) { g in
                var x = origin.x
                if let marker {
                    g[x, origin.y] = Cell(marker, style: .fg(color))
                    x += 2
                }
                x += g.put(string: label, at: Point(x: x, y: origin.y), style: Theme.title) + 1
                for trend in trends {
                    let spark = Sparkline(values: trend.values, style: .fg(color), glyphs: glyphs)
                    var s = spark
                    s.range = 0...100
                    s.render(into: &g, in: Rect(x: x, y: origin.y, width: trend.values.count, height: 1))
                    x += trend.values.count + 1
                    x += g.put(string: trend.last, at: Point(x: x, y: origin.y)) + 2
                }
            }
        }
    }

    /// The narrow layout's rows: a title, then per run its overall and picked-class accuracy per
    /// epoch as sparklines (0–100 %), each with its latest value.
    static func trendRows(_ state: WorkbenchState, classNames: [String], glyphs: Glyphs) -> [TrendRow] {
        guard !classNames.isEmpty else { return [] }
        let selected = min(max(0, state.accuracyClass), classNames.count - 1)
        let series = epochSeries(state, selected: selected, className: classNames[selected], glyphs: glyphs)
        let runs = series.count / 2
        guard runs > 0 else { return [] }
        let nameWidth = series.prefix(runs).map(\.name.count).max() ?? 0
        var rows = [TrendRow(label: "% by epoch: overall, \(classNames[selected]) (< >)", marker: nil, color: .default,
                             trends: [])]
        for i in 0..<runs {
            let overall = series[i].points.map(\.y), perClass = series[runs + i].points.map(\.y)
            func last(_ v: [Double]) -> String { v.last.map { NumberFormat.fixed($0, decimals: 1) + "%" } ?? glyphs.missing }
            let name = series[i].name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            rows.append(TrendRow(label: name, marker: series[i].marker ?? glyphs.seriesMarker(i), color: series[i].color ?? .default,
                                 trends: [(overall, last(overall)), (perClass, last(perClass))]))
        }
        return rows
    }

    /// Draws the title row and the line chart into `rect`.
    static func epochChart(_ state: WorkbenchState, classNames: [String], into grid: inout Grid, in rect: Rect,
                           glyphs: Glyphs) {
        guard rect.height >= 3, !classNames.isEmpty else { return }
        let selected = min(max(0, state.accuracyClass), classNames.count - 1)
        // The class lines double the series: only where the plot keeps about 8 rows for them.
        let withClass = rect.height >= 14
        let title = "% by epoch" + (withClass ? "; class \(classNames[selected]) (< >)" : ", overall")
        grid.put(string: title, at: rect.origin, style: Theme.title, maxWidth: rect.width, ellipsis: glyphs.ellipsis)
        var chart = LineChart(series: epochSeries(state, selected: selected, className: classNames[selected],
                                                  withClass: withClass, glyphs: glyphs),
                              glyphs: glyphs)
        chart.xAxisName = "epoch"
        chart.xAxisUnit = "epoch"
        chart.showsEndLabels = false
        chart.emptyText = "no epoch has finished yet"
        chart.render(into: &grid, in: rect.inset(top: 1))
    }
}
