import BNCharts

/// The top row: the name, where runs come from, and the status message or the runs' data and epochs
/// (`subset 3000/600 · 2 ep`) with a count of runs by state.
enum HeaderView {
    static func render(_ state: WorkbenchState, into grid: inout Grid, in rect: Rect, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        let separator = glyphs.isUnicode ? " · " : " | "
        var parts = messageParts(state, glyphs: glyphs)
        let right = parts.joined(separator: separator)
        let style = state.status.map { $0.isError ? Theme.error : .plain } ?? Theme.dim
        let brand = " bnlab "
        let title = " batch-normalization workbench", shortTitle = " BN workbench"
        let label = state.backendLabel.map { "  " + $0 } ?? ""
        // The title and the backend label give way to a message that would not fit beside them.
        let fixed = brand.count + 3    // one space before the message, one after it, one between
        let showsTitle = rect.width >= 60 && fixed + title.count + right.count <= rect.width
        let showsLabel = !label.isEmpty && rect.width >= 90 && showsTitle
            && fixed + title.count + label.count + right.count <= rect.width
        var x = rect.x
        x += grid.put(string: brand, at: Point(x: x, y: rect.y), style: Theme.brand)
        if showsTitle {
            x += grid.put(string: title, at: Point(x: x, y: rect.y), style: Theme.title)
        } else if rect.width >= 60 && fixed + shortTitle.count + right.count <= rect.width {
            x += grid.put(string: shortTitle, at: Point(x: x, y: rect.y), style: Theme.title)
        }
        if showsLabel { x += grid.put(string: label, at: Point(x: x, y: rect.y), style: Theme.dim) }
        let room = rect.maxX - x - 2
        guard room > 3, !right.isEmpty else { return }
        // A summary loses whole parts from its end; a message is shortened at a word.
        var text = right
        while text.count > room && parts.count > 1 {
            parts.removeLast()
            text = parts.joined(separator: separator)
        }
        text = TextWrap.shortened(text, to: room, ellipsis: glyphs.ellipsis)
        grid.put(string: text, at: Point(x: rect.maxX - text.count - 1, y: rect.y), style: style)
    }

    /// What the header says on the right, whole: the status message, or else the runs' context and
    /// summary (`subset 3000/600 · 2 ep`, `2 runs replayed · step 16/32`), joined by ` · `.
    static func message(_ state: WorkbenchState, glyphs: Glyphs) -> String {
        messageParts(state, glyphs: glyphs).joined(separator: glyphs.isUnicode ? " · " : " | ")
    }

    /// The parts of ``message(_:glyphs:)``: the status message alone, or the context and summary.
    static func messageParts(_ state: WorkbenchState, glyphs: Glyphs) -> [String] {
        if let status = state.status { return [status.text] }
        let summary = state.replay.map { replaySummary($0, glyphs: glyphs) } ?? runSummary(state.runs, glyphs: glyphs, trains: state.trains)
        return [contextSummary(state, glyphs: glyphs), summary].compactMap { $0 }
    }

    /// The data and epochs of the runs shown (`subset 3000/600 · 2 ep`) when they share them, else
    /// those of the selected run, saying the others differ (`#2 full data · 10 ep, others differ`);
    /// nil when unknown.
    static func contextSummary(_ state: WorkbenchState, glyphs: Glyphs) -> String? {
        let contexts = Set(state.runs.compactMap(\.context))
        if contexts.count == 1, let only = contexts.first { return only.text(unicode: glyphs.isUnicode) }
        guard state.runs.indices.contains(state.selectedRun) else { return nil }
        let run = state.runs[state.selectedRun]
        return run.context.map { "\(run.id) " + $0.text(unicode: glyphs.isUnicode) + (contexts.count > 1 ? ", others differ" : "") }
    }

    /// `2 runs replayed · step 120/468`.
    static func replaySummary(_ replay: ReplaySession, glyphs: Glyphs) -> String {
        let n = replay.sources.count
        let separator = glyphs.isUnicode ? " · " : " | "
        return "\(n) run\(n == 1 ? "" : "s") replayed\(separator)step \(replay.cursor.step)/\(replay.cursor.lastStep)"
    }

    /// `2 running · 1 queued · 3 done`, or `no runs` when there are none (`trains` false: a
    /// followed run paused for want of growth is counted as `stalled`).
    static func runSummary(_ runs: [RunRecord], glyphs: Glyphs, trains: Bool = true) -> String {
        guard !runs.isEmpty else { return "no runs" }
        let separator = glyphs.isUnicode ? " · " : " | "
        return RunInfo.State.allCases.compactMap { s -> String? in
            let n = runs.filter { $0.state == s }.count
            return n > 0 ? "\(n) \(s.name(trains: trains))" : nil
        }.joined(separator: separator)
    }
}
