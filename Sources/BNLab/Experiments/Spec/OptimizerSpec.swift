/// The optimizer of an experiment: PyTorch's `torch.optim.SGD` and its options.
///
/// ```yaml
/// optimizer: {type: sgd, lr: 0.01, momentum: 0.9, weight_decay: 5e-4}
/// ```
/// Update per parameter (PyTorch's order): `g += weight_decay * p`; with momentum,
/// `buf = momentum * buf + (1 - dampening) * g` (the first step sets `buf = g`), then
/// `g = nesterov ? g + momentum * buf : buf`; finally `p -= lr * g`.
public struct OptimizerSpec: Codable, Sendable, Equatable {
    /// Which optimizer (`type` in files); only `sgd` exists.
    public var kind: OptimizerKind
    /// The learning rate (`lr`), greater than 0.
    public var lr: Double
    /// The optimizer's momentum (not BatchNorm's), 0 to 1; default 0.
    public var momentum: Double
    /// Dampening of the momentum buffer, 0 to 1; default 0.
    public var dampening: Double
    /// Nesterov momentum; default false. Needs momentum > 0 and dampening 0.
    public var nesterov: Bool
    /// L2 penalty added to the gradient (`weight_decay`), at least 0; default 0.
    public var weightDecay: Double

    /// SGD with PyTorch's defaults for every option not given.
    public init(kind: OptimizerKind = .sgd, lr: Double, momentum: Double = 0, dampening: Double = 0,
                nesterov: Bool = false, weightDecay: Double = 0) {
        self.kind = kind
        self.lr = lr
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind = "type", lr, momentum, dampening, nesterov, weightDecay = "weight_decay"
    }

    /// Decodes the mapping, filling PyTorch's defaults and checking every range.
    public init(from decoder: any Decoder) throws {
        try decoder.checkKeys(CodingKeys.self, in: "the optimizer")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(OptimizerKind.self, forKey: .kind)
        lr = try c.decode(Double.self, forKey: .lr)
        try c.requireNumber(lr, .lr, in: 0...Double.greatestFiniteMagnitude, hint: "the learning rate is a positive number such as 0.01")
        if lr == 0 {
            throw SpecIssue(c.path(.lr), "must be greater than 0, got 0", hint: "the learning rate is a positive number such as 0.01")
        }
        momentum = try c.numberIfPresent(.momentum, in: 0...1, hint: "SGD momentum is between 0 and 1, e.g. 0.9") ?? 0
        dampening = try c.numberIfPresent(.dampening, in: 0...1) ?? 0
        nesterov = try c.value(.nesterov, default: false)
        weightDecay = try c.numberIfPresent(.weightDecay, in: 0...Double.greatestFiniteMagnitude,
                                            hint: "weight decay is 0 or a small positive number such as 5e-4") ?? 0
        if nesterov && (momentum <= 0 || dampening != 0) {
            throw SpecIssue(c.path(.nesterov), "Nesterov momentum requires a momentum and zero dampening",
                            hint: "set momentum above 0 and dampening to 0, or nesterov: false")
        }
    }

    /// Encodes every option, defaults included.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(lr, forKey: .lr)
        try c.encode(momentum, forKey: .momentum)
        try c.encode(dampening, forKey: .dampening)
        try c.encode(nesterov, forKey: .nesterov)
        try c.encode(weightDecay, forKey: .weightDecay)
    }
}
