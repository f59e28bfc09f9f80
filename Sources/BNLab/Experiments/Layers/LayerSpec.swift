/// One layer of an experiment's model, in order, as `nn.Sequential` holds them.
///
/// In a file each layer is a mapping with a `type` and its options:
/// ```yaml
/// model:
///   - {type: Flatten}
///   - {type: Linear, out: 256, bias: false}
///   - {type: BatchNorm1d}
///   - {type: ReLU}
///   - {type: Linear, out: 10}
/// ```
/// Input sizes (`in`, `features`, `channels`, LayerNorm's `shape`) may be left out: resolving a
/// ``RunPlan`` infers them from the dataset's input shape and fills them in, so a plan's model
/// can be built as written. Layer `i` of the list is child `"i"` of the Sequential, which is the
/// name `bn_snapshot` events use.
public enum LayerSpec: Codable, Sendable, Equatable, CustomStringConvertible {
    /// `Linear`: a fully connected layer.
    case linear(LinearOptions)
    /// `Conv2d`: a 2-D convolution.
    case conv2d(Conv2dOptions)
    /// `BatchNorm1d`: BatchNorm over (N, C).
    case batchNorm1d(BatchNormOptions)
    /// `BatchNorm2d`: BatchNorm over (N, C, H, W).
    case batchNorm2d(BatchNormOptions)
    /// `LayerNorm`: per-sample normalization over the trailing dimensions.
    case layerNorm(LayerNormOptions)
    /// `GroupNorm`: per-sample normalization over groups of channels.
    case groupNorm(GroupNormOptions)
    /// `ReLU`: `max(0, x)`.
    case relu
    /// `MaxPool2d`: max over square windows.
    case maxPool2d(MaxPool2dOptions)
    /// `Flatten`: (N, C, H, W) → (N, C·H·W).
    case flatten
    /// `Dropout`: random zeroing in training, identity in eval.
    case dropout(DropoutOptions)

    /// Every `type` name a file may use, in the order the documentation lists them.
    public static let typeNames = ["Linear", "Conv2d", "BatchNorm1d", "BatchNorm2d", "LayerNorm", "GroupNorm",
                                   "ReLU", "MaxPool2d", "Flatten", "Dropout"]

    /// The layer's `type` name, e.g. `BatchNorm1d`.
    public var typeName: String {
        switch self {
        case .linear: "Linear"
        case .conv2d: "Conv2d"
        case .batchNorm1d: "BatchNorm1d"
        case .batchNorm2d: "BatchNorm2d"
        case .layerNorm: "LayerNorm"
        case .groupNorm: "GroupNorm"
        case .relu: "ReLU"
        case .maxPool2d: "MaxPool2d"
        case .flatten: "Flatten"
        case .dropout: "Dropout"
        }
    }

    /// True for BatchNorm1d and BatchNorm2d.
    public var isBatchNorm: Bool {
        switch self {
        case .batchNorm1d, .batchNorm2d: true
        default: false
        }
    }

    /// The BatchNorm options of a BatchNorm layer, nil for any other.
    public var batchNormOptions: BatchNormOptions? {
        switch self {
        case .batchNorm1d(let o), .batchNorm2d(let o): o
        default: nil
        }
    }

    /// The layer as PyTorch prints it, e.g. `BatchNorm1d(256, eps=1e-05, momentum=0.1, …)`.
    public var description: String {
        switch self {
        case .linear(let o): o.description
        case .conv2d(let o): o.description
        case .batchNorm1d(let o): "BatchNorm1d(\(o.reprArguments))"
        case .batchNorm2d(let o): "BatchNorm2d(\(o.reprArguments))"
        case .layerNorm(let o): o.description
        case .groupNorm(let o): o.description
        case .relu: "ReLU()"
        case .maxPool2d(let o): o.description
        case .flatten: "Flatten(start_dim=1, end_dim=-1)"
        case .dropout(let o): o.description
        }
    }

    private enum TypeKey: String, CodingKey {
        case type
    }

    /// Decodes `{type: Name, …options}`; an unknown type names the known ones.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: TypeKey.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "Linear": self = .linear(try LinearOptions(from: decoder))
        case "Conv2d": self = .conv2d(try Conv2dOptions(from: decoder))
        case "BatchNorm1d": self = .batchNorm1d(try BatchNormOptions(from: decoder))
        case "BatchNorm2d": self = .batchNorm2d(try BatchNormOptions(from: decoder))
        case "LayerNorm": self = .layerNorm(try LayerNormOptions(from: decoder))
        case "GroupNorm": self = .groupNorm(try GroupNormOptions(from: decoder))
        case "ReLU":
            try decoder.checkKeys(["type"], in: "a ReLU layer")
            self = .relu
        case "MaxPool2d": self = .maxPool2d(try MaxPool2dOptions(from: decoder))
        case "Flatten":
            try decoder.checkKeys(["type"], in: "a Flatten layer")
            self = .flatten
        case "Dropout": self = .dropout(try DropoutOptions(from: decoder))
        default:
            throw SpecIssue(c.path(.type), "unknown layer type '\(type)'.\(Suggestions.didYouMean(type, in: Self.typeNames))",
                            hint: "bnlab knows: \(Self.typeNames.joined(separator: ", ")) (names are case-sensitive)")
        }
    }

    /// Encodes `type` and every option of the layer into one mapping.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: TypeKey.self)
        try c.encode(typeName, forKey: .type)
        switch self {
        case .linear(let o): try o.encode(to: encoder)
        case .conv2d(let o): try o.encode(to: encoder)
        case .batchNorm1d(let o), .batchNorm2d(let o): try o.encode(to: encoder)
        case .layerNorm(let o): try o.encode(to: encoder)
        case .groupNorm(let o): try o.encode(to: encoder)
        case .maxPool2d(let o): try o.encode(to: encoder)
        case .dropout(let o): try o.encode(to: encoder)
        case .relu, .flatten: break
        }
    }
}
