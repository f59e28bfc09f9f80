import BNCharts

/// The help overlay: every binding of ``KeyBindings/all`` in sections, the current mode's first
/// (live runs, replay or lesson), plus the keys of the runs browser and of the help itself.
///
/// The lines flow through as many columns as the width allows; when they do not all fit the
/// height (80×24), the help scrolls (`j`/`k`, PgDn/PgUp, `g`/`G`) and says which lines are shown.
enum HelpOverlayView {
    /// One line of the help: a section heading, a binding, or the blank line between sections.
    enum Line: Equatable {
        case heading(String)
        case binding(keys: String, summary: String)
        case blank
    }

    /// Where the lines go on a screen: how many columns, rows per column, and the column widths.
    struct Layout: Equatable {
        /// Side-by-side columns; the lines flow from one to the next.
        var columns: Int
        /// Lines per column.
        var rows: Int
        /// Width of the keys in each column.
        var keyWidth: Int
        /// Width of one column, keys and summary.
        var columnWidth: Int
        /// How many lines there are.
        var lineCount: Int

        /// The largest scroll offset: 0 when every line fits.
        var maxScroll: Int { max(0, lineCount - columns * rows) }
    }

    /// The section of a binding: its ``KeyGroup``, the browser keys apart from replay's.
    static func section(of binding: KeyBinding) -> String {
        switch binding.action {
        case .toggleRunsBrowser, .markRun: KeyMode.runsBrowser.rawValue
        default: binding.group.rawValue
        }
    }

    /// The preferred order of sections in `mode`; sections not named follow in table order.
    static func preferredOrder(_ mode: KeyMode) -> [String] {
        let browser = KeyMode.runsBrowser.rawValue, lesson = KeyMode.lesson.rawValue
        let groups = { (g: [KeyGroup]) in g.map(\.rawValue) }
        switch mode {
        case .replay:
            return groups([.replay, .charts, .batchNorm]) + [browser] + groups([.general, .navigation, .runs]) + [lesson]
        case .lesson:
            return [lesson] + groups([.replay, .charts, .batchNorm, .general]) + [browser] + groups([.navigation, .runs])
        default:
            return groups([.navigation, .runs, .charts, .batchNorm]) + [browser] + groups([.general, .replay]) + [lesson]
        }
    }

    /// The help's lines for `mode` (the mode under the help), the current mode's section first and
    /// marked `(now)`, sections separated by a blank line.
    static func lines(mode: KeyMode = .live, unicode: Bool) -> [Line] {
        var sections: [(title: String, lines: [Line])] = []
        for binding in KeyBindings.all {
            let title = section(of: binding)
            let line = Line.binding(keys: binding.keysLabel(unicode: unicode), summary: binding.summary)
            if let i = sections.firstIndex(where: { $0.title == title }) {
                sections[i].lines.append(line)
            } else {
                sections.append((title, [line]))
            }
        }
        // The browser's and the help's own keys, which are not workbench bindings.
        let browser = KeyMode.runsBrowser.rawValue
        if let i = sections.firstIndex(where: { $0.title == browser }) {
            sections[i].lines += [.binding(keys: "j/k", summary: "browser: move"),
                                  .binding(keys: "Enter", summary: "browser: open (marked: compare)"),
                                  .binding(keys: "/", summary: "browser: filter"),
                                  .binding(keys: "s/S", summary: "browser: sort (S reverses)"),
                                  .binding(keys: "d", summary: "browser: delete (asks)"),
                                  .binding(keys: "a", summary: "browser: to archive/ (asks)")]
        }
        sections.append((KeyMode.playground.rawValue,
                         PlaygroundKeys.help(unicode: unicode).map { .binding(keys: $0.keys, summary: $0.summary) }))
        let page = Key.pageDown.label(unicode: unicode) + "/" + Key.pageUp.label(unicode: unicode)
        sections.append(("In this help", [.binding(keys: "j/k", summary: "scroll a line"),
                                          .binding(keys: page, summary: "scroll a page"),
                                          .binding(keys: "g/G", summary: "top / end")]))
        let order = preferredOrder(mode)
        let rank = { (title: String) in order.firstIndex(of: title) ?? order.count }
        let sorted = sections.enumerated().sorted { (rank($0.element.title), $0.offset) < (rank($1.element.title), $1.offset) }
        var out: [Line] = []
        for (n, (_, s)) in sorted.enumerated() {
            if !out.isEmpty { out.append(.blank) }
            out.append(.heading(n == 0 && !mode.isOverlay ? "\(s.title) (now)" : s.title))
            out += s.lines
        }
        return out
    }

    /// The layout of `lines` on `screen`: as many columns as fit the width (no more than needed),
    /// rows filling the height less the dialog's border, margin and closing line.
    static func layout(_ lines: [Line], screen: Rect) -> Layout {
        let keyWidth = lines.compactMap { if case .binding(let k, _) = $0 { k.count } else { nil } }.max() ?? 4
        let summaryWidth = lines.map { line -> Int in
            switch line {
            case .binding(_, let s): s.count
            case .heading(let h): max(0, h.count - keyWidth - 2)
            case .blank: 0
            }
        }.max() ?? 10
        let gap = 3
        let available = max(10, screen.width - 6)           // border, padding, margin
        let columnWidth = min(available, keyWidth + 2 + summaryWidth)
        let rowsAvailable = max(1, screen.height - 6)       // margin, border, blank and closing line
        let fitByWidth = max(1, (available + gap) / (columnWidth + gap))
        let needed = max(1, (lines.count + rowsAvailable - 1) / rowsAvailable)
        let columns = min(fitByWidth, needed)
        let rows = min(rowsAvailable, (lines.count + columns - 1) / columns)
        return Layout(columns: columns, rows: max(1, rows), keyWidth: keyWidth, columnWidth: columnWidth,
                      lineCount: lines.count)
    }

    /// The largest useful scroll offset of the help in `mode` on a `size` screen, whichever glyphs.
    static func maxScroll(mode: KeyMode, size: TerminalSize) -> Int {
        let screen = Rect(width: size.width, height: size.height)
        return [true, false].map { layout(lines(mode: mode, unicode: $0), screen: screen).maxScroll }.max() ?? 0
    }

    /// Draws the help for `mode` scrolled by `scroll` lines (clamped) over `screen`.
    static func render(into grid: inout Grid, screen: Rect, glyphs: Glyphs, mode: KeyMode = .live, scroll: Int = 0) {
        let lines = lines(mode: mode, unicode: glyphs.isUnicode)
        let layout = layout(lines, screen: screen)
        let offset = min(max(0, scroll), layout.maxScroll)
        let gap = 3
        let contentWidth = layout.columns * layout.columnWidth + gap * (layout.columns - 1)
        let inner = Dialog.open(title: "Keys", width: contentWidth + 4, height: layout.rows + 4, in: screen,
                                into: &grid, glyphs: glyphs)
        let content = inner.inset(left: 1, right: 1)
        for column in 0..<layout.columns {
            let x0 = content.x + column * (layout.columnWidth + gap)
            for row in 0..<layout.rows {
                let index = offset + column * layout.rows + row
                guard lines.indices.contains(index) else { break }
                let y = content.y + row
                switch lines[index] {
                case .heading(let text):
                    grid.put(string: text, at: Point(x: x0, y: y), style: Theme.title.adding(.underline),
                             maxWidth: layout.columnWidth, ellipsis: glyphs.ellipsis)
                case .binding(let keys, let summary):
                    grid.put(string: keys, at: Point(x: x0, y: y), style: Theme.key, maxWidth: layout.keyWidth,
                             ellipsis: glyphs.ellipsis)
                    grid.put(string: summary, at: Point(x: x0 + layout.keyWidth + 2, y: y), style: .plain,
                             maxWidth: max(0, layout.columnWidth - layout.keyWidth - 2), ellipsis: glyphs.ellipsis)
                case .blank:
                    break
                }
            }
        }
        let shownLast = min(lines.count, offset + layout.columns * layout.rows)
        let dash = glyphs.isUnicode ? "–" : "-"
        let closing = layout.maxScroll == 0 ? "? or Esc closes this help"
            : "j/k scroll \(offset + 1)\(dash)\(shownLast) of \(lines.count)  ? or Esc closes"
        grid.put(string: closing, at: Point(x: content.x + max(0, (content.width - closing.count) / 2), y: content.maxY - 1),
                 style: Theme.dim, maxWidth: content.width, ellipsis: glyphs.ellipsis)
    }
}
