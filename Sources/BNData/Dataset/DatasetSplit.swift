import BNCore

/// One split of a dataset (train or test): images kept as bytes, and their labels.
///
/// The images stay `UInt8`, one copy in memory (`[UInt8]` is copy-on-write, so loaders and copies
/// of the split share it); they become floats only batch by batch. Each image is stored
/// H × W × C (channel last, as `ToTensor` expects); IDX files give C = 1.
public struct DatasetSplit: Sendable {
    /// `train` or `test` (or any name given).
    public let name: String
    /// All images, one after another, each H × W × C bytes.
    public let pixels: [UInt8]
    /// One label per image, each below `classCount`.
    public let labels: [UInt8]
    /// Channels per image.
    public let channels: Int
    /// Image height in pixels.
    public let height: Int
    /// Image width in pixels.
    public let width: Int
    /// The number of classes; every label is below it.
    public let classCount: Int

    /// A split from raw bytes; throws if the sizes disagree or a label is out of range.
    public init(name: String, pixels: [UInt8], labels: [UInt8], channels: Int = 1, height: Int, width: Int,
                classCount: Int) throws(DataError) {
        guard channels > 0, height > 0, width > 0, classCount > 0, classCount <= 256 else {
            throw DataError.invalidArgument(
                "split \(name): invalid image size \(channels)×\(height)×\(width) or class count \(classCount)",
                remedy: "pass positive sizes and between 1 and 256 classes")
        }
        let (perImage, o1) = channels.multipliedReportingOverflow(by: height)
        let (perImage2, o2) = perImage.multipliedReportingOverflow(by: width)
        let (total, o3) = perImage2.multipliedReportingOverflow(by: labels.count)
        guard !o1, !o2, !o3, total == pixels.count else {
            throw DataError.invalidArgument(
                "split \(name): \(pixels.count) pixels do not make \(labels.count) images of \(channels)×\(height)×\(width)",
                remedy: "pass one label per image")
        }
        if let bad = labels.firstIndex(where: { Int($0) >= classCount }) {
            throw DataError(.labelOutOfRange, path: nil,
                            problem: "split \(name): label \(labels[bad]) of sample \(bad) is out of range 0..<\(classCount)",
                            remedy: "pass labels below the class count, or more class names")
        }
        self.name = name
        self.pixels = pixels
        self.labels = labels
        self.channels = channels
        self.height = height
        self.width = width
        self.classCount = classCount
    }

    /// The number of images.
    public var count: Int { labels.count }
    /// Bytes per image: H × W × C.
    public var pixelsPerImage: Int { channels * height * width }
    /// The shape of one image as a tensor: `[C, H, W]`.
    public var imageShape: [Int] { [channels, height, width] }

    /// The label of image `index` (`0 ..< count`).
    public func label(at index: Int) -> Int { Int(labels[index]) }

    /// The bytes of image `index` (`0 ..< count`), H × W × C.
    public func image(at index: Int) -> ArraySlice<UInt8> {
        pixels[(index * pixelsPerImage)..<((index + 1) * pixelsPerImage)]
    }

    /// How many images each class has, by label.
    public func classCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[Int(label)] += 1 }
        return counts
    }

    /// Per-channel mean and standard deviation of all pixels ÷ 255.
    public func statistics() -> ChannelStatistics {
        ChannelStatistics.of(pixels: pixels, channels: channels)
    }

    /// The indices of the images a subset selects, in file order.
    public func indices(of subset: Subset) throws(DataError) -> [Int] {
        switch subset {
        case .all:
            return Array(0..<count)
        case .first(let n):
            guard n > 0 else {
                throw DataError.invalidArgument("subset \"first \(n)\" of split \(name) is empty",
                                                remedy: "ask for at least one sample")
            }
            return Array(0..<min(n, count))
        case .perClass(let n):
            guard n > 0 else {
                throw DataError.invalidArgument("subset \"\(n) per class\" of split \(name) is empty",
                                                remedy: "ask for at least one sample per class")
            }
            let counts = classCounts()
            if let smallest = counts.enumerated().min(by: { $0.element < $1.element }), smallest.element < n {
                throw DataError.invalidArgument(
                    "split \(name) has only \(smallest.element) samples of class \(smallest.offset), "
                        + "fewer than the \(n) per class asked for",
                    remedy: "ask for at most \(smallest.element) per class")
            }
            var taken = [Int](repeating: 0, count: classCount)
            var chosen: [Int] = []
            chosen.reserveCapacity(n * classCount)
            for (index, label) in labels.enumerated() where taken[Int(label)] < n {
                taken[Int(label)] += 1
                chosen.append(index)
            }
            return chosen
        }
    }

    /// Image `index` as a `[C, H, W]` tensor of values ÷ 255 (`ToTensor`), without normalization.
    public func tensor(at index: Int) -> Tensor {
        ToTensor.convert(image(at: index), height: height, width: width, channels: channels)
    }
}
