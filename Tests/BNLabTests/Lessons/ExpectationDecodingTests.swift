import Foundation
import Testing
@testable import BNLab

/// `expect:` on lesson steps and `lesson_check:`: the agreed syntax decodes; every mistake is a
/// load error naming its line.
@Suite("Lesson expectations: decoding")
struct ExpectationDecodingTests {
    func experiment(_ expect: String, check: String = "") -> String {
        """
        id: taught
        title: Taught
        summary: An experiment with a checked lesson.
        model:
          - {type: Flatten}
          - {type: Linear, out: 10}
        optimizer: {type: sgd, lr: 0.1}
        batch_size: 8
        epochs: 2
        variants:
          - {name: bn}
          - {name: no-bn}
          - {name: m0.01}
        \(check)
        lesson:
          - step: 300
            panel: loss
            text: Claims.
            expect:
        \(expect)
        """
    }

    func decode(_ expect: String, check: String = "") throws -> ExperimentSpec {
        try ExperimentLoader.decode(yaml: experiment(expect, check: check), file: "experiments/taught.yaml")
    }

    func failure(_ expect: String, check: String = "") -> ExperimentError? {
        do { _ = try decode(expect, check: check); return nil } catch { return error as? ExperimentError }
    }

    @Test func theAgreedSyntaxDecodes() throws {
        let spec = try decode("""
              - {less: [bn.loss@300, no-bn.loss@300]}
              - {greater: [bn.accuracy@epoch1, 0.80]}
              - {between: [bn.accuracy@end, 0.80, 0.90]}
              - {near: [bn.accuracy@epoch1, bn.train_mode_accuracy@epoch1], within: 0.01}
              - {greater: [bn.mode_gap@epoch1, 0.02], when: full}
              - {less: ["m0.01.running_mean[2:0]@300", "bn.accuracy[Shirt]@epoch2"]}
              - greater:
                  - bn.train_mode_accuracy[6]@epoch1
                  - bn.loss_raw@300
        """, check: "lesson_check: {subset: 2000, epochs: 1}")
        let e = try #require(spec.lesson?.first?.expect)
        #expect(e.count == 7)
        #expect(e[0] == LessonExpectation(.less, [.reference(MetricReference(variant: "bn", metric: .loss, point: .step(300))),
                                            .reference(MetricReference(variant: "no-bn", metric: .loss, point: .step(300)))]))
        #expect(e[1].operands[1] == .number(0.8))
        #expect(e[2].relation == .between && e[2].operands.count == 3)
        #expect(e[3].within == 0.01 && !e[3].fullDataOnly)
        #expect(e[4].fullDataOnly)
        #expect(e[5].references[0] == MetricReference(variant: "m0.01", metric: .bn(.runningMean, layer: "2", channel: 0), point: .step(300)))
        #expect(e[5].references[1].metric == .classAccuracy(.name("Shirt"), trainMode: false))
        #expect(e[6].references[0].metric == .classAccuracy(.index(6), trainMode: true))
        #expect(spec.lessonCheck == LessonCheckSpec(subset: 2000, epochs: 1))
        #expect(ExpectationFormat.claim(e[3]) == "|bn.accuracy@epoch1 - bn.train_mode_accuracy@epoch1| <= 0.01")
    }

    @Test(arguments: [
        ("      - {less: [bn.loss@300, nobn.loss@300]}", "unknown variant 'nobn'", "no-bn"),
        ("      - {less: [bn.loss@three, 0.5]}", "bad point 'three'", "epoch1"),
        ("      - {less: [bn.loss@epoch0, 0.5]}", "bad point 'epoch0'", "end"),
        ("      - {less: [bn.acuracy@300, 0.5]}", "unknown metric 'acuracy'", "accuracy"),
        ("      - {less: [\"bn.running_mean[2]@300\", 0.5]}", "unknown metric 'running_mean[2]'", "[L:C]"),
        ("      - {less: [bn.loss, 0.5]}", "has no point", "@POINT"),
        ("      - {less: [bn.loss@300]}", "has 1 operands, less takes 2", "less: [a, b]"),
        ("      - {between: [bn.loss@300, 0.1]}", "between takes 3", "[value, low, high]"),
        ("      - {near: [bn.loss@300, 0.1]}", "needs 'within'", "within"),
        ("      - {less: [bn.loss@300, 0.1], within: 0.1}", "belongs with 'near'", "near"),
        ("      - {less: [bn.loss@300, 0.1], when: subset}", "unknown condition 'subset'", "full"),
        ("      - {less: [0.1, 0.2]}", "compares only numbers", "VARIANT.METRIC@POINT"),
        ("      - {fewer: [bn.loss@300, 0.1]}", "unknown key 'fewer'", "less"),
        ("      - {less: [bn.loss@300, 0.1], greater: [bn.loss@300, 0.1]}", "more than one comparison", "exactly one"),
        ("      - {less: [bn.loss@300, [1]]}", "expected a number or a reference", "0.8"),
    ])
    func aMistakeIsALoadErrorOnItsLine(yaml: String, problem: String, hint: String) throws {
        let error = try #require(failure(yaml))
        #expect(error.line == 20, "\(error)")
        #expect(error.description.hasPrefix("experiments/taught.yaml:20:"), "\(error)")
        #expect(error.description.contains(problem), "\(error)")
        #expect(error.description.contains(hint), "\(error)")
    }

    @Test func aBadLessonCheckIsALoadError() throws {
        let error = try #require(failure("      - {less: [bn.loss@300, 1]}", check: "lesson_check: {subset: 5, epochs: 1}"))
        #expect(error.description.contains("lesson_check.subset"), "\(error)")
        let typo = try #require(failure("      - {less: [bn.loss@300, 1]}", check: "lesson_check: {epoch: 1}"))
        #expect(typo.description.contains("unknown key 'epoch'") && typo.description.contains("epochs"), "\(typo)")
    }

    @Test func referencesParseWithDottedVariantNames() throws {
        let r = try MetricReference.parse("m0.01.accuracy@end").get()
        #expect(r == MetricReference(variant: "m0.01", metric: .epochField("accuracy"), point: .end))
        #expect(r.description == "m0.01.accuracy@end")
        #expect(MetricReference.parse("bn.loss@-3") == .failure(.badPoint("-3")))
        #expect(MetricReference.parse("loss@300") == .failure(.noVariant))
    }

    @Test func theShippedLessonsDecodeWithTheirChecks() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("experiments")
        let catalog = ExperimentCatalog.load(folder: folder)
        #expect(catalog.invalid.isEmpty, "\(catalog.invalid)")
        for id in ["bn-vs-no-bn", "frozen-bn", "grad-accumulation"] {
            let spec = try #require(catalog.experiment(id: id))
            #expect(spec.lesson?.contains { !$0.expect.isEmpty } == true, "\(id) has no expectations")
        }
    }
}
