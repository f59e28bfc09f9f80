/// GroupNorm: `{type: GroupNorm, groups: 2}`. Per sample, over groups of channels; independent
/// of the batch size, the usual replacement for BatchNorm when batches are tiny.
public struct GroupNormOptions: Codable, Sendable, Equatable {
    /// The number of channel groups, required; must divide the channels.
    public var groups: Int
    /// Channels (PyTorch's `num_channels`); nil in a file means "infer". Always set in a ``RunPlan``.
    public var channels: Int?
    /// Added to the variance; default 1e-5.
    public var eps: Double
    /// Learnable per-channel γ and β; default true.
    public var affine: Bool

    /// A GroupNorm layer.
    public init(groups: Int, channels: Int? = nil, eps: Double = 1e-5, affine: Bool = true) {
        self.groups = groups
        self.channels = channels
        self.eps = eps
        self.affine = affine
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case groups, channels, eps, affine
    }

    /// Decodes `{groups, channels?, eps?, affine?}`.
    public init(from decoder: any Decoder) throws {
        try decoder.checkKeys(CodingKeys.self, in: "a GroupNorm layer", also: ["type"])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        groups = try c.positiveInt(.groups, hint: "the number of channel groups, e.g. 2")
        channels = try c.positiveIntIfPresent(.channels, hint: "the number of channels, or leave it out to infer it")
        eps = try c.positiveNumberIfPresent(.eps, hint: "a small positive number such as 1e-5") ?? 1e-5
        affine = try c.value(.affine, default: true)
        if let channels, channels % groups != 0 {
            throw SpecIssue(c.path(.groups), "\(groups) groups do not divide \(channels) channels",
                            hint: "choose a group count that divides the channel count")
        }
    }

    /// PyTorch's repr: `GroupNorm(2, 6, eps=1e-05, affine=True)`.
    public var description: String {
        "GroupNorm(\(groups), \(channels.map(String.init) ?? "?"), eps=\(eps), affine=\(affine ? "True" : "False"))"
    }
}
