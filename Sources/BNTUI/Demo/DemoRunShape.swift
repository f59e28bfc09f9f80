/// The size of a synthetic run: how many epochs and steps, how often BN snapshots are taken, how
/// many channels each BN layer has.
public struct DemoRunShape: Sendable, Equatable {
    /// Epochs per run.
    public var epochs: Int
    /// Optimizer steps per epoch.
    public var stepsPerEpoch: Int
    /// A BN snapshot every this many steps (and at every epoch's end).
    public var snapshotEvery: Int
    /// Channels of each BN layer.
    public var channels: Int
    /// Training samples per step.
    public var batchSize: Int
    /// Channels per BN layer whose statistics every step records (`bn_watch`), spread evenly.
    public var watchedChannels: Int

    /// A shape.
    public init(epochs: Int = 5, stepsPerEpoch: Int = 240, snapshotEvery: Int = 10, channels: Int = 32, batchSize: Int = 64,
                watchedChannels: Int = 4) {
        self.epochs = max(1, epochs)
        self.stepsPerEpoch = max(1, stepsPerEpoch)
        self.snapshotEvery = max(1, snapshotEvery)
        self.channels = max(1, channels)
        self.batchSize = max(2, batchSize)
        self.watchedChannels = max(0, watchedChannels)
    }

    /// Steps in the whole run.
    public var totalSteps: Int { epochs * stepsPerEpoch }

    /// The watched channel indices: `watchedChannels` of `channels`, evenly spread from 0
    /// (`0, 8, 16, 24` of 32).
    public var watched: [Int] {
        let n = min(watchedChannels, channels)
        return n == 0 ? [] : (0..<n).map { $0 * channels / n }
    }

    /// The images one epoch trains on: `stepsPerEpoch · batchSize`.
    public var trainImages: Int { stepsPerEpoch * batchSize }
}
