/// Flattens every dimension after the first: (N, d1, d2, …) → (N, d1·d2·…).
public final class Flatten: Module {
    private var inputShape: [Int] = []

    /// A flatten layer (PyTorch's `start_dim=1`).
    public override init() { super.init() }

    public override var summary: String { "Flatten()" }

    /// Same elements, shape (N, rest).
    public override func forward(_ x: Tensor) throws -> Tensor {
        inputShape = x.shape
        guard let n = x.shape.first else { return x.reshaped([1]) }
        return x.reshaped([n, x.shape.dropFirst().reduce(1, *)])
    }

    /// The gradient reshaped back to the input's shape.
    public override func backward(_ g: Tensor) throws -> Tensor {
        g.reshaped(inputShape)
    }
}
