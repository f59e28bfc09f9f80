import BNCharts

/// "Run which variants?": all variants, or one, with each variant's note.
enum VariantPickerView {
    static func render(_ picker: VariantPicker, experiments: [ExperimentInfo], into grid: inout Grid, screen: Rect,
                       glyphs: Glyphs) {
        guard let experiment = experiments.first(where: { $0.id == picker.experimentID }) else { return }
        let dash = glyphs.isUnicode ? " — " : " - "
        let rows = ["all \(experiment.variants.count) variants"] + experiment.variants.map { $0.name + (
            $0.note.isEmpty ? "" : dash + $0.note) }
        let width = min(screen.width - 4, max(40, (rows.map(\.count).max() ?? 0) + 8))
        let inner = Dialog.open(title: "Run \(experiment.id)", width: width, height: rows.count + 4, in: screen,
                                into: &grid, glyphs: glyphs)
        for (i, row) in rows.enumerated() where i < inner.height - 2 {
            let y = inner.y + i
            let selected = i == picker.selection
            let line = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            if selected { grid.fill(line, with: Cell(" ", style: Theme.selected)) }
            grid.put(string: " \(i) " + row, at: line.origin, style: selected ? Theme.selected : .plain,
                     maxWidth: inner.width, ellipsis: glyphs.ellipsis)
        }
        let help = "Enter run   j/k choose   Esc cancel"
        grid.put(string: help, at: Point(x: inner.x + 1, y: inner.maxY - 1), style: Theme.dim, maxWidth: inner.width - 1,
                 ellipsis: glyphs.ellipsis)
    }
}
