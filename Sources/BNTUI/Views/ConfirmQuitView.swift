import BNCharts

/// "Quit while runs are active?": what quitting does and the keys to answer.
enum ConfirmQuitView {
    static func render(activeRuns: Int, into grid: inout Grid, screen: Rect, glyphs: Glyphs) {
        let plural = activeRuns == 1 ? "1 run is" : "\(activeRuns) runs are"
        let lines = ["\(plural) still queued, running or paused.", "Quitting cancels them.", ""]
        let width = max(44, lines.map(\.count).max() ?? 0) + 4
        let inner = Dialog.open(title: "Quit bnlab?", width: width, height: lines.count + 3, in: screen, into: &grid,
                                glyphs: glyphs)
        for (i, line) in lines.enumerated() {
            grid.put(string: line, at: Point(x: inner.x + 1, y: inner.y + i), maxWidth: inner.width - 1,
                     ellipsis: glyphs.ellipsis)
        }
        var x = inner.x + 1
        let y = inner.y + lines.count
        x += grid.put(string: "y", at: Point(x: x, y: y), style: Theme.key)
        x += grid.put(string: " quit   ", at: Point(x: x, y: y))
        x += grid.put(string: "n", at: Point(x: x, y: y), style: Theme.key)
        x += grid.put(string: "/", at: Point(x: x, y: y))
        x += grid.put(string: "Esc", at: Point(x: x, y: y), style: Theme.key)
        grid.put(string: " keep working", at: Point(x: x, y: y))
    }
}
