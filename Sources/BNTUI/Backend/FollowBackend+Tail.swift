import BNLab
import Foundation

extension FollowBackend {
    /// Reads one growing run file incrementally: each ``read()`` takes only the bytes added since
    /// the last one, hands back the events of the new complete lines, and keeps a partial last line
    /// until its end arrives.
    public struct Tail: Sendable {
        /// The file followed.
        public let url: URL
        /// Bytes consumed so far (complete lines and the kept partial line).
        public private(set) var offset: UInt64 = 0
        /// The header, once line 1 is complete.
        public private(set) var header: RunHeader?
        /// Why the file cannot be followed (line 1 is not a run header, or the file shrank), once known.
        public private(set) var problem: String?
        /// The bytes after the last newline: a line still being written.
        private var partial = Data()
        /// Line 1, kept to decode later lines with the same header.
        private var headerLine = Data()

        /// A tail at the start of `url`.
        public init(url: URL) { self.url = url }

        /// The file's current size, nil when it cannot be read.
        public var fileSize: UInt64? {
            (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.uint64Value
        }

        /// The events of the lines completed since the last call (empty when nothing new).
        public mutating func read() -> [RunEvent] {
            guard problem == nil else { return [] }
            if let size = fileSize, size < offset {
                // Rewritten or truncated: what was read no longer matches the file.
                problem = "\(url.lastPathComponent) shrank from \(offset) to \(size) bytes while followed "
                    + "(rewritten?); open it again with bnlab replay or restart bnlab watch"
                return []
            }
            guard let handle = try? FileHandle(forReadingFrom: url) else { return [] }
            defer { try? handle.close() }
            guard (try? handle.seek(toOffset: offset)) != nil,
                  let data = try? handle.readToEnd(), !data.isEmpty else { return [] }
            offset += UInt64(data.count)
            var buffer = partial + data
            guard let lastNewline = buffer.lastIndex(of: UInt8(ascii: "\n")) else {
                partial = buffer
                return []
            }
            // Only complete lines are read; the rest waits for its newline.
            partial = Data(buffer[buffer.index(after: lastNewline)...])
            buffer = Data(buffer[...lastNewline])
            if header == nil {
                guard let firstNewline = buffer.firstIndex(of: UInt8(ascii: "\n")) else { return [] }
                headerLine = Data(buffer[...firstNewline])
                buffer = Data(buffer[buffer.index(after: firstNewline)...])
                do {
                    header = try RunReader.read(data: headerLine, file: url.lastPathComponent, url: url).header
                } catch {
                    problem = "\(error)"
                    return []
                }
            }
            guard !buffer.isEmpty,
                  let file = try? RunReader.read(data: headerLine + buffer, file: url.lastPathComponent, url: url)
            else { return [] }
            return file.events
        }
    }
}
