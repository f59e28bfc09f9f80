import BNCore

/// Builds a learning-rate schedule from its golden spelling, PyTorch's class and argument names:
/// `{"type": "SequentialLR", "schedulers": [{"type": "LinearLR", "total_iters": 3}, …],
/// "milestones": [3]}`. Absent arguments take PyTorch's defaults; unknown ones are errors.
enum ScheduleFactory {
    /// The names it builds.
    static let types: Set<String> = ["StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR", "LinearLR", "SequentialLR"]

    /// The schedule `spec` describes, attached to `optimizer` (constructing it performs its
    /// initial step, as in PyTorch).
    static func make(_ spec: [String: JSONValue], _ optimizer: Optimizer) throws -> LRScheduler {
        guard case .string(let type)? = spec["type"] else { throw FactoryError(type: "scheduler", message: "'type' is missing or not text") }
        var a = Arguments(type: type, values: spec.filter { $0.key != "type" })
        let scheduler: LRScheduler
        switch type {
        case "StepLR":
            scheduler = try StepLR(optimizer, stepSize: try a.int("step_size"), gamma: try a.double("gamma", default: 0.1))
        case "MultiStepLR":
            scheduler = MultiStepLR(optimizer, milestones: try a.ints("milestones"), gamma: try a.double("gamma", default: 0.1))
        case "ExponentialLR":
            guard spec["gamma"] != nil else { throw FactoryError(type: type, message: "argument 'gamma' is required") }
            scheduler = ExponentialLR(optimizer, gamma: try a.double("gamma", default: 1))
        case "CosineAnnealingLR":
            scheduler = try CosineAnnealingLR(optimizer, tMax: try a.int("T_max"), etaMin: try a.double("eta_min", default: 0))
        case "LinearLR":
            scheduler = try LinearLR(optimizer, startFactor: try a.double("start_factor", default: 1.0 / 3),
                                     endFactor: try a.double("end_factor", default: 1), totalIters: try a.int("total_iters", default: 5))
        case "SequentialLR":
            let parts = try a.objects("schedulers").map { try make($0, optimizer) }
            scheduler = try SequentialLR(optimizer, schedulers: parts, milestones: try a.ints("milestones", default: []))
        default:
            throw FactoryError(type: type, message: "not a learning-rate scheduler bnlab implements")
        }
        try a.checkAllUsed()
        return scheduler
    }
}
