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

    /// A shape.
    public init(epochs: Int = 5, stepsPerEpoch: Int = 240, snapshotEvery: Int = 10, channels: Int = 32, batchSize: Int = 64) {
        self.epochs = max(1, epochs)
        self.stepsPerEpoch = max(1, stepsPerEpoch)
        self.snapshotEvery = max(1, snapshotEvery)
        self.channels = max(1, channels)
        self.batchSize = max(2, batchSize)
    }

    /// Steps in the whole run.
    public var totalSteps: Int { epochs * stepsPerEpoch }
}
