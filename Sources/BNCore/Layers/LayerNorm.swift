/// Layer normalization over the trailing dimensions of each sample (PyTorch's `nn.LayerNorm`).
///
/// Every sample's last `normalizedShape.count` dimensions (D = their product elements) are
/// normalized with their own biased mean and variance, then scaled and shifted elementwise:
/// `y = (x - mean) / sqrt(var + eps) * weight + bias`, weight and bias of shape
/// `normalizedShape`. No running statistics: training and eval compute the same thing.
///
/// ```swift
/// let ln = LayerNorm(normalizedShape: [4, 5])
/// let y = try ln.forward(Tensor(zeros: [3, 4, 5]))   // shape [3, 4, 5]
/// ```
public final class LayerNorm: Module {
    /// The trailing shape normalized as one group.
    public let normalizedShape: [Int]
    /// Added to the variance before the square root.
    public let eps: Double
    /// The elementwise scale (ones), or nil when `elementwiseAffine` is false.
    public let weight: Parameter?
    /// The elementwise shift (zeros), or nil when `elementwiseAffine` or `bias` is false.
    public let bias: Parameter?

    private var inputShape: [Int] = []
    private var xhat: [Float] = []
    private var invstd: [Float] = []
    private var mean: [Float] = []
    private var variance: [Float] = []

    /// A layer normalizing over the last `normalizedShape.count` dimensions; with
    /// `elementwiseAffine`, a weight (ones) and, with `bias`, a bias (zeros) of that shape.
    public init(normalizedShape: [Int], eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true) {
        precondition(!normalizedShape.isEmpty, "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []")
        self.normalizedShape = normalizedShape
        self.eps = eps
        weight = elementwiseAffine ? Parameter(Tensor(repeating: 1, shape: normalizedShape)) : nil
        self.bias = elementwiseAffine && bias ? Parameter(Tensor(zeros: normalizedShape)) : nil
        super.init()
    }

    /// `weight` and `bias`, those that exist (PyTorch's state-dict order).
    public override var stateEntries: [StateEntry] {
        (weight.map { [.parameter("weight", $0)] } ?? []) + (bias.map { [.parameter("bias", $0)] } ?? [])
    }

    /// `LayerNorm((4, 5))`, with the options that differ from the defaults.
    public override var summary: String {
        let dims = normalizedShape.count == 1
            ? "(\(normalizedShape[0]),)"
            : "(" + normalizedShape.map(String.init).joined(separator: ", ") + ")"
        var text = "LayerNorm(\(dims)"
        if eps != 1e-5 { text += ", eps=\(pythonFloat(eps))" }
        if weight == nil { text += ", elementwise_affine=False" }
        else if bias == nil { text += ", bias=False" }
        return text + ")"
    }

    private var layout: NormalizationLayout {
        let d = Tensor.count(of: normalizedShape)
        let total = Tensor.count(of: inputShape)
        return NormalizationLayout(groups: d == 0 ? 0 : total / d, groupSize: d, groupsPerSample: 1, span: 1)
    }

    /// Per sample: `mean = Σx/D`, `var = Σ(x-mean)²/D`, `y = (x-mean)/sqrt(var+eps) * w + b`.
    public override func forward(_ x: Tensor) throws -> Tensor {
        let k = normalizedShape.count
        guard x.rank >= k, Array(x.shape.suffix(k)) == normalizedShape else {
            let dims = normalizedShape.map(String.init).joined(separator: ", ")
            let size = x.shape.map(String.init).joined(separator: ", ")
            throw CoreError.runtime("Given normalized_shape=[\(dims)], expected input with shape [*, \(dims)], but got input of size[\(size)]")
        }
        inputShape = x.shape
        guard x.count > 0 else { return x }
        return GroupedNormalization.forward(x, layout: layout, eps: eps, weight: weight?.value.data,
                                            bias: bias?.value.data, xhat: &xhat, mean: &mean,
                                            variance: &variance, invstd: &invstd)
    }

    /// Per sample, with `gh = g * w`: `dx = invstd * (gh - mean(gh) - xhat * mean(gh * xhat))`;
    /// `dw += Σ_samples g * xhat`, `db += Σ_samples g`.
    public override func backward(_ g: Tensor) throws -> Tensor {
        precondition(g.count == Tensor.count(of: inputShape), "gradient \(g.shape) for output \(inputShape)")
        let (dx, dw, db) = GroupedNormalization.backward(
            g, inputShape: inputShape, xhat: xhat, invstd: invstd, layout: layout, weight: weight?.value.data,
            parameterCount: Tensor.count(of: normalizedShape))
        weight?.accumulate(Tensor(shape: normalizedShape, data: dw))
        bias?.accumulate(Tensor(shape: normalizedShape, data: db))
        return dx
    }
}
