/// LayerNorm: `{type: LayerNorm}`. Per sample, over its last dimensions (`shape`); no running
/// statistics, so train and eval mode compute the same thing.
public struct LayerNormOptions: Codable, Sendable, Equatable {
    /// The normalized trailing shape (PyTorch's `normalized_shape`); nil in a file means "all of
    /// the sample's dimensions". Always set in a ``RunPlan``.
    public var shape: [Int]?
    /// Added to the variance; default 1e-5.
    public var eps: Double
    /// Learnable per-element γ and β (`elementwise_affine`); default true.
    public var elementwiseAffine: Bool

    /// A LayerNorm layer.
    public init(shape: [Int]? = nil, eps: Double = 1e-5, elementwiseAffine: Bool = true) {
        self.shape = shape
        self.eps = eps
        self.elementwiseAffine = elementwiseAffine
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case shape, eps, elementwiseAffine = "elementwise_affine"
    }

    /// Decodes `{shape?, eps?, elementwise_affine?}`.
    public init(from decoder: any Decoder) throws {
        try decoder.checkKeys(CodingKeys.self, in: "a LayerNorm layer", also: ["type"])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        shape = try c.decodeIfPresent([Int].self, forKey: .shape)
        if let shape, shape.isEmpty || shape.contains(where: { $0 < 1 }) {
            throw SpecIssue(c.path(.shape), "must list sizes of 1 or more, got \(shape)",
                            hint: "leave it out to normalize over the whole sample")
        }
        eps = try c.positiveNumberIfPresent(.eps, hint: "a small positive number such as 1e-5") ?? 1e-5
        elementwiseAffine = try c.value(.elementwiseAffine, default: true)
    }

    /// PyTorch's repr: `LayerNorm((256,), eps=1e-05, elementwise_affine=True)`.
    public var description: String {
        let dims = shape.map { $0.count == 1 ? "(\($0[0]),)" : "(" + $0.map(String.init).joined(separator: ", ") + ")" } ?? "?"
        return "LayerNorm(\(dims), eps=\(eps), elementwise_affine=\(elementwiseAffine ? "True" : "False"))"
    }
}
