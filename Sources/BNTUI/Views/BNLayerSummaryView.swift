import BNCharts
import BNLab

/// A BN layer's health at a glance: over the snapshots, the median and the largest
/// |running − batch| across all channels of the statistic shown, as two sparklines with their
/// latest and peak values. A healthy layer's median stays small and steady; a running statistic
/// lagging far behind the batches (low momentum, shifting inputs) shows as a rising line.
enum BNLayerSummaryView {
    /// The rows it needs.
    static let height = 2

    static func render(_ statistic: BNStatistic, snaps: [BNSnapshot], into grid: inout Grid, in rect: Rect, glyphs: Glyphs) {
        guard rect.height >= 1, snaps.contains(where: { $0.runningMean != nil }) else { return }
        var median: [Double] = [], largest: [Double] = []
        for s in snaps {
            let gaps = (0..<s.batchMean.count).map { abs(statistic.running(s, $0) - statistic.batch(s, $0)) }.filter(\.isFinite).sorted()
            median.append(gaps.isEmpty ? .nan : gaps[gaps.count / 2])      // median over channels
            largest.append(gaps.last ?? .nan)                                // max over channels
        }
        let steps = snaps.map { Double($0.step) }
        let name = "|\(statistic == .mean ? "run-batch" : "rvar-bvar")|"
        let rows: [(String, [Double])] = [("median", median), ("max", largest)]
        for (i, (label, values)) in rows.enumerated() where i < rect.height {
            let y = rect.y + i
            let head = (i == 0 ? name : String(repeating: " ", count: name.count)) + " " + label + String(repeating: " ", count: max(0, 7 - label.count))
            let finite = values.filter(\.isFinite)
            let tail = " now \(BNColumns.short(values.last ?? .nan)) peak \(BNColumns.short(finite.max() ?? .nan))"
            let width = rect.width - head.count - tail.count
            grid.put(string: head, at: Point(x: rect.x, y: y), style: Theme.dim)
            guard width >= 4 else { continue }
            var line = Sparkline(values: BNColumns.resample(steps: steps, values: values, width: width),
                                 style: .fg(i == 0 ? .green : .red), glyphs: glyphs)
            line.range = 0...max(finite.max() ?? 1, 1e-30)
            line.render(into: &grid, in: Rect(x: rect.x + head.count, y: y, width: width, height: 1))
            grid.put(string: tail, at: Point(x: rect.x + head.count + width, y: y), style: Theme.dim)
        }
    }
}
