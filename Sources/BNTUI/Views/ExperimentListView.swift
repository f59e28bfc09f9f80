import BNCharts

/// The catalog: per experiment its title, one-line summary and variants (or its problem, in red);
/// the highlighted one reversed when the list has the focus.
enum ExperimentListView {
    /// Draws the list in `rect` (inside its box); `compact` uses one row per experiment.
    static func render(_ state: WorkbenchState, into grid: inout Grid, in rect: Rect, glyphs: Glyphs, compact: Bool) {
        guard !rect.isEmpty else { return }
        let experiments = state.experiments
        guard !experiments.isEmpty else {
            grid.put(string: "no experiments found", at: rect.origin, style: Theme.dim, maxWidth: rect.width,
                     ellipsis: glyphs.ellipsis)
            return
        }
        let focused = state.focus == .experiments
        let rowsPer = compact || rect.height < 6 ? 1 : 3
        let visible = max(1, rect.height / rowsPer)
        let offset = Formatting.scrollOffset(selected: state.selectedExperiment, count: experiments.count, visible: visible)
        let separator = glyphs.isUnicode ? " · " : ", "
        for (row, index) in (offset..<min(experiments.count, offset + visible)).enumerated() {
            let e = experiments[index]
            let y = rect.y + row * rowsPer
            let isSelected = index == state.selectedExperiment
            let active = state.runs.filter { $0.experimentID == e.id && $0.state.isActive }.count
            let badge = active > 0 ? " \(glyphs.isUnicode ? "●" : "*")\(active)" : ""
            let marker = isSelected ? (glyphs.isUnicode ? "▶ " : "> ") : "  "
            let titleStyle = isSelected ? (focused ? Theme.selected : Theme.selectedUnfocused) : Theme.title
            let titleRect = Rect(x: rect.x, y: y, width: rect.width, height: 1)
            if isSelected && focused { grid.fill(titleRect, with: Cell(" ", style: Theme.selected)) }
            grid.put(string: marker + e.title, at: titleRect.origin, style: titleStyle,
                     maxWidth: rect.width - badge.count, ellipsis: glyphs.ellipsis)
            if !badge.isEmpty {
                grid.put(string: badge, at: Point(x: rect.maxX - badge.count, y: y),
                         style: titleStyle.withForeground(Theme.color(of: .running)))
            }
            guard rowsPer == 3 else { continue }
            grid.put(string: "  " + e.summary, at: Point(x: rect.x, y: y + 1), style: Theme.dim,
                     maxWidth: rect.width, ellipsis: glyphs.ellipsis)
            if let problem = e.problem {
                grid.put(string: "  invalid: " + problem, at: Point(x: rect.x, y: y + 2), style: Theme.error,
                         maxWidth: rect.width, ellipsis: glyphs.ellipsis)
            } else {
                let variants = e.variants.map(\.name).joined(separator: separator)
                grid.put(string: "  variants: " + variants, at: Point(x: rect.x, y: y + 2), style: .fg(.gray),
                         maxWidth: rect.width, ellipsis: glyphs.ellipsis)
            }
        }
    }
}
