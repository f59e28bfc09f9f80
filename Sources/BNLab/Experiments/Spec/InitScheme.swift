/// How a Linear or Conv2d layer's weight is drawn: PyTorch's default or one of `torch.nn.init`'s.
public enum InitScheme: String, Codable, Sendable, CaseIterable {
    /// What the layer's constructor does: `kaiming_uniform_(w, a=√5)`, bias `U(−1/√fan_in, 1/√fan_in)`.
    case `default`
    /// `xavier_uniform_(w, gain)`: `U(−b, b)`, `b = gain·√(6 / (fan_in + fan_out))`.
    case xavierUniform = "xavier_uniform"
    /// `xavier_normal_(w, gain)`: `N(0, σ²)`, `σ = gain·√(2 / (fan_in + fan_out))`.
    case xavierNormal = "xavier_normal"
    /// `kaiming_uniform_(w, a, mode, nonlinearity)`: `U(−b, b)`, `b = gain·√(3 / fan_mode)`.
    case kaimingUniform = "kaiming_uniform"
    /// `kaiming_normal_(w, a, mode, nonlinearity)`: `N(0, σ²)`, `σ = gain / √fan_mode`.
    case kaimingNormal = "kaiming_normal"

    /// True for the two Xavier schemes (they take `gain`).
    public var isXavier: Bool { self == .xavierUniform || self == .xavierNormal }
    /// True for the two Kaiming schemes (they take `a`, `mode` and `nonlinearity`).
    public var isKaiming: Bool { self == .kaimingUniform || self == .kaimingNormal }

    /// Decodes one of the names, suggesting the closest on a typo.
    public init(from decoder: any Decoder) throws {
        self = try decoder.singleValueContainer().choice(Self.self, named: "init scheme")
    }
}

/// Kaiming's `mode`: which fan keeps its variance.
public enum FanMode: String, Codable, Sendable, CaseIterable {
    /// The forward pass's variance (the default).
    case fanIn = "fan_in"
    /// The backward pass's variance.
    case fanOut = "fan_out"

    /// Decodes `fan_in` or `fan_out`, with PyTorch's message otherwise.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let raw = try c.decode(String.self)
        guard let mode = FanMode(rawValue: raw) else {
            throw SpecIssue(c.codingPath, "Mode \(raw) not supported, please use one of ['fan_in', 'fan_out']",
                            hint: "write mode: fan_in or mode: fan_out")
        }
        self = mode
    }
}
