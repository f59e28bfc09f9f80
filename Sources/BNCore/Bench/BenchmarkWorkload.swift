/// A training workload of the speed benchmark: a model, its input shape and its arithmetic cost.
public struct BenchmarkWorkload: Sendable {
    /// Short name, e.g. `mlp-bn`.
    public let name: String
    /// What it is, for reports.
    public let title: String
    /// The input of one sample, e.g. [784] or [1, 28, 28].
    public let sampleShape: [Int]
    /// Multiply-add pairs counted as 2 FLOPs, per sample, for one forward and backward pass
    /// (the first layer's input gradient is not computed).
    public let flopsPerSample: Double
    /// Builds the model from a seed.
    public let makeModel: @Sendable (RandomSource) throws -> Module

    /// The seed MLP 784-256-256-10, with BatchNorm1d after each hidden Linear (which then has no
    /// bias), or without BN (Linear with bias).
    public static func mlp(batchNorm: Bool) -> BenchmarkWorkload {
        // forward + weight gradient: 2 · 2 · (784·256 + 256·256 + 256·10);
        // input gradient of layers 2 and 3 only: 2 · (256·256 + 256·10)
        let macs: Double = 784 * 256 + 256 * 256 + 256 * 10
        let inputGradientMacs: Double = 256 * 256 + 256 * 10
        let flops: Double = 4 * macs + 2 * inputGradientMacs
        return BenchmarkWorkload(
            name: batchNorm ? "mlp-bn" : "mlp", title: batchNorm ? "MLP 784-256-256-10 with BN" : "MLP 784-256-256-10 without BN",
            sampleShape: [784], flopsPerSample: flops
        ) { rng in
            Sequential(batchNorm
                ? [Linear(784, 256, bias: false, rng: rng), BatchNorm1d(256), ReLU(),
                   Linear(256, 256, bias: false, rng: rng), BatchNorm1d(256), ReLU(),
                   Linear(256, 10, rng: rng)]
                : [Linear(784, 256, rng: rng), ReLU(), Linear(256, 256, rng: rng), ReLU(),
                   Linear(256, 10, rng: rng)])
        }
    }
}
