import Foundation
import Testing
@testable import BNLab

/// The evaluator reads each metric from the run of its variant, at its point, and compares;
/// runs too short for a point are named.
@Suite("Lesson expectations: evaluation")
struct ExpectationEvaluatorTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/runs")

    /// The fixture runs (32 steps, epochs ending at steps 16 and 32, 20 test images per class; bn
    /// also in train mode), bn with two watched channels of layer 2 at step 16.
    static func runs() throws -> [RunFile] {
        var bn = try RunReader.read(contentsOf: folder.appendingPathComponent("bn-vs-no-bn-bn.jsonl"))
        let noBN = try RunReader.read(contentsOf: folder.appendingPathComponent("bn-vs-no-bn-no-bn.jsonl"))
        let at = try #require(bn.events.firstIndex { if case .step(let s) = $0 { s.step == 17 } else { false } })
        bn.events.insert(.bnWatch(BNWatch(step: 16, layer: "2", channels: [0, 64], count: 64, momentum: .factor(0.1),
                                          batchMean: [0.5, 0.25], batchVar: [1.5, 2], runningMean: [0.125, -1],
                                          runningVar: [0.75, 1])), at: at)
        return [bn, noBN]
    }

    static func ref(_ text: String) -> ExpectOperand { .reference(try! MetricReference.parse(text).get()) }

    static func value(_ text: String) throws -> Double {
        try ExpectationEvaluator(runs: try runs()).value(of: MetricReference.parse(text).get()).get()
    }

    @Test func metricsAreReadAtTheirPoint() throws {
        let bn = try Self.runs()[0]
        let steps = bn.steps
        // loss: mean of the up to 50 recorded steps ending at the point.
        let mean10 = steps.prefix(10).map(\.loss).reduce(0, +) / 10
        #expect(abs(try Self.value("bn.loss@10") - mean10) < 1e-12)
        #expect(try Self.value("bn.loss_raw@10") == steps[9].loss)
        #expect(try Self.value("bn.lr@5") == steps[4].lr)
        let e1 = bn.epochs[0], e2 = bn.epochs[1]
        #expect(try Self.value("bn.accuracy@epoch1") == e1.accuracy)
        #expect(try Self.value("bn.accuracy@end") == e2.accuracy)
        #expect(try Self.value("bn.test_loss@20") == e1.testLoss)          // the last epoch ended by step 20
        #expect(try Self.value("bn.train_mode_accuracy@epoch1") == e1.trainMode?.first?.accuracy)
        #expect(try Self.value("bn.accuracy[Shirt]@epoch1") == e1.classAccuracy[6])
        #expect(try Self.value("bn.train_mode_accuracy[1]@epoch1") == e1.trainMode?.first?.classAccuracy[1])
        // mode_gap = mean over classes of |eval − train|: the fixture's epoch 1 by hand.
        let gap = zip(e1.classAccuracy, e1.trainMode![0].classAccuracy).map { abs($0 - $1) }.reduce(0, +) / 10
        #expect(abs(try Self.value("bn.mode_gap@epoch1") - gap) < 1e-12)
        #expect(try Self.value("bn.running_mean[2:64]@16") == -1)
        #expect(try Self.value("bn.batch_var[2:0]@epoch1") == 1.5)
        #expect(try Self.value("bn.steps@end") == 32)
        #expect(try Self.value("bn.diverged@end") == 0)
    }

    @Test func aLossClaimSaysWhichStepsItsMeanCovers() throws {
        let evaluator = ExpectationEvaluator(runs: try Self.runs())
        let mean = evaluator.check(LessonExpectation(.less, [Self.ref("bn.loss@10"), .number(100)]))
        let pair = evaluator.check(LessonExpectation(.less, [Self.ref("bn.loss@10"), Self.ref("no-bn.loss@10")]))
        let raw = evaluator.check(LessonExpectation(.less, [Self.ref("bn.loss_raw@10"), .number(100)]))
        #expect(mean.line.contains("(mean of steps 1-10: \(ExpectationFormat.number(mean.values[0])) < 100)"), "\(mean.line)")
        #expect(pair.line.contains("(mean of steps 1-10: "), "\(pair.line)")
        #expect(raw.basis == nil && !raw.line.contains("mean"), "\(raw.line)")
    }

    @Test func relationsCompareTheValues() throws {
        let evaluator = ExpectationEvaluator(runs: try Self.runs())
        let acc = try Self.value("bn.accuracy@epoch1")
        let holds: [LessonExpectation] = [
            LessonExpectation(.greater, [Self.ref("bn.accuracy@epoch1"), .number(acc - 0.01)]),
            LessonExpectation(.less, [Self.ref("bn.accuracy@epoch1"), .number(acc + 0.01)]),
            LessonExpectation(.between, [Self.ref("bn.accuracy@epoch1"), .number(acc), .number(acc)]),
            LessonExpectation(.near, [Self.ref("bn.accuracy@epoch1"), .number(acc + 0.005)], within: 0.01),
        ]
        for e in holds { #expect(evaluator.check(e).outcome == .holds, "\(ExpectationFormat.claim(e))") }
        let fails: [LessonExpectation] = [
            LessonExpectation(.greater, [Self.ref("bn.accuracy@epoch1"), .number(acc)]),
            LessonExpectation(.between, [Self.ref("bn.accuracy@epoch1"), .number(acc + 0.001), .number(1)]),
            LessonExpectation(.near, [Self.ref("bn.accuracy@epoch1"), .number(acc + 0.02)], within: 0.01),
        ]
        for e in fails {
            let r = evaluator.check(e)
            #expect(r.outcome == .fails && r.isFailure, "\(ExpectationFormat.claim(e))")
            #expect(r.line.hasPrefix("FAILS") && r.line.contains(ExpectationFormat.number(acc)), "\(r.line)")
        }
    }

    @Test func missingValuesSayWhyAndTooShortRunsAreNamed() throws {
        let evaluator = ExpectationEvaluator(runs: try Self.runs())
        func outcome(_ text: String) -> ExpectationResult.Outcome {
            evaluator.check(LessonExpectation(.greater, [Self.ref(text), .number(0)])).outcome
        }
        #expect(outcome("bn.loss@300") == .unreadable("bn.loss@300: the run ends at step 32", tooShort: true))
        #expect(outcome("bn.accuracy@epoch10") == .unreadable("bn.accuracy@epoch10: the run has 2 epochs", tooShort: true))
        #expect(outcome("no-bn.train_mode_accuracy@epoch1")
                == .unreadable("no-bn.train_mode_accuracy@epoch1: epoch 1 has no train-mode evaluation (train_mode_eval)", tooShort: false))
        #expect(outcome("bn.running_mean[2:5]@16") == .unreadable("bn.running_mean[2:5]@16: channel 5 of layer 2 is not watched (watched: 0, 64)", tooShort: false))
        #expect(outcome("bn.accuracy[Sweater]@epoch1") != .holds)
        #expect(outcome("other.loss@3") == .unreadable("other.loss@3: no run of variant other", tooShort: false))
    }

    @Test func fullDataClaimsAreSkippedOnSubsets() throws {
        var runs = try Self.runs()
        #expect(ExpectationEvaluator(runs: runs).isFullData)             // their configs name no subset
        runs[1].header.config?.dataset.subset = SubsetSpec(train: 1000, test: 200, balanced: true)
        let evaluator = ExpectationEvaluator(runs: runs)
        #expect(!evaluator.isFullData)
        let r = evaluator.check(LessonExpectation(.greater, [Self.ref("bn.accuracy@epoch1"), .number(2)], fullDataOnly: true))
        #expect(r.outcome == .skipped("full data only") && !r.isFailure)
    }

    @Test func theReportCountsAndTheCoverageNamesMissingPoints() throws {
        let lesson = [
            LessonStep(text: "a", pause: .step(10), panel: .loss,
                       expect: [LessonExpectation(.less, [Self.ref("no-bn.loss@10"), .number(100)])]),
            LessonStep(text: "b", pause: .step(300), panel: .loss),
            LessonStep(text: "c", pause: .epoch(1), panel: .accuracy,
                       expect: [LessonExpectation(.greater, [Self.ref("bn.accuracy@epoch3"), .number(0)])]),
        ]
        let report = LessonCheckReport(lesson: lesson, runs: try Self.runs())
        #expect(report.counts == (holds: 1, fails: 1, skipped: 0))
        #expect(!report.passed)
        #expect(report.coverage.unreachableSteps == [1])
        #expect(report.coverage.gaps.map(\.point) == [.step(300), .epoch(3)])
        #expect(report.lines.contains("  FAILS    the runs do not reach this step's pause point (bn: the run ends at step 32)"))
        #expect(report.lines.last == "1 hold, 1 fail, 0 skipped; 1 pause point not reached")
    }

    @Test func epochsNeededCoverTheLastPoint() throws {
        let spec = try #require(ExperimentCatalog.load(folder: Self.folder.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("experiments")).experiment(id: "bn-vs-no-bn"))
        let lesson = [LessonStep(text: "x", pause: .step(1000), panel: .loss),
                      LessonStep(text: "y", pause: .epoch(2), panel: .loss)]
        let plans = try spec.plans()
        // 60000 images in batches of 64: 938 steps an epoch, so step 1000 needs 2 epochs.
        #expect(LessonCoverage.epochsNeeded(lesson: lesson, plans: plans, trainCount: 60_000) == 2)
        // 4096 balanced images are 4090: 64 steps an epoch, step 1000 needs 16.
        #expect(LessonCoverage.trainCount(subset: 4096, classes: 10) == 4090)
        #expect(LessonCoverage.epochsNeeded(lesson: lesson, plans: plans, trainCount: 4090) == 16)
    }
}
