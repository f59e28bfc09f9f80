import BNCharts

/// The top row: the name, where runs come from, and the status message or the runs' data and epochs
/// (`subset 3000/600 · 2 ep`) with a count of runs by state.
enum HeaderView {
    static func render(_ state: WorkbenchState, into grid: inout Grid, in rect: Rect, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        var x = rect.x
        x += grid.put(string: " bnlab ", at: Point(x: x, y: rect.y), style: Theme.brand)
        if rect.width >= 60 {
            x += grid.put(string: " batch-normalization workbench", at: Point(x: x, y: rect.y), style: Theme.title)
        }
        if let label = state.backendLabel, rect.width >= 90 {
            x += grid.put(string: "  " + label, at: Point(x: x, y: rect.y), style: Theme.dim)
        }
        let right: String
        let style: Style
        if let status = state.status {
            right = status.text
            style = status.isError ? Theme.error : .plain
        } else {
            let summary = state.replay.map { replaySummary($0, glyphs: glyphs) } ?? runSummary(state.runs, glyphs: glyphs)
            right = [contextSummary(state, glyphs: glyphs), summary].compactMap { $0 }
                .joined(separator: glyphs.isUnicode ? " · " : " | ")
            style = Theme.dim
        }
        let room = rect.maxX - x - 2
        guard room > 3, !right.isEmpty else { return }
        let text = TextFitting.truncate(right, to: room, ellipsis: glyphs.ellipsis)
        grid.put(string: text, at: Point(x: rect.maxX - text.count - 1, y: rect.y), style: style)
    }

    /// The data and epochs of the runs shown (`subset 3000/600 · 2 ep`) when they share them, else
    /// those of the selected run (`#2 full data · 10 ep`); nil when unknown.
    static func contextSummary(_ state: WorkbenchState, glyphs: Glyphs) -> String? {
        let contexts = Set(state.runs.compactMap(\.context))
        if contexts.count == 1, let only = contexts.first { return only.text(unicode: glyphs.isUnicode) }
        guard state.runs.indices.contains(state.selectedRun) else { return nil }
        let run = state.runs[state.selectedRun]
        return run.context.map { "\(run.id) " + $0.text(unicode: glyphs.isUnicode) }
    }

    /// `2 runs replayed · step 120/468`.
    static func replaySummary(_ replay: ReplaySession, glyphs: Glyphs) -> String {
        let n = replay.sources.count
        let separator = glyphs.isUnicode ? " · " : " | "
        return "\(n) run\(n == 1 ? "" : "s") replayed\(separator)step \(replay.cursor.step)/\(replay.cursor.lastStep)"
    }

    /// `2 running · 1 queued · 3 done`, or `no runs` when there are none.
    static func runSummary(_ runs: [RunRecord], glyphs: Glyphs) -> String {
        guard !runs.isEmpty else { return "no runs" }
        let separator = glyphs.isUnicode ? " · " : " | "
        return RunInfo.State.allCases.compactMap { s -> String? in
            let n = runs.filter { $0.state == s }.count
            return n > 0 ? "\(n) \(s.rawValue)" : nil
        }.joined(separator: separator)
    }
}
