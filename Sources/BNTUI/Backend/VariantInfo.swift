import BNLab

/// One variant of an experiment: what differs from the base spec, and the BN momentum it trains with.
public struct VariantInfo: Sendable, Equatable {
    /// The variant's name, e.g. `bn` or `no-bn`.
    public var name: String
    /// A short description of what this variant changes.
    public var note: String
    /// The BatchNorm `momentum` of this variant's BN layers, used to recompute the EMA the running
    /// mean should follow: `ema_t = (1 − m)·ema_{t−1} + m·batchMean_t`. nil when the variant has no
    /// BatchNorm, when the momentum is unknown, or for `momentum: null` (a cumulative average).
    public var bnMomentum: Double?
    /// The plan a run of it trains with (the workbench's `--epochs`/`--subset` applied), which the
    /// playground starts from; nil when unknown.
    public var plan: RunPlan?

    /// A variant entry.
    public init(name: String, note: String = "", bnMomentum: Double? = nil, plan: RunPlan? = nil) {
        self.name = name
        self.note = note
        self.bnMomentum = bnMomentum
        self.plan = plan
    }
}
