/// The optimizers bnlab implements, named as `torch.optim` names them (lower case in files).
public enum OptimizerKind: String, Codable, Sendable, CaseIterable {
    /// Stochastic gradient descent with PyTorch's momentum, dampening, Nesterov and weight decay.
    case sgd
    /// Adam (`torch.optim.Adam`): L2 weight decay added to the gradient.
    case adam
    /// AdamW (`torch.optim.AdamW`): weight decay applied to the weights, decoupled from the gradient.
    case adamw
    /// RMSprop (`torch.optim.RMSprop`), with its centered and momentum options.
    case rmsprop

    /// The keys of `optimizer:` this optimizer takes besides `type`, as PyTorch names its arguments.
    public var optionKeys: [String] {
        switch self {
        case .sgd: ["lr", "momentum", "dampening", "nesterov", "weight_decay"]
        case .adam, .adamw: ["lr", "betas", "eps", "weight_decay", "amsgrad"]
        case .rmsprop: ["lr", "alpha", "eps", "weight_decay", "momentum", "centered"]
        }
    }

    /// PyTorch's default learning rate for this optimizer.
    public var defaultLR: Double { self == .rmsprop ? 1e-2 : 1e-3 }

    /// PyTorch's default weight decay (AdamW decays by default).
    public var defaultWeightDecay: Double { self == .adamw ? 1e-2 : 0 }

    /// Decodes `sgd`, `adam`, `adamw`, `rmsprop` (any letter case), naming the allowed values otherwise.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        if let kind = OptimizerKind(rawValue: raw.lowercased()) {
            self = kind
        } else {
            let names = Self.allCases.map(\.rawValue)
            throw SpecIssue(container.codingPath, "unknown optimizer '\(raw)'.\(Suggestions.didYouMean(raw, in: names))",
                            hint: "bnlab implements: \(names.joined(separator: ", "))")
        }
    }
}
