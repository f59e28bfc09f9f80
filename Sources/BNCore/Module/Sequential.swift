/// Children applied in order; state keys are their indices (`0.weight`, `1.running_mean`, …).
public final class Sequential: Module {
    /// The layers, in order.
    public private(set) var layers: [Module]

    /// A sequence of `layers`, registered as children `"0"`, `"1"`, ….
    public init(_ layers: [Module]) {
        self.layers = layers
        super.init()
        for (i, layer) in layers.enumerated() { register(String(i), layer) }
    }

    public override var summary: String { "Sequential(\(layers.count) layers)" }

    /// Applies each layer to the previous one's output.
    public override func forward(_ input: Tensor) throws -> Tensor {
        var x = input
        for layer in layers { x = try layer.forward(x) }
        return x
    }

    /// Back-propagates through the layers in reverse order.
    public override func backward(_ gradOutput: Tensor) throws -> Tensor {
        var g = gradOutput
        for layer in layers.reversed() { g = try layer.backward(g) }
        return g
    }

    /// Back-propagates without computing the gradient of the network's input.
    public override func backwardParameters(_ gradOutput: Tensor) throws {
        guard let first = layers.first else { return }
        var g = gradOutput
        for layer in layers.dropFirst().reversed() { g = try layer.backward(g) }
        try first.backwardParameters(g)
    }
}
