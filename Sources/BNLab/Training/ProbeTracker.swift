import BNCore
import BNData

/// The change of a fixed probe batch's features from one measurement to the next.
public struct ProbeDrift: Sendable, Equatable {
    /// max |f_now - f_before| over every feature of every probe sample.
    public var maxAbsChange: Double
    /// How many feature values changed at all.
    public var changed: Int
}

/// Watches what a network computes on a fixed probe batch (the first test images), in eval mode.
///
/// With a frozen body, the features entering the classifier head should not change from epoch to
/// epoch; they do when BatchNorm layers keep updating their running statistics in train mode.
struct ProbeTracker {
    let spec: ProbeSpec
    let headIndex: Int
    let input: Tensor
    /// The last measurement (restored from a checkpoint when a run resumes).
    var previous: Tensor?

    init(spec: ProbeSpec, headIndex: Int, split: DatasetSplit, normalize: Normalize) throws {
        self.spec = spec
        self.headIndex = headIndex
        let loader = try BatchLoader(split: split, batchSize: max(1, min(spec.size, split.count)), shuffle: false,
                                     dropLast: false, seed: 0, subset: .first(spec.size), normalize: normalize)
        var iterator = loader.epoch(0)
        var batch = Batch()
        _ = iterator.next(into: &batch)
        input = batch.input
    }

    /// Measures the probe in eval mode (the network's modes are restored by the caller) and
    /// returns the drift since the previous measurement (nil for the first).
    @discardableResult
    mutating func measure(_ network: Sequential) throws -> ProbeDrift? {
        network.eval()
        var x = input
        let upTo = spec.output == .features ? headIndex : network.layers.count
        for layer in network.layers[..<upTo] { x = try layer.forward(x) }
        defer { previous = x }
        guard let previous, previous.count == x.count else { return nil }
        var worst = 0.0, changed = 0
        for i in 0..<x.count where x.data[i] != previous.data[i] {
            changed += 1
            worst = max(worst, Double(abs(x.data[i] - previous.data[i])))
        }
        return ProbeDrift(maxAbsChange: worst, changed: changed)
    }
}
