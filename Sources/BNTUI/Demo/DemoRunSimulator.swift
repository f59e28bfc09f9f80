import BNCore
import BNLab
import Foundation

/// Produces the events of one synthetic training run, one step at a time, deterministically from a
/// seed: noisy falling losses, BN snapshots, every step's statistics of a few watched channels
/// (`bn_watch`), epoch evaluations with per-class accuracy, progress, end.
///
/// The BN statistics follow PyTorch's rule: each channel's batch mean and (biased) variance wander
/// around a slowly settling true value, and after every step
/// `running = (1 − m)·running + m·batch` (the unbiased variance `var·n/(n−1)` for `running_var`),
/// with `m = 1/num_batches_tracked` for a cumulative average. The batch statistics are rounded to
/// float before the update, as the run files store them, so the workbench's recomputation of the
/// rule from the `bn_watch` events meets the running statistics to float precision.
///
/// ```swift
/// var sim = DemoRunSimulator(shape: DemoRunShape(epochs: 1, stepsPerEpoch: 20),
///                            profile: DemoProfile(variant: VariantInfo(name: "bn", bnMomentum: 0.1)), seed: 7)
/// while !sim.isFinished { events += sim.advance(elapsedSeconds: 0.5) }
/// ```
public struct DemoRunSimulator: Sendable {
    /// The run's size.
    public let shape: DemoRunShape
    /// How the variant behaves.
    public let profile: DemoProfile
    /// Steps taken so far.
    public private(set) var step = 0
    /// True once the end event was produced.
    public private(set) var isFinished = false

    private var rng: SplitMix64
    private var layers: [Layer]
    private var epochLosses: [Double] = []
    private var lastLoss = 2.3

    /// Per-class accuracy a well-trained net reaches on Fashion-MNIST (shirts are hardest).
    private static let classCeiling: [Double] = [0.86, 0.97, 0.80, 0.88, 0.80, 0.95, 0.62, 0.94, 0.97, 0.95]
    private static let testImagesPerClass = 1000
    private static let layerNames = ["2", "5"]

    /// A BN layer's hidden truth and its running statistics.
    private struct Layer: Sendable {
        var name: String
        var baseMean: [Double]
        var driftMean: [Double]
        var baseStd: [Double]
        var runningMean: [Double]
        var runningVar: [Double]
        var tracked = 0
        var batchMean: [Double]
        var batchVar: [Double]
    }

    /// A simulator for one run.
    public init(shape: DemoRunShape, profile: DemoProfile, seed: UInt64) {
        self.shape = shape
        self.profile = profile
        var rng = SplitMix64(seed: seed)
        var layers: [Layer] = []
        if profile.hasBatchNorm {
            for name in Self.layerNames {
                let c = shape.channels
                let base = (0..<c).map { _ in 0.8 * rng.gaussian() }
                let drift = (0..<c).map { _ in 1.0 * rng.gaussian() }
                let std = (0..<c).map { _ in 0.6 + 0.5 * abs(rng.gaussian()) }
                layers.append(Layer(name: name, baseMean: base, driftMean: drift, baseStd: std,
                                    runningMean: Array(repeating: 0, count: c), runningVar: Array(repeating: 1, count: c),
                                    batchMean: Array(repeating: 0, count: c), batchVar: Array(repeating: 1, count: c)))
            }
        }
        self.rng = rng
        self.layers = layers
    }

    /// Takes one step and returns its events: `step`, BN snapshots when due, `epoch` at an epoch's end,
    /// `progress`, and `end` after the last step (or when the loss became NaN).
    public mutating func advance(elapsedSeconds: Double) -> [RunEvent] {
        guard !isFinished else { return [] }
        step += 1
        let t = Double(step)
        let epoch = (step - 1) / shape.stepsPerEpoch + 1
        var events: [RunEvent] = []

        // loss = floor + (2.3 − floor)·e^(−t/τ), times (1 + noise·z); blowing up before a divergence.
        var loss = profile.lossFloor + (2.3 - profile.lossFloor) * exp(-t / profile.lossTimeConstant)
        loss *= max(0.2, 1 + profile.noise * rng.gaussian())
        if let d = profile.divergesAt {
            if step >= d { loss = .nan } else if step > d - 25 { loss *= exp(Double(step - (d - 25)) / 4) }
        }
        events.append(.step(StepEvent(step: step, epoch: epoch, loss: loss, lr: 0.01, samples: step * shape.batchSize)))
        if loss.isFinite { lastLoss = loss; epochLosses.append(loss) }

        updateBatchNorm(t: t)
        for layer in layers where !shape.watched.isEmpty { events.append(.bnWatch(watch(of: layer))) }
        let endOfEpoch = step % shape.stepsPerEpoch == 0
        if step % shape.snapshotEvery == 0 || endOfEpoch {
            for layer in layers { events.append(.bnSnapshot(snapshot(of: layer, epoch: epoch))) }
        }
        if endOfEpoch && loss.isFinite { events.append(.epoch(epochEvent(epoch))) }
        events.append(.progress(.estimate(epoch: epoch, totalEpochs: shape.epochs, step: step, totalSteps: shape.totalSteps,
                                          samples: step * shape.batchSize, elapsedSeconds: elapsedSeconds)))
        if !loss.isFinite {
            isFinished = true
            events.append(.end(EndEvent(status: .diverged, step: step, message: "loss became NaN at step \(step)",
                                        seconds: elapsedSeconds)))
        } else if step >= shape.totalSteps {
            isFinished = true
            events.append(.end(EndEvent(status: .done, step: step, seconds: elapsedSeconds)))
        }
        return events
    }

    /// Ends the run as cancelled (no events when it already ended).
    public mutating func cancel(elapsedSeconds: Double) -> [RunEvent] {
        guard !isFinished else { return [] }
        isFinished = true
        return [.end(EndEvent(status: .cancelled, step: step, message: "cancelled at step \(step)", seconds: elapsedSeconds))]
    }

    private mutating func updateBatchNorm(t: Double) {
        let n = Double(shape.batchSize)
        for li in layers.indices {
            var layer = layers[li]
            let settle = exp(-t / 150)
            for c in layer.baseMean.indices {
                let mean = layer.baseMean[c] + layer.driftMean[c] * settle
                let std = layer.baseStd[c] * (1 + 0.5 * exp(-t / 100))
                layer.batchMean[c] = Double(Float(mean + 0.3 * std * rng.gaussian()))
                layer.batchVar[c] = Double(Float(std * std * max(0.3, 1 + 0.2 * rng.gaussian())))
            }
            if profile.updatesRunningStats {
                layer.tracked += 1
                // running = (1 − m)·running + m·batch; m = 1/num_batches_tracked when momentum is null.
                let m = profile.momentum ?? 1 / Double(layer.tracked)
                for c in layer.baseMean.indices {
                    layer.runningMean[c] = (1 - m) * layer.runningMean[c] + m * layer.batchMean[c]
                    layer.runningVar[c] = (1 - m) * layer.runningVar[c] + m * layer.batchVar[c] * n / (n - 1)
                }
            }
            layers[li] = layer
        }
    }

    /// The watched channels' batch and running statistics after this step's update.
    private func watch(of layer: Layer) -> BNWatch {
        let k = shape.watched
        func pick(_ values: [Double]) -> [Float] { k.map { Float(values[$0]) } }
        return BNWatch(step: step, layer: layer.name, training: profile.updatesRunningStats, channels: k,
                       count: shape.batchSize, momentum: profile.momentum.map(BNMomentum.factor) ?? .cumulative,
                       batchMean: pick(layer.batchMean), batchVar: pick(layer.batchVar),
                       runningMean: pick(layer.runningMean), runningVar: pick(layer.runningVar),
                       numBatchesTracked: layer.tracked)
    }

    private func snapshot(of layer: Layer, epoch: Int) -> BNSnapshot {
        BNSnapshot(step: step, epoch: epoch, layer: layer.name, layerType: "BatchNorm1d",
                   batchMean: layer.batchMean.map(Float.init), batchVar: layer.batchVar.map(Float.init),
                   runningMean: layer.runningMean.map(Float.init), runningVar: layer.runningVar.map(Float.init),
                   numBatchesTracked: layer.tracked)
    }

    private mutating func epochEvent(_ epoch: Int) -> EpochEvent {
        let trainLoss = epochLosses.isEmpty ? lastLoss : epochLosses.reduce(0, +) / Double(epochLosses.count)
        epochLosses.removeAll()
        // How far training got, 0…1, from the loss: quality = (2.3 − loss) / (2.3 − 0.3).
        let quality = min(1, max(0, (2.3 - trainLoss) / 2.0))
        let total = Array(repeating: Self.testImagesPerClass, count: Self.classCeiling.count)
        let accuracy = Self.classCeiling.map { ceiling in
            min(1, max(0, 0.1 + (ceiling - 0.1) * pow(quality, 0.7) + 0.01 * rng.gaussian()))
        }
        let correct = accuracy.map { Int(($0 * Double(Self.testImagesPerClass)).rounded()) }
        // Train mode normalizes each test batch by its own statistics: worse the smaller the batch.
        let trainMode = profile.trainModeBatchSizes.map { b -> TrainModeEvaluation in
            let factor = 1 - 0.45 / pow(Double(b), 0.6)
            let c = accuracy.map { Int(($0 * factor * Double(Self.testImagesPerClass)).rounded()) }
            return TrainModeEvaluation(batchSize: b, testLoss: trainLoss * (2 - factor), classCorrect: c, classTotal: total)
        }
        return EpochEvent(epoch: epoch, trainLoss: trainLoss, testLoss: trainLoss * 1.05, classCorrect: correct,
                          classTotal: total, trainMode: trainMode.isEmpty ? nil : trainMode)
    }
}
