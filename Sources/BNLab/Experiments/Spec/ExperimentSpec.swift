/// One experiment of the catalog, as decoded from `experiments/<id>.yaml`.
///
/// ```yaml
/// id: bn-vs-no-bn
/// title: BatchNorm vs. no BatchNorm
/// summary: The same MLP with and without BatchNorm.
/// notes: |
///   What to look at and why …
/// dataset: {normalize: {mean: [0.2860], std: [0.3530]}}
/// model:
///   - {type: Flatten}
///   - {type: Linear, out: 256, bias: false}
///   - {type: BatchNorm1d}
///   - {type: ReLU}
///   - {type: Linear, out: 10}
/// optimizer: {type: sgd, lr: 0.01}
/// batch_size: 64
/// epochs: 10
/// variants:
///   - {name: bn}
///   - {name: no-bn, bn: false}
/// ```
///
/// Settings are resolved from the most specific place that gives them: a phase, then a
/// variant, then the experiment, then bnlab's default. ``plans()`` does that for every variant.
/// Unknown keys anywhere are errors, so typos are caught when the file is loaded.
public struct ExperimentSpec: Codable, Sendable, Equatable {
    /// The experiment's name, equal to its file name without `.yaml`.
    public var id: String
    /// A short human title.
    public var title: String
    /// One line saying what the experiment shows.
    public var summary: String
    /// Teaching notes: what to look at and why (several lines).
    public var notes: String
    /// The data and its preprocessing; all defaults when the file has no `dataset`.
    public var dataset: DatasetSpec
    /// The layers, in order.
    public var model: [LayerSpec]
    /// The optimizer.
    public var optimizer: OptimizerSpec
    /// Learning-rate schedulers acting on the optimizer (`scheduler`); empty: a constant lr.
    public var scheduler: [SchedulerSpec]
    /// Weight initialization of the Linear/Conv2d layers (`init`); nil: PyTorch's default.
    public var initialization: InitSpec?
    /// Samples per optimizer step (`batch_size`).
    public var batchSize: Int
    /// Total epochs: as written, or the sum of the phases' epochs.
    public var epochs: Int
    /// Micro-batches accumulated per optimizer step (`accumulation_steps`); default 1.
    public var accumulationSteps: Int
    /// Test batch size of the eval-mode evaluation (`eval_batch_size`); nil: the batch size.
    public var evalBatchSize: Int?
    /// The random seed (initialization, shuffling, dropout); default 0.
    public var seed: UInt64
    /// What is recorded beyond losses and accuracies.
    public var record: RecordSpec
    /// Stages run one after another; nil: one stage of `epochs` epochs.
    public var phases: [PhaseSpec]?
    /// Which parameters are frozen; default `none`.
    public var freeze: FreezeMode
    /// The BatchNorm mode while training (`bn_mode_in_training`); default `train`.
    public var bnModeInTraining: BNMode
    /// The variants; a file without `variants` has one named `default`.
    public var variants: [VariantSpec]
    /// A guided tour of a saved run (`bnlab lesson`): steps in order; nil when the file has none.
    public var lesson: [LessonStep]?
    /// The quick fresh run that checks the lesson's expectations (`lesson_check`); nil: the
    /// experiment's own settings.
    public var lessonCheck: LessonCheckSpec?

    /// Where each field was in the file, for errors found after decoding (not encoded, and no
    /// part of equality: a spec loaded from a file equals the same spec built in code).
    var source: SourceMap? {
        get { sourceNote.map }
        set { sourceNote.map = newValue }
    }
    private var sourceNote = SourceNote()

    /// An experiment built in code; the arguments have the defaults a file gets.
    public init(id: String, title: String, summary: String, notes: String = "", dataset: DatasetSpec = DatasetSpec(),
                model: [LayerSpec], optimizer: OptimizerSpec, scheduler: [SchedulerSpec] = [],
                initialization: InitSpec? = nil, batchSize: Int, epochs: Int, accumulationSteps: Int = 1,
                evalBatchSize: Int? = nil, seed: UInt64 = 0, record: RecordSpec = RecordSpec(), phases: [PhaseSpec]? = nil,
                freeze: FreezeMode = .none, bnModeInTraining: BNMode = .train,
                variants: [VariantSpec] = [VariantSpec(name: "default")], lesson: [LessonStep]? = nil,
                lessonCheck: LessonCheckSpec? = nil) {
        self.id = id
        self.title = title
        self.summary = summary
        self.notes = notes
        self.dataset = dataset
        self.model = model
        self.optimizer = optimizer
        self.scheduler = scheduler
        self.initialization = initialization
        self.batchSize = batchSize
        self.epochs = phases.map { $0.reduce(0) { $0 + $1.epochs } } ?? epochs
        self.accumulationSteps = accumulationSteps
        self.evalBatchSize = evalBatchSize
        self.seed = seed
        self.record = record
        self.phases = phases
        self.freeze = freeze
        self.bnModeInTraining = bnModeInTraining
        self.variants = variants
        self.lesson = lesson
        self.lessonCheck = lessonCheck
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, title, summary, notes, dataset, model, optimizer, scheduler, initialization = "init"
        case batchSize = "batch_size", epochs, accumulationSteps = "accumulation_steps"
        case evalBatchSize = "eval_batch_size", seed, record, phases, freeze
        case bnModeInTraining = "bn_mode_in_training", variants, lesson, lessonCheck = "lesson_check"
    }

    /// Decodes a whole experiment, checking every field (see the type's documentation).
    public init(from decoder: any Decoder) throws {
        try decoder.checkKeys(CodingKeys.self, in: "an experiment")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.slug(.id)
        title = try c.text(.title)
        summary = try c.text(.summary)
        if summary.contains(where: \.isNewline) {
            throw SpecIssue(c.path(.summary), "must be one line",
                            hint: "keep the summary to one sentence; longer explanations belong in 'notes'")
        }
        notes = try c.decodeIfPresent(String.self, forKey: .notes) ?? ""
        dataset = try c.decodeIfPresent(DatasetSpec.self, forKey: .dataset) ?? DatasetSpec()
        model = try c.decode([LayerSpec].self, forKey: .model)
        if model.isEmpty {
            throw SpecIssue(c.path(.model), "has no layers", hint: "list the layers, e.g. - {type: Linear, out: 10}")
        }
        optimizer = try c.decode(OptimizerSpec.self, forKey: .optimizer)
        scheduler = try c.decodeIfPresent([SchedulerSpec].self, forKey: .scheduler) ?? []
        if c.contains(.scheduler) && scheduler.isEmpty {
            throw SpecIssue(c.path(.scheduler), "is empty", hint: "list at least one scheduler, or remove 'scheduler'")
        }
        initialization = try c.decodeIfPresent(InitSpec.self, forKey: .initialization)
        batchSize = try c.positiveInt(.batchSize, hint: "samples per optimizer step, e.g. 64")
        accumulationSteps = try c.positiveIntIfPresent(.accumulationSteps, hint: "micro-batches per optimizer step, e.g. 4") ?? 1
        evalBatchSize = try c.positiveIntIfPresent(.evalBatchSize, hint: "test images per evaluation batch, e.g. 1000")
        seed = try c.value(.seed, default: 0)
        record = try c.decodeIfPresent(RecordSpec.self, forKey: .record) ?? RecordSpec()
        freeze = try c.value(.freeze, default: FreezeMode.none)
        bnModeInTraining = try c.value(.bnModeInTraining, default: BNMode.train)

        phases = try c.decodeIfPresent([PhaseSpec].self, forKey: .phases)
        if let phases {
            if phases.isEmpty {
                throw SpecIssue(c.path(.phases), "is empty", hint: "list at least one phase, or remove 'phases'")
            }
            let total = phases.reduce(0) { $0 + $1.epochs }
            if let written = try c.positiveIntIfPresent(.epochs), written != total {
                throw SpecIssue(c.path(.epochs), "is \(written) but the phases add up to \(total) epochs",
                                hint: "remove 'epochs' when the experiment has phases; each phase sets its own")
            }
            epochs = total
            var seen: Set<String> = []
            for (index, phase) in phases.enumerated() where !seen.insert(phase.name).inserted {
                throw SpecIssue(c.path(.phases).appendingIndex(index).appendingKey("name"),
                                "phase name '\(phase.name)' is used twice", hint: "give every phase its own name")
            }
        } else {
            epochs = try c.positiveInt(.epochs, hint: "the number of epochs, e.g. 10")
        }

        variants = try c.decodeIfPresent([VariantSpec].self, forKey: .variants) ?? [VariantSpec(name: "default")]
        if variants.isEmpty {
            throw SpecIssue(c.path(.variants), "is empty", hint: "list at least one variant, e.g. - {name: default}, or remove 'variants'")
        }
        lesson = try c.decodeIfPresent([LessonStep].self, forKey: .lesson)
        if lesson?.isEmpty == true {
            throw SpecIssue(c.path(.lesson), "is empty", hint: "list at least one lesson step, or remove 'lesson'")
        }
        lessonCheck = try c.decodeIfPresent(LessonCheckSpec.self, forKey: .lessonCheck)
        try Self.checkExpectationVariants(lesson ?? [], variants: variants.map(\.name), at: c.path(.lesson))
        var names: Set<String> = []
        for (index, variant) in variants.enumerated() {
            let path = c.path(.variants).appendingIndex(index)
            if !names.insert(variant.name).inserted {
                throw SpecIssue(path.appendingKey("name"), "variant name '\(variant.name)' is used twice",
                                hint: "give every variant its own name; it goes into run file names")
            }
            if phases != nil, variant.epochs != nil {
                throw SpecIssue(path.appendingKey("epochs"), "cannot be set: this experiment has phases",
                                hint: "set epochs in each phase instead")
            }
        }
    }

    /// Encodes the experiment with every default written out.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(summary, forKey: .summary)
        try c.encode(notes, forKey: .notes)
        try c.encode(dataset, forKey: .dataset)
        try c.encode(model, forKey: .model)
        try c.encode(optimizer, forKey: .optimizer)
        if !scheduler.isEmpty { try c.encode(scheduler, forKey: .scheduler) }
        try c.encodeIfPresent(initialization, forKey: .initialization)
        try c.encode(batchSize, forKey: .batchSize)
        try c.encode(epochs, forKey: .epochs)
        try c.encode(accumulationSteps, forKey: .accumulationSteps)
        try c.encodeIfPresent(evalBatchSize, forKey: .evalBatchSize)
        try c.encode(seed, forKey: .seed)
        try c.encode(record, forKey: .record)
        try c.encodeIfPresent(phases, forKey: .phases)
        try c.encode(freeze, forKey: .freeze)
        try c.encode(bnModeInTraining, forKey: .bnModeInTraining)
        try c.encode(variants, forKey: .variants)
        try c.encodeIfPresent(lesson, forKey: .lesson)
        try c.encodeIfPresent(lessonCheck, forKey: .lessonCheck)
    }
}
