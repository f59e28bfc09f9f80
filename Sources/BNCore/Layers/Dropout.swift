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
public final class Dropout: Module {
    /// The probability of zeroing an element.
    public var p: Double { mask.p }
    private var mask: DropoutMask

    /// A dropout layer zeroing with probability `p`, drawing masks from `rng`. Throws PyTorch's
    /// ValueError when `p` is outside [0, 1].
    public init(p: Double = 0.5, rng: RandomSource) throws {
        mask = try DropoutMask(p: p, rng: rng)
        super.init()
    }

    /// No parameters, buffers or counters.
    public override var stateEntries: [StateEntry] { [] }

    /// `Dropout(p=0.5)`, PyTorch's spelling of the probability.
    public override var summary: String { "Dropout(p=\(pythonFloat(p)))" }

    /// Training: `y = x * mask / (1-p)` with one mask value per element. Eval: `y = x`.
    public override func forward(_ x: Tensor) throws -> Tensor {
        mask.forward(x, unitSize: 1, training: training)
    }

    /// Training: `dx = g * mask / (1-p)`. Eval: `dx = g`.
    public override func backward(_ g: Tensor) throws -> Tensor {
        mask.backward(g)
    }
}

/// The mask shared by the dropout layers: one multiplier (0 or 1/(1-p)) per unit of
/// `unitSize` consecutive elements (an element, or a whole channel for channel dropout).
struct DropoutMask {
    /// The probability of zeroing a unit.
    let p: Double
    /// Where the masks come from.
    let rng: RandomSource
    /// The last training forward's multiplier per unit.
    private(set) var multipliers: [Float] = []
    /// Elements per unit in the last forward.
    private(set) var unitSize = 1
    /// The shape of the last forward's input.
    private var inputShape: [Int] = []
    /// Whether the last forward applied a mask (false in eval mode and for p = 0).
    private(set) var active = false

    /// Checks p like PyTorch's `_DropoutNd`.
    init(p: Double, rng: RandomSource) throws {
        guard p >= 0 && p <= 1 else {
            throw CoreError.value("dropout probability has to be between 0 and 1, but got \(pythonFloat(p))")
        }
        self.p = p
        self.rng = rng
    }

    /// Draws a new mask (training, 0 < p) and applies it: `y = x * mask / (1-p)`.
    mutating func forward(_ x: Tensor, unitSize: Int, training: Bool) -> Tensor {
        inputShape = x.shape
        active = training && p > 0 && x.count > 0
        guard active else { return x }
        self.unitSize = unitSize
        let units = x.count / unitSize
        if multipliers.count != units { multipliers = [Float](repeating: 0, count: units) }
        if p == 1 {
            // Everything dropped: y = x * 0, no division by 1 - p = 0, no draws.
            for u in 0..<units { multipliers[u] = 0 }
        } else {
            // mask ~ Bernoulli(1-p); a kept unit is scaled by 1/(1-p), computed in Float.
            let keep = Float(1 - p)
            let scale = 1 / Float(1 - p)
            for u in 0..<units { multipliers[u] = rng.nextUnit() < keep ? scale : 0 }
        }
        return applyMask(x)
    }

    /// `dx = g * mask / (1-p)` after an active forward, else `dx = g`.
    func backward(_ g: Tensor) -> Tensor {
        precondition(g.count == Tensor.count(of: inputShape), "gradient \(g.shape) for output \(inputShape)")
        guard active else { return g.reshaped(inputShape) }
        return applyMask(g.reshaped(inputShape))
    }

    /// Multiplies every element by its unit's multiplier.
    private func applyMask(_ t: Tensor) -> Tensor {
        var out = t
        let size = unitSize
        out.data.withUnsafeMutableBufferPointer { op in
            multipliers.withUnsafeBufferPointer { mp in
                for u in 0..<mp.count {
                    let m = mp[u], base = u * size
                    for i in base..<(base + size) { op[i] *= m }
                }
            }
        }
        return out
    }
}
