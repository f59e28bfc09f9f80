import BNCore
import BNData
import Foundation

/// Trains one run plan on a dataset, publishing what it records as `RunEvent`s.
///
/// The loop, per phase and epoch (PyTorch's usual training loop, spelled out):
/// ```
/// model.train(); if the phase says so, BatchNorm layers .eval()
/// for each micro-batch: loss = CE(model(x), y) / k; backward   (k = accumulation steps)
///     every k micro-batches (and at the end of the epoch): opt.step(); opt.zero_grad();
///         each `interval: step` scheduler .step()
/// end of epoch: eval-mode test loss and per-class accuracy; train-mode ones where asked
///     (BatchNorm buffers restored afterwards); probe drift; population statistics;
///     each `interval: epoch` scheduler .step()
/// ```
/// Each phase builds its optimizer (``OptimizerBuilder``) over the parameters it trains, with
/// the phase's lr, and the plan's schedulers on it. A `step` event's `lr` is the rate that step
/// used.
/// Every training forward also publishes `bn_watch` events for the watched channels of each
/// BatchNorm layer (``BNWatchRecorder``); full snapshots come after step 1, every
/// ``RecordSpec/snapshotInterval(totalSteps:)`` steps and at each epoch's end.
///
/// A NaN or infinite loss ends the run as diverged at that step (its `step` event written with
/// the loss), and so does a loss above ``explodingFactor`` × the first step's for
/// ``explodingSteps`` steps in a row.
///
/// Checkpoints (docs/checkpoints.md) are saved beside the run file at the end, every
/// `record.checkpoint_every` epochs, and when the run is cancelled; a trainer given one of them
/// (`resumeFrom`) continues exactly where it stopped.
public struct Trainer: Sendable {
    /// The fully resolved plan.
    public let plan: RunPlan
    /// The dataset (shared, read-only).
    public let data: IDXDataset
    /// Weights to start from instead of the seeded initialization (`--init`).
    public let initialWeights: StateDict?
    /// A checkpoint of this run to continue from (`--resume`).
    public let resumeFrom: Checkpoint?

    /// A trainer for `plan` on `data`, starting from `initialWeights` or continuing `resumeFrom`.
    public init(plan: RunPlan, data: IDXDataset, initialWeights: StateDict? = nil, resumeFrom: Checkpoint? = nil) {
        self.plan = plan
        self.data = data
        self.initialWeights = initialWeights
        self.resumeFrom = resumeFrom
    }

    /// Runs the plan to the end, or until cancelled (throws `RunCancelled` after saving an
    /// interrupt checkpoint).
    public func run(_ control: RunControl) throws -> RunOutcome {
        BLAS.setThreads(1)
        var session = try TrainingSession(plan: plan, data: data, control: control)
        if let initialWeights { try session.model.network.loadStateDict(initialWeights) }
        if let resumeFrom { try session.restore(resumeFrom) }
        do {
            let outcome = try session.run()
            session.saveCheckpointOrWarn(.end)
            return outcome
        } catch let cancelled as RunCancelled {
            session.saveCheckpointOrWarn(.interrupt)
            throw cancelled
        }
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
    /// The model's random source (initialization, then dropout masks).
    let rng: RandomSource
    var step = 0, samples = 0, epoch = 0
    /// Epochs whose end measurements were published.
    var epochsCompleted = 0
    /// Micro-batches of the current epoch trained on, and the accumulation group in progress.
    var microIndex = 0, groupLoss = 0.0, groupCount = 0
    /// The random state when the current epoch's end measurements began (an interruption
    /// during them resumes by measuring again from there).
    var rngAtEpochEnd: [UInt64]?
    /// Where a resumed run continues, until it gets there.
    var start: TrainingPosition?
    /// Active seconds of the run before it was resumed.
    var timeOffset = 0.0
    /// The optimizer of the current phase.
    var optimizer: Optimizer?
    /// The current phase's schedulers, each with when it steps.
    var schedulers: [(scheduler: LRScheduler, interval: SchedulerInterval)] = []
    /// The checkpoint being resumed from, until its optimizer state is restored.
    var resumeTensors: Checkpoint?
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
        rng = RandomSource(seed: plan.seed)
        model = try ModelBuilder.build(plan.model, rng: rng)
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
        if start == nil { try probe?.measure(network) }    // baseline before any training
        var epochsBefore = 0
        for phase in plan.phases {
            let first = epochsBefore + 1
            epochsBefore += phase.epochs
            // a resumed run skips the phases it finished, and continues the one it was in
            if let start, start.epochsCompleted >= epochsBefore { continue }
            let continuing = start.map { $0.epochsCompleted >= first || $0.microBatches > 0 } ?? false
            try begin(phase, announce: !continuing)
            let trainable = network.parameters().filter(\.requiresGrad)
            let optimizer = try OptimizerBuilder.optimizer(plan.optimizer, parameters: trainable, lr: phase.lr)
            self.optimizer = optimizer
            schedulers = try OptimizerBuilder.schedulers(plan.scheduler, on: optimizer).map { ($0.0, $0.1) }
            if continuing {
                try restoreOptimizer(optimizer)
                replaySchedules(phaseFirstEpoch: first)
            }
            for e in first...epochsBefore {
                epoch = e
                var from = 0
                if let start {
                    if e <= start.epochsCompleted { continue }
                    from = start.microBatches
                    self.start = nil
                }
                if let diverged = try trainEpoch(phase, optimizer, from: from) { return .diverged(diverged) }
                try endEpoch(phase)
                epochsCompleted = e
                microIndex = 0
                stepSchedulers(.epoch)
                if let every = plan.record.checkpointEvery, e % every == 0 { saveCheckpointOrWarn(.epoch) }
            }
        }
        return .done
    }

    /// Applies a phase's freezing and BatchNorm mode, with markers saying so (unless a resumed
    /// run is continuing the phase, whose markers are already in the file).
    mutating func begin(_ phase: PhasePlan, announce: Bool = true) throws {
        let network = model.network
        if announce {
            try control.publish(.marker(MarkerEvent(step: step, kind: .phase,
                                                    text: "phase \(phase.name): \(phase.epochs) epoch(s), lr \(phase.lr)")))
        }
        switch phase.freeze {
        case .none:
            network.requiresGrad(true)
        case .body:
            network.requiresGrad(false)
            model.head?.requiresGrad(true)
            guard announce else { break }
            try control.publish(.marker(MarkerEvent(step: step, kind: .freeze,
                text: "body frozen: requires_grad off on all but the last Linear (BatchNorm buffers still update in train mode)")))
        }
        if announce && phase.bnModeInTraining == .eval && !model.batchNorms.isEmpty {
            try control.publish(.marker(MarkerEvent(step: step, kind: .modeSwitch,
                text: "BatchNorm layers in eval mode during training: running statistics frozen")))
        }
    }

    /// Puts the network in training mode, with BatchNorm in eval mode when the phase asks.
    func setTrainingMode(_ phase: PhasePlan) {
        model.network.train()
        if phase.bnModeInTraining == .eval { for (_, bn) in model.batchNorms { bn.eval() } }
    }

    /// One pass over the training set, or the rest of one from micro-batch `from` (a resumed
    /// run, whose sums and partial gradients were restored). Returns a message when the loss diverged.
    mutating func trainEpoch(_ phase: PhasePlan, _ optimizer: Optimizer, from: Int = 0) throws -> String? {
        let network = model.network
        setTrainingMode(phase)
        let k = plan.accumulationSteps
        let totalSteps = stepsPerEpoch * plan.epochs
        let snapshotInterval = plan.record.snapshotInterval(totalSteps: totalSteps)
        var iterator = trainLoader.epoch(epoch - 1)
        var batch = Batch()
        epochStart = .now
        microIndex = from
        if from == 0 {
            groupLoss = 0
            groupCount = 0
            epochLossSum = 0
            epochSteps = 0
            optimizer.zeroGrad()
        }
        for _ in 0..<from { _ = iterator.next(into: &batch) }   // the batches trained on before the interruption
        while iterator.next(into: &batch) {
            try control.checkpoint()
            let logits = try network.forward(batch.input)
            for event in watch.events(step: step + 1, micro: microIndex % k + 1) { try control.publish(.bnWatch(event)) }
            let result = try loss.compute(logits: logits, targets: batch.labels, gradScale: 1 / Float(k))
            microIndex += 1
            samples += batch.count
            guard result.value.isFinite else {
                step += 1
                try publishStep(loss: result.value, lr: optimizer.lr)
                return "loss became \(result.value.isNaN ? "NaN" : "infinite") at step \(step) (epoch \(epoch))"
            }
            try network.backwardParameters(result.gradient)
            groupLoss += result.value
            groupCount += 1
            if microIndex % k == 0 || microIndex == microBatchesPerEpoch {
                let lr = optimizer.lr     // the rate this step uses, before the schedulers move it
                optimizer.step()
                optimizer.zeroGrad()
                stepSchedulers(.step)
                step += 1
                let stepLoss = groupLoss / Double(groupCount)
                epochLossSum += stepLoss
                epochSteps += 1
                if step % plan.record.lossEvery == 0 || step == 1 { try publishStep(loss: stepLoss, lr: lr) }
                groupLoss = 0
                groupCount = 0
                if let message = try checkExploding(stepLoss, lr: lr) { return message }
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
                                            time: timeOffset + control.activeSeconds)))
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
        rngAtEpochEnd = rng.state     // kept when the measurements are interrupted (the interrupt checkpoint uses it)
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
            seconds: seconds(since: epochStart), weightNorm: plan.record.weightNorm ? model.scaleInvariantWeightNorm : nil)))
        rngAtEpochEnd = nil
        setTrainingMode(phase)
    }

    func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return d.inSeconds
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
                step: step, epoch: epoch, layer: name, layerType: bn is BatchNorm2d || (bn as? GhostBatchNorm)?.kind == .twoD ? "BatchNorm2d" : "BatchNorm1d",
                batchMean: last.mean, batchVar: last.variance,
                runningMean: bn.runningMean?.value.data, runningVar: bn.runningVar?.value.data,
                numBatchesTracked: bn.numBatchesTracked.map { Int($0.value) }, count: last.count,
                populationMean: population?[name]?.mean, populationVar: population?[name]?.variance)))
        }
    }
}
