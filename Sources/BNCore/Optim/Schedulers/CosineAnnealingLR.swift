import Foundation

/// Anneals the learning rate from its base value to `etaMin` along half a cosine over `tMax`
/// steps, then back up, periodically (PyTorch's `CosineAnnealingLR`, without restarts).
///
/// Closed form: `lr = η_min + (base_lr - η_min)·(1 + cos(π·t/T_max))/2`, t = last_epoch.
/// Recursive form, as PyTorch computes it step by step from the current rate:
/// ```
/// initial step:                       lr unchanged
/// first step() after a resume (t>0):  the closed form
/// (t - 1 - T_max) % (2·T_max) == 0:   lr + (base_lr - η_min)·(1 - cos(π/T_max))/2
/// otherwise:                          (1 + cos(π·t/T_max)) / (1 + cos(π·(t-1)/T_max))·(lr - η_min) + η_min
/// ```
public final class CosineAnnealingLR: ChainableLRScheduler {
    /// Steps of half a period.
    public let tMax: Int
    /// The lowest learning rate.
    public let etaMin: Double

    /// Attaches the schedule to `optimizer`. PyTorch divides by `tMax`, so a `tMax` below 1 is
    /// refused here.
    public init(_ optimizer: Optimizer, tMax: Int, etaMin: Double = 0) throws {
        guard tMax >= 1 else { throw CoreError.value("CosineAnnealingLR T_max must be a positive integer, but got \(tMax)") }
        self.tMax = tMax
        self.etaMin = etaMin
        super.init(optimizer)
    }

    override func chainedLR() -> Double {
        let t = Double(lastEpoch), period = Double(tMax), lr = optimizer.lr
        if isInitial { return lr }
        if stepCount == 1 && lastEpoch > 0 {
            return etaMin + (baseLR - etaMin) * (1 + cos(t * .pi / period)) / 2
        }
        if (lastEpoch - 1 - tMax) % (2 * tMax) == 0 {
            return lr + (baseLR - etaMin) * (1 - cos(.pi / period)) / 2
        }
        return (1 + cos(.pi * t / period)) / (1 + cos(.pi * (t - 1) / period)) * (lr - etaMin) + etaMin
    }

    override func closedFormLR() -> Double {
        etaMin + (baseLR - etaMin) * (1 + cos(.pi * Double(lastEpoch) / Double(tMax))) / 2
    }
}
