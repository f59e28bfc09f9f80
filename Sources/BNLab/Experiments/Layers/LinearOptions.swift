/// A fully connected layer, `y = x · Wᵀ + b`: `{type: Linear, out: 256, bias: false}`.
public struct LinearOptions: Codable, Sendable, Equatable {
    /// Input features (`in`); nil in a file means "infer from the layer before". Always set in a
    /// ``RunPlan``.
    public var inFeatures: Int?
    /// Output features (`out`), required.
    public var outFeatures: Int
    /// Whether the layer adds a bias; default true. Use false right before a BatchNorm, whose
    /// beta makes a bias redundant.
    public var bias: Bool
    /// This layer's weight initialization (`init`); in a ``RunPlan``, the resolved one, nil for
    /// PyTorch's default.
    public var initialization: InitSpec?

    /// A Linear layer.
    public init(inFeatures: Int? = nil, outFeatures: Int, bias: Bool = true, initialization: InitSpec? = nil) {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        self.bias = bias
        self.initialization = initialization
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case inFeatures = "in", outFeatures = "out", bias, initialization = "init"
    }

    /// Decodes `{in?, out, bias?}`.
    public init(from decoder: any Decoder) throws {
        try decoder.checkKeys(CodingKeys.self, in: "a Linear layer", also: ["type"])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        inFeatures = try c.positiveIntIfPresent(.inFeatures, hint: "the number of input features, or leave it out to infer it")
        outFeatures = try c.positiveInt(.outFeatures, hint: "the number of output features, e.g. 256")
        bias = try c.value(.bias, default: true)
        initialization = try c.decodeIfPresent(InitSpec.self, forKey: .initialization)
        if initialization?.layers != nil {
            throw SpecIssue(c.path(.initialization).appendingKey("layers"), "is for an experiment's or a variant's init",
                            hint: "a layer's own init applies to that layer; remove 'layers'")
        }
    }

    /// PyTorch's repr: `Linear(in_features=784, out_features=256, bias=False)`.
    public var description: String {
        "Linear(in_features=\(inFeatures.map(String.init) ?? "?"), out_features=\(outFeatures), bias=\(bias ? "True" : "False"))"
    }
}
