/// Element-wise dropout (PyTorch's `nn.Dropout`).
///
/// In training, each element is kept with probability 1-p and scaled by 1/(1-p), else zeroed:
/// `y = x * mask / (1-p)`, mask ~ Bernoulli(1-p), drawn from the layer's random source; the
/// gradient is `g * mask / (1-p)`. p = 1 zeroes everything (no division) and p = 0 draws
/// nothing. In eval mode the layer is the identity.
///
/// ```swift
/// let drop = try Dropout(p: 0.25, rng: rng)
/// let y = try drop.forward(x)        // about a quarter of x zeroed, the rest × 4/3
/// ```
public final class Dropout: DropoutLayer {
    /// Training: `y = x * mask / (1-p)` with one mask value per element. Eval: `y = x`.
    public override func forward(_ x: Tensor) throws -> Tensor {
        mask.forward(x, unitSize: 1, training: training)
    }
}
