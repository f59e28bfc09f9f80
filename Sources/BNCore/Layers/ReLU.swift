/// `y = max(x, 0)`; the gradient passes where the input was positive.
public final class ReLU: Module {
    private var output = Tensor(zeros: [0])

    /// A ReLU.
    public override init() { super.init() }

    public override var summary: String { "ReLU()" }

    /// `y = max(x, 0)` (NaN stays NaN), written into a new tensor in one pass.
    public override func forward(_ x: Tensor) throws -> Tensor {
        let y = Tensor(shape: x.shape) { yp in
            x.data.withUnsafeBufferPointer { xp in
                for i in 0..<yp.count { yp[i] = max(xp[i], 0) }
            }
        }
        output = y
        return y
    }

    /// `dx = g · [y > 0]`.
    public override func backward(_ g: Tensor) throws -> Tensor {
        precondition(g.count == output.count, "gradient \(g.shape) for a ReLU output of \(output.count) elements")
        return Tensor(shape: g.shape) { dp in
            g.data.withUnsafeBufferPointer { gp in
                output.data.withUnsafeBufferPointer { yp in
                    for i in 0..<dp.count { dp[i] = yp[i] > 0 ? gp[i] : 0 }
                }
            }
        }
    }
}
