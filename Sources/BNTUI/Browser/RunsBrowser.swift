import BNLab
import Foundation

/// The saved runs of the runs folder as the workbench lists them (newest first), the highlighted
/// row and the marked ones. Opening replays the marked runs as a comparison, or the highlighted one
/// when none is marked.
///
/// ```swift
/// var browser = RunsBrowser(runs: RunReader.summaries(in: folder).runs)
/// browser.toggleMark(); browser.move(by: 1); browser.toggleMark()
/// browser.pathsToOpen     // the two marked files, in list order
/// ```
public struct RunsBrowser: Sendable, Equatable {
    /// One saved run, as listed.
    public struct Entry: Sendable, Equatable {
        /// The experiment's id.
        public var experiment: String
        /// The variant's name.
        public var variant: String
        /// The run's name among the listed runs of its experiment (``RunNaming``): `bn`, or `bn s2`
        /// when several runs share the variant.
        public var name: String
        /// The run id from the header.
        public var runID: String
        /// The planned data and epochs; nil when the header has no readable config.
        public var context: RunContext?
        /// Completed epochs.
        public var epochs: Int
        /// When it started.
        public var started: Date
        /// How it ended (`done`, `diverged`…), or `unfinished` when the file has no end.
        public var status: String
        /// The last epoch's eval-mode test accuracy, 0…1.
        public var finalAccuracy: Double?
        /// The file's path.
        public var path: String

        /// An entry from a run file's summary.
        public init(_ summary: RunSummary) {
            experiment = TerminalSafe.strip(summary.experiment)
            variant = TerminalSafe.strip(summary.variant)
            name = variant
            runID = summary.runID
            context = summary.context
            epochs = summary.epochs
            started = summary.started
            status = summary.status?.rawValue ?? "unfinished"
            finalAccuracy = summary.finalAccuracy
            path = summary.url?.path ?? ""
        }
    }

    /// The runs, newest first.
    public var entries: [Entry]
    /// Files of the folder that could not be read, with why.
    public var failures: [String]
    /// Index of the highlighted row.
    public private(set) var selection = 0
    /// Indices of the marked rows, ascending.
    public private(set) var marked: [Int] = []

    /// A browser over `runs` (as ``RunReader/summaries(in:)`` lists them), the first row highlighted.
    public init(runs: [RunSummary], failures: [String] = []) {
        entries = runs.map(Entry.init)
        for (i, name) in RunNaming.labels(runs.map(\.identity), qualifiesExperiment: false).enumerated() {
            entries[i].name = name
        }
        self.failures = failures.map { TerminalSafe.strip($0) }
    }

    /// Moves the highlight by `delta` rows, clamped to the list.
    public mutating func move(by delta: Int) {
        guard !entries.isEmpty else { return }
        selection = min(max(0, selection + delta), entries.count - 1)
    }

    /// Marks the highlighted row, or unmarks it when marked.
    public mutating func toggleMark() {
        guard entries.indices.contains(selection) else { return }
        if let i = marked.firstIndex(of: selection) {
            marked.remove(at: i)
        } else {
            marked.append(selection)
            marked.sort()
        }
    }

    /// The files Enter opens: the marked ones in list order, else the highlighted one.
    public var pathsToOpen: [String] {
        if !marked.isEmpty { return marked.map { entries[$0].path } }
        return entries.indices.contains(selection) ? [entries[selection].path] : []
    }
}
