import Foundation

/// Adam, exactly as PyTorch's `torch.optim.Adam` (single-tensor CPU path) applies it; with
/// `decoupledWeightDecay` it is AdamW (see ``AdamW``).
///
/// For each parameter p that has a gradient g, in order (t counts this parameter's steps):
/// ```
/// t = t + 1
/// p = p·(1 - lr·wd)                        if wd ≠ 0 and decoupled (AdamW)
/// g = g + wd·p                             if wd ≠ 0 and not decoupled (L2, Adam)
/// m = m + (1-β1)·(g - m)                   (lerp towards g: exp_avg)
/// v = β2·v + (1-β2)·g²                     (exp_avg_sq)
/// v̂ = max(v̂, v); use v̂ instead of v below  if amsgrad (max_exp_avg_sq)
/// step = lr / (1 - β1^t)
/// denom = √v / √(1 - β2^t) + eps
/// p = p - step · m / denom
/// ```
/// State is created at a parameter's first update (zeros), so a parameter without a gradient
/// neither moves nor counts a step.
public class Adam: Optimizer {
    /// The parameters updated, in order.
    public let parameters: [Parameter]
    /// The learning rate (may be changed between steps, e.g. by a scheduler).
    public var lr: Double
    /// PyTorch's `initial_lr`, set by the first scheduler attached.
    public var initialLR: Double?
    /// β1 and β2, PyTorch's `betas`.
    public let beta1: Double, beta2: Double
    /// Added to the denominator.
    public let eps: Double
    /// The weight decay factor wd.
    public let weightDecay: Double
    /// Whether the update normalizes by the largest second moment seen (AMSGrad).
    public let amsgrad: Bool
    /// Whether weight decay shrinks the parameter directly (AdamW) instead of adding to the gradient.
    public let decoupledWeightDecay: Bool

    // State per parameter, in parameter order (nil/0 before its first update); settable, to
    // resume from a checkpoint. PyTorch's `optimizer.state[i][...]`.
    /// `state[i]["step"]`: how many updates each parameter has had.
    public var stepCounts: [Int]
    /// `state[i]["exp_avg"]`: the first moment m.
    public var expAvgs: [Tensor?]
    /// `state[i]["exp_avg_sq"]`: the second moment v.
    public var expAvgSqs: [Tensor?]
    /// `state[i]["max_exp_avg_sq"]`: the largest v seen (only with `amsgrad`).
    public var maxExpAvgSqs: [Tensor?]

    /// An optimizer over `parameters` with PyTorch's defaults; throws PyTorch's errors for
    /// invalid settings.
    public init(_ parameters: [Parameter], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                eps: Double = 1e-8, weightDecay: Double = 0, amsgrad: Bool = false,
                decoupledWeightDecay: Bool = false) throws {
        try requireNonNegative(lr, "learning rate")
        try requireNonNegative(eps, "epsilon value")
        guard betas.0 >= 0 && betas.0 < 1 else { throw CoreError.value("Invalid beta parameter at index 0: \(pythonFloat(betas.0))") }
        guard betas.1 >= 0 && betas.1 < 1 else { throw CoreError.value("Invalid beta parameter at index 1: \(pythonFloat(betas.1))") }
        try requireNonNegative(weightDecay, "weight_decay value")
        self.parameters = parameters
        self.lr = lr
        (beta1, beta2) = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
        self.decoupledWeightDecay = decoupledWeightDecay
        stepCounts = Array(repeating: 0, count: parameters.count)
        expAvgs = Array(repeating: nil, count: parameters.count)
        expAvgSqs = expAvgs
        maxExpAvgSqs = expAvgs
    }

    /// Applies one update to every parameter that has a gradient (formulas in the type's summary).
    public func step() {
        for (index, p) in parameters.enumerated() where p.hasGradient {
            stepCounts[index] += 1
            let t = Double(stepCounts[index])
            var m = expAvgs[index] ?? Tensor(zeros: p.value.shape)
            var v = expAvgSqs[index] ?? Tensor(zeros: p.value.shape)
            var vMax = amsgrad ? (maxExpAvgSqs[index] ?? Tensor(zeros: p.value.shape)) : nil
            expAvgs[index] = nil; expAvgSqs[index] = nil; maxExpAvgSqs[index] = nil   // unique storage
            let wd = Float(weightDecay), decay = Float(1 - lr * weightDecay)
            let oneMinusBeta1 = Float(1 - beta1), b2 = Float(beta2), oneMinusBeta2 = Float(1 - beta2)
            let stepSize = Float(lr / (1 - pow(beta1, t)))
            let correction2Root = Float((1 - pow(beta2, t)).squareRoot())
            let epsilon = Float(eps)
            let decoupled = decoupledWeightDecay
            p.value.data.withUnsafeMutableBufferPointer { pv in
            p.grad.data.withUnsafeBufferPointer { gv in
            m.data.withUnsafeMutableBufferPointer { mv in
            v.data.withUnsafeMutableBufferPointer { vv in
                for i in 0..<pv.count {
                    var g = gv[i]
                    if wd != 0 {
                        if decoupled { pv[i] *= decay } else { g += wd * pv[i] }
                    }
                    mv[i] = lerp(mv[i], g, oneMinusBeta1)
                    vv[i] = vv[i] * b2 + oneMinusBeta2 * g * g
                }
            }}}}
            if vMax != nil {
                vMax!.data.withUnsafeMutableBufferPointer { xv in
                    v.data.withUnsafeBufferPointer { vv in
                        for i in 0..<xv.count { xv[i] = max(xv[i], vv[i]) }
                    }
                }
            }
            let second = vMax ?? v
            p.value.data.withUnsafeMutableBufferPointer { pv in
            m.data.withUnsafeBufferPointer { mv in
            second.data.withUnsafeBufferPointer { sv in
                for i in 0..<pv.count {
                    let denom = sv[i].squareRoot() / correction2Root + epsilon
                    pv[i] += -stepSize * (mv[i] / denom)
                }
            }}}
            expAvgs[index] = m
            expAvgSqs[index] = v
            maxExpAvgSqs[index] = vMax
        }
    }
}

/// `a + w·(b - a)`, computed as ATen's `lerp` computes it (from the nearer end for w ≥ 0.5).
@inline(__always)
func lerp(_ a: Float, _ b: Float, _ w: Float) -> Float {
    abs(w) < 0.5 ? a + w * (b - a) : b - (b - a) * (1 - w)
}

extension Adam: OptimizerParameterState {
    /// `step`, `exp_avg`, `exp_avg_sq`, and `max_exp_avg_sq` with amsgrad.
    public func parameterState(at index: Int) -> [String: StateValue] {
        guard stepCounts[index] > 0, let m = expAvgs[index], let v = expAvgSqs[index] else { return [:] }
        var state: [String: StateValue] = ["step": .integer(Int64(stepCounts[index])), "exp_avg": .tensor(m), "exp_avg_sq": .tensor(v)]
        if let vMax = maxExpAvgSqs[index] { state["max_exp_avg_sq"] = .tensor(vMax) }
        return state
    }
}
