/// Everything one run needs, fully resolved: one variant of one experiment with every default
/// filled in and every layer size inferred.
///
/// A run file's header carries the plan, so a run can be understood (and repeated) from its file
/// alone. The trainer builds ``model`` as written, trains the ``phases`` in order with
/// micro-batches of ``microBatch`` samples, ``accumulationSteps`` of them per optimizer step
/// (each loss divided by ``accumulationSteps``), and records what ``record`` asks for.
///
/// ```swift
/// let spec = try ExperimentLoader.load(contentsOf: url)
/// for plan in try spec.plans() {
///     print(plan.variant, plan.batchSize, plan.model.map(\.description))
/// }
/// ```
public struct RunPlan: Codable, Sendable, Equatable {
    /// The experiment's id (`experiment_id`).
    public var experimentID: String
    /// The experiment's title.
    public var title: String
    /// The variant's name.
    public var variant: String
    /// The variant's one-line note, if it has one.
    public var note: String?
    /// The data and its preprocessing.
    public var dataset: DatasetSpec
    /// The layers with all sizes filled in, BatchNorm changes of the variant applied.
    public var model: [LayerSpec]
    /// The optimizer; its `lr` is the variant's (phases may use another, see ``phases``).
    public var optimizer: OptimizerSpec
    /// The learning-rate schedulers, each phase starting them afresh with its optimizer; empty: a
    /// constant lr.
    public var scheduler: [SchedulerSpec]
    /// Samples per optimizer step (`batch_size`) = ``microBatch`` × ``accumulationSteps``.
    public var batchSize: Int
    /// Samples per forward pass (`micro_batch`): what BatchNorm normalizes over.
    public var microBatch: Int
    /// Micro-batches per optimizer step (`accumulation_steps`).
    public var accumulationSteps: Int
    /// Test batch size of the eval-mode evaluation (`eval_batch_size`).
    public var evalBatchSize: Int
    /// Total epochs, the sum of the phases' epochs.
    public var epochs: Int
    /// The random seed.
    public var seed: UInt64
    /// The stages, in order; never empty.
    public var phases: [PhasePlan]
    /// What is recorded; `trainModeBatchSizes` is always set.
    public var record: RecordSpec

    /// A plan with every field given (resolving an ``ExperimentSpec`` is the usual way to get one).
    public init(experimentID: String, title: String, variant: String, note: String? = nil, dataset: DatasetSpec,
                model: [LayerSpec], optimizer: OptimizerSpec, scheduler: [SchedulerSpec] = [], batchSize: Int, microBatch: Int, accumulationSteps: Int,
                evalBatchSize: Int, seed: UInt64, phases: [PhasePlan], record: RecordSpec) {
        self.experimentID = experimentID
        self.title = title
        self.variant = variant
        self.note = note
        self.dataset = dataset
        self.model = model
        self.optimizer = optimizer
        self.scheduler = scheduler
        self.batchSize = batchSize
        self.microBatch = microBatch
        self.accumulationSteps = accumulationSteps
        self.evalBatchSize = evalBatchSize
        self.epochs = phases.reduce(0) { $0 + $1.epochs }
        self.seed = seed
        self.phases = phases
        self.record = record
    }

    /// `experiment/variant`, for listings and queue entries.
    public var name: String { "\(experimentID)/\(variant)" }

    /// The index in ``model`` of the last Linear layer: the head that stays trainable when the
    /// body is frozen. nil if the model has no Linear layer.
    public var headLayerIndex: Int? {
        model.lastIndex { if case .linear = $0 { true } else { false } }
    }

    /// The indices in ``model`` of the BatchNorm layers (their snapshot names are these numbers).
    public var batchNormLayerIndices: [Int] {
        model.indices.filter { model[$0].isBatchNorm }
    }

    /// Optimizer steps per epoch for a training set of `trainCount` images (a last, smaller
    /// batch counts as a step).
    public func stepsPerEpoch(trainCount: Int) -> Int {
        (trainCount + batchSize - 1) / batchSize
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case experimentID = "experiment_id", title, variant, note, dataset, model, optimizer, scheduler
        case batchSize = "batch_size", microBatch = "micro_batch", accumulationSteps = "accumulation_steps"
        case evalBatchSize = "eval_batch_size", epochs, seed, phases, record
    }

    /// Decodes a plan from a run file header.
    ///
    /// Required: `experiment_id`, `variant`, `model`, `optimizer`, `batch_size`, `epochs`, `seed`.
    /// Left out, the others take what resolving would give: `title` the id, the default dataset,
    /// one accumulation step, `micro_batch` = `batch_size` / `accumulation_steps`, the batch size
    /// for evaluation, one phase `train` of `epochs` epochs, and the default record settings.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        experimentID = try c.decode(String.self, forKey: .experimentID)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? experimentID
        variant = try c.decode(String.self, forKey: .variant)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        dataset = try c.decodeIfPresent(DatasetSpec.self, forKey: .dataset) ?? DatasetSpec()
        model = try c.decode([LayerSpec].self, forKey: .model)
        optimizer = try c.decode(OptimizerSpec.self, forKey: .optimizer)
        scheduler = try c.decodeIfPresent([SchedulerSpec].self, forKey: .scheduler) ?? []
        batchSize = try c.positiveInt(.batchSize)
        accumulationSteps = try c.positiveIntIfPresent(.accumulationSteps) ?? 1
        microBatch = try c.positiveIntIfPresent(.microBatch) ?? max(1, batchSize / accumulationSteps)
        evalBatchSize = try c.positiveIntIfPresent(.evalBatchSize) ?? batchSize
        epochs = try c.positiveInt(.epochs)
        seed = try c.decodeUInt64IfPresent(.seed) ?? c.decode(UInt64.self, forKey: .seed)   // missing: the decoder's error
        phases = try c.decodeIfPresent([PhasePlan].self, forKey: .phases)
            ?? [PhasePlan(name: "train", epochs: epochs, freeze: .none, bnModeInTraining: .train, lr: optimizer.lr)]
        var record = try c.decodeIfPresent(RecordSpec.self, forKey: .record) ?? RecordSpec()
        if record.trainModeBatchSizes == nil { record.trainModeBatchSizes = [evalBatchSize] }
        self.record = record
    }

    /// Encodes every field; `scheduler` only when there is one, so a constant-lr plan's header
    /// reads as before schedulers existed.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(experimentID, forKey: .experimentID)
        try c.encode(title, forKey: .title)
        try c.encode(variant, forKey: .variant)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encode(dataset, forKey: .dataset)
        try c.encode(model, forKey: .model)
        try c.encode(optimizer, forKey: .optimizer)
        if !scheduler.isEmpty { try c.encode(scheduler, forKey: .scheduler) }
        try c.encode(batchSize, forKey: .batchSize)
        try c.encode(microBatch, forKey: .microBatch)
        try c.encode(accumulationSteps, forKey: .accumulationSteps)
        try c.encode(evalBatchSize, forKey: .evalBatchSize)
        try c.encode(epochs, forKey: .epochs)
        try c.encode(seed, forKey: .seed)
        try c.encode(phases, forKey: .phases)
        try c.encode(record, forKey: .record)
    }
}
