import Foundation

/// Multiplies the learning rate by `gamma` every step (PyTorch's `ExponentialLR`).
///
/// Recursive form: `lr = lr·γ` (unchanged by the initial step). Closed form: `lr = base_lr·γ^last_epoch`.
public final class ExponentialLR: ChainableLRScheduler {
    /// The decay factor γ.
    public let gamma: Double

    /// Attaches the schedule to `optimizer`.
    public init(_ optimizer: Optimizer, gamma: Double) {
        self.gamma = gamma
        super.init(optimizer)
    }

    override func chainedLR() -> Double {
        isInitial ? optimizer.lr : optimizer.lr * gamma
    }

    override func closedFormLR() -> Double {
        baseLR * pow(gamma, Double(lastEpoch))
    }
}
