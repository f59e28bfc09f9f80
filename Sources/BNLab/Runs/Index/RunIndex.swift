import Foundation

/// A cache of run summaries kept in the runs folder (`.bnlab-index`, tab-separated lines), so listing thousands
/// of runs reads one small file instead of every run's header and tail.
///
/// - Each entry is keyed by the run file's name, size and modification time; a file whose size
///   or time changed (a run still being written) is read again, a file gone is dropped.
/// - The run files stay the source of truth: the index is safe to delete, and an index that
///   cannot be read (damaged, from another version) is rebuilt without a word.
/// - It is written atomically (a temporary file renamed over it), and only when something
///   changed; a folder that cannot be written to is listed all the same.
///
/// ```swift
/// let listing = RunIndex.listing(in: runsFolder) { read, total in print("reading \(read) of \(total)…") }
/// ```
public enum RunIndex {
    /// The index's file name in the runs folder.
    public static let fileName = ".bnlab-index"
    /// The layout version: an index of another version is rebuilt.
    static let version = 5   // 4: a rank outside world_size is refused; 5: lr and batch from params

    /// One indexed run file.
    struct Entry {
        var file: String
        var size: Int
        var mtime: Double
        var summary: RunSummary
    }

    /// The stored index.
    struct Stored {
        var runs: [Entry]
    }

    /// The summaries of every `*.jsonl` file of `folder`, newest first, through the index when
    /// `useIndex` (reading only new or changed files, then updating the index). `progress` is
    /// called from any thread with (files read, files to read) as files are read.
    public static func listing(in folder: URL, useIndex: Bool = true,
                               progress: (@Sendable (_ read: Int, _ total: Int) -> Void)? = nil) -> RunListing {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix("." + RunFormat.fileExtension) && !$0.hasPrefix(".") }
        let indexURL = folder.appendingPathComponent(fileName)
        var known: [String: Entry] = [:]
        if useIndex, let stored = load(indexURL) {
            for entry in stored.runs { known[entry.file] = entry }
        }
        var entries: [Entry] = []
        var toRead: [(name: String, size: Int, mtime: Double)] = []
        let folderPath = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        for name in names {
            guard let (size, mtime) = fileStamp(folderPath + name) else {
                toRead.append((name, -1, 0))
                continue
            }
            if let entry = known[name], entry.size == size, entry.mtime == mtime {
                var entry = entry
                entry.summary.url = URL(fileURLWithPath: folderPath + name, isDirectory: false)
                entries.append(entry)
            } else {
                toRead.append((name, size, mtime))
            }
        }
        let fresh = readSummaries(toRead.map(\.name), in: folder, progress: progress)
        var failures: [RunFileError] = []
        for (file, result) in zip(toRead, fresh) {
            switch result {
            case .success(let summary): entries.append(Entry(file: file.name, size: file.size, mtime: file.mtime, summary: summary))
            case .failure(let error): failures.append(error)
            }
        }
        if useIndex && (!toRead.isEmpty || entries.count != known.count) {
            save(Stored(runs: entries.filter { $0.size >= 0 }.sorted { $0.file < $1.file }), to: indexURL)
        }
        var runs = entries.map(\.summary)
        runs.sort { ($0.started, $0.runID) > ($1.started, $1.runID) }
        failures.sort { $0.file < $1.file }
        return RunListing(runs: runs, failures: failures)
    }

    /// Reads the summaries of `names`, on every core.
    private static func readSummaries(_ names: [String], in folder: URL,
                                      progress: (@Sendable (Int, Int) -> Void)?) -> [Result<RunSummary, RunFileError>] {
        guard !names.isEmpty else { return [] }   // no worker threads for nothing
        let results = LockedResults(count: names.count)
        let total = names.count
        progress?(0, total)
        // one job per core, each taking every `workers`-th file: fewer hand-offs than one job a file
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, total))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for i in stride(from: worker, to: total, by: workers) {
                let url = folder.appendingPathComponent(names[i])
                let result = Result<RunSummary, RunFileError> { () throws(RunFileError) in try RunSummaryReader.summary(contentsOf: url) }
                let done = results.set(i, result)
                if done % 100 == 0 || done == total { progress?(done, total) }
            }
        }
        return results.values
    }

    /// The stored index, nil when missing, unreadable or of another version.
    static func load(_ url: URL) -> Stored? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return decode(data)
    }

    /// Writes the index through a temporary file renamed over the old one; failures are ignored
    /// (the index is only a cache).
    static func save(_ stored: Stored, to url: URL) {
        let data = Data(encode(stored).utf8)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(fileName).\(getpid()).tmp")
        do {
            try data.write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                try? FileManager.default.removeItem(at: temporary)
                return
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    /// The file's size and modification time (seconds, with nanoseconds), nil when it cannot be stat'ed.
    static func fileStamp(_ path: String) -> (size: Int, mtime: Double)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (Int(info.st_size), Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) * 1e-9)
    }
}

/// Results filled in from several threads.
private final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<RunSummary, RunFileError>?]
    private var filled = 0

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Stores result `i`; returns how many are filled.
    func set(_ i: Int, _ result: Result<RunSummary, RunFileError>) -> Int {
        lock.lock()
        defer { lock.unlock() }
        slots[i] = result
        filled += 1
        return filled
    }

    /// All results (every slot filled once the work is done).
    var values: [Result<RunSummary, RunFileError>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
