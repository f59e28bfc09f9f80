/// RMSprop, exactly as PyTorch's `torch.optim.RMSprop` (single-tensor CPU path) applies it.
///
/// For each parameter p that has a gradient g, in order:
/// ```
/// g = g + wd·p                             if wd ≠ 0
/// s = α·s + (1-α)·g²                       (square_avg)
/// a = a + (1-α)·(g - a)                    if centered (lerp towards g: grad_avg)
/// avg = √(s - a²) + eps  (centered)  |  √s + eps
/// b = μ·b + g / avg;  p = p - lr·b         if μ > 0 (momentum_buffer)
/// p = p - lr · g / avg                     otherwise
/// ```
/// State is created at a parameter's first update (zeros); a parameter without a gradient is
/// skipped.
public final class RMSprop: Optimizer {
    /// The parameters updated, in order.
    public let parameters: [Parameter]
    /// The learning rate (may be changed between steps, e.g. by a scheduler).
    public var lr: Double
    /// PyTorch's `initial_lr`, set by the first scheduler attached.
    public var initialLR: Double?
    /// The smoothing constant α of the squared-gradient average.
    public let alpha: Double
    /// Added to the denominator.
    public let eps: Double
    /// The weight decay factor wd (L2, added to the gradient).
    public let weightDecay: Double
    /// The momentum factor μ (0: no momentum buffer).
    public let momentum: Double
    /// Whether the squared average is centred by the gradient average (an estimate of the variance).
    public let centered: Bool

    // State per parameter, in parameter order (nil/0 before its first update); settable, to
    // resume from a checkpoint. PyTorch's `optimizer.state[i][...]`.
    /// `state[i]["step"]`: how many updates each parameter has had.
    public var stepCounts: [Int]
    /// `state[i]["square_avg"]`: s.
    public var squareAvgs: [Tensor?]
    /// `state[i]["momentum_buffer"]`: b (only with momentum > 0).
    public var momentumBuffers: [Tensor?]
    /// `state[i]["grad_avg"]`: a (only when centered).
    public var gradAvgs: [Tensor?]

    /// An optimizer over `parameters` with PyTorch's defaults; throws PyTorch's errors for
    /// invalid settings.
    public init(_ parameters: [Parameter], lr: Double = 1e-2, alpha: Double = 0.99, eps: Double = 1e-8,
                weightDecay: Double = 0, momentum: Double = 0, centered: Bool = false) throws {
        try requireNonNegative(lr, "learning rate")
        try requireNonNegative(eps, "epsilon value")
        try requireNonNegative(momentum, "momentum value")
        try requireNonNegative(weightDecay, "weight_decay value")
        try requireNonNegative(alpha, "alpha value")
        self.parameters = parameters
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
        stepCounts = Array(repeating: 0, count: parameters.count)
        squareAvgs = Array(repeating: nil, count: parameters.count)
        momentumBuffers = squareAvgs
        gradAvgs = squareAvgs
    }

    /// Applies one update to every parameter that has a gradient (formulas in the type's summary).
    public func step() {
        let wd = Float(weightDecay), a = Float(alpha), oneMinusAlpha = Float(1 - alpha)
        let epsilon = Float(eps), mu = Float(momentum), rate = Float(lr)
        for (index, p) in parameters.enumerated() where p.hasGradient {
            stepCounts[index] += 1
            let shape = p.value.shape
            var s = squareAvgs[index] ?? Tensor(zeros: shape)
            var avgGrad = centered ? (gradAvgs[index] ?? Tensor(zeros: shape)) : Tensor(zeros: [0])
            var buf = momentum > 0 ? (momentumBuffers[index] ?? Tensor(zeros: shape)) : Tensor(zeros: [0])
            squareAvgs[index] = nil; gradAvgs[index] = nil; momentumBuffers[index] = nil   // unique storage
            let centered = self.centered, useMomentum = momentum > 0
            p.value.data.withUnsafeMutableBufferPointer { pv in
            p.grad.data.withUnsafeBufferPointer { gv in
            s.data.withUnsafeMutableBufferPointer { sv in
            avgGrad.data.withUnsafeMutableBufferPointer { av in
            buf.data.withUnsafeMutableBufferPointer { bv in
                for i in 0..<pv.count {
                    var g = gv[i]
                    if wd != 0 { g += wd * pv[i] }
                    sv[i] = sv[i] * a + oneMinusAlpha * g * g
                    var avg: Float
                    if centered {
                        av[i] = lerp(av[i], g, oneMinusAlpha)
                        avg = (sv[i] - av[i] * av[i]).squareRoot()
                    } else {
                        avg = sv[i].squareRoot()
                    }
                    avg += epsilon
                    if useMomentum {
                        bv[i] = bv[i] * mu + g / avg
                        pv[i] += -rate * bv[i]
                    } else {
                        pv[i] += -rate * (g / avg)
                    }
                }
            }}}}}
            squareAvgs[index] = s
            if centered { gradAvgs[index] = avgGrad }
            if useMomentum { momentumBuffers[index] = buf }
        }
    }
}

extension RMSprop: OptimizerParameterState {
    /// `step`, `square_avg`, `momentum_buffer` with momentum, `grad_avg` when centered.
    public func parameterState(at index: Int) -> [String: StateValue] {
        guard stepCounts[index] > 0, let s = squareAvgs[index] else { return [:] }
        var state: [String: StateValue] = ["step": .integer(Int64(stepCounts[index])), "square_avg": .tensor(s)]
        if let b = momentumBuffers[index] { state["momentum_buffer"] = .tensor(b) }
        if let a = gradAvgs[index] { state["grad_avg"] = .tensor(a) }
        return state
    }
}
