/// How one synthetic variant behaves: whether it has BatchNorm, how fast its loss falls, whether it
/// diverges, how it is evaluated. Chosen from the variant's name by ``init(variant:)``.
public struct DemoProfile: Sendable, Equatable {
    /// Whether the model has BatchNorm layers (and so BN snapshots).
    public var hasBatchNorm: Bool
    /// The BN momentum; nil for a cumulative average (momentum null).
    public var momentum: Double?
    /// Steps for the loss to fall by a factor e towards its floor: `loss = floor + (2.3 − floor)·e^(−t/τ)`.
    public var lossTimeConstant: Double
    /// The loss the curve levels off at.
    public var lossFloor: Double
    /// Standard deviation of the per-step noise, relative to the loss.
    public var noise: Double
    /// The step at which the loss becomes NaN (the run then ends as diverged); nil: never.
    public var divergesAt: Int?
    /// Test batch sizes of the train-mode evaluations recorded at each epoch's end.
    public var trainModeBatchSizes: [Int]
    /// Whether the running statistics update (false for BN layers kept in eval mode).
    public var updatesRunningStats: Bool

    /// A profile.
    public init(hasBatchNorm: Bool, momentum: Double?, lossTimeConstant: Double, lossFloor: Double, noise: Double = 0.08,
                divergesAt: Int? = nil, trainModeBatchSizes: [Int] = [], updatesRunningStats: Bool = true) {
        self.hasBatchNorm = hasBatchNorm
        self.momentum = momentum
        self.lossTimeConstant = lossTimeConstant
        self.lossFloor = lossFloor
        self.noise = noise
        self.divergesAt = divergesAt
        self.trainModeBatchSizes = trainModeBatchSizes
        self.updatesRunningStats = updatesRunningStats
    }

    /// The profile a variant's name suggests: `no-bn…` trains slowly without BN, `…lr1.0` without
    /// BN diverges, `cumulative` means momentum null, `bn` is also tested in train mode with batches of 64
    /// and `bn-tested` with batches of 2, 8 and 64.
    public init(variant: VariantInfo) {
        let name = variant.name
        let noBN = name.hasPrefix("no-bn")
        let momentum: Double? = name == "cumulative" ? nil : (variant.bnMomentum ?? 0.1)
        self.init(hasBatchNorm: !noBN, momentum: momentum,
                  lossTimeConstant: noBN ? 260 : 70, lossFloor: noBN ? 0.52 : 0.34,
                  divergesAt: noBN && name.hasSuffix("lr1.0") ? 90 : nil,
                  trainModeBatchSizes: name == "bn-tested" ? [2, 8, 64] : (name == "bn" ? [64] : []),
                  updatesRunningStats: name != "frozen-eval-mode")
    }
}
