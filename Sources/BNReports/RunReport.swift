import BNCharts
import BNLab
import Foundation

/// A plain-text report of saved runs: what ran, the loss curves drawn as a text chart, per-class
/// accuracy, a summary of each BatchNorm layer's running statistics and, per layer, the check of
/// its running statistics against PyTorch's rule. Needs no terminal, so it
/// serves handouts and logs (`bnlab show`).
public struct RunReport {
    /// The runs, in the order given; their loss curves share one chart.
    public var runs: [RunFile]
    /// Braille, box drawing and arrows (Unicode) or ASCII only.
    public var unicode: Bool
    var glyphs: Glyphs { unicode ? .unicode : .ascii }
    var arrow: String { unicode ? " → " : " -> " }
    var missing: String { unicode ? "–" : "-" }
    /// Width of the chart in characters.
    public var width: Int
    /// Whether charts and headings carry ANSI colours and attributes (for a colour terminal).
    public var color: Bool
    /// The runs (by ``RunFile/url``) read without their `bn_watch` events, for speed: the rule
    /// check says how to run it instead of reporting no events.
    public var unwatchedReads: Set<URL> = []

    /// A report of `runs`.
    public init(runs: [RunFile], unicode: Bool = true, width: Int = 78, color: Bool = false) {
        self.runs = runs
        self.unicode = unicode
        self.width = max(width, 40)
        self.color = color
    }

    /// The name of a run in charts and tables, by the one naming rule (``RunNaming``): its
    /// variant, with the seed or run id when several runs share it (`bn s2`).
    func label(_ run: RunFile) -> String {
        let identities = runs.map { RunIdentity(header: $0.header) }
        return RunNaming.label(of: RunIdentity(header: run.header), among: identities)
    }

    /// The data and epochs of every run when they all share them (`subset 3000/600 · 2 ep`), else nil.
    var sharedContext: String? {
        let contexts = Set(runs.map { RunContext(header: $0.header) })
        guard contexts.count == 1, let context = contexts.first ?? nil else { return nil }
        return context.text(unicode: unicode)
    }

    /// `text` in bold when the report is in colour.
    func heading(_ text: String) -> String {
        color ? Grid.sgr(Style(attributes: .bold)) + text + Grid.sgr(.plain) : text
    }

    /// The whole report.
    public func render() -> String {
        var out: [String] = []
        for run in runs { out += describe(run) + [""] }
        out += lossChart() + [""]
        out += accuracyTable() + [""]
        out += runningStatistics() + [""]
        out += ruleCheck()
        return out.joined(separator: "\n")
    }

    func describe(_ run: RunFile) -> [String] {
        let h = run.header
        let s = run.summary
        let date = ISO8601DateFormatter().string(from: h.started)
        let context = RunContext(header: h)
        let epochs = context.map { "\(s.epochs)/\($0.epochs) epochs" } ?? "\(s.epochs) epoch(s)"
        let data = context.map { $0.isSubset ? "subset \($0.dataText) images" : "full data" } ?? "data unknown"
        let name = RunNaming.label(of: RunIdentity(header: h), among: runs.map { RunIdentity(header: $0.header) },
                                   qualifiesExperiment: false)
        var lines = [heading(TerminalSafe.strip("\(h.experiment) / \(name)"))
                     + TerminalSafe.strip("   run \(h.runID)   started \(date)   \(s.statusText()), \(s.steps) steps, \(epochs), \(data)")]
        if let message = s.message { lines.append("  " + TerminalSafe.strip(message)) }
        if let plan = h.config {
            lines.append("  model: \(plan.model.map(\.description).joined(separator: arrow))")
            lines.append("  \(plan.optimizer.summary); batch \(plan.batchSize)"
                         + (plan.accumulationSteps > 1 ? " (\(plan.accumulationSteps) x \(plan.microBatch) accumulated)" : "")
                         + "; seed \(h.seed); dataset " + TerminalSafe.strip(h.datasetFingerprint))
        }
        if let line = lrLine(run) { lines.append(line) }
        let norms = run.epochs.compactMap(\.weightNorm)
        if !norms.isEmpty {
            lines.append("  weight_norm by epoch: " + norms.map { NumberFormat.value($0, significantDigits: 4) }.joined(separator: ", "))
        }
        lines += recorderLines(run)
        for notice in run.notices { lines.append("  notice: " + TerminalSafe.strip(notice)) }
        return lines
    }

    /// `  lr 0.001 … 0.1 over the run (SequentialLR(LinearLR, CosineAnnealingLR) per step)`, when the
    /// recorded lr changes or the run has schedulers; nil for a constant lr.
    func lrLine(_ run: RunFile) -> String? {
        let rates = run.steps.map(\.lr).filter(\.isFinite)
        let schedules = run.header.config?.scheduler ?? []
        guard let lo = rates.min(), let hi = rates.max(), lo != hi || !schedules.isEmpty else { return nil }
        let shown = schedules.map { "\($0.schedule.summary) per \($0.interval.rawValue)" }.joined(separator: ", ")
        return "  lr \(NumberFormat.value(lo, significantDigits: 3)) … \(NumberFormat.value(hi, significantDigits: 3)) over the run"
            + (shown.isEmpty ? "" : " (\(shown))")
    }

    func lossChart() -> [String] {
        let series = runs.map { run in
            Series(name: label(run), x: run.steps.map { Double($0.step) }, y: run.steps.map(\.loss))
        }
        // Plain text has no colours to tell raw from smoothed: draw the smoothed curves only. Each
        // series has its own marker; a diverged run is clipped and named under the chart.
        var chart = LineChart(series: series, glyphs: glyphs, smoothing: 0.9)
        chart.showsRawSeries = false
        chart.robustRange = true
        chart.markers = chartMarkers()
        chart.xAxisUnit = "step"
        chart.emptyText = "no steps recorded"
        let grid = chart.render(width: width, height: 18)
        let title = "Training loss per step (smoothed, EMA 0.9)" + (sharedContext.map { ", " + $0 } ?? "")
        return [heading(title)]
            + (color ? grid.ansiLines(trimmingTrailingSpaces: true) : grid.lines(trimmingTrailingSpaces: true))
    }

    /// The loss chart's vertical lines: the first run's epoch ends (faint) and every run's phase,
    /// freeze and mode markers (labelled), each step and text once.
    func chartMarkers() -> [ChartMarker] {
        var out: [ChartMarker] = []
        if let steps = runs.first?.steps {
            let ends = zip(steps, steps.dropFirst()).filter { $0.1.epoch != $0.0.epoch }.map { Double($0.0.step) }
            out += ChartMarker.thinned(ends).map { ChartMarker(x: $0) }
        }
        var seen = Set<String>()
        for run in runs {
            for m in run.markers where !["epoch", "checkpoint"].contains(m.kind.rawValue)
                && seen.insert("\(m.step) \(m.text)").inserted {
                let label = m.text.split(whereSeparator: { ",:.;(".contains($0) }).first.map(String.init) ?? m.kind.rawValue
                out.append(ChartMarker(x: Double(m.step), label: label, style: .labelled))
            }
        }
        return out
    }

    func accuracyTable() -> [String] {
        guard let classNames = runs.first?.classLabels.map({ TerminalSafe.strip($0) }) else { return [] }   // "class K" when the file has no names
        var columns: [(title: String, values: [Double], overall: Double)] = []
        for run in runs {
            guard let last = run.epochs.last else { continue }
            let name = label(run)
            columns.append(("\(name) eval", last.classAccuracy, last.accuracy))
            for t in last.trainMode ?? [] {
                columns.append(("\(name) train b\(t.batchSize)", t.classAccuracy, t.accuracy))
            }
        }
        guard !columns.isEmpty else { return ["Per-class test accuracy: no epoch finished"] }
        let nameWidth = max(classNames.map(\.count).max() ?? 5, 7)
        func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : String(repeating: " ", count: w - s.count) + s }
        let widths = columns.map { max($0.title.count, 7) }
        var lines = [heading("Per-class test accuracy (last epoch)" + (sharedContext.map { ", " + $0 } ?? "")),
                     "class".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                        + zip(columns, widths).map { pad($0.title, $1) }.joined(separator: "  ")]
        for (c, name) in classNames.enumerated() {
            lines.append(name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                         + zip(columns, widths).map { col, w in
                             pad(c < col.values.count ? String(format: "%.1f%%", 100 * col.values[c]) : missing, w)
                         }.joined(separator: "  "))
        }
        lines.append("overall".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                     + zip(columns, widths).map { pad(String(format: "%.1f%%", 100 * $0.overall), $1) }.joined(separator: "  "))
        return lines
    }

    func runningStatistics() -> [String] {
        var lines = [heading("BatchNorm running statistics (last snapshot of each layer)")]
        var any = false
        for run in runs {
            var lastByLayer: [String: BNSnapshot] = [:]
            for s in run.snapshots { lastByLayer[s.layer] = s }
            for layer in lastByLayer.keys.sorted(by: { (Int($0) ?? 0, $0) < (Int($1) ?? 0, $1) }) {
                guard let s = lastByLayer[layer] else { continue }
                any = true
                var line = TerminalSafe.strip("\(label(run)) layer \(layer) (\(s.layerType ?? "BatchNorm"), \(s.batchMean.count) channels)")
                    + " at step \(s.step)"
                if let n = s.numBatchesTracked { line += ", num_batches_tracked \(n)" }
                lines.append(line)
                if let rm = s.runningMean, let rv = s.runningVar {
                    // how far the running estimates are from the last batch's statistics
                    let dm = zip(rm, s.batchMean).map { abs($0 - $1) }.reduce(0, +) / Float(max(rm.count, 1))
                    let dv = zip(rv, s.batchVar).map { abs($0 - $1) }.reduce(0, +) / Float(max(rv.count, 1))
                    let n = { (v: Float?) in NumberFormat.result(Double(v ?? 0)) }
                    lines.append("    running_mean in [\(n(rm.min())), \(n(rm.max()))], mean |running - batch| \(n(dm))")
                    lines.append("    running_var  in [\(n(rv.min())), \(n(rv.max()))], mean |running - batch| \(n(dv))")
                } else {
                    lines.append("    no running statistics (track_running_stats=False)")
                }
            }
        }
        if !any { lines.append("    none recorded") }
        return lines
    }
}
