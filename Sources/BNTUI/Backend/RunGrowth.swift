import Foundation

/// Whether a run file another program writes is still growing: its size at the last growth and
/// when that was. A run without an `end` that has been quiet for the stall time is *stalled*; the
/// one rule `bnlab watch` and the runs browser show.
///
/// ```swift
/// var growth = RunGrowth(url: url, size: 0, now: Date())   // quiet since the file's last change
/// growth.observe(size: 4096, now: Date())                    // grew: quiet from now
/// growth.isStalled(now: Date(), after: 30)
/// ```
struct RunGrowth: Sendable, Equatable {
    /// The size at the last growth.
    private(set) var lastSize: UInt64
    /// When it last grew.
    private(set) var lastGrowth: Date

    /// A file found at `now` with `size` bytes, quiet since its last modification (if earlier), so
    /// that a file abandoned long ago is stalled at once.
    init(url: URL, size: UInt64, now: Date) {
        let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate]) as? Date
        lastSize = size
        lastGrowth = min(now, modified ?? now)
    }

    /// A file of `size` bytes that last grew at `since` (no file access).
    init(size: UInt64, since: Date) {
        lastSize = size
        lastGrowth = since
    }

    /// Takes note of the file's size at `now`; true when it changed (then it is quiet from `now`).
    @discardableResult
    mutating func observe(size: UInt64, now: Date) -> Bool {
        guard size != lastSize else { return false }
        lastSize = size
        lastGrowth = now
        return true
    }

    /// Seconds since the last growth.
    func quiet(now: Date) -> TimeInterval { now.timeIntervalSince(lastGrowth) }

    /// Whether it has been quiet for `stallAfter` seconds or more.
    func isStalled(now: Date, after stallAfter: TimeInterval) -> Bool { quiet(now: now) >= stallAfter }

    /// `stalled: no new lines for 42 s`.
    func stalledMessage(now: Date) -> String { "stalled: no new lines for \(Int(quiet(now: now))) s" }
}
