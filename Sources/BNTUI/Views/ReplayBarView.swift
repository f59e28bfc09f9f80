import BNCharts

/// The replay's status under the charts: playing or paused, speed, step and epoch of the cursor,
/// then the files' notices (a truncated file, skipped lines) and the files that could not be opened.
///
/// ```text
/// ▶ playing 50 steps/s · step 120/468 · epoch 1/2 · Space pause  f/b step  F/B epoch  */ speed
/// note: bn.jsonl: file ends mid-line after line 812: the last partial line was ignored
/// ```
enum ReplayBarView {
    /// The bar's lines: the cursor line, then one per notice (at most three, the rest counted).
    /// With a `width`, the cursor line drops its least useful parts until it fits: first the
    /// speed, then the word after the play mark, so that step and epochs are never cut.
    static func lines(_ replay: ReplaySession, unicode: Bool, width: Int = .max) -> [(text: String, style: Style)] {
        let c = replay.cursor
        let mark = c.isPlaying ? (unicode ? "▶ playing" : "> playing") : (unicode ? "⏸ paused" : "|| paused")
        let dot = unicode ? " · " : " | "
        let speed = String(Int(c.speed))
        var out: [(text: String, style: Style)] = []
        let epochText = replay.epochText()
        let epochs = epochText.isEmpty ? "" : dot + epochText
        let end = c.isAtEnd ? " (end)" : ""
        let position = "step \(c.step)/\(c.lastStep)\(end)\(epochs)"
        let symbol = String(mark.prefix { $0 != " " })
        let forms = ["\(mark) \(speed) steps/s\(dot)" + position, "\(mark)\(dot)" + position, "\(symbol) " + position, position]
        out.append((forms.first { $0.count <= width } ?? position, Theme.key))
        let notices = replay.notices
        for notice in notices.prefix(3) {
            let isFailure = replay.failures.contains(notice)
            out.append(((isFailure ? "cannot replay " : "note: ") + notice, isFailure ? Theme.error : Theme.dim))
        }
        if notices.count > 3 { out.append(("… \(notices.count - 3) more notes", Theme.dim)) }
        return out
    }

    /// Draws `lines` from the top of `rect`, one per row.
    static func render(_ lines: ArraySlice<(text: String, style: Style)>, into grid: inout Grid, in rect: Rect,
                       glyphs: Glyphs) {
        for (i, line) in lines.enumerated() where i < rect.height {
            grid.put(string: line.text, at: Point(x: rect.x, y: rect.y + i), style: line.style, maxWidth: rect.width,
                     ellipsis: glyphs.ellipsis)
        }
    }

    /// What an empty chart says during a replay: nothing opened, or the cursor before the first loss.
    static func emptyText(_ replay: ReplaySession) -> String {
        if replay.sources.isEmpty {
            return "Nothing to replay. " + (replay.failures.first.map { "Cannot replay " + $0 } ?? "")
        }
        return "No loss at step \(replay.cursor.step) yet: f steps forward, Space plays."
    }
}
