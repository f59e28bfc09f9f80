import BNLab

/// The replay open in the workbench: the runs replayed, one cursor shared by all of them, the files
/// that could not be opened, and the differences between the runs' configurations.
///
/// With one source it is a replay; with several it is a comparison (the charts overlay them).
public struct ReplaySession: Sendable, Equatable {
    /// The runs replayed, in the order opened.
    public var sources: [ReplaySource]
    /// The cursor every chart follows.
    public var cursor: ReplayCursor
    /// Files that could not be replayed, each as `name: what was wrong; what to do`.
    public var failures: [String]
    /// The configuration keys whose values differ between the runs.
    public var configDiff: ConfigDiff
    /// Indices of ``sources`` grouped by configuration: runs differing only in their seed share a
    /// group and are drawn as a mean line with a min–max band (see ``SeedBand``).
    public var seedGroups: [[Int]]

    /// A session over `sources`, its cursor spanning all of them and paused at the start.
    public init(sources: [ReplaySource], failures: [String] = []) {
        self.sources = sources
        self.failures = failures
        let first = sources.map(\.firstStep).min() ?? 0
        let last = sources.map(\.lastStep).max() ?? 0
        // The first run's epoch ends drive epoch moves; with runs of different lengths, the union.
        let ends = Set(sources.flatMap(\.epochEnds)).sorted()
        cursor = ReplayCursor(firstStep: first, lastStep: last, epochEnds: ends)
        configDiff = ConfigDiff(headers: sources.map { (label: $0.id, header: $0.header) })
        seedGroups = SeedBand.groups(sources)
    }

    /// The epoch of the cursor for the bar: `epoch 2/5` when every run ends its epochs at the same
    /// steps; otherwise each run's own, `epochs r1 1/2, r2 3/10` (with more than three runs,
    /// `epochs differ`), as a run's epoch count is its own, not the union's. Empty without epochs.
    public func epochText() -> String {
        let ends = sources.map(\.epochEnds)
        guard ends.contains(where: { !$0.isEmpty }) else { return "" }
        if Set(ends).count == 1 { return "epoch \(cursor.epoch)/\(cursor.epochEnds.count)" }
        guard sources.count <= 3 else { return "epochs differ" }
        let step = cursor.step
        return "epochs " + zip(sources, ends).map { source, ends in
            let epoch = max(1, min(ends.count, ends.filter { $0 < step }.count + 1))
            return ends.isEmpty ? "\(source.id) -" : "\(source.id) \(epoch)/\(ends.count)"
        }.joined(separator: ", ")
    }

    /// The legend name of `source` by the one naming rule (``RunNaming``): its variant, made
    /// unique among the sources by the experiment, the seed or the run id when needed (`bn`,
    /// `bn s2`, `bn #a3f9c2`, `frozen-bn/bn`).
    public func label(of source: ReplaySource) -> String {
        RunNaming.label(of: RunIdentity(header: source.header), among: sources.map { RunIdentity(header: $0.header) })
    }

    /// Every notice of every source, prefixed with its file name, then the failures.
    public var notices: [String] {
        sources.flatMap { s in s.notices.map { "\(s.fileName): \($0)" } } + failures
    }
}
