/// BatchNorm1d or BatchNorm2d: `{type: BatchNorm1d, momentum: 0.1, eps: 1e-5, affine: true, track_running_stats: true}`.
///
/// In training, per channel: `y = (x − mean_B) / √(var_B + eps) · γ + β` with the batch's biased
/// variance; then `running = (1 − momentum) · running + momentum · batch_stat`, where the
/// variance going in is the unbiased one. `momentum: null` makes the running statistics a
/// cumulative average over the `num_batches_tracked` batches seen.
public struct BatchNormOptions: Codable, Sendable, Equatable {
    /// Channels (`features`, PyTorch's `num_features`); nil in a file means "infer". Always set in
    /// a ``RunPlan``.
    public var features: Int?
    /// Added to the variance before the square root; default 1e-5.
    public var eps: Double
    /// Weight of the newest batch in the running statistics, default 0.1; nil (`null`) gives a
    /// cumulative average. Not the optimizer's momentum.
    public var momentum: Double?
    /// Learnable γ and β (γ starts at 1, β at 0); default true.
    public var affine: Bool
    /// Keep running statistics (`track_running_stats`); default true. Without them eval mode
    /// also normalizes with batch statistics.
    public var trackRunningStats: Bool
    /// Ghost batch normalization (`ghost_batch`): training statistics per sub-batch of this many
    /// samples, running statistics from the first (see BNCore's `GhostBatchNorm`); nil: off.
    public var ghostBatch: Int?

    /// A BatchNorm layer with PyTorch's defaults.
    public init(features: Int? = nil, eps: Double = 1e-5, momentum: Double? = 0.1, affine: Bool = true,
                trackRunningStats: Bool = true, ghostBatch: Int? = nil) {
        self.features = features
        self.eps = eps
        self.momentum = momentum
        self.affine = affine
        self.trackRunningStats = trackRunningStats
        self.ghostBatch = ghostBatch
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case features, eps, momentum, affine, trackRunningStats = "track_running_stats", ghostBatch = "ghost_batch"
    }

    /// Decodes the mapping; an absent momentum is 0.1, an explicit `null` a cumulative average.
    public init(from decoder: any Decoder) throws {
        try decoder.checkKeys(CodingKeys.self, in: "a BatchNorm layer", also: ["type"])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        features = try c.positiveIntIfPresent(.features, hint: "the number of channels, or leave it out to infer it")
        eps = try c.positiveNumberIfPresent(.eps, hint: "a small positive number such as 1e-5") ?? 1e-5
        switch try c.momentumOrNull(.momentum) {
        case .none: momentum = 0.1
        case .some(let value): momentum = value
        }
        affine = try c.value(.affine, default: true)
        trackRunningStats = try c.value(.trackRunningStats, default: true)
        ghostBatch = try c.positiveIntIfPresent(.ghostBatch, hint: "samples per ghost sub-batch, e.g. 16")
    }

    /// Encodes every field; a cumulative momentum is written as `null`, not left out.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(features, forKey: .features)
        try c.encode(eps, forKey: .eps)
        if let momentum { try c.encode(momentum, forKey: .momentum) } else { try c.encodeNil(forKey: .momentum) }
        try c.encode(affine, forKey: .affine)
        try c.encode(trackRunningStats, forKey: .trackRunningStats)
        try c.encodeIfPresent(ghostBatch, forKey: .ghostBatch)
    }

    /// PyTorch's repr arguments: `256, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True`.
    var reprArguments: String {
        let m = momentum.map { "\($0)" } ?? "None"
        return "\(features.map(String.init) ?? "?"), eps=\(eps), momentum=\(m), affine=\(affine ? "True" : "False"), "
            + "track_running_stats=\(trackRunningStats ? "True" : "False")" + (ghostBatch.map { ", ghost_batch=\($0)" } ?? "")
    }
}
