import BNCharts
import BNLab
import Foundation

/// The lesson box under the chart: which step, its text, the question and (once revealed) the
/// answer, and the keys that go on; while playing towards a pause, one line saying so. What does
/// not fit scrolls under the title (`J`/`K`), the separator above saying which lines are shown.
enum LessonView {
    /// What the box shows in `rows` rows: the title, then `room` rows of the rest from line
    /// `first` (of `total`); `maxScroll` is 0 when everything fits.
    struct Window {
        var lines: [(String, Style)]
        var first: Int
        var room: Int
        var total: Int
        var maxScroll: Int
    }

    /// The window of `lesson`'s box in `width` columns and `rows` rows, scrolled by its
    /// ``LessonPlayer/textScroll`` (clamped, so scrolled to the end once the answer is revealed).
    /// When not all fits, the key reminder goes first (the footer has it).
    static func window(_ lesson: LessonPlayer, replay: ReplaySession, width: Int, rows: Int) -> Window {
        let s = sections(lesson, replay: replay, width: width)
        var body = s.text + s.question + s.prompt + s.keys
        if s.title.count + body.count > rows { body = s.text + s.question + s.prompt }
        let title = Array(s.title.prefix(max(0, rows)))
        let room = max(0, rows - title.count)
        let maxScroll = max(0, body.count - room)
        let first = min(max(0, lesson.textScroll), maxScroll)
        return Window(lines: title + body[first..<min(body.count, first + room)], first: first, room: room,
                      total: body.count, maxScroll: maxScroll)
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
        // A step whose point the replay had passed is shown where the replay is, and says so.
        let late = LessonPlayer.pausePoint(of: step, in: replay).flatMap { replay.cursor.step > $0 ? $0 : nil }
        let point = whereText.hasPrefix("the ") ? String(whereText.dropFirst(4)) : whereText
        let shown = late.map { "\(point) (step \($0)), shown at step \(replay.cursor.step)" } ?? "paused at \(whereText)"
        let title = wrapped("Lesson \(lesson.index + 1)/\(total), \(shown)\(tally)", Theme.title)
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

    /// Draws `lesson`'s box in `rect`: a separator (naming the lines shown when they scroll),
    /// then the window of its lines.
    static func render(_ lesson: LessonPlayer, replay: ReplaySession, into grid: inout Grid, in rect: Rect, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        let separator = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        grid.fill(separator, with: Cell(glyphs.horizontal, style: Theme.border))
        let window = window(lesson, replay: replay, width: rect.width, rows: rect.height - 1)
        if window.maxScroll > 0 {
            let last = min(window.total, window.first + window.room)
            let label = " J/K scroll: lines \(window.first + 1)-\(last) of \(window.total) "
            grid.put(string: label, at: Point(x: max(rect.x, rect.maxX - label.count - 1), y: rect.y), style: Theme.key,
                     maxWidth: rect.width, ellipsis: glyphs.ellipsis)
        }
        for (i, line) in window.lines.enumerated() where rect.y + 1 + i < rect.maxY {
            grid.put(string: line.0, at: Point(x: rect.x, y: rect.y + 1 + i), style: line.1, maxWidth: rect.width,
                     ellipsis: glyphs.ellipsis)
        }
    }
}
