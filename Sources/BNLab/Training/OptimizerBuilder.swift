import BNCore

/// Builds the core optimizer and learning-rate schedulers an experiment's settings name.
///
/// Schedulers are constructed in the list's order on the one optimizer, as a PyTorch script
/// would construct them (each construction performs its initial step); a `SequentialLR`'s
/// schedulers are constructed first, then the sequence around them.
enum OptimizerBuilder {
    /// `torch.optim.<Type>(parameters, lr=lr, …)` with the spec's options.
    static func optimizer(_ spec: OptimizerSpec, parameters: [Parameter], lr: Double) throws -> Optimizer {
        switch spec.kind {
        case .sgd:
            return try SGD(parameters, lr: lr, momentum: spec.momentum, dampening: spec.dampening,
                           weightDecay: spec.weightDecay, nesterov: spec.nesterov)
        case .adam:
            return try Adam(parameters, lr: lr, betas: betas(spec), eps: spec.eps, weightDecay: spec.weightDecay,
                            amsgrad: spec.amsgrad)
        case .adamw:
            return try AdamW(parameters, lr: lr, betas: betas(spec), eps: spec.eps, weightDecay: spec.weightDecay,
                             amsgrad: spec.amsgrad)
        case .rmsprop:
            return try RMSprop(parameters, lr: lr, alpha: spec.alpha, eps: spec.eps, weightDecay: spec.weightDecay,
                               momentum: spec.momentum, centered: spec.centered)
        }
    }

    private static func betas(_ spec: OptimizerSpec) -> (Double, Double) {
        (spec.betas.first ?? 0.9, spec.betas.last ?? 0.999)
    }

    /// The schedulers of `specs`, attached to `optimizer`, each with its interval.
    static func schedulers(_ specs: [SchedulerSpec], on optimizer: Optimizer) throws -> [(LRScheduler, SchedulerInterval)] {
        try specs.map { (try scheduler($0.schedule, on: optimizer), $0.interval) }
    }

    /// One scheduler (a `SequentialLR` with its schedulers).
    static func scheduler(_ schedule: Schedule, on optimizer: Optimizer) throws -> LRScheduler {
        switch schedule {
        case .stepLR(let stepSize, let gamma):
            return try StepLR(optimizer, stepSize: stepSize, gamma: gamma)
        case .multiStepLR(let milestones, let gamma):
            return MultiStepLR(optimizer, milestones: milestones, gamma: gamma)
        case .exponentialLR(let gamma):
            return ExponentialLR(optimizer, gamma: gamma)
        case .cosineAnnealingLR(let tMax, let etaMin):
            return try CosineAnnealingLR(optimizer, tMax: tMax, etaMin: etaMin)
        case .linearLR(let start, let end, let total):
            return try LinearLR(optimizer, startFactor: start, endFactor: end, totalIters: total)
        case .sequentialLR(let schedules, let milestones):
            let inner = try schedules.map { try scheduler($0, on: optimizer) }
            return try SequentialLR(optimizer, schedulers: inner, milestones: milestones)
        }
    }
}
