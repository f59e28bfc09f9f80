import BNCore

/// Seeded mini-batches of a split: a new permutation each epoch, inputs converted on the fly.
///
/// The order of epoch `e` is a pure function of `(seed, e)`: the subset's indices shuffled by
/// Fisher–Yates driven by `SplitMix64(seed: seed, stream: e)` (or left in file order when
/// `shuffle` is off). Batches are consecutive runs of `batchSize` indices of that order; the last,
/// shorter one is dropped when `dropLast` is set.
///
/// Inputs are computed from the `UInt8` images through a 256-entry table per channel,
/// `table[c·256 + v] = (v/255 − mean[c]) / std[c]`, bit-identical to ToTensor followed by
/// Normalize. Nothing is cached between batches or epochs, so memory does not grow with use.
///
/// ```swift
/// let loader = try BatchLoader(split: dataset.train, batchSize: 128, seed: 42, normalize: .fashionMNIST)
/// for batch in loader.epoch(0) { … batch.input (N,1,28,28), batch.labels … }
/// ```
public struct BatchLoader: Sendable {
    /// The split the samples come from.
    public let split: DatasetSplit
    /// The number of samples per batch (the last batch may be shorter unless `dropLast`).
    public let batchSize: Int
    /// Whether each epoch visits the samples in a new seeded random order.
    public let shuffle: Bool
    /// Whether a last batch shorter than `batchSize` is left out.
    public let dropLast: Bool
    /// The run's seed; with the epoch number it fixes every order.
    public let seed: UInt64
    /// The normalization applied after ToTensor.
    public let normalize: Normalize
    /// The subset of the split used.
    public let subset: Subset
    /// The split indices the subset selects, in file order.
    public let sampleIndices: [Int]
    /// `table[c·256 + v]`: the normalized value of byte `v` in channel `c`.
    private let table: [Float]

    /// A loader over `subset` of `split`; throws if the batch size is not positive, the subset is
    /// empty or impossible, or `normalize` does not fit the split's channel count.
    public init(split: DatasetSplit, batchSize: Int, shuffle: Bool = true, dropLast: Bool = false,
                seed: UInt64, subset: Subset = .all, normalize: Normalize) throws(DataError) {
        guard batchSize > 0 else {
            throw DataError.invalidArgument("batch size \(batchSize) is not positive",
                                            remedy: "use a batch size of at least 1")
        }
        self.split = split
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.dropLast = dropLast
        self.seed = seed
        self.normalize = normalize
        self.subset = subset
        self.sampleIndices = try split.indices(of: subset)
        self.table = try normalize.lookupTable(channels: split.channels)
    }

    /// The number of samples in the subset.
    public var sampleCount: Int { sampleIndices.count }

    /// The number of batches per epoch: ⌊n / b⌋ with `dropLast`, ⌈n / b⌉ without.
    public var batchCount: Int {
        dropLast ? sampleCount / batchSize : (sampleCount + batchSize - 1) / batchSize
    }

    /// The number of samples seen per epoch (fewer than `sampleCount` when `dropLast` drops some).
    public var samplesPerEpoch: Int {
        dropLast ? batchCount * batchSize : sampleCount
    }

    /// The split indices in the order epoch `epoch` visits them (all of the subset, even those
    /// `dropLast` leaves out at the end).
    public func order(epoch: Int) -> [Int] {
        var order = sampleIndices
        if shuffle {
            var generator = SplitMix64(seed: seed, stream: UInt64(bitPattern: Int64(epoch)))
            generator.shuffle(&order)
        }
        return order
    }

    /// The batches of epoch `epoch`, in order.
    public func epoch(_ epoch: Int) -> EpochIterator {
        EpochIterator(loader: self, order: order(epoch: epoch))
    }

    /// A batch of the given split indices, in that order; throws if one is out of range.
    public func batch(indices: [Int]) throws(DataError) -> Batch {
        if let bad = indices.first(where: { $0 < 0 || $0 >= split.count }) {
            throw DataError.invalidArgument("sample index \(bad) is out of range 0..<\(split.count) of split \(split.name)",
                                            remedy: "pass indices of samples of the split")
        }
        var batch = Batch()
        fill(&batch, with: indices[...])
        return batch
    }

    /// Writes the samples `indices` (all valid) into `batch`, reusing its storage when it is
    /// uniquely held and already has the right shape.
    fileprivate func fill(_ batch: inout Batch, with indices: ArraySlice<Int>) {
        let channels = split.channels
        let perImage = split.pixelsPerImage
        let plane = split.height * split.width
        let shape = [indices.count, channels, split.height, split.width]
        if batch.input.shape != shape {
            batch.input = Tensor(zeros: shape)
        }
        batch.labels.removeAll(keepingCapacity: true)
        batch.indices.removeAll(keepingCapacity: true)
        batch.indices.append(contentsOf: indices)
        split.labels.withUnsafeBufferPointer { labels in
            for index in indices { batch.labels.append(Int(labels[index])) }
        }
        split.pixels.withUnsafeBufferPointer { pixels in
            table.withUnsafeBufferPointer { table in
                batch.input.data.withUnsafeMutableBufferPointer { out in
                    for (row, index) in indices.enumerated() {
                        let source = index * perImage
                        let target = row * perImage
                        if channels == 1 {
                            // out[n, 0, y, x] = table[in[n, y, x]]
                            for p in 0..<perImage {
                                out[target + p] = table[Int(pixels[source + p])]
                            }
                        } else {
                            // out[n, c, y, x] = table[c·256 + in[n, y, x, c]]  (HWC → CHW)
                            for p in 0..<plane {
                                for c in 0..<channels {
                                    out[target + c * plane + p] = table[c * 256 + Int(pixels[source + p * channels + c])]
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The batches of one epoch, as a sequence (`for batch in loader.epoch(e)`) or, to reuse one
    /// batch's storage across steps, through `next(into:)`.
    public struct EpochIterator: IteratorProtocol, Sequence, Sendable {
        /// The loader the batches come from.
        public let loader: BatchLoader
        /// The split indices in this epoch's order.
        public let order: [Int]
        /// The position in `order` of the next batch's first sample.
        public private(set) var position = 0

        fileprivate init(loader: BatchLoader, order: [Int]) {
            self.loader = loader
            self.order = order
        }

        /// The next batch, or `nil` after the last.
        public mutating func next() -> Batch? {
            var batch = Batch()
            return next(into: &batch) ? batch : nil
        }

        /// Fills `batch` with the next batch and returns true, or returns false after the last.
        public mutating func next(into batch: inout Batch) -> Bool {
            let remaining = order.count - position
            let size = Swift.min(loader.batchSize, remaining)
            guard size > 0, !(loader.dropLast && size < loader.batchSize) else { return false }
            loader.fill(&batch, with: order[position..<(position + size)])
            position += size
            return true
        }
    }
}
