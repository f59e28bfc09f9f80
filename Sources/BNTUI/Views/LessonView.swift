import BNCharts
import BNLab
import Foundation

/// The lesson box under the chart: which step, its text, the question and (once revealed) the
/// answer, and the keys that go on; while playing towards a pause, one line saying so.
enum LessonView {
    /// The lines for `lesson` in `width` columns, each with its style.
    static func lines(_ lesson: LessonPlayer, replay: ReplaySession, width: Int) -> [(String, Style)] {
        let total = lesson.steps.count
        guard let step = lesson.current else {
            return [("Lesson finished (\(total) steps). The replay stays open: Space plays, W leaves, q quits.", Theme.title)]
        }
        let point = LessonPlayer.pausePoint(of: step, cursor: replay.cursor)
        var whereText: String
        switch step.pause {
        case .step(let s):
            whereText = "step \(s)"
            if s > point { whereText += " (the run ends at step \(point))" }
        case .epoch(let e):
            whereText = "end of epoch \(e)"
            if e > replay.cursor.epochEnds.count { whereText += " (the run has \(replay.cursor.epochEnds.count) epochs)" }
        }
        guard lesson.isPaused else {
            // On the way to the pause point: playing, or held by the user with Space.
            let motion = replay.cursor.isPlaying ? "playing to \(whereText)…" : "paused; Space plays on to \(whereText)"
            return [("Lesson \(lesson.index + 1)/\(total): \(motion)", Theme.title)]
        }
        var out: [(String, Style)] = [("Lesson \(lesson.index + 1)/\(total), paused at \(whereText)", Theme.title)]
        let wrap = max(10, width)
        out += TextWrap.lines(unfold(step.text), width: wrap).map { ($0, Style.plain) }
        if let question = step.question {
            out += TextWrap.lines("Q: " + unfold(question), width: wrap).map { ($0, Theme.key) }
            if lesson.isAnswerShown, let answer = step.answer {
                out += TextWrap.lines("A: " + unfold(answer), width: wrap).map { ($0, Style(foreground: .green, attributes: .bold)) }
            } else if step.answer != nil {
                out.append(("Predict, then press a to reveal the answer.", Theme.dim))
            }
        }
        let last = lesson.index + 1 == total
        out.append((last ? "N ends the lesson." : "N continues to the next step.", Theme.dim))
        return out
    }

    /// `text` with its single line breaks (from a YAML block) turned into spaces; blank lines stay
    /// paragraph breaks.
    static func unfold(_ text: String) -> String {
        text.components(separatedBy: "\n\n")
            .map { $0.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") }
            .joined(separator: "\n\n")
    }

    static func render(_ lines: ArraySlice<(String, Style)>, into grid: inout Grid, in rect: Rect, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        let separator = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        grid.fill(separator, with: Cell(glyphs.horizontal, style: Theme.border))
        for (i, line) in lines.enumerated() where rect.y + 1 + i < rect.maxY {
            grid.put(string: line.0, at: Point(x: rect.x, y: rect.y + 1 + i), style: line.1, maxWidth: rect.width,
                     ellipsis: glyphs.ellipsis)
        }
    }
}
