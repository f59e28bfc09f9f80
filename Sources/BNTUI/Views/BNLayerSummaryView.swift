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
        let numbers = rows.map { _, values in
            (now: BNColumns.short(values.last ?? .nan), peak: BNColumns.short(values.filter(\.isFinite).max() ?? .nan))
        }
        for (i, (label, values)) in rows.enumerated() where i < rect.height {
            let y = rect.y + i
            let head = (i == 0 ? name : String(repeating: " ", count: name.count)) + " " + label + String(repeating: " ", count: max(0, 7 - label.count))
            // Without room for ` …` after it, the head itself ends in the ellipsis.
            let shown = head.count + 2 <= rect.width ? head : String(head.prefix(max(0, rect.width - 1))) + String(glyphs.ellipsis)
            let written = grid.put(string: shown, at: Point(x: rect.x, y: y), style: Theme.dim)
            let (tail, width) = tail(numbers, row: i, room: rect.width - written, ellipsis: glyphs.ellipsis)
            let finite = values.filter(\.isFinite)
            if width > 0 {
                var line = Sparkline(values: BNColumns.resample(steps: steps, values: values, width: width),
                                     style: .fg(i == 0 ? .green : .red), glyphs: glyphs)
                line.range = 0...max(finite.max() ?? 1, 1e-30)
                line.render(into: &grid, in: Rect(x: rect.x + written, y: y, width: width, height: 1))
            }
            grid.put(string: tail, at: Point(x: rect.x + written + width, y: y), style: Theme.dim)
        }
    }

    /// Row `row`'s ` now 0.014 peak  0.8` (numbers right-aligned in the same columns on both rows,
    /// so a short one cannot pass for a cut one) and its sparkline's width, in `room` columns.
    /// Where the whole numbers and a 4-column sparkline do not fit, the peak gives way to an
    /// ellipsis, then the latest value too; a number is never cut.
    static func tail(_ numbers: [(now: String, peak: String)], row: Int, room: Int, ellipsis: Character) -> (String, Int) {
        func padded(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        let nowWidth = numbers.map(\.now.count).max() ?? 0, peakWidth = numbers.map(\.peak.count).max() ?? 0
        let now = " now " + padded(numbers[row].now, nowWidth)
        for tail in [now + " peak " + padded(numbers[row].peak, peakWidth), now + " \(ellipsis)"] where room - tail.count >= 4 {
            return (tail, room - tail.count)
        }
        let bare = " \(ellipsis)"
        if room >= bare.count { return (bare, room - bare.count) }
        return room >= 1 ? (String(ellipsis), room - 1) : ("", 0)
    }
}
