import Foundation

/// Reads run files written by ``RunWriter`` (or by any program following `docs/run-format.md`).
///
/// Reading is forgiving about the events and strict about the header:
/// - a last line cut off mid-way (a killed run) is ignored, with a notice;
/// - events of unknown types (from a newer minor version) are skipped and counted in a notice;
/// - a line that cannot be read is skipped, with a notice naming its line and field;
/// - a first line that is not a bnlab header, or a newer major version, is an error.
///
/// ```swift
/// let run = try RunReader.read(contentsOf: url)
/// run.notices.forEach { print("note:", $0) }
/// print(run.summary.statusText, run.epochs.last?.accuracy ?? 0)
/// ```
public enum RunReader {
    /// At most this many skipped lines are described one by one; the rest are counted.
    static let describedLineLimit = 5

    /// Reads the whole file.
    public static func read(contentsOf url: URL) throws(RunFileError) -> RunFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw RunFileError(kind: .unreadable, file: url.lastPathComponent,
                               problem: "cannot be read (\(error.localizedDescription))", hint: "check that the file exists")
        }
        return try read(data: data, file: url.lastPathComponent, url: url)
    }

    /// Reads a run from its bytes; `file` names it in messages.
    public static func read(data: Data, file: String, url: URL? = nil) throws(RunFileError) -> RunFile {
        let decoder = RunFormat.makeDecoder()
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false).map { trimCR($0) }
        let endsCleanly = data.last == 0x0A
        if endsCleanly { lines.removeLast() }   // the empty piece after the final newline
        guard let first = lines.first, !first.allSatisfy(isSpace) else {
            throw notARunFile(file, "it is empty")
        }
        let header = try readHeader(Data(first), file: file, decoder: decoder)

        var notices: [String] = []
        if header.version.minor > RunFormat.version.minor {
            notices.append("format version \(header.version) is newer than this bnlab writes (\(RunFormat.version)): "
                           + "fields and events it does not know were skipped")
        }
        if let problem = header.configProblem {
            notices.append("line 1: the run's config could not be read (\(problem)); the events replay, "
                           + "but the run cannot be repeated from this file")
        }

        var events: [RunEvent] = []
        var unknown: [String: Int] = [:]
        var skipped: [String] = []
        for index in lines.indices.dropFirst() {
            let line = Data(lines[index])
            let number = index + 1
            if line.allSatisfy(isSpace) { continue }
            let isPartial = index == lines.count - 1 && !endsCleanly
            do {
                events.append(try decoder.decode(RunEvent.self, from: line))
            } catch let error as UnknownEventType {
                unknown[error.type, default: 0] += 1
            } catch {
                if isPartial {
                    notices.append("file ends mid-line after line \(number - 1): the last partial line was ignored")
                } else {
                    skipped.append(describeBadLine(line, number: number, error: error, decoder: decoder))
                }
            }
        }
        if !skipped.isEmpty {
            notices += skipped.prefix(describedLineLimit)
            if skipped.count > describedLineLimit {
                notices.append("\(skipped.count - describedLineLimit) more unreadable lines were skipped")
            }
        }
        if !unknown.isEmpty {
            let total = unknown.values.reduce(0, +)
            let kinds = unknown.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            notices.append("skipped \(total) event\(total == 1 ? "" : "s") of types this bnlab does not know (\(kinds)); "
                           + "a newer bnlab wrote them: upgrade to see them")
        }
        if !events.contains(where: { if case .end = $0 { true } else { false } }) {
            notices.append("no end event: the run was interrupted or is still being written")
        }
        return RunFile(url: url, header: header, events: events, notices: notices)
    }

    /// Reads only the first line: enough to list runs quickly.
    public static func readHeader(contentsOf url: URL) throws(RunFileError) -> RunHeader {
        let name = url.lastPathComponent
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw RunFileError(kind: .unreadable, file: name, problem: "cannot be opened", hint: "check that the file exists")
        }
        defer { try? handle.close() }
        var buffer = Data()
        while !buffer.contains(0x0A), let chunk = try? handle.read(upToCount: 64 * 1024), !chunk.isEmpty {
            buffer.append(chunk)
        }
        let first = buffer.split(separator: 0x0A, maxSplits: 1, omittingEmptySubsequences: false).first ?? Data()
        guard !first.allSatisfy(isSpace) else { throw notARunFile(name, "it is empty") }
        return try readHeader(Data(trimCR(first)), file: name, decoder: RunFormat.makeDecoder())
    }

    /// The summaries of every `*.jsonl` file of `folder`, newest first, and the files that
    /// could not be read.
    public static func summaries(in folder: URL) -> (runs: [RunSummary], failures: [RunFileError]) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var runs: [RunSummary] = []
        var failures: [RunFileError] = []
        for name in names.sorted() where name.hasSuffix("." + RunFormat.fileExtension) {
            do {
                runs.append(try read(contentsOf: folder.appendingPathComponent(name)).summary)
            } catch {
                failures.append(error)
            }
        }
        runs.sort { ($0.started, $0.runID) > ($1.started, $1.runID) }
        return (runs, failures)
    }

    // MARK: - Header

    /// Only the fields needed to recognize a header.
    private struct HeaderProbe: Decodable {
        var format: String?
        var version: String?
    }

    private static func readHeader(_ line: Data, file: String, decoder: JSONDecoder) throws(RunFileError) -> RunHeader {
        guard let probe = try? decoder.decode(HeaderProbe.self, from: line) else {
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
            return try decoder.decode(RunHeader.self, from: line)
        } catch {
            throw RunFileError(kind: .badHeader, file: file, line: 1,
                               problem: "the header cannot be read: \(RunFileError.describe(error))",
                               hint: "see docs/run-format.md for the header's fields")
        }
    }

    // MARK: - Helpers

    private static func notARunFile(_ file: String, _ why: String) -> RunFileError {
        RunFileError(kind: .notARunFile, file: file, line: 1, problem: "not a bnlab run file (\(why))",
                     hint: "run files are the .jsonl files bnlab writes in its runs folder")
    }

    /// `line 14: could not read a 'step' event (field 'loss': expected a number); skipped`.
    private static func describeBadLine(_ line: Data, number: Int, error: any Error, decoder: JSONDecoder) -> String {
        struct TypeProbe: Decodable { var type: String? }
        guard let probe = try? decoder.decode(TypeProbe.self, from: line) else {
            return "line \(number) is not a JSON object; skipped"
        }
        guard let type = probe.type else {
            return "line \(number) has no 'type' field; skipped"
        }
        return "line \(number): could not read a '\(type)' event (\(RunFileError.describe(error))); skipped"
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D
    }

    private static func trimCR(_ line: Data.SubSequence) -> Data.SubSequence {
        line.last == 0x0D ? line.dropLast() : line
    }
}
