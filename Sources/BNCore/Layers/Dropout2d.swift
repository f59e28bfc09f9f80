/// Channel-wise dropout for (N, C, H, W) inputs (PyTorch's `nn.Dropout2d`).
///
/// In training, each (n, c) feature map is kept whole with probability 1-p and scaled by
/// 1/(1-p), else zeroed whole: `y = x * mask[n, c] / (1-p)`; the gradient is
/// `g * mask[n, c] / (1-p)`. Like PyTorch, any input of rank ≥ 2 is treated as (N, C, *)
/// (so a 3D input gets 1D channel dropout). In eval mode the layer is the identity.
public final class Dropout2d: DropoutLayer {
    /// Training: `y = x * mask[n, c] / (1-p)`, one mask value per (n, c). Eval: `y = x`.
    public override func forward(_ x: Tensor) throws -> Tensor {
        if training && p > 0 && p < 1 && x.count > 0 && x.rank < 2 {
            throw CoreError.runtime("Feature dropout requires at least 2 dimensions in the input")
        }
        return mask.forward(x, unitSize: x.shape.dropFirst(2).reduce(1, *), training: training)
    }
}
