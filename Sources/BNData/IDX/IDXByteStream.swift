import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened for reading through zlib: gzip files are inflated, other files read as they are.
///
/// Before opening, the file is checked with `stat` (exists, is a regular file, its size) and its
/// first two and last four bytes are read, so that callers can bound what the file can hold
/// before allocating anything: a raw file holds exactly its size, a single-member gzip file
/// records its decompressed size modulo 2³² in its last four bytes (ISIZE), and deflate cannot
/// expand data more than 1032 to 1.
final class IDXByteStream {
    /// The path, as given.
    let path: String
    /// Whether the file starts with the gzip magic bytes `1f 8b`.
    let isGzip: Bool
    /// The size of the file on disk, in bytes.
    let sizeOnDisk: Int
    /// For a gzip file, the decompressed size modulo 2³² recorded in its trailer.
    let gzipRecordedSize: UInt32?
    /// Bytes delivered so far.
    private(set) var position = 0
    private let file: gzFile

    /// Deflate's largest expansion ratio (zlib's technical report: 1032:1), with header slack.
    static func largestDecompressedSize(ofGzipFileSize size: Int) -> Int {
        let (product, overflow) = size.multipliedReportingOverflow(by: 1032)
        return overflow ? Int.max : product + 1024
    }

    /// Opens `path`, or throws a `DataError` naming it (missing, a directory, unreadable, empty).
    init(path: String) throws(DataError) {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            if errno == ENOENT {
                throw DataError(.fileNotFound, path: path, problem: "file not found",
                                remedy: DataError.replaceFileRemedy)
            }
            throw DataError(.unreadable, path: path, problem: "cannot read the file (\(reason))",
                            remedy: "check its permissions, or pass --data DIR to use another folder")
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            let what = type == S_IFDIR ? "a directory" : "not a regular file"
            throw DataError(.notAFile, path: path, problem: "is \(what), expected an IDX file",
                            remedy: "put the IDX file there (raw or .gz), or pass --data DIR to use another folder")
        }
        let size = Int(info.st_size)
        sizeOnDisk = size
        guard size > 0 else {
            throw DataError(.emptyFile, path: path, problem: "the file is empty (0 bytes)",
                            remedy: DataError.replaceFileRemedy)
        }

        // Peek at the first two and the last four bytes.
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw DataError(.unreadable, path: path, problem: "cannot open the file (\(reason))",
                            remedy: "check its permissions, or pass --data DIR to use another folder")
        }
        var head: [UInt8] = [0, 0]
        var tail: [UInt8] = [0, 0, 0, 0]
        let headCount = head.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 2, 0) }
        let tailCount = size >= 4
            ? tail.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 4, off_t(size - 4)) }
            : 0
        close(descriptor)
        isGzip = headCount == 2 && head[0] == 0x1F && head[1] == 0x8B
        if isGzip && tailCount == 4 {
            // ISIZE is little-endian.
            gzipRecordedSize = UInt32(tail[0]) | UInt32(tail[1]) << 8 | UInt32(tail[2]) << 16 | UInt32(tail[3]) << 24
        } else {
            gzipRecordedSize = nil
        }

        guard let opened = gzopen(path, "rb") else {
            let reason = String(cString: strerror(errno))
            throw DataError(.unreadable, path: path, problem: "cannot open the file (\(reason))",
                            remedy: "check its permissions, or pass --data DIR to use another folder")
        }
        file = opened
        gzbuffer(file, 1 << 18)
    }

    deinit {
        gzclose_r(file)
    }

    /// The outcome of a read: how many bytes arrived, and the zlib error if the stream failed.
    struct ReadOutcome {
        var count: Int
        /// zlib's error number and message (`Z_DATA_ERROR`, `Z_BUF_ERROR` …) when not a clean read.
        var failure: (code: Int32, message: String)?
    }

    /// Reads until `buffer` is full, the file ends, or zlib reports an error.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> ReadOutcome {
        var done = 0
        while done < buffer.count, let base = buffer.baseAddress {
            let want = UInt32(min(buffer.count - done, 1 << 30))
            let got = gzread(file, base + done, want)
            if got <= 0 {
                // 0 is the end of the file, -1 an error; both may leave a zlib error behind.
                position += done
                return ReadOutcome(count: done, failure: lastError())
            }
            done += Int(got)
        }
        position += done
        return ReadOutcome(count: done, failure: nil)
    }

    /// Reads exactly `count` bytes into a new array; a short read returns what arrived.
    ///
    /// Allocates `count` bytes at once only if `trustSize`; otherwise grows in steps, so that a
    /// header lying about a huge size costs no more memory than the data really present.
    func readArray(count: Int, trustSize: Bool) -> (bytes: [UInt8], outcome: ReadOutcome) {
        if trustSize {
            var outcome = ReadOutcome(count: 0, failure: nil)
            let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                outcome = read(into: UnsafeMutableRawBufferPointer(buffer))
                initialized = outcome.count
            }
            return (bytes, outcome)
        }
        var bytes: [UInt8] = []
        var step = 1 << 20
        while bytes.count < count {
            let want = min(count - bytes.count, step)
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: want))
            let outcome = bytes.withUnsafeMutableBytes { read(into: UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
            if outcome.count < want || outcome.failure != nil {
                bytes.removeLast(want - outcome.count)
                return (bytes, ReadOutcome(count: bytes.count, failure: outcome.failure))
            }
            step = min(step * 2, 1 << 28)
        }
        return (bytes, ReadOutcome(count: bytes.count, failure: nil))
    }

    /// Tries to read one more byte: `nil` if the stream ends cleanly there (checksum verified),
    /// otherwise what was found instead (a byte, or a zlib error).
    func probeEnd() -> ReadOutcome? {
        var byte: UInt8 = 0
        let outcome = withUnsafeMutableBytes(of: &byte) { read(into: $0) }
        return outcome.count == 0 && outcome.failure == nil ? nil : outcome
    }

    /// zlib's current error, if any (`Z_OK` and end-of-file are not errors).
    private func lastError() -> (code: Int32, message: String)? {
        var code: Int32 = 0
        let text = gzerror(file, &code)
        guard code != Z_OK else { return nil }
        if code == Z_ERRNO {
            return (code, String(cString: strerror(errno)))
        }
        var message = text.map { String(cString: $0) } ?? "zlib error \(code)"
        // zlib prefixes its messages with the path; the caller names the file already.
        if message.hasPrefix(path + ": ") { message.removeFirst(path.count + 2) }
        return (code, message)
    }
}
