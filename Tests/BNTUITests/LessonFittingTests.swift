import BNCharts
import BNLab
import Testing
@testable import BNTUI

@Suite("Lesson box: the question and the answer fit at 80×24")
struct LessonFittingTests {
    static let runs = ["bn-vs-no-bn/bn-vs-no-bn-bn.jsonl", "bn-vs-no-bn/bn-vs-no-bn-no-bn.jsonl"]

    /// The words of `text` (a question or answer of the lesson), as the screen should show them.
    static func words(_ text: String) -> [String] {
        LessonView.unfold(text).split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }

    /// The shipped text of bn-vs-no-bn's lesson, step `i`'s pause point moved to step
    /// `pause(i)` of the short fixture runs (32 steps), its claims read at step 20 (where the
    /// fixture runs have them).
    static func shippedSteps(pause: (Int) -> Int) throws -> [LessonStep] {
        let shipped = try #require(ScreenRenderer.catalog.experiment(id: "bn-vs-no-bn")?.lesson)
        return shipped.enumerated().map { index, step in
            var moved = step
            moved.pause = .step(pause(index))
            moved.expect = step.expect.map { e in
                var e = e
                e.operands = e.operands.map { o in
                    guard var r = o.reference else { return o }
                    r.point = .step(20)
                    return .reference(r)
                }
                return e
            }
            return moved
        }
    }

    @Test func everyStepShowsItsWholeQuestionAndAnswer() throws {
        let steps = try Self.shippedSteps { 4 + 4 * $0 }
        for index in steps.indices {
            let keys = Array(repeating: Key.character("N"), count: index) + [.character("a")]
            let screen = ScreenCase(name: "lesson-\(index)", summary: "", runs: Self.runs, keys: keys, lesson: "bn-vs-no-bn")
            let rendered = try ScreenRenderer.render(screen, size: TerminalSize(width: 80, height: 24), mode: .noColor,
                                                     lessonSteps: steps)
            // The chart pane's text (the whole width during a lesson at 80×24), its lines joined:
            // every word of the question and answer is there.
            let pane = rendered.grid.lines().map { String($0.dropFirst(1).dropLast(1)) }.joined(separator: " ")
            let shown = Set(pane.split(whereSeparator: { $0.isWhitespace }).map(String.init))
            for text in [steps[index].question, steps[index].answer].compactMap({ $0 }) {
                let missing = Self.words(text).filter { !shown.contains($0) }
                #expect(missing.isEmpty, "step \(index + 1): not shown: \(missing)\n\(rendered.grid.lines().joined(separator: "\n"))")
            }
            // The chart above keeps its plot: an x axis is drawn.
            if steps[index].panel != .accuracy {
                #expect(!CursorReadoutTests.axisLabelRows(rendered.grid).isEmpty, "step \(index + 1): no chart left")
            }
        }
    }
}
