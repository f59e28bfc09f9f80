/// The variant keys that change the data's preprocessing or the model's layers, beyond the
/// BatchNorm switches (`bn`, `norm`, `momentum`):
///
/// ```yaml
/// variants:
///   - {name: raw, normalize: false}                            # ToTensor only
///   - {name: normalized, normalize: {mean: [0.2860], std: [0.3530]}}
///   - {name: p0.2, dropout: 0.2}                              # p of every Dropout layer
///   - {name: ghost-16, ghost_batch: 16}                        # every BatchNorm: sub-batches of 16
///   - name: bn-after-relu                                      # a whole model of its own
///     model:
///       - {type: Flatten}
///       - {type: Linear, out: 256}
///       - {type: ReLU}
///       - {type: BatchNorm1d}
///       - {type: Linear, out: 10}
/// ```
/// Every key is optional; a key that would change nothing (a `dropout` in a model without
/// Dropout, a `ghost_batch` without BatchNorm) is an error when the plan is resolved.
public struct VariantOverrides: Codable, Sendable, Equatable {
    /// What `normalize` says: ToTensor only (`false`) or these mean and std.
    public enum Normalization: Sendable, Equatable {
        /// `normalize: false`: no Normalize after ToTensor.
        case off
        /// `normalize: {mean, std}`.
        case values(NormalizeSpec)
    }

    /// The inputs' normalization, replacing the experiment's `dataset.normalize`.
    public var normalize: Normalization?
    /// The probability p of every Dropout layer of the model (`dropout`).
    public var dropout: Double?
    /// Samples per ghost sub-batch of every BatchNorm layer (`ghost_batch`, see ``GhostBatchNorm``).
    public var ghostBatch: Int?
    /// The variant's own layer list, replacing the experiment's `model` (the other changes of the
    /// variant apply to it).
    public var model: [LayerSpec]?

    /// Overrides with only the given keys set.
    public init(normalize: Normalization? = nil, dropout: Double? = nil, ghostBatch: Int? = nil, model: [LayerSpec]? = nil) {
        self.normalize = normalize
        self.dropout = dropout
        self.ghostBatch = ghostBatch
        self.model = model
    }

    /// True when no key is set.
    public var isEmpty: Bool { normalize == nil && dropout == nil && ghostBatch == nil && model == nil }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case normalize, dropout, ghostBatch = "ghost_batch", model
    }

    /// The keys, for the variant's list of known keys.
    static let keys = CodingKeys.allCases.map(\.stringValue)

    /// Decodes the keys from a variant's mapping (the variant checks for unknown keys).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if c.contains(.normalize) {
            if let flag = try? c.decode(Bool.self, forKey: .normalize) {
                guard !flag else {
                    throw SpecIssue(c.path(.normalize), "'true' does not say how to normalize",
                                    hint: "write normalize: {mean: [0.2860], std: [0.3530]}, or normalize: false for ToTensor only")
                }
                normalize = .off
            } else {
                normalize = .values(try c.decode(NormalizeSpec.self, forKey: .normalize))
            }
        }
        dropout = try c.numberIfPresent(.dropout, in: 0...1, hint: "a probability from 0 up to (not including) 1, e.g. 0.2")
        if dropout == 1 {
            throw SpecIssue(c.path(.dropout), "must be less than 1, got 1", hint: "p = 1 would zero every element; use e.g. 0.5")
        }
        ghostBatch = try c.positiveIntIfPresent(.ghostBatch, hint: "samples per ghost sub-batch, e.g. 16")
        model = try c.decodeIfPresent([LayerSpec].self, forKey: .model)
        if model?.isEmpty == true {
            throw SpecIssue(c.path(.model), "has no layers", hint: "list the layers, or remove 'model' to use the experiment's")
        }
    }

    /// Encodes the keys that are set, into the variant's mapping.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch normalize {
        case .off?: try c.encode(false, forKey: .normalize)
        case .values(let spec)?: try c.encode(spec, forKey: .normalize)
        case nil: break
        }
        try c.encodeIfPresent(dropout, forKey: .dropout)
        try c.encodeIfPresent(ghostBatch, forKey: .ghostBatch)
        try c.encodeIfPresent(model, forKey: .model)
    }

    /// The experiment's dataset with the variant's normalization.
    func dataset(_ base: DatasetSpec, variantPath: FieldPath) throws(SpecIssue) -> DatasetSpec {
        var dataset = base
        switch normalize {
        case .off?: dataset.normalize = nil
        case .values(let spec)?:
            if spec.mean.count != 1 && spec.mean.count != base.inputShape[0] {
                throw SpecIssue(variantPath.appending("normalize").appending("mean"),
                                "has \(spec.mean.count) values but the images have \(base.inputShape[0]) channels",
                                hint: "give one value for all channels or one per channel")
            }
            dataset.normalize = spec
        case nil: break
        }
        return dataset
    }

    /// The resolved layers with the variant's Dropout p and ghost sub-batch applied.
    func apply(to layers: [LayerSpec], variantPath: FieldPath) throws(SpecIssue) -> [LayerSpec] {
        var out = layers
        if let dropout {
            guard layers.contains(where: { if case .dropout = $0 { true } else { false } }) else {
                throw SpecIssue(variantPath.appending("dropout"), "sets the Dropout p but the model has no Dropout layer",
                                hint: "add {type: Dropout} to the model or remove 'dropout' from this variant")
            }
            out = out.map { if case .dropout = $0 { .dropout(DropoutOptions(p: dropout)) } else { $0 } }
        }
        if let ghostBatch {
            guard layers.contains(where: \.isBatchNorm) else {
                throw SpecIssue(variantPath.appending("ghost_batch"), "sets a ghost sub-batch but the model has no BatchNorm layer",
                                hint: "remove 'ghost_batch' from this variant, or keep BatchNorm in it")
            }
            out = out.map { layer in
                switch layer {
                case .batchNorm1d(var o): o.ghostBatch = ghostBatch; return .batchNorm1d(o)
                case .batchNorm2d(var o): o.ghostBatch = ghostBatch; return .batchNorm2d(o)
                default: return layer
                }
            }
        }
        return out
    }
}
