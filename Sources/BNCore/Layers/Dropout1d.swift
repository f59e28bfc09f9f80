/// Channel-wise dropout for (N, C, L) or unbatched (C, L) inputs (PyTorch's `nn.Dropout1d`).
///
/// In training, each (n, c) channel is kept whole with probability 1-p and scaled by 1/(1-p),
/// else zeroed whole: `y = x * mask[n, c] / (1-p)`; the gradient is `g * mask[n, c] / (1-p)`.
/// In eval mode the layer is the identity.
public final class Dropout1d: DropoutLayer {
    /// Training: `y = x * mask[n, c] / (1-p)`, one mask value per channel. Eval: `y = x`.
    public override func forward(_ x: Tensor) throws -> Tensor {
        guard x.rank == 2 || x.rank == 3 else {
            throw CoreError.runtime("dropout1d: Expected 2D or 3D input, but received a \(x.rank)D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).")
        }
        return mask.forward(x, unitSize: x.shape[x.rank - 1], training: training)
    }
}
