import BNCharts

/// The current experiment's teaching notes, word-wrapped and scrollable, beside the charts.
enum NotesView {
    static func render(_ state: WorkbenchState, into grid: inout Grid, in rect: Rect, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        guard let experiment = state.currentExperiment else { return }
        var text = experiment.notes.isEmpty ? "(this experiment has no notes)" : experiment.notes
        if let problem = experiment.problem { text = "This experiment's file is invalid:\n\n" + problem }
        let variants = experiment.variants.filter { !$0.note.isEmpty }
        if !variants.isEmpty {
            text += "\n\nVariants\n" + variants.map { "- \($0.name): \($0.note)" }.joined(separator: "\n")
        }
        let lines = TextWrap.lines(TextWrap.reflowed(text), width: rect.width)
        // When the notes do not fit, the last row is the "more" mark's own, so it covers no text.
        let visible = lines.count > rect.height ? max(1, rect.height - 1) : rect.height
        let maxScroll = max(0, lines.count - visible)
        let scroll = min(state.notesScroll, maxScroll)
        for (i, line) in lines.dropFirst(scroll).prefix(visible).enumerated() {
            let heading = !line.hasPrefix(" ") && !line.hasPrefix("-") && line.count < 40 && !line.hasSuffix(".")
            grid.put(string: line, at: Point(x: rect.x, y: rect.y + i), style: heading ? Theme.title : .plain)
        }
        if scroll < maxScroll {
            let more = glyphs.isUnicode ? "↓ more (J)" : "v more (J)"
            grid.put(string: more, at: Point(x: rect.maxX - more.count, y: rect.maxY - 1), style: Theme.key)
        }
    }
}
