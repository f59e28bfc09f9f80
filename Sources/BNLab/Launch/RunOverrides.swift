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

    /// The data of `subset`: that many training images, balanced, and a fifth as many test images
    /// (at least 100); nil without a subset.
    public var subsetSpec: SubsetSpec? {
        subset.map { SubsetSpec(train: $0, test: max($0 / 5, 100), balanced: true) }
    }

    /// `plan` with these changes applied.
    public func apply(to plan: RunPlan) -> RunPlan {
        var p = plan
        if let epochs {
            for i in p.phases.indices { p.phases[i].epochs = epochs }
            p.epochs = p.phases.reduce(0) { $0 + $1.epochs }
        }
        if let subsetSpec { p.dataset.subset = subsetSpec }
        if let seed { p.seed = seed }
        return p
    }
}
