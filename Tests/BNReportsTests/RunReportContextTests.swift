import BNLab
import Foundation
import Testing
@testable import BNReports

@Suite("Run report: names, context, colour")
struct RunReportContextTests {
    static func run(variant: String, seed: UInt64, subset: SubsetSpec?, epochs: Int = 2, loss: Double = 0.5) -> RunFile {
        var dataset = DatasetSpec()
        dataset.subset = subset
        let plan = RunPlan(experimentID: "bn-vs-no-bn", title: "t", variant: variant, dataset: dataset,
                           model: [.flatten, .linear(LinearOptions(inFeatures: 784, outFeatures: 10))],
                           optimizer: OptimizerSpec(lr: 0.01), batchSize: 64, microBatch: 64, accumulationSteps: 1,
                           evalBatchSize: 64, seed: seed,
                           phases: [PhasePlan(name: "train", epochs: epochs, freeze: .none, bnModeInTraining: .train, lr: 0.01)],
                           record: RecordSpec())
        let header = RunHeader(plan: plan, datasetFingerprint: "f", classNames: ["cat", "dog"], runID: "r\(seed)\(variant)")
        var events: [RunEvent] = (1...40).map {
            .step(StepEvent(step: $0, epoch: 1, loss: loss * exp(-Double($0) / 20), lr: 0.01, samples: 64 * $0))
        }
        events.append(.epoch(EpochEvent(epoch: 1, trainLoss: loss, testLoss: 1, classCorrect: [9, 5], classTotal: [10, 10])))
        events.append(.end(EndEvent(status: .done, step: 40)))
        return RunFile(header: header, events: events)
    }

    static let subset = SubsetSpec(train: 3000, test: 600, balanced: true)

    @Test func seedsNameRunsOfOneVariant() {
        let runs = (1...3).map { Self.run(variant: "bn", seed: UInt64($0), subset: Self.subset) }
        let text = RunReport(runs: runs).render()
        for seed in 1...3 { #expect(text.contains("bn s\(seed) eval")) }
        #expect(text.contains("bn-vs-no-bn / bn s2"))
    }

    @Test func subsetAndEpochsAreShownWithTheResults() {
        let text = RunReport(runs: [Self.run(variant: "no-bn", seed: 1, subset: Self.subset)]).render()
        #expect(text.contains("1/2 epochs, subset 3000/600 images"))
        #expect(text.contains("Per-class test accuracy (last epoch), subset 3000/600 · 2 ep"))
        let full = RunReport(runs: [Self.run(variant: "bn", seed: 1, subset: nil, epochs: 10)], unicode: false).render()
        #expect(full.contains("Training loss per step (smoothed, EMA 0.9), full data | 10 ep"))
    }

    @Test func colourIsANSIOnlyWhenAsked() {
        let runs = [Self.run(variant: "bn", seed: 1, subset: nil), Self.run(variant: "no-bn", seed: 1, subset: nil, loss: 2)]
        let plain = RunReport(runs: runs).render()
        #expect(!plain.contains("\u{1B}"))
        let colored = RunReport(runs: runs, color: true).render()
        #expect(colored.contains("\u{1B}[0;36m") && colored.contains("\u{1B}[0;33m"))   // cyan and yellow series
        #expect(colored.contains("\u{1B}[0;1mPer-class test accuracy"))
        // Without its escapes, the coloured report is the plain one.
        let stripped = colored.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(stripped == plain)
    }

    @Test func controlCharactersInFileTextAreStripped() {
        var run = Self.run(variant: "bn", seed: 1, subset: nil)
        run.header.variant = "bn\u{1B}]0;pwned\u{07}"
        run.header.classNames = ["c\u{1B}[2Jat", "dog"]
        let text = RunReport(runs: [run]).render()
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(text.contains("bn]0;pwned") && text.contains("c[2Jat"))
    }

}
