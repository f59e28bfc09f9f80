import BNCharts
import BNLab
import Foundation

/// Training loss, one braille line per variant: smoothed lines bright with the raw ones faint
/// behind them, optionally on a log axis; x in steps, epochs or wall time (`X`). The y range
/// ignores outliers, so a diverged run is clipped and named in a note under the chart instead of
/// flattening the others; epoch boundaries and the runs' markers (phases, freezes) are drawn.
/// A run whose learning rate changes gets its schedule drawn under the chart (``LRStripView``).
enum LossChartView {
    static func render(_ state: WorkbenchState, into grid: inout Grid, in rect: Rect, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        let experiment = state.currentExperiment
        let runs = state.chartRuns.filter { !$0.losses.isEmpty }
        // The axis asked for, or steps when a run has no wall time (format 1.0 files).
        var axis = state.lossXAxis
        if axis == .time && runs.contains(where: { LossXMapping(.time, run: $0) == nil }) { axis = .step }
        var caption = caption(state, axis: axis)
        if caption.count > rect.width { caption = String(caption.dropFirst("training ".count)) }
        grid.put(string: caption, at: rect.origin, style: Theme.dim, maxWidth: rect.width,
                 ellipsis: glyphs.ellipsis)
        let body = rect.inset(top: 1)
        guard !runs.isEmpty else {
            let name = experiment?.id ?? "this experiment"
            // A broken experiment file says why, whole, where the chart would be (the list cuts it).
            let invalid = experiment?.problem.map { "\(name) cannot run: its file is invalid.\n\n\($0)\n\nFix the file; `bnlab list` shows this too." }
            let idle = state.trains ? "No loss yet for \(name). Press Enter to run it, or R for the saved runs."
                : "No run file with a step yet: waiting for the programs that write them."
            let text = state.replay.map(ReplayBarView.emptyText) ?? invalid ?? idle
            ChartPaneView.placeholder(text, into: &grid, in: body, glyphs: glyphs)
            return
        }
        let mappings = Dictionary(runs.map { ($0.id, LossXMapping(axis, run: $0) ?? LossXMapping(.step, run: $0)!) },
                                  uniquingKeysWith: { first, _ in first })
        func mapped(_ run: RunRecord, _ points: [ChartPoint]) -> [ChartPoint] {
            mappings[run.id]?.map(points) ?? points
        }
        var series: [Series] = []
        var bands: [ChartBand] = []
        if let replay = state.replay {
            // Compared runs: one color per file, names unique among them; the legend reads the
            // values at the cursor. Runs differing only in their seed become a mean with a band.
            let groupNames = replay.seedGroupNames()
            for (g, group) in replay.seedGroups.enumerated() {
                let members = group.compactMap { i in runs.first { $0.id == replay.sources[i].id } }
                if members.count >= 2 {
                    let band = SeedBand(records: members)
                    series.append(Series(name: groupNames[g] + " mean of \(members.count) seeds",
                                         points: mapped(members[0], band.mean), color: .automatic(group[0])))
                    bands.append(ChartBand(low: mapped(members[0], band.low), high: mapped(members[0], band.high),
                                           color: .automatic(group[0])))
                    continue
                }
                for run in members {
                    let index = replay.sources.firstIndex { $0.id == run.id } ?? 0
                    let name = group.count == 1 ? groupNames[g] : run.label(among: runs)
                    series.append(Series(name: name, points: mapped(run, run.losses), color: .automatic(index)))
                }
            }
        } else {
            // The legend shows the value each line ends at as drawn (smoothed when smoothing, the
            // legend's title says so); a diverged run's stays bare: the note under the chart says
            // where it diverged.
            let names = state.names(of: runs)
            series = runs.enumerated().map { i, run -> Series in
                var s = Series(name: names[i], points: mapped(run, run.losses),
                               color: Theme.color(variant: run.variant, in: experiment))
                s.showsLastValue = run.state != .diverged
                return s
            }
        }
        var chart = LineChart(series: series, glyphs: glyphs, yScale: state.logScale ? .logarithmic : .linear,
                              smoothing: state.smoothingEnabled ? state.smoothing : 0)
        chart.robustRange = true
        chart.bands = bands
        chart.xAxisName = axis.unitName
        chart.xAxisSuffix = axis.unitSuffix
        chart.xAxisUnit = axis.axisUnit
        chart.markers = markers(runs, mappings: mappings, highContrast: state.highContrast)
        if let cursor = state.replay?.cursor, let run = runs.first, let mapping = mappings[run.id] {
            // The whole run's width, so the cursor travels across a fixed axis.
            let lo = mapping.x(step: cursor.firstStep) ?? Double(cursor.firstStep)
            let hi = mapping.x(step: max(cursor.lastStep, cursor.firstStep == .max ? .max : cursor.firstStep + 1)) ?? lo + 1
            chart.xRange = lo...max(hi, lo + 1e-9)
            chart.cursorX = mapping.x(step: cursor.step)
        }
        if chart.xRange == nil { chart.xRange = rangeShowingMarkers(series, markers: chart.markers) }
        // High contrast drops the faint raw lines: they would be as bright as the smoothed ones.
        chart.showsRawSeries = !state.highContrast
        chart.emptyText = "no finite loss to draw"
        // A scheduled run's lr goes in a strip under the chart, on the same x axis.
        guard let scheduled = LRStripView.scheduledRun(runs), body.height >= 8 + LRStripView.height,
              let mapping = mappings[scheduled.id] else {
            chart.render(into: &grid, in: body)
            return
        }
        let chartRect = body.inset(bottom: LRStripView.height)
        chart.render(into: &grid, in: chartRect)
        guard let layout = chart.layout(in: chartRect) else { return }
        let name = state.names(of: [scheduled])[0]
        LRStripView.render(scheduled, name: name, mapping: mapping, layout: layout, into: &grid,
                           in: Rect(x: body.x, y: chartRect.maxY, width: body.width, height: LRStripView.height), glyphs: glyphs)
    }

    /// `training loss per step, smoothed 0.6 (raw faint), log scale`.
    static func caption(_ state: WorkbenchState, axis: LossXAxis) -> String {
        var caption = "training loss " + axis.captionText
        if axis != state.lossXAxis { caption += " (no wall time recorded)" }
        if state.smoothingEnabled {
            caption += ", smoothed \(NumberFormat.fixed(state.smoothing, decimals: 2, trimmingZeros: true))"
            if !state.highContrast { caption += " (raw faint)" }
        }
        if state.logScale { caption += ", log scale" }
        return caption
    }

    /// Epoch boundaries (faint) of the first run, and every run's phase, freeze and mode markers
    /// (labelled), once per step and text.
    static func markers(_ runs: [RunRecord], mappings: [String: LossXMapping], highContrast: Bool) -> [ChartMarker] {
        var out: [ChartMarker] = []
        if let first = runs.first, let mapping = mappings[first.id] {
            out += ChartMarker.thinned(mapping.epochEnds).map { ChartMarker(x: $0, style: .faint, color: highContrast ? .white : .gray) }
        }
        var seen = Set<String>()
        let skipped: Set<MarkerKind> = [MarkerKind(rawValue: "epoch"), MarkerKind(rawValue: "checkpoint")]
        for run in runs {
            // A marker at step 0 (the first phase starting) would sit on the y axis as a second one.
            for m in run.markers where m.step > 0 && !skipped.contains(m.kind) && seen.insert("\(m.step) \(m.text)").inserted {
                guard let x = mappings[run.id]?.x(step: m.step) else { continue }
                out.append(ChartMarker(x: x, label: shortLabel(m), style: .labelled, color: .yellow))
            }
        }
        return out
    }

    /// A marker's label: its text up to the first comma, colon or period.
    static func shortLabel(_ m: MarkerEvent) -> String {
        let text = m.text.split(whereSeparator: { ",:.;(".contains($0) }).first.map(String.init) ?? m.kind.rawValue
        return text.isEmpty ? m.kind.rawValue : text.trimmingCharacters(in: .whitespaces)
    }
}
