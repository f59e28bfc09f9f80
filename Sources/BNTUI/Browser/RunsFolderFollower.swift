import BNLab
import Foundation

/// Keeps the runs browser's listing current while it is open, as `bnlab watch` follows its files:
/// files new in the runs folder are read and listed, files gone are dropped, and every run without
/// an `end` is checked for growth: a grown file's summary is read again (``RunSummaryReader``:
/// its header and tail), and its liveness follows the stall rule (``RunGrowth``): *running* while
/// it grows, *stalled* once it stops for the stall time without an end.
///
/// Finished runs (with an `end`) are not looked at again; a file that cannot be read yet (its
/// header still being written) is tried again when it grows. ``refresh(now:)`` reads files: call it
/// off the UI thread (the app calls it on the mailbox's queue) and hand its changes to the browser
/// (``WorkbenchMessage/savedRunsChanged(_:)``).
///
/// ```swift
/// let follower = RunsFolderFollower(folder: runs)
/// follower.start(with: listing.runs)
/// if let changes = follower.refresh() { browser.apply(changes) }
/// ```
public final class RunsFolderFollower: @unchecked Sendable {
    /// The folder followed.
    public let folder: URL
    /// Seconds without growth after which a run without an end is stalled.
    public let stallAfter: TimeInterval

    /// What is known of one listed file.
    private struct Known {
        var growth: RunGrowth
        /// It has an `end`: not looked at again.
        var finished: Bool
        /// Its summary was read (it is a row of the browser).
        var listed = true
        /// It was seen growing while followed (so that it is stalled, not merely unfinished, when it stops).
        var wasRunning = false
        /// The liveness last handed out.
        var liveness: RunsBrowser.Liveness?
    }

    private let lock = NSLock()
    private var known: [String: Known] = [:]
    private var refreshing = false

    /// A follower of `folder`; ``start(with:)`` gives it the listing to follow from.
    public init(folder: URL, stallAfter: TimeInterval = 30) {
        self.folder = folder
        self.stallAfter = stallAfter
    }

    /// Starts over from `runs` (a fresh listing of the folder, e.g. ``RunIndex/listing(in:useIndex:progress:)``),
    /// returning their liveness (only runs without an end: *running* when their file changed within
    /// the stall time).
    @discardableResult
    public func start(with runs: [RunSummary], now: Date = Date()) -> [String: RunsBrowser.Liveness] {
        var fresh: [String: Known] = [:]
        for run in runs {
            guard let url = run.url else { continue }
            // only the unfinished ones are looked at (a stat each): the finished are not followed
            let finished = run.status != nil
            let growth = finished ? RunGrowth(size: 0, since: now) : RunGrowth(url: url, size: Self.size(url) ?? 0, now: now)
            fresh[url.path] = Known(growth: growth, finished: finished)
        }
        lock.lock()
        defer { lock.unlock() }
        known = fresh
        return livenessChanges(now: now)
    }

    /// Claims the next refresh: false while one is still under way (the app skips a beat then).
    public func claimRefresh() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !refreshing else { return false }
        refreshing = true
        return true
    }

    /// Reads what changed in the folder since the last call (new, grown and gone files) and the
    /// runs whose liveness changed; nil when nothing did. Ends a claimed refresh.
    public func refresh(now: Date = Date()) -> RunsBrowser.Changes? {
        lock.lock()
        let before = known
        lock.unlock()
        let urls = FollowBackend.runFiles(in: [folder])
        let present = Set(urls.map(\.path))
        var changes = RunsBrowser.Changes()
        var after = before.filter { present.contains($0.key) }
        changes.removed = before.keys.filter { !present.contains($0) }.sorted()
        for url in urls {
            // a finished run is not looked at again (no stat: 10,000 listed runs cost a directory read)
            if after[url.path]?.finished == true { continue }
            let size = Self.size(url) ?? 0
            if var entry = after[url.path] {
                // an unfinished one is read again when it grew
                guard entry.growth.observe(size: size, now: now) else { continue }
                entry.wasRunning = true
                after[url.path] = entry
            } else {
                after[url.path] = Known(growth: RunGrowth(url: url, size: size, now: now), finished: false, listed: false)
            }
            guard let summary = try? RunSummaryReader.summary(contentsOf: url) else { continue }
            after[url.path]?.finished = summary.status != nil
            after[url.path]?.listed = true
            changes.changed.append(summary)
        }
        lock.lock()
        defer { lock.unlock() }
        known = after
        refreshing = false
        changes.liveness = livenessChanges(now: now)
        return changes.isEmpty ? nil : changes
    }

    /// The liveness of every run whose liveness changed since it was last handed out (`unfinished`:
    /// no longer live; a finished run is listed by its end); call with the lock held.
    private func livenessChanges(now: Date) -> [String: RunsBrowser.Liveness] {
        var out: [String: RunsBrowser.Liveness] = [:]
        for (path, entry) in known where entry.listed {
            var current: RunsBrowser.Liveness?
            if !entry.finished {
                if !entry.growth.isStalled(now: now, after: stallAfter) {
                    current = .running
                    known[path]?.wasRunning = true
                } else if entry.wasRunning {
                    current = .stalled
                }
            }
            if current != entry.liveness {
                known[path]?.liveness = current
                out[path] = current ?? .unfinished
            }
        }
        return out
    }

    private static func size(_ url: URL) -> UInt64? {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.uint64Value
    }
}
