/// Channel-wise dropout for (N, C, H, W) inputs (PyTorch's `nn.Dropout2d`).
///
/// In training, each (n, c) feature map is kept whole with probability 1-p and scaled by
/// 1/(1-p), else zeroed whole: `y = x * mask[n, c] / (1-p)`; the gradient is
/// `g * mask[n, c] / (1-p)`. Like PyTorch, any input of rank ≥ 2 is treated as (N, C, *)
/// (so a 3D input gets 1D channel dropout). In eval mode the layer is the identity.
public final class Dropout2d: Module {
    /// The probability of zeroing a feature map.
    public var p: Double { mask.p }
    private var mask: DropoutMask

    /// A channel dropout layer zeroing with probability `p`, drawing masks from `rng`. Throws
    /// PyTorch's ValueError when `p` is outside [0, 1].
    public init(p: Double = 0.5, rng: RandomSource) throws {
        mask = try DropoutMask(p: p, rng: rng)
        super.init()
    }

    /// No parameters, buffers or counters.
    public override var stateEntries: [StateEntry] { [] }

    /// `Dropout2d(p=0.5)`, PyTorch's spelling of the probability.
    public override var summary: String { "Dropout2d(p=\(pythonFloat(p)))" }

    /// Training: `y = x * mask[n, c] / (1-p)`, one mask value per (n, c). Eval: `y = x`.
    public override func forward(_ x: Tensor) throws -> Tensor {
        if training && p > 0 && p < 1 && x.count > 0 && x.rank < 2 {
            throw CoreError.runtime("Feature dropout requires at least 2 dimensions in the input")
        }
        return mask.forward(x, unitSize: x.shape.dropFirst(2).reduce(1, *), training: training)
    }

    /// Training: `dx = g * mask[n, c] / (1-p)`. Eval: `dx = g`.
    public override func backward(_ g: Tensor) throws -> Tensor {
        mask.backward(g)
    }
}
