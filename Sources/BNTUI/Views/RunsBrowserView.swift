import BNCharts
import Foundation

/// The saved-runs browser: one row per run file (experiment, variant, date, status, final
/// accuracy), newest first, the highlighted row reversed and marked rows flagged with `*`.
enum RunsBrowserView {
    /// The row text of `entry`, marked or not.
    static func row(_ entry: RunsBrowser.Entry, marked: Bool) -> String {
        let accuracy = entry.finalAccuracy.map { NumberFormat.fixed($0 * 100, decimals: 1, trimmingZeros: false) + "%" } ?? "–"
        return (marked ? "* " : "  ")
            + pad(entry.experiment, 20) + " " + pad(entry.variant, 12) + " " + pad(date(entry.started), 16) + " "
            + pad(entry.status, 10) + " " + accuracy
    }

    static func render(_ browser: RunsBrowser, into grid: inout Grid, screen: Rect, glyphs: Glyphs) {
        let header = "  " + pad("experiment", 20) + " " + pad("variant", 12) + " " + pad("started", 16) + " "
            + pad("status", 10) + " accuracy"
        let width = min(screen.width - 2, max(header.count + 2, 40))
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
            let text = row(browser.entries[i], marked: browser.marked.contains(i))
            let padded = text.padding(toLength: max(text.count, inner.width), withPad: " ", startingAt: 0)
            let style: Style = i == browser.selection ? Theme.selected
                : (browser.marked.contains(i) ? Theme.key : .plain)
            grid.put(string: padded, at: Point(x: inner.x, y: inner.y + 1 + offset), style: style, maxWidth: inner.width,
                     ellipsis: glyphs.ellipsis)
        }
        let closing = "j/k move  m mark  Enter open (marked: compare)  Esc close"
        grid.put(string: closing, at: Point(x: inner.x + max(0, (inner.width - closing.count) / 2), y: inner.maxY - 1),
                 style: Theme.dim, maxWidth: inner.width, ellipsis: glyphs.ellipsis)
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count > width ? String(text.prefix(width - 1)) + "…" : text.padding(toLength: width, withPad: " ", startingAt: 0)
    }

    private static func date(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: date)
    }
}
