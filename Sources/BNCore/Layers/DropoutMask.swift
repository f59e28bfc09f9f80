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
