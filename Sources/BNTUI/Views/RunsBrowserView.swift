import BNCharts
import Foundation

/// The saved-runs browser: one row per run file (experiment, run name, date, status, data,
/// epochs done/planned, final accuracy), newest first, the highlighted row reversed and marked rows
/// flagged with `*`, and the highlighted run's steps and loss under the rows. Fits 80 columns.
enum RunsBrowserView {
    /// The columns: title and width (the last one takes what is left).
    static let columns: [(title: String, width: Int)] = [("experiment", 16), ("run", 11), ("started", 11),
                                                         ("status", 9), ("data", 9), ("ep", 5), ("acc", 6)]

    /// The config columns shown when the screen is wide enough.
    static let configColumns: [(title: String, width: Int)] = [("lr", 6), ("batch", 5), ("mom", 5), ("seed", 4)]

    /// The row text of `entry`, marked or not, with the config columns when `wide`.
    static func row(_ entry: RunsBrowser.Entry, marked: Bool, wide: Bool = false) -> String {
        let accuracy = entry.finalAccuracy.map { NumberFormat.percent($0) } ?? "–"
        let epochs = "\(entry.epochs)" + (entry.context.map { "/\($0.epochs)" } ?? "")
        var cells = [entry.experiment, entry.name, date(entry.started), entry.status, entry.context?.dataText ?? "?", epochs, accuracy]
        if wide {
            cells += [entry.lr.map(NumberFormat.result) ?? "–", entry.batchSize.map(String.init) ?? "–",
                      entry.momentum.map(NumberFormat.result) ?? "–", "\(entry.seed)"]
        }
        return line(marked ? "* " : "  ", cells, wide: wide)
    }

    /// The line under the rows for the highlighted run: `bn r0 · step 340 · loss 0.5123 · running`.
    static func detail(_ entry: RunsBrowser.Entry, unicode: Bool) -> String {
        let separator = unicode ? " · " : " | "
        var parts = [entry.name, "step \(entry.steps)"]
        if let loss = entry.loss { parts.append("loss " + NumberFormat.result(loss)) }
        parts.append(entry.status)
        return parts.joined(separator: separator)
    }

    /// `cells` padded to ``columns`` (and ``configColumns`` when `wide`), after `prefix`.
    private static func line(_ prefix: String, _ cells: [String], wide: Bool = false) -> String {
        let shown = wide ? columns + configColumns : columns
        return prefix + zip(cells, shown).enumerated().map { i, pair in
            i == shown.count - 1 ? pair.0 : pad(pair.0, pair.1.width)
        }.joined(separator: " ")
    }

    /// The bottom line: a pending delete or archive's question, the filter being typed, or the keys.
    static func footer(_ browser: RunsBrowser) -> (text: String, style: Style) {
        switch browser.pending {
        case .delete(let paths)?:
            return ("Delete \(paths.count) run file\(paths.count == 1 ? "" : "s") for good? y deletes, any other key keeps", Theme.error)
        case .archive(let paths)?:
            return ("Move \(paths.count) run file\(paths.count == 1 ? "" : "s") to archive/? y moves, any other key keeps", Theme.key)
        case nil:
            break
        }
        if browser.isTypingFilter || !browser.filter.text.isEmpty {
            let cursor = browser.isTypingFilter ? "_" : ""
            return ("/\(browser.filter.text)\(cursor)   \(browser.entries.count) of \(browser.all.count) runs", Theme.key)
        }
        return ("j/k move  m mark  Enter open  / filter  s/S sort  d delete  a archive  Esc close", Theme.dim)
    }

    static func render(_ browser: RunsBrowser, into grid: inout Grid, screen: Rect, glyphs: Glyphs) {
        // Every column at its width, the marker before them and a space between them.
        let natural = 2 + columns.map(\.width).reduce(0, +) + columns.count - 1
        let naturalWide = natural + configColumns.map { $0.width + 1 }.reduce(0, +)
        let wide = screen.width - 4 >= naturalWide
        let arrow = browser.descending ? (glyphs.isUnicode ? "↓" : "v") : (glyphs.isUnicode ? "↑" : "^")
        let titles = (wide ? columns + configColumns : columns).map { $0.title == browser.sortColumn.title ? $0.title + arrow : $0.title }
        let header = line("  ", titles, wide: wide)
        let width = min(screen.width - 4, max(wide ? naturalWide : natural, 40))
        let visible = max(1, min(browser.entries.count, screen.height - 8))
        let title = browser.marked.isEmpty ? "Saved runs \(browser.entries.count)"
            : "Saved runs \(browser.entries.count), \(browser.marked.count) marked"
        let inner = Dialog.open(title: title, width: width + 2, height: visible + 5, in: screen, into: &grid, glyphs: glyphs)
        grid.put(string: header, at: inner.origin, style: Theme.title.adding(.underline), maxWidth: inner.width,
                 ellipsis: glyphs.ellipsis)
        if browser.entries.isEmpty {
            grid.put(string: "  no saved runs yet", at: Point(x: inner.x, y: inner.y + 1), style: Theme.dim,
                     maxWidth: inner.width, ellipsis: glyphs.ellipsis)
        }
        // Scroll so the highlighted row stays visible.
        let first = max(0, min(browser.selection - visible + 1, browser.entries.count - visible))
        for (offset, i) in browser.entries.indices.dropFirst(first).prefix(visible).enumerated() {
            let text = row(browser.entries[i], marked: browser.marked.contains(i), wide: wide)
            let padded = text.padding(toLength: max(text.count, inner.width), withPad: " ", startingAt: 0)
            let style: Style = i == browser.selection ? Theme.selected
                : (browser.marked.contains(i) ? Theme.key : .plain)
            grid.put(string: padded, at: Point(x: inner.x, y: inner.y + 1 + offset), style: style, maxWidth: inner.width,
                     ellipsis: glyphs.ellipsis)
        }
        if browser.entries.indices.contains(browser.selection) {
            grid.put(string: "  " + detail(browser.entries[browser.selection], unicode: glyphs.isUnicode),
                     at: Point(x: inner.x, y: inner.maxY - 2), style: Theme.dim, maxWidth: inner.width, ellipsis: glyphs.ellipsis)
        }
        let (closing, closingStyle) = footer(browser)
        grid.put(string: closing, at: Point(x: inner.x + max(0, (inner.width - closing.count) / 2), y: inner.maxY - 1),
                 style: closingStyle, maxWidth: inner.width, ellipsis: glyphs.ellipsis)
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count > width ? String(text.prefix(width - 1)) + "…" : text.padding(toLength: width, withPad: " ", startingAt: 0)
    }

    private static func date(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "MM-dd HH:mm"
        return f.string(from: date)
    }
}
