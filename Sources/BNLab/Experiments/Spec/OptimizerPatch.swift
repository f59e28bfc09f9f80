/// The optimizer settings one place of an experiment file gives: the experiment's `optimizer:`
/// or a variant's. Every field is optional; ``OptimizerSpec/init(_:over:at:)`` fills the rest.
///
/// Each value is checked as it is read, with PyTorch's message for a value PyTorch refuses
/// (`Invalid epsilon value: -1.0`); whether a key belongs to the optimizer's `type` is checked
/// once the type is known (a variant may change only the options).
public struct OptimizerPatch: Codable, Sendable, Equatable {
    /// `type`.
    public var kind: OptimizerKind?
    /// `lr`, greater than 0.
    public var lr: Double?
    /// `momentum` (SGD, RMSprop), 0 to 1.
    public var momentum: Double?
    /// `dampening` (SGD), 0 to 1.
    public var dampening: Double?
    /// `nesterov` (SGD).
    public var nesterov: Bool?
    /// `weight_decay`, at least 0.
    public var weightDecay: Double?
    /// `betas` (Adam, AdamW): two numbers in [0, 1).
    public var betas: [Double]?
    /// `eps` (Adam, AdamW, RMSprop), at least 0.
    public var eps: Double?
    /// `amsgrad` (Adam, AdamW).
    public var amsgrad: Bool?
    /// `alpha` (RMSprop), at least 0.
    public var alpha: Double?
    /// `centered` (RMSprop).
    public var centered: Bool?

    /// A patch setting only what is given.
    public init(kind: OptimizerKind? = nil, lr: Double? = nil, momentum: Double? = nil, dampening: Double? = nil,
                nesterov: Bool? = nil, weightDecay: Double? = nil, betas: [Double]? = nil, eps: Double? = nil,
                amsgrad: Bool? = nil, alpha: Double? = nil, centered: Bool? = nil) {
        self.kind = kind
        self.lr = lr
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        self.betas = betas
        self.eps = eps
        self.amsgrad = amsgrad
        self.alpha = alpha
        self.centered = centered
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind = "type", lr, momentum, dampening, nesterov, weightDecay = "weight_decay"
        case betas, eps, amsgrad, alpha, centered
    }

    /// The keys this patch sets, as written in files (`type` excluded).
    var keysSet: [String] {
        let values: [(CodingKeys, Any?)] = [(.lr, lr), (.momentum, momentum), (.dampening, dampening), (.nesterov, nesterov),
                                           (.weightDecay, weightDecay), (.betas, betas), (.eps, eps), (.amsgrad, amsgrad),
                                           (.alpha, alpha), (.centered, centered)]
        return values.compactMap { $0.1 == nil ? nil : $0.0.stringValue }
    }

    /// Decodes the mapping, checking each value's range.
    public init(from decoder: any Decoder) throws {
        try decoder.checkKeys(CodingKeys.self, in: "the optimizer")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decodeIfPresent(OptimizerKind.self, forKey: .kind)
        lr = try c.numberIfPresent(.lr, hint: "the learning rate is a positive number such as 0.01")
        if let lr, lr <= 0 {
            throw SpecIssue(c.path(.lr), "must be greater than 0, got \(lr)", hint: "the learning rate is a positive number such as 0.01")
        }
        momentum = try c.numberIfPresent(.momentum, in: 0...1, hint: "optimizer momentum is between 0 and 1, e.g. 0.9")
        dampening = try c.numberIfPresent(.dampening, in: 0...1)
        nesterov = try c.decodeIfPresent(Bool.self, forKey: .nesterov)
        weightDecay = try c.pytorchMinimum(.weightDecay, "Invalid weight_decay value",
                                           hint: "weight decay is 0 or a small positive number such as 5e-4")
        eps = try c.pytorchMinimum(.eps, "Invalid epsilon value", hint: "a small positive number such as 1e-8")
        alpha = try c.pytorchMinimum(.alpha, "Invalid alpha value", hint: "RMSprop's smoothing constant, e.g. 0.99")
        amsgrad = try c.decodeIfPresent(Bool.self, forKey: .amsgrad)
        centered = try c.decodeIfPresent(Bool.self, forKey: .centered)
        betas = try c.typed([Double].self, .betas, expected: "a list of two numbers")
        if let betas {
            guard betas.count == 2 else {
                throw SpecIssue(c.path(.betas), "expected two numbers, got \(betas.count)", hint: "write [beta1, beta2], e.g. [0.9, 0.999]")
            }
            for (index, beta) in betas.enumerated() where !(beta >= 0 && beta < 1) {
                throw SpecIssue(c.path(.betas).appendingIndex(index), "Invalid beta parameter at index \(index): \(beta)",
                                hint: "each beta is at least 0 and below 1, e.g. [0.9, 0.999]")
            }
        }
    }

    /// Encodes the fields that are set.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(kind, forKey: .kind)
        try c.encodeIfPresent(lr, forKey: .lr)
        try c.encodeIfPresent(momentum, forKey: .momentum)
        try c.encodeIfPresent(dampening, forKey: .dampening)
        try c.encodeIfPresent(nesterov, forKey: .nesterov)
        try c.encodeIfPresent(weightDecay, forKey: .weightDecay)
        try c.encodeIfPresent(betas, forKey: .betas)
        try c.encodeIfPresent(eps, forKey: .eps)
        try c.encodeIfPresent(amsgrad, forKey: .amsgrad)
        try c.encodeIfPresent(alpha, forKey: .alpha)
        try c.encodeIfPresent(centered, forKey: .centered)
    }
}

extension KeyedDecodingContainer {
    /// An optional finite number PyTorch refuses below 0, with PyTorch's message (`Invalid epsilon value: -1.0`).
    func pytorchMinimum(_ key: Key, _ message: String, hint: String) throws -> Double? {
        guard let value = try numberIfPresent(key, hint: hint) else { return nil }
        if value < 0 { throw SpecIssue(path(key), "\(message): \(value)", hint: hint) }
        return value
    }
}
