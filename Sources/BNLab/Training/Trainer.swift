import BNCore
import BNData
import Foundation

/// Trains one run plan on a dataset, publishing what it records as `RunEvent`s.
///
/// The loop, per phase and epoch (PyTorch's usual training loop, spelled out):
/// ```
/// model.train(); if the phase says so, BatchNorm layers .eval()
/// for each micro-batch: loss = CE(model(x), y) / k; backward   (k = accumulation steps)
///     every k micro-batches (and at the end of the epoch): sgd.step(); sgd.zero_grad()
/// end of epoch: eval-mode test loss and per-class accuracy; train-mode ones where asked
///     (BatchNorm buffers restored afterwards); probe drift; population statistics
/// ```
/// Every training forward also publishes `bn_watch` events for the watched channels of each
/// BatchNorm layer (``BNWatchRecorder``); full snapshots come after step 1, every
/// ``RecordSpec/snapshotInterval(totalSteps:)`` steps and at each epoch's end.
///
/// A NaN or infinite loss ends the run as diverged at that step (its `step` event written with
/// the loss), and so does a loss above ``explodingFactor`` × the first step's for
/// ``explodingSteps`` steps in a row.
public struct Trainer: Sendable {
    /// The fully resolved plan.
    public let plan: RunPlan
    /// The dataset (shared, read-only).
    public let data: IDXDataset

    /// A trainer for `plan` on `data`.
    public init(plan: RunPlan, data: IDXDataset) {
        self.plan = plan
        self.data = data
    }

    /// Runs the plan to the end, or until cancelled (throws `RunCancelled`).
    public func run(_ control: RunControl) throws -> RunOutcome {
        BLAS.setThreads(1)
        var session = try TrainingSession(plan: plan, data: data, control: control)
        return try session.run()
    }
}

/// The mutable state of one training run.
struct TrainingSession {
    let plan: RunPlan
    let data: IDXDataset
    let control: RunControl
    let model: BuiltModel
    let normalize: Normalize
    let trainLoader: BatchLoader
    let testLoader: BatchLoader
    let classes: Int
    let loss: CrossEntropyLoss
    var step = 0, samples = 0, epoch = 0
    /// When the current epoch started.
    var epochStart = ContinuousClock.now
    /// Sum and count of the current epoch's step losses (for its mean training loss).
    var epochLossSum = 0.0, epochSteps = 0
    var probe: ProbeTracker?
    let watch: BNWatchRecorder
    /// The first step's loss, and how many steps in a row the loss has exceeded it ``explodingFactor`` times.
    var firstLoss: Double?, explodingRun = 0
    /// A loss this many times the first step's, ``explodingSteps`` steps in a row, ends the run as diverged.
    static let explodingFactor = 1e6, explodingSteps = 10

    init(plan: RunPlan, data: IDXDataset, control: RunControl) throws {
        self.plan = plan
        self.data = data
        self.control = control
        classes = data.classNames.count
        model = try ModelBuilder.build(plan.model, rng: RandomSource(seed: plan.seed))
        if let n = plan.dataset.normalize {
            normalize = try Normalize(mean: n.mean.map(Float.init), std: n.std.map(Float.init))
        } else {
            normalize = .identity
        }
        trainLoader = try Self.loader(data.train, plan.microBatch, shuffle: true, seed: plan.seed,
                                      subset: Self.subset(plan.dataset.subset, train: true), normalize: normalize)
        testLoader = try Self.loader(data.test, plan.evalBatchSize, shuffle: false, seed: plan.seed,
                                     subset: Self.subset(plan.dataset.subset, train: false), normalize: normalize)
        loss = try CrossEntropyLoss()
        watch = BNWatchRecorder(model: model, channels: plan.record.watchChannels)
        if let spec = plan.record.probe, let head = model.headIndex {
            probe = try ProbeTracker(spec: spec, headIndex: head, split: data.test, normalize: normalize)
        }
    }

    /// A loader that never yields a final batch of one sample (BatchNorm cannot train on it).
    static func loader(_ split: DatasetSplit, _ batchSize: Int, shuffle: Bool, seed: UInt64, subset: Subset,
                       normalize: Normalize) throws -> BatchLoader {
        let first = try BatchLoader(split: split, batchSize: batchSize, shuffle: shuffle, dropLast: false,
                                    seed: seed, subset: subset, normalize: normalize)
        guard first.sampleCount % batchSize == 1 && first.sampleCount > 1 else { return first }
        return try BatchLoader(split: split, batchSize: batchSize, shuffle: shuffle, dropLast: true,
                               seed: seed, subset: subset, normalize: normalize)
    }

    static func subset(_ spec: SubsetSpec?, train: Bool) -> Subset {
        guard let spec, let n = train ? spec.train : spec.test else { return .all }
        return spec.balanced ? .perClass(max(1, n / 10)) : .first(n)
    }

    var microBatchesPerEpoch: Int { trainLoader.batchCount }
    var stepsPerEpoch: Int { (microBatchesPerEpoch + plan.accumulationSteps - 1) / plan.accumulationSteps }

    mutating func run() throws -> RunOutcome {
        let network = model.network
        try probe?.measure(network)     // baseline before any training
        for phase in plan.phases {
            try begin(phase)
            let trainable = network.parameters().filter(\.requiresGrad)
            let sgd = try SGD(trainable, lr: phase.lr, momentum: plan.optimizer.momentum,
                              dampening: plan.optimizer.dampening, weightDecay: plan.optimizer.weightDecay,
                              nesterov: plan.optimizer.nesterov)
            for _ in 0..<phase.epochs {
                epoch += 1
                if let diverged = try trainEpoch(phase, sgd) { return .diverged(diverged) }
                try endEpoch(phase)
            }
        }
        return .done
    }

    /// Applies a phase's freezing and BatchNorm mode, with markers saying so.
    mutating func begin(_ phase: PhasePlan) throws {
        let network = model.network
        try control.publish(.marker(MarkerEvent(step: step, kind: .phase,
                                                text: "phase \(phase.name): \(phase.epochs) epoch(s), lr \(phase.lr)")))
        switch phase.freeze {
        case .none:
            network.requiresGrad(true)
        case .body:
            network.requiresGrad(false)
            model.head?.requiresGrad(true)
            try control.publish(.marker(MarkerEvent(step: step, kind: .freeze,
                text: "body frozen: requires_grad off on all but the last Linear (BatchNorm buffers still update in train mode)")))
        }
        if phase.bnModeInTraining == .eval && !model.batchNorms.isEmpty {
            try control.publish(.marker(MarkerEvent(step: step, kind: .modeSwitch,
                text: "BatchNorm layers in eval mode during training: running statistics frozen")))
        }
    }

    /// Puts the network in training mode, with BatchNorm in eval mode when the phase asks.
    func setTrainingMode(_ phase: PhasePlan) {
        model.network.train()
        if phase.bnModeInTraining == .eval { for (_, bn) in model.batchNorms { bn.eval() } }
    }

    /// One pass over the training set. Returns a message when the loss diverged.
    mutating func trainEpoch(_ phase: PhasePlan, _ sgd: SGD) throws -> String? {
        let network = model.network
        setTrainingMode(phase)
        let k = plan.accumulationSteps
        let totalSteps = stepsPerEpoch * plan.epochs
        let snapshotInterval = plan.record.snapshotInterval(totalSteps: totalSteps)
        var iterator = trainLoader.epoch(epoch - 1)
        var batch = Batch()
        var microIndex = 0, groupLoss = 0.0, groupCount = 0
        epochLossSum = 0
        epochSteps = 0
        epochStart = .now
        sgd.zeroGrad()
        while iterator.next(into: &batch) {
            try control.checkpoint()
            let logits = try network.forward(batch.input)
            for event in watch.events(step: step + 1, micro: microIndex % k + 1) { try control.publish(.bnWatch(event)) }
            let result = try loss.compute(logits: logits, targets: batch.labels, gradScale: 1 / Float(k))
            microIndex += 1
            samples += batch.count
            guard result.value.isFinite else {
                step += 1
                try publishStep(loss: result.value, lr: sgd.lr)
                return "loss became \(result.value.isNaN ? "NaN" : "infinite") at step \(step) (epoch \(epoch))"
            }
            try network.backwardParameters(result.gradient)
            groupLoss += result.value
            groupCount += 1
            if microIndex % k == 0 || microIndex == microBatchesPerEpoch {
                sgd.step()
                sgd.zeroGrad()
                step += 1
                let stepLoss = groupLoss / Double(groupCount)
                epochLossSum += stepLoss
                epochSteps += 1
                if step % plan.record.lossEvery == 0 || step == 1 { try publishStep(loss: stepLoss, lr: sgd.lr) }
                groupLoss = 0
                groupCount = 0
                if let message = try checkExploding(stepLoss, lr: sgd.lr) { return message }
                if plan.record.bnSnapshots && (step == 1 || step % snapshotInterval == 0) {
                    try publishSnapshots(population: nil)
                }
                control.reportProgress(epoch: epoch, totalEpochs: plan.epochs, step: step, totalSteps: totalSteps,
                                       samples: samples, phase: phase.name)
            }
        }
        return nil
    }

    /// Publishes the `step` event of the step just taken, with the time since the start.
    func publishStep(loss: Double, lr: Double) throws {
        try control.publish(.step(StepEvent(step: step, epoch: epoch, loss: loss, lr: lr, samples: samples,
                                            time: control.activeSeconds)))
    }

    /// A message ending the run when the loss has stayed above ``explodingFactor`` × the first
    /// step's loss for ``explodingSteps`` steps in a row (the step event is then written even
    /// when `loss_every` would skip it).
    mutating func checkExploding(_ loss: Double, lr: Double) throws -> String? {
        guard let first = firstLoss else {
            firstLoss = loss
            return nil
        }
        explodingRun = loss > Self.explodingFactor * first ? explodingRun + 1 : 0
        guard explodingRun >= Self.explodingSteps else { return nil }
        if step % plan.record.lossEvery != 0 { try publishStep(loss: loss, lr: lr) }
        return "loss exploded: above 1e6 × the first step's loss (\(first)) for \(Self.explodingSteps) steps in a row, "
            + "\(loss) at step \(step) (epoch \(epoch))"
    }

    /// End-of-epoch measurements: eval-mode test metrics, train-mode ones, probe drift, population statistics.
    mutating func endEpoch(_ phase: PhasePlan) throws {
        let network = model.network
        let control = self.control
        let epochTrainLoss = epochSteps == 0 ? .nan : epochLossSum / Double(epochSteps)
        // An end-of-epoch snapshot of every BatchNorm layer (taken before the train-mode test
        // passes, which would replace the last batch statistics), with the population
        // statistics when asked.
        if plan.record.bnSnapshots && !model.batchNorms.isEmpty {
            let population = plan.record.populationStats
                ? try PopulationStatistics.measure(model, on: trainLoader) { try control.checkpoint() } : nil
            try publishSnapshots(population: population)
        }
        network.eval()
        let eval = try Evaluation.measure(network, on: testLoader, classes: classes) { try control.checkpoint() }
        var trainMode: [TrainModeEvaluation]?
        if plan.record.trainModeEval && !model.batchNorms.isEmpty {
            trainMode = try (plan.record.trainModeBatchSizes ?? [plan.evalBatchSize]).map(evaluateInTrainMode)
        }
        let drift = try probe?.measure(network)
        try control.publish(.epoch(EpochEvent(
            epoch: epoch, phase: phase.name, trainLoss: epochTrainLoss, testLoss: eval.loss,
            classCorrect: eval.classCorrect, classTotal: eval.classTotal,
            trainMode: trainMode, probeDrift: drift?.maxAbsChange, probeChanged: drift?.changed,
            seconds: seconds(since: epochStart))))
        setTrainingMode(phase)
    }

    func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// Test metrics with the network in train mode at a given test batch size: BatchNorm then
    /// normalizes each test batch with its own statistics. Running statistics and counters are
    /// restored afterwards, so the measurement leaves the run untouched.
    func evaluateInTrainMode(batchSize: Int) throws -> TrainModeEvaluation {
        let network = model.network
        let saved = network.stateDict()
        defer { try? network.loadStateDict(saved) }
        network.train()
        let loader = try Self.loader(data.test, batchSize, shuffle: false, seed: plan.seed,
                                     subset: Self.subset(plan.dataset.subset, train: false), normalize: normalize)
        let control = self.control
        let e = try Evaluation.measure(network, on: loader, classes: classes) { try control.checkpoint() }
        return TrainModeEvaluation(batchSize: batchSize, testLoss: e.loss, classCorrect: e.classCorrect,
                                   classTotal: e.classTotal)
    }

    /// One snapshot per BatchNorm layer: the last batch's statistics and the running ones.
    func publishSnapshots(population: [String: (mean: [Float], variance: [Float])]?) throws {
        for (name, bn) in model.batchNorms {
            guard let last = bn.lastBatchStatistics else { continue }
            try control.publish(.bnSnapshot(BNSnapshot(
                step: step, epoch: epoch, layer: name, layerType: bn is BatchNorm2d ? "BatchNorm2d" : "BatchNorm1d",
                batchMean: last.mean, batchVar: last.variance,
                runningMean: bn.runningMean?.value.data, runningVar: bn.runningVar?.value.data,
                numBatchesTracked: bn.numBatchesTracked.map { Int($0.value) }, count: last.count,
                populationMean: population?[name]?.mean, populationVar: population?[name]?.variance)))
        }
    }
}
