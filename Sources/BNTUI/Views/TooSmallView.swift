import BNCharts

/// Shown when the terminal is below the smallest usable size: what it is, what is needed.
enum TooSmallView {
    static func render(size: TerminalSize, overlay: Overlay?, into grid: inout Grid, glyphs: Glyphs) {
        var lines = [
            "Terminal too small: \(size.width)x\(size.height)",
            "needs \(WorkbenchView.minimumSize.width)x\(WorkbenchView.minimumSize.height)"
                + " (\(WorkbenchView.fullSize.width)x\(WorkbenchView.fullSize.height) for all panes)",
            "Enlarge it, or q to quit.",
        ]
        if case .confirmQuit(let n) = overlay {
            lines[3] = "\(n) run\(n == 1 ? "" : "s") active. Quit? y/n"
        }
        let top = max(0, (size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < size.height {
            let text = TextFitting.truncate(line, to: size.width, ellipsis: glyphs.ellipsis)
            grid.put(string: text, at: Point(x: max(0, (size.width - text.count) / 2), y: top + i),
                     style: i == 0 ? Theme.error : .plain)
        }
    }
}
