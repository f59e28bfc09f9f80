/// What the playground starts from: an experiment, one of its variants, and the plan that variant
/// trains with (command-line `--epochs`/`--subset` included), read as one value per knob.
public struct PlaygroundBase: Sendable, Equatable {
    /// The experiment as loaded.
    public var spec: ExperimentSpec
    /// The index of the variant in ``ExperimentSpec/variants``.
    public var variantIndex: Int
    /// The plan a run of the variant trains with.
    public var plan: RunPlan
    /// Every knob's value in the plan, as the form shows it first.
    public let values: [PlaygroundKnob: String]

    /// A base; nil when `variantIndex` is not a variant of `spec`.
    public init?(spec: ExperimentSpec, variantIndex: Int, plan: RunPlan) {
        guard spec.variants.indices.contains(variantIndex) else { return nil }
        self.spec = spec
        self.variantIndex = variantIndex
        self.plan = plan
        values = Self.values(spec: spec, variant: spec.variants[variantIndex], plan: plan)
    }

    /// The variant started from.
    public var variant: VariantSpec { spec.variants[variantIndex] }

    /// Every knob's value for `variant` of `spec` resolved as `plan` (a knob that does not apply
    /// is empty): numbers as Swift prints them (`0.01`, `64`), a cumulative BatchNorm momentum as
    /// `null`, all the training images as `full`. The BatchNorm momentum is the variant's, else
    /// the model's first BatchNorm layer's, also while BatchNorm is off or replaced.
    public static func values(spec: ExperimentSpec, variant: VariantSpec, plan: RunPlan) -> [PlaygroundKnob: String] {
        let modelMomentum = spec.model.lazy.compactMap(\.batchNormOptions).first.map(\.momentum)
        let bnMomentum = (variant.momentum ?? modelMomentum).map { $0.map { "\($0)" } ?? "null" }
        return [
            .batchSize: "\(plan.batchSize)",
            .lr: "\(plan.optimizer.lr)",
            .optimizerMomentum: "\(plan.optimizer.momentum)",
            .bnMomentum: bnMomentum ?? "",
            .batchNorm: variant.bn == false ? "off" : "on",
            .norm: (variant.norm ?? .batch).rawValue,
            .placement: BNPlacement.of(spec.model)?.rawValue ?? "",
            .dropout: DropoutLayers.p(of: plan.model).map { "\($0)" } ?? "",
            .initScale: "\(variant.initialization?.scale ?? 1)",
            .epochs: "\(plan.epochs)",
            .subset: plan.dataset.subset?.train.map(String.init) ?? "full",
            .seed: "\(plan.seed)",
        ]
    }

    /// Why `knob` cannot be changed while the form holds `values` (e.g. `BatchNorm is off`), or nil
    /// when it can.
    public func unavailable(_ knob: PlaygroundKnob, in values: [PlaygroundKnob: String]) -> String? {
        let hasBatchNorm = spec.model.contains(where: \.isBatchNorm)
        let bnOff = values[.batchNorm] == "off"
        switch knob {
        case .batchNorm:
            return hasBatchNorm ? nil : "the model has no BatchNorm"
        case .norm:
            return !hasBatchNorm ? "the model has no BatchNorm" : bnOff ? "BatchNorm is off" : nil
        case .bnMomentum:
            if !hasBatchNorm { return "the model has no BatchNorm" }
            if bnOff { return "BatchNorm is off" }
            return values[.norm] == NormKind.batch.rawValue ? nil : "only BatchNorm has a momentum"
        case .placement:
            if !hasBatchNorm { return "the model has no BatchNorm" }
            if BNPlacement.of(spec.model) == nil { return "BatchNorm is not next to a ReLU" }
            return bnOff ? "BatchNorm is off" : nil
        case .dropout:
            return DropoutLayers.indices(in: spec.model).isEmpty ? "the model has no Dropout layer" : nil
        case .initScale:
            return spec.model.contains { if case .linear = $0 { true } else if case .conv2d = $0 { true } else { false } }
                ? nil : "the model has no Linear or Conv2d layer"
        case .epochs:
            return spec.phases == nil ? nil : "each phase sets its own epochs"
        case .optimizerMomentum:
            return plan.optimizer.kind == .sgd ? nil : "only SGD has this momentum"
        case .batchSize, .lr, .subset, .seed:
            return nil
        }
    }
}
