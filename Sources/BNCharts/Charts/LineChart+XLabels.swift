/// The x axis's labels: always the first and last x shown (the range's start and end, the end
/// followed by ``LineChart/xAxisUnit`` when it fits), and the nice ticks between them that keep a
/// space from their neighbours. A label that would touch the cursor's label is left out.
///
///     └┬──────────┬──────────┬──────────┬──────┬
///      0         20         40         60  73 step
extension LineChart {
    /// One label of the x axis: its text, its first column, and the column of its tick.
    struct XLabel: Hashable {
        var text: String
        var start: Int
        var tick: Int
        var end: Int { start + text.count }
    }

    /// The labels written under the x axis of `layout` inside `rect`, left to right.
    func xLabels(layout: LineChartLayout, rect: Rect, reserved: (text: String, start: Int)?) -> [XLabel] {
        let domain = layout.xDomain
        guard let first = layout.column(forX: domain.lowerBound), let last = layout.column(forX: domain.upperBound) else { return [] }
        let inner = layout.xTicks.filter { value in
            layout.column(forX: value).map { $0 > first && $0 < last } ?? false
        }
        // One notation for all of them; the ends are written as the ticks are.
        let texts = NiceTicks.labels(for: [domain.lowerBound] + inner + [domain.upperBound])
        func placed(_ text: String, tick: Int) -> XLabel {
            XLabel(text: text, start: min(max(tick - text.count / 2, rect.x), rect.maxX - text.count), tick: tick)
        }
        func free(_ label: XLabel) -> Bool {
            guard let r = reserved else { return true }
            return label.end < r.start || label.start > r.start + r.text.count
        }
        let startLabel = placed(texts[0], tick: first)
        var endLabel = placed(texts[texts.count - 1], tick: last)
        if !xAxisUnit.isEmpty {
            // The number must stay over its own tick: `64 step` when the unit fits after it,
            // else `step 64` ending at the tick, else the number alone.
            let number = texts[texts.count - 1]
            let after = placed(number + " " + xAxisUnit, tick: last)
            let beforeText = xAxisUnit + " " + number
            let before = XLabel(text: beforeText, start: last - beforeText.count + 1, tick: last)
            // `64 step` pushed left of its tick is fine unless it then sits under another tick.
            let tickColumns = inner.compactMap { layout.column(forX: $0) }
            let afterClear = !tickColumns.contains { $0 >= after.start && $0 < last }
            for candidate in [after, before] where (candidate.text == beforeText ? candidate.end - 1 == last : afterClear)
                && candidate.start >= rect.x && candidate.end <= rect.maxX
                && candidate.start > startLabel.end && free(candidate) {
                endLabel = candidate
                break
            }
        }
        var head: XLabel? = free(startLabel) ? startLabel : nil
        let tail: XLabel? = first != last && free(endLabel) ? endLabel : nil
        // Too narrow for both ends: the end wins (it says how far the run got).
        if let h = head, let t = tail, h.end >= t.start { head = nil }
        // The nice ticks between, each one space clear of the labels on both sides.
        var leftEnd = head?.end ?? Int.min / 2
        let rightStart = tail?.start ?? Int.max / 2
        var middle: [XLabel] = []
        for (value, text) in zip(inner, texts.dropFirst().dropLast()) {
            guard let col = layout.column(forX: value) else { continue }
            let label = placed(text, tick: col)
            guard label.start > leftEnd, label.end < rightStart, free(label) else { continue }
            middle.append(label)
            leftEnd = label.end
        }
        return [head].compactMap { $0 } + middle + [tail].compactMap { $0 }
    }
}
