import Foundation
import Testing
@testable import BNLab

/// The `lesson:` of an experiment file: steps with text, a pause point, a panel and an optional
/// question and answer; mistakes name the file, line and field.
@Suite("Experiment lessons")
struct LessonDecodingTests {
    /// A valid experiment with `lesson` appended.
    func experiment(lesson: String) -> String {
        """
        id: taught
        title: Taught
        summary: An experiment with a lesson.
        model:
          - {type: Flatten}
          - {type: Linear, out: 10}
        optimizer: {type: sgd, lr: 0.1}
        batch_size: 8
        epochs: 2
        lesson:
        \(lesson)
        """
    }

    func failure(_ yaml: String) -> ExperimentError? {
        do {
            _ = try ExperimentLoader.decode(yaml: yaml, file: "experiments/taught.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func stepsDecodeInOrder() throws {
        let spec = try ExperimentLoader.decode(yaml: experiment(lesson: """
          - step: 300
            panel: loss
            text: Three hundred steps in.
            question: Which curve falls faster?
            answer: The bn one.
          - {epoch: 1, panel: accuracy, text: The end of epoch 1.}
          - {step: 5, panel: bn, text: Snapshots.}
        """), file: "experiments/taught.yaml")
        let lesson = try #require(spec.lesson)
        #expect(lesson.count == 3)
        #expect(lesson[0] == LessonStep(text: "Three hundred steps in.", pause: .step(300), panel: .loss,
                                        question: "Which curve falls faster?", answer: "The bn one."))
        #expect(lesson[1].pause == .epoch(1) && lesson[1].panel == .accuracy && lesson[1].question == nil)
        #expect(lesson[2].panel == .bn)
    }

    @Test func noLessonIsNil() throws {
        let yaml = experiment(lesson: "").replacingOccurrences(of: "lesson:\n", with: "")
        #expect(try ExperimentLoader.decode(yaml: yaml, file: "experiments/taught.yaml").lesson == nil)
    }

    @Test func anUnknownLessonFieldNamesItsLine() throws {
        let error = try #require(failure(experiment(lesson: """
          - step: 300
            panel: loss
            text: Three hundred steps in.
            questoin: Which curve falls faster?
        """)))
        #expect(error.kind == .unknownKey)
        #expect(error.line == 14, "\(error)")
        #expect(error.description.hasPrefix("experiments/taught.yaml:14:"), "\(error)")
        #expect(error.description.contains("unknown key 'questoin' in a lesson step"), "\(error)")
        #expect(error.description.contains("question"), "\(error)")
    }

    @Test func aBadPanelNamesTheChoices() throws {
        let error = try #require(failure(experiment(lesson: "  - {step: 3, panel: weights, text: Hi.}")))
        #expect(error.line == 11, "\(error)")
        #expect(error.field == "lesson[0].panel", "\(error)")
        #expect(error.description.contains("loss") && error.description.contains("bn"), "\(error)")
    }

    @Test func aStepNeedsExactlyOnePausePoint() throws {
        let both = try #require(failure(experiment(lesson: "  - {step: 3, epoch: 1, panel: loss, text: Hi.}")))
        #expect(both.field == "lesson[0].epoch", "\(both)")
        let none = try #require(failure(experiment(lesson: "  - {panel: loss, text: Hi.}")))
        #expect(none.description.contains("no pause point"), "\(none)")
        let zero = try #require(failure(experiment(lesson: "  - {step: 0, panel: loss, text: Hi.}")))
        #expect(zero.field == "lesson[0].step", "\(zero)")
    }

    @Test func anAnswerNeedsAQuestionAndTheListSteps() throws {
        let answer = try #require(failure(experiment(lesson: "  - {step: 3, panel: loss, text: Hi., answer: Yes.}")))
        #expect(answer.field == "lesson[0].answer", "\(answer)")
        let empty = try #require(failure(experiment(lesson: "  []")))
        #expect(empty.field == "lesson", "\(empty)")
    }

    @Test func theShippedLessonsDecode() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("experiments")
        let catalog = ExperimentCatalog.load(folder: folder)
        #expect(catalog.invalid.isEmpty, "\(catalog.invalid)")
        for id in ["bn-vs-no-bn", "frozen-bn", "grad-accumulation"] {
            let lesson = try #require(catalog.experiment(id: id)?.lesson, "\(id) has no lesson")
            #expect(lesson.count >= 3, "\(id)")
            #expect(Set(lesson.map(\.panel)).count >= 2, "\(id)")
        }
    }
}
