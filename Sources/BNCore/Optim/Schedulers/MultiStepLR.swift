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

    /// Attaches the schedule to `optimizer`.
    public init(_ optimizer: Optimizer, milestones: [Int], gamma: Double = 0.1) {
        self.milestones = milestones
        self.gamma = gamma
        super.init(optimizer)
    }

    override func chainedLR() -> Double {
        let count = milestones.filter { $0 == lastEpoch }.count
        if count == 0 { return optimizer.lr }
        return optimizer.lr * pow(gamma, Double(count))
    }

    override func closedFormLR() -> Double {
        baseLR * pow(gamma, Double(bisectRight(milestones.sorted(), lastEpoch)))
    }
}
