import Foundation

/// Multiplies the learning rate by `gamma` at each milestone step (PyTorch's `MultiStepLR`); a
/// milestone listed k times multiplies by γ^k.
///
/// Recursive form: `lr = lr·γ^count(last_epoch)` at a milestone, else unchanged.
/// Closed form: `lr = base_lr · γ^(number of milestones ≤ last_epoch)`.
public final class MultiStepLR: ChainableLRScheduler {
    /// The steps at which the rate decays, as given.
    public let milestones: [Int]
    /// The decay factor γ.
    public let gamma: Double
    /// How often each milestone is listed (PyTorch's `Counter(milestones)`).
    private let counts: [Int: Int]
    private let sortedMilestones: [Int]

    /// Attaches the schedule to `optimizer`.
    public init(_ optimizer: Optimizer, milestones: [Int], gamma: Double = 0.1) {
        self.milestones = milestones
        self.gamma = gamma
        counts = Dictionary(milestones.map { ($0, 1) }, uniquingKeysWith: +)
        sortedMilestones = milestones.sorted()
        super.init(optimizer)
    }

    override func chainedLR() -> Double {
        guard let count = counts[lastEpoch] else { return optimizer.lr }
        return optimizer.lr * pow(gamma, Double(count))
    }

    override func closedFormLR() -> Double {
        baseLR * pow(gamma, Double(bisectRight(sortedMilestones, lastEpoch)))
    }
}
