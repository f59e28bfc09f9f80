/// What the dropout layers share: the probability, the mask and its random source, no state,
/// PyTorch's summary, and the backward pass `dx = g * mask / (1-p)` (identity in eval mode).
/// Each subclass decides in `forward` how many consecutive elements one mask value covers.
public class DropoutLayer: Module {
    /// The probability of zeroing a unit (an element or a channel).
    public var p: Double { mask.p }
    var mask: DropoutMask

    /// A layer zeroing with probability `p`, drawing masks from `rng`. Throws PyTorch's
    /// ValueError when `p` is outside [0, 1].
    public init(p: Double = 0.5, rng: RandomSource) throws {
        mask = try DropoutMask(p: p, rng: rng)
        super.init()
    }

    /// No parameters, buffers or counters.
    public override var stateEntries: [StateEntry] { [] }

    /// `Dropout(p=0.5)`, `Dropout2d(p=0.5)`…: PyTorch's spelling of the probability.
    public override var summary: String { "\(type(of: self))(p=\(pythonFloat(p)))" }

    /// Training: `dx = g * mask / (1-p)`. Eval: `dx = g`.
    public override func backward(_ g: Tensor) throws -> Tensor {
        mask.backward(g)
    }
}
