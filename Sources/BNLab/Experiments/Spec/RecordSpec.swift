/// What a run records besides losses and per-epoch evaluation.
///
/// ```yaml
/// record:
///   snapshots: 200              # about 200 full BatchNorm snapshots per run (the default) …
///   snapshot_every: 50          # … or one every 50 optimizer steps instead
///   watch_channels: 4           # bn_watch: 4 channels per BN layer at every training forward
///   train_mode_eval: true       # also evaluate the test set in train mode …
///   train_mode_batch_sizes: [2, 8, 64]   # … with these test batch sizes
///   probe: {size: 64}           # eval-mode drift on 64 fixed test images
///   population_stats: true      # compare running statistics with the full-dataset ones
///   checkpoint_every: 5         # save the weights beside the run file every 5 epochs
/// ```
public struct RecordSpec: Codable, Sendable, Equatable {
    /// About this many full BatchNorm snapshots per run (`snapshots`), default 200: one every
    /// `max(1, round(totalSteps / snapshots))` steps (see ``snapshotInterval(totalSteps:)``).
    public var snapshots: Int
    /// Record BatchNorm statistics (`bn_snapshot` events) every this many optimizer steps
    /// instead (`snapshot_every`); nil: adapt to the run's length with ``snapshots``.
    public var snapshotEvery: Int?
    /// Which channels `bn_watch` events follow at every training forward (`watch_channels`);
    /// default 4 evenly spaced channels per BatchNorm layer.
    public var watchChannels: WatchChannels
    /// Record BatchNorm snapshots at all; default true.
    public var bnSnapshots: Bool
    /// Write a `step` event every this many optimizer steps; default 1.
    public var lossEvery: Int
    /// Also evaluate the test set in train mode at the end of each epoch; default false, or
    /// true when `train_mode_batch_sizes` is given. A train-mode forward updates the running
    /// statistics, so the trainer restores them afterwards (the eval-mode numbers and the rest
    /// of training must not see test batches).
    public var trainModeEval: Bool
    /// The test batch sizes of the train-mode evaluation. In a ``RunPlan`` always set (default:
    /// the plan's eval batch size); in a spec nil when not written.
    public var trainModeBatchSizes: [Int]?
    /// Watch eval-mode drift on fixed test images; nil: no probe.
    public var probe: ProbeSpec?
    /// At the end of every epoch, compute the true mean and variance of every BatchNorm layer's
    /// input over the whole training set with the current weights, and attach them to the
    /// snapshot taken then (`population_mean`, `population_var`), to compare with the running
    /// statistics; default false.
    public var populationStats: Bool
    /// Save a checkpoint (`<run file>.e<epoch>.safetensors`) every this many epochs
    /// (`checkpoint_every`); nil: only at the end and on interruption (docs/checkpoints.md).
    public var checkpointEvery: Int?
    /// Add `weight_norm` to each epoch event: the L2 norm of the weights BatchNorm makes
    /// scale-invariant (each Linear/Conv2d weight followed by a BatchNorm layer); default false.
    public var weightNorm: Bool

    /// A record setting; every argument has the default a file gets when it leaves it out.
    public init(snapshots: Int = 200, snapshotEvery: Int? = nil, watchChannels: WatchChannels = .standard,
                bnSnapshots: Bool = true, lossEvery: Int = 1, trainModeEval: Bool = false,
                trainModeBatchSizes: [Int]? = nil, probe: ProbeSpec? = nil, populationStats: Bool = false,
                checkpointEvery: Int? = nil, weightNorm: Bool = false) {
        self.snapshots = snapshots
        self.snapshotEvery = snapshotEvery
        self.watchChannels = watchChannels
        self.bnSnapshots = bnSnapshots
        self.lossEvery = lossEvery
        self.trainModeEval = trainModeEval
        self.trainModeBatchSizes = trainModeBatchSizes
        self.probe = probe
        self.populationStats = populationStats
        self.checkpointEvery = checkpointEvery
        self.weightNorm = weightNorm
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case snapshots, snapshotEvery = "snapshot_every", watchChannels = "watch_channels", bnSnapshots = "bn_snapshots", lossEvery = "loss_every"
        case trainModeEval = "train_mode_eval", trainModeBatchSizes = "train_mode_batch_sizes"
        case probe, populationStats = "population_stats", checkpointEvery = "checkpoint_every"
        case weightNorm = "weight_norm"
    }

    /// Decodes the mapping, filling defaults and checking that counts are 1 or more.
    public init(from decoder: any Decoder) throws {
        try decoder.checkKeys(CodingKeys.self, in: "'record'")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        snapshots = try c.positiveIntIfPresent(.snapshots, hint: "about how many snapshots per run, e.g. 200") ?? 200
        snapshotEvery = try c.positiveIntIfPresent(.snapshotEvery, hint: "a number of optimizer steps, e.g. 50")
        watchChannels = try c.decodeIfPresent(WatchChannels.self, forKey: .watchChannels) ?? .standard
        bnSnapshots = try c.value(.bnSnapshots, default: true)
        lossEvery = try c.positiveIntIfPresent(.lossEvery, hint: "a number of optimizer steps, e.g. 1") ?? 1
        trainModeBatchSizes = try c.decodeIfPresent([Int].self, forKey: .trainModeBatchSizes)
        if let sizes = trainModeBatchSizes {
            if sizes.isEmpty {
                throw SpecIssue(c.path(.trainModeBatchSizes), "is empty", hint: "list test batch sizes such as [2, 8, 64], or remove the key")
            }
            if let bad = sizes.first(where: { $0 < 1 }) {
                throw SpecIssue(c.path(.trainModeBatchSizes), "must hold sizes of 1 or more, got \(bad)",
                                hint: "list test batch sizes such as [2, 8, 64]")
            }
        }
        trainModeEval = try c.value(.trainModeEval, default: trainModeBatchSizes != nil)
        probe = try c.decodeIfPresent(ProbeSpec.self, forKey: .probe)
        populationStats = try c.value(.populationStats, default: false)
        checkpointEvery = try c.positiveIntIfPresent(.checkpointEvery, hint: "a number of epochs, e.g. 5")
        weightNorm = try c.value(.weightNorm, default: false)
    }

    /// The steps between full snapshots in a run of `totalSteps` optimizer steps:
    /// `snapshot_every` when given, else `max(1, round(totalSteps / snapshots))`.
    public func snapshotInterval(totalSteps: Int) -> Int {
        if let snapshotEvery { return snapshotEvery }
        return max(1, Int((Double(totalSteps) / Double(max(1, snapshots))).rounded()))
    }

    /// Encodes every field; an absent probe, batch-size list, `snapshot_every` or `checkpoint_every`
    /// and a false `weight_norm` are left out.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(snapshots, forKey: .snapshots)
        try c.encodeIfPresent(snapshotEvery, forKey: .snapshotEvery)
        try c.encode(watchChannels, forKey: .watchChannels)
        try c.encode(bnSnapshots, forKey: .bnSnapshots)
        try c.encode(lossEvery, forKey: .lossEvery)
        try c.encode(trainModeEval, forKey: .trainModeEval)
        try c.encodeIfPresent(trainModeBatchSizes, forKey: .trainModeBatchSizes)
        try c.encodeIfPresent(probe, forKey: .probe)
        try c.encode(populationStats, forKey: .populationStats)
        try c.encodeIfPresent(checkpointEvery, forKey: .checkpointEvery)
        if weightNorm { try c.encode(weightNorm, forKey: .weightNorm) }
    }
}
