import BNLab
import Foundation
import Testing
@testable import BNReports

@Suite("Run report")
struct RunReportTests {
    static func run(variant: String, losses: [Double]) -> RunFile {
        let plan = RunPlan(experimentID: "bn-vs-no-bn", title: "t", variant: variant, dataset: DatasetSpec(),
                           model: [.flatten, .linear(LinearOptions(inFeatures: 784, outFeatures: 10))],
                           optimizer: OptimizerSpec(lr: 0.01), batchSize: 64, microBatch: 64, accumulationSteps: 1,
                           evalBatchSize: 64, seed: 1,
                           phases: [PhasePlan(name: "train", epochs: 1, freeze: .none, bnModeInTraining: .train, lr: 0.01)],
                           record: RecordSpec())
        let header = RunHeader(plan: plan, datasetFingerprint: "f", classNames: ["cat", "dog"], runID: variant)
        var events: [RunEvent] = losses.enumerated().map {
            .step(StepEvent(step: $0 + 1, epoch: 1, loss: $1, lr: 0.01, samples: 64 * ($0 + 1)))
        }
        events.append(.bnSnapshot(BNSnapshot(step: losses.count, layer: "2", layerType: "BatchNorm1d", batchMean: [0, 1],
                                             batchVar: [1, 2], runningMean: [0.1, 0.9], runningVar: [1.5, 2.5],
                                             numBatchesTracked: losses.count)))
        events.append(.epoch(EpochEvent(epoch: 1, trainLoss: 1, testLoss: 1, classCorrect: [9, 5], classTotal: [10, 10])))
        events.append(.end(EndEvent(status: .done, step: losses.count)))
        return RunFile(header: header, events: events)
    }

    let runs = [run(variant: "bn", losses: (0..<200).map { 2 * exp(-Double($0) / 40) }),
                run(variant: "no-bn", losses: (0..<200).map { 2 * exp(-Double($0) / 120) })]

    @Test func reportHasTheChartTheTableAndTheStatistics() {
        let text = RunReport(runs: runs).render()
        #expect(text.contains("Training loss"))
        #expect(text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })   // braille dots
        #expect(text.contains("bn eval") && text.contains("no-bn eval"))
        #expect(text.contains("cat") && text.contains("90.0%") && text.contains("50.0%"))
        #expect(text.contains("num_batches_tracked 200"))
        #expect(text.contains("mean |running - batch| 0.1"))
    }

    @Test func asciiReportIsPureASCII() {
        let text = RunReport(runs: runs, unicode: false).render()
        let ascii = text.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(ascii)
        #expect(text.contains("Training loss"))
    }

    @Test func runsWithoutEpochsSayWhatIsMissing() {
        let empty = RunFile(header: runs[0].header, events: [])
        let text = RunReport(runs: [empty]).render()
        #expect(text.contains("no epoch finished"))
        #expect(text.contains("none recorded"))
    }
}
