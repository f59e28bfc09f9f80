import BNLab

extension RunRecord {
    /// Who the run is, for ``RunNaming``: the file's run id when replayed, else the backend's id.
    public var identity: RunIdentity {
        RunIdentity(experiment: experimentID, variant: variant, seed: seed, tag: fileRunID ?? id, rank: rank, group: group)
    }

    /// The names of `runs` (same order) by the one naming rule: `bn-vs-no-bn/bn s2` when the runs
    /// span several experiments, `bn s2` when not.
    public static func labels(_ runs: [RunRecord]) -> [String] {
        RunNaming.labels(runs.map(\.identity))
    }

    /// The name of this run among `runs`, e.g. `bn-vs-no-bn/bn s2` (see ``labels(_:)``).
    public func label(among runs: [RunRecord]) -> String {
        RunNaming.label(of: identity, among: runs.map(\.identity))
    }
}
