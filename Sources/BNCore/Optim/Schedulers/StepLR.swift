import Foundation

/// Multiplies the learning rate by `gamma` every `stepSize` steps (PyTorch's `StepLR`).
///
/// Recursive form: `lr = lr·γ` when `last_epoch > 0` and `last_epoch % stepSize == 0`, else unchanged.
/// Closed form: `lr = base_lr · γ^⌊last_epoch / stepSize⌋`.
public final class StepLR: ChainableLRScheduler {
    /// Steps between two decays.
    public let stepSize: Int
    /// The decay factor γ.
    public let gamma: Double

    /// Attaches the schedule to `optimizer`. PyTorch divides by `stepSize` at the first step, so
    /// a `stepSize` below 1 is refused here.
    public init(_ optimizer: Optimizer, stepSize: Int, gamma: Double = 0.1) throws {
        guard stepSize >= 1 else { throw CoreError.value("StepLR step_size must be a positive integer, but got \(stepSize)") }
        self.stepSize = stepSize
        self.gamma = gamma
        super.init(optimizer)
    }

    override func chainedLR() -> Double {
        if lastEpoch == 0 || lastEpoch % stepSize != 0 { return optimizer.lr }
        return optimizer.lr * gamma
    }

    override func closedFormLR() -> Double {
        let decays = Int((Double(lastEpoch) / Double(stepSize)).rounded(.down))
        return baseLR * pow(gamma, Double(decays))
    }
}
