/// Group normalization (PyTorch's `nn.GroupNorm`): the channels of each sample are split into
/// `numGroups` groups, each normalized with its own biased mean and variance over its channels
/// and every spatial position, then scaled and shifted per channel.
///
/// Input (N, C, *) with C = `numChannels`: 2D (N, C), 3D (N, C, L) or 4D (N, C, H, W). The
/// statistics are those of `x.view(N, G, -1)`; no running statistics, so training and eval
/// compute the same thing.
///
/// ```swift
/// let gn = try GroupNorm(numGroups: 2, numChannels: 6)
/// let y = try gn.forward(Tensor(zeros: [4, 6, 5, 5]))
/// ```
public final class GroupNorm: Module {
    /// The number of groups G.
    public let numGroups: Int
    /// The number of channels C (a multiple of G).
    public let numChannels: Int
    /// Added to the variance before the square root.
    public let eps: Double
    /// The per-channel scale (ones), or nil without `affine`.
    public let weight: Parameter?
    /// The per-channel shift (zeros), or nil without `affine`.
    public let bias: Parameter?

    private var inputShape: [Int] = []
    private var layout = NormalizationLayout(groups: 0, groupSize: 0, groupsPerSample: 1, span: 1)
    private var xhat: [Float] = []
    private var invstd: [Float] = []
    private var mean: [Float] = []
    private var variance: [Float] = []

    /// A layer of `numGroups` groups over `numChannels` channels, with per-channel weight (ones)
    /// and bias (zeros) when `affine`. Throws PyTorch's ValueError when the channels do not
    /// divide into the groups.
    public init(numGroups: Int, numChannels: Int, eps: Double = 1e-5, affine: Bool = true) throws {
        guard numGroups > 0, numChannels % numGroups == 0 else {
            throw CoreError.value("num_channels (\(numChannels)) must be divisible by num_groups (\(numGroups))")
        }
        self.numGroups = numGroups
        self.numChannels = numChannels
        self.eps = eps
        weight = affine ? Parameter(Tensor(repeating: 1, shape: [numChannels])) : nil
        bias = affine ? Parameter(Tensor(zeros: [numChannels])) : nil
        super.init()
    }

    /// `weight` and `bias` with `affine`, else nothing.
    public override var stateEntries: [StateEntry] {
        (weight.map { [.parameter("weight", $0)] } ?? []) + (bias.map { [.parameter("bias", $0)] } ?? [])
    }

    /// `GroupNorm(2, 6)`, with the options that differ from the defaults.
    public override var summary: String {
        var text = "GroupNorm(\(numGroups), \(numChannels)"
        if eps != 1e-5 { text += ", eps=\(pythonFloat(eps))" }
        if weight == nil { text += ", affine=False" }
        return text + ")"
    }

    /// Per (sample, group) of n = (C/G)·S values: `mean = Σx/n`, `var = Σ(x-mean)²/n`,
    /// `y = (x-mean)/sqrt(var+eps) * w[c] + b[c]`.
    public override func forward(_ x: Tensor) throws -> Tensor {
        guard x.rank >= 2 else {
            throw CoreError.runtime("Expected at least 2 dimensions for input tensor but received \(x.rank)")
        }
        let n = x.shape[0], c = x.shape[1]
        let spatial = x.shape.dropFirst(2).reduce(1, *)
        // F.group_norm's _verify_batch_size on [N·C/G, G, *spatial].
        let verified = [n * c / numGroups, numGroups] + Array(x.shape.dropFirst(2))
        if verified[0] * spatial == 1 {
            throw CoreError.value("Expected more than 1 value per channel when training, got input size [\(verified.map(String.init).joined(separator: ", "))]")
        }
        let sizes = x.shape.map(String.init).joined(separator: ", ")
        guard c % numGroups == 0 else {
            throw CoreError.runtime("Expected number of channels in input to be divisible by num_groups, but got input of shape [\(sizes)] and num_groups=\(numGroups)")
        }
        if weight != nil, c != numChannels {
            throw CoreError.runtime("Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [\(numChannels)] and input of shape [\(sizes)]")
        }
        inputShape = x.shape
        layout = NormalizationLayout(groups: n * numGroups, groupSize: c / numGroups * spatial,
                                     groupsPerSample: numGroups, span: spatial)
        guard x.count > 0 else { return x }
        return GroupedNormalization.forward(x, layout: layout, eps: eps, weight: weight?.value.data,
                                            bias: bias?.value.data, xhat: &xhat, mean: &mean,
                                            variance: &variance, invstd: &invstd)
    }

    /// Per (sample, group), with `gh = g * w[c]`:
    /// `dx = invstd * (gh - mean(gh) - xhat * mean(gh * xhat))`;
    /// `dw[c] += Σ_{n,s} g * xhat`, `db[c] += Σ_{n,s} g`.
    public override func backward(_ g: Tensor) throws -> Tensor {
        precondition(g.count == Tensor.count(of: inputShape), "gradient \(g.shape) for output \(inputShape)")
        let (dx, dw, db) = GroupedNormalization.backward(
            g, inputShape: inputShape, xhat: xhat, invstd: invstd, layout: layout, weight: weight?.value.data,
            parameterCount: numChannels)
        weight?.accumulate(Tensor(shape: [numChannels], data: dw))
        bias?.accumulate(Tensor(shape: [numChannels], data: db))
        return dx
    }
}
