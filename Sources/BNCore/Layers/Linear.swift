/// A fully connected layer: `y = x · Wᵀ + b`, for input (N, in) and output (N, out).
///
/// PyTorch's default initialization: W and b ~ U(-1/√in, 1/√in) (kaiming_uniform with a=√5),
/// the weight drawn before the bias.
public final class Linear: Module {
    /// The weight, shape (out, in).
    public let weight: Parameter
    /// The bias, shape (out), or nil (`bias=False`, as before a BatchNorm).
    public let bias: Parameter?
    /// Input and output widths.
    public let inFeatures: Int, outFeatures: Int
    private var input = Tensor(zeros: [0])

    /// A layer from `inFeatures` to `outFeatures`, initialized from `rng`.
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, rng: RandomSource) {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        let bound = 1 / Float(inFeatures).squareRoot()
        weight = Parameter(rng.uniform(shape: [outFeatures, inFeatures], low: -bound, high: bound))
        self.bias = bias ? Parameter(rng.uniform(shape: [outFeatures], low: -bound, high: bound)) : nil
        super.init()
    }

    public override var stateEntries: [StateEntry] {
        [.parameter("weight", weight)] + (bias.map { [.parameter("bias", $0)] } ?? [])
    }

    public override var summary: String { "Linear(\(inFeatures), \(outFeatures)\(bias == nil ? ", bias=False" : ""))" }

    /// `y[n, o] = Σ_i x[n, i] W[o, i] + b[o]`.
    public override func forward(_ x: Tensor) throws -> Tensor {
        guard x.rank >= 1, x.shape.last == inFeatures else {
            let rows = x.count / max(x.shape.last ?? 1, 1)
            // PyTorch 2.15 names the kernel: addmm with a bias, mm without.
            let kernel = bias == nil ? "mm" : "addmm"
            throw CoreError.runtime("\(kernel): mat1 and mat2 shapes cannot be multiplied (\(rows)x\(x.shape.last ?? 0) and \(inFeatures)x\(outFeatures))")
        }
        input = x
        let n = x.count / inFeatures
        var y = Tensor(zeros: Array(x.shape.dropLast()) + [outFeatures])
        y.data.withUnsafeMutableBufferPointer { yp in
            if let b = bias {
                b.value.data.withUnsafeBufferPointer { bp in
                    for r in 0..<n { (yp.baseAddress! + r * outFeatures).update(from: bp.baseAddress!, count: outFeatures) }
                }
            }
            x.data.withUnsafeBufferPointer { xp in
                weight.value.data.withUnsafeBufferPointer { wp in
                    BLAS.gemm(transA: false, transB: true, m: n, n: outFeatures, k: inFeatures,
                              a: xp.baseAddress!, lda: inFeatures, b: wp.baseAddress!, ldb: inFeatures,
                              beta: bias == nil ? 0 : 1, c: yp.baseAddress!, ldc: outFeatures)
                }
            }
        }
        return y
    }

    /// `dx = g · W`, `dW += gᵀ · x`, `db += Σ_n g`.
    public override func backward(_ g: Tensor) throws -> Tensor {
        accumulateParameterGradients(g)
        let n = g.count / outFeatures
        var dx = Tensor(zeros: input.shape)
        dx.data.withUnsafeMutableBufferPointer { dxp in
            g.data.withUnsafeBufferPointer { gp in
                weight.value.data.withUnsafeBufferPointer { wp in
                    BLAS.gemm(transA: false, transB: false, m: n, n: inFeatures, k: outFeatures,
                              a: gp.baseAddress!, lda: outFeatures, b: wp.baseAddress!, ldb: inFeatures,
                              c: dxp.baseAddress!, ldc: inFeatures)
                }
            }
        }
        return dx
    }

    /// Accumulates dW and db only.
    public override func backwardParameters(_ g: Tensor) throws {
        accumulateParameterGradients(g)
    }

    private func accumulateParameterGradients(_ g: Tensor) {
        let n = g.count / outFeatures
        g.data.withUnsafeBufferPointer { gp in
            weight.withGradient { dw, overwrite in
                input.data.withUnsafeBufferPointer { xp in
                    BLAS.gemm(transA: true, transB: false, m: outFeatures, n: inFeatures, k: n,
                              a: gp.baseAddress!, lda: outFeatures, b: xp.baseAddress!, ldb: inFeatures,
                              beta: overwrite ? 0 : 1, c: dw.baseAddress!, ldc: inFeatures)
                }
            }
            bias?.withGradient { db, overwrite in
                if overwrite { db.update(repeating: 0) }
                for r in 0..<n {
                    let row = gp.baseAddress! + r * outFeatures
                    for o in 0..<outFeatures { db[o] += row[o] }
                }
            }
        }
    }
}
