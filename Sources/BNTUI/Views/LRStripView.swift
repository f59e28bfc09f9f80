import BNCharts
import BNLab
import Foundation

/// The learning-rate schedule under the loss chart: a two-row strip of block heights aligned
/// with the chart's x axis (one column per plot column, the rate in force at that x), with the
/// lowest and highest rate in the gutter and a caption naming the run. Readable without colour:
/// the heights carry the schedule. Drawn only when some run's recorded lr changes.
enum LRStripView {
    /// Rows the strip takes: a caption and two rows of blocks.
    static let height = 3

    /// The first run whose recorded lr is not constant: its schedule is the one drawn.
    static func scheduledRun(_ runs: [RunRecord]) -> RunRecord? {
        runs.first { run in
            let rates = run.lossLRs.filter(\.isFinite)
            guard let lo = rates.min(), let hi = rates.max() else { return false }
            return lo != hi
        }
    }

    /// Draws `run`'s lr in `rect` (``height`` rows), its columns under `layout`'s plot.
    static func render(_ run: RunRecord, name: String, mapping: LossXMapping, layout: LineChartLayout,
                       into grid: inout Grid, in rect: Rect, glyphs: Glyphs) {
        guard rect.height >= height else { return }
        let points = mapping.map(zip(run.losses, run.lossLRs).map { ChartPoint(x: $0.0.x, y: $0.1) })
            .filter { $0.x.isFinite && $0.y.isFinite }
        let rates = points.map(\.y)
        guard let lo = rates.min(), let hi = rates.max() else { return }
        let plot = layout.plot, domain = layout.xDomain
        let span = domain.upperBound - domain.lowerBound
        // lr in force at each column's centre: the last recorded step at or before it.
        var values: [Double] = []
        var next = 0
        for c in 0..<plot.width {
            let x = domain.lowerBound + (Double(c) + 0.5) / Double(max(plot.width, 1)) * span
            while next < points.count && points[next].x <= x { next += 1 }
            let beyond = points.last.map { x > $0.x + span / Double(max(plot.width, 1)) } ?? true
            values.append(next == 0 || beyond ? .nan : points[next - 1].y)
        }
        let caption = "lr of \(name): \(format(lo)) … \(format(hi)) per step"
        grid.put(string: caption, at: Point(x: plot.x, y: rect.y), style: Theme.dim, maxWidth: rect.maxX - plot.x,
                 ellipsis: glyphs.ellipsis)
        let gutter = max(0, plot.x - rect.x)
        for (value, row) in [(hi, rect.y + 1), (lo, rect.y + 2)] {
            let text = format(value).count <= gutter ? format(value) : short(value)
            grid.put(string: text, at: Point(x: rect.x, y: row), style: Theme.dim, maxWidth: gutter, ellipsis: glyphs.ellipsis)
        }
        var strip = Sparkline(values: values, glyphs: glyphs)
        strip.range = lo...hi
        strip.render(into: &grid, in: Rect(x: plot.x, y: rect.y + 1, width: plot.width, height: 2))
    }

    static func format(_ lr: Double) -> String { NumberFormat.value(lr, significantDigits: 2) }

    /// One digit and a power of ten for the narrow gutter: `2e-6` (`m·10^e`, m rounded).
    static func short(_ lr: Double) -> String {
        guard lr > 0, lr.isFinite else { return format(lr) }
        var e = Int(log10(lr).rounded(.down))
        var m = Int((lr / pow(10, Double(e))).rounded())
        if m == 10 { (m, e) = (1, e + 1) }
        return "\(m)e\(e)"
    }
}
