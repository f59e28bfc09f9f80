import BNCore
import Foundation

/// Writes one run file: the header when created, then one event per line, then the end event.
///
/// Every line is written with a single `write` call as soon as it is appended (nothing is held
/// in a buffer), so a run killed with `kill -9` leaves a file of complete lines that
/// ``RunReader`` reads; ``finish(_:)`` also syncs the file to disk.
///
/// ```swift
/// let writer = try RunWriter(runsFolder: URL(fileURLWithPath: "runs"), header: header)
/// try writer.append(.step(StepEvent(step: 1, epoch: 1, loss: 2.3, lr: 0.01, samples: 64)))
/// try writer.finish(EndEvent(status: .done, step: 938))
/// ```
///
/// A writer belongs to one thread at a time (the run's); it is not `Sendable`.
public final class RunWriter {
    /// The file being written.
    public let url: URL
    /// The header on its first line.
    public let header: RunHeader
    /// Lines written so far, the header included.
    public private(set) var linesWritten = 0
    /// True once the end event is written and the file closed.
    public private(set) var isFinished = false

    private var handle: FileHandle?
    private let encoder = RunFormat.makeEncoder()

    /// Creates `runsFolder/<experiment>-<variant>-<yyyyMMdd-HHmmss>-<run id>.jsonl` (and the
    /// folder, if missing) and writes the header.
    public convenience init(runsFolder: URL, header: RunHeader) throws(RunFileError) {
        do {
            try FileManager.default.createDirectory(at: runsFolder, withIntermediateDirectories: true)
        } catch {
            throw RunFileError(kind: .unwritable, file: runsFolder.lastPathComponent,
                               problem: "the runs folder cannot be created (\(FileProblem.describe(error)))",
                               hint: "check that the folder is writable, or choose another runs folder")
        }
        try self.init(url: runsFolder.appendingPathComponent(Self.fileName(for: header)), header: header)
    }

    /// Creates the file at `url` (which must not exist yet) and writes the header.
    public init(url: URL, header: RunHeader) throws(RunFileError) {
        self.url = url
        self.header = header
        let name = url.lastPathComponent
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw RunFileError(kind: .unwritable, file: name, problem: "already exists",
                               hint: "run files are never overwritten; choose another name")
        }
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: url) else {
            throw RunFileError(kind: .unwritable, file: name, problem: "cannot be created",
                               hint: "check that the runs folder exists and is writable")
        }
        self.handle = handle
        try writeLine(header)
    }

    /// Opens an existing run file (a resumed run's) to append events after its last line;
    /// `header` is the one on its first line.
    public init(appendingTo url: URL, header: RunHeader) throws(RunFileError) {
        self.url = url
        self.header = header
        guard let handle = try? FileHandle(forWritingTo: url), (try? handle.seekToEnd()) != nil else {
            throw RunFileError(kind: .unwritable, file: url.lastPathComponent, problem: "cannot be opened for appending",
                               hint: "check that the run file exists and is writable")
        }
        self.handle = handle
    }

    deinit {
        try? handle?.close()
    }

    /// `bn-vs-no-bn-bn-20250131-120000-a3f9c2.jsonl`: experiment, variant, start time (UTC) and run id.
    public static func fileName(for header: RunHeader) -> String {
        let stamp = RunFormat.formatDate(header.started)   // 2025-01-31T12:00:00Z
            .replacingOccurrences(of: "-", with: "")
            .replacingOccurrences(of: ":", with: "")
            .replacingOccurrences(of: "T", with: "-")
            .replacingOccurrences(of: "Z", with: "")
        let parts = [header.experiment, header.variant, stamp, header.runID].map(safe)
        return parts.filter { !$0.isEmpty }.joined(separator: "-") + "." + RunFormat.fileExtension
    }

    /// Appends one event as one line. `progress` events are live-only and not written.
    public func append(_ event: RunEvent) throws(RunFileError) {
        if case .progress = event { return }
        guard !isFinished else {
            throw RunFileError(kind: .unwritable, file: url.lastPathComponent, problem: "is already finished",
                               hint: "append events before the end event")
        }
        try writeLine(event)
        if case .end = event { try close() }
    }

    /// Writes the end event, syncs the file to disk and closes it.
    public func finish(_ end: EndEvent) throws(RunFileError) {
        try append(.end(end))
    }

    private func close() throws(RunFileError) {
        isFinished = true
        guard let handle else { return }
        self.handle = nil
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw RunFileError(kind: .unwritable, file: url.lastPathComponent, problem: "cannot be closed (\(FileProblem.describe(error)))")
        }
    }

    /// Encodes `value` and writes it with its newline in one call.
    private func writeLine(_ value: some Encodable) throws(RunFileError) {
        let name = url.lastPathComponent
        var data: Data
        do {
            data = try encoder.encode(value)
        } catch {
            throw RunFileError(kind: .unwritable, file: name, line: linesWritten + 1,
                               problem: "an event could not be encoded (\(error))")
        }
        data.append(0x0A)
        do {
            guard let handle else { throw CocoaError(.fileWriteUnknown) }
            try handle.write(contentsOf: data)
        } catch {
            throw RunFileError(kind: .unwritable, file: name, line: linesWritten + 1,
                               problem: "cannot be written (\(FileProblem.describe(error)))",
                               hint: "check the free disk space")
        }
        linesWritten += 1
    }

    /// Letters, digits, `.`, `_` and `-`; anything else becomes `_`.
    private static func safe(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
    }
}
