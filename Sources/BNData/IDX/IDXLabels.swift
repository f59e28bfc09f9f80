/// The labels of an IDX1 label file (magic `0x00000801`): one unsigned byte per sample.
public struct IDXLabels: Sendable, Equatable {
    /// One label per sample, in file order.
    public let labels: [UInt8]
    /// The file they were read from.
    public let source: IDXSource

    /// The number of labels.
    public var count: Int { labels.count }
}
