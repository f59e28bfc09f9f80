/// Scales the learning rate linearly from `startFactor·base_lr` to `endFactor·base_lr` over
/// `totalIters` steps, then keeps it (PyTorch's `LinearLR`; the usual warmup).
///
/// Recursive form, as PyTorch computes it from the current rate (s, e the factors, T the steps):
/// ```
/// t = 0:                lr = lr·s
/// t > T:                lr unchanged
/// otherwise:            lr = lr·(1 + (e - s) / (T·s + (t - 1)·(e - s)))
/// ```
/// Closed form: `lr = base_lr·(s + (e - s)·min(T, t)/T)`.
public final class LinearLR: ChainableLRScheduler {
    /// The factor of the first step, in (0, 1].
    public let startFactor: Double
    /// The factor after `totalIters` steps, in [0, 1].
    public let endFactor: Double
    /// Steps from the start factor to the end factor.
    public let totalIters: Int

    /// Attaches the schedule to `optimizer`; throws PyTorch's errors for factors out of range.
    /// PyTorch's closed form divides by `totalIters`, so a `totalIters` below 1 is refused here.
    public init(_ optimizer: Optimizer, startFactor: Double = 1.0 / 3, endFactor: Double = 1, totalIters: Int = 5) throws {
        guard startFactor <= 1 && startFactor > 0 else {
            throw CoreError.value("Starting multiplicative factor expected to be greater than 0 and less or equal to 1.")
        }
        guard endFactor <= 1 && endFactor >= 0 else {
            throw CoreError.value("Ending multiplicative factor expected to be between 0 and 1.")
        }
        guard totalIters >= 1 else { throw CoreError.value("LinearLR total_iters must be a positive integer, but got \(totalIters)") }
        self.startFactor = startFactor
        self.endFactor = endFactor
        self.totalIters = totalIters
        super.init(optimizer)
    }

    override func chainedLR() -> Double {
        let lr = optimizer.lr
        if lastEpoch == 0 { return lr * startFactor }
        if isInitial || lastEpoch > totalIters { return lr }
        let span = endFactor - startFactor
        return lr * (1.0 + span / (Double(totalIters) * startFactor + Double(lastEpoch - 1) * span))
    }

    override func closedFormLR() -> Double {
        baseLR * (startFactor + (endFactor - startFactor) * Double(min(totalIters, lastEpoch)) / Double(totalIters))
    }
}
