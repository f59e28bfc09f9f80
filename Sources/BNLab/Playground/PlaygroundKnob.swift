/// One setting the workbench's playground lets a learner change on a variant, and how it is written
/// into the new variant's name.
///
/// Typed knobs hold text exactly as typed: it goes into the experiment document as a YAML scalar,
/// so the experiment loader judges it with the same errors as a file. Choice knobs hold one of
/// ``choices``.
public enum PlaygroundKnob: String, Sendable, Hashable, CaseIterable {
    /// Samples per optimizer step (`batch_size`).
    case batchSize
    /// The optimizer's learning rate (`lr`).
    case lr
    /// SGD momentum (`optimizer.momentum`), not BatchNorm's.
    case optimizerMomentum
    /// BatchNorm momentum of every BatchNorm layer (`momentum`; `null`: a cumulative average).
    case bnMomentum
    /// BatchNorm on or off (`bn: false` removes it).
    case batchNorm
    /// batch, group or layer normalization in place of BatchNorm (`norm`).
    case norm
    /// BatchNorm before or after its ReLU (the model's layer order).
    case placement
    /// The probability of every Dropout layer (`p`).
    case dropout
    /// A factor on every initialized Linear/Conv2d weight (the variant's `init: {scale: …}`; 1 = as initialized).
    case initScale
    /// Epochs (`epochs`).
    case epochs
    /// Training images: a balanced subset of that many, or `full` for all of them.
    case subset
    /// The random seed (`seed`).
    case seed

    /// The label in the form, e.g. `SGD momentum`.
    public var label: String {
        switch self {
        case .batchSize: "batch size"
        case .lr: "learning rate"
        case .optimizerMomentum: "SGD momentum"
        case .bnMomentum: "BN momentum"
        case .batchNorm: "BatchNorm"
        case .norm: "norm type"
        case .placement: "BN placement"
        case .dropout: "dropout p"
        case .initScale: "init scale"
        case .epochs: "epochs"
        case .subset: "train subset"
        case .seed: "seed"
        }
    }

    /// The values a choice knob cycles through; nil for a typed knob.
    public var choices: [String]? {
        switch self {
        case .batchNorm: ["on", "off"]
        case .norm: NormKind.allCases.map(\.rawValue)
        case .placement: BNPlacement.allCases.map(\.rawValue)
        default: nil
        }
    }

    /// The part of a variant name saying this knob now has `value`: `lr0.1`, `b16`, `bn-off`.
    public func nameToken(_ value: String) -> String {
        switch self {
        case .batchSize: "b" + value
        case .lr: "lr" + value
        case .optimizerMomentum: "mom" + value
        case .bnMomentum: value == "null" ? "bnm-avg" : "bnm" + value
        case .batchNorm: "bn-" + value
        case .norm: value == NormKind.group.rawValue ? "gn" : value == NormKind.layer.rawValue ? "ln" : "bn"
        case .placement: value == BNPlacement.afterReLU.rawValue ? "relu-bn" : "bn-relu"
        case .dropout: "p" + value
        case .initScale: "init" + value
        case .epochs: "ep" + value
        case .subset: value == "full" ? "full" : "n" + value
        case .seed: "s" + value
        }
    }
}
