/// The one rule that names runs in every listing, legend and report (workbench and CLI).
///
/// - `bn` when the variant appears once among the runs named together;
/// - `bn s2` when several runs share the variant and their seeds tell them apart;
/// - `bn #a3f9c2` (the run id) when they do not (same seed, or seed unknown);
/// - `bn r0`, `bn r1` for the files of one data-parallel run (one per rank): they count as one run
///   above, told apart by their rank, never by seed or id (`bn #5d1e07 r1`, with the run's group id,
///   when several data-parallel runs share the variant and their seeds do not tell them apart);
/// - prefixed with `experiment/` when the runs span several experiments and `qualifiesExperiment`.
///
/// ```swift
/// RunNaming.labels([bn1, bn2, noBN])     // ["bn s1", "bn s2", "no-bn"]
/// RunNaming.labels([rank0, rank1])       // ["bn r0", "bn r1"]
/// ```
///
/// Names from files are stripped of control characters (``TerminalSafe``).
public enum RunNaming {
    /// The label of each run in `runs` (same order), unique among them.
    public static func labels(_ runs: [RunIdentity], qualifiesExperiment: Bool = true) -> [String] {
        // grouped once: linear in the runs (10,000 listed runs)
        let qualify = qualifiesExperiment && Set(runs.map(\.experiment)).count > 1
        let variants = Dictionary(grouping: runs.indices) { [runs[$0].experiment, runs[$0].variant] }
        // per variant shared by several runs: whether seeds tell its runs apart (nil: one run, no suffix)
        var seedsTell: [[String]: Bool] = [:]
        for (key, members) in variants where members.count > 1 {
            // the files of one data-parallel run are one run here
            let units = Dictionary(grouping: members) { unitKey(runs[$0], index: $0) }
            guard units.count > 1 else { continue }
            let seeds = units.values.map { unit in Set(unit.map { runs[$0].seed }) }
            seedsTell[key] = seeds.allSatisfy { $0.count == 1 && $0.first! != nil }
                && Set(seeds.map { $0.first! }).count == seeds.count
        }
        return runs.map { run in
            var name = qualify ? "\(run.experiment)/\(run.variant)" : run.variant
            if let bySeed = seedsTell[[run.experiment, run.variant]] {
                if bySeed, let seed = run.seed {
                    name += " s\(seed)"
                } else if run.rank != nil, let group = run.group, !group.isEmpty {
                    name += " #" + group
                } else if !run.tag.isEmpty {
                    name += " " + run.tag
                }
            }
            if let rank = run.rank { name += " r\(rank)" }
            return TerminalSafe.strip(name)
        }
    }

    /// The label of `run` among `runs` (which should contain it), as ``labels(_:qualifiesExperiment:)``
    /// names it there.
    public static func label(of run: RunIdentity, among runs: [RunIdentity], qualifiesExperiment: Bool = true) -> String {
        let all = runs.contains(run) ? runs : runs + [run]
        let named = labels(all, qualifiesExperiment: qualifiesExperiment)
        return named[all.firstIndex(of: run)!]
    }

    /// What counts as one run when naming: the group of a data-parallel run's files, else the run.
    private static func unitKey(_ run: RunIdentity, index: Int) -> String {
        if run.rank != nil, let group = run.group, !group.isEmpty { return "g" + group }
        return "i\(index)"
    }
}
