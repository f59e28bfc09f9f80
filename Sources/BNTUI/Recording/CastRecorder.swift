import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Records what a program writes to its terminal as an asciinema v2 file (`bnlab lesson --record`).
///
/// The file is a header line, then one event per write:
/// ```text
/// {"version": 2, "width": 80, "height": 24, "timestamp": 1764583200, "title": "bnlab lesson bn-vs-no-bn", "env": {"TERM": "xterm"}}
/// [0.125, "o", "\u001b[H\u001b[2J…"]
/// ```
/// ``start()`` puts a pipe in place of the captured descriptor (stdout), and a thread copies
/// everything written to it on to the terminal and into the file, timed from the start; ``finish()``
/// puts the terminal back. Start it after the terminal was set up and finish it before the
/// terminal is restored, so the terminal modes are set on the terminal itself.
public final class CastRecorder: @unchecked Sendable {
    private let file: FileHandle
    private let captured: Int32
    private var original: Int32 = -1
    private var pipeRead: Int32 = -1
    private var thread: Thread?
    private let done = DispatchSemaphore(value: 0)
    private var started = Date()
    /// The terminal's modes when the recorder was made, put back by ``restoreTerminalModes()``.
    private var modes: termios?

    /// A recorder writing to `url` (created or replaced), its header giving `width` × `height`
    /// and `title`; it captures descriptor `fd`.
    public init(url: URL, width: Int, height: Int, title: String, capturing fd: Int32 = STDOUT_FILENO) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        file = try FileHandle(forWritingTo: url)
        captured = fd
        var current = termios()
        if isatty(fd) == 1, tcgetattr(fd, &current) == 0 { modes = current }
        let header: [String: Any] = [
            "version": 2, "width": max(1, width), "height": max(1, height),
            "timestamp": Int(Date().timeIntervalSince1970), "title": title,
            "env": ["TERM": ProcessInfo.processInfo.environment["TERM"] ?? "xterm"],
        ]
        var line = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        line.append(0x0A)
        file.write(line)
    }

    /// Starts capturing: from now on every write to the descriptor is copied to the terminal and
    /// recorded.
    public func start() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw POSIXError(.EMFILE) }
        original = dup(captured)
        guard original >= 0, dup2(fds[1], captured) >= 0 else { throw POSIXError(.EBADF) }
        close(fds[1])
        pipeRead = fds[0]
        started = Date()
        let thread = Thread { [self] in copy() }
        thread.name = "bnlab-cast"
        self.thread = thread
        thread.start()
    }

    /// Stops capturing, puts the terminal back on the descriptor and closes the file.
    public func finish() {
        guard original >= 0 else { return }
        fflush(nil)     // every stream, the terminal's included
        dup2(original, captured)    // closes the pipe's last write end: the copying thread sees its end
        done.wait()
        close(original)
        original = -1
        try? file.close()
    }

    /// Puts back the terminal modes it had when the recorder was made. Call it after the terminal
    /// was restored: mode changes made while the descriptor was a pipe did not reach the terminal.
    public func restoreTerminalModes() {
        guard var modes else { return }
        tcsetattr(captured, TCSADRAIN, &modes)
    }

    /// Copies the pipe to the terminal and the file until the pipe closes. A UTF-8 character
    /// split between two reads is kept for the next one, so every event is whole text.
    private func copy() {
        var buffer = [UInt8](repeating: 0, count: 65536)
        var pending: [UInt8] = []
        while true {
            let n = read(pipeRead, &buffer, buffer.count)
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            buffer.withUnsafeBytes { raw in
                var offset = 0
                while offset < n {
                    let w = write(original, raw.baseAddress! + offset, n - offset)
                    if w <= 0 { if errno == EINTR { continue }; break }
                    offset += w
                }
            }
            pending += buffer[0..<n]
            let cut = Self.completeUTF8Prefix(pending)
            if cut > 0 {
                record(String(decoding: pending[0..<cut], as: UTF8.self))
                pending.removeFirst(cut)
            }
        }
        if !pending.isEmpty { record(String(decoding: pending, as: UTF8.self)) }
        close(pipeRead)
        done.signal()
    }

    /// One event line: `[seconds, "o", text]`.
    private func record(_ text: String) {
        let seconds = Date().timeIntervalSince(started)
        guard let quoted = try? JSONEncoder().encode(text) else { return }
        var line = Data("[\(String(format: "%.6f", seconds)), \"o\", ".utf8)
        line.append(quoted)
        line.append(contentsOf: Array("]\n".utf8))
        file.write(line)
    }

    /// The length of the longest prefix of `bytes` that does not end inside a UTF-8 character.
    static func completeUTF8Prefix<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        let bytes = Array(bytes)
        // Look back at most 3 bytes for the lead byte of an unfinished character.
        var i = bytes.count - 1
        var back = 0
        while i >= 0, back < 4, bytes[i] & 0xC0 == 0x80 { i -= 1; back += 1 }
        guard i >= 0 else { return bytes.count }
        let lead = bytes[i]
        let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 1
        return bytes.count - i < length ? i : bytes.count
    }
}
