import BNLab
import Foundation

/// The runs browser kept current while it is open (``RunsFolderFollower``): new files appear,
/// growing files update their rows (steps, loss, epochs, status), an `end` finishes a run, and a
/// run that stops growing without one is *stalled*.
extension RunsBrowser {
    /// Where a run without an `end` is in its life, as its file shows.
    public enum Liveness: String, Sendable, Equatable {
        /// Its file grew within the stall time.
        case running
        /// It grew while the browser was open, then stopped for the stall time without an end.
        case stalled
        /// Not seen growing: interrupted, or abandoned before the browser opened.
        case unfinished
    }

    /// What changed in the runs folder since the last look.
    public struct Changes: Sendable, Equatable {
        /// Runs new in the folder, or whose files grew: their summaries read again.
        public var changed: [RunSummary] = []
        /// Files gone from the folder.
        public var removed: [String] = []
        /// Runs whose liveness changed, by file path.
        public var liveness: [String: Liveness] = [:]

        /// No changes.
        public init() {}

        /// Whether nothing changed.
        public var isEmpty: Bool { changed.isEmpty && removed.isEmpty && liveness.isEmpty }
    }

    /// Applies `changes`: updated rows replace theirs, new runs are added, gone ones dropped, and
    /// runs without an end take their liveness as status. Sort, filter, marks and the highlighted
    /// run are kept; names follow the one naming rule over the new list.
    public mutating func apply(_ changes: Changes) {
        var all = self.all
        var index = Dictionary(all.indices.map { (all[$0].path, $0) }, uniquingKeysWith: { first, _ in first })
        for summary in changes.changed {
            var entry = Entry(summary)
            if let i = index[entry.path] {
                entry.liveness = all[i].liveness
                all[i] = entry
            } else {
                index[entry.path] = all.count
                all.append(entry)
            }
        }
        for (path, liveness) in changes.liveness {
            if let i = index[path] { all[i].liveness = liveness }
        }
        replaceAll(all)
        if !changes.removed.isEmpty { remove(paths: changes.removed) }
    }
}
