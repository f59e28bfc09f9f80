/// `y = max(x, 0)`; the gradient passes where the input was positive.
public final class ReLU: Module {
    private var output = Tensor(zeros: [0])

    /// A ReLU.
    public override init() { super.init() }

    public override var summary: String { "ReLU()" }

    /// `y = max(x, 0)`.
    public override func forward(_ x: Tensor) throws -> Tensor {
        var y = x
        y.data.withUnsafeMutableBufferPointer { p in
            for i in 0..<p.count { p[i] = max(p[i], 0) }
        }
        output = y
        return y
    }

    /// `dx = g · [y > 0]`.
    public override func backward(_ g: Tensor) throws -> Tensor {
        var dx = g
        dx.data.withUnsafeMutableBufferPointer { d in
            output.data.withUnsafeBufferPointer { y in
                for i in 0..<d.count where !(y[i] > 0) { d[i] = 0 }
            }
        }
        return dx
    }
}
