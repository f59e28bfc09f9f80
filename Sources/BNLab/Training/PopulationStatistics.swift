import BNCore
import BNData

/// The true statistics of each BatchNorm layer's input over the whole training set (or subset),
/// with the current weights: what the running statistics are estimating.
enum PopulationStatistics {
    /// Per BatchNorm layer name: mean and biased variance per channel, over every sample and
    /// spatial position. Runs the network in eval mode, so nothing is updated.
    static func measure(_ model: BuiltModel, on loader: BatchLoader,
                        checkpoint: () throws -> Void) throws -> [String: (mean: [Float], variance: [Float])] {
        let network = model.network
        network.eval()
        let names = Dictionary(uniqueKeysWithValues: model.batchNorms.map { (ObjectIdentifier($0.layer), $0.name) })
        // Σx and Σx² per channel, in Double (60,000 samples × many positions).
        var sums: [String: (s: [Double], s2: [Double], n: Int)] = [:]
        var iterator = loader.epoch(0)
        var batch = Batch()
        while iterator.next(into: &batch) {
            try checkpoint()
            var x = batch.input
            for layer in network.layers {
                if let name = names[ObjectIdentifier(layer)] {
                    let c = x.shape[1], spatial = x.shape.dropFirst(2).reduce(1, *), n = x.shape[0]
                    var acc = sums[name] ?? ([Double](repeating: 0, count: c), [Double](repeating: 0, count: c), 0)
                    x.data.withUnsafeBufferPointer { p in
                        for i in 0..<n {
                            for ch in 0..<c {
                                var s = 0.0, s2 = 0.0
                                for j in 0..<spatial {
                                    let v = Double(p[(i * c + ch) * spatial + j])
                                    s += v
                                    s2 += v * v
                                }
                                acc.s[ch] += s
                                acc.s2[ch] += s2
                            }
                        }
                    }
                    acc.n += n * spatial
                    sums[name] = acc
                }
                x = try layer.forward(x)
            }
        }
        // mean = Σx / n,  var = Σx² / n - mean²  (biased)
        return sums.mapValues { acc in
            let n = Double(max(acc.n, 1))
            let mean = acc.s.map { $0 / n }
            let variance = zip(acc.s2, mean).map { max($0 / n - $1 * $1, 0) }
            return (mean.map(Float.init), variance.map(Float.init))
        }
    }
}
