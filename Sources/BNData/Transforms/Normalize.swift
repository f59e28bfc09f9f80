import BNCore

/// PyTorch's `Normalize`: `(x − mean[c]) / std[c]` for each channel c of a (…, C, H, W) tensor.
///
/// A mean or std of one value applies to every channel. Arithmetic is `Float`, subtraction then
/// division, as PyTorch's `tensor.sub_(mean).div_(std)`.
public struct Normalize: Sendable, Equatable {
    /// The mean subtracted from each channel (one value: all channels).
    public let mean: [Float]
    /// The standard deviation each channel is divided by (one value: all channels).
    public let std: [Float]

    /// Fashion-MNIST's training-set statistics, 0.2860 / 0.3530.
    public static let fashionMNIST = Normalize(checkedMean: [0.2860], std: [0.3530])
    /// No change: mean 0, std 1.
    public static let identity = Normalize(checkedMean: [0], std: [1])

    private init(checkedMean mean: [Float], std: [Float]) {
        self.mean = mean
        self.std = std
    }

    /// Per-channel mean and std; throws if either is empty, a value is not finite, or a std is 0.
    public init(mean: [Float], std: [Float]) throws(DataError) {
        guard !mean.isEmpty, !std.isEmpty else {
            throw DataError.invalidArgument("Normalize: mean and std need at least one value each",
                                            remedy: "pass one value per channel, or one for all")
        }
        guard mean.allSatisfy(\.isFinite), std.allSatisfy(\.isFinite) else {
            throw DataError.invalidArgument("Normalize: mean \(mean) or std \(std) is not finite",
                                            remedy: "pass finite values")
        }
        guard !std.contains(0) else {
            throw DataError.invalidArgument("Normalize: std \(std) contains zero, leading to division by zero",
                                            remedy: "pass non-zero standard deviations")
        }
        self.mean = mean
        self.std = std
    }

    /// The same mean and std for every channel.
    public init(mean: Float, std: Float) throws(DataError) {
        try self.init(mean: [mean], std: [std])
    }

    /// The statistics measured on a dataset (rounded to `Float`).
    public init(_ statistics: ChannelStatistics) throws(DataError) {
        try self.init(mean: statistics.mean.map { Float($0) }, std: statistics.std.map { Float($0) })
    }

    /// The mean and std of each of `channels` channels; throws if the counts do not fit.
    public func perChannel(_ channels: Int) throws(DataError) -> (mean: [Float], std: [Float]) {
        func expand(_ values: [Float], _ name: String) throws(DataError) -> [Float] {
            if values.count == channels { return values }
            if values.count == 1 { return [Float](repeating: values[0], count: channels) }
            throw DataError.invalidArgument(
                "Normalize: \(values.count) \(name) values for a tensor of \(channels) channels",
                remedy: "pass one value per channel, or one for all")
        }
        return (try expand(mean, "mean"), try expand(std, "std"))
    }

    /// Normalizes a tensor of shape (…, C, H, W), rank 3 or more.
    public func callAsFunction(_ input: Tensor) throws(DataError) -> Tensor {
        guard input.rank >= 3 else {
            throw DataError.invalidArgument(
                "Normalize: expected a tensor of shape (…, C, H, W), got shape \(input.shape)",
                remedy: "convert images with ToTensor first")
        }
        let channels = input.shape[input.rank - 3]
        let plane = input.shape[input.rank - 2] * input.shape[input.rank - 1]
        let (means, stds) = try perChannel(channels)
        var output = input
        if plane == 0 || channels == 0 { return output }
        output.data.withUnsafeMutableBufferPointer { values in
            for start in stride(from: 0, to: values.count, by: plane) {
                let c = (start / plane) % channels
                for i in start..<(start + plane) {
                    values[i] = (values[i] - means[c]) / stds[c]   // (x − mean) / std
                }
            }
        }
        return output
    }

    /// The value of every byte for every channel after ToTensor then Normalize:
    /// `table[c·256 + v] = (v/255 − mean[c]) / std[c]`, bit for bit what the two transforms give.
    public func lookupTable(channels: Int) throws(DataError) -> [Float] {
        let (means, stds) = try perChannel(channels)
        var table = [Float](repeating: 0, count: 256 * channels)
        for c in 0..<channels {
            for v in 0..<256 {
                table[c * 256 + v] = (ToTensor.value(UInt8(v)) - means[c]) / stds[c]
            }
        }
        return table
    }
}
