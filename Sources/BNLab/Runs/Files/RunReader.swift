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

    /// Reads the whole file as a stream of lines, keeping at most 512 evenly spaced BatchNorm
    /// snapshots per layer and 100,000 evenly spaced step events (and the last of each, and every
    /// non-finite loss), so memory stays bounded however long the file is (see ``EventThinning``).
    public static func read(contentsOf url: URL) throws(RunFileError) -> RunFile {
        try read(contentsOf: url, snapshotsPerLayer: EventThinning.defaultSnapshotLimit)
    }

    /// Reads the whole file, keeping at most `snapshotsPerLayer` snapshots per layer.
    public static func read(contentsOf url: URL, snapshotsPerLayer: Int) throws(RunFileError) -> RunFile {
        let stream = try RunEventReader(contentsOf: url)
        return collect(stream, url: url, snapshotsPerLayer: snapshotsPerLayer)
    }

    /// Reads what a text report shows (``RunFile`` with only the last snapshot of each layer; the
    /// `bn_watch` events are kept, since the report checks PyTorch's rule at every recorded
    /// forward), passing over the other snapshots by a byte scan: faster than
    /// ``read(contentsOf:)`` on a long run.
    public static func readForReport(contentsOf url: URL) throws(RunFileError) -> RunFile {
        try read(contentsOf: url, skipping: [], lastOnly: ["bn_snapshot"])
    }

    /// Reads what a replay's first screen needs, fast: no `bn_watch`, the last snapshot of each
    /// layer; the full read follows in the background.
    public static func readFirstScreen(contentsOf url: URL) throws(RunFileError) -> RunFile {
        try read(contentsOf: url, skipping: ["bn_watch"], lastOnly: ["bn_snapshot"])
    }

    /// Reads the file without the events of the `skipping` types, and only the last line per
    /// layer of the `lastOnly` types (see ``RunEventReader/skippedTypes`` and
    /// ``RunEventReader/lastOnlyTypes``).
    public static func read(contentsOf url: URL, skipping: Set<String>, lastOnly: Set<String> = []) throws(RunFileError) -> RunFile {
        let stream = try RunEventReader(contentsOf: url)
        stream.skippedTypes = skipping
        stream.lastOnlyTypes = lastOnly
        stream.parallelSteps = true
        return collect(stream, url: url, snapshotsPerLayer: EventThinning.defaultSnapshotLimit)
    }

    /// Reads a run from its bytes; `file` names it in messages.
    public static func read(data: Data, file: String, url: URL? = nil) throws(RunFileError) -> RunFile {
        collect(try RunEventReader(data: data, file: file), url: url, snapshotsPerLayer: EventThinning.defaultSnapshotLimit)
    }

    /// Opens `url` for reading its events one at a time (see ``RunEventReader``).
    public static func events(contentsOf url: URL) throws(RunFileError) -> RunEventReader {
        try RunEventReader(contentsOf: url)
    }

    private static func collect(_ stream: RunEventReader, url: URL?, snapshotsPerLayer: Int) -> RunFile {
        var kept = EventThinning(snapshotLimit: snapshotsPerLayer)
        while let (_, event) = stream.next() { kept.append(event) }
        let (events, thinned) = kept.finish()
        return RunFile(url: url, header: stream.header, events: events, notices: stream.notices + thinned)
    }

    /// Reads only the first line: enough to list runs quickly.
    public static func readHeader(contentsOf url: URL) throws(RunFileError) -> RunHeader {
        try RunEventReader(contentsOf: url).header
    }

    /// The summaries of every `*.jsonl` file of `folder`, newest first, and the files that
    /// could not be read; each from its header and tail (``RunSummaryReader``), without the
    /// folder's index (``RunIndex/listing(in:useIndex:progress:)`` uses it).
    public static func summaries(in folder: URL) -> (runs: [RunSummary], failures: [RunFileError]) {
        let listing = RunIndex.listing(in: folder, useIndex: false)
        return (listing.runs, listing.failures)
    }
}
