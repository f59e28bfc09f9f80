/// One arm of an experiment: a name and the settings it changes.
///
/// ```yaml
/// variants:
///   - {name: bn}
///   - {name: no-bn, bn: false}
///   - {name: micro-16x4, micro_batch: 16, accumulation_steps: 4, momentum: 0.025996}
///   - {name: cumulative, momentum: null}
/// ```
/// Every field but ``name`` is optional; nil means "as the experiment says". Unknown keys are
/// errors, so a misspelt override cannot silently do nothing.
public struct VariantSpec: Codable, Sendable, Equatable {
    /// The variant's name, used in run file names (letters, digits, `-`, `_`, `.`).
    public var name: String
    /// A one-line remark shown next to the name.
    public var note: String?
    /// `false` removes every BatchNorm layer and gives the layer before it a bias.
    public var bn: Bool?
    /// Replace the BatchNorm layers by GroupNorm or LayerNorm (`batch` keeps them).
    public var norm: NormKind?
    /// The group count when `norm: group` (`norm_groups`); by default the largest of
    /// 32, 16, 8, 4, 2 that divides the channels and leaves at least 2 per group (else 1).
    public var normGroups: Int?
    /// Which parameters are frozen.
    public var freeze: FreezeMode?
    /// The BatchNorm mode while training (`bn_mode_in_training`).
    public var bnModeInTraining: BNMode?
    /// BatchNorm momentum for every BatchNorm layer: `nil` not set, `.some(nil)` written as
    /// `null` (a cumulative average), `.some(m)` a number.
    public var momentum: Double??
    /// The optimizer's learning rate.
    public var lr: Double?
    /// Optimizer changes (`optimizer`): another `type` starts from its defaults, otherwise only
    /// the options given change.
    public var optimizer: OptimizerPatch?
    /// The schedulers instead of the experiment's (`scheduler`); `[]` removes them.
    public var scheduler: [SchedulerSpec]?
    /// Weight initialization on top of the experiment's (`init`), e.g. `{scale: 10}`.
    public var initialization: InitSpec?
    /// Samples per optimizer step (`batch_size`).
    public var batchSize: Int?
    /// Micro-batches accumulated per optimizer step (`accumulation_steps`).
    public var accumulationSteps: Int?
    /// Samples per forward pass (`micro_batch`).
    public var microBatch: Int?
    /// Test batch size of the eval-mode evaluation (`eval_batch_size`).
    public var evalBatchSize: Int?
    /// The random seed.
    public var seed: UInt64?
    /// The number of epochs (only for experiments without phases).
    public var epochs: Int?
    /// Also evaluate in train mode (`train_mode_eval`).
    public var trainModeEval: Bool?
    /// Preprocessing and layer changes: `normalize`, `dropout`, `ghost_batch`, `model`.
    public var overrides = VariantOverrides()

    /// A variant that changes nothing but what is given.
    public init(name: String, note: String? = nil, bn: Bool? = nil, norm: NormKind? = nil, normGroups: Int? = nil,
                freeze: FreezeMode? = nil, bnModeInTraining: BNMode? = nil, momentum: Double?? = nil,
                lr: Double? = nil, optimizer: OptimizerPatch? = nil, scheduler: [SchedulerSpec]? = nil,
                initialization: InitSpec? = nil, batchSize: Int? = nil, accumulationSteps: Int? = nil, microBatch: Int? = nil,
                evalBatchSize: Int? = nil, seed: UInt64? = nil, epochs: Int? = nil, trainModeEval: Bool? = nil) {
        self.name = name
        self.note = note
        self.bn = bn
        self.norm = norm
        self.normGroups = normGroups
        self.freeze = freeze
        self.bnModeInTraining = bnModeInTraining
        self.momentum = momentum
        self.lr = lr
        self.optimizer = optimizer
        self.scheduler = scheduler
        self.initialization = initialization
        self.batchSize = batchSize
        self.accumulationSteps = accumulationSteps
        self.microBatch = microBatch
        self.evalBatchSize = evalBatchSize
        self.seed = seed
        self.epochs = epochs
        self.trainModeEval = trainModeEval
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, note, bn, norm, normGroups = "norm_groups", freeze, bnModeInTraining = "bn_mode_in_training"
        case momentum, lr, optimizer, scheduler, initialization = "init", batchSize = "batch_size", accumulationSteps = "accumulation_steps"
        case microBatch = "micro_batch", evalBatchSize = "eval_batch_size", seed, epochs
        case trainModeEval = "train_mode_eval"
    }

    /// Decodes the mapping, rejecting unknown keys and checking every value's range.
    public init(from decoder: any Decoder) throws {
        try decoder.checkKeys(CodingKeys.self, in: "a variant", also: VariantOverrides.keys)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.slug(.name)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        bn = try c.decodeIfPresent(Bool.self, forKey: .bn)
        norm = try c.decodeIfPresent(NormKind.self, forKey: .norm)
        normGroups = try c.positiveIntIfPresent(.normGroups, hint: "a number of channel groups, e.g. 2")
        freeze = try c.decodeIfPresent(FreezeMode.self, forKey: .freeze)
        bnModeInTraining = try c.decodeIfPresent(BNMode.self, forKey: .bnModeInTraining)
        momentum = try c.momentumOrNull(.momentum)
        lr = try c.positiveNumberIfPresent(.lr, hint: "a learning rate such as 0.01")
        optimizer = try c.decodeIfPresent(OptimizerPatch.self, forKey: .optimizer)
        scheduler = try c.decodeIfPresent([SchedulerSpec].self, forKey: .scheduler)
        initialization = try c.decodeIfPresent(InitSpec.self, forKey: .initialization)
        if lr != nil, optimizer?.lr != nil {
            throw SpecIssue(c.path(.lr), "is also given as optimizer.lr", hint: "set the learning rate in one place")
        }
        batchSize = try c.positiveIntIfPresent(.batchSize, hint: "samples per optimizer step, e.g. 64")
        accumulationSteps = try c.positiveIntIfPresent(.accumulationSteps, hint: "micro-batches per optimizer step, e.g. 4")
        microBatch = try c.positiveIntIfPresent(.microBatch, hint: "samples per forward pass, e.g. 16")
        evalBatchSize = try c.positiveIntIfPresent(.evalBatchSize, hint: "test images per evaluation batch, e.g. 1000")
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
        epochs = try c.positiveIntIfPresent(.epochs, hint: "a number of epochs, e.g. 3")
        trainModeEval = try c.decodeIfPresent(Bool.self, forKey: .trainModeEval)
        overrides = try VariantOverrides(from: decoder)
        if bn == false, let norm, norm != .batch {
            throw SpecIssue(c.path(.norm), "'norm: \(norm.rawValue)' conflicts with 'bn: false'",
                            hint: "bn: false removes the normalization layers; drop one of the two keys")
        }
        if normGroups != nil && norm != .group {
            throw SpecIssue(c.path(.normGroups), "is only used with 'norm: group'",
                            hint: "add 'norm: group' or remove 'norm_groups'")
        }
        if bn == false, case .some = momentum {
            throw SpecIssue(c.path(.momentum), "sets a BatchNorm momentum but 'bn: false' removes BatchNorm",
                            hint: "remove 'momentum' from this variant")
        }
    }

    /// Encodes the fields that are set; a momentum of `.some(nil)` is written as null.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encodeIfPresent(bn, forKey: .bn)
        try c.encodeIfPresent(norm, forKey: .norm)
        try c.encodeIfPresent(normGroups, forKey: .normGroups)
        try c.encodeIfPresent(freeze, forKey: .freeze)
        try c.encodeIfPresent(bnModeInTraining, forKey: .bnModeInTraining)
        if case .some(let value) = momentum {
            if let value { try c.encode(value, forKey: .momentum) } else { try c.encodeNil(forKey: .momentum) }
        }
        try c.encodeIfPresent(lr, forKey: .lr)
        try c.encodeIfPresent(optimizer, forKey: .optimizer)
        try c.encodeIfPresent(scheduler, forKey: .scheduler)
        try c.encodeIfPresent(initialization, forKey: .initialization)
        try c.encodeIfPresent(batchSize, forKey: .batchSize)
        try c.encodeIfPresent(accumulationSteps, forKey: .accumulationSteps)
        try c.encodeIfPresent(microBatch, forKey: .microBatch)
        try c.encodeIfPresent(evalBatchSize, forKey: .evalBatchSize)
        try c.encodeIfPresent(seed, forKey: .seed)
        try c.encodeIfPresent(epochs, forKey: .epochs)
        try c.encodeIfPresent(trainModeEval, forKey: .trainModeEval)
        try overrides.encode(to: encoder)
    }
}
