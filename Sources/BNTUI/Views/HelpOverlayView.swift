import BNCharts

/// The help overlay: every binding of ``KeyBindings/all`` by section, in as many columns as the
/// height needs (a section cut by a column break is headed again with "(cont.)").
enum HelpOverlayView {
    /// One line of the help: a section heading or a binding.
    enum Line: Equatable {
        case heading(String)
        case binding(keys: String, summary: String)
        case blank
    }

    /// The help's lines, in table order, sections separated by a blank line.
    static func lines(unicode: Bool) -> [Line] {
        var out: [Line] = []
        for group in KeyGroup.allCases {
            let bindings = KeyBindings.all.filter { $0.group == group }
            guard !bindings.isEmpty else { continue }
            if !out.isEmpty { out.append(.blank) }
            out.append(.heading(group.rawValue))
            out += bindings.map { .binding(keys: $0.keysLabel(unicode: unicode), summary: $0.summary) }
        }
        return out
    }

    /// The lines laid out in columns of at most `height` rows.
    static func columns(_ lines: [Line], height: Int) -> [[Line]] {
        guard height > 1 else { return [lines] }
        if lines.count <= height { return [lines] }
        let compact = lines.filter { $0 != .blank }
        if compact.count <= height { return [compact] }
        var columns: [[Line]] = []
        var current: [Line] = []
        var section = ""
        for line in compact {
            if case .heading(let name) = line { section = name }
            if current.count == height {
                columns.append(current)
                current = []
            }
            if current.isEmpty, case .binding = line { current.append(.heading(section + " (cont.)")) }
            // A heading never ends a column.
            if current.count == height - 1, case .heading = line {
                columns.append(current)
                current = []
            }
            current.append(line)
        }
        if !current.isEmpty { columns.append(current) }
        return columns
    }

    static func render(into grid: inout Grid, screen: Rect, glyphs: Glyphs) {
        let height = max(1, screen.height - 4)
        let columns = columns(lines(unicode: glyphs.isUnicode), height: height)
        let keyWidths = columns.map { column in
            column.compactMap { if case .binding(let k, _) = $0 { k.count } else { nil } }.max() ?? 4
        }
        let summaryWidths = columns.map { column in
            column.map { line -> Int in
                switch line {
                case .binding(_, let s): s.count
                case .heading: 0     // headings are cut to the column's width
                case .blank: 0
                }
            }.max() ?? 10
        }
        var widths = zip(keyWidths, summaryWidths).map { $0 + 2 + max(8, $1) }
        let gap = 3
        let available = screen.width - 2
        let natural = widths.reduce(0, +) + gap * (widths.count - 1)
        if natural > available {
            // Shrink the widest columns' summaries until everything fits.
            var excess = natural - available
            while excess > 0, let i = widths.indices.max(by: { widths[$0] - keyWidths[$0] < widths[$1] - keyWidths[$1] }),
                  widths[i] - keyWidths[i] > 6 {
                widths[i] -= 1
                excess -= 1
            }
        }
        let contentWidth = widths.reduce(0, +) + gap * (widths.count - 1)
        let rows = (columns.map(\.count).max() ?? 0) + 2
        let padding = contentWidth + 4 <= screen.width ? 1 : 0
        let inner = Dialog.open(title: "Keys", width: contentWidth + 2 + 2 * padding, height: rows + 2, in: screen,
                                into: &grid, glyphs: glyphs)
        let content = inner.inset(left: padding, right: padding)
        var x0 = content.x
        for (ci, column) in columns.enumerated() {
            let keyWidth = keyWidths[ci], width = widths[ci]
            for (row, line) in column.enumerated() where row < content.height - 2 {
                let y = content.y + row
                switch line {
                case .heading(let text):
                    grid.put(string: text, at: Point(x: x0, y: y), style: Theme.title.adding(.underline), maxWidth: width,
                             ellipsis: glyphs.ellipsis)
                case .binding(let keys, let summary):
                    grid.put(string: keys, at: Point(x: x0, y: y), style: Theme.key, maxWidth: keyWidth,
                             ellipsis: glyphs.ellipsis)
                    grid.put(string: summary, at: Point(x: x0 + keyWidth + 2, y: y), style: .plain,
                             maxWidth: max(0, width - keyWidth - 2), ellipsis: glyphs.ellipsis)
                case .blank:
                    break
                }
            }
            x0 += width + gap
        }
        let closing = "? or Esc closes this help"
        grid.put(string: closing, at: Point(x: content.x + max(0, (content.width - closing.count) / 2), y: content.maxY - 1),
                 style: Theme.dim, maxWidth: content.width, ellipsis: glyphs.ellipsis)
    }
}
