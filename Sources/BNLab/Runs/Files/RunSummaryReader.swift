import Foundation

/// Reads a run's summary from its header line and the file's tail, without reading the events in
/// between: enough for a listing of thousands of runs.
///
/// The last ~64 KiB hold the `end` event (with the 1.1 summary: `epoch`, `accuracy`, `test_loss`,
/// `train_loss`) and usually the last `epoch` and `step` events. When the tail has neither an
/// `epoch` event and the run finished one (a run interrupted inside a long stretch of snapshots),
/// the file is streamed instead, passing over `bn_snapshot` and `bn_watch` lines by a byte scan.
///
/// ```swift
/// let summary = try RunSummaryReader.summary(contentsOf: url)
/// print(summary.statusText, summary.finalAccuracy ?? 0)
/// ```
public enum RunSummaryReader {
    /// Bytes read from the end of the file.
    public static let tailBytes = 64 << 10
    /// Event types a summary never needs.
    static let bulkyTypes: Set<String> = ["bn_snapshot", "bn_watch"]

    /// The summary of the run file at `url`.
    public static func summary(contentsOf url: URL, tailBytes: Int = RunSummaryReader.tailBytes) throws(RunFileError) -> RunSummary {
        let name = url.lastPathComponent
        let fd = try RunEventReader.openRegularFile(url)
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return try streamed(url) }
        let size = Int(info.st_size)
        // The header: the first line, if it ends within the first 8 KiB (bnlab's are about 2 KiB),
        // else within the first MiB; a longer one is left to the stream reader.
        var head = readBytes(fd, offset: 0, count: min(size, 8 << 10))
        var newline = firstNewline(head)
        if newline == nil && size > head.count {
            head = readBytes(fd, offset: 0, count: min(size, 1 << 20))
            newline = firstNewline(head)
        }
        guard let newline else { return try streamed(url) }
        let headerBytes = trimCR(head.prefix(newline))
        let decoder = RunFormat.makeDecoder()
        var summary: RunSummary
        if let light = SummaryHeader.decode(headerBytes, decoder: decoder) {
            summary = light.header.summary(url: url, started: light.started)
        } else {
            let header = try RunEventReader.readHeaderLine(LineReader.Line(number: 1, bytes: headerBytes, kind: .complete),
                                                           file: name, decoder: decoder)
            summary = RunSummary(header: header, url: url, end: nil, lastEpoch: nil, epochCount: 0, lastStep: nil, maxStep: nil)
        }
        let headerEnd = newline + 1
        let tailStart = max(headerEnd, size - tailBytes)
        var tail = readBytes(fd, offset: tailStart, count: size - tailStart)
        if tailStart > headerEnd, let first = firstNewline(tail) {
            tail = tail[(tail.startIndex + first + 1)...]   // the first line is cut: drop it
        } else if tailStart > headerEnd {
            tail = Data()
        }
        var found = TailEvents()
        found.scan(tail, decoder: decoder)
        // the last epoch event holds the train-mode accuracies: stream when the tail lacks it
        // and the run finished an epoch (or its end does not say)
        let epochsDone = found.end.map { $0.epoch ?? 1 } ?? 1
        if found.epoch == nil && epochsDone > 0 && tailStart > headerEnd {
            return try streamed(url)
        }
        let epochCount = found.epoch?.epoch ?? found.end?.epoch ?? 0
        summary.apply(end: found.end, lastEpoch: found.epoch, epochCount: epochCount, lastStep: found.step, maxStep: found.maxStep)
        return summary
    }

    /// The summary from a streaming read of the whole file, passing over snapshots and watches.
    static func streamed(_ url: URL) throws(RunFileError) -> RunSummary {
        let stream = try RunEventReader(contentsOf: url)
        stream.skippedTypes = bulkyTypes
        var end: EndEvent?, epoch: EpochEvent?, step: StepEvent?
        var epochCount = 0, maxStep: Int?
        while let (_, event) = stream.next() {
            if let s = event.step { maxStep = max(maxStep ?? s, s) }
            switch event {
            case .end(let e): end = e
            case .epoch(let e): epoch = e; epochCount += 1
            case .step(let e): step = e
            default: break
            }
        }
        return RunSummary(header: stream.header, url: url, end: end, lastEpoch: epoch, epochCount: epochCount,
                          lastStep: step, maxStep: maxStep)
    }

    /// The last `end`, `epoch` and `step` events of a block of complete lines.
    private struct TailEvents {
        var end: EndEvent?
        var epoch: EpochEvent?
        var step: StepEvent?
        var maxStep: Int?

        /// Walks the lines from the last, decoding only the wanted types; stops when it has all three.
        mutating func scan(_ block: Data, decoder: JSONDecoder) {
            // a last line without `\n` may be cut mid-write: it is decoded like any other and
            // simply ignored when it does not decode
            // the line ends, found forward with memchr (fast), then walked from the last line
            let ends: [Int] = block.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return [] }
                var ends: [Int] = []
                var from = 0
                while from < raw.count, let hit = memchr(base + from, 0x0A, raw.count - from) {
                    let at = UnsafeRawPointer(hit) - base
                    ends.append(at)
                    from = at + 1
                }
                if from < raw.count { ends.append(raw.count) }
                return ends
            }
            let base = block.startIndex
            for k in ends.indices.reversed() {
                let start = k == 0 ? 0 : ends[k - 1] + 1
                guard ends[k] > start else { continue }
                if take(block[(base + start)..<(base + ends[k])], decoder: decoder) { return }
            }
        }

        /// Keeps the event on `line` when it is the first of its wanted type met; true when all
        /// three are found.
        private mutating func take(_ line: Data, decoder: JSONDecoder) -> Bool {
            guard let type = EventTypeScan.type(of: line) else { return false }
            let wanted = (type == "end" && end == nil) || (type == "epoch" && epoch == nil) || (type == "step" && step == nil)
            guard wanted, let clean = try? JSONLineCleaner.clean(trimCR(line)),
                  let event = try? decoder.decode(RunEvent.self, from: clean),
                  RunEventCheck.problem(in: event) == nil else { return false }
            switch event {
            case .end(let e): end = e
            case .epoch(let e): epoch = e
            case .step(let e): step = e; maxStep = max(maxStep ?? e.step, e.step)
            default: break
            }
            return end != nil && epoch != nil && step != nil
        }
    }

    /// The offset of the first `\n` of `bytes`.
    private static func firstNewline(_ bytes: Data) -> Int? {
        bytes.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress, let hit = memchr(base, 0x0A, raw.count) else { return nil }
            return UnsafeRawPointer(hit) - base
        }
    }

    private static func trimCR(_ line: Data) -> Data {
        line.last == 0x0D ? Data(line.dropLast()) : Data(line)
    }

    /// Up to `count` bytes at `offset` (fewer at the end of the file or on an error).
    private static func readBytes(_ fd: Int32, offset: Int, count: Int) -> Data {
        guard count > 0 else { return Data() }
        var data = Data(count: count)
        var filled = 0
        data.withUnsafeMutableBytes { buffer in
            while filled < count {
                let n = pread(fd, buffer.baseAddress! + filled, count - filled, off_t(offset + filled))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                filled += n
            }
        }
        return data.prefix(filled)
    }
}
