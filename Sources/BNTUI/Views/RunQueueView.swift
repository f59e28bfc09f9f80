import BNCharts

/// The run queue: per run its id, name (``RunNaming``: `bn s2` when several runs share a variant)
/// and state, then a progress bar with epoch and step, samples/s and ETA; once done, the run's data
/// and epochs (`subset 3000/600 · 2 ep`) and duration, or why it ended.
enum RunQueueView {
    /// Draws the queue in `rect` (inside its box); `compact` uses one row per run.
    static func render(_ state: WorkbenchState, into grid: inout Grid, in rect: Rect, glyphs: Glyphs, compact: Bool) {
        guard !rect.isEmpty else { return }
        let runs = state.runs
        guard !runs.isEmpty else {
            let hint = "No runs yet. Enter runs the selected experiment; they train in the background."
            for (i, line) in TextWrap.lines(hint, width: rect.width).prefix(rect.height).enumerated() {
                grid.put(string: line, at: Point(x: rect.x, y: rect.y + i), style: Theme.dim)
            }
            return
        }
        let focused = state.focus == .runs
        // Two rows per run (the second says how it goes or why it ended) while they fit.
        let rowsPer = compact || (rect.height < 4 && rect.height < 2 * runs.count) ? 1 : 2
        let visible = max(1, rect.height / rowsPer)
        let names = RunRecord.labels(runs)
        let offset = Formatting.scrollOffset(selected: state.selectedRun, count: runs.count, visible: visible)
        for (row, index) in (offset..<min(runs.count, offset + visible)).enumerated() {
            let run = runs[index]
            let name = "\(run.id) \(names[index])"
            let y = rect.y + row * rowsPer
            let isSelected = index == state.selectedRun
            let lineRect = Rect(x: rect.x, y: y, width: rect.width, height: 1)
            let nameStyle = isSelected ? (focused ? Theme.selected : Theme.selectedUnfocused) : Style.plain
            if isSelected && focused { grid.fill(lineRect, with: Cell(" ", style: Theme.selected)) }
            // A replayed run before its end event is shown as such, not as running.
            let stateText = " " + (state.replay != nil && run.end == nil ? "replay" : run.state.name(trains: state.trains))
            let stateStyle = nameStyle.withForeground(Theme.color(of: run.state)).adding(.bold)
            if rowsPer == 1 {
                // Compact: "#1 bn-vs-no-bn/bn  42% running".
                let percent = run.progress.map { " \(Int(($0.fraction * 100).rounded()))%" } ?? ""
                let tail = percent + stateText
                grid.put(string: name, at: lineRect.origin, style: nameStyle,
                         maxWidth: rect.width - tail.count, ellipsis: glyphs.ellipsis)
                grid.put(string: tail, at: Point(x: rect.maxX - tail.count, y: y), style: stateStyle)
                continue
            }
            grid.put(string: name, at: lineRect.origin, style: nameStyle,
                     maxWidth: rect.width - stateText.count, ellipsis: glyphs.ellipsis)
            grid.put(string: stateText, at: Point(x: rect.maxX - stateText.count, y: y), style: stateStyle)
            progressLine(run, into: &grid, in: Rect(x: rect.x, y: y + 1, width: rect.width, height: 1), glyphs: glyphs)
        }
    }

    /// `[██████▌  ep 2/5 · 480/1200]  3.8k/s  0:12`, or the run's end message.
    private static func progressLine(_ run: RunRecord, into grid: inout Grid, in rect: Rect, glyphs: Glyphs) {
        // Followed runs (`bnlab watch`) have no progress: their message (stalled, a diagnostic) shows instead.
        let showsMessage = [.failed, .diverged, .cancelled].contains(run.state)
            || ([.paused, .running].contains(run.state) && run.progress == nil)
        if showsMessage, let message = run.message {
            grid.put(string: "  " + message, at: rect.origin, style: .fg(Theme.color(of: run.state)),
                     maxWidth: rect.width, ellipsis: glyphs.ellipsis)
            return
        }
        if run.state == .done, let context = run.context {
            // A finished run's bar says nothing; its data and epochs say how to read its result,
            // and its final eval-mode accuracy where the whole line fits.
            let duration = Formatting.duration(run.end?.seconds)
            let data = "  " + context.text(unicode: glyphs.isUnicode)
            let accuracy = (run.latestEpoch?.accuracy ?? run.end?.accuracy).map { Formatting.percent($0) + "  " } ?? ""
            let tail = data.count + 1 + accuracy.count + duration.count <= rect.width ? accuracy + duration : duration
            grid.put(string: data, at: rect.origin, style: Theme.dim,
                     maxWidth: rect.width - tail.count - 1, ellipsis: glyphs.ellipsis)
            grid.put(string: tail, at: Point(x: rect.maxX - tail.count, y: rect.y), style: Theme.dim)
            return
        }
        if run.progress == nil, [.running, .paused].contains(run.state) {
            // No progress reports (a replayed or followed run): its data and epochs, not an empty bar.
            if let context = run.context {
                grid.put(string: "  " + context.text(unicode: glyphs.isUnicode), at: rect.origin, style: Theme.dim,
                         maxWidth: rect.width, ellipsis: glyphs.ellipsis)
            }
            return
        }
        let p = run.progress
        let stats: String
        switch run.state {
        case .queued: stats = "waiting"
        case .paused: stats = "paused"
        case .done: stats = Formatting.duration(run.end?.seconds)
        default: stats = p.map { "\(Formatting.rate($0.samplesPerSecond)) \(Formatting.duration($0.etaSeconds))" } ?? ""
        }
        let barWidth = max(0, rect.width - 2 - stats.count - 1)
        // The longest label that fits the bar: "ep 2/5 358/1200", "358/1200", "ep 2/5".
        let label = p.flatMap { p in
            ["ep \(p.epoch)/\(p.totalEpochs) \(p.step)/\(p.totalSteps)", "\(p.step)/\(p.totalSteps)", "ep \(p.epoch)/\(p.totalEpochs)"]
                .first { $0.count <= barWidth }
        }
        let fraction = run.state == .done ? 1 : (p?.fraction ?? 0)
        var bar = ProgressBar(fraction: fraction, label: label, style: .fg(Theme.color(of: run.state)), glyphs: glyphs)
        bar.labelStyle = Style(attributes: .bold)
        if barWidth >= 6 {
            bar.render(into: &grid, in: Rect(x: rect.x + 2, y: rect.y, width: barWidth, height: 1))
        }
        grid.put(string: stats, at: Point(x: rect.maxX - stats.count, y: rect.y), style: Theme.dim)
    }
}
