import BNCharts

/// The compared runs' configuration differences: one row per key path that differs, one column
/// per run (a key missing from a run reads `—`).
enum ConfigDiffView {
    static func render(_ replay: ReplaySession, into grid: inout Grid, screen: Rect, glyphs: Glyphs) {
        let diff = replay.configDiff
        let missing = glyphs.isUnicode ? "—" : "-"
        let names = replay.sources.map { "\($0.id) \(replay.label(of: $0))" }
        var header = ["key"] + names
        if header.count < 2 { header.append("") }
        // The settings first (learning rate, batch, variant…), the model's layers after: when rows
        // must be left out at 80×24, the layer details go.
        let rowsInOrder = diff.rows.filter { !$0.key.hasPrefix("model[") } + diff.rows.filter { $0.key.hasPrefix("model[") }
        var table: [[String]] = rowsInOrder.map { [$0.key] + $0.values.map { $0 ?? missing } }
        var notes: [String] = []
        // Columns too narrow for `r1 bn-lr0.01`: headed by the run ids, named in a line below.
        let columnRoom = (screen.width - 6 - min(table.map { $0[0].count }.max() ?? 3, (screen.width - 6) / 2))
            / max(1, names.count) - 2
        if names.contains(where: { $0.count > columnRoom }) {
            header = ["key"] + replay.sources.map(\.id)
            // Wrapped between names, never inside one.
            let separator = glyphs.isUnicode ? " · " : " | "
            var line = ""
            for name in names {
                if !line.isEmpty && line.count + separator.count + name.count > screen.width - 8 {
                    notes.append(line)
                    line = ""
                }
                line += (line.isEmpty ? "" : separator) + name
            }
            notes.append(line)
        }
        if diff.rows.isEmpty { notes.append("The runs' configurations are the same.") }
        if !diff.withoutConfig.isEmpty {
            notes.append("No readable config in: " + diff.withoutConfig.joined(separator: ", "))
        }
        let maxRows = max(1, screen.height - 6 - notes.count)
        if table.count > maxRows {
            let hidden = table.count - (maxRows - 1)
            table = Array(table.prefix(maxRows - 1)) + [["… \(hidden) more keys"]]
        }
        let rows = [header] + table
        let available = screen.width - 6
        var widths = header.indices.map { col in rows.map { col < $0.count ? $0[col].count : 0 }.max() ?? 0 }
        // Share the width: the key column at most half, the runs the rest.
        widths[0] = min(widths[0], available / 2)
        let rest = max(4, (available - widths[0] - 2 * (widths.count - 1)) / max(1, widths.count - 1))
        for i in widths.indices.dropFirst() { widths[i] = min(widths[i], rest) }
        let contentWidth = max(widths.reduce(0, +) + 2 * (widths.count - 1), notes.map(\.count).max() ?? 0, 30)
        let inner = Dialog.open(title: "Config diff", width: contentWidth + 4, height: rows.count + notes.count + 4,
                                in: screen, into: &grid, glyphs: glyphs)
        var y = inner.y
        for (r, row) in rows.enumerated() where y < inner.maxY - 1 {
            var x = inner.x + 1
            for (col, text) in row.enumerated() where col < widths.count {
                let style = r == 0 ? Theme.title.adding(.underline) : (col == 0 ? Theme.key : .plain)
                grid.put(string: text, at: Point(x: x, y: y), style: style,
                         maxWidth: row.count == 1 ? inner.width - 2 : widths[col], ellipsis: glyphs.ellipsis)
                x += widths[col] + 2
            }
            y += 1
        }
        for note in notes where y < inner.maxY - 1 {
            grid.put(string: note, at: Point(x: inner.x + 1, y: y), style: Theme.dim, maxWidth: inner.width - 2,
                     ellipsis: glyphs.ellipsis)
            y += 1
        }
        let closing = "D or Esc closes"
        grid.put(string: closing, at: Point(x: inner.x + max(0, (inner.width - closing.count) / 2), y: inner.maxY - 1),
                 style: Theme.dim, maxWidth: inner.width, ellipsis: glyphs.ellipsis)
    }
}
