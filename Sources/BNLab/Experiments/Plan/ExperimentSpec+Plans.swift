extension ExperimentSpec {
    /// One fully resolved ``RunPlan`` per variant, in the file's order.
    ///
    /// Resolution fills every default, applies the variant's overrides (a phase's own settings
    /// win over the variant's, which win over the experiment's), derives the batch arithmetic,
    /// applies `bn`/`norm`/`momentum` to the model and infers every layer size. Problems are
    /// reported with the file, line and field of the key that causes them.
    public func plans() throws(ExperimentError) -> [RunPlan] {
        var out: [RunPlan] = []
        for index in variants.indices { out.append(try plan(variantAt: index)) }
        return out
    }

    /// The resolved plan of the variant called `name`.
    public func plan(variant name: String) throws(ExperimentError) -> RunPlan {
        guard let index = variants.firstIndex(where: { $0.name == name }) else {
            throw ExperimentError(kind: .unknownVariant, file: source?.file ?? "experiment '\(id)'",
                                  problem: "experiment '\(id)' has no variant '\(name)'.\(Suggestions.didYouMean(name, in: variants.map(\.name)))",
                                  hint: "its variants are: \(variants.map(\.name).joined(separator: ", "))")
        }
        return try plan(variantAt: index)
    }

    /// The resolved plan of the variant at `index`, with problems located in the file.
    func plan(variantAt index: Int) throws(ExperimentError) -> RunPlan {
        do {
            return try resolve(variantAt: index)
        } catch {
            throw ExperimentError(error, source: source, fallbackFile: "experiment '\(id)'")
        }
    }

    private func resolve(variantAt index: Int) throws(SpecIssue) -> RunPlan {
        let variant = variants[index]
        let vpath = FieldPath.root.appending("variants").appending(index: index)
        let model = variant.overrides.model ?? self.model
        let dataset = try variant.overrides.dataset(self.dataset, variantPath: vpath)
        let (batch, micro, steps) = try batchArithmetic(variant, vpath)
        let evalBatch = variant.evalBatchSize ?? evalBatchSize ?? batch

        var optimizer = self.optimizer
        if let patch = variant.optimizer {
            optimizer = try OptimizerSpec(patch, over: optimizer, at: vpath.appending("optimizer"))
        }
        optimizer.lr = variant.lr ?? optimizer.lr

        let freeze = variant.freeze ?? self.freeze
        let bnMode = variant.bnModeInTraining ?? bnModeInTraining
        let phases: [PhasePlan]
        if let specs = self.phases {
            phases = specs.map {
                PhasePlan(name: $0.name, epochs: $0.epochs, freeze: $0.freeze ?? freeze,
                          bnModeInTraining: $0.bnModeInTraining ?? bnMode, lr: $0.lr ?? optimizer.lr)
            }
        } else {
            phases = [PhasePlan(name: "train", epochs: variant.epochs ?? epochs, freeze: freeze,
                                bnModeInTraining: bnMode, lr: optimizer.lr)]
        }

        var totalEpochs = 0
        for (k, phase) in phases.enumerated() {
            totalEpochs = try CheckedSize.sum(totalEpochs, phase.epochs,
                                              at: self.phases == nil ? FieldPath.root.appending("epochs") : FieldPath.root.appending("phases").appending(index: k))
        }
        let trainModeBatch = (variant.trainModeEval ?? record.trainModeEval) ? (record.trainModeBatchSizes ?? []).max() ?? 0 : 0
        let modelPath = variant.overrides.model == nil ? FieldPath.root.appending("model") : vpath.appending("model")
        let resolver = ModelResolver(layers: try initializedModel(model, at: modelPath, variant, vpath), inputShape: dataset.inputShape,
                                     classes: dataset.classes, variantPath: vpath,
                                     samplesPerForward: max(micro, evalBatch, trainModeBatch),
                                     parameterCopies: 2 + optimizer.stateBuffersPerParameter, modelPath: modelPath)
        let changes = ModelResolver.Changes(dropBatchNorm: variant.bn == false, norm: variant.norm ?? .batch,
                                            normGroups: variant.normGroups, momentum: variant.momentum)
        let layers = try variant.overrides.apply(to: resolver.resolve(changes), variantPath: vpath)

        if phases.contains(where: { $0.freeze == .body }), !layers.contains(where: { if case .linear = $0 { true } else { false } }) {
            throw SpecIssue(variant.freeze != nil ? vpath.appending("freeze") : FieldPath.root.appending("freeze"),
                            "'freeze: body' keeps the last Linear layer trainable, but the model has none",
                            hint: "end the model with a Linear layer, or use freeze: none")
        }
        if variant.momentum != nil, !model.contains(where: \.isBatchNorm) {
            throw SpecIssue(vpath.appending("momentum"), "sets a BatchNorm momentum but the model has no BatchNorm layer",
                            hint: "remove 'momentum' from this variant")
        }
        if variant.norm != nil || variant.bn == false, !model.contains(where: \.isBatchNorm) {
            throw SpecIssue(vpath.appending(variant.norm != nil ? "norm" : "bn"),
                            "changes the BatchNorm layers but the model has none",
                            hint: "add BatchNorm layers to the model or remove the key from this variant")
        }

        var record = self.record
        if let trainMode = variant.trainModeEval { record.trainModeEval = trainMode }
        if record.trainModeBatchSizes == nil { record.trainModeBatchSizes = [evalBatch] }

        return RunPlan(experimentID: id, title: title, variant: variant.name, note: variant.note, dataset: dataset,
                       model: layers, optimizer: optimizer, scheduler: variant.scheduler ?? scheduler, batchSize: batch, microBatch: micro, accumulationSteps: steps,
                       evalBatchSize: evalBatch, seed: variant.seed ?? seed, phases: phases, record: record)
    }

    /// Batch size b, micro-batch m and accumulation steps k with b = m·k.
    ///
    /// The variant's own values come first; while fewer than two are known, the experiment's
    /// `batch_size`, then its `accumulation_steps`, fill in; the third is derived. So
    /// `{micro_batch: 16}` in an experiment of batch 64 means 4 accumulated micro-batches, and
    /// `{batch_size: 16}` means plain batches of 16.
    private func batchArithmetic(_ v: VariantSpec, _ vpath: FieldPath) throws(SpecIssue) -> (batch: Int, micro: Int, steps: Int) {
        var b = v.batchSize, m = v.microBatch, k = v.accumulationSteps
        func known() -> Int { [b, m, k].filter { $0 != nil }.count }
        var fromExperiment: Set<String> = []
        if known() < 2, b == nil { b = batchSize; fromExperiment.insert("batch_size") }
        if known() < 2, k == nil { k = accumulationSteps; fromExperiment.insert("accumulation_steps") }
        func path(_ key: String) -> FieldPath {
            fromExperiment.contains(key) ? FieldPath.root.appending(key) : vpath.appending(key)
        }
        switch (b, m, k) {
        case let (b?, m?, k?):
            let product = try CheckedSize.product(m, k, at: vpath.appending("micro_batch"))
            guard b == product else {
                throw SpecIssue(vpath.appending("batch_size"), "\(b) is not micro_batch × accumulation_steps = \(m) × \(k) = \(product)",
                                hint: "give two of batch_size, micro_batch and accumulation_steps and let bnlab derive the third")
            }
            return (b, m, k)
        case let (b?, nil, k?):
            guard b % k == 0 else {
                throw SpecIssue(path("accumulation_steps"), "\(k) accumulation steps do not divide the batch size \(b)",
                                hint: "choose accumulation_steps dividing batch_size, or give micro_batch instead")
            }
            return (b, b / k, k)
        case let (b?, m?, nil):
            guard b % m == 0 else {
                throw SpecIssue(vpath.appending("micro_batch"), "\(m) does not divide the batch size \(b)",
                                hint: "choose a micro_batch that divides batch_size")
            }
            return (b, m, b / m)
        case let (nil, m?, k?):
            return (try CheckedSize.product(m, k, at: vpath.appending("micro_batch")), m, k)
        default:
            // Unreachable: the experiment always supplies batch_size and accumulation_steps.
            return (batchSize, batchSize, 1)
        }
    }
}

extension ExperimentError {
    /// The public error for a located problem.
    init(_ issue: SpecIssue, source: SourceMap?, fallbackFile: String) {
        self.init(kind: issue.kind, file: source?.file ?? fallbackFile, line: source?.line(for: issue.path),
                  field: issue.path.description.isEmpty ? nil : issue.path.description,
                  problem: issue.problem, hint: issue.hint)
    }
}
