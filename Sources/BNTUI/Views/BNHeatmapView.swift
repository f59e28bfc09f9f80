import BNCharts
import BNLab

/// The BN heatmap: one row per channel (every channel reachable: the rows shown follow the
/// selected channel through the chosen ``BNHeatmapOrder``), one column per time slice resampled
/// to the full width (``BNColumns``), shaded on a scale from the 2nd to the 98th percentile of
/// the shown values, so neither the initial running_var of 1 nor one outlier swamps the rest.
enum BNHeatmapView {
    /// The quantiles the shading spans; values outside take the end shades.
    static let scaleQuantiles = (low: 0.02, high: 0.98)

    static func render(_ statistic: BNStatistic, order: BNHeatmapOrder, snaps: [BNSnapshot], channel: Int,
                       into grid: inout Grid, in rect: Rect, glyphs: Glyphs) {
        guard rect.height >= 3, let first = snaps.first, let latest = snaps.last else { return }
        let channels = latest.batchMean.count
        let ordered = order.channels(first: first, latest: latest, statistic: statistic)
        let rows = max(1, min(channels, rect.height - 2))
        let position = ordered.firstIndex(of: channel) ?? 0
        let start = max(0, min(position - rows / 2, channels - rows))
        let shown = Array(ordered[start..<(start + rows)])
        let tracked = latest.runningMean != nil
        let what = tracked ? statistic.runningName : statistic.batchName
        // Named as the rows are labelled: channels `c0-c2 of 16` in channel order, else ranks `#1-3 of 16`.
        let range = shown.count == channels ? "all \(channels)"
            : order == .channel ? "c\(shown[0])-c\(shown[shown.count - 1]) of \(channels)"
            : "#\(start + 1)-\(start + rows) of \(channels)"
        let title = "\(what) \(range) by \(order.rawValue)"
        grid.put(string: title + (title.count + 4 <= rect.width ? " (O)" : ""), at: rect.origin, style: Theme.dim,
                 maxWidth: rect.width, ellipsis: glyphs.ellipsis)

        let area = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rows)
        let labels = shown.map { "c\($0)" }
        let labelWidth = min(labels.map(\.count).max() ?? 0, max(1, area.width / 4))
        let matrixWidth = max(1, area.width - labelWidth - 1)
        let steps = snaps.map { Double($0.step) }
        let values = shown.map { c in BNColumns.resample(steps: steps, values: snaps.map { statistic.running($0, c) }, width: matrixWidth) }
        let raw = shown.flatMap { c in snaps.map { statistic.running($0, c) } }
        let lo = BNColumns.quantile(raw, scaleQuantiles.low) ?? 0, hi = BNColumns.quantile(raw, scaleQuantiles.high) ?? 0
        var map = Heatmap(values: values, rowLabels: labels.map { String(repeating: " ", count: max(0, labelWidth - $0.count)) + $0 },
                          shading: .shades(.cyan), glyphs: glyphs)
        map.range = lo...max(lo, hi)
        map.showsScale = false
        map.labelStyle = Theme.dim
        map.render(into: &grid, in: area)
        if let row = shown.firstIndex(of: channel) {
            grid.restyle(Rect(x: area.x, y: area.y + row, width: labelWidth, height: 1)) { _ in Theme.selected }
        }

        // The scale, named: `scale 2-98%: -0.22 ·░▒▓█ 0.14   steps 1…94`.
        let y = rect.y + 1 + rows
        guard y < rect.maxY else { return }
        var x = rect.x
        x += grid.put(string: "scale 2-98%: \(BNColumns.short(lo)) ", at: Point(x: x, y: y), style: Theme.dim)
        for shade in glyphs.shades where x < rect.maxX {
            grid[x, y] = Cell(shade, style: .fg(.cyan))
            x += 1
        }
        let tail = " \(BNColumns.short(hi))  steps \(first.step)\(glyphs.isUnicode ? "…" : "-")\(latest.step)"
        grid.put(string: tail, at: Point(x: x, y: y), style: Theme.dim, maxWidth: max(0, rect.maxX - x), ellipsis: glyphs.ellipsis)
    }
}
