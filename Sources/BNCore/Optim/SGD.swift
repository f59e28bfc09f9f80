/// Stochastic gradient descent with momentum, dampening, Nesterov and weight decay, exactly as
/// PyTorch's `torch.optim.SGD` applies them.
///
/// For each parameter that has a gradient, in order:
/// ```
/// g = grad
/// g = g + wd·p                                   if wd ≠ 0
/// buf = g (first step)  |  buf = μ·buf + (1-τ)·g   if μ ≠ 0
/// g = g + μ·buf (Nesterov)  |  g = buf            if μ ≠ 0
/// p = p - lr·g
/// ```
/// Parameters without a gradient (frozen, or untouched since the last zero) are skipped.
public final class SGD: Optimizer {
    /// The parameters updated, in order.
    public let parameters: [Parameter]
    /// The learning rate (may be changed between steps, e.g. by a schedule).
    public var lr: Double
    /// PyTorch's `initial_lr`, set by the first scheduler attached.
    public var initialLR: Double?
    /// μ, τ, wd and the Nesterov switch.
    public let momentum: Double, dampening: Double, weightDecay: Double, nesterov: Bool
    /// Each parameter's momentum buffer (nil before its first update), in parameter order:
    /// PyTorch's `optimizer.state[i]["momentum_buffer"]`. Settable, to resume from a checkpoint.
    public var momentumBuffers: [Tensor?]

    /// An optimizer over `parameters`; throws PyTorch's errors for invalid settings.
    public init(_ parameters: [Parameter], lr: Double, momentum: Double = 0, dampening: Double = 0,
                weightDecay: Double = 0, nesterov: Bool = false) throws {
        try requireNonNegative(lr, "learning rate")
        try requireNonNegative(momentum, "momentum value")
        try requireNonNegative(weightDecay, "weight_decay value")
        if nesterov && (momentum <= 0 || dampening != 0) {
            throw CoreError.value("Nesterov momentum requires a momentum and zero dampening")
        }
        self.parameters = parameters
        self.lr = lr
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
        momentumBuffers = Array(repeating: nil, count: parameters.count)
    }

    /// Applies one update to every parameter that has a gradient.
    public func step() {
        let lr = Float(self.lr), mu = Float(momentum), tau = Float(dampening), wd = Float(weightDecay)
        for (index, p) in parameters.enumerated() where p.hasGradient {
            var g = p.grad
            if wd != 0 {
                p.value.data.withUnsafeBufferPointer { pv in
                    g.data.withUnsafeMutableBufferPointer { gv in
                        for i in 0..<gv.count { gv[i] += wd * pv[i] }
                    }
                }
            }
            if mu != 0 {
                if var buf = momentumBuffers[index] {
                    momentumBuffers[index] = nil    // keep the storage uniquely referenced
                    buf.data.withUnsafeMutableBufferPointer { b in
                        g.data.withUnsafeBufferPointer { gv in
                            for i in 0..<b.count { b[i] = mu * b[i] + (1 - tau) * gv[i] }
                        }
                    }
                    momentumBuffers[index] = buf
                } else {
                    momentumBuffers[index] = g
                }
                let buf = momentumBuffers[index]!
                if nesterov {
                    g.data.withUnsafeMutableBufferPointer { gv in
                        buf.data.withUnsafeBufferPointer { b in
                            for i in 0..<gv.count { gv[i] += mu * b[i] }
                        }
                    }
                } else {
                    g = buf
                }
            }
            p.value.data.withUnsafeMutableBufferPointer { pv in
                g.data.withUnsafeBufferPointer { gv in
                    for i in 0..<pv.count { pv[i] -= lr * gv[i] }
                }
            }
        }
    }
}

extension SGD: OptimizerParameterState {
    /// `momentum_buffer`, once the parameter has one (momentum ≠ 0).
    public func parameterState(at index: Int) -> [String: StateValue] {
        momentumBuffers[index].map { ["momentum_buffer": .tensor($0)] } ?? [:]
    }
}
