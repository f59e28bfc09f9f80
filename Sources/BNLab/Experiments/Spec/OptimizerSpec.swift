/// The optimizer of an experiment: one of `torch.optim`'s SGD, Adam, AdamW or RMSprop with its
/// options, PyTorch's defaults filled in.
///
/// ```yaml
/// optimizer: {type: sgd, lr: 0.01, momentum: 0.9, weight_decay: 5e-4}
/// optimizer: {type: adamw, lr: 0.001, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0.01, amsgrad: false}
/// optimizer: {type: rmsprop, lr: 0.01, alpha: 0.99, eps: 1e-8, momentum: 0, centered: false}
/// ```
/// SGD's update per parameter (PyTorch's order): `g += weight_decay * p`; with momentum,
/// `buf = momentum * buf + (1 - dampening) * g` (the first step sets `buf = g`), then
/// `g = nesterov ? g + momentum * buf : buf`; finally `p -= lr * g`. Adam, AdamW and RMSprop
/// are BNCore's `Adam`, `AdamW` and `RMSprop`, which document their updates.
public struct OptimizerSpec: Codable, Sendable, Equatable {
    /// Which optimizer (`type` in files).
    public var kind: OptimizerKind
    /// The learning rate (`lr`), greater than 0; PyTorch's default for the type when not given.
    public var lr: Double
    /// SGD's or RMSprop's momentum (not BatchNorm's), 0 to 1; default 0.
    public var momentum: Double
    /// SGD's dampening of the momentum buffer, 0 to 1; default 0.
    public var dampening: Double
    /// SGD's Nesterov momentum; default false. Needs momentum > 0 and dampening 0.
    public var nesterov: Bool
    /// `weight_decay`, at least 0: an L2 term added to the gradient, or (AdamW) a decoupled
    /// `p -= lr·wd·p`; default 0, AdamW 0.01.
    public var weightDecay: Double
    /// Adam's and AdamW's `betas`, the averaging constants of the gradient and its square; default (0.9, 0.999).
    public var betas: [Double]
    /// Added to the denominator (Adam, AdamW, RMSprop); default 1e-8.
    public var eps: Double
    /// Adam's and AdamW's AMSGrad variant (the largest second moment so far); default false.
    public var amsgrad: Bool
    /// RMSprop's smoothing constant `alpha`; default 0.99.
    public var alpha: Double
    /// RMSprop's `centered`: normalize by the gradient's estimated variance; default false.
    public var centered: Bool

    /// An optimizer with PyTorch's defaults for every option not given.
    public init(kind: OptimizerKind = .sgd, lr: Double, momentum: Double = 0, dampening: Double = 0,
                nesterov: Bool = false, weightDecay: Double? = nil, betas: [Double] = [0.9, 0.999], eps: Double = 1e-8,
                amsgrad: Bool = false, alpha: Double = 0.99, centered: Bool = false) {
        self.kind = kind
        self.lr = lr
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay ?? kind.defaultWeightDecay
        self.betas = betas
        self.eps = eps
        self.amsgrad = amsgrad
        self.alpha = alpha
        self.centered = centered
    }

    /// Tensors the optimizer keeps per parameter, as PyTorch's: SGD a momentum buffer when
    /// momentum > 0; Adam and AdamW `exp_avg` and `exp_avg_sq` (and `max_exp_avg_sq` with amsgrad);
    /// RMSprop `square_avg`, plus `momentum_buffer` when momentum > 0 and `grad_avg` when centered.
    public var stateBuffersPerParameter: Int {
        switch kind {
        case .sgd: momentum > 0 ? 1 : 0
        case .adam, .adamw: amsgrad ? 3 : 2
        case .rmsprop: 1 + (momentum > 0 ? 1 : 0) + (centered ? 1 : 0)
        }
    }

    /// The optimizer `patch` describes on top of `base` (a variant's on top of the experiment's).
    ///
    /// A patch naming another `type` than the base starts from that type's PyTorch defaults; one
    /// naming the same type or none changes only the options it gives. Keys the resulting type
    /// does not take are errors at `path`.
    init(_ patch: OptimizerPatch, over base: OptimizerSpec?, at path: FieldPath) throws(SpecIssue) {
        guard let kind = patch.kind ?? base?.kind else {
            throw SpecIssue(path.appending("type"), "is missing", hint: "name the optimizer: type: sgd, adam, adamw or rmsprop",
                            kind: .missingField)
        }
        for key in patch.keysSet where !kind.optionKeys.contains(key) {
            throw SpecIssue(path.appending(key), "'\(key)' is not an option of \(kind.rawValue)",
                            hint: "\(kind.rawValue) takes: \(kind.optionKeys.joined(separator: ", "))", kind: .unknownKey)
        }
        var spec = base?.kind == kind ? base! : OptimizerSpec(kind: kind, lr: kind.defaultLR)
        spec.lr = patch.lr ?? spec.lr
        spec.momentum = patch.momentum ?? spec.momentum
        spec.dampening = patch.dampening ?? spec.dampening
        spec.nesterov = patch.nesterov ?? spec.nesterov
        spec.weightDecay = patch.weightDecay ?? spec.weightDecay
        spec.betas = patch.betas ?? spec.betas
        spec.eps = patch.eps ?? spec.eps
        spec.amsgrad = patch.amsgrad ?? spec.amsgrad
        spec.alpha = patch.alpha ?? spec.alpha
        spec.centered = patch.centered ?? spec.centered
        if spec.nesterov && (spec.momentum <= 0 || spec.dampening != 0) {
            throw SpecIssue(path.appending("nesterov"), "Nesterov momentum requires a momentum and zero dampening",
                            hint: "set momentum above 0 and dampening to 0, or nesterov: false")
        }
        self = spec
    }

    /// Decodes the mapping, filling PyTorch's defaults and checking every range.
    public init(from decoder: any Decoder) throws {
        let patch = try OptimizerPatch(from: decoder)
        self = try OptimizerSpec(patch, over: nil, at: FieldPath(decoder.codingPath))
    }

    /// Encodes `type` and every option of that type, defaults included.
    public func encode(to encoder: any Encoder) throws {
        let keys = Set(kind.optionKeys)
        func only<T>(_ key: String, _ value: T) -> T? { keys.contains(key) ? value : nil }
        try OptimizerPatch(kind: kind, lr: lr, momentum: only("momentum", momentum), dampening: only("dampening", dampening),
                           nesterov: only("nesterov", nesterov), weightDecay: weightDecay, betas: only("betas", betas),
                           eps: only("eps", eps), amsgrad: only("amsgrad", amsgrad), alpha: only("alpha", alpha),
                           centered: only("centered", centered)).encode(to: encoder)
    }
}
