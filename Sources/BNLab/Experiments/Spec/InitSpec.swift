/// Weight initialization, as `torch.nn.init` applies it after the model is built.
///
/// ```yaml
/// init: {scheme: kaiming_normal, mode: fan_in, nonlinearity: relu, layers: [Linear]}   # experiment or variant
/// init: {scale: 10}                                                                   # variant: every weight ×10
/// model:
///   - {type: Linear, out: 256, init: {scheme: xavier_uniform, gain: 1.0}}              # one layer
/// ```
/// Every field is optional, so an `init:` can change part of a less specific one (see
/// ``merged(over:)``). Resolved into each Linear/Conv2d layer of a ``RunPlan`` with defaults
/// filled (``resolved()``); a layer left at PyTorch's default init carries none.
public struct InitSpec: Codable, Sendable, Equatable {
    /// `scheme`; default `default` (PyTorch's constructor init).
    public var scheme: InitScheme?
    /// Xavier's `gain`; default 1.
    public var gain: Double?
    /// Kaiming's `mode`; default `fan_in`.
    public var mode: FanMode?
    /// Kaiming's `nonlinearity` (a `calculate_gain` name); default `leaky_relu`, as in PyTorch.
    public var nonlinearity: String?
    /// Kaiming's `a`: the negative slope for `leaky_relu`; default 0.
    public var a: Double?
    /// Multiplies the weight after it is drawn (biases keep their default init); default 1.
    public var scale: Double?
    /// Which layer types an experiment's or variant's `init` applies to; default both.
    public var layers: [String]?

    /// The `nonlinearity` names `torch.nn.init.calculate_gain` knows.
    public static let nonlinearities = ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
                                        "conv_transpose3d", "sigmoid", "tanh", "relu", "leaky_relu", "selu"]
    /// The layer types whose weights `init` sets.
    public static let layerTypes = ["Linear", "Conv2d"]

    /// An init setting only what is given.
    public init(scheme: InitScheme? = nil, gain: Double? = nil, mode: FanMode? = nil, nonlinearity: String? = nil,
                a: Double? = nil, scale: Double? = nil, layers: [String]? = nil) {
        self.scheme = scheme
        self.gain = gain
        self.mode = mode
        self.nonlinearity = nonlinearity
        self.a = a
        self.scale = scale
        self.layers = layers
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case scheme, gain, mode, nonlinearity, a, scale, layers
    }

    /// The scheme-specific keys this init sets, as written in files.
    var schemeKeysSet: [String] {
        [(CodingKeys.gain, gain != nil), (.mode, mode != nil), (.nonlinearity, nonlinearity != nil), (.a, a != nil)]
            .compactMap { $0.1 ? $0.0.stringValue : nil }
    }

    /// Decodes the mapping, checking each value (PyTorch's words for a bad `mode` or `nonlinearity`).
    public init(from decoder: any Decoder) throws {
        try decoder.checkKeys(CodingKeys.self, in: "an init")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        scheme = try c.decodeIfPresent(InitScheme.self, forKey: .scheme)
        gain = try c.positiveNumberIfPresent(.gain, hint: "a positive gain such as 1.0, or calculate_gain's value")
        mode = try c.decodeIfPresent(FanMode.self, forKey: .mode)
        nonlinearity = try c.decodeIfPresent(String.self, forKey: .nonlinearity)
        if let nonlinearity, !Self.nonlinearities.contains(nonlinearity) {
            throw SpecIssue(c.path(.nonlinearity), "Unsupported nonlinearity \(nonlinearity)",
                            hint: "write one of: \(Self.nonlinearities.joined(separator: ", "))")
        }
        a = try c.numberIfPresent(.a, hint: "leaky_relu's negative slope, e.g. 0.01")
        scale = try c.positiveNumberIfPresent(.scale, hint: "a factor for the weights such as 0.1 or 10")
        layers = try c.typed([String].self, .layers, expected: "a list of layer types")
        for (index, type) in (layers ?? []).enumerated() where !Self.layerTypes.contains(type) {
            throw SpecIssue(c.path(.layers).appendingIndex(index), "'\(type)' has no weights init can set.\(Suggestions.didYouMean(type, in: Self.layerTypes))",
                            hint: "list any of: \(Self.layerTypes.joined(separator: ", "))")
        }
        if let scheme {
            try check(against: scheme, at: FieldPath(decoder.codingPath))
        }
    }

    /// Throws at the first key this init sets that `scheme` does not take.
    func check(against scheme: InitScheme, at path: FieldPath) throws(SpecIssue) {
        let allowed = scheme.isXavier ? ["gain"] : scheme.isKaiming ? ["a", "mode", "nonlinearity"] : []
        for key in schemeKeysSet where !allowed.contains(key) {
            throw SpecIssue(path.appending(key), "'\(key)' is not an option of scheme \(scheme.rawValue)",
                            hint: allowed.isEmpty ? "the default scheme takes only scale" : "\(scheme.rawValue) takes: \(allowed.joined(separator: ", ")) (and scale)")
        }
    }

    /// This init on top of a less specific one: a different `scheme` brings its own options
    /// (the base's gain, a, mode and nonlinearity are dropped); otherwise each field given here
    /// wins. `scale` and `layers` always merge field by field.
    func merged(over base: InitSpec?) -> InitSpec {
        guard let base else { return self }
        let replaces = scheme != nil && scheme != (base.scheme ?? .default)
        let options = replaces ? InitSpec() : base
        return InitSpec(scheme: scheme ?? base.scheme, gain: gain ?? options.gain, mode: mode ?? options.mode,
                        nonlinearity: nonlinearity ?? options.nonlinearity, a: a ?? options.a,
                        scale: scale ?? base.scale, layers: layers ?? base.layers)
    }

    /// Every default of the scheme filled in and `layers` dropped; nil for PyTorch's default
    /// init at scale 1 (what a layer gets without any `init`).
    func resolved() -> InitSpec? {
        let scheme = self.scheme ?? .default
        let scale = self.scale ?? 1
        if scheme == .default && scale == 1 { return nil }
        return InitSpec(scheme: scheme, gain: scheme.isXavier ? gain ?? 1 : nil,
                        mode: scheme.isKaiming ? mode ?? .fanIn : nil,
                        nonlinearity: scheme.isKaiming ? nonlinearity ?? "leaky_relu" : nil,
                        a: scheme.isKaiming ? a ?? 0 : nil, scale: scale)
    }
}
