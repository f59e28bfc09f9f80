import Foundation
@testable import BNLab

/// Plans, headers and events for the run-format and queue tests.
enum RunFixtures {
    static let plan = RunPlan(
        experimentID: "bn-vs-no-bn", title: "BatchNorm vs. no BatchNorm", variant: "bn", dataset: DatasetSpec(),
        model: [.flatten, .linear(LinearOptions(inFeatures: 784, outFeatures: 8, bias: false)),
                .batchNorm1d(BatchNormOptions(features: 8, momentum: nil)), .relu, .linear(LinearOptions(inFeatures: 8, outFeatures: 10))],
        optimizer: OptimizerSpec(lr: 0.01), batchSize: 64, microBatch: 64, accumulationSteps: 1, evalBatchSize: 64, seed: 1,
        phases: [PhasePlan(name: "train", epochs: 2, freeze: .none, bnModeInTraining: .train, lr: 0.01)],
        record: RecordSpec(trainModeEval: true, trainModeBatchSizes: [2, 64]))

    /// 2025-01-31T12:00:00Z.
    static let started = Date(timeIntervalSince1970: 1_738_324_800)

    static func header(runID: String = "abc123") -> RunHeader {
        RunHeader(plan: plan, datasetFingerprint: "fixture", classNames: (0..<10).map { "class \($0)" },
                  started: started, runID: runID)
    }

    /// One of every event kind, non-finite numbers included.
    static let events: [RunEvent] = [
        .marker(MarkerEvent(step: 0, kind: .phase, text: "phase train starts")),
        .step(StepEvent(step: 1, epoch: 1, loss: 2.3, lr: 0.01, samples: 64)),
        .progress(RunProgress(epoch: 1, totalEpochs: 2, step: 1, totalSteps: 4, samples: 64, samplesPerSecond: 100, etaSeconds: 3)),
        .bnSnapshot(BNSnapshot(step: 1, epoch: 1, layer: "2", layerType: "BatchNorm1d", batchMean: [0.5, -.infinity],
                               batchVar: [1, .nan], runningMean: [0.05, 0], runningVar: [0.9, 1], numBatchesTracked: 1)),
        .step(StepEvent(step: 2, epoch: 1, loss: .infinity, lr: 0.01, samples: 128)),
        .epoch(EpochEvent(epoch: 1, trainLoss: 1.5, testLoss: 1.25, classCorrect: [3, 1] + Array(repeating: 0, count: 8),
                          classTotal: [4, 4] + Array(repeating: 1, count: 8),
                          trainMode: [TrainModeEvaluation(batchSize: 2, testLoss: 2, classCorrect: [1, 1] + Array(repeating: 0, count: 8),
                                                          classTotal: [4, 4] + Array(repeating: 1, count: 8))],
                          probeDrift: 0.125, probeChanged: 1, seconds: 1.5)),
        .marker(MarkerEvent(step: 2, kind: MarkerKind(rawValue: "future_kind"), text: "kept as written")),
    ]
}
