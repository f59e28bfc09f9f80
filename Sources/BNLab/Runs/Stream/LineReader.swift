import Foundation

/// Reads a file (or bytes) as a sequence of lines in bounded memory: one reusable buffer of at
/// most ``maxLineBytes`` plus one chunk, whatever the file's size.
///
/// A line longer than ``maxLineBytes`` is not kept: its bytes are skipped up to the next `\n` and
/// it comes back as ``Line/Kind/tooLong(bytes:)``. A trailing `\r` is removed.
///
/// ```swift
/// let lines = try LineReader(fileDescriptor: fd)
/// while let line = lines.next() { print(line.number, line.bytes.count) }
/// ```
public final class LineReader {
    /// One line of the input.
    public struct Line: Sendable {
        /// What sort of line it is.
        public enum Kind: Sendable, Equatable {
            /// A line ended by `\n`.
            case complete
            /// The last line, not ended by `\n` (a run killed mid-write, or a file still being written).
            case partial
            /// A line longer than the limit; its bytes were skipped.
            case tooLong(bytes: Int)
        }
        /// The 1-based line number.
        public var number: Int
        /// The line's bytes without `\n` or a trailing `\r` (empty for ``Kind/tooLong(bytes:)``).
        public var bytes: Data
        /// Whether it was complete, partial or too long.
        public var kind: Kind
    }

    /// The default limit on one line: 16 MiB (`docs/run-format.md`, "Limits").
    public static let defaultMaxLineBytes = 16 << 20
    /// Bytes read from the source at a time.
    static let chunkBytes = 1 << 20

    /// The longest line kept, in bytes.
    public let maxLineBytes: Int
    private let source: (UnsafeMutableRawBufferPointer) -> Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var end = 0
    private var atEOF = false
    private var lineNumber = 0

    /// Lines read by `source`, which fills the buffer it is given and returns the bytes written
    /// (0 at the end, negative on an error, which ends the input too).
    init(maxLineBytes: Int = LineReader.defaultMaxLineBytes, source: @escaping (UnsafeMutableRawBufferPointer) -> Int) {
        self.maxLineBytes = max(1, maxLineBytes)
        self.source = source
    }

    /// The lines of an open file descriptor; the caller closes it after the last line.
    public convenience init(fileDescriptor fd: Int32, maxLineBytes: Int = LineReader.defaultMaxLineBytes) {
        self.init(maxLineBytes: maxLineBytes) { buffer in
            while true {
                let n = read(fd, buffer.baseAddress, buffer.count)
                if n < 0 && errno == EINTR { continue }
                return n
            }
        }
    }

    /// The lines of bytes already in memory.
    public convenience init(data: Data, maxLineBytes: Int = LineReader.defaultMaxLineBytes) {
        var offset = data.startIndex
        self.init(maxLineBytes: maxLineBytes) { buffer in
            let n = min(buffer.count, data.endIndex - offset)
            guard n > 0 else { return 0 }
            data.copyBytes(to: buffer.bindMemory(to: UInt8.self), from: offset..<(offset + n))
            offset += n
            return n
        }
    }

    /// The next line, or nil after the last.
    public func next() -> Line? {
        var skipped = 0   // bytes of an over-long line dropped so far
        var searchFrom = start
        while true {
            if let newline = findNewline(from: searchFrom) {
                lineNumber += 1
                defer { start = newline + 1 }
                if skipped > 0 || newline - start > maxLineBytes {
                    return Line(number: lineNumber, bytes: Data(), kind: .tooLong(bytes: skipped + newline - start))
                }
                return Line(number: lineNumber, bytes: lineBytes(start, newline), kind: .complete)
            }
            if end - start > maxLineBytes {   // too long: drop what is buffered, keep skipping
                skipped += end - start
                start = 0
                end = 0
            }
            if atEOF {
                guard end > start || skipped > 0 else { return nil }
                lineNumber += 1
                defer { start = end }
                if skipped > 0 { return Line(number: lineNumber, bytes: Data(), kind: .tooLong(bytes: skipped + end - start)) }
                return Line(number: lineNumber, bytes: lineBytes(start, end), kind: .partial)
            }
            let scanned = end - start   // no newline in these: fill() may move them to the front
            fill()
            searchFrom = start + scanned
        }
    }

    /// Moves the unread bytes to the front, grows the buffer if it is full, and reads a chunk.
    private func fill() {
        if start > 0 {
            buffer.withUnsafeMutableBufferPointer { b in
                let base = b.baseAddress!
                base.update(from: base + start, count: end - start)
            }
            end -= start
            start = 0
        }
        if buffer.count - end < Self.chunkBytes / 2 {
            // doubles, up to the line limit plus two chunks: a longer line is dropped before that
            let grown = min(max(buffer.count * 2, Self.chunkBytes), maxLineBytes + 2 * Self.chunkBytes)
            buffer += [UInt8](repeating: 0, count: grown - buffer.count)
        }
        let n = buffer.withUnsafeMutableBytes { b in
            source(UnsafeMutableRawBufferPointer(rebasing: b[end...]))
        }
        if n <= 0 { atEOF = true } else { end += n }
    }

    private func findNewline(from: Int) -> Int? {
        guard from < end else { return nil }
        return buffer.withUnsafeBytes { b -> Int? in
            guard let hit = memchr(b.baseAddress! + from, 0x0A, end - from) else { return nil }
            return UnsafeRawPointer(hit) - b.baseAddress!
        }
    }

    private func lineBytes(_ from: Int, _ to: Int) -> Data {
        let last = to > from && buffer[to - 1] == 0x0D ? to - 1 : to
        return buffer.withUnsafeBytes { Data(bytes: $0.baseAddress! + from, count: last - from) }
    }
}
