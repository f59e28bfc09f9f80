import CZlib
import Foundation

/// Reads IDX files (the MNIST format), raw or gzip-compressed, checking every size first.
///
/// An IDX file is a 4-byte big-endian magic number `0x0000TTNN` (type `TT` = `08` for unsigned
/// bytes, `NN` dimensions), then `NN` big-endian 32-bit sizes, then the data, row-major.
/// Labels are `0x00000801` (N), images `0x00000803` (N × rows × columns).
///
/// Nothing in a file can make the reader trap or allocate unbounded memory: the sizes are
/// multiplied with overflow checks, capped at `maximumDataBytes`, compared with the file's size on
/// disk (raw) or with what gzip can hold (at most 1032× the compressed size; exact allocation only
/// when the gzip trailer agrees with the header), and every shortfall, excess or zlib error
/// becomes a `DataError` naming the file.
public enum IDXReader {
    /// The magic number of an IDX label file (unsigned bytes, one dimension).
    public static let labelMagic: UInt32 = 0x0000_0801
    /// The magic number of an IDX image file (unsigned bytes, three dimensions).
    public static let imageMagic: UInt32 = 0x0000_0803
    /// The largest data section accepted (1 GiB: twenty times Fashion-MNIST's training images);
    /// larger headers are reported as implausible before anything is allocated.
    public static let maximumDataBytes = 1 << 30

    /// Reads an IDX1 label file (raw or gzip).
    public static func readLabels(at url: URL) throws(DataError) -> IDXLabels {
        let file = try read(path: url.path, magic: labelMagic)
        return IDXLabels(labels: file.data, source: file.source)
    }

    /// Reads an IDX3 image file (raw or gzip).
    public static func readImages(at url: URL) throws(DataError) -> IDXImages {
        let file = try read(path: url.path, magic: imageMagic)
        return IDXImages(count: file.dimensions[0], rows: file.dimensions[1], columns: file.dimensions[2],
                         pixels: file.data, source: file.source)
    }

    /// The header and data of one IDX file.
    private struct RawFile {
        var dimensions: [Int]
        var data: [UInt8]
        var source: IDXSource
    }

    /// What the data of a file with `dimensions` is, in words (`60000 images of 28×28`).
    private static func describe(_ dimensions: [Int], magic: UInt32) -> String {
        if magic == labelMagic { return "\(dimensions[0]) labels" }
        if magic == imageMagic { return "\(dimensions[0]) images of \(dimensions[1])×\(dimensions[2])" }
        return dimensions.map(String.init).joined(separator: "×") + " values"
    }

    private static func kindName(_ magic: UInt32) -> String {
        magic == labelMagic ? "label" : "image"
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    private static func read(path: String, magic expectedMagic: UInt32) throws(DataError) -> RawFile {
        let stream = try IDXByteStream(path: path)
        let rank = Int(expectedMagic & 0xFF)
        let headerSize = 4 + 4 * rank

        // Magic number.
        var magicBytes: [UInt8] = [0, 0, 0, 0]
        let magicRead = magicBytes.withUnsafeMutableBytes { stream.read(into: $0) }
        try check(magicRead, wanted: 4, stream: stream,
                  what: "the file ends after \(magicRead.count) bytes, inside the 4-byte magic number")
        let magic = magicBytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard magic == expectedMagic else {
            let expected = "expected an IDX \(kindName(expectedMagic)) file (magic \(hex(expectedMagic)))"
            let problem: String
            if magic == labelMagic || magic == imageMagic {
                problem = "wrong magic \(hex(magic)): this is an IDX \(kindName(magic)) file, \(expected)"
            } else if magicBytes[0] != 0 || magicBytes[1] != 0 {
                let first = magicBytes.map { hex2($0) }.joined(separator: " ")
                problem = "wrong magic: not an IDX file (it starts with bytes \(first)), \(expected)"
            } else {
                problem = "wrong magic \(hex(magic)), \(expected)"
            }
            throw DataError(.wrongMagic, path: path, problem: problem,
                            remedy: "check that the file is the right one of the four (names may be swapped), or "
                                + DataError.replaceFileRemedy)
        }

        // Sizes, big-endian 32-bit each.
        var sizeBytes = [UInt8](repeating: 0, count: 4 * rank)
        let sizesRead = sizeBytes.withUnsafeMutableBytes { stream.read(into: $0) }
        try check(sizesRead, wanted: 4 * rank, stream: stream,
                  what: "the header is cut short: \(4 + sizesRead.count) of its \(headerSize) bytes are present")
        var dimensions: [Int] = []
        for d in 0..<rank {
            let bytes = sizeBytes[(4 * d)..<(4 * d + 4)]
            dimensions.append(Int(bytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }))
        }
        let description = describe(dimensions, magic: expectedMagic)

        // data bytes = product of the sizes, checked for overflow and against the cap.
        var dataBytes = 1
        var overflow = false
        for d in dimensions {
            let (product, didOverflow) = dataBytes.multipliedReportingOverflow(by: d)
            dataBytes = product
            overflow = overflow || didOverflow
        }
        if rank > 1, dimensions.dropFirst().contains(0) {
            throw DataError(.implausibleHeader, path: path,
                            problem: "implausible header: it announces \(description), an empty image size",
                            remedy: DataError.replaceFileRemedy)
        }
        guard !overflow, dataBytes <= maximumDataBytes else {
            throw DataError(.implausibleHeader, path: path,
                            problem: "implausible header: it announces \(description), more than the "
                                + "\(maximumDataBytes >> 30) GiB this reader accepts",
                            remedy: DataError.replaceFileRemedy)
        }
        let totalBytes = headerSize + dataBytes
        let announced = "the header announces \(description) (\(totalBytes) bytes in all)"

        // Bound the size by what the file can hold before allocating anything.
        let trustSize: Bool
        if stream.isGzip {
            let largest = IDXByteStream.largestDecompressedSize(ofGzipFileSize: stream.sizeOnDisk)
            guard totalBytes <= largest else {
                throw DataError(.truncated, path: path,
                                problem: "truncated or corrupt: \(announced) but a gzip file of "
                                    + "\(stream.sizeOnDisk) bytes cannot hold more than \(largest)",
                                remedy: DataError.replaceFileRemedy)
            }
            // ISIZE is the size modulo 2^32: it confirms the header only below 4 GiB
            trustSize = totalBytes <= Int(UInt32.max) && stream.gzipRecordedSize == UInt32(truncatingIfNeeded: totalBytes)
        } else {
            guard totalBytes <= stream.sizeOnDisk else {
                throw DataError(.truncated, path: path,
                                problem: "truncated: \(announced) but the file holds only \(stream.sizeOnDisk)",
                                remedy: DataError.replaceFileRemedy)
            }
            guard totalBytes == stream.sizeOnDisk else {
                throw DataError(.trailingBytes, path: path,
                                problem: "\(stream.sizeOnDisk - totalBytes) bytes too many: \(announced) "
                                    + "but the file holds \(stream.sizeOnDisk)",
                                remedy: DataError.replaceFileRemedy)
            }
            trustSize = true
        }

        // The data.
        let (data, outcome) = stream.readArray(count: dataBytes, trustSize: trustSize)
        try check(outcome, wanted: dataBytes, stream: stream,
                  what: "truncated: \(announced) but the file "
                      + (stream.isGzip ? "decompresses to only \(headerSize + outcome.count)"
                                       : "holds only \(headerSize + outcome.count)"))

        // Nothing may follow, and a gzip stream must end with a valid checksum.
        if let extra = stream.probeEnd() {
            if let failure = extra.failure {
                throw corruptGzip(path: path, failure: failure)
            }
            throw DataError(.trailingBytes, path: path,
                            problem: "too many bytes: \(announced) but more data follows",
                            remedy: DataError.replaceFileRemedy)
        }

        let source = IDXSource(path: path, isGzip: stream.isGzip, sizeOnDisk: stream.sizeOnDisk,
                               decompressedSize: totalBytes)
        return RawFile(dimensions: dimensions, data: data, source: source)
    }

    private static func hex2(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }

    /// Turns a short or failed read into the right error: corrupt gzip, or truncated (`what`).
    private static func check(_ outcome: IDXByteStream.ReadOutcome, wanted: Int, stream: IDXByteStream,
                              what: String) throws(DataError) {
        if let failure = outcome.failure, failure.code != Z_BUF_ERROR {
            if failure.code == Z_ERRNO {
                throw DataError(.unreadable, path: stream.path, problem: "cannot read the file (\(failure.message))",
                                remedy: "check the disk and the file's permissions")
            }
            throw corruptGzip(path: stream.path, failure: failure)
        }
        guard outcome.count == wanted else {
            // A gzip stream cut short ends with Z_BUF_ERROR ("unexpected end of file").
            throw DataError(.truncated, path: stream.path, problem: what, remedy: DataError.replaceFileRemedy)
        }
    }

    private static func corruptGzip(path: String, failure: (code: Int32, message: String)) -> DataError {
        DataError(.corruptGzip, path: path, problem: "corrupt gzip data (zlib: \(failure.message))",
                  remedy: "test it with `gunzip -t`, then " + DataError.replaceFileRemedy)
    }
}
