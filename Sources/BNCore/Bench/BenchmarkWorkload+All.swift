extension BenchmarkWorkload {
    public static let all: [BenchmarkWorkload] = [.mlp(batchNorm: true), .mlp(batchNorm: false)]
}
