import Foundation

/// Reads a run file as a stream: the header first, then one event at a time, in bounded memory
/// (one line of at most 16 MiB is held at a time), collecting notices about what was skipped.
///
/// Every line goes through the same checks as ``RunReader/read(contentsOf:)``: invalid UTF-8,
/// over-long lines, lines that are not JSON, events with a bad field, lists of unequal lengths and
/// counting integers outside 0 … 2^53 are skipped with a notice; events of unknown types are
/// counted.
///
/// ```swift
/// let reader = try RunEventReader(contentsOf: url)
/// while let (line, event) = reader.next() { print(line, event.type) }
/// reader.notices.forEach { print("note:", $0) }
/// ```
public final class RunEventReader {
    /// The first line.
    public let header: RunHeader
    /// The file's name, for messages.
    public let file: String
    private let lines: LineReader
    private let closeFile: (() -> Void)?
    private let decoder = RunFormat.makeDecoder()
    private var headerNotices: [String] = []
    private var partialNotice: String?
    private var skipped: [String] = []
    private var unknown: [String: Int] = [:]
    private var sawEnd = false
    private var finished = false
    /// Event types the caller does not need (`"bn_watch"`, `"bn_snapshot"`): their lines are
    /// passed over after a byte scan of their `type`, without decoding or checks.
    public var skippedTypes: Set<String> = []

    /// Opens `url` and reads its header; the file stays open until the last event is read.
    public convenience init(contentsOf url: URL, maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws(RunFileError) {
        let fd = try Self.openRegularFile(url)
        try self.init(lines: LineReader(fileDescriptor: fd, maxLineBytes: maxLineBytes), file: url.lastPathComponent) { close(fd) }
    }

    /// Opens `url` for reading; an error names the file when it cannot be opened or is not a
    /// regular file (a folder cannot be read, a device such as /dev/zero would never end).
    static func openRegularFile(_ url: URL) throws(RunFileError) -> Int32 {
        let name = url.lastPathComponent
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw RunFileError(kind: .unreadable, file: name, problem: "cannot be opened (\(reason))",
                               hint: "check that the file exists and can be read")
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            close(fd)
            let what = (info.st_mode & S_IFMT) == S_IFDIR ? "a folder" : "not a regular file"
            throw RunFileError(kind: .unreadable, file: name, problem: "is \(what), not a run file", hint: "name a .jsonl file")
        }
        return fd
    }

    /// Reads runs from bytes in memory; `file` names them in messages.
    public convenience init(data: Data, file: String, maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws(RunFileError) {
        try self.init(lines: LineReader(data: data, maxLineBytes: maxLineBytes), file: file, close: nil)
    }

    private init(lines: LineReader, file: String, close: (() -> Void)?) throws(RunFileError) {
        self.lines = lines
        self.file = file
        self.closeFile = close
        do {
            header = try Self.readHeaderLine(lines.next(), file: file, decoder: decoder)
        } catch {
            close?()
            throw error
        }
        if header.version.minor > RunFormat.version.minor {
            headerNotices.append("format version \(header.version) is newer than this bnlab writes (\(RunFormat.version)): "
                                 + "fields and events it does not know were skipped")
        }
        if let problem = header.configProblem {
            headerNotices.append("line 1: the run's config could not be read (\(problem)); the events replay, "
                                 + "but the run cannot be repeated from this file")
        }
    }

    deinit { if !finished { closeFile?() } }

    /// The next event that could be read and its 1-based line number; nil after the last line
    /// (the file is then closed).
    public func next() -> (line: Int, event: RunEvent)? {
        if readyIndex < ready.count {
            defer { readyIndex += 1 }
            return ready[readyIndex]
        }
        ready.removeAll(keepingCapacity: true)
        readyIndex = 0
        guard !finished else { return nil }
        while let line = lines.next() {
            switch line.kind {
            case .tooLong(let bytes):
                skipped.append("line \(line.number) is \(bytes) bytes long, over the limit of \(lines.maxLineBytes) bytes; skipped")
                continue
            case .complete, .partial:
                break
            }
            if line.bytes.allSatisfy(Self.isSpace) { continue }
            var scannedType: String?
            if !skippedTypes.isEmpty || !lastOnlyTypes.isEmpty, let type = EventTypeScan.type(of: line.bytes) {
                scannedType = type
                if skippedTypes.contains(type) { continue }
                if lastOnlyTypes.contains(type) {
                    let key = type + " " + (EventTypeScan.string("layer", of: line.bytes) ?? "")
                    deferred[key] = line
                    continue
                }
            }
            if parallelSteps && scannedType == "step" && line.kind == .complete {
                stepBatch.append(line)
                if stepBatch.count >= Self.stepBatchSize { flushSteps(); return next() }
                continue
            }
            if !stepBatch.isEmpty {
                flushSteps()
                if let event = decode(line, knownType: scannedType) { ready.append((line.number, event)) }
                return next()
            }
            if let event = decode(line, knownType: scannedType) { return (line.number, event) }
        }
        if !stepBatch.isEmpty { flushSteps(); return next() }
        // the last line of each deferred type and layer, in file order
        while let line = deferred.values.min(by: { $0.number < $1.number }) {
            deferred = deferred.filter { $0.value.number != line.number }
            if let event = decode(line) { return (line.number, event) }
        }
        finished = true
        closeFile?()
        return nil
    }

    /// Whether step lines (found by the type scan) are decoded in batches on every core: a long
    /// run is mostly steps, and one core decodes about 200,000 a second.
    public var parallelSteps = false
    private static let stepBatchSize = 4096
    private var stepBatch: [LineReader.Line] = []
    private var ready: [(line: Int, event: RunEvent)] = []
    private var readyIndex = 0

    /// Decodes the batched step lines on every core into ``ready``, in file order; a line that
    /// does not decode goes through ``decode(_:knownType:)`` for its notice.
    private func flushSteps() {
        let batch = stepBatch
        stepBatch.removeAll(keepingCapacity: true)
        let steps = StepBatch(count: batch.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, batch.count / 256))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let decoder = RunFormat.makeDecoder()
            for i in stride(from: worker, to: batch.count, by: workers) {
                guard let clean = try? JSONLineCleaner.clean(batch[i].bytes),
                      let step = try? decoder.decode(StepEvent.self, from: clean),
                      RunEventCheck.problem(in: .step(step)) == nil else { continue }
                steps.set(i, step)
            }
        }
        for (i, line) in batch.enumerated() {
            if let step = steps.values[i] {
                ready.append((line.number, .step(step)))
            } else if let event = decode(line, knownType: "step") {
                ready.append((line.number, event))
            }
        }
    }

    /// Event types of which only the last line per layer is wanted (`"bn_snapshot"` for a report
    /// of the final running statistics): the others are passed over by a byte scan, and the last
    /// of each is decoded after the file's last line. A last line that cannot be read is
    /// skipped with a notice, as any other.
    public var lastOnlyTypes: Set<String> = []
    private var deferred: [String: LineReader.Line] = [:]

    /// The event on `line`, nil (with a notice or a count) when it cannot be read. A `step` line
    /// whose type a byte scan found is decoded as a ``StepEvent`` directly (a quarter faster
    /// than through ``RunEvent``, and most lines of a long run are steps).
    private func decode(_ line: LineReader.Line, knownType: String? = nil) -> RunEvent? {
        let clean: Data
        do {
            clean = try JSONLineCleaner.clean(line.bytes)
        } catch {
            if line.kind == .partial { notePartial(line.number); return nil }
            if case .invalidUTF8(let offset) = error {
                skipped.append("line \(line.number) is not valid UTF-8 (byte \(offset + 1)); skipped")
            }
            return nil
        }
        do {
            let event = knownType == "step" ? RunEvent.step(try decoder.decode(StepEvent.self, from: clean))
                : try decoder.decode(RunEvent.self, from: clean)
            if let problem = RunEventCheck.problem(in: event) {
                skipped.append("line \(line.number): could not read a '\(event.type)' event (\(problem)); skipped")
                return nil
            }
            if case .end = event { sawEnd = true }
            return event
        } catch let error as UnknownEventType {
            unknown[error.type, default: 0] += 1
        } catch {
            if line.kind == .partial {
                notePartial(line.number)
            } else {
                skipped.append(describeBadLine(clean, number: line.number, error: error))
            }
        }
        return nil
    }

    /// Things a person should know about the file; complete once ``next()`` has returned nil.
    public var notices: [String] {
        var notices = headerNotices
        if let partialNotice { notices.append(partialNotice) }
        notices += skipped.prefix(RunReader.describedLineLimit)
        if skipped.count > RunReader.describedLineLimit {
            notices.append("\(skipped.count - RunReader.describedLineLimit) more unreadable lines were skipped")
        }
        if !unknown.isEmpty {
            let total = unknown.values.reduce(0, +)
            let kinds = unknown.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            notices.append("skipped \(total) event\(total == 1 ? "" : "s") of types this bnlab does not know (\(kinds)); "
                           + "a newer bnlab wrote them: upgrade to see them")
        }
        if finished && !sawEnd {
            notices.append("no end event: the run was interrupted or is still being written")
        }
        return notices
    }

    private func notePartial(_ number: Int) {
        partialNotice = "file ends mid-line after line \(number - 1): the last partial line was ignored"
    }

    // MARK: - Header

    /// Only the fields needed to recognize a header.
    private struct HeaderProbe: Decodable {
        var format: String?
        var version: String?
    }

    /// The header from the first line.
    static func readHeaderLine(_ line: LineReader.Line?, file: String, decoder: JSONDecoder) throws(RunFileError) -> RunHeader {
        guard let line else { throw notARunFile(file, "it is empty") }
        if case .tooLong(let bytes) = line.kind {
            throw notARunFile(file, "its first line is \(bytes) bytes long, over the limit of 16 MiB")
        }
        guard !line.bytes.allSatisfy(isSpace) else { throw notARunFile(file, "it is empty") }
        let clean: Data
        do {
            clean = try JSONLineCleaner.clean(line.bytes)
        } catch {
            throw notARunFile(file, "its first line is not valid UTF-8")
        }
        guard let probe = try? decoder.decode(HeaderProbe.self, from: clean) else {
            let marks = [#""format":"\#(RunFormat.name)""#, #""bnlab_version":"#].map { Data($0.utf8) }
            if line.kind == .partial, clean.first == UInt8(ascii: "{"), marks.contains(where: { clean.range(of: $0) != nil }) {
                // A run file cut inside its first line (killed while writing it, or copied in part).
                throw RunFileError(kind: .badHeader, file: file, line: 1,
                                   problem: "the header line is cut off: the file ends inside it",
                                   hint: "the run was stopped while writing its header, or the file was copied in part")
            }
            throw notARunFile(file, "its first line is not a JSON object")
        }
        guard probe.format == RunFormat.name else {
            let found = probe.format.map { "format '\($0)'" } ?? "no 'format' field"
            throw notARunFile(file, "its first line has \(found), not '\(RunFormat.name)'")
        }
        guard let text = probe.version, let version = FormatVersion(text) else {
            throw RunFileError(kind: .unsupportedVersion, file: file, line: 1,
                               problem: "the header's version \(probe.version.map { "'\($0)'" } ?? "is missing"); expected major.minor such as \"1.0\"",
                               hint: "the file was not written by bnlab or was damaged")
        }
        let supported = "\(RunFormat.version.major).x"
        if version.major > RunFormat.version.major {
            throw RunFileError(kind: .newerVersion, file: file,
                               problem: "format version \(version) is newer than this bnlab reads (\(supported))",
                               hint: "upgrade bnlab")
        }
        if version.major < RunFormat.version.major {
            throw RunFileError(kind: .unsupportedVersion, file: file,
                               problem: "format version \(version) is older than this bnlab reads (\(supported))",
                               hint: "read it with the bnlab version that wrote it")
        }
        do {
            return try decoder.decode(RunHeader.self, from: clean)
        } catch {
            throw RunFileError(kind: .badHeader, file: file, line: 1,
                               problem: "the header cannot be read: \(RunFileError.describe(error))",
                               hint: "see docs/run-format.md for the header's fields")
        }
    }

    // MARK: - Helpers

    static func notARunFile(_ file: String, _ why: String) -> RunFileError {
        RunFileError(kind: .notARunFile, file: file, line: 1, problem: "not a bnlab run file (\(why))",
                     hint: "run files are the .jsonl files bnlab writes in its runs folder")
    }

    /// `line 14: could not read a 'step' event (field 'loss': expected a number); skipped`.
    private func describeBadLine(_ line: Data, number: Int, error: any Error) -> String {
        struct TypeProbe: Decodable { var type: String? }
        guard let probe = try? decoder.decode(TypeProbe.self, from: line) else {
            return "line \(number) is not a JSON object; skipped"
        }
        guard let type = probe.type else {
            return "line \(number) has no 'type' field; skipped"
        }
        return "line \(number): could not read a '\(type)' event (\(RunFileError.describe(error))); skipped"
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D
    }
}

/// Decoded steps written by several threads, each to its own slots.
private final class StepBatch: @unchecked Sendable {
    private(set) var values: [StepEvent?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    /// Stores step `i`.
    func set(_ i: Int, _ step: StepEvent) {
        lock.lock()
        values[i] = step
        lock.unlock()
    }
}
