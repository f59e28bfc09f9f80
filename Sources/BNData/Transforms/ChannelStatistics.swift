/// Per-channel mean and standard deviation of pixel values scaled to [0, 1] (÷ 255).
public struct ChannelStatistics: Sendable, Equatable {
    /// The mean of each channel.
    public let mean: [Double]
    /// The standard deviation of each channel (unbiased, `N − 1`, as `torch.Tensor.std()`).
    public let std: [Double]
    /// The number of pixel values per channel that went in.
    public let valuesPerChannel: Int

    /// Statistics from a 256-bin histogram of each channel's byte values.
    ///
    ///     mean = Σ_v n_v · (v/255) / N
    ///     std  = sqrt( Σ_v n_v · (v/255 − mean)² / (N − 1) )
    public init(histograms: [[Int]]) {
        var means: [Double] = []
        var stds: [Double] = []
        var total = 0
        for histogram in histograms {
            let n = histogram.reduce(0, +)
            total = n
            var sum = 0.0
            for (v, count) in histogram.enumerated() { sum += Double(count) * (Double(v) / 255) }
            let mean = n > 0 ? sum / Double(n) : 0
            var squares = 0.0
            for (v, count) in histogram.enumerated() {
                let d = Double(v) / 255 - mean
                squares += Double(count) * d * d
            }
            means.append(mean)
            stds.append(n > 1 ? (squares / Double(n - 1)).squareRoot() : 0)
        }
        mean = means
        std = stds
        valuesPerChannel = total
    }

    /// The statistics of the given images, `pixels` holding whole H×W×C images (channel last).
    public static func of(pixels: [UInt8], channels: Int) -> ChannelStatistics {
        let channels = max(channels, 1)
        var histograms = [[Int]](repeating: [Int](repeating: 0, count: 256), count: channels)
        pixels.withUnsafeBufferPointer { source in
            if channels == 1 {
                // Four interleaved histograms avoid stalls on runs of equal bytes.
                var lanes = [Int](repeating: 0, count: 4 * 256)
                lanes.withUnsafeMutableBufferPointer { lane in
                    let n = source.count
                    var i = 0
                    while i + 4 <= n {
                        lane[Int(source[i])] += 1
                        lane[256 + Int(source[i + 1])] += 1
                        lane[512 + Int(source[i + 2])] += 1
                        lane[768 + Int(source[i + 3])] += 1
                        i += 4
                    }
                    while i < n { lane[Int(source[i])] += 1; i += 1 }
                }
                for v in 0..<256 {
                    histograms[0][v] = lanes[v] + lanes[256 + v] + lanes[512 + v] + lanes[768 + v]
                }
            } else {
                for (i, byte) in source.enumerated() { histograms[i % channels][Int(byte)] += 1 }
            }
        }
        return ChannelStatistics(histograms: histograms)
    }
}
