/// A batch normalization with fixed statistics and affine parameters (torchvision's
/// `ops.FrozenBatchNorm2d`), used to freeze a pretrained BatchNorm2d.
///
/// weight (ones), bias (zeros), running_mean (zeros) and running_var (ones) are all buffers:
/// nothing is learned and nothing is updated, so training and eval compute the same thing.
/// `scale = weight / sqrt(running_var + eps)`, `y = x * scale + (bias - running_mean * scale)`
/// per channel of an (N, C, H, W) input.
///
/// ```swift
/// let frozen = FrozenBatchNorm2d(16)
/// frozen.stateDict().map(\.key)   // ["weight", "bias", "running_mean", "running_var"]
/// ```
public final class FrozenBatchNorm2d: Module {
    /// The number of channels C.
    public let numFeatures: Int
    /// Added to the running variance before the square root.
    public let eps: Double
    /// The fixed per-channel scale (ones).
    public let weight: Buffer
    /// The fixed per-channel shift (zeros).
    public let bias: Buffer
    /// The fixed mean (zeros).
    public let runningMean: Buffer
    /// The fixed variance (ones).
    public let runningVar: Buffer

    private var inputShape: [Int] = []
    private var scale: [Float] = []

    /// A frozen normalization over `numFeatures` channels, with identity statistics until a
    /// state dict is loaded.
    public init(_ numFeatures: Int, eps: Double = 1e-5) {
        self.numFeatures = numFeatures
        self.eps = eps
        weight = Buffer(Tensor(repeating: 1, shape: [numFeatures]))
        bias = Buffer(Tensor(zeros: [numFeatures]))
        runningMean = Buffer(Tensor(zeros: [numFeatures]))
        runningVar = Buffer(Tensor(repeating: 1, shape: [numFeatures]))
        super.init()
    }

    /// Four buffers, in torchvision's order: `weight`, `bias`, `running_mean`, `running_var`.
    public override var stateEntries: [StateEntry] {
        [.buffer("weight", weight), .buffer("bias", bias),
         .buffer("running_mean", runningMean), .buffer("running_var", runningVar)]
    }

    /// torchvision's form: `FrozenBatchNorm2d(16, eps=1e-05)`.
    public override var summary: String { "FrozenBatchNorm2d(\(numFeatures), eps=\(pythonFloat(eps)))" }

    /// `scale = w / sqrt(rv + eps)`, `shift = b - rm * scale`, `y = x * scale + shift`.
    public override func forward(_ x: Tensor) throws -> Tensor {
        guard x.rank == 4 else {
            throw CoreError.runtime("expected 4D input (got \(x.rank)D input)")
        }
        guard x.shape[1] == numFeatures else {
            throw CoreError.runtime("The size of tensor a (\(x.shape[1])) must match the size of tensor b (\(numFeatures)) at non-singleton dimension 1")
        }
        inputShape = x.shape
        let c = numFeatures, plane = x.shape[2] * x.shape[3]
        var shift = [Float](repeating: 0, count: c)
        scale = [Float](repeating: 0, count: c)
        for ch in 0..<c {
            // scale = w * rsqrt(rv + eps); shift = b - rm * scale
            scale[ch] = weight.value.data[ch] * (1 / (runningVar.value.data[ch] + Float(eps)).squareRoot())
            shift[ch] = bias.value.data[ch] - runningMean.value.data[ch] * scale[ch]
        }
        var y = x
        y.data.withUnsafeMutableBufferPointer { yp in
            for p in 0..<(x.shape[0] * c) {
                let s = scale[p % c], t = shift[p % c]
                let base = p * plane
                // y = x * scale + shift
                for i in base..<(base + plane) { yp[i] = yp[i] * s + t }
            }
        }
        return y
    }

    /// `dx = g * scale` (the buffers get no gradient).
    public override func backward(_ g: Tensor) throws -> Tensor {
        precondition(g.count == Tensor.count(of: inputShape), "gradient \(g.shape) for output \(inputShape)")
        let c = numFeatures, plane = inputShape[2] * inputShape[3]
        var dx = g.reshaped(inputShape)
        dx.data.withUnsafeMutableBufferPointer { dp in
            for p in 0..<(inputShape[0] * c) {
                let s = scale[p % c]
                let base = p * plane
                for i in base..<(base + plane) { dp[i] *= s }
            }
        }
        return dx
    }
}
