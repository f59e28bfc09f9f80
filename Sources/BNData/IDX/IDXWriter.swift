import CZlib
import Foundation

/// Writes IDX label and image files, raw or gzip-compressed (for tests and small derived sets).
public enum IDXWriter {
    /// Writes `labels` as an IDX1 file (magic `0x00000801`); gzip-compressed when `gzip` is true.
    public static func writeLabels(_ labels: [UInt8], to url: URL, gzip: Bool) throws(DataError) {
        try write(magic: IDXReader.labelMagic, dimensions: [labels.count], data: labels, to: url, gzip: gzip)
    }

    /// Writes `count` images of `rows × columns` bytes as an IDX3 file (magic `0x00000803`).
    public static func writeImages(_ pixels: [UInt8], count: Int, rows: Int, columns: Int,
                                   to url: URL, gzip: Bool) throws(DataError) {
        guard count >= 0, rows >= 0, columns >= 0, pixels.count == count * rows * columns else {
            throw DataError.invalidArgument(
                "cannot write \(pixels.count) pixels as \(count) images of \(rows)×\(columns)",
                remedy: "pass count × rows × columns pixels")
        }
        try write(magic: IDXReader.imageMagic, dimensions: [count, rows, columns], data: pixels, to: url, gzip: gzip)
    }

    /// The bytes of an IDX file: big-endian magic, big-endian 32-bit sizes, then `data`.
    public static func encode(magic: UInt32, dimensions: [Int], data: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4 + 4 * dimensions.count + data.count)
        for value in [magic] + dimensions.map({ UInt32(truncatingIfNeeded: $0) }) {
            bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        }
        bytes += data
        return bytes
    }

    private static func write(magic: UInt32, dimensions: [Int], data: [UInt8], to url: URL,
                              gzip: Bool) throws(DataError) {
        guard dimensions.allSatisfy({ $0 >= 0 && $0 <= Int(UInt32.max) }) else {
            throw DataError.invalidArgument("IDX sizes \(dimensions) do not fit 32 bits",
                                            remedy: "write smaller files")
        }
        let bytes = encode(magic: magic, dimensions: dimensions, data: data)
        if gzip {
            try writeGzip(bytes, to: url)
        } else {
            do { try Data(bytes).write(to: url) } catch { throw writeFailed(url) }
        }
    }

    /// Writes `bytes` as one gzip member.
    static func writeGzip(_ bytes: [UInt8], to url: URL) throws(DataError) {
        guard let file = gzopen(url.path, "wb6") else { throw writeFailed(url) }
        var written = 0
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count, let base = buffer.baseAddress {
                let n = gzwrite(file, base + written, UInt32(min(buffer.count - written, 1 << 30)))
                if n <= 0 { break }
                written += Int(n)
            }
        }
        let closed = gzclose_w(file)
        guard written == bytes.count, closed == Z_OK else { throw writeFailed(url) }
    }

    private static func writeFailed(_ url: URL) -> DataError {
        DataError(.unreadable, path: url.path, problem: "cannot write the file",
                  remedy: "check that the folder exists and is writable")
    }
}
