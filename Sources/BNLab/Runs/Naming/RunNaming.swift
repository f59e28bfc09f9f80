/// The one rule that names runs in every listing, legend and report (workbench and CLI).
///
/// - `bn` when the variant appears once among the runs named together;
/// - `bn s2` when several runs share the variant and their seeds tell them apart;
/// - `bn #a3f9c2` (the run id) when they do not (same seed, or seed unknown);
/// - prefixed with `experiment/` when the runs span several experiments and `qualifiesExperiment`.
///
/// ```swift
/// RunNaming.labels([bn1, bn2, noBN])   // ["bn s1", "bn s2", "no-bn"]
/// ```
///
/// Names from files are stripped of control characters (``TerminalSafe``).
public enum RunNaming {
    /// The label of each run in `runs` (same order), unique among them.
    public static func labels(_ runs: [RunIdentity], qualifiesExperiment: Bool = true) -> [String] {
        // the same as `label(of:among:)` for each run, grouped once: linear in the runs (10,000 listed runs)
        let qualify = qualifiesExperiment && Set(runs.map(\.experiment)).count > 1
        let groups = Dictionary(grouping: runs.indices) { [runs[$0].experiment, runs[$0].variant] }
        var uniqueSeeds: [[String]: Bool] = [:]
        for (key, members) in groups where members.count > 1 {
            let seeds = members.compactMap { runs[$0].seed }
            uniqueSeeds[key] = seeds.count == members.count && Set(seeds).count == seeds.count
        }
        return runs.map { run in
            var name = qualify ? "\(run.experiment)/\(run.variant)" : run.variant
            if let unique = uniqueSeeds[[run.experiment, run.variant]] {
                if unique, let seed = run.seed {
                    name += " s\(seed)"
                } else if !run.tag.isEmpty {
                    name += " " + run.tag
                }
            }
            return TerminalSafe.strip(name)
        }
    }

    /// The label of `run` among `runs` (which should contain it).
    public static func label(of run: RunIdentity, among runs: [RunIdentity], qualifiesExperiment: Bool = true) -> String {
        let experiments = Set(runs.map(\.experiment))
        var name = qualifiesExperiment && experiments.count > 1 ? "\(run.experiment)/\(run.variant)" : run.variant
        let siblings = runs.filter { $0.experiment == run.experiment && $0.variant == run.variant }
        if siblings.count > 1 {
            let seeds = siblings.compactMap(\.seed)
            if seeds.count == siblings.count, Set(seeds).count == seeds.count, let seed = run.seed {
                name += " s\(seed)"
            } else if !run.tag.isEmpty {
                name += " " + run.tag
            }
        }
        return TerminalSafe.strip(name)
    }
}
