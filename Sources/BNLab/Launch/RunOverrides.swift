/// Command-line changes applied to every plan of a launch (`--epochs`, `--subset`, `--seed`).
public struct RunOverrides: Sendable, Equatable {
    /// Epochs per phase.
    public var epochs: Int?
    /// Train on a balanced subset of this many training images (and a fifth as many test
    /// images, at least 100).
    public var subset: Int?
    /// The random seed (initialization, shuffling, dropout).
    public var seed: UInt64?

    /// No changes.
    public init(epochs: Int? = nil, subset: Int? = nil, seed: UInt64? = nil) {
        self.epochs = epochs
        self.subset = subset
        self.seed = seed
    }

    /// `plan` with these changes applied.
    public func apply(to plan: RunPlan) -> RunPlan {
        var p = plan
        if let epochs {
            for i in p.phases.indices { p.phases[i].epochs = epochs }
            p.epochs = p.phases.reduce(0) { $0 + $1.epochs }
        }
        if let subset {
            p.dataset.subset = SubsetSpec(train: subset, test: max(subset / 5, 100), balanced: true)
        }
        if let seed { p.seed = seed }
        return p
    }
}
