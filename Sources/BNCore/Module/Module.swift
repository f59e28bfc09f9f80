/// The base of every layer and model: a tree of named children with parameters, buffers and a
/// training flag, like PyTorch's `nn.Module`.
///
/// Each layer implements `forward` (caching what its backward needs) and `backward`, which takes
/// dL/d(output), accumulates dL/d(parameter) into its parameters and returns dL/d(input).
/// Backward must follow the forward it differentiates; layers are not re-entrant.
///
/// ```swift
/// let net = Sequential([Linear(784, 256, bias: false, rng: rng), BatchNorm1d(256), ReLU(),
///                       Linear(256, 10, rng: rng)])
/// let logits = try net.forward(x)
/// _ = try net.backward(dLogits)
/// net.stateDict().map(\.key)  // ["0.weight", "1.weight", "1.bias", "1.running_mean", …]
/// ```
open class Module {
    /// True in training mode (the default), false in eval mode.
    public private(set) var training = true
    /// Sub-modules, by name, in registration order.
    public private(set) var children: [(name: String, module: Module)] = []

    /// A module with no children.
    public init() {}

    /// Adds a named child (its name becomes a prefix of its state keys).
    public func register(_ name: String, _ child: Module) {
        children.append((name, child))
    }

    /// The module's own parameters, buffers and counters, in state-dict order.
    /// Layers override this; the default has none.
    open var stateEntries: [StateEntry] { [] }

    /// A short name for listings, e.g. `BatchNorm1d(256)`.
    open var summary: String { String(describing: type(of: self)) }

    /// Computes the output, caching what `backward` needs.
    open func forward(_ input: Tensor) throws -> Tensor {
        fatalError("\(type(of: self)) does not implement forward")
    }

    /// Given dL/d(output) of the last forward, accumulates parameter gradients and returns
    /// dL/d(input).
    open func backward(_ gradOutput: Tensor) throws -> Tensor {
        fatalError("\(type(of: self)) does not implement backward")
    }

    /// Like `backward`, for a module whose input needs no gradient (the first layer of a
    /// network): layers whose input gradient is costly (Linear, Conv2d) skip computing it.
    open func backwardParameters(_ gradOutput: Tensor) throws {
        _ = try backward(gradOutput)
    }

    /// Sets training mode on this module and every descendant (PyTorch's `train(mode)`).
    public func train(_ mode: Bool = true) {
        training = mode
        didChangeMode()
        for child in children { child.module.train(mode) }
    }

    /// Sets eval mode on this module and every descendant (PyTorch's `eval()`).
    public func eval() { train(false) }

    /// Called after the training flag changes; layers may override to react.
    open func didChangeMode() {}

    // MARK: - Traversal

    /// Every module of the tree with its dotted path (`""` for this one), depth first.
    public func namedModules(prefix: String = "") -> [(name: String, module: Module)] {
        var out: [(String, Module)] = [(prefix, self)]
        for child in children {
            let name = prefix.isEmpty ? child.name : "\(prefix).\(child.name)"
            out += child.module.namedModules(prefix: name)
        }
        return out
    }

    /// Every parameter of the tree with its state-dict key.
    public func namedParameters() -> [(name: String, parameter: Parameter)] {
        namedModules().flatMap { path, module in
            module.stateEntries.compactMap { entry -> (String, Parameter)? in
                guard case .parameter(let n, let p) = entry else { return nil }
                return (path.isEmpty ? n : "\(path).\(n)", p)
            }
        }
    }

    /// Every parameter of the tree, in state-dict order.
    public func parameters() -> [Parameter] { namedParameters().map(\.parameter) }

    /// Forgets every parameter's gradient.
    public func zeroGrad() {
        for p in parameters() { p.zeroGrad() }
    }

    /// Sets `requiresGrad` on every parameter of the tree.
    public func requiresGrad(_ flag: Bool) {
        for p in parameters() { p.requiresGrad = flag }
    }
}
