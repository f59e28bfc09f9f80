import BNCharts
import BNLab
import Foundation

/// A plain-text report of saved runs: what ran, the loss curves drawn as a text chart, per-class
/// accuracy, and a summary of each BatchNorm layer's running statistics. Needs no terminal, so it
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

    /// A report of `runs`.
    public init(runs: [RunFile], unicode: Bool = true, width: Int = 78) {
        self.runs = runs
        self.unicode = unicode
        self.width = max(width, 40)
    }

    /// The name of a run in charts and tables: its variant, qualified when ambiguous.
    func label(_ run: RunFile) -> String {
        let sameVariant = runs.filter { $0.header.variant == run.header.variant }.count > 1
        let sameExperiment = Set(runs.map(\.header.experiment)).count == 1
        var name = sameExperiment ? run.header.variant : "\(run.header.experiment)/\(run.header.variant)"
        if sameVariant { name += " #\(run.header.runID)" }
        return name
    }

    /// The whole report.
    public func render() -> String {
        var out: [String] = []
        for run in runs { out += describe(run) + [""] }
        out += lossChart() + [""]
        out += accuracyTable() + [""]
        out += runningStatistics()
        return out.joined(separator: "\n")
    }

    func describe(_ run: RunFile) -> [String] {
        let h = run.header
        let s = run.summary
        let date = ISO8601DateFormatter().string(from: h.started)
        var lines = ["\(h.experiment) / \(h.variant)   run \(h.runID)   started \(date)   \(s.statusText), \(s.steps) steps, \(s.epochs) epoch(s)"]
        if let message = s.message { lines.append("  \(message)") }
        if let plan = h.config {
            lines.append("  model: \(plan.model.map(\.description).joined(separator: arrow))")
            lines.append("  SGD lr \(plan.optimizer.lr), momentum \(plan.optimizer.momentum); batch \(plan.batchSize)"
                         + (plan.accumulationSteps > 1 ? " (\(plan.accumulationSteps) x \(plan.microBatch) accumulated)" : "")
                         + "; seed \(h.seed); dataset \(h.datasetFingerprint)")
        }
        for notice in run.notices { lines.append("  notice: \(notice)") }
        return lines
    }

    func lossChart() -> [String] {
        let series = runs.map { run in
            Series(name: label(run), x: run.steps.map { Double($0.step) }, y: run.steps.map(\.loss))
        }
        // Plain text has no colours to tell raw from smoothed: draw the smoothed curves only.
        var chart = LineChart(series: series, glyphs: glyphs, smoothing: 0.9)
        chart.showsRawSeries = false
        chart.emptyText = "no steps recorded"
        return ["Training loss per step (smoothed, EMA 0.9)"]
            + chart.render(width: width, height: 16).lines(trimmingTrailingSpaces: true)
    }

    func accuracyTable() -> [String] {
        guard let classNames = runs.first?.classLabels else { return [] }   // "class K" when the file has no names
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
        var lines = ["Per-class test accuracy (last epoch)",
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
        var lines = ["BatchNorm running statistics (last snapshot of each layer)"]
        var any = false
        for run in runs {
            var lastByLayer: [String: BNSnapshot] = [:]
            for s in run.snapshots { lastByLayer[s.layer] = s }
            for layer in lastByLayer.keys.sorted(by: { (Int($0) ?? 0, $0) < (Int($1) ?? 0, $1) }) {
                guard let s = lastByLayer[layer] else { continue }
                any = true
                var line = "\(label(run)) layer \(layer) (\(s.layerType ?? "BatchNorm"), \(s.batchMean.count) channels) at step \(s.step)"
                if let n = s.numBatchesTracked { line += ", num_batches_tracked \(n)" }
                lines.append(line)
                if let rm = s.runningMean, let rv = s.runningVar {
                    // how far the running estimates are from the last batch's statistics
                    let dm = zip(rm, s.batchMean).map { abs($0 - $1) }.reduce(0, +) / Float(max(rm.count, 1))
                    let dv = zip(rv, s.batchVar).map { abs($0 - $1) }.reduce(0, +) / Float(max(rv.count, 1))
                    lines.append(String(format: "    running_mean in [%.4g, %.4g], mean |running - batch| %.4g",
                                        Double(rm.min() ?? 0), Double(rm.max() ?? 0), Double(dm)))
                    lines.append(String(format: "    running_var  in [%.4g, %.4g], mean |running - batch| %.4g",
                                        Double(rv.min() ?? 0), Double(rv.max() ?? 0), Double(dv)))
                } else {
                    lines.append("    no running statistics (track_running_stats=False)")
                }
            }
        }
        if !any { lines.append("    none recorded") }
        return lines
    }
}
