/// A learnable tensor with its accumulated gradient.
///
/// Gradients accumulate across backward calls until `zeroGrad()` (PyTorch's default
/// `set_to_none=True`: afterwards the parameter has *no* gradient, so SGD skips it until a
/// backward pass writes one). A parameter with `requiresGrad == false` never receives one.
public final class Parameter {
    /// The current value.
    public var value: Tensor
    /// The gradient storage; meaningful only while `hasGradient` is true.
    public var grad: Tensor
    /// Whether a backward pass has written a gradient since the last `zeroGrad()`.
    public private(set) var hasGradient = false
    /// Whether backward passes compute a gradient for this parameter.
    public var requiresGrad = true

    /// A parameter holding `value`, with no gradient yet.
    public init(_ value: Tensor) {
        self.value = value
        self.grad = Tensor(zeros: value.shape)
    }

    /// The gradient, or nil when none was written since the last zero (PyTorch's `grad is None`).
    public var gradient: Tensor? { hasGradient ? grad : nil }

    /// Forgets the gradient (the storage is kept for reuse, nothing is allocated).
    public func zeroGrad() { hasGradient = false }

    /// Adds `delta` to the gradient (or sets it, when there is none yet).
    public func accumulate(_ delta: Tensor) {
        precondition(delta.count == grad.count, "gradient shape \(delta.shape) for parameter \(value.shape)")
        guard requiresGrad else { return }
        withGradient(overwrite: !hasGradient) { g, overwrite in
            delta.data.withUnsafeBufferPointer { d in
                if overwrite { for i in 0..<g.count { g[i] = d[i] } }
                else { for i in 0..<g.count { g[i] += d[i] } }
            }
        }
    }

    /// Gives `body` the gradient storage to write into; `overwrite` tells whether it holds an
    /// old value to replace (true) or a live gradient to add to (false). Marks the gradient
    /// present afterwards. Does nothing when `requiresGrad` is false.
    @inline(__always)
    public func withGradient(_ body: (UnsafeMutableBufferPointer<Float>, _ overwrite: Bool) -> Void) {
        guard requiresGrad else { return }
        withGradient(overwrite: !hasGradient, body)
    }

    @inline(__always)
    private func withGradient(overwrite: Bool, _ body: (UnsafeMutableBufferPointer<Float>, Bool) -> Void) {
        grad.data.withUnsafeMutableBufferPointer { body($0, overwrite) }
        hasGradient = true
    }
}

/// A non-learnable tensor that is part of a module's state (e.g. `running_mean`).
public final class Buffer {
    /// The current value.
    public var value: Tensor
    /// A buffer holding `value`.
    public init(_ value: Tensor) { self.value = value }
}

/// An integer counter that is part of a module's state (e.g. `num_batches_tracked`).
public final class Counter {
    /// The current count.
    public var value: Int64
    /// A counter starting at `value`.
    public init(_ value: Int64 = 0) { self.value = value }

    /// The largest value a loaded state may give a counter: 2^53, the last count a JSON number (and
    /// the Double in `f = 1 / num_batches_tracked`) holds exactly, and far from overflowing as
    /// the layer counts on.
    public static let maxLoaded: Int64 = 1 << 53
}

/// One named piece of a module's own state, in PyTorch's `state_dict` order.
public enum StateEntry {
    case parameter(String, Parameter)
    case buffer(String, Buffer)
    case counter(String, Counter)

    /// The entry's local name (`weight`, `running_mean`, …).
    public var name: String {
        switch self {
        case .parameter(let n, _), .buffer(let n, _), .counter(let n, _): return n
        }
    }
}
