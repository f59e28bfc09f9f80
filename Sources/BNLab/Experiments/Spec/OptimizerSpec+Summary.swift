extension OptimizerSpec {
    /// One line for reports: `SGD lr 0.01, momentum 0.9`, `AdamW lr 0.001, betas (0.9, 0.999), weight decay 0.01`.
    public var summary: String {
        switch kind {
        case .sgd:
            return "SGD lr \(lr), momentum \(momentum)" + (weightDecay != 0 ? ", weight decay \(weightDecay)" : "")
                + (nesterov ? ", Nesterov" : "")
        case .adam, .adamw:
            return "\(kind == .adam ? "Adam" : "AdamW") lr \(lr), betas (\(betas.map { "\($0)" }.joined(separator: ", "))), "
                + "weight decay \(weightDecay)" + (amsgrad ? ", AMSGrad" : "")
        case .rmsprop:
            return "RMSprop lr \(lr), alpha \(alpha), momentum \(momentum), weight decay \(weightDecay)" + (centered ? ", centered" : "")
        }
    }
}

extension Schedule {
    /// `SequentialLR(LinearLR, CosineAnnealingLR)`, for reports.
    public var summary: String {
        if case .sequentialLR(let schedulers, _) = self {
            return "SequentialLR(\(schedulers.map(\.summary).joined(separator: ", ")))"
        }
        return typeName
    }
}
