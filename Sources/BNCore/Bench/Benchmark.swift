/// The measured speed of one workload.
public struct BenchmarkResult: Sendable, Codable {
    /// The workload's name.
    public var name: String
    /// Its description.
    public var title: String
    /// Timed batches and samples per batch.
    public var batches: Int, batchSize: Int
    /// Wall-clock seconds for the timed batches.
    public var seconds: Double
    /// Training samples per second.
    public var samplesPerSecond: Double
    /// Achieved arithmetic rate, GFLOP/s.
    public var gflops: Double
    /// The loss of the last batch (a sanity check that training happened).
    public var finalLoss: Double
}

/// Times training steps (forward, cross-entropy, backward, SGD) on synthetic batches, single-threaded.
public enum Benchmark {
    /// Trains `workload` for `warmup + batches` steps of `batchSize` samples and times the last
    /// `batches`. Inputs are standard-normal-like, labels uniform over 10 classes, SGD lr 0.01.
    public static func run(_ workload: BenchmarkWorkload, batches: Int, batchSize: Int = 64,
                           warmup: Int = 5, seed: UInt64 = 1) throws -> BenchmarkResult {
        let rng = RandomSource(seed: seed)
        let model = try workload.makeModel(rng)
        model.train()
        let sgd = try SGD(model.parameters(), lr: 0.01)
        let loss = try CrossEntropyLoss()
        // A few distinct batches, cycled, so data generation stays out of the timing.
        let pool = (0..<8).map { _ in
            (rng.uniform(shape: [batchSize] + workload.sampleShape, low: -1.7, high: 1.7),
             (0..<batchSize).map { _ in Int(rng.next() % 10) })
        }
        var lastLoss = 0.0
        func step(_ i: Int) throws {
            let (x, y) = pool[i % pool.count]
            sgd.zeroGrad()
            let logits = try model.forward(x)
            let result = try loss.compute(logits: logits, targets: y)
            try model.backwardParameters(result.gradient)
            sgd.step()
            lastLoss = result.value
        }
        for i in 0..<warmup { try step(i) }
        let clock = ContinuousClock()
        let start = clock.now
        for i in 0..<batches { try step(i) }
        let elapsed = clock.now - start
        let seconds = elapsed.inSeconds
        let samples = Double(batches * batchSize)
        return BenchmarkResult(name: workload.name, title: workload.title, batches: batches, batchSize: batchSize,
                               seconds: seconds, samplesPerSecond: samples / seconds,
                               gflops: samples * workload.flopsPerSample / seconds / 1e9, finalLoss: lastLoss)
    }

    /// This machine's single-call sgemm rate in GFLOP/s, on square matrices of `size`
    /// (2·size³ FLOPs per call), best of `repeats`.
    public static func sgemmRate(size: Int = 512, repeats: Int = 10) -> Double {
        let a = [Float](repeating: 0.5, count: size * size), b = a
        var c = [Float](repeating: 0, count: size * size)
        let clock = ContinuousClock()
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = clock.now
            a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in c.withUnsafeMutableBufferPointer { cp in
                BLAS.gemm(transA: false, transB: false, m: size, n: size, k: size, a: ap.baseAddress!, lda: size,
                          b: bp.baseAddress!, ldb: size, c: cp.baseAddress!, ldc: size)
            }}}
            let d = clock.now - start
            best = min(best, d.inSeconds)
        }
        return 2 * Double(size * size * size) / best / 1e9
    }
}
