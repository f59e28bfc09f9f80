import BNCharts
import BNLab
import Foundation

/// The lesson box under the chart: which step, its text, the question and (once revealed) the
/// answer, and the keys that go on; while playing towards a pause, one line saying so.
enum LessonView {
    /// The lines for `lesson` in `width` columns, each with its style, in at most `maxLines` rows:
    /// when they do not fit, the key reminders go first (the footer has them), then the end of the
    /// step's text (marked by `ellipsis`); the question and the answer always stay.
    static func lines(_ lesson: LessonPlayer, replay: ReplaySession, width: Int, maxLines: Int,
                      ellipsis: Character) -> [(String, Style)] {
        let sections = sections(lesson, replay: replay, width: width)
        var text = sections.text, prompt = sections.prompt, keys = sections.keys
        func count() -> Int { sections.title.count + text.count + sections.question.count + prompt.count + keys.count }
        if count() > maxLines { keys = [] }
        if count() > maxLines { prompt = [] }
        if count() > maxLines {
            let room = max(0, text.count - (count() - maxLines) - 1)
            text = Array(text.prefix(room)) + (room < text.count ? [(String(ellipsis), Theme.dim)] : [])
        }
        return Array((sections.title + text + sections.question + prompt + keys).prefix(maxLines))
    }

    /// The lines for `lesson` in `width` columns, each with its style, all of them.
    static func lines(_ lesson: LessonPlayer, replay: ReplaySession, width: Int) -> [(String, Style)] {
        let s = sections(lesson, replay: replay, width: width)
        return s.title + s.text + s.question + s.prompt + s.keys
    }

    /// The parts of a step's box, wrapped to `width`: where it paused, its text, the question
    /// (and answer once revealed), the prompt to reveal it, the key that goes on.
    typealias Sections = (title: [(String, Style)], text: [(String, Style)], question: [(String, Style)],
                          prompt: [(String, Style)], keys: [(String, Style)])

    static func sections(_ lesson: LessonPlayer, replay: ReplaySession, width: Int) -> Sections {
        let wrap = max(10, width)
        func wrapped(_ text: String, _ style: Style) -> [(String, Style)] { TextWrap.lines(text, width: wrap).map { ($0, style) } }
        let total = lesson.steps.count
        if lesson.showsIntro { return intro(lesson, wrapped: wrapped) }
        guard let step = lesson.current else {
            return (wrapped("Lesson finished (\(total) steps). The replay stays open: r restarts the lesson, Space plays, "
                            + "W leaves, q quits.", Theme.title), [], [], [], [])
        }
        let whereText = MetricPoint(step.pause).spoken
        guard lesson.isPaused else {
            // On the way to the pause point: playing, or held by the user with Space.
            let motion = replay.cursor.isPlaying ? "playing to \(whereText)…" : "paused; Space plays on to \(whereText)"
            return (wrapped("Lesson \(lesson.index + 1)/\(total): \(motion)", Theme.title), [], [], [], [])
        }
        let results = lesson.currentResults
        let failing = results.filter(\.isFailure).count
        let checked = results.filter { if case .skipped = $0.outcome { false } else { true } }.count
        let tally = checked == 0 ? "" : " · \(checked - failing)/\(checked) claims hold"
        let title = wrapped("Lesson \(lesson.index + 1)/\(total), paused at \(whereText)\(tally)", Theme.title)
        // A claim the data contradicts is flagged beside the text, never shown as if it held.
        var text = failing == 0 ? [] : wrapped("! The runs contradict \(failing == 1 ? "a claim" : "\(failing) claims") of this "
                                               + "step (FAILS below): read its text with that in mind.", Theme.error)
        text += wrapped(unfold(step.text), .plain)
        var question: [(String, Style)] = [], prompt: [(String, Style)] = []
        if let q = step.question {
            question = wrapped("Q: " + unfold(q), Theme.key)
            if lesson.isAnswerShown, let answer = step.answer {
                question += wrapped("A: " + unfold(answer), Style(foreground: .green, attributes: .bold))
            } else if step.answer != nil {
                prompt = wrapped("Predict, then press a to reveal the answer.", Theme.dim)
            }
        }
        // A failing check stays on screen with the question; the others follow the text and give
        // way first when the box is short (the title keeps their tally).
        func check(_ r: ExpectationResult) -> [(String, Style)] {
            wrapped("check " + r.line.replacingOccurrences(of: "  ", with: " "), style(of: r))
        }
        text += results.filter { !$0.isFailure }.flatMap(check)
        question += results.filter(\.isFailure).flatMap(check)
        let last = lesson.index + 1 == total
        return (title, text, question, prompt, wrapped(last ? "N ends the lesson." : "N continues to the next step.", Theme.dim))
    }

    /// The notice shown before a lesson whose runs miss some of its points: which, what is
    /// skipped, and how to train runs long enough.
    private static func intro(_ lesson: LessonPlayer, wrapped: (String, Style) -> [(String, Style)]) -> Sections {
        let total = lesson.steps.count, shown = lesson.reachableCount
        let title = wrapped("These runs are too short for this lesson: \(shown) of its \(total) steps can be shown.", Theme.error)
        var text: [(String, Style)] = []
        for gap in lesson.coverage.gaps {
            text += wrapped("- step \(gap.stepIndex + 1) needs \(gap.point.spoken) (\(gap.reason))", .plain)
        }
        // The way out stays on screen when the list of missing points is cut.
        let hint = lesson.freshHint.map { wrapped("For the whole lesson: \($0)", Theme.key) } ?? []
        let keys = wrapped(shown > 0 ? "N starts the lesson without those steps; q quits." : "q quits.", Theme.dim)
        return (title, text, hint, [], keys)
    }

    /// The colour of a checked expectation: green when it holds, red when it fails, dim when skipped.
    private static func style(of result: ExpectationResult) -> Style {
        switch result.outcome {
        case .holds: return Style(foreground: .green)
        case .fails, .unreadable: return Theme.error
        case .skipped: return Theme.dim
        }
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
