/// Where a run stands when a checkpoint is taken: everything besides the weights, the momentum
/// buffers and partial gradients that resuming needs to continue bit for bit.
///
/// Stored as JSON in the checkpoint's `__metadata__` under ``Checkpoint/positionKey``.
public struct TrainingPosition: Codable, Sendable, Equatable {
    /// Epochs whose end-of-epoch measurements were published.
    public var epochsCompleted: Int
    /// Micro-batches of the next epoch (`epochsCompleted + 1`) already trained on; equal to the
    /// epoch's micro-batch count when its training finished but its end measurements did not.
    public var microBatches: Int
    /// Optimizer steps taken, and training samples seen.
    public var step: Int, samples: Int
    /// Sum and count of the current epoch's step losses (its mean training loss so far).
    public var epochLossSum: Double, epochSteps: Int
    /// Loss sum and count of the accumulation group in progress (0 at a step boundary).
    public var groupLoss: Double, groupCount: Int
    /// The first step's loss, and the current run of exploding steps (divergence detection).
    public var firstLoss: Double?, explodingRun: Int
    /// The model's random source (dropout masks): four 64-bit words, in hex.
    public var rng: [String]
    /// Seconds the run had been active.
    public var activeSeconds: Double

    enum CodingKeys: String, CodingKey {
        case epochsCompleted = "epochs_completed", microBatches = "micro_batches", step, samples
        case epochLossSum = "epoch_loss_sum", epochSteps = "epoch_steps", groupLoss = "group_loss"
        case groupCount = "group_count", firstLoss = "first_loss", explodingRun = "exploding_run", rng
        case activeSeconds = "active_seconds"
    }

    /// The random source's words as written.
    static func encodeRNG(_ words: [UInt64]) -> [String] { words.map { String($0, radix: 16) } }

    /// The random source's words, or nil when they are not four hex numbers.
    var rngWords: [UInt64]? {
        let words = rng.compactMap { UInt64($0, radix: 16) }
        return words.count == 4 && rng.count == 4 ? words : nil
    }
}
