/// The images of an IDX3 image file (magic `0x00000803`): `count × rows × columns` unsigned bytes.
public struct IDXImages: Sendable, Equatable {
    /// The number of images.
    public let count: Int
    /// The height of each image, in pixels.
    public let rows: Int
    /// The width of each image, in pixels.
    public let columns: Int
    /// All pixels, image after image, each image row-major (`pixels.count == count * rows * columns`).
    public let pixels: [UInt8]
    /// The file they were read from.
    public let source: IDXSource
}
