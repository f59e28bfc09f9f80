/// What a line chart says in words: series that leave the y range for good, and identical curves.
extension LineChart {
    /// Where a series leaves the shown y range for good.
    struct Divergence {
        /// Which way it leaves.
        enum Direction { case above, below, notFinite }
        var seriesIndex: Int
        /// The x of the first point of the trailing run outside the range.
        var x: Double
        var direction: Direction
        /// The y of the last point inside the range before it left (nil when none).
        var lastInside: Double?
        var note: ChartNote
    }

    /// The series whose points from some x to their end are all NaN/infinite or outside the
    /// layout's y range (beyond a relative 1e-9 of its span).
    func divergences(_ prepared: [Prepared], layout: LineChartLayout) -> [Divergence] {
        var out: [Divergence] = []
        for (index, p) in prepared.enumerated() {
            // The points drawn: the smoothed ones when the raw line is hidden (with the raw
            // non-finite ones, which only the raw series keeps).
            var drawn = p.original
            if !showsRawSeries, let smoothed = p.smoothed {
                drawn = (smoothed + p.original.filter { !$0.y.isFinite }).sorted { $0.x < $1.x }
            }
            let points = drawn.filter { $0.x.isFinite && layout.xDomain.contains($0.x) }
            var start = points.count
            while start > 0 && position(points[start - 1].y, in: layout) != nil { start -= 1 }
            guard start < points.count, let direction = position(points[start].y, in: layout) else { continue }
            let run = points[start...]
            let finite = run.map(\.y).filter(\.isFinite)
            let extreme = finite.max { abs($0) < abs($1) }
            let firstNonFinite = run.first { !$0.y.isFinite }
            var detail: [String] = []
            let x = NumberFormat.value(points[start].x) + xAxisSuffix
            let verb: String
            if start == 0 {
                verb = "is outside the y range from \(xAxisName) \(x)"
                if let extreme { detail.append((direction == .below ? "min " : "max ") + NumberFormat.value(extreme)) }
                if let bad = firstNonFinite { detail.append((extreme == nil ? "" : "then ") + NumberFormat.value(bad.y)) }
            } else if direction == .below {
                // One below the range just ends lower: it did not diverge.
                verb = "goes below the y range at \(xAxisName) \(x)"
                if let extreme { detail.append("min " + NumberFormat.value(extreme)) }
            } else {
                // Left upwards for good: diverged there. A later NaN gets its own step, as the
                // run's end names the step its loss became NaN.
                verb = "diverged at \(xAxisName) \(x)"
                if let extreme { detail.append("max " + NumberFormat.value(extreme)) }
                if let bad = firstNonFinite {
                    let at = bad.x == points[start].x ? "" : " at \(xAxisName) " + NumberFormat.value(bad.x) + xAxisSuffix
                    detail.append((extreme == nil ? "" : "then ") + NumberFormat.value(bad.y) + at)
                }
            }
            let text = "\(p.name) \(verb)" + (detail.isEmpty ? "" : " (" + detail.joined(separator: ", ") + ")")
            out.append(Divergence(
                seriesIndex: index, x: points[start].x, direction: direction,
                lastInside: start > 0 ? points[start - 1].y : nil,
                note: ChartNote(kind: .diverged(series: p.name, at: points[start].x), text: text)
            ))
        }
        return out
    }

    /// Nil when `y` lies inside the layout's y range, else where it lies.
    private func position(_ y: Double, in layout: LineChartLayout) -> Divergence.Direction? {
        guard y.isFinite else { return .notFinite }
        if yScale == .logarithmic && y <= 0 { return .below }
        let lo = layout.yDomain.lowerBound, hi = layout.yDomain.upperBound
        let tolerance = 1e-9 * max(abs(hi - lo), abs(hi), abs(lo))
        if y > hi + tolerance { return .above }
        if y < lo - tolerance { return .below }
        return nil
    }

    /// Groups of two or more series with the same x values and y values equal within
    /// `|a − b| ≤ 1e-6·max(|a|, |b|) + 1e-12`, one note per group naming its members.
    func identicalNotes(_ prepared: [Prepared]) -> [ChartNote] {
        var groupOf = Array(prepared.indices)
        for i in prepared.indices where groupOf[i] == i && prepared[i].raw.count >= 2 {
            for j in prepared.indices where j > i && groupOf[j] == j && Self.coincide(prepared[i].raw, prepared[j].raw) {
                groupOf[j] = i
            }
        }
        var notes: [ChartNote] = []
        for i in prepared.indices where groupOf[i] == i {
            let members = prepared.indices.filter { groupOf[$0] == i }
            guard members.count >= 2 else { continue }
            let names = members.map { prepared[$0].name }
            notes.append(ChartNote(kind: .identical(series: names),
                                   text: "\(names.count) curves identical: " + names.joined(separator: ", ")))
        }
        return notes
    }

    /// Whether two point lists have the same x values and y values within a tiny relative tolerance.
    static func coincide(_ a: [ChartPoint], _ b: [ChartPoint]) -> Bool {
        guard a.count == b.count else { return false }
        for (p, q) in zip(a, b) {
            guard p.x == q.x, abs(p.y - q.y) <= 1e-6 * max(abs(p.y), abs(q.y)) + 1e-12 else { return false }
        }
        return true
    }

    /// Diverged series first (they explain a clipped chart), then identical curves.
    func notes(_ prepared: [Prepared], layout: LineChartLayout) -> [ChartNote] {
        divergences(prepared, layout: layout).map(\.note) + identicalNotes(prepared)
    }
}
