/// Where an IDX file's contents came from: its path, whether it was gzip, and its sizes.
public struct IDXSource: Sendable, Equatable {
    /// The file's path, as given.
    public let path: String
    /// Whether the file was gzip-compressed.
    public let isGzip: Bool
    /// The file's size on disk, in bytes.
    public let sizeOnDisk: Int
    /// The size of the IDX contents (header and data) after decompression, in bytes.
    public let decompressedSize: Int

    /// The file name alone (last path component).
    public var fileName: String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    }
}
