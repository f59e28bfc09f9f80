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
        /// How it ended (`done`, `diverged`…); without an end, its liveness (`running`, `stalled`)
        /// while the browser follows the folder, else `unfinished`.
        public var status: String { endStatus ?? liveness?.rawValue ?? Liveness.unfinished.rawValue }
        /// How it ended, from its `end` event; nil while the file has none.
        public var endStatus: String?
        /// Whether a run without an end still grows (``RunsFolderFollower``); nil until known.
        public var liveness: Liveness?
        /// The last optimizer step recorded.
        public var steps: Int
        /// The last epoch's mean training loss, or the last step's loss before any epoch ended.
        public var loss: Double?
        /// The last epoch's eval-mode test accuracy, 0…1.
        public var finalAccuracy: Double?
        /// The file's path.
        public var path: String
        /// The random seed.
        public var seed: UInt64
        /// The config's learning rate.
        public var lr: Double?
        /// The config's batch size.
        public var batchSize: Int?
        /// The optimizer's momentum.
        public var momentum: Double?
        /// The process's rank, for one file of a data-parallel run.
        public var rank: Int?
        /// The id shared by the files of one data-parallel run.
        public var group: String?

        /// An entry from a run file's summary.
        public init(_ summary: RunSummary) {
            experiment = TerminalSafe.strip(summary.experiment)
            variant = TerminalSafe.strip(summary.variant)
            name = variant
            runID = summary.runID
            context = summary.context
            epochs = summary.epochs
            started = summary.started
            endStatus = summary.status?.rawValue
            steps = summary.steps
            loss = summary.finalTrainLoss
            finalAccuracy = summary.finalAccuracy
            path = summary.url?.path ?? ""
            seed = summary.seed
            lr = summary.lr
            batchSize = summary.batchSize
            momentum = summary.momentum
            rank = summary.rank
            group = summary.group
        }

        /// Who the run is, for ``RunNaming``.
        public var identity: RunIdentity {
            RunIdentity(experiment: experiment, variant: variant, seed: seed, tag: runID, rank: rank, group: group)
        }
    }

    /// What to do with the highlighted or marked runs, once confirmed.
    public enum PendingAction: Sendable, Equatable {
        /// Delete these files.
        case delete(paths: [String])
        /// Move these files into the runs folder's `archive/` folder.
        case archive(paths: [String])
    }

    /// Every listed run, newest first.
    public private(set) var all: [Entry]
    /// The rows shown: the runs passing ``filter``, in ``sortColumn`` order.
    public private(set) var entries: [Entry]
    /// Files of the folder that could not be read, with why.
    public var failures: [String]
    /// Index of the highlighted row.
    public private(set) var selection = 0
    /// Indices of the marked rows, ascending.
    public private(set) var marked: [Int] = []
    /// The marked files (marks survive sorting and filtering).
    private var markedPaths: Set<String> = []
    /// The column the rows are sorted by.
    public private(set) var sortColumn: RunsBrowserColumn = .started
    /// Whether the order is descending (newest, largest first).
    public private(set) var descending = true
    /// The filter typed after `/`.
    public private(set) var filter = RunsBrowserFilter("")
    /// Whether keys are typed into the filter.
    public private(set) var isTypingFilter = false
    /// A delete or archive waiting for y/n.
    public var pending: PendingAction?

    /// A browser over `runs` (as ``RunReader/summaries(in:)`` lists them), the first row highlighted.
    public init(runs: [RunSummary], failures: [String] = []) {
        all = Self.named(runs.map(Entry.init))
        entries = all
        self.failures = failures.map { TerminalSafe.strip($0) }
    }

    /// `entries` named by the one naming rule among them (the experiment has its own column).
    private static func named(_ entries: [Entry]) -> [Entry] {
        var entries = entries
        for (i, name) in RunNaming.labels(entries.map(\.identity), qualifiesExperiment: false).enumerated() {
            entries[i].name = name
        }
        return entries
    }

    /// Replaces every listed run (``apply(_:)``), named again, keeping sort, filter, marks and the
    /// highlighted run.
    mutating func replaceAll(_ entries: [Entry]) {
        all = Self.named(entries)
        relayout()
    }

    /// Sorts by the next column (descending first for numbers and dates).
    public mutating func cycleSortColumn() {
        sortColumn = sortColumn.next
        relayout()
    }

    /// Reverses the order.
    public mutating func reverseOrder() {
        descending.toggle()
        relayout()
    }

    /// Starts typing a filter (`/`), keeping the text typed before.
    public mutating func beginFilter() {
        isTypingFilter = true
    }

    /// Applies a key while typing the filter: text, Backspace, Enter (keep) or Esc (clear).
    public mutating func typeFilter(_ key: Key) {
        switch key {
        case .character(let c): filter.text.append(c)
        case .backspace: if !filter.text.isEmpty { filter.text.removeLast() }
        case .enter: isTypingFilter = false
        case .escape: isTypingFilter = false; filter.text = ""
        default: return
        }
        relayout()
    }

    /// The files a delete or archive acts on: the marked ones, else the highlighted one.
    public var targetPaths: [String] { pathsToOpen }

    /// Rebuilds the shown rows from ``all`` after a sort or filter change, keeping the
    /// highlighted run when it is still shown.
    private mutating func relayout() {
        let highlighted = entries.indices.contains(selection) ? entries[selection].path : nil
        let column = sortColumn, descending = descending, filter = filter
        entries = all.filter { filter.matches($0) }
        // a stable order: ties keep the listing's order (newest first)
        let order = entries.indices.sorted { i, j in
            let (a, b) = (entries[i], entries[j])
            if column.ascending(a, b) { return !descending }
            if column.ascending(b, a) { return descending }
            return i < j
        }
        entries = order.map { entries[$0] }
        selection = highlighted.flatMap { path in entries.firstIndex { $0.path == path } } ?? 0
        marked = entries.indices.filter { markedPaths.contains(entries[$0].path) }
    }

    /// Drops the rows of `paths` (deleted or archived), keeping sort, filter and the other marks.
    public mutating func remove(paths: [String]) {
        let gone = Set(paths)
        all = Self.named(all.filter { !gone.contains($0.path) })
        markedPaths.subtract(gone)
        relayout()
        move(by: 0)
    }

    /// Moves the highlight by `delta` rows, clamped to the list.
    public mutating func move(by delta: Int) {
        guard !entries.isEmpty else { return }
        selection = min(max(0, selection + delta), entries.count - 1)
    }

    /// Marks the highlighted row, or unmarks it when marked.
    public mutating func toggleMark() {
        guard entries.indices.contains(selection) else { return }
        let path = entries[selection].path
        if markedPaths.remove(path) == nil { markedPaths.insert(path) }
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
