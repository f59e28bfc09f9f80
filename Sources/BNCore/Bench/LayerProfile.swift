/// Where a training step's time goes, layer by layer.
public struct LayerTiming: Sendable, Codable {
    /// The layer's index and summary, e.g. `0 Conv2d(1, 6, kernel_size=3)`.
    public var layer: String
    /// Mean seconds per step in forward and in backward.
    public var forward: Double, backward: Double
}

extension Benchmark {
    /// Times each layer's forward and backward over `batches` training steps of `workload`
    /// (a `Sequential`), plus the loss and the optimizer step as two extra rows.
    public static func profile(_ workload: BenchmarkWorkload, batches: Int, batchSize: Int = 64,
                               seed: UInt64 = 1) throws -> [LayerTiming] {
        let rng = RandomSource(seed: seed)
        guard let model = try workload.makeModel(rng) as? Sequential else { return [] }
        let sgd = try SGD(model.parameters(), lr: 0.01)
        let loss = try CrossEntropyLoss()
        let x = rng.uniform(shape: [batchSize] + workload.sampleShape, low: -1.7, high: 1.7)
        let y = (0..<batchSize).map { _ in Int(rng.next() % 10) }
        let clock = ContinuousClock()
        func seconds(_ d: Duration) -> Double {
            d.inSeconds
        }
        var forward = [Double](repeating: 0, count: model.layers.count + 2)
        var backward = forward
        for iteration in 0..<(batches + 3) {
            let timed = iteration >= 3     // the first steps warm caches and allocators
            sgd.zeroGrad()
            var h = x
            for (i, layer) in model.layers.enumerated() {
                let t = clock.now
                h = try layer.forward(h)
                if timed { forward[i] += seconds(clock.now - t) }
            }
            var t = clock.now
            let r = try loss.compute(logits: h, targets: y)
            if timed { forward[model.layers.count] += seconds(clock.now - t) }
            var g = r.gradient
            for (i, layer) in model.layers.enumerated().reversed() {
                t = clock.now
                if i == 0 { try layer.backwardParameters(g) } else { g = try layer.backward(g) }
                if timed { backward[i] += seconds(clock.now - t) }
            }
            t = clock.now
            sgd.step()
            if timed { backward[model.layers.count + 1] += seconds(clock.now - t) }
        }
        let names = model.layers.enumerated().map { "\($0) \($1.summary)" } + ["cross-entropy", "SGD step"]
        return names.indices.map { LayerTiming(layer: names[$0], forward: forward[$0] / Double(batches),
                                               backward: backward[$0] / Double(batches)) }
    }
}
