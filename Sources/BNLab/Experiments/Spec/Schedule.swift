/// One of `torch.optim.lr_scheduler`'s schedules, with PyTorch's argument names and defaults.
///
/// ```yaml
/// - {type: StepLR, step_size: 30, gamma: 0.1}
/// - {type: MultiStepLR, milestones: [30, 80], gamma: 0.1}
/// - {type: ExponentialLR, gamma: 0.95}
/// - {type: CosineAnnealingLR, T_max: 100, eta_min: 0}
/// - {type: LinearLR, start_factor: 0.1, end_factor: 1.0, total_iters: 100}
/// - {type: SequentialLR, milestones: [100], schedulers: [{type: LinearLR, …}, {type: CosineAnnealingLR, …}]}
/// ```
/// With `last_epoch` the scheduler's count of `step()` calls (epochs or optimizer steps) and
/// `base` the optimizer's initial lr:
/// - StepLR: `base·gamma^⌊last_epoch / step_size⌋`
/// - MultiStepLR: `base·gamma^(milestones ≤ last_epoch)`
/// - ExponentialLR: `base·gamma^last_epoch`
/// - CosineAnnealingLR: `eta_min + (base − eta_min)·(1 + cos(π·last_epoch / T_max)) / 2`
/// - LinearLR: `base·(start + (end − start)·min(last_epoch, total_iters) / total_iters)`
/// - SequentialLR: the i-th scheduler from milestone i−1 on, restarted at its milestone.
public indirect enum Schedule: Codable, Sendable, Equatable {
    /// `StepLR(step_size, gamma=0.1)`.
    case stepLR(stepSize: Int, gamma: Double)
    /// `MultiStepLR(milestones, gamma=0.1)`.
    case multiStepLR(milestones: [Int], gamma: Double)
    /// `ExponentialLR(gamma)`.
    case exponentialLR(gamma: Double)
    /// `CosineAnnealingLR(T_max, eta_min=0)`.
    case cosineAnnealingLR(tMax: Int, etaMin: Double)
    /// `LinearLR(start_factor=1/3, end_factor=1.0, total_iters=5)`.
    case linearLR(startFactor: Double, endFactor: Double, totalIters: Int)
    /// `SequentialLR(schedulers, milestones)`.
    case sequentialLR(schedulers: [Schedule], milestones: [Int])

    /// Every `type` name, as PyTorch names the classes.
    public static let typeNames = ["StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR", "LinearLR", "SequentialLR"]

    /// The `type` name.
    public var typeName: String {
        switch self {
        case .stepLR: "StepLR"
        case .multiStepLR: "MultiStepLR"
        case .exponentialLR: "ExponentialLR"
        case .cosineAnnealingLR: "CosineAnnealingLR"
        case .linearLR: "LinearLR"
        case .sequentialLR: "SequentialLR"
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case type, stepSize = "step_size", gamma, milestones, tMax = "T_max", etaMin = "eta_min"
        case startFactor = "start_factor", endFactor = "end_factor", totalIters = "total_iters", schedulers
    }

    /// The option keys of each type.
    static func keys(of type: String) -> [String] {
        switch type {
        case "StepLR": ["step_size", "gamma"]
        case "MultiStepLR": ["milestones", "gamma"]
        case "ExponentialLR": ["gamma"]
        case "CosineAnnealingLR": ["T_max", "eta_min"]
        case "LinearLR": ["start_factor", "end_factor", "total_iters"]
        default: ["schedulers", "milestones"]
        }
    }

    /// Decodes `{type: …, options}`; `interval` is read by ``SchedulerSpec`` around it.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        guard Self.typeNames.contains(type) else {
            throw SpecIssue(c.path(.type), "unknown scheduler type '\(type)'.\(Suggestions.didYouMean(type, in: Self.typeNames))",
                            hint: "bnlab implements: \(Self.typeNames.joined(separator: ", ")) (names are case-sensitive)")
        }
        try decoder.checkKeys(["type", "interval"] + Self.keys(of: type), in: "a \(type) scheduler")
        let gamma = { () throws -> Double in
            try c.positiveNumberIfPresent(.gamma, hint: "the factor per decay, e.g. 0.1") ?? 0.1
        }
        switch type {
        case "StepLR":
            self = .stepLR(stepSize: try c.positiveInt(.stepSize, hint: "epochs or steps between decays, e.g. 30"), gamma: try gamma())
        case "MultiStepLR":
            self = .multiStepLR(milestones: try Self.milestones(c, hint: "the epochs or steps where the lr decays, e.g. [30, 80]"),
                                gamma: try gamma())
        case "ExponentialLR":
            guard let g = try c.positiveNumberIfPresent(.gamma, hint: "the factor per step, e.g. 0.95") else {
                _ = try c.decode(Double.self, forKey: .gamma)   // "is missing"
                throw SpecIssue(c.path(.gamma), "is missing", kind: .missingField)
            }
            self = .exponentialLR(gamma: g)
        case "CosineAnnealingLR":
            self = .cosineAnnealingLR(tMax: try c.positiveInt(.tMax, hint: "the epochs or steps of one half cosine, e.g. 100"),
                                      etaMin: try c.numberIfPresent(.etaMin, in: 0...Double.greatestFiniteMagnitude,
                                                                    hint: "the lowest learning rate, e.g. 0") ?? 0)
        case "LinearLR":
            let start = try c.numberIfPresent(.startFactor) ?? 1.0 / 3
            if start > 1 || start <= 0 {
                throw SpecIssue(c.path(.startFactor), "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.",
                                hint: "a warmup starts at a fraction of the lr, e.g. 0.1")
            }
            let end = try c.numberIfPresent(.endFactor) ?? 1
            if end > 1 || end < 0 {
                throw SpecIssue(c.path(.endFactor), "Ending multiplicative factor expected to be between 0 and 1.",
                                hint: "a warmup usually ends at 1.0")
            }
            self = .linearLR(startFactor: start, endFactor: end,
                             totalIters: try c.positiveIntIfPresent(.totalIters, hint: "epochs or steps of the ramp, e.g. 100") ?? 5)
        default:
            let schedulers = try c.decode([Schedule].self, forKey: .schedulers)
            if schedulers.isEmpty {
                throw SpecIssue(c.path(.schedulers), "SequentialLR expects at least one scheduler, but got no scheduler.",
                                hint: "list the schedulers to run one after another")
            }
            var nested = try c.nestedUnkeyedContainer(forKey: .schedulers)
            while !nested.isAtEnd {
                let index = nested.currentIndex
                let inner = try nested.nestedContainer(keyedBy: AnyCodingKey.self)
                if inner.contains("interval") {
                    throw SpecIssue(c.path(.schedulers).appendingIndex(index).appendingKey("interval"),
                                    "is set by the SequentialLR around it", hint: "remove 'interval' here; SequentialLR's applies to all")
                }
            }
            let milestones = try Self.milestones(c, hint: "where each next scheduler takes over, e.g. [100]")
            if milestones.count != schedulers.count - 1 {
                throw SpecIssue(c.path(.milestones),
                                "Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, "
                                + "but got number of schedulers \(schedulers.count) and the number of milestones to be equal to \(milestones.count)",
                                hint: "give one milestone fewer than schedulers")
            }
            self = .sequentialLR(schedulers: schedulers, milestones: milestones)
        }
    }

    /// A required list of whole numbers of at least 1.
    private static func milestones(_ c: KeyedDecodingContainer<CodingKeys>, hint: String) throws -> [Int] {
        guard let list = try c.typed([Int].self, .milestones, expected: "a list of whole numbers") else {
            return try c.decode([Int].self, forKey: .milestones)   // "is missing"
        }
        for (index, m) in list.enumerated() where m < 1 {
            throw SpecIssue(c.path(.milestones).appendingIndex(index), "must be 1 or more, got \(m)", hint: hint)
        }
        return list
    }

    /// Encodes `type` and every option.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(typeName, forKey: .type)
        switch self {
        case .stepLR(let stepSize, let gamma):
            try c.encode(stepSize, forKey: .stepSize)
            try c.encode(gamma, forKey: .gamma)
        case .multiStepLR(let milestones, let gamma):
            try c.encode(milestones, forKey: .milestones)
            try c.encode(gamma, forKey: .gamma)
        case .exponentialLR(let gamma):
            try c.encode(gamma, forKey: .gamma)
        case .cosineAnnealingLR(let tMax, let etaMin):
            try c.encode(tMax, forKey: .tMax)
            try c.encode(etaMin, forKey: .etaMin)
        case .linearLR(let start, let end, let total):
            try c.encode(start, forKey: .startFactor)
            try c.encode(end, forKey: .endFactor)
            try c.encode(total, forKey: .totalIters)
        case .sequentialLR(let schedulers, let milestones):
            try c.encode(schedulers, forKey: .schedulers)
            try c.encode(milestones, forKey: .milestones)
        }
    }
}
