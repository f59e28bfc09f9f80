import BNLab

extension ReplaySession {
    /// The name of each seed group (``seedGroups``, same order) by the one naming rule
    /// (``RunNaming``) among the lines drawn: a group of several seeds is one line named like a
    /// run without a seed (`no-bn`, to which the legend adds `mean of 3 seeds`); a group of one run
    /// is named as ``label(of:)`` would among those lines (`bn`, `frozen-bn/bn`).
    public func seedGroupNames() -> [String] {
        let lines: [RunIdentity] = seedGroups.map { group in
            let header = sources[group[0]].header
            guard group.count >= 2 else { return RunIdentity(header: header) }
            return RunIdentity(experiment: header.experiment, variant: header.variant, seed: nil, tag: "")
        }
        return RunNaming.labels(lines)
    }
}
