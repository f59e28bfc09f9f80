import Foundation

/// Cross-entropy on logits (N, C) and class indices, PyTorch's `CrossEntropyLoss`.
///
/// With `lp = log_softmax(z)`, class weights w (default 1) and smoothing ε, per sample
/// ```
/// l_i = -(1-ε)·w[y_i]·lp[i, y_i] - (ε/C)·Σ_c w[c]·lp[i, c]      (0 when y_i == ignoreIndex)
/// ```
/// `mean` divides Σ l_i by Σ w[y_i] over the non-ignored samples; `sum` does not divide.
/// The gradient of l_i is `(Σ_c a_c)·softmax(z_i) - a`, where `a_c` is the coefficient of
/// `-lp[i, c]` above (for no weights and no smoothing: `softmax - onehot`).
public struct CrossEntropyLoss: Sendable {
    /// How per-sample losses are combined.
    public enum Reduction: String, Sendable {
        case mean, sum, none
    }

    /// Per-class weights, or nil for all ones.
    public var weight: [Float]?
    /// A target value whose samples contribute nothing.
    public var ignoreIndex: Int
    /// ε in [0, 1]: how much of each target's mass is spread uniformly over the classes.
    public var labelSmoothing: Double
    /// Mean (default), sum or none.
    public var reduction: Reduction

    /// A loss with PyTorch's defaults (mean, no weights, ignore_index -100, no smoothing).
    public init(weight: [Float]? = nil, ignoreIndex: Int = -100, labelSmoothing: Double = 0,
                reduction: Reduction = .mean) throws {
        guard (0...1).contains(labelSmoothing) else {
            throw CoreError.runtime("label_smoothing must be between 0.0 and 1.0. Got: \(labelSmoothing)")
        }
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        self.labelSmoothing = labelSmoothing
        self.reduction = reduction
    }

    /// The loss and its gradient with respect to the logits.
    public struct Result: Sendable {
        /// The reduced loss (for `.none`, the sum of the per-sample losses).
        public var value: Double
        /// The per-sample losses.
        public var perSample: [Double]
        /// dL/dz, shape (N, C), for the reduced loss (`.none`: for the sum), times `gradScale`.
        public var gradient: Tensor
    }

    /// Computes the loss of `logits` (N, C) against `targets` (N), and its gradient times
    /// `gradScale` (e.g. 1/k when accumulating k micro-batches).
    public func compute(logits: Tensor, targets: [Int], gradScale: Float = 1) throws -> Result {
        guard logits.rank == 2 else {
            throw CoreError.runtime("expected logits of shape (N, C), got \(torchSize(logits.shape))")
        }
        let n = logits.shape[0], c = logits.shape[1]
        guard targets.count == n else {
            throw CoreError.value("Expected input batch_size (\(n)) to match target batch_size (\(targets.count)).")
        }
        if let weight, weight.count != c {
            throw CoreError.runtime("weight tensor should be defined either for all \(c) classes or no classes but got weight tensor of shape: [\(weight.count)]")
        }
        for t in targets where t != ignoreIndex && !(0..<c).contains(t) {
            throw CoreError(.indexError, "Target \(t) is out of bounds.")
        }
        let eps = labelSmoothing
        let w = weight.map { $0.map(Double.init) } ?? [Double](repeating: 1, count: c)
        let weightSum = w.reduce(0, +)
        var perSample = [Double](repeating: 0, count: n)
        var gradient = Tensor(zeros: logits.shape)
        var denominator = 0.0
        var softmax = [Double](repeating: 0, count: c)
        logits.data.withUnsafeBufferPointer { z in
            gradient.data.withUnsafeMutableBufferPointer { g in
                for i in 0..<n where targets[i] != ignoreIndex {
                    let y = targets[i], row = i * c
                    // lp = z - (m + log Σ exp(z - m)), m = max z  (stable log-softmax)
                    var m = -Double.infinity
                    for j in 0..<c { m = max(m, Double(z[row + j])) }
                    var s = 0.0
                    for j in 0..<c { softmax[j] = exp(Double(z[row + j]) - m); s += softmax[j] }
                    let logSum = m + log(s)
                    var smoothTerm = 0.0
                    for j in 0..<c {
                        softmax[j] /= s
                        smoothTerm += w[j] * (Double(z[row + j]) - logSum)
                    }
                    let lpy = Double(z[row + y]) - logSum
                    perSample[i] = -(1 - eps) * w[y] * lpy - (eps / Double(c)) * smoothTerm
                    denominator += w[y]
                    // a_c = (1-ε)·w[y]·[c == y] + (ε/C)·w[c];  dl/dz_j = (Σ a)·p_j - a_j
                    let aSum = (1 - eps) * w[y] + (eps / Double(c)) * weightSum
                    for j in 0..<c {
                        let a = (eps / Double(c)) * w[j] + (j == y ? (1 - eps) * w[y] : 0)
                        g[row + j] = Float(aSum * softmax[j] - a)
                    }
                }
            }
        }
        let total = perSample.reduce(0, +)
        let value: Double
        let scale: Double
        switch reduction {
        case .mean:
            value = total / denominator          // 0/0 = NaN when every target is ignored, as PyTorch
            scale = 1 / denominator
        case .sum, .none:
            value = total
            scale = 1
        }
        let factor = Float(scale) * gradScale
        if factor != 1 {
            gradient.data.withUnsafeMutableBufferPointer { g in
                for i in 0..<g.count { g[i] *= factor }
            }
        }
        return Result(value: value, perSample: perSample, gradient: gradient)
    }
}
