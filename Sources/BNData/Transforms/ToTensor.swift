import BNCore

/// PyTorch's `ToTensor`: H × W × C bytes → C × H × W floats in [0, 1] (each byte ÷ 255).
public struct ToTensor: Sendable {
    /// The transform (it has no settings).
    public init() {}

    /// One byte as ToTensor maps it: `v / 255` in `Float` (3 → 0.011764706).
    @inlinable public static func value(_ byte: UInt8) -> Float { Float(byte) / 255 }

    /// Converts one H × W × C image; throws if `pixels.count != height * width * channels`.
    public func callAsFunction<Pixels: Collection<UInt8>>(_ pixels: Pixels, height: Int, width: Int,
                                                          channels: Int = 1) throws(DataError) -> Tensor {
        guard height > 0, width > 0, channels > 0, pixels.count == height * width * channels else {
            throw DataError.invalidArgument(
                "ToTensor: \(pixels.count) bytes do not make a \(height)×\(width)×\(channels) image",
                remedy: "pass height × width × channels bytes, channel last")
        }
        return Self.convert(pixels, height: height, width: width, channels: channels)
    }

    /// The conversion itself, sizes already checked: out[c, y, x] = in[y, x, c] / 255.
    static func convert<Pixels: Collection<UInt8>>(_ pixels: Pixels, height: Int, width: Int,
                                                   channels: Int) -> Tensor {
        let plane = height * width
        var out = [Float](repeating: 0, count: plane * channels)
        for (i, byte) in pixels.enumerated() {
            // in index i = (y·W + x)·C + c  →  out index c·H·W + (y·W + x)
            out[(i % channels) * plane + i / channels] = value(byte)
        }
        return Tensor(shape: [channels, height, width], data: out)
    }
}
